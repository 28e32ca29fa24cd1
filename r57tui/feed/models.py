"""The records of the r57 feed, version 1, as a load gives them (the contract is
FEED_FORMAT.md; contract.py states it for pydantic and the published schema).

Records are frozen msgspec Structs: a clean feed is decoded straight from its bytes into
them, in C, with every constraint of the contract checked on the way (`Meta`), and
without the tree of Python objects a parse makes first. A feed that msgspec refuses,
for whatever reason, is loaded the careful way, by pydantic record by record, which says
why each bad record is set aside (validation.py); what it accepts is made into these.
Whole-feed rules (duplicate ids, unknown agencies, each task's state against `as_of`) live
in `states.py`, which sees every record.

Numbers and booleans are strict: `"70"` is not a progress of 70 and `"yes"` is not
true. A figure on the dashboard must come from a number in the feed, never from a
guess about a string. Structs are not tracked by the garbage collector (`gc=False`):
they hold only text, dates, numbers and tuples of other records, never a cycle, and a
national feed's 100k tasks are then no work for a collection.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from msgspec import Meta, Struct, field

from ..groups import AgencyKind  # declared with the groups, for the settings' use too
from ..i18n.strings import Phrase

FORMAT = "r57-feed"
VERSION = 1

# The member in charge of a task is a name the tasks are grouped by (a by-owner table, a
# filter), so the spaces a spreadsheet leaves around it do not make a second owner, and an
# owner left blank is no owner. Longer than any title or name, it is a pasted paragraph:
# the record is set aside like one with an id too long, and says why.
OWNER_MAX_CHARS = 200

# A feed's name for itself (`feed_id`), which other feeds' `same_as` write before the `:`:
# a stable id its producer owns, so a reference holds whatever a reader calls the source.
# ASCII letters and digits, `-`, `_` and `.`, starting and ending with a letter or digit:
# no `:` (it ends the name in `same_as`), no space, nothing NFC or a keyboard could write
# two ways. Compared exactly as written.
FEED_ID_MAX_CHARS = 64
FEED_ID_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$"

Id = Annotated[str, Meta(min_length=1, max_length=200)]
Text = Annotated[str, Meta(min_length=1)]
Percent = Annotated[int, Meta(ge=0, le=100)]
# As decoded; the loader trims it and makes a blank one None (`states.trim_owners`), as
# contract.py's pydantic type does. Not longer than the most once trimmed: longer as
# written is left to pydantic, which trims before it counts.
OwnerText = Annotated[str, Meta(max_length=OWNER_MAX_CHARS)]


class TaskState(StrEnum):
    """The four states of a task; every task is in exactly one."""

    COMPLETED = "completed"
    COMPLETED_LATE = "completed_late"
    ON_TIME = "on_time"
    OVERDUE = "overdue"

    @property
    def is_completed(self) -> bool:
        return self is TaskState.COMPLETED or self is TaskState.COMPLETED_LATE

    @property
    def words(self) -> Phrase:
        """The state as a reader says it ("on time", not the code `on_time`), translated
        where it is shown."""
        return Phrase(self.value.replace("_", " "))


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"


class Named:
    """The name of an agency or an indicator for an interface language."""

    __slots__ = ()
    name: str
    name_en: str | None

    def display_name(self, language: str) -> str:
        """The name for an interface language: `name_en` in English when given."""
        if language == "en" and self.name_en:
            return self.name_en
        return self.name


class Dated:
    """A task's days against its deadline, as the loader derived them."""

    __slots__ = ()
    state: TaskState
    days_past_due: int | None

    @property
    def days_overdue(self) -> int | None:
        """Days past the deadline, for an overdue task whose deadline has passed."""
        if self.state is TaskState.OVERDUE and self.days_past_due is not None:
            return max(self.days_past_due, 0) or None
        return None

    @property
    def days_left(self) -> int | None:
        """Days until the deadline, for an open task whose deadline has not passed."""
        if self.state is TaskState.ON_TIME and self.days_past_due is not None:
            return -self.days_past_due if self.days_past_due <= 0 else None
        return None


