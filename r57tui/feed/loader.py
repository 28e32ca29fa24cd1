"""Turn the bytes of a feed into a `Feed`, or refuse it with one `FeedError`.

Pure: no I/O. The rules are those of FEED_FORMAT.md, "What a bad feed gets":

* a document that is not JSON, not an object, of another format or an unsupported
  version, or without `as_of`, is refused whole (`FeedError`, one line: where and what);
* a record that does not validate is set aside as a `Finding` and the rest loads;
* a duplicate id keeps the first record; a task naming an unknown agency is kept and
  that agency created (kind `other`); a given `status` that the dates contradict counts
  as given and is reported;
* a key written twice in one object (see keys.py) refuses the feed outside the records
  and sets the record aside inside one: every load path checks every object it reads.

Speed: a clean feed is validated in one `validate_json` pass inside pydantic-core. Only
a feed with bad records pays for the record-by-record path. A refresh passes the feed it
replaces: its task records are split out of the text as written (msgspec skips over each
in C, `msgspec.Raw`), and a record byte for byte the same as one the last feed validated
takes that feed's `Task`, when the `as_of` date is the same (then everything the loader
derives for it is the same too). Only new or changed records are validated: at 100k
tasks with 1% changed, 0.2 s instead of 0.55 s.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pydantic_core
from pydantic import TypeAdapter, ValidationError

from ..i18n.message import Message, MessageError
from ..i18n.strings import Phrase
from ..i18n.validation import reason, short
from .dates import DueError, parse_due
from .keys import At, KeysMergedError, Twice, nfc_keys, parse_checked, written_twice
from .models import FORMAT, VERSION, Agency, AgencyKind, FeedDocument, Indicator, Task, TaskState
from .records import NotSplitError, array_items, top_parts

_DOCUMENT = TypeAdapter(FeedDocument)
_SECTIONS: dict[str, TypeAdapter[Any]] = {
    "agencies": TypeAdapter(list[Agency]),
    "tasks": TypeAdapter(list[Task]),
    "indicators": TypeAdapter(list[Indicator]),
}
_BOM = "\ufeff"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?"
    r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)?"
)


class FeedError(MessageError):
    """The whole feed is refused: one line that says where and what."""

    def __init__(self, where: str | Message, what: Message) -> None:
        super().__init__(Message.of("{where}: {what}", where=where, what=what))
        self.where = str(where)
        self.what = str(what)


@dataclass(frozen=True, slots=True)
class Finding:
    """A data-quality finding: something in the feed that is wrong but did not stop it."""

    code: str  # invalid | duplicate | unknown-agency | contradiction | reference | as-of
    where: str  # a JSON path such as `tasks[17]`
    record_id: str | None
    what: Message

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


@dataclass(slots=True, repr=False)
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
    # What the next load may reuse (`reusable`); only for a feed loaded for refreshing.
    reuse: _Reuse | None = field(default=None, compare=False)

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


class _Reuse:
    """The task records as written and the Tasks validated from them, in feed order, until
    made into a map (splitting and hashing 100k records costs 0.1 s: not before the
    first figures are on screen)."""

    __slots__ = ("_map", "_tasks", "_written", "at", "expected")

    def __init__(
        self,
        written: bytes | str | list[bytes],
        tasks: list[Task],
        at: _Positions,
        expected: int,
    ) -> None:
        self._written: bytes | str | list[bytes] | None = written
        self._tasks: list[Task] | None = tasks
        self.at = at  # where each validated task's record stands among the records
        self.expected = expected  # how many task records the feed has
        self._map: dict[bytes, Task] | None = None

    def records(self) -> dict[bytes, Task]:
        made = self._map
        if made is None:
            written, tasks, at = self._written, self._tasks, self.at
            if written is None or tasks is None:  # another thread made it just now
                return self._map or {}
            records = written if isinstance(written, list) else _task_records(written)
            if records is None or len(records) != self.expected:
                made = {}  # not split as validated: nothing to reuse (a guard)
            elif len(tasks) == len(records):
                made = dict(zip(records, tasks, strict=True))
            else:
                made = {records[at(index)]: task for index, task in enumerate(tasks)}
            self._map, self._written, self._tasks = made, None, None
        return made


def load_feed(
    data: bytes | str, previous: Feed | None = None, *, for_refresh: bool = False
) -> Feed:
    """Parse and validate a feed document; raise `FeedError` if it is refused whole.

    `previous` is the feed this one replaces, if any: records it already validated are
    not validated again. The result is the same as without it; only the time differs.
    `for_refresh`: keep what the next load needs to reuse this one's records.
    """
    if previous is not None and previous.reuse is not None and isinstance(data, bytes):
        with _gc_paused(frozen_after=False):
            made = _load_changed(data, previous, for_refresh)
        if made is not None:
            feed, fresh = made
            _FREEZER.made(fresh, len(feed.tasks), big=len(data) > _FREEZE_ABOVE)
            return feed
    text, as_written = _decode(data)
    # Bytes as written spare pydantic (and the next refresh's split) an encoding to UTF-8.
    written = data if as_written else text
    with _gc_paused(frozen_after=len(text) > _FREEZE_ABOVE):
        document = _validate_whole(written)
        if document is None:
            return _validate_by_record(text, written if for_refresh else None)
        sections = {name: (getattr(document, name), _Positions()) for name in _SECTIONS}
        feed = _settle(_envelope_of(document.__dict__), sections, [])
        if for_refresh:
            tasks = document.tasks
            feed.reuse = _Reuse(written, tasks, _Positions(), len(tasks))
        return feed


def _decode(data: bytes | str) -> tuple[str, bool]:
    """The text, and whether it is `data` as written (UTF-8 bytes, no BOM, already NFC)."""
    as_written = isinstance(data, bytes)
    if isinstance(data, bytes | bytearray | memoryview):
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FeedError(
                Message.of("byte {offset}", offset=exc.start),
                Message.of(
                    "not UTF-8 text (byte 0x{value})", value=f"{bytes(data)[exc.start]:02x}"
                ),
            ) from None
    else:
        text = data
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate: no JSON parser can take it
            raise FeedError(
                Message.of("character {offset}", offset=exc.start),
                Message.of("not UTF-8 text (a lone surrogate)"),
            ) from None
    if text.startswith(_BOM):
        text = text[1:]
        as_written = False
    if not text.strip():
        raise FeedError(_DOCUMENT_WHERE, Message.of("empty: no JSON at all"))
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        as_written = False
    return text, as_written


# Text longer than this (about 8,000 tasks) is a big feed: see `_gc_paused`.
_FREEZE_ABOVE = 2_000_000


@contextmanager
def _gc_paused(frozen_after: bool) -> Iterator[None]:
    """No cyclic collection while a feed is made; a big one is frozen once made.

    A feed is a tree of fresh, acyclic objects: the cyclic collector would scan the
    growing heap again and again while they are made (a third of the load time at 100k
    tasks) and find nothing. Reference counting still frees everything.

    After a big feed is made, its million objects would be scanned by every full
    collection for as long as it is shown: 0.15-0.3 s each, landing in the middle of a
    keystroke or a refresh. `gc.freeze()` moves them out of the collector's sight;
    reference counting still frees them when the next feed replaces this one. The
    collection before it makes sure no garbage that only the collector can free (a
    cycle) is frozen with them; it is cheap because the last feed is frozen too.
    """
    if frozen_after:
        gc.collect()  # before the feed is made: after, it would be scanned (0.4 s)
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if frozen_after:
            _FREEZER.freeze(collect=False)
        if enabled:
            gc.enable()


class _Freezer:
    """Freezes once enough objects are new (see `_gc_paused`).

    A refresh that reuses the last feed's tasks makes only the changed ones: its
    collection before freezing (60 ms at 100k on a busy interpreter) would cost more
    than the few new objects it hides. Those are frozen with the next freeze, once
    tasks made since the last one reach a tenth of a big feed.
    """

    def __init__(self) -> None:
        self.unfrozen = 0  # tasks made since the last freeze (threads may race: a guide)

    def freeze(self, collect: bool = True) -> None:
        if collect:
            gc.collect()
        gc.freeze()
        self.unfrozen = 0

    def made(self, tasks: int, of: int, big: bool) -> None:
        """A refresh made `tasks` of a feed of `of` anew (`big`: one that is frozen)."""
        if big:
            self.unfrozen += tasks
            if self.unfrozen > of // 10:
                self.freeze()


_FREEZER = _Freezer()


def _validate_whole(text: str | bytes) -> FeedDocument | None:
    """The fast path: the whole document in one pass, or None if anything is off (a key
    written twice too: the record-by-record path says where).

    jiter parses and finds keys written twice in one pass, and pydantic validates what it
    made: a whole check of every object costs less this way than `validate_json` and a
    separate check."""
    if (b"\\u" if isinstance(text, bytes) else "\\u") in text:
        # Escaped characters are only seen after parsing, so NFC must be applied to
        # the parsed strings: the record-by-record path does that.
        return None
    try:
        return _DOCUMENT.validate_python(parse_checked(_utf8(text)))
    except (ValueError, ValidationError):  # not JSON, a key twice, or a record off
        return None


def _validate_by_record(text: str, written: bytes | str | None) -> Feed:
    raw = _parse(text)
    if not isinstance(raw, dict):
        raise FeedError(
            _DOCUMENT_WHERE,
            Message.of("a JSON {type}, not an object: not an r57 feed", type=_json_type(raw)),
        )
    merged = False
    if "\\u" in text:
        try:
            raw = _nfc(raw)
        except KeysMergedError:  # escaped keys that are one key in NFC
            raw, merged = _nfc(raw, merge=True), True
    encoded = _utf8(written if isinstance(written, bytes) else text)
    twice = Twice.find(encoded, every_key=merged) if merged or written_twice(encoded) else Twice()
    if twice.outside is not None:
        raise FeedError(twice.outside.where, twice.outside.what)
    envelope = _envelope_of(raw)
    findings: list[Finding] = []
    sections: dict[str, Any] = {}
    for name, adapter in _SECTIONS.items():
        aside = {index: at for (section, index), at in twice.records.items() if section == name}
        records = _section(raw, name)
        sections[name] = _validate_section(name, records, adapter, findings, aside=aside)
    feed = _settle(envelope, sections, findings)
    if written is not None:
        feed.reuse = _Reuse(written, *sections["tasks"], len(raw["tasks"]))
    return feed


def _parse(text: str | bytes) -> Any:
    try:
        return pydantic_core.from_json(text, allow_inf_nan=True)
    except ValueError as exc:
        raise FeedError(*_json_error_where(str(exc))) from None


def _section(raw: dict[str, Any], name: str) -> list[Any]:
    """A section's records as parsed: a list, or the whole feed is refused."""
    records = raw.get(name, [] if name != "tasks" else None)
    if records is None:
        if name == "tasks":
            raise FeedError(
                "tasks",
                Message.of("missing: a feed must list its tasks (an empty list is fine)"),
            )
        records = []
    if not isinstance(records, list):
        raise FeedError(
            name, Message.of("must be a list, not a JSON {type}", type=_json_type(records))
        )
    return records


