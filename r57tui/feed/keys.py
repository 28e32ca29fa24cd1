"""Keys written twice in one JSON object (FEED_FORMAT.md, "What a bad feed gets").

JSON allows `{"tasks": [...], "tasks": [...]}` and every fast parser keeps the last value
without a word, so the first list would vanish. Two keys are the same when they read the
same to the loader: escapes decoded (`"id"` and `"\\u0069d"` are one key) and, as all feed
text, normalised to NFC (a key in NFD and the same key in NFC are one key: the loader
would otherwise merge them silently).

Two steps, so that a clean feed pays little:

* jiter (the JSON parser pydantic is built on) says whether any object has a key twice
  as it parses, in Rust, and stops at the first: the one-pass load parses with it
  (`parse_checked`), the others ask `written_twice`; escapes are decoded, NFC is not
  (keys one only in NFC are caught where the loader applies NFC: `nfc_keys`);
* only then, `Twice.find` says where each is, walking in Python what jiter did not find
  clean: a key twice outside any record (the top level, or a part that is not a list of
  records) refuses the feed; a key twice anywhere inside an agency, task or indicator
  record sets that record aside.

Pure: no I/O.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

import jiter

from ..i18n.message import Message
from .records import NotSplitError, array_items, top_parts

SECTIONS = ("agencies", "tasks", "indicators")

_WS = re.compile(rb"[ \t\n\r]*")
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
# Numbers, true, false, null, NaN, Infinity: the document is known to be JSON already.
_SCALAR = re.compile(rb"[^,\]}\s]+")
_DUPLICATE = "Detected duplicate key"

# The walk's matches cannot fail: `_WS` matches the empty string, and the walk runs only
# on a document already parsed as JSON, where a string or a scalar starts where it looks.
_Match = Callable[[bytes, int], "re.Match[bytes]"]
_ws = cast(_Match, _WS.match)
_string = cast(_Match, _STRING.match)
_scalar = cast(_Match, _SCALAR.match)


class KeysMergedError(ValueError):
    """Two keys of one object became one when normalised to NFC."""


def written_twice(document: bytes) -> bool:
    """Whether some object of the document (JSON) has a key written twice, escapes
    decoded; keys equal only after NFC are found by `nfc_keys`."""
    try:
        jiter.from_json(document, catch_duplicate_keys=True, allow_inf_nan=True)
    except ValueError as exc:
        return str(exc).startswith(_DUPLICATE)
    return False


def parse_checked(values: bytes) -> object:
    """The document parsed, or `ValueError` if it is not JSON or has a key twice."""
    return jiter.from_json(values, catch_duplicate_keys=True, allow_inf_nan=True)


def nfc_keys(pairs: dict[str, object]) -> dict[str, object]:
    """An object's keys in NFC, or `KeysMergedError` if two of them become one."""
    made = {unicodedata.normalize("NFC", key): value for key, value in pairs.items()}
    if len(made) != len(pairs):
        raise KeysMergedError("two keys are one in NFC")
    return made


@dataclass(frozen=True, slots=True)
class At:
    """A key written a second time: the key as read, and where its second writing starts."""

    key: str
    line: int
    column: int  # in characters, from 1

    @property
    def where(self) -> Message:
        return Message.of("line {line}, column {column}", line=self.line, column=self.column)

    @property
    def what(self) -> Message:
        return Message.of("the key {key} is written twice", key=_quoted(self.key))


@dataclass(slots=True)
class Twice:
    """Every key written twice in a document, by where it stands."""

    outside: At | None = None  # the first outside any record: the feed is refused
    records: dict[tuple[str, int], At] = field(default_factory=dict)  # the first in each

    @classmethod
    def find(
        cls,
        document: bytes,
        parts: dict[str, bytes] | None = None,
        *,
        skip_tasks: bytes | None = None,
        every_key: bool = False,
    ) -> Twice:
        """Walk a JSON document; `parts`: its top-level parts as written, if split already.
        `skip_tasks`: the top-level `tasks` value as written, not walked where it is found
        (a refresh checks its new records apart).

        Records that jiter finds clean are stepped over (a walk in Python of 100k records
        would cost seconds), unless `every_key`: when keys may be one only in NFC, which
        jiter does not see."""
        sections: dict[str, _Records] = {}
        if not every_key:
            try:
                parts = top_parts(document) if parts is None else parts
                for name in SECTIONS:
                    if name == "tasks" and skip_tasks is not None:
                        continue
                    if name in parts and parts[name][:1] == b"[":
                        sections[name] = _Records(parts[name], array_items(parts[name]))
            except NotSplitError:
                sections = {}
        if skip_tasks is not None:
            sections["tasks"] = _Records(skip_tasks, None)
        walk = _Walk(document, sections)
        walk.run(_ws(document, 0).end(), None, top=True)
        return walk.found

    def __bool__(self) -> bool:
        return self.outside is not None or bool(self.records)


