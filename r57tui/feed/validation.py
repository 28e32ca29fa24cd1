"""The careful way to load a feed: records validated by pydantic against the contract
(contract.py), each bad record set aside as a `Finding` that says why, while the rest
loads; what is kept is made into the records a load gives (models.py).

Only a feed that decoding did not take (decoding.py) comes here: one with something
wrong, or written in a way decoding leaves to this path (an escape, say). A section with
nothing wrong is still validated in one pass inside pydantic-core.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import msgspec
from pydantic import TypeAdapter, ValidationError

from ..i18n.message import Message
from ..i18n.validation import reason
from . import contract, models
from .envelope import Envelope, envelope_of, object_of, parse, section, utf8
from .keys import At, KeysMergedError, Twice, nfc_keys, written_twice
from .loaded import FeedError, Finding
from .reuse import Positions

SECTIONS: dict[str, TypeAdapter[Any]] = {
    "agencies": TypeAdapter(list[contract.Agency]),
    "tasks": TypeAdapter(list[contract.Task]),
    "indicators": TypeAdapter(list[contract.Indicator]),
}
_MODELS: dict[str, Any] = {
    "agencies": list[models.Agency],
    "tasks": list[models.Task],
    "indicators": list[models.Indicator],
}
# What validated records are made into: a load's records; the reference loader in the
# tests keeps pydantic's own.
Made = Callable[[str, list[Any]], list[Any]]


def as_models(name: str, records: list[Any]) -> list[Any]:
    """A section's records, validated by pydantic, as the records a load gives (in C:
    msgspec reads each field of each record by its name)."""
    return msgspec.convert(records, _MODELS[name], from_attributes=True)


Sections = dict[str, tuple[list[Any], Positions]]


def validate_by_record(
    text: str, written: bytes | str | None, made: Made = as_models
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
        sections[name] = validate_section(name, records, adapter, findings, aside=aside, made=made)
    return envelope, sections, findings, len(raw["tasks"])


def validate_section(
    name: str,
    records: list[Any],
    adapter: TypeAdapter[Any],
    findings: list[Finding],
    positions: list[int] | None = None,
    aside: dict[int, At] | None = None,
    made: Made = as_models,
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
            return made(name, valid), Positions()
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
    return made(name, adapter.validate_python([records[i] for i in kept])), Positions(kept)


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
