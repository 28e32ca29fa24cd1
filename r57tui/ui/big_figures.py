"""A figure in block letters as large as the room layout gives it (block_font.py).

`BigFigure` is used like Textual's Digits (`update(text)`, `value`) but fills its box:
it draws the largest glyphs that fit whatever size it is given, again at each resize.
Figures of one `group` on a screen share one size, the largest at which all of them fit
their boxes, so "86 8%" is not drawn bigger than "1.132" beside it. Its colour is a
meaning of the theme (marks.ThemeColours), read at each drawing: a theme change repaints
it in the new theme's colour. A figure the fonts cannot draw, or too big for its box
at the smallest size, is written in plain text (cut with "…" when even that is too wide).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from .block_font import Box, Scale, largest, render
from .fitting import shorten
from .marks import ThemeColours


class BigFigure(Widget):
    DEFAULT_CSS = """
    BigFigure { width: 1fr; height: 1fr; content-align: center middle; }
    """

    def __init__(
        self,
        value: str = "",
        *,
        colours: ThemeColours | None = None,
        meaning: str | None = None,
        group: str | None = None,
        **widget: Any,
    ) -> None:
        """`meaning`: the theme colour (`"overdue"`…) it is drawn in, None for the text
        colour. `group`: figures of one group on a screen share one size. `widget`: id,
        classes…, as for any widget."""
        super().__init__(**widget)
        self._value = value
        self.colours = colours
        self.meaning = meaning
        self.group = group

    @property
    def value(self) -> str:
        return self._value

    def update(self, value: str) -> None:
        """Show `value`. Its group is drawn again too: their common size may change."""
        if value == self._value:
            self.refresh()  # the colours may have changed with the theme
            return
        self._value = value
        for figure in self.peers():
            figure.refresh()

    def on_mount(self) -> None:
        # Textual restyles on a theme change but does not draw a widget again unless its
        # CSS changed: the colour comes from ThemeColours, so ask for a new drawing.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh())

    def on_resize(self) -> None:
        for figure in self.peers():
            if figure is not self:
                figure.refresh()

    def peers(self) -> list[BigFigure]:
        """The figures drawn at one size with this one (itself included)."""
        if self.group is None or not self.is_attached:
            return [self]
        return [
            figure
            for figure in self.screen.query(BigFigure)
            if figure.group == self.group and figure.is_attached
        ] or [self]

    def box(self) -> Box:
        return (self._value, self.content_size.width, self.content_size.height)

    def scale(self) -> Scale | None:
        """The size this figure is drawn at, in its box as laid out now."""
        if not self._value.strip():
            return None
        return largest(tuple(figure.box() for figure in self.peers()))

    def glyph_rows(self) -> tuple[str, ...]:
        """The figure in block letters as drawn now; () when written in plain text."""
        scale = self.scale()
        if scale is None:
            return ()
        return render(self._value, scale, self.content_size.width)

    def render(self) -> Text:
        style = "bold"
        if self.colours is not None and self.meaning is not None:
            style = self.colours.style(self.meaning, bold=True)
        rows = self.glyph_rows()
        if rows:
            return Text("\n".join(rows), style=style, no_wrap=True, end="")
        plain = Text(self._value, style=style, no_wrap=True, end="")
        return shorten(plain, max(self.content_size.width, 1))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as drawn at the largest size the container allows."""
        scale = largest(((self._value, container.width, container.height),))
        if scale is None:
            return len(self._value)
        return max(map(len, render(self._value, scale, container.width)), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As tall as drawn at the largest size `width` and the container allow."""
        scale = largest(((self._value, width, container.height),))
        return len(render(self._value, scale, width)) if scale is not None else 1
