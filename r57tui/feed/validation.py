"""Records validated by pydantic: the whole document in one pass when it is clean, else
record by record, each bad record set aside as a `Finding` while the rest loads.

Speed: a clean feed is validated in one pass inside pydantic-core. Only a feed with bad
records pays for the record-by-record path.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..i18n.message import Message
from ..i18n.validation import reason
from .envelope import Envelope, envelope_of, object_of, parse, section, utf8
from .keys import At, KeysMergedError, Twice, nfc_keys, parse_checked, written_twice
from .loaded import FeedError, Finding
from .models import Agency, FeedDocument, Indicator, Task
from .reuse import Positions

DOCUMENT = TypeAdapter(FeedDocument)
SECTIONS: dict[str, TypeAdapter[Any]] = {
    "agencies": TypeAdapter(list[Agency]),
    "tasks": TypeAdapter(list[Task]),
    "indicators": TypeAdapter(list[Indicator]),
}

Sections = dict[str, tuple[list[Any], Positions]]


def validate_whole(text: str | bytes) -> FeedDocument | None:
    """The fast path: the whole document in one pass, or None if anything is off (a key
    written twice too: the record-by-record path says where).

    jiter parses and finds keys written twice in one pass, and pydantic validates what it
    made: a whole check of every object costs less this way than `validate_json` and a
    separate check."""
    if b"\\u" in text if isinstance(text, bytes) else "\\u" in text:
        # Escaped characters are only seen after parsing, so NFC must be applied to
        # the parsed strings: the record-by-record path does that.
        return None
    try:
        return DOCUMENT.validate_python(parse_checked(utf8(text)))
    except (ValueError, ValidationError):  # not JSON, a key twice, or a record off
        return None


def validate_json_whole(data: bytes) -> FeedDocument | None:
    """The fast path when the document's text and keys are checked apart (`load_feed`'s
    `clean`): pydantic validates the bytes straight from JSON, without the parsed objects
    in between; None if anything is off, as `validate_whole`."""
    if b"\\u" in data:
        return None
    try:
        return DOCUMENT.validate_json(data)
    except ValidationError:
        return None


def validate_by_record(
    text: str, written: bytes | str | None
) -> tuple[Envelope, Sections, list[Finding], int]:
    """The envelope, each section's valid records and where they stood, the findings so
    far, and how many task records the feed has; or `FeedError`. `written`: the document
    as given, when it differs from `text` and must be checked for keys written twice."""
    raw = object_of(parse(text))
    merged = False
    if "\\u" in text:
        try:
            raw = nfc(raw)
        except KeysMergedError:  # escaped keys that are one key in NFC
            raw, merged = nfc(raw, merge=True), True
    encoded = utf8(written if isinstance(written, bytes) else text)
    twice = Twice.find(encoded, every_key=merged) if merged or written_twice(encoded) else Twice()
    if twice.outside is not None:
        raise FeedError(twice.outside.where, twice.outside.what)
    envelope = envelope_of(raw)
    findings: list[Finding] = []
    sections: Sections = {}
    for name, adapter in SECTIONS.items():
        aside = {index: at for (part, index), at in twice.records.items() if part == name}
        records = section(raw, name)
        sections[name] = validate_section(name, records, adapter, findings, aside=aside)
    return envelope, sections, findings, len(raw["tasks"])


def validate_section(
    name: str,
    records: list[Any],
    adapter: TypeAdapter[Any],
    findings: list[Finding],
    positions: list[int] | None = None,
    aside: dict[int, At] | None = None,
) -> tuple[list[Any], Positions]:
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
            return valid, Positions()
    except ValidationError as exc:
        invalid: dict[int, list[Message]] = {}
        for error in exc.errors(include_url=False):
            item = error["loc"][0]
            assert isinstance(item, int)  # a list's errors start with the item's index
            index = item if checking is None else checking[item]
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
    return adapter.validate_python([records[i] for i in kept]), Positions(kept)


def nfc(value: Any, merge: bool = False) -> Any:
    """Every text in NFC; `KeysMergedError` when two keys of an object become one,
    unless `merge` (their records are then set aside, or the feed refused)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(item, merge) for item in value]
    if isinstance(value, dict):
        made = {key: nfc(item, merge) for key, item in value.items()}
        if merge:
            return {unicodedata.normalize("NFC", key): item for key, item in made.items()}
        return nfc_keys(made)
    return value
