"""Figures in solid block letters as large as the room allows: a bitmap font of our own.

Two bitmap fonts (5×7 pixels, and 3×5 for small rooms) hold the digits and the few signs
a figure needs: `.` `,` `%` `+` `−` `±`. A pixel becomes `across` cells wide and `down`
half-rows tall, drawn with █ ▀ ▄, so every stroke is solid and at least one cell wide.
A cell is about twice as tall as it is wide, so a pixel of one cell by one half-row is
square; `down` may be up to twice `across` (tall, condensed digits), never less than it.

`largest` finds the biggest scale at which every figure of a set fits its box (a slide's
figures share one size, so a short figure does not look bigger than a long one); words
go onto lines of their own when that lets the glyphs grow. Pure: no terminal, no Textual.

Why not FIGlet fonts (pyfiglet): each is one fixed size, most draw strokes with `#`, `8`
or `:`; the solid ones are five rows tall at any screen size, and their comma is one
half-cell lost between two digits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from math import ceil
from types import MappingProxyType

FULL, UPPER, LOWER, BLANK = "█", "▀", "▄", " "


@dataclass(frozen=True, slots=True, eq=False)  # one of each: known by identity
class Font:
    """A bitmap font: each glyph is rows of `#` (ink) and `.` (ground), all `height` tall."""

    name: str
    height: int
    glyphs: Mapping[str, tuple[str, ...]] = field(repr=False)
    # How much a half-row of its height counts when sizes are compared: a coarser font
    # must draw taller to be chosen (5×7's curves read better at about the same size).
    worth: int
    gap: int = 1  # ground between two glyphs, in pixels

    def supports(self, text: str) -> bool:
        return all(char in self.glyphs for char in text)

    def pixel_width(self, text: str) -> int:
        """Width of `text` on one line, in pixels (gaps between glyphs included)."""
        if not text:
            return 0
        return sum(len(self.glyphs[char][0]) for char in text) + self.gap * (len(text) - 1)

    def pixels(self, text: str) -> tuple[str, ...]:
        """`text` on one line as rows of `#` and `.`."""
        rows = []
        for row in range(self.height):
            rows.append(("." * self.gap).join(self.glyphs[char][row] for char in text))
        return tuple(rows)


def _glyphs(spec: str, height: int) -> Mapping[str, tuple[str, ...]]:
    """`char: row row row …` lines -> glyphs, each checked to be a rectangle."""
    glyphs: dict[str, tuple[str, ...]] = {}
    for line in spec.strip().splitlines():
        char, rows = line.split(":", 1)
        glyph = tuple(rows.split())
        assert len(glyph) == height, char
        assert len({len(row) for row in glyph}) == 1, char
        glyphs[char.strip() or " "] = glyph
    return MappingProxyType(glyphs)


# A minus sign, a hyphen and an en dash draw alike: a signed change is `−3` (marks.signed).
LARGE = Font(
    "5x7",
    7,
    _glyphs(
        """
        0: .###. #...# #...# #...# #...# #...# .###.
        1: ..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.
        2: .###. #...# ....# ...#. ..#.. .#... #####
        3: ##### ...#. ..#.. ...#. ....# #...# .###.
        4: ...#. ..##. .#.#. #..#. ##### ...#. ...#.
        5: ##### #.... ####. ....# ....# #...# .###.
        6: ..##. .#... #.... ####. #...# #...# .###.
        7: ##### ....# ...#. ..#.. .#... .#... .#...
        8: .###. #...# #...# .###. #...# #...# .###.
        9: .###. #...# #...# .#### ....# ...#. .##..
        %: ##... ##..# ...#. ..#.. .#... #..## ...##
        +: ..... ..#.. ..#.. ##### ..#.. ..#.. .....
        −: ..... ..... ..... ##### ..... ..... .....
        -: ..... ..... ..... ##### ..... ..... .....
        –: ..... ..... ..... ##### ..... ..... .....
        ±: ..#.. ..#.. ##### ..#.. ..#.. ..... #####
        .: .. .. .. .. .. ## ##
        ,: .. .. .. .. ## ## #.
         : .. .. .. .. .. .. ..
        """,
        7,
    ),
    worth=5,
)
SMALL = Font(
    "3x5",
    5,
    _glyphs(
        """
        0: ### #.# #.# #.# ###
        1: .#. ##. .#. .#. ###
        2: ### ..# ### #.. ###
        3: ### ..# .## ..# ###
        4: #.# #.# ### ..# ..#
        5: ### #.. ### ..# ###
        6: ### #.. ### #.# ###
        7: ### ..# ..# ..# ..#
        8: ### #.# ### #.# ###
        9: ### #.# ### ..# ###
        %: #.# ..# .#. #.. #.#
        +: ... .#. ### .#. ...
        −: ... ... ### ... ...
        -: ... ... ### ... ...
        –: ... ... ### ... ...
        ±: .#. ### .#. ... ###
        .: . . . . #
        ,: .. .. .. .# #.
         : . . . . .
        """,
        5,
    ),
    worth=4,  # chosen over 5×7 only when at least 5/4 as tall
)
FONTS = (LARGE, SMALL)


@dataclass(frozen=True, slots=True)
class Scale:
    """How big a font is drawn: a pixel is `across` cells wide and `down` half-rows tall."""

    font: Font
    across: int
    down: int

    @property
    def half_rows(self) -> int:
        """A line of glyphs' height in half-rows."""
        return self.font.height * self.down

    @property
    def rows(self) -> int:
        """A line of glyphs' height in rows (a last half-row takes a row)."""
        return ceil(self.half_rows / 2)

    def width(self, text: str) -> int:
        """`text` on one line, in cells."""
        return self.font.pixel_width(text) * self.across

    def lines(self, text: str, width: int) -> list[str] | None:
        """`text`'s words on as few lines as fit `width` cells; None if a word is wider."""
        lines: list[str] = []
        for word in text.split():
            if self.width(word) > width:
                return None
            joined = f"{lines[-1]} {word}" if lines else word
            if lines and self.width(joined) <= width:
                lines[-1] = joined
            else:
                lines.append(word)
        return lines

    def block_half_rows(self, count: int) -> int:
        """`count` lines of glyphs with a pixel of ground between them, in half-rows."""
        return count * self.half_rows + (count - 1) * self.down if count else 0

    def fits(self, text: str, width: int, height: int) -> bool:
        lines = self.lines(text, width)
        return lines is not None and ceil(self.block_half_rows(len(lines)) / 2) <= height


