"""Several named sources at a glance: each one's health in words, the status line's short
summary ("2 sources · ✗ province (stale)"), and the per-source totals the switcher and the
consolidated view show. Plain functions of what the pollers hold, testable without a
screen."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..feed import Feed
from ..i18n.dates import format_as_of
from ..i18n.message import Message
from ..i18n.numbers import format_int, format_percent
from ..i18n.strings import tr
from ..rollup import Bucket, Counts
from ..safety import one_line
from .snapshot import Snapshot
from .status import Health, SourcesSummary, ago, went_back_text


@dataclass(frozen=True)
class SourceState:
    """One named source as its poller holds it now."""

    name: str
    snapshot: Snapshot | None
    health: Health

    @property
    def stale(self) -> bool:
        """Its figures are its last good ones: the last fetch failed or went back."""
        return self.snapshot is not None and is_failing(self.health)

    @property
    def failed(self) -> bool:
        """Failing, with or without figures to fall back on."""
        return is_failing(self.health)


def is_failing(health: Health) -> bool:
    return health.error is not None or health.went_back_to is not None


def health_words(state: SourceState, language: str, now: float | None = None) -> str:
    """`live`, `stale since 3 min ago: <why>`, `went back to …`, `loading…` (not loaded
    yet, nor failed)."""
    health = state.health
    now = time.monotonic() if now is None else now
    if health.error is not None:
        since = ago(now - health.failing_since, language) if health.failing_since else ""
        label = tr("stale" if state.snapshot is not None else "not loaded", language)
        return f"{label} {tr('since', language)} {since}: {one_line(health.error, 120)}"
    if health.went_back_to is not None:
        return f"{tr('stale', language)}: {went_back_text(health, language)}"
    if state.snapshot is None:
        return tr("loading…", language)
    if health.paused:
        return tr("paused", language)
    return tr("live", language)


def summary(
    states: Sequence[SourceState], language: str, in_view: int | None = None
) -> SourcesSummary | None:
    """The status line's word on several sources: `3 sources · ✗ province (stale)`; None
    for one source, whose health the line already says as it always has. The source in
    view (an index) is left out of the failing: the line says its health already."""
    if len(states) < 2:
        return None
    count = Message.of("{n} sources", n=format_int(len(states), language)).text(language)
    others = [state for index, state in enumerate(states) if index != in_view]
    stale = [state.name for state in others if state.stale]
    unloaded = [state.name for state in others if state.failed and state.snapshot is None]
    failing = tuple(
        (", ".join(one_line(name, 40) for name in names), tr(label, language))
        for names, label in ((stale, "stale"), (unloaded, "not loaded"))
        if names
    )
    return SourcesSummary(count, failing)


def as_of_dates_differ(feeds: Sequence[Feed]) -> bool:
    return len({feed.as_of_date for feed in feeds}) > 1


@dataclass(frozen=True)
class TotalsRow:
    """One line of the per-source totals: the switcher's and the consolidated view's."""

    name: str
    as_of: str
    assigned: str
    completed: str
    completed_share: str
    on_time: str
    overdue: str
    health: str
    mark: str  # ● live, ✗ failing (stale or never loaded), ⏸ paused, ⟳ loading
    failing: bool


def health_mark(state: SourceState) -> str:
    if state.failed:
        return "✗"
    if state.snapshot is None:
        return "⟳"
    return "⏸" if state.health.paused else "●"


def totals_row(
    name: str,
    snapshot: Snapshot | None,
    health: str,
    language: str,
    *,
    mark: str = "●",
) -> TotalsRow:
    failing = mark == "✗"
    if snapshot is None:
        return TotalsRow(name, "–", "–", "–", "–", "–", "–", health, mark, failing)
    total: Counts = snapshot.rollup.total
    share = total.share(Bucket.COMPLETED).percent()
    return TotalsRow(
        name,
        format_as_of(snapshot.feed.as_of, language=language),
        format_int(total.assigned, language),
        format_int(total.completed, language),
        format_percent(share, 0, language),
        format_int(total.on_time, language),
        format_int(total.overdue, language),
        health,
        mark,
        failing,
    )


def totals_rows(
    states: Sequence[SourceState], language: str, now: float | None = None
) -> list[TotalsRow]:
    return [
        totals_row(
            state.name,
            state.snapshot,
            health_words(state, language, now),
            language,
            mark=health_mark(state),
        )
        for state in states
    ]


__all__ = [
    "SourceState",
    "TotalsRow",
    "as_of_dates_differ",
    "health_words",
    "is_failing",
    "summary",
    "totals_row",
    "totals_rows",
]
