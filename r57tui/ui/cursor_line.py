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

    _text: Text | None = None

    def show_text(self, text: Text) -> None:
        """Show `text` on the one line, cut to its width with "…" (again on a resize)."""
        self._text = text
        shown = text.copy()
        width = (self.size.width - self.styles.gutter.width) if self.size.width else 78
        if shown.cell_len > width:
            shown.truncate(width, overflow="ellipsis")
        update_text(self, shown)

    def on_resize(self) -> None:
        if self._text is not None:
            self.show_text(self._text)
