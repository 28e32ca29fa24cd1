"""The envelope of a feed and what refuses it whole: text that is not UTF-8 or not JSON,
a document that is not an object, of another format or version, without `as_of`, or
whose tasks are not a list. Each refusal is one `FeedError` that says where and what."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..i18n.message import Message
from ..i18n.strings import Phrase
from ..i18n.validation import short
from .keys import written_twice
from .loaded import FeedError, Finding
from .models import FEED_ID_MAX_CHARS, FEED_ID_PATTERN, FORMAT, VERSION

_BOM = "\ufeff"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?"
    r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)?"
)
DOCUMENT_WHERE = Phrase("document")

_FEED_ID = re.compile(FEED_ID_PATTERN)


@dataclass(frozen=True, slots=True)
class Envelope:
    """What the top level says of the feed, apart from its records."""

    as_of: datetime | date
    title: str | None = None
    # The feed's own name for itself (`feed_id`), None when it gives none or a bad one.
    feed_id: str | None = None
    # What the top level had wrong that did not refuse the feed (a bad `feed_id`).
    findings: tuple[Finding, ...] = ()


def decode(data: bytes | str) -> tuple[str, bool]:
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
        raise FeedError(DOCUMENT_WHERE, Message.of("empty: no JSON at all"))
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        as_written = False
    return text, as_written


def clean(data: bytes) -> bool:
    """Whether `decode` takes `data` as written (UTF-8, no BOM, in NFC) and no object of it
    has a key written twice (`keys.written_twice`): what a load may ask of a helper."""
    return as_written(data) and not written_twice(data)


# A piece of text checked at a time (`as_written`).
_PIECE = 1 << 20


def as_written(data: bytes) -> bool:
    """Whether `decode` takes `data` as written: UTF-8, no BOM, in NFC.

    A piece at a time, so that a national feed's text is never a second whole copy beside
    its bytes. Each piece ends before an ASCII byte: no character is cut there, and NFC
    neither composes an ASCII character with the one before it nor moves a mark across
    it, so the whole is in NFC exactly when every piece is."""
    if data.startswith(_BOM.encode()):
        return False
    start, size = 0, len(data)
    while start < size:
        end = min(start + _PIECE, size)
        while end < size and data[end] >= 0x80:
            end += 1
        try:
            text = data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            return False
        if not unicodedata.is_normalized("NFC", text):
            return False
        start = end
    return True


def utf8(text: bytes | str) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def parse(text: str | bytes) -> Any:
    # Imported here: only the careful way parses (validation.py), and a clean feed's load
    # does without pydantic altogether.
    import pydantic_core

    try:
        return pydantic_core.from_json(text, allow_inf_nan=True)
    except ValueError as exc:
        raise FeedError(*_json_error_where(str(exc))) from None


def object_of(raw: Any) -> dict[str, Any]:
    """The parsed document, which must be a JSON object."""
    if not isinstance(raw, dict):
        raise FeedError(
            DOCUMENT_WHERE,
            Message.of("a JSON {type}, not an object: not an r57 feed", type=json_type(raw)),
        )
    return raw


def section(raw: dict[str, Any], name: str) -> list[Any]:
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
            name, Message.of("must be a list, not a JSON {type}", type=json_type(records))
        )
    return records


def envelope_of(raw: dict[str, Any]) -> Envelope:
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
    feed_id, findings = _feed_id(raw.get("feed_id"))
    return Envelope(
        _as_of(raw["as_of"]), title if isinstance(title, str) else None, feed_id, findings
    )


def _feed_id(value: Any) -> tuple[str | None, tuple[Finding, ...]]:
    """The feed's own id, or None and a finding when it cannot be one. Set aside rather
    than refusing the feed: its own figures are sound, and a `same_as` of another feed
    that names it then matches no feed and is itself a finding, never a silent count."""
    if value is None:
        return None, ()
    if isinstance(value, str) and _FEED_ID.fullmatch(value):
        return value, ()
    return None, (
        Finding(
            "invalid",
            "feed_id",
            None,
            Message.of(
                "set aside: {value} is not a feed id (1 to {most} letters A–Z, digits, "
                "-, _ or ., starting and ending with a letter or digit); the feed is read "
                "without one",
                value=short(value),
                most=FEED_ID_MAX_CHARS,
            ),
        ),
    )


_MISSING = {
    "format": Message.of('a feed says "format": "{format}"', format=FORMAT),
    "version": Message.of('a feed says "version": {version}', version=VERSION),
    "as_of": Message.of(
        "the moment the figures describe is required (overdue is judged against it)"
    ),
}


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


_JSON_AT = re.compile(r"^(?P<what>.*?) at line (?P<line>\d+) column (?P<column>\d+)$")


def _json_error_where(message: str) -> tuple[Message | Phrase, Message]:
    match = _JSON_AT.match(message)
    if not match:
        return DOCUMENT_WHERE, Message.of("not JSON: {what}", what=message)
    what: object = match["what"]
    if "recursion limit" in match["what"]:
        what = Phrase("nested too deeply to be a feed")
    # The parser counts a column 0 when the error is at a line's start; columns start at 1.
    column = max(int(match["column"]), 1)
    where = Message.of("line {line}, column {column}", line=match["line"], column=column)
    return where, Message.of("not JSON: {what}", what=what)


def json_type(value: Any) -> Phrase:
    return Phrase(
        {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
            type(value), "number"
        )
    )