class _Records:
    """A section's list as written, its records, and which of them have a key twice."""

    def __init__(self, written: bytes, items: list[bytes] | None) -> None:
        self.written = written
        self.items = items  # None: step over the whole list
        self.twice: set[int] = set()
        if items:
            self.twice = {i for i in _suspects(items) if written_twice(items[i])}


def _suspects(items: list[bytes], chunk: int = 1000) -> list[int]:
    """The records in chunks that jiter finds a key twice in."""
    found: list[int] = []
    for start in range(0, len(items), chunk):
        if written_twice(b"[" + b",".join(items[start : start + chunk]) + b"]"):
            found += range(start, min(start + chunk, len(items)))
    return found


class _Frame:
    """An object or array the walk is in."""

    __slots__ = ("index", "keys", "section", "tag")

    def __init__(
        self, keys: set[str] | None, tag: tuple[str, int] | None, section: str | None
    ) -> None:
        self.keys = keys  # the keys read so far; None for an array
        self.tag = tag  # the record it is in, if any
        self.section = section  # an array: the top-level key whose list it is
        self.index = 0  # an array: the item the walk is in


class _Walk:
    """Walks values token by token, without recursion (a feed may nest deeply)."""

    def __init__(self, data: bytes, sections: dict[str, _Records]) -> None:
        self.data = data
        self.sections = sections
        self.found = Twice()

    def note(self, tag: tuple[str, int] | None, key: str, offset: int) -> None:
        if tag is None:
            if self.found.outside is None:
                self.found.outside = self.at(key, offset)
        elif tag not in self.found.records:
            self.found.records[tag] = self.at(key, offset)

    def at(self, key: str, offset: int) -> At:
        data = self.data
        start = data.rfind(b"\n", 0, offset) + 1
        column = len(data[start:offset].decode("utf-8", "replace")) + 1
        return At(key, data.count(b"\n", 0, offset) + 1, column)

    def records(self, i: int, name: str) -> int | None:
        """Past a section's list found as split, walking only its records with a key
        twice; None if the list here is not the one split (a key written twice)."""
        known = self.sections.get(name)
        data = self.data
        if known is None or not data.startswith(known.written, i):
            return None
        if known.items is not None and known.twice:
            at = i + 1
            for index, item in enumerate(known.items):
                at = _ws(data, at).end()
                if index in known.twice:
                    self.run(at, (name, index))
                at = _ws(data, at + len(item)).end() + 1  # past the comma
        return i + len(known.written)

    def run(  # noqa: PLR0915 - one loop, one state machine
        self, i: int, tag: tuple[str, int] | None, top: bool = False
    ) -> int:
        """Walk the value at `i` (the document's top-level object if `top`): its end."""
        data, ws = self.data, _ws
        if top and data[i : i + 1] != b"{":
            return i  # not an object: the load refuses it in its own words
        stack: list[_Frame] = []
        section: str | None = None  # the top-level key whose value comes next
        state = "value"
        while True:
            if state == "value":
                char = data[i]
                if char in b"{[":
                    is_object = char == ord("{")
                    stack.append(_Frame(set() if is_object else None, tag, section))
                    i = ws(data, i + 1).end()
                    if data[i] in b"}]":
                        i += 1
                        stack.pop()
                        state = "after"
                    elif is_object:
                        state = "key"
                    elif section is not None:
                        tag = (section, 0)
                elif char == ord('"'):
                    i = _string(data, i).end()
                    state = "after"
                else:
                    i = _scalar(data, i).end()
                    state = "after"
                section = None
            elif state == "key":
                frame = stack[-1]
                keys = frame.keys
                assert keys is not None  # a key is read only in an object
                match = _string(data, i)
                key = _read_key(match.group())
                if key in keys:
                    self.note(frame.tag, key, i)
                else:
                    keys.add(key)
                i = ws(data, ws(data, match.end()).end() + 1).end()  # past the colon
                tag = frame.tag
                state = "value"
                if top and len(stack) == 1 and key in SECTIONS:
                    past = self.records(i, key)
                    if past is None:
                        section = key
                    else:
                        i, state = past, "after"
            else:  # after a value
                if not stack:
                    return i
                i = ws(data, i).end()
                frame = stack[-1]
                if data[i] == ord(","):
                    i = ws(data, i + 1).end()
                    if frame.keys is None:
                        frame.index += 1
                        tag = (
                            (frame.section, frame.index) if frame.section is not None else frame.tag
                        )
                        state = "value"
                    else:
                        state = "key"
                else:
                    i += 1
                    stack.pop()


def _quoted(key: str, limit: int = 40) -> str:
    """A key between double quotes, as a feed writes it; what would not print, escaped
    (feed text never controls the terminal)."""
    shown = "".join(
        char if char.isprintable() and char not in '"\\' else json.dumps(char)[1:-1]
        for char in key[:limit]
    )
    return f'"{shown}{"…" if len(key) > limit else ""}"'


def _read_key(written: bytes) -> str:
    if b"\\" in written or not written.isascii():
        key = json.loads(written)
        return key if key.isascii() else unicodedata.normalize("NFC", key)
    return written[1:-1].decode("ascii")
