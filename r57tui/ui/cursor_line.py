"""The line under a table that names the row under the cursor in full.

A column shows a name whole, or its short form, or a title cut after a word: the eye is
on the cursor's row, so this line says what that row holds in full (the whole title,
the lead agency's whole name), on one line, cut with "…" only when even that is too long.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..safety import one_line
from .redraw import update_text


def cursor_text(*parts: str, first: str = "") -> Text:
    """`first` in bold, then the parts with " · " between; feed text stays literal."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    if first:
        text.append(one_line(first, 200), style="bold")
    for part in parts:
        if not part:
            continue
        if text.plain:
            text.append(" · ", style="dim")
        text.append(one_line(part, 400))
    return text


class CursorLine(Static):
    DEFAULT_CSS = """
    CursorLine { height: 1; padding: 0 1; background: $boost; }
    """

    def show_text(self, text: Text) -> None:
        text.no_wrap = True
        text.overflow = "ellipsis"
        update_text(self, text)