# Past this share of new or changed records, reusing the rest saves less than it costs.
_MOST_FRESH = 0.25


def _task_records(text: str | bytes) -> list[bytes] | None:
    """Each task record as written, or None when the document is not an object with a
    list of tasks (the whole load then says what is wrong)."""
    try:
        return array_items(top_parts(text)["tasks"])
    except (NotSplitError, KeyError):
        return None


def _load_changed(data: bytes, previous: Feed, for_refresh: bool) -> tuple[Feed, int] | None:
    """This feed made with the Task objects of `previous` for records written the same,
    and how many tasks were made anew; None when that cannot be done, or the feed has
    something to refuse: the whole load then runs, and says what is wrong in its words.

    Works on the bytes as written: a record reused is byte for byte one that was checked
    (UTF-8, NFC) and validated; new records and the other parts are parsed, then NFC."""
    try:
        return _reusing(data, previous, for_refresh)
    except (FeedError, ValueError, RecursionError, KeyError):  # NotSplitError is one
        return None


def _reusing(data: bytes, previous: Feed, for_refresh: bool) -> tuple[Feed, int] | None:
    parts = top_parts(data)
    written_tasks = parts.pop("tasks")
    # Every key but those of the task records (a reused one was checked when first read;
    # the new ones are checked as they are parsed below). A key twice: the whole load.
    if Twice.find(data, parts, skip_tasks=written_tasks):
        return None
    # Every other part is parsed: small, and its UTF-8 is then checked too.
    raw = _nfc(
        {name: pydantic_core.from_json(value, allow_inf_nan=True) for name, value in parts.items()}
    )
    envelope = _envelope_of(raw)
    as_of = envelope[0]
    if (as_of.date() if isinstance(as_of, datetime) else as_of) != previous.as_of_date:
        return None  # every state is judged again: the whole load is as quick
    records = array_items(written_tasks)
    tasks: list[Task | None] = list(map(previous.reusable().get, records))
    fresh = [position for position, task in enumerate(tasks) if task is None]
    if len(fresh) > len(records) * _MOST_FRESH:
        return None  # rewritten (or written another way): the whole load is quicker
    values = _nfc(parse_checked(b"[" + b",".join(records[position] for position in fresh) + b"]"))
    findings: list[Finding] = []
    sections: dict[str, Any] = {}
    for name, adapter in _SECTIONS.items():  # in this order: findings come in feed order
        if name != "tasks":
            sections[name] = _validate_section(name, _section(raw, name), adapter, findings)
            continue
        checked, at = _validate_section(name, values, adapter, findings, fresh)
        for index, task in enumerate(checked):
            tasks[fresh[at(index)]] = task
        if len(checked) == len(fresh):
            sections[name] = (tasks, _Positions())
        else:  # some set aside
            kept = [position for position, task in enumerate(tasks) if task is not None]
            sections[name] = ([tasks[position] for position in kept], _Positions(kept))
    feed = _settle(envelope, sections, findings)
    if for_refresh:
        feed.reuse = _Reuse(records, *sections["tasks"], len(records))
    return feed, len(fresh)


