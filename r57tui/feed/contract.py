"""The records of the r57 feed, version 1, as the contract states them (FEED_FORMAT.md),
for pydantic: what `r57tui schema` publishes, and what a feed is checked against when
the fast decoding (models.py) refuses something in it, record by record, so that each
bad record is set aside with its reasons in words (validation.py).

The records a load gives are models.py's; these are made into them once validated
(`validation.as_models`). The two say the same: tests/test_loader_differential.py holds
every load to the loader that used only these, and tests/test_feed_contract.py the two
lists of fields to each other.

Numbers and booleans are strict: `"70"` is not a progress of 70 and `"yes"` is not
true. A figure on the dashboard must come from a number in the feed, never from a
guess about a string.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, Strict, StringConstraints

from .models import (
    FEED_ID_MAX_CHARS,
    FEED_ID_PATTERN,
    OWNER_MAX_CHARS,
    VERSION,
    AgencyKind,
    Dated,
    Direction,
    Measured,
    Named,
    TaskState,
)

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


@dataclass(slots=True, frozen=True)
class Agency(Named):
    __pydantic_config__ = _RECORD

    id: Id
    name: Text
    name_en: str | None = None
    short: str | None = None
    kind: AgencyKind = AgencyKind.OTHER
    parent: Id | None = None
    aliases: tuple[str, ...] = ()


@dataclass(slots=True, frozen=True)
class Note:
    __pydantic_config__ = _RECORD

    date: dt.date
    text: str


@dataclass(slots=True, frozen=True)
class Task(Dated):
    # (A comment, not a docstring: pydantic would publish a docstring in the schema.)
    # The derived fields are what the loader that used these records wrote
    # (tests/reference_loader.py); a load's own Tasks are models.py's.
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
    # (init=False fields are not validation inputs).
    state: TaskState = field(default=TaskState.ON_TIME, init=False)
    deadline: dt.date | None = field(default=None, init=False)  # the last day `due` allows
    # As-of date minus deadline: > 0 overdue by that many days, <= 0 days left.
    days_past_due: int | None = field(default=None, init=False)


@dataclass(slots=True, frozen=True)
class HistoryPoint:
    __pydantic_config__ = _RECORD

    period: str
    value: Number


@dataclass(slots=True, frozen=True)
class Indicator(Measured):
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
