"""A refresh that decodes only what changed.

The feed it replaces was loaded for refreshing (`load_feed(for_refresh=True)`): its task
records as written are kept beside the Tasks they gave (`reuse.py`). The new document's
task records are split out as written (msgspec skips over each in C, `msgspec.Raw`), and
a record byte for byte the same as one the last feed validated takes that feed's `Task`,
when the `as_of` date is the same (then everything the loader derives for it is the same
too). Only new or changed records are decoded, with the other parts, as a first load
decodes a feed (decoding.py), or validated the careful way when decoding refuses them.

The Tasks taken are shared by the feed on screen and the new one: they are frozen
(models.py), and the loader does not write them again (states.py).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgspec

from .decoding import decode_whole, envelope_of_decoded, trim_owners
from .envelope import Envelope, clean, envelope_of, section
from .keys import Twice, parse_checked
from .loaded import Feed, FeedError, Finding
from .models import Task
from .records import array_items, top_parts
from .reuse import Positions, Reuse
from .states import settle

# Past this share of new or changed records, reusing the rest saves less than it costs.
_MOST_FRESH = 0.25


def load_changed(data: bytes | str, previous: Feed, for_refresh: bool) -> tuple[Feed, int] | None:
    """This feed made with the Task objects of `previous` for records written the same,
    and how many tasks were made anew; None when that cannot be done, or the feed has
    something to refuse: the whole load (`load_feed`) then runs, and says what is wrong in
    its words. The feed is the one the whole load would give; only the time differs.

    Works on the bytes as written: a record reused is byte for byte one that was checked
    (UTF-8, NFC) and validated; new records and the other parts are parsed, then NFC."""
    if previous.reuse is None or not isinstance(data, bytes):
        return None
    try:
        return _reusing(data, previous, for_refresh)
    except (FeedError, ValueError, RecursionError, KeyError):  # NotSplitError is one
        return None


def _reusing(data: bytes, previous: Feed, for_refresh: bool) -> tuple[Feed, int] | None:
    parts = top_parts(data)
    written_tasks = parts.pop("tasks")
    # Every key but those of the task records (a reused one was checked when first read;
    # the new ones are checked below). A key twice: the whole load.
    if Twice.find(data, parts, skip_tasks=written_tasks):
        return None
    records = array_items(written_tasks)
    reusable = previous.reusable()
    tasks: list[Task | None] = list(map(reusable.get, records))
    fresh = [position for position, task in enumerate(tasks) if task is None]
    if len(fresh) > len(records) * _MOST_FRESH:
        return None  # rewritten (or written another way): the whole load is quicker
    # The other parts and the new records, as one small document: decoded when clean,
    # else the careful way, record by record.
    rest = _rest(parts, [records[position] for position in fresh])
    made = _decoded(rest, previous) if rest is not None else None
    if made is None:
        made = _validated(parts, records, fresh, previous)
        if made is None:
            return None
    envelope, sections, findings, checked, at = made
    for index, task in enumerate(checked):
        tasks[fresh[at(index)]] = task
    if len(checked) == len(fresh):
        sections["tasks"] = (tasks, Positions())
    else:  # some set aside
        kept = [position for position, task in enumerate(tasks) if task is not None]
        sections["tasks"] = ([tasks[position] for position in kept], Positions(kept))
    feed = settle(envelope, sections, findings)
    if for_refresh:
        feed.reuse = Reuse(records, *sections["tasks"], len(records))
    return feed, len(fresh)


# What the new records give: the envelope, the other sections, the findings so far, the
# new Tasks and where each stood among the new records.
_Sections = dict[str, tuple[list[Any], Positions]]
_Made = tuple[Envelope, _Sections, list[Finding], list[Task], Positions]


def _rest(parts: dict[str, bytes], fresh: list[bytes]) -> bytes | None:
    """The document without its reused records, as written, when it is as a clean first
    load takes it (UTF-8 in NFC, no key twice); else None."""
    pieces = [msgspec.json.encode(key) + b":" + value for key, value in parts.items()]
    pieces.append(b'"tasks":[' + b",".join(fresh) + b"]")
    rest = b"{" + b",".join(pieces) + b"}"
    return rest if clean(rest) else None


def _decoded(rest: bytes, previous: Feed) -> _Made | None:
    document = decode_whole(rest)
    if document is None:
        return None
    envelope = envelope_of_decoded(document)
    if envelope is None or _date(envelope) != previous.as_of_date:
        return None
    trim_owners(document.tasks)
    sections: _Sections = {
        "agencies": (document.agencies, Positions()),
        "indicators": (document.indicators, Positions()),
    }
    return envelope, sections, [], document.tasks, Positions()


def _validated(
    parts: dict[str, bytes], records: list[bytes], fresh: list[int], previous: Feed
) -> _Made | None:
    """The careful way (pydantic, imported only for a feed that needs it)."""
    import pydantic_core

    from .validation import SECTIONS, nfc, validate_section

    # Every other part is parsed: small, and its UTF-8 is then checked too.
    raw = nfc(
        {name: pydantic_core.from_json(value, allow_inf_nan=True) for name, value in parts.items()}
    )
    envelope = envelope_of(raw)
    if _date(envelope) != previous.as_of_date:
        return None  # every state is judged again: the whole load is as quick
    values = nfc(parse_checked(b"[" + b",".join(records[position] for position in fresh) + b"]"))
    findings: list[Finding] = []
    sections: _Sections = {}
    checked: list[Task] = []
    at = Positions()
    for name, adapter in SECTIONS.items():  # in this order: findings come in feed order
        if name != "tasks":
            sections[name] = validate_section(name, section(raw, name), adapter, findings)
        else:
            checked, at = validate_section(name, values, adapter, findings, fresh)
    return envelope, sections, findings, checked, at


def _date(envelope: Envelope) -> date:
    as_of = envelope.as_of
    return as_of.date() if isinstance(as_of, datetime) else as_of