class _Positions:
    """Where each kept record stood in the feed, after bad ones were set aside."""

    def __init__(self, kept: list[int] | None = None) -> None:
        self._kept = kept

    def __call__(self, index: int) -> int:
        return index if self._kept is None else self._kept[index]


def _validate_section(
    name: str,
    records: list[Any],
    adapter: TypeAdapter[Any],
    findings: list[Finding],
    positions: list[int] | None = None,
    aside: dict[int, At] | None = None,
) -> tuple[list[Any], _Positions]:
    """The records that validate, and where each stood among `records`. `positions`
    are the records' places in the feed when they are only some of its section; `aside`
    the records with a key written twice, set aside without being validated."""
    reasons: dict[int, Message] = {}
    if aside:
        for index, at in aside.items():
            reasons[index] = Message.of("set aside: {what} ({where})", what=at.what, where=at.where)
        checking = [i for i in range(len(records)) if i not in aside]
    else:
        checking = None
    try:
        valid = adapter.validate_python(
            records if checking is None else [records[i] for i in checking]
        )
        if not reasons:
            return valid, _Positions()
    except ValidationError as exc:
        invalid: dict[int, list[Message]] = {}
        for error in exc.errors(include_url=False):
            index = error["loc"][0]
            index = index if checking is None else checking[index]
            invalid.setdefault(index, []).append(reason(error, skip=1))
        for index, why in invalid.items():
            reasons[index] = Message.of("set aside: {reasons}", reasons=tuple(why[:3]))
    for index in sorted(reasons):
        record = records[index]
        record_id = record.get("id") if isinstance(record, dict) else None
        findings.append(
            Finding(
                "duplicate-key" if aside and index in aside else "invalid",
                f"{name}[{index if positions is None else positions[index]}]",
                record_id if isinstance(record_id, str) else None,
                reasons[index],
            )
        )
    kept = [i for i in range(len(records)) if i not in reasons]
    return adapter.validate_python([records[i] for i in kept]), _Positions(kept)