class Measured(Named):
    """An indicator's unit for an interface language."""

    __slots__ = ()
    unit: str | None
    unit_en: str | None

    def unit_for(self, language: str) -> str | None:
        """The unit for an interface language: `unit_en` in English when given, else
        `unit`. A feed in Vietnamese without `unit_en` shows its unit as written on an
        English screen too, as a name without `name_en` does: a word is data, never
        guessed at; a symbol such as `%` needs no `unit_en`."""
        if language == "en" and self.unit_en:
            return self.unit_en
        return self.unit


class Agency(Struct, Named, frozen=True, gc=False):
    id: Id
    name: Text
    name_en: str | None = None
    short: str | None = None
    kind: AgencyKind = AgencyKind.OTHER
    parent: Id | None = None
    aliases: tuple[str, ...] = ()


# A derived field's name when decoding: "e" and a combining acute accent, which NFC
# writes as one letter "é".
_NOT_NFC = "{}\u0065\u0301"


class Note(Struct, frozen=True, gc=False):
    date: dt.date
    text: str


class Task(Struct, Dated, frozen=True, gc=False):
    """A task. Frozen: a refresh hands an unchanged record's Task to the next feed
    (`load_feed(previous=)`), so the feed on screen and the one being made share it. Only
    the loader writes the derived fields, while it makes the feed (states.py); any later
    write raises `AttributeError`."""

    id: Id
    title: Text
    agency: Id
    co_agencies: tuple[Id, ...] = ()
    source: str | None = None
    group: str | None = None
    key_task: bool = False
    assigned: dt.date | None = None
    due: str | None = None  # as written; the loader resolves it (dates.py)
    completed: dt.date | None = None
    status: TaskState | None = None
    progress: Percent | None = None
    owner: OwnerText | None = None
    notes: tuple[Note, ...] = ()
    # The same task in another feed (docs/feed-format.md, "Several feeds"): added up
    # with that feed, it is counted once, there.
    same_as: Id | None = None

    # Derived by the loader, which knows `as_of` (states.py), never read from a feed.
    # Decoding knows each field by the name it is written under, so these are given
    # names no document that is decoded can hold: a name not in NFC (a letter and a
    # combining accent apart), and a document is decoded only when its text is NFC and
    # has no escape (`\u`) that could spell one (decoding.py). A feed's own "state" or
    # "deadline" is then an unknown key, ignored, as the contract says. Listed in
    # DERIVED_TASK_FIELDS.
    state: TaskState = field(default=TaskState.ON_TIME, name=_NOT_NFC.format("state"))
    # The last day `due` allows.
    deadline: dt.date | None = field(default=None, name=_NOT_NFC.format("deadline"))
    # As-of date minus deadline: > 0 overdue by that many days, <= 0 days left.
    days_past_due: int | None = field(default=None, name=_NOT_NFC.format("days_past_due"))


DERIVED_TASK_FIELDS = ("state", "deadline", "days_past_due")


class HistoryPoint(Struct, frozen=True, gc=False):
    period: str
    value: float


class Indicator(Struct, Measured, frozen=True, gc=False):
    id: Id
    name: Text
    value: float
    name_en: str | None = None
    unit: str | None = None
    unit_en: str | None = None
    period: str | None = None
    target: float | None = None
    baseline: float | None = None
    direction: Direction = Direction.UP
    agency: Id | None = None
    history: tuple[HistoryPoint, ...] = ()
    note: str | None = None


class Document(Struct, gc=False):
    """The whole document as it is decoded in one pass. The top level's own rules
    (format, version, `as_of`, `feed_id`) are the envelope's (envelope.py), which says
    what is wrong in its words: here they are taken as they come."""

    format: Literal["r57-feed"]
    version: Any
    as_of: Any
    tasks: list[Task]
    title: str | None = None
    feed_id: Any = None
    agencies: list[Agency] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


def given_fields(record: Struct) -> tuple[str, ...]:
    """The fields of a record that a feed gives (a task's derived ones left out)."""
    return _GIVEN.get(type(record)) or record.__struct_fields__


_GIVEN: dict[type, tuple[str, ...]] = {
    Task: tuple(name for name in Task.__struct_fields__ if name not in DERIVED_TASK_FIELDS)
}
