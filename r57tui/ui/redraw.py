"""Updating text without paying for a layout of the whole screen.

`Static.update` lays the screen out again. On a screen with 100k tasks that is much of
what a filter keystroke costs (two layouts of 30 ms each: "showing 12 of 100,000"), and
of a refresh's frame (a layout of 30 ms for the headline's new figures), for headlines
and totals that did not change or did not change size.
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
    widget.update(content, layout=not keeps_its_rows(widget, content))


def keeps_its_rows(widget: Static, content: Text | str) -> bool:
    """Whether `content` takes exactly the rows `widget` has now, each line fitting its
    row: then nothing moves and a repaint will do. Not for a widget as wide as its content
    (`width: auto`), nor one not laid out yet (a new screen's: no size)."""
    width = widget.styles.width
    room = widget.content_size
    if (width is not None and width.is_auto) or not room.height:
        return False
    lines = (content.plain if isinstance(content, Text) else content).split("\n")
    return len(lines) == room.height and all(0 < cell_len(line) <= room.width for line in lines)


def stays_one_row(widget: Static, content: Text | str) -> bool:
    """Whether `widget` is one row now and `content` fits that row (`keeps_its_rows`)."""
    return widget.size.height == 1 and keeps_its_rows(widget, content)
