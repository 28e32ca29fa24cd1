"""The block-letter renderer of big figures (r57tui/ui/block_font.py), pure: sizes, the
largest that fits, separators and % as marks of their own, solid strokes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from r57tui.ui.block_font import (
    FONTS,
    LARGE,
    SMALL,
    Font,
    Scale,
    largest,
    largest_in,
    render,
    scales,
)

INK = set("█▀▄")
# The headline of the demo feed, as the slide writes it in each language.
HEADLINE = {
    "vi": ("1.132", "485 43%", "561 50%", "86 8%"),
    "en": ("1,132", "485 43%", "561 50%", "86 8%"),
}


def half_rows(rows: tuple[str, ...]) -> list[str]:
    """Rendered rows back to half-rows of `#` and `.`."""
    top = {"█": "#", "▀": "#", "▄": ".", " ": "."}
    bottom = {"█": "#", "▀": ".", "▄": "#", " ": "."}
    out = []
    for row in rows:
        out.append("".join(top[cell] for cell in row))
        out.append("".join(bottom[cell] for cell in row))
    return out


def pixels_back(rows: tuple[str, ...], scale: Scale) -> tuple[str, ...]:
    """The font's pixels as drawn, each pixel's block of cells checked to be all ink or
    all ground: a stroke is never a speck or a shade."""
    halves = half_rows(rows)
    down, across = scale.down, scale.across
    pixels = []
    for top in range(0, scale.half_rows, down):
        line = ""
        for left in range(0, len(halves[0]), across):
            block = {halves[top + y][left + x] for y in range(down) for x in range(across)}
            assert len(block) == 1, f"pixel at {left},{top} not solid: {block}"
            line += block.pop()
        pixels.append(line)
    # What is below the glyphs is ground (a last half-row of an odd height).
    assert set("".join(halves[scale.half_rows :])) <= {"."}
    return tuple(pixels)


def ink_runs(rows: tuple[str, ...]) -> list[tuple[int, int]]:
    """Runs of columns with ink, separated by columns of ground: (first, last)."""
    inked = [any(row[x] in INK for row in rows) for x in range(len(rows[0]))]
    runs, start = [], None
    for x, on in enumerate([*inked, False]):
        if on and start is None:
            start = x
        elif not on and start is not None:
            runs.append((start, x - 1))
            start = None
    return runs


def ink_rows(rows: tuple[str, ...], first: int, last: int) -> list[int]:
    return [y for y, row in enumerate(rows) if any(c in INK for c in row[first : last + 1])]


def test_a_glyph_is_its_pixels_scaled_every_cell_solid() -> None:
    for font in FONTS:
        for across, down in [(1, 1), (1, 2), (2, 3), (3, 6), (4, 5)]:
            scale = Scale(font, across, down)
            for text in ("1,132", "1.132", "43%", "8%", "+12", "−3", "±0", "16,1", "0123456789"):
                rows = render(text, scale)
                assert len(rows) == -(-font.height * down // 2)
                assert {len(row) for row in rows} == {font.pixel_width(text) * across}
                assert set("".join(rows)) <= INK | {" "}
                assert pixels_back(rows, scale) == font.pixels(text)


def test_sizes_in_cells_for_given_scales() -> None:
    # 5×7 at 2 cells by 4 half-rows a pixel: 14 rows; "1,132" is 4 digits of 5, a comma
    # of 2 and 4 gaps of 1: 26 pixels, 52 cells.
    rows = render("1,132", Scale(LARGE, 2, 4))
    assert (len(rows), len(rows[0])) == (14, 52)
    # 3×5 at 1 by 2: 5 rows; "43%" is 3 glyphs of 3 and 2 gaps: 11 cells.
    rows = render("43%", Scale(SMALL, 1, 2))
    assert (len(rows), len(rows[0])) == (5, 11)
    # An odd number of half-rows: the last row is the glyphs' bottom half-row (▀).
    rows = render("8", Scale(LARGE, 1, 1))
    assert len(rows) == 4
    assert rows[-1] == " ▀▀▀ "


def test_the_largest_that_fits_the_headline_at_the_slide_sizes() -> None:
    # A quarter of a 160×45 slide: 77 cells by 16 rows for each figure.
    for language in ("vi", "en"):
        scale = largest_in(HEADLINE[language], 77, 16)
        assert scale == Scale(LARGE, 2, 4)
        assert scale.rows == 14
    # A quarter of 80×24: 37 by 5. The 5×7 font would be 4 rows and 38 cells wide; the
    # 3×5 font draws 5 rows.
    scale = largest_in(HEADLINE["vi"], 37, 5)
    assert scale == Scale(SMALL, 1, 2)
    assert scale.rows == 5
    # One cell narrower than "485 43%" at 5×7 × 2 (76 cells): a smaller size.
    assert Scale(LARGE, 2, 4).width("485 43%") == 76
    assert largest_in(["485 43%"], 75, 14) != Scale(LARGE, 2, 4)
    assert largest_in(["485 43%"], 76, 14) == Scale(LARGE, 2, 4)


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(
        st.from_regex(r"[0-9]{1,7}([.,][0-9]{1,3})?( [0-9]{1,3}%)?", fullmatch=True),
        min_size=1,
        max_size=4,
    ),
    width=st.integers(1, 260),
    height=st.integers(1, 70),
)
def test_what_is_chosen_fits_and_nothing_larger_does(
    texts: list[str], width: int, height: int
) -> None:
    scale = largest_in(texts, width, height)
    ranked = scales(width, height)
    if scale is None:
        assert not any(all(s.fits(t, width, height) for t in texts) for s in ranked)
        return
    for text in texts:
        rows = render(text, scale, width)
        assert 0 < len(rows) <= height
        assert max(map(len, rows)) <= width
    # Every scale ranked above it leaves one of the figures out of its box.
    for bigger in ranked[: ranked.index(scale)]:
        assert not all(bigger.fits(text, width, height) for text in texts)


def test_larger_means_taller_then_wider_and_strokes_never_thinner_than_a_cell() -> None:
    ranked = scales(200, 60)
    for scale in ranked:
        assert 1 <= scale.across <= scale.down <= 2 * scale.across
        assert scale.rows <= 60
    weights = [s.half_rows * s.font.worth for s in ranked]
    assert weights == sorted(weights, reverse=True)


def test_words_go_onto_lines_of_their_own_when_that_lets_the_glyphs_grow() -> None:
    # Narrow and tall: "485 43%" on two lines.
    scale = largest_in(["485 43%"], 30, 40)
    assert scale is not None
    rows = render("485 43%", scale, 30)
    assert len(rows) > scale.rows  # two lines of glyphs
    one_line = [s for s in scales(30, 40) if s.width("485 43%") <= 30]
    assert scale.rows > max(s.rows for s in one_line)
    # The two lines are the count and the percentage, each centred.
    top, bottom = rows[: scale.rows], rows[-scale.rows :]
    assert len(ink_runs(top)) == 3
    assert len(ink_runs(bottom)) == 3


def test_a_thousands_separator_is_a_mark_of_its_own_low_on_the_line() -> None:
    for font in FONTS:
        for scale in (Scale(font, 1, 1), Scale(font, 1, 2), Scale(font, 3, 5)):
            for text in ("1,132", "1.132"):
                rows = render(text, scale)
                runs = ink_runs(rows)
                # 1 | separator | 1 | 3 | 2: five marks, ground on both sides of it.
                assert len(runs) == 5, (font.name, scale, text)
                first, last = runs[1]
                inked = ink_rows(rows, first, last)
                assert min(inked) >= len(rows) // 2  # in the lower half: not a digit
                # At least as wide as a digit's stroke, and as tall.
                assert last - first + 1 >= scale.across
            # A comma and a point are told apart.
            assert render("1,132", scale) != render("1.132", scale)
            assert render("1132", scale) != render("1.132", scale)


def test_percent_and_signs_are_marks_of_their_own_not_boxes() -> None:
    for font in FONTS:
        scale = Scale(font, 2, 3)
        rows = render("8%", scale)
        runs = ink_runs(rows)
        assert len(runs) == 2
        first, last = runs[1]
        glyph = [row[first : last + 1] for row in rows]
        pixels = font.glyphs["%"]
        # Not a box: no side of it is a full stroke, and its middle row is one dot.
        assert not any(all(row[x] == "#" for row in pixels) for x in (0, -1))
        assert pixels[0] != "#" * len(pixels[0])
        assert pixels[-1] != "#" * len(pixels[-1])
        assert pixels[len(pixels) // 2].count("#") == 1
        assert glyph != [row[runs[0][0] : runs[0][1] + 1] for row in rows]  # not an 8
        for sign in "+−±":
            assert font.glyphs[sign] not in (font.glyphs[d] for d in "0123456789")
        assert font.glyphs["+"] != font.glyphs["−"] != font.glyphs["±"]


def test_what_the_fonts_cannot_draw_or_no_box_holds_gets_no_scale() -> None:
    assert largest_in(["n/a"], 100, 20) is None  # letters: written in plain text instead
    assert largest_in(["1,132"], 8, 20) is None  # too narrow for it at the smallest size
    assert largest_in(["1,132"], 100, 0) is None
    assert largest_in(["", "  "], 100, 20) is None
    # A blank figure asks for nothing: the others keep their size.
    assert largest_in(["", "86"], 40, 10) == largest_in(["86"], 40, 10)
    # Each in its own box: the scale fits the smaller box.
    both = largest((("86", 80, 20), ("86", 20, 5)))
    assert both == largest_in(["86"], 20, 5)


def test_every_font_has_the_digits_and_signs_all_of_its_height() -> None:
    needed = set("0123456789.,%+−-±– ")
    for font in FONTS:
        assert isinstance(font, Font)
        assert needed <= set(font.glyphs)
        for char, glyph in font.glyphs.items():
            assert len(glyph) == font.height, char
            assert set("".join(glyph)) <= {"#", "."}, char
