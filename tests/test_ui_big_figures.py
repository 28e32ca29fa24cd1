"""Big figures on screen (r57tui/ui/big_figures.py), driven with Pilot and measured from
the screen as drawn: the headline slide's figures as large as the terminal allows, at one
size, their labels whole beside them, in the theme's colours."""

from __future__ import annotations

import pytest
from rich.style import Style
from textual.app import App, ComposeResult
from textual.geometry import Region

from r57tui.ui.app import R57App
from r57tui.ui.big_figures import BigFigure
from r57tui.ui.block_font import largest, render
from r57tui.ui.marks import ThemeColours
from r57tui.ui.present_screen import PresentScreen
from r57tui.ui.themes import load_themes
from tests.pilot import demo_app, settle
from tests.test_ui_contrast import drawn_lines

INK = set("█▀▄")
FIGURES = ("assigned", "completed", "on_time", "overdue")
THEMES = load_themes([])
# The least height of the headline's figures in rows, by terminal size: what the largest
# glyphs that fit come to with the demo feed (Textual's Digits were 3 rows at any size).
LEAST_ROWS = {(160, 45): 14, (120, 40): 10, (80, 24): 5}
WORDS = {
    "vi": ("Được giao", "✓ Hoàn thành", "◷ Trong hạn", "! Quá hạn", "trong đó 42 trễ hạn"),
    "en": ("Assigned", "✓ Completed", "◷ On time", "! Overdue", "of which 42 late"),
}
NOTE = {"vi": "% trên số được giao", "en": "% of assigned"}


def screen_rows(app: App) -> list[str]:
    """The screen as sent to the terminal, one string a row."""
    return ["".join(segment.text for segment in line) for line in drawn_lines(app)]


def cropped(rows: list[str], region: Region) -> list[str]:
    return [row[region.x : region.right] for row in rows[region.y : region.bottom]]


def inked(rows: list[str]) -> list[int]:
    """The rows holding something drawn (block letters, or any other way of drawing)."""
    return [y for y, row in enumerate(rows) if row.strip()]


def ink_runs(rows: list[str]) -> int:
    """How many marks a line of glyphs has: runs of columns with ink between ground."""
    columns = [any(row[x] in INK for row in rows) for x in range(len(rows[0]))]
    return sum(1 for x, on in enumerate(columns) if on and (x == 0 or not columns[x - 1]))


def glyph_colours(app: App, region: Region) -> set[str]:
    """The colours of the ink drawn in `region`."""
    found = set()
    for y, line in enumerate(drawn_lines(app)):
        x = 0
        for segment in line:
            for char in segment.text:
                if region.contains(x, y) and char in INK:
                    colour = (segment.style or Style()).color
                    found.add(colour.get_truecolor().hex.upper() if colour else "default")
                x += 1
    return found


async def open_slide(app: R57App, pilot) -> PresentScreen:
    await settle(app, pilot)
    await pilot.press("P")
    await pilot.pause()
    assert isinstance(app.screen, PresentScreen)
    await pilot.press("x")  # stop the cycle: the headline stays
    await pilot.pause()
    return app.screen


def measured(app: R57App) -> dict[str, list[str]]:
    """Each headline figure as drawn, cut to the rows that hold something: whatever
    widget draws it, so the measure holds for any way of drawing figures."""
    rows = screen_rows(app)
    found = {}
    for name in FIGURES:
        box = cropped(rows, app.screen.query_one(f"#{name}").content_region)
        lines = inked(box)
        assert lines, f"{name}: nothing on screen"
        found[name] = box[lines[0] : lines[-1] + 1]
    return found


