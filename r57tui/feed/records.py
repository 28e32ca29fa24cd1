"""A feed document cut into its parts as written, without parsing them.

msgspec checks that the document is JSON and skips over each part in C (`msgspec.Raw`):
26 MB in about 20 ms, where parsing it makes a million objects. What it skips it does
not read: the UTF-8 inside a skipped part is not checked, so whoever uses a part either
parses it or knows those bytes were checked before (see `refresh.load_changed`).

msgspec is imported on first use: a first load does not need it, and start-up is
measured in tenths of a second.
"""

from __future__ import annotations

from functools import cache
from typing import Any


class NotSplitError(ValueError):
    """Not JSON, or not of the shape asked for: the whole load says what is wrong."""


def top_parts(document: bytes | str) -> dict[str, bytes]:
    """Each top-level key of a JSON object and its value, as written."""
    decoders = _decoders()
    try:
        parts = decoders.top.decode(document)
    except (decoders.error, RecursionError) as exc:
        raise NotSplitError(str(exc)) from None
    return {key: bytes(value) for key, value in parts.items()}


def array_items(array: bytes) -> list[bytes]:
    """Each item of a JSON array, as written."""
    decoders = _decoders()
    try:
        items = decoders.items.decode(array)
    except (decoders.error, RecursionError) as exc:
        raise NotSplitError(str(exc)) from None
    return [bytes(item) for item in items]


class _Decoders:
    def __init__(self) -> None:
        import msgspec

        self.top: Any = msgspec.json.Decoder(dict[str, msgspec.Raw])
        self.items: Any = msgspec.json.Decoder(list[msgspec.Raw])
        self.error = msgspec.MsgspecError


@cache
def _decoders() -> _Decoders:
    return _Decoders()