def _utf8(text: bytes | str) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def _envelope_of(raw: dict[str, Any]) -> tuple[datetime | date, str | None]:
    # In this order: a feed of a newer version is told so before it is told that a key
    # of this version is missing.
    if "format" not in raw:
        raise FeedError("format", Message.of("missing: {why}", why=_MISSING["format"]))
    if raw["format"] != FORMAT:
        raise FeedError(
            "format",
            Message.of(
                "is {value}, not {format}: not an r57 feed",
                value=short(raw["format"]),
                format=repr(FORMAT),
            ),
        )
    if "version" not in raw:
        raise FeedError("version", Message.of("missing: {why}", why=_MISSING["version"]))
    version = raw["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise FeedError(
            "version", Message.of("must be a whole number, not {value}", value=short(version))
        )
    if version > VERSION:
        raise FeedError(
            "version",
            Message.of(
                "{version} is newer than this r57tui reads ({known}): update r57tui",
                version=version,
                known=VERSION,
            ),
        )
    if version < VERSION:
        raise FeedError(
            "version",
            Message.of(
                "{version} is not a version of the r57 feed (it starts at 1)", version=version
            ),
        )
    if "as_of" not in raw:
        raise FeedError("as_of", Message.of("missing: {why}", why=_MISSING["as_of"]))
    title = raw.get("title")
    return _as_of(raw["as_of"]), title if isinstance(title, str) else None


