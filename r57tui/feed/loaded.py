"""What a load gives: a `Feed` with its `Finding`s, or one `FeedError` that refuses it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..i18n.message import Message, MessageError
from ..i18n.strings import Phrase
from .models import Agency, Indicator, Task
from .reuse import Reuse


class FeedError(MessageError):
    """The whole feed is refused: one line that says where and what."""

    def __init__(self, where: str | Message, what: Message) -> None:
        super().__init__(Message.of("{where}: {what}", where=where, what=what))
        self.where = str(where)
        self.what = str(what)


# A finding's kind as a reader says it, where its code is not already a word; the code
# stays for scripts (`check --json`, the JSON snapshot).
FINDING_WORDS = {
    "unknown-agency": "unknown agency",
    "reference": "broken reference",
    "as-of": "as-of date",
    "duplicate-key": "key written twice",
    "disagreement": "sources disagree",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """A data-quality finding: something in the feed that is wrong but did not stop it."""

    code: str  # invalid | duplicate | unknown-agency | contradiction | reference | as-of
    where: str  # a JSON path such as `tasks[17]`
    record_id: str | None
    what: Message

    @property
    def kind(self) -> Phrase:
        """What kind of finding, in words ("unknown agency", not `unknown-agency`),
        translated where it is shown."""
        return Phrase(FINDING_WORDS.get(self.code, self.code))

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return str(self.what)

    def text(self, language: str) -> str:
        """What is wrong, in an interface language."""
        return self.what.text(language)

    def __str__(self) -> str:
        who = f" ({self.record_id})" if self.record_id else ""
        return f"{self.where}{who}: {self.message}"


@dataclass(slots=True, repr=False, weakref_slot=True)
class Feed:
    """A loaded feed: its records, their states against `as_of`, and its findings."""

    as_of: datetime | date
    title: str | None
    agencies: dict[str, Agency]
    tasks: list[Task]
    indicators: list[Indicator]
    findings: list[Finding] = field(default_factory=list)
    # Agencies the loader created for tasks that named an unknown one.
    created_agencies: frozenset[str] = frozenset()
    # The feed's own name for itself (`feed_id`): what another feed's `same_as` names it by.
    feed_id: str | None = None
    # What the next load may reuse (`reusable`); only for a feed loaded for refreshing.
    reuse: Reuse | None = field(default=None, compare=False)
    # What the layers above work out once per feed (views.py keeps the feed's index here,
    # per interface language): it lives exactly as long as the feed, and every thread
    # that asks gets the same one (`dict.setdefault` is atomic). Never part of the data.
    memo: dict[Any, Any] = field(default_factory=dict, compare=False)

    def __repr__(self) -> str:
        # A summary: the generated repr of 100k tasks takes seconds, and asyncio or a
        # traceback may ask for it.
        return (
            f"Feed(as_of={self.as_of.isoformat()}, agencies={len(self.agencies)}, "
            f"tasks={len(self.tasks)}, indicators={len(self.indicators)}, "
            f"findings={len(self.findings)})"
        )

    @property
    def as_of_date(self) -> date:
        return self.as_of.date() if isinstance(self.as_of, datetime) else self.as_of

    def agency_name(self, agency_id: str, language: str = "vi") -> str:
        agency = self.agencies.get(agency_id)
        return agency.display_name(language) if agency else agency_id

    def reusable(self) -> dict[bytes, Task]:
        """Each valid task record's JSON text as written, and the Task it gave: what the
        next load reuses. Made on first use: by that load, or sooner by a thread once
        the figures are up (`load_feed(for_refresh=True)`; else empty)."""
        return {} if self.reuse is None else self.reuse.records()