@pytest.mark.parametrize("size", list(LEAST_ROWS))
@pytest.mark.parametrize("language", ["vi", "en"])
async def test_the_headline_figures_are_the_largest_that_fit_with_their_labels_whole(
    language: str, size: tuple[int, int]
) -> None:
    app = demo_app(language=language)
    async with app.run_test(size=size) as pilot:
        screen = await open_slide(app, pilot)
        drawn = measured(app)
        heights = {name: len(rows) for name, rows in drawn.items()}
        # One size for all four, at least the size's least, and no larger size fits them.
        assert len(set(heights.values())) == 1, heights
        assert heights["assigned"] >= LEAST_ROWS[size], heights
        figures = [screen.query_one(f"#{name}", BigFigure) for name in FIGURES]
        scale = largest(tuple(figure.box() for figure in figures))
        assert scale is not None
        assert heights["assigned"] == len(render(figures[1].value, scale, figures[1].box()[1]))
        # What is drawn is the figure in the font, not something else of that height.
        for figure in figures:
            glyphs = [row.strip() for row in render(figure.value, scale, figure.box()[1])]
            assert [row.strip() for row in drawn[figure.id or ""]] == glyphs
        # "1.132" / "1,132": five marks, the separator one of them.
        assert figures[0].value == ("1.132" if language == "vi" else "1,132")
        assert ink_runs(drawn["assigned"]) == 5
        # The labels, the note and the slide's line are on screen whole.
        text = "\n".join(screen_rows(app))
        for words in (*WORDS[language], NOTE[language]):
            assert words in text
        # No wide empty band above or below the figures (Digits left 13 rows above).
        blank = [not row.strip() for row in screen_rows(app)]
        longest = run = 0
        for empty in blank:
            run = run + 1 if empty else 0
            longest = max(longest, run)
        assert longest <= 5, longest


async def test_the_figures_grow_and_shrink_with_the_terminal() -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_slide(app, pilot)
        small = len(measured(app)["overdue"])
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert len(measured(app)["overdue"]) >= LEAST_ROWS[(160, 45)] > small
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert len(measured(app)["overdue"]) == small


async def test_the_figures_colours_follow_the_theme() -> None:
    app = demo_app(language="vi", theme="r57-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_slide(app, pilot)
        seen = []
        for theme in ("r57-dark", "r57-light", "r57-projector"):
            app.theme = theme
            await pilot.pause()
            await pilot.pause()
            colours = {}
            for name in FIGURES:
                region = screen.query_one(f"#{name}", BigFigure).content_region
                colours[name] = glyph_colours(app, region)
                assert len(colours[name]) == 1, (theme, name, colours[name])
            for name in FIGURES[1:]:
                assert colours[name] == {app.colours[name].upper()}, (theme, name)
            foreground = app.current_theme.foreground or ""
            assert colours["assigned"] == {foreground.upper()}, theme
            seen.append(colours)
        # Each theme drew them in colours of its own.
        for name in FIGURES:
            assert len({frozenset(colours[name]) for colours in seen}) == 3, name


class OneFigure(App):
    """A figure alone, its colours taken from each theme as the dashboard takes them."""

    def __init__(self, value: str, width: int = 40) -> None:
        super().__init__()
        self.colours = ThemeColours()
        self.value, self.width = value, width
        for theme in THEMES.themes:
            self.register_theme(theme)

    def compose(self) -> ComposeResult:
        figure = BigFigure(self.value, colours=self.colours, meaning="overdue", id="figure")
        figure.styles.width = self.width
        yield figure

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, lambda _: self._apply())
        self._apply()

    def _apply(self) -> None:
        self.colours.apply(self.theme_variables)


async def test_a_figure_repaints_in_the_new_themes_colour_without_being_updated() -> None:
    app = OneFigure("86 8%")
    async with app.run_test(size=(60, 12)) as pilot:
        figure = app.query_one(BigFigure)
        colours = []
        for theme in ("r57-dark", "r57-light"):
            app.theme = theme
            await pilot.pause()
            await pilot.pause()
            colours.append(glyph_colours(app, figure.content_region))
            assert colours[-1] == {app.colours["overdue"].upper()}
        assert colours[0] != colours[1]


async def test_what_cannot_be_drawn_large_is_written_plainly_cut_with_an_ellipsis() -> None:
    app = OneFigure("không có")  # letters: not in the fonts
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        assert "không có" in "\n".join(screen_rows(app))
        assert not INK & set("".join(screen_rows(app)))
    app = OneFigure("1,132,000", width=6)  # too narrow for the smallest glyphs
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        rows = [row.strip() for row in screen_rows(app) if row.strip()]
        assert len(rows) == 1
        assert rows[0].endswith("…")
        assert rows[0].startswith("1,13")