_MISSING = {
    "format": Message.of('a feed says "format": "{format}"', format=FORMAT),
    "version": Message.of('a feed says "version": {version}', version=VERSION),
    "as_of": Message.of(
        "the moment the figures describe is required (overdue is judged against it)"
    ),
}
_DOCUMENT_WHERE = Phrase("document")


def _as_of(value: Any) -> datetime | date:
    if not isinstance(value, str):
        raise FeedError(
            "as_of",
            Message.of("must be an ISO 8601 date or date-time, not {value}", value=short(value)),
        )
    try:
        # Python 3.11 reads "20251015xx" as a date: only the forms ISO 8601 writes with
        # ASCII digits get as far as fromisoformat.
        if _ISO_DATE.fullmatch(value):
            return date.fromisoformat(value)
        if _ISO_DATETIME.fullmatch(value):
            return datetime.fromisoformat(value)
        raise ValueError(value)
    except ValueError:
        raise FeedError(
            "as_of", Message.of("{value} is not an ISO 8601 date or date-time", value=short(value))
        ) from None


def _settle(
    envelope: tuple[datetime | date, str | None],
    sections: dict[str, tuple[list[Any], _Positions]],
    findings: list[Finding],
) -> Feed:
    """Apply the whole-feed rules and derive each task's state."""
    as_of, title = envelope
    feed = Feed(as_of=as_of, title=title, agencies={}, tasks=[], indicators=[], findings=findings)
    if isinstance(as_of, datetime) and as_of.tzinfo is None:
        findings.append(
            Finding(
                "as-of",
                "as_of",
                None,
                Message.of("has no UTC offset; read as the feed's local time"),
            )
        )
    _settle_agencies(feed, *sections["agencies"])
    _settle_tasks(feed, *sections["tasks"])
    _settle_indicators(feed, *sections["indicators"])
    return feed


def _settle_agencies(feed: Feed, agencies: Sequence[Agency], at: _Positions) -> None:
    for index, agency in enumerate(agencies):
        if agency.id in feed.agencies:
            feed.findings.append(_duplicate("agencies", at(index), agency.id))
        else:
            feed.agencies[agency.id] = agency
    for index, agency in enumerate(agencies):
        if agency.parent is not None and agency.parent not in feed.agencies:
            feed.findings.append(
                Finding(
                    "reference",
                    f"agencies[{at(index)}]",
                    agency.id,
                    Message.of("parent {id} is not among the agencies", id=repr(agency.parent)),
                )
            )


def _settle_tasks(feed: Feed, tasks: Sequence[Task], at: _Positions) -> None:
    # The one loop over every task: kept lean, as it runs 100k times on a national feed.
    as_of = feed.as_of_date
    agencies = feed.agencies
    declared = set(agencies)
    findings = feed.findings
    seen: set[str] = set()
    kept: list[Task] = []
    created: dict[str, list[Any]] = {}  # agency id -> [first index, first task id, tasks]
    deadlines: dict[str, tuple[date, int]] = {}  # due text -> (deadline, days past it)
    for index, task in enumerate(tasks):
        task_id = task.id
        if task_id in seen:
            findings.append(_duplicate("tasks", at(index), task_id))
            continue
        due = task.due
        deadline = None
        if due is not None:
            resolved = deadlines.get(due)
            if resolved is None:
                try:
                    deadline = parse_due(due).deadline
                except DueError as exc:
                    findings.append(
                        Finding(
                            "invalid",
                            f"tasks[{at(index)}]",
                            task_id,
                            Message.of(
                                "set aside: {reasons}",
                                reasons=(Message.of("due: {what}", what=exc.message),),
                            ),
                        )
                    )
                    continue
                resolved = deadlines[due] = (deadline, (as_of - deadline).days)
            deadline, task.days_past_due = resolved
            task.deadline = deadline
        seen.add(task_id)
        kept.append(task)
        derived = derive_state(task.completed, deadline, as_of)
        if task.status is None and (task.completed is None or task.completed <= as_of):
            task.state = derived
        else:
            _given_or_future(task, derived, as_of, at(index), findings)
        agency = task.agency
        if agency not in declared:
            if agency not in created:
                agencies[agency] = Agency(id=agency, name=agency, kind=AgencyKind.OTHER)
                created[agency] = [index, task_id, 0]
            created[agency][2] += 1
        if task.co_agencies:
            for co in task.co_agencies:
                if co not in declared:
                    findings.append(
                        Finding(
                            "reference",
                            f"tasks[{at(index)}]",
                            task_id,
                            Message.of("co-agency {id} is not among the agencies", id=repr(co)),
                        )
                    )
    feed.tasks = kept
    feed.created_agencies = frozenset(created)
    for agency_id, (index, task_id, count) in created.items():
        tasks_named = (
            Message.of("1 task names it")
            if count == 1
            else Message.of("{count} tasks name it", count=count)
        )
        findings.append(
            Finding(
                "unknown-agency",
                f"tasks[{at(index)}]",
                task_id,
                Message.of(
                    "agency {id} is not among the agencies ({named}); "
                    "created it, kind other, so its tasks are counted",
                    id=repr(agency_id),
                    named=tasks_named,
                ),
            )
        )