def scales(width: int, height: int) -> list[Scale]:
    """Every scale whose glyphs could fit `width` × `height` cells, largest first: by
    height (weighed by the font's worth), then by width, then the finer font."""
    found = []
    for order, font in enumerate(FONTS):
        narrowest = min(len(glyph[0]) for char, glyph in font.glyphs.items() if char.isdigit())
        for across in range(1, width // narrowest + 1):
            for down in range(across, 2 * across + 1):
                scale = Scale(font, across, down)
                if scale.rows > height:
                    break
                found.append((scale.half_rows * font.worth, narrowest * across, -order, scale))
    found.sort(key=lambda item: item[:3], reverse=True)
    return [item[3] for item in found]


# A text and the box it is to fit, in cells: (text, width, height).
Box = tuple[str, int, int]


@lru_cache(maxsize=256)
def largest(boxes: tuple[Box, ...]) -> Scale | None:
    """The biggest scale at which each text fits its own box; None when none does (or a
    text holds a character the fonts lack). Blank texts ask for nothing."""
    shown = [(text, width, height) for text, width, height in boxes if text.strip()]
    if not shown or min(min(width, height) for _, width, height in shown) < 1:
        return None
    widest = max(width for _, width, _ in shown)
    tallest = max(height for _, _, height in shown)
    for scale in scales(widest, tallest):
        if all(
            scale.font.supports(text) and scale.fits(text, width, height)
            for text, width, height in shown
        ):
            return scale
    return None


def largest_in(texts: Sequence[str], width: int, height: int) -> Scale | None:
    """The biggest scale at which each of `texts` fits a box of `width` × `height`."""
    return largest(tuple((text, width, height) for text in texts))


def render(text: str, scale: Scale, width: int | None = None) -> tuple[str, ...]:
    """`text` in block letters at `scale`: rows of █ ▀ ▄ and spaces, its lines centred on
    each other. `width` (cells) lets words go onto lines of their own; None: one line."""
    lines = [text.strip()] if width is None else scale.lines(text, width)
    if not lines or not lines[0]:
        return ()
    across, down = scale.across, scale.down
    block_width = max(scale.width(line) for line in lines)
    half_rows: list[str] = []
    for number, line in enumerate(lines):
        if number:
            half_rows.extend([BLANK * block_width] * down)
        cells = scale.width(line)
        left = (block_width - cells) // 2
        for pixel_row in scale.font.pixels(line):
            wide = "".join(pixel * across for pixel in pixel_row)
            row = " " * left + wide.replace(".", " ") + " " * (block_width - cells - left)
            half_rows.extend([row] * down)
    if len(half_rows) % 2:
        half_rows.append(BLANK * block_width)
    return tuple(
        _pair(top, bottom) for top, bottom in zip(half_rows[::2], half_rows[1::2], strict=True)
    )


_CELLS = {("#", "#"): FULL, ("#", " "): UPPER, (" ", "#"): LOWER, (" ", " "): BLANK}


def _pair(top: str, bottom: str) -> str:
    return "".join(_CELLS[pair] for pair in zip(top, bottom, strict=True))
