"""Text from a feed is data: make it safe to print before it reaches a terminal.

Control characters (C0, DEL, C1: the start of every escape sequence), bidirectional
overrides and invisible format characters are shown as visible `<U+XXXX>` marks, so a
title can neither clear the screen, set the window title, write the clipboard (OSC 52),
nor reorder what a reader sees.
"""

from __future__ import annotations

import re

# C0 except none, DEL, C1; bidi embeddings/overrides/isolates and marks; zero-width
# characters, word joiner, invisible operators, BOM; line and paragraph separators.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)


def _mark(match: re.Match[str]) -> str:
    return f"<U+{ord(match.group()):04X}>"


def printable(text: str) -> str:
    """The text with every unsafe character made visible; safe text is returned as is."""
    return _UNSAFE.sub(_mark, text) if _UNSAFE.search(text) else text


def has_unsafe(text: str, start: int = 0, end: int | None = None) -> bool:
    """True when `text[start:end]` holds a character `printable` would mark (no copy made)."""
    return _UNSAFE.search(text, start, len(text) if end is None else end) is not None


def one_line(text: str, limit: int = 200) -> str:
    """Printable, on one line, cut to `limit` characters with an ellipsis."""
    # Only what can be shown is looked at: a mark only lengthens the text, so the first
    # `limit + 1` characters decide the result, and a 40 MB note costs what a short one does.
    safe = printable(text[: limit + 1])
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"


def clipped(text: str, limit: int) -> tuple[str, int]:
    """The first `limit` characters of `text`, printable, and how many more it has.

    For a screen that shows the start of a long text and says how much is left to read.
    """
    if len(text) <= limit:
        return printable(text), 0
    return printable(text[:limit]), len(text) - limit