def derive_state(completed: date | None, deadline: date | None, as_of: date) -> TaskState:
    """The state the dates give (FEED_FORMAT.md, "State of a task")."""
    if completed is not None:
        if deadline is not None and completed > deadline:
            return TaskState.COMPLETED_LATE
        return TaskState.COMPLETED
    if deadline is not None and deadline < as_of:
        return TaskState.OVERDUE
    return TaskState.ON_TIME


def _given_or_future(
    task: Task, derived: TaskState, as_of: date, position: int, findings: list[Finding]
) -> None:
    """The state of a task with a given status or a completion after `as_of`."""
    if task.completed is not None and task.completed > as_of:
        findings.append(
            Finding(
                "contradiction",
                f"tasks[{position}]",
                task.id,
                Message.of(
                    "completed {completed} is after as_of {as_of}",
                    completed=task.completed.isoformat(),
                    as_of=as_of.isoformat(),
                ),
            )
        )
    given = task.status
    if given is None:
        task.state = derived
        return
    task.state = given
    if given is not derived and _dates_contradict(given, derived, task):
        findings.append(
            Finding(
                "contradiction",
                f"tasks[{position}]",
                task.id,
                Message.of(
                    "status {given} counted as given, but the dates say {derived}",
                    given=repr(given.value),
                    derived=repr(derived.value),
                ),
            )
        )


def _dates_contradict(given: TaskState, derived: TaskState, task: Task) -> bool:
    """Whether the dates say something else, not merely less, than the given status."""
    if given.is_completed and task.completed is None:
        # No completion date is missing information, not a contradiction, except that a
        # task without a deadline cannot be late.
        return given is TaskState.COMPLETED_LATE and task.deadline is None
    return True


def _settle_indicators(feed: Feed, indicators: Sequence[Indicator], at: _Positions) -> None:
    seen: set[str] = set()
    for index, indicator in enumerate(indicators):
        if indicator.id in seen:
            feed.findings.append(_duplicate("indicators", at(index), indicator.id))
            continue
        seen.add(indicator.id)
        feed.indicators.append(indicator)
        if indicator.agency is not None and indicator.agency not in feed.agencies:
            feed.findings.append(
                Finding(
                    "reference",
                    f"indicators[{at(index)}]",
                    indicator.id,
                    Message.of("agency {id} is not among the agencies", id=repr(indicator.agency)),
                )
            )


def _duplicate(section: str, index: int, record_id: str) -> Finding:
    return Finding(
        "duplicate",
        f"{section}[{index}]",
        record_id,
        Message.of("the id appears earlier; the first is kept, this one set aside"),
    )


_JSON_AT = re.compile(r"^(?P<what>.*?) at line (?P<line>\d+) column (?P<column>\d+)$")


def _json_error_where(message: str) -> tuple[Message | Phrase, Message]:
    match = _JSON_AT.match(message)
    if not match:
        return _DOCUMENT_WHERE, Message.of("not JSON: {what}", what=message)
    what: object = match["what"]
    if "recursion limit" in match["what"]:
        what = Phrase("nested too deeply to be a feed")
    # The parser counts a column 0 when the error is at a line's start; columns start at 1.
    column = max(int(match["column"]), 1)
    where = Message.of("line {line}, column {column}", line=match["line"], column=column)
    return where, Message.of("not JSON: {what}", what=what)


def _json_type(value: Any) -> Phrase:
    return Phrase(
        {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
            type(value), "number"
        )
    )


def _nfc(value: Any, merge: bool = False) -> Any:
    """Every text in NFC; `KeysMergedError` when two keys of an object become one,
    unless `merge` (their records are then set aside, or the feed refused)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(item, merge) for item in value]
    if isinstance(value, dict):
        made = {key: _nfc(item, merge) for key, item in value.items()}
        if merge:
            return {unicodedata.normalize("NFC", key): item for key, item in made.items()}
        return nfc_keys(made)
    return value
