"""Updating a line of text without paying for a layout of the whole screen.

`Static.update` lays the screen out again by default. On a screen with 100k tasks that is
most of what a filter keystroke or the status line's once-a-second tick costs, for text
that did not change or whose height did not.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def update_text(widget: Static, content: Text | str) -> None:
    """Show `content` in `widget`: nothing when it is what is shown already; a repaint
    without layout when its number of lines is the same as before."""
    last = getattr(widget, "_r57_shown", None)
    if last == content:
        return
    lines = (content.plain if isinstance(content, Text) else content).count("\n")
    same_height = last is not None and getattr(widget, "_r57_lines", -1) == lines
    widget._r57_shown = content  # type: ignore[attr-defined]
    widget._r57_lines = lines  # type: ignore[attr-defined]
    widget.update(content, layout=not same_height)
