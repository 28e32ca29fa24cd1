"""The records of the r57 feed, version 1 (the contract is FEED_FORMAT.md).

Records are slotted, frozen dataclasses validated by pydantic: pydantic-core checks them in
Rust at a small fraction of the cost of `BaseModel` instances, which matters at 100k
tasks. Whole-feed rules (duplicate ids, unknown agencies, each task's state against
`as_of`) live in `states.py`, which sees every record.

Numbers and booleans are strict: `"70"` is not a progress of 70 and `"yes"` is not
true. A figure on the dashboard must come from a number in the feed, never from a
guess about a string.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, Strict, StringConstraints

from ..groups import AgencyKind  # declared with the groups, for the settings' use too
from ..i18n.strings import Phrase

FORMAT = "r57-feed"
VERSION = 1

_RECORD = ConfigDict(extra="ignore", str_strip_whitespace=False)

Id = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(min_length=1)]
Number = Annotated[float, Strict(), Field(allow_inf_nan=False)]
Bool = Annotated[bool, Strict()]
Percent = Annotated[int, Strict(), Field(ge=0, le=100)]
# A deadline as written; the loader resolves it (see dates.py) with a cache.
DueText = Annotated[
    str,
    Field(
        json_schema_extra={
            "pattern": r"^\d{4}-(\d{2}(-\d{2})?|[Qq][1-4])$",
            "description": "a date (YYYY-MM-DD), a month (YYYY-MM) or a quarter (YYYY-Qn); "
            "a month or quarter means its last day; null means ongoing, never overdue",
        }
    ),
]

# The member in charge of a task is a name the tasks are grouped by (a by-owner table, a
# filter), so the spaces a spreadsheet leaves around it do not make a second owner, and an
# owner left blank is no owner. Longer than any title or name, it is a pasted paragraph:
# the record is set aside like one with an id too long, and says why.
OWNER_MAX_CHARS = 200


def _owner_or_none(value: str) -> str | None:
    return value or None


Owner = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=OWNER_MAX_CHARS),
    AfterValidator(_owner_or_none),
    Field(
        json_schema_extra={
            "description": "the steering-committee member in charge of the task, e.g. "
            '"Phó Chủ tịch UBND tỉnh" or a name; surrounding spaces are trimmed and a '
            "blank owner is no owner"
        }
    ),
]


SameAs = Annotated[
    Id,
    Field(
        json_schema_extra={
            "description": "the same task in another feed, as <feed id>:<task id> "
            '(e.g. "bcd-tw-57:T-0123"): the other feed\'s own `feed_id`, or, for a feed '
            "without one, the name the reader gives its source; where the feeds are added "
            "up it is counted once, as that task"
        }
    ),
]

# A feed's name for itself (`feed_id`), which other feeds' `same_as` write before the `:`:
# a stable id its producer owns, so a reference holds whatever a reader calls the source.
# ASCII letters and digits, `-`, `_` and `.`, starting and ending with a letter or digit:
# no `:` (it ends the name in `same_as`), no space, nothing NFC or a keyboard could write
# two ways. Compared exactly as written.
FEED_ID_MAX_CHARS = 64
FEED_ID_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$"
FeedId = Annotated[
    str,
    StringConstraints(pattern=FEED_ID_PATTERN, max_length=FEED_ID_MAX_CHARS),
    Field(
        json_schema_extra={
            "description": "the feed's own stable id, which other feeds' same_as name it by "
            '(e.g. "bcd-tw-57"): 1 to 64 ASCII letters, digits, "-", "_" or ".", starting '
            "and ending with a letter or digit; one that is not is set aside as a finding"
        }
    ),
]


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


@dataclass(slots=True, frozen=True)
class Agency:
    __pydantic_config__ = _RECORD

    id: Id
    name: Text
    name_en: str | None = None
    short: str | None = None
    kind: AgencyKind = AgencyKind.OTHER
    parent: Id | None = None
    aliases: tuple[str, ...] = ()

    def display_name(self, language: str) -> str:
        """The name for an interface language: `name_en` in English when given."""
        if language == "en" and self.name_en:
            return self.name_en
        return self.name


@dataclass(slots=True, frozen=True)
class Note:
    __pydantic_config__ = _RECORD

    date: dt.date
    text: str


@dataclass(slots=True, frozen=True)
class Task:
    # (A comment, not a docstring: pydantic would publish a docstring in the schema.)
    # Frozen: a refresh hands an unchanged record's Task to the next feed
    # (`load_feed(previous=)`), so the feed on screen and the one being made share it.
    # Only the loader writes the derived fields below, while it makes the feed
    # (states.py); any later write raises `FrozenInstanceError`.
    __pydantic_config__ = _RECORD

    id: Id
    title: Text
    agency: Id
    co_agencies: tuple[Id, ...] = ()
    source: str | None = None
    group: str | None = None
    key_task: Bool = False
    assigned: dt.date | None = None
    due: DueText | None = None
    completed: dt.date | None = None
    status: TaskState | None = None
    progress: Percent | None = None
    owner: Owner | None = None
    notes: tuple[Note, ...] = ()
    # The same task in another feed (docs/feed-format.md, "Several feeds"): added up
    # with that feed, it is counted once, there.
    same_as: SameAs | None = None

    # Set by the loader, which knows `as_of` (states.py); never read from the feed
    # (init=False fields are not validation inputs). See DERIVED_TASK_FIELDS.
    state: TaskState = field(default=TaskState.ON_TIME, init=False)
    deadline: dt.date | None = field(default=None, init=False)  # the last day `due` allows
    # As-of date minus deadline: > 0 overdue by that many days, <= 0 days left.
    days_past_due: int | None = field(default=None, init=False)

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


DERIVED_TASK_FIELDS = ("state", "deadline", "days_past_due")


@dataclass(slots=True, frozen=True)
class HistoryPoint:
    __pydantic_config__ = _RECORD

    period: str
    value: Number


@dataclass(slots=True, frozen=True)
class Indicator:
    __pydantic_config__ = _RECORD

    id: Id
    name: Text
    value: Number
    name_en: str | None = None
    unit: str | None = None
    unit_en: str | None = None
    period: str | None = None
    target: Number | None = None
    baseline: Number | None = None
    direction: Direction = Direction.UP
    agency: Id | None = None
    history: tuple[HistoryPoint, ...] = ()
    note: str | None = None

    def display_name(self, language: str) -> str:
        if language == "en" and self.name_en:
            return self.name_en
        return self.name

    def unit_for(self, language: str) -> str | None:
        """The unit for an interface language: `unit_en` in English when given, else
        `unit`. A feed in Vietnamese without `unit_en` shows its unit as written on an
        English screen too, as a name without `name_en` does: a word is data, never
        guessed at; a symbol such as `%` needs no `unit_en`."""
        if language == "en" and self.unit_en:
            return self.unit_en
        return self.unit


AsOf = Annotated[
    str,
    Field(
        json_schema_extra={
            "description": "ISO 8601 date or date-time with UTC offset; overdue is judged "
            "against its calendar date",
            "format": "date-time",
        }
    ),
]


@dataclass
class FeedDocument:
    """The whole document as it is validated in one pass (and described by `schema`)."""

    __pydantic_config__ = ConfigDict(extra="ignore", title="r57 feed, version 1")

    format: Literal["r57-feed"]
    # Strict, so `true` and `1.0` are refused on the fast path as on the record-by-record
    # one (a Literal[1] would take both as 1); the schema still says "const": 1.
    version: Annotated[int, Strict(), Field(json_schema_extra={"const": VERSION})]
    as_of: AsOf
    tasks: list[Task]
    title: str | None = None
    feed_id: FeedId | None = None
    agencies: list[Agency] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
