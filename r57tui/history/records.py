"""A feed taken apart for the store, and put back together as a feed document.

A snapshot keeps each task's state and progress (what moves from meeting to meeting) in
one packed column of its own, and every other field of its tasks, agencies and
indicators as records shared between snapshots: a record is stored once, under the digest
of what it says, and a snapshot lists the records it holds. So a thousand snapshots of a
feed whose titles, deadlines and agencies seldom change keep those once, and a snapshot
costs little more than its counts and its packed states.

What is not kept without `--keep-feed`: the tasks' notes and the keys a feed adds that
the contract does not read. The document rebuilt from a snapshot is a valid feed of its
records: loaded against the same `as_of`, every task comes back in the state it had.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from array import array
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from itertools import accumulate
from typing import Any

import msgspec

from ..feed import FORMAT, VERSION, Agency, Feed, Indicator, Task, TaskState
from ..feed.models import given_fields

TASK, AGENCY, INDICATOR = 0, 1, 2

# A task's fields that the snapshot's packed column holds (they move between meetings),
# and those no snapshot keeps: notes can be long (a picture pasted into a report), and the
# derived fields are worked out again from `as_of`.
_PACKED = frozenset({"progress"})
_LEFT_OUT = frozenset({"notes", "state", "deadline", "days_past_due"})
NO_PROGRESS = 255
_TASK_FIELDS = tuple(name for name in Task.__struct_fields__ if name not in _PACKED | _LEFT_OUT)
_COMPRESS_FROM = 512  # bytes of JSON

STATE_CODES: tuple[TaskState, ...] = (
    TaskState.COMPLETED,
    TaskState.COMPLETED_LATE,
    TaskState.ON_TIME,
    TaskState.OVERDUE,
)
_CODE_OF = {state: code for code, state in enumerate(STATE_CODES)}


def _plain(value: Any) -> Any:
    """A record's value as JSON writes it, the way a feed would."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, msgspec.Struct):
        return record_dict(value)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def record_dict(record: msgspec.Struct, leave_out: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The fields a feed gave for a record (defaults left out, so a record is as short
    as it can be and an unchanged one has the same digest)."""
    out: dict[str, Any] = {}
    for name in given_fields(record):
        if name in leave_out:
            continue
        value = getattr(record, name)
        if value is None or value == () or (value is False and name == "key_task"):
            continue
        out[name] = _plain(value)
    return out


def encode(document: dict[str, Any]) -> tuple[bytes, bytes]:
    """(digest, stored body) of a record: the digest names what it says. A short record
    is kept as its JSON (compressing a title's hundred bytes saves little and costs much
    at 100k tasks), a long one compressed."""
    raw = msgspec.json.encode(document)
    digest = hashlib.blake2b(raw, digest_size=16).digest()
    return digest, raw if len(raw) < _COMPRESS_FROM else zlib.compress(raw, 6)


def decode(body: bytes) -> dict[str, Any]:
    value = json.loads(body if body[:1] == b"{" else zlib.decompress(body))
    assert isinstance(value, dict)
    return value


def task_record(task: Task) -> dict[str, Any]:
    # The one record made 100k times for a national feed: its fields named once, and its
    # values (text, dates, a tuple of ids, a state) left to the encoder as they are.
    out: dict[str, Any] = {}
    for name in _TASK_FIELDS:
        value = getattr(task, name)
        if value is not None and value != () and value is not False:
            out[name] = value
    return out


def agency_record(agency: Agency) -> dict[str, Any]:
    return record_dict(agency)


def indicator_record(indicator: Indicator) -> dict[str, Any]:
    return record_dict(indicator)


def pack_refs(refs: Sequence[int]) -> bytes:
    """Record ids in order, as differences (mostly 1 or small: they compress to little)."""
    deltas = array("q", (ref - before for ref, before in zip(refs, [0, *refs], strict=False)))
    return zlib.compress(deltas.tobytes(), 6)


def unpack_refs(blob: bytes) -> list[int]:
    deltas = array("q")
    deltas.frombytes(zlib.decompress(blob))
    return list(accumulate(deltas))


def pack_tasks(tasks: Iterable[Task]) -> bytes:
    """Each task's state and progress, one byte each, in the feed's order."""
    states = bytearray()
    progress = bytearray()
    for task in tasks:
        states.append(_CODE_OF[task.state])
        progress.append(NO_PROGRESS if task.progress is None else task.progress)
    return zlib.compress(bytes(states) + bytes(progress), 6)


def unpack_tasks(blob: bytes, count: int) -> tuple[list[TaskState], list[int | None]]:
    raw = zlib.decompress(blob)
    if len(raw) != 2 * count:
        raise ValueError("the packed states do not match the snapshot's tasks")
    states = [STATE_CODES[code] for code in raw[:count]]
    progress = [None if value == NO_PROGRESS else value for value in raw[count:]]
    return states, progress


def as_of_text(feed: Feed) -> str:
    return feed.as_of.isoformat()


def as_of_key(feed: Feed) -> str:
    """A text that sorts snapshots in time, whatever offset each `as_of` was written in."""
    as_of = feed.as_of
    if isinstance(as_of, datetime):
        if as_of.tzinfo is not None:
            from datetime import UTC

            as_of = as_of.astimezone(UTC).replace(tzinfo=None)
        return as_of.strftime("%Y-%m-%dT%H:%M:%S.%f")
    return f"{as_of.isoformat()}T00:00:00.000000"


def rebuilt_document(
    as_of: str,
    title: str | None,
    agencies: list[dict[str, Any]],
    tasks: list[dict[str, Any]],
    progress: list[int | None],
    indicators: list[dict[str, Any]],
) -> bytes:
    """The feed document a snapshot's records make, as bytes the loader reads."""
    task_list = []
    for record, value in zip(tasks, progress, strict=True):
        task_list.append(record if value is None else {**record, "progress": value})
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "as_of": as_of,
        "agencies": agencies,
        "tasks": task_list,
        "indicators": indicators,
    }
    if title is not None:
        document["title"] = title
    return json.dumps(document, ensure_ascii=False).encode()
