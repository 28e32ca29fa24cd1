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


def one_line(text: str, limit: int = 200) -> str:
    """Printable, on one line, cut to `limit` characters with an ellipsis."""
    safe = printable(text)
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"
