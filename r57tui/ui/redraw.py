"""Updating a line of text without paying for a layout of the whole screen.

`Static.update` lays the screen out again. On a screen with 100k tasks that is much of
what a filter keystroke costs (two layouts of 30 ms each: "showing 12 of 100,000"), for
headlines and totals that did not change or did not change size.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static


def same(shown: object, new: object) -> bool:
    """Whether `new` draws exactly as `shown`. Rich's Text `==` compares the characters and
    the spans but not the base style, which is all a theme change recolours: a label kept
    as "equal" stayed in the last theme's colours (dark green on the dark theme)."""
    if isinstance(shown, Text) and isinstance(new, Text):
        return shown == new and shown.style == new.style and shown.justify == new.justify
    return shown == new


def update_text(widget: Static, content: Text | str) -> None:
    """Show `content` in `widget`, unless it is what is shown already."""
    if same(getattr(widget, "_r57_shown", None), content):
        return
    widget._r57_shown = content  # type: ignore[attr-defined]
    widget.update(content, layout=not stays_one_row(widget, content))


def stays_one_row(widget: Static, content: Text | str) -> bool:
    """Whether `widget` is one row now and `content` fits that row: then nothing moves and
    a repaint will do. Not for a widget as wide as its content (`width: auto`), nor one
    not laid out yet (a new screen's: no size)."""
    width = widget.styles.width
    if (width is not None and width.is_auto) or widget.size.height != 1:
        return False
    plain = content.plain if isinstance(content, Text) else content
    return "\n" not in plain and 0 < cell_len(plain) <= widget.size.width
