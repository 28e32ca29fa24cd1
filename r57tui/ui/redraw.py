"""Updating a line of text without paying for a layout of the whole screen.

`Static.update` lays the screen out again. On a screen with 100k tasks that is much of
what a filter keystroke costs, for headlines and totals that did not change.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def update_text(widget: Static, content: Text | str) -> None:
    """Show `content` in `widget`, unless it is what is shown already."""
    if getattr(widget, "_r57_shown", None) == content:
        return
    widget._r57_shown = content  # type: ignore[attr-defined]
    widget.update(content)
