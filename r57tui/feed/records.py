"""A feed document cut into its parts as written, without parsing them.

msgspec checks that the document is JSON and skips over each part in C (`msgspec.Raw`):
26 MB in about 20 ms, where parsing it makes a million objects. What it skips it does
not read: the UTF-8 inside a skipped part is not checked, so whoever uses a part either
parses it or knows those bytes were checked before (see `refresh.load_changed`).
"""

from __future__ import annotations

import msgspec

_TOP = msgspec.json.Decoder(dict[str, msgspec.Raw])
_ITEMS = msgspec.json.Decoder(list[msgspec.Raw])


class NotSplitError(ValueError):
    """Not JSON, or not of the shape asked for: the whole load says what is wrong."""


def top_parts(document: bytes | str) -> dict[str, bytes]:
    """Each top-level key of a JSON object and its value, as written."""
    try:
        parts = _TOP.decode(document)
    except (msgspec.MsgspecError, RecursionError) as exc:
        raise NotSplitError(str(exc)) from None
    return {key: bytes(value) for key, value in parts.items()}


def array_items(array: bytes) -> list[bytes]:
    """Each item of a JSON array, as written."""
    try:
        items = _ITEMS.decode(array)
    except (msgspec.MsgspecError, RecursionError) as exc:
        raise NotSplitError(str(exc)) from None
    return [bytes(item) for item in items]
