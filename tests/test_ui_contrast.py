"""Contrast measured on what is drawn: every screen, in every theme `t` offers, cell by cell.

The theme files' declared colours are not what the reader sees: Textual blends
backgrounds with alpha, blends `dim` text a third of the way into its background, reverses
marks, and widgets mix in their own shades ($text-muted, $footer-key-foreground,
inactive tabs). So the colours here are read from the screen as Textual composes it for
the terminal (the same strips `export_screenshot` writes), after its filters, and every
cell holding a character is held to WCAG's contrast for text: 4.5:1, and 7:1 in the
projector theme, which promises it for a washed-out image in a bright room. Every slide
of presentation mode is measured too, and a slide while the source fails.
"""

from __future__ import annotations

import asyncio
import copy
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.command import CommandList, CommandPalette
from textual.constants import DIM_FACTOR
from textual.errors import NoWidget
from textual.screen import Screen
from textual.widgets import Checkbox, RadioButton

from r57tui.commands.sources import open_source
from r57tui.config import ExportSettings, Settings
from r57tui.demo import demo_feed_path
from r57tui.ui.app import R57App
from r57tui.ui.baseline_picker import BaselinePicker
from r57tui.ui.changes_screen import ChangesScreen
from r57tui.ui.chart_screen import ChartScreen
from r57tui.ui.export_dialog import ExportDialog
from r57tui.ui.findings_screen import FindingsScreen
from r57tui.ui.help_screen import HelpScreen
from r57tui.ui.indicator_screen import IndicatorScreen
from r57tui.ui.main_screen import MainScreen
from r57tui.ui.present_screen import PresentScreen
from r57tui.ui.task_screen import TaskScreen
from r57tui.ui.tasks_screen import TasksScreen
from r57tui.ui.themes import load_themes
from tests.builders import task, to_bytes
from tests.pilot import RecordingApp, feed_update, settle
from tests.test_baseline import meeting_baseline_doc

# One worker makes this file's walk or fixtures once (the suite runs --dist loadgroup).
pytestmark = pytest.mark.xdist_group("test_ui_contrast")


SIZE = (160, 45)
THEMES = load_themes([]).names  # what `t` cycles through
NEEDED = {"r57-projector": 7.0}
TEXT = 4.5  # WCAG 2 AA for text, every other theme

# Drawn glyphs that are not text: reading them depends on their shape and place, not on
# telling letters apart. A border of a panel or dialog (box drawing, Textual's "tall" and
# "thick" borders, the tabs' underline) only separates; the blocks of a scrollbar's thumb
# are the bar; the shaded blocks of an agency's bar of shares (░ ▓ █) stand beside the
# figures they draw, which are text and held to the rule. A slide's figures are drawn in
# such glyphs too, and are text (in_figure). Figures, labels, state marks
# (✓ ◷ !), change marks (+1 ●) and sparklines' neighbours are all checked.
DECORATION = set("─│┌┐└┘├┤┬┴┼━┃╭╮╯╰╴╵╶╷╸╹╺╻▔▁▂▃▄▅▆▇█▏▎▍▌▋▊▉▐▕▀░▒▓")


def exempt(app: R57App, cell: Cell) -> str | None:
    """Why a cell below the line is not text to read, or None.

    - Behind a dialog (help, palette, export): the screen left visible is faded on purpose
      to show it is not in use (WCAG's inactive components); the dialog is what is read.
    - A wide pictograph (the palette's 🔎) is drawn by the terminal's emoji font in its own
      colours, not in the cell's.
    - A radio button's dot and a checkbox's X are lit when chosen and faint when not: the
      faintness is the state; the label beside each is text and is held to the rule.
    """
    if unicodedata.category(cell.char) == "So" and cell_len(cell.char) == 2:
        return "pictograph"
    try:
        widget, _ = app.screen.get_widget_at(cell.x, cell.y)
    except NoWidget:
        widget = app.screen
    if widget is app.screen and app.screen.is_modal:
        return "behind a dialog"
    if isinstance(widget, RadioButton) and cell.char == "●":
        return "a radio button's dot"
    if isinstance(widget, Checkbox) and cell.char in "●X":
        return "a checkbox's mark"
    return None


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def hex_of(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    char: str
    fg: tuple[int, int, int]
    bg: tuple[int, int, int]

    @property
    def ratio(self) -> float:
        return ratio(self.fg, self.bg)


def _rgb(colour: RichColor | None, fallback: tuple[int, int, int]) -> tuple[int, int, int]:
    if colour is None or colour.is_default:
        return fallback
    triplet = colour.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def _cell_colours(style: Style, app: R57App) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The colours a terminal shows for a style as Textual hands it over: a missing colour
    is the terminal's own (taken as the theme's), reverse swaps, and a `dim` Textual left
    in place (its filter turns most into a colour) is dimmed as Textual dims."""
    theme = app.current_theme
    ground = _rgb(RichColor.parse(theme.background or "#000000"), (0, 0, 0))
    ink = _rgb(RichColor.parse(theme.foreground or "#FFFFFF"), (255, 255, 255))
    fg, bg = _rgb(style.color, ink), _rgb(style.bgcolor, ground)
    if style.reverse:
        fg, bg = bg, fg
    if style.dim:
        fg = tuple(round(b + (f - b) * DIM_FACTOR) for f, b in zip(fg, bg, strict=True))  # type: ignore[assignment]
    return fg, bg


def drawn_lines(app: R57App) -> list[list[Segment]]:
    """The screen as Textual sends it to the terminal: the current screen over the screens
    it leaves visible (a dialog's backdrop), as `App.export_screenshot` composes it."""
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True
    )
    return [[segment for strip in line for segment in strip] for line in update.strips]


def text_cells(app: R57App) -> Iterator[tuple[Cell, str]]:
    """Every cell holding a character that is text, with its line's text (for messages)."""
    for y, segments in enumerate(drawn_lines(app)):
        line = "".join(segment.text for segment in segments if not segment.control)
        x = 0
        for segment in segments:
            if segment.control:
                continue
            fg, bg = _cell_colours(segment.style or Style(), app)
            for char in segment.text:
                if not char.isspace() and (char not in DECORATION or in_figure(app, x, y)):
                    yield Cell(x, y, char, fg, bg), line
                x += cell_len(char)


def in_figure(app: R57App, x: int, y: int) -> bool:
    """Whether the cell is part of a slide's figure: drawn in box-drawing strokes or
    blocks, it is the text the room reads, held to the rule like any other."""
    if not isinstance(app.screen, PresentScreen):
        return False
    try:
        widget, _ = app.screen.get_widget_at(x, y)
    except NoWidget:
        return False
    return any(node.has_class("figure") for node in widget.ancestors_with_self)


def _describe(theme: str, screen: str, cell: Cell, line: str) -> str:
    around = line[max(0, cell.x - 12) : cell.x + 28].strip()
    return (
        f"{theme}, {screen}, cell ({cell.x},{cell.y}) {cell.char!r} in {around!r}: "
        f"{hex_of(cell.fg)} on {hex_of(cell.bg)} = {cell.ratio:.2f}:1"
    )


@dataclass
class Finding:
    """The first cell of one pair of colours below the line, and how many cells share it."""

    where: str
    cells: int = 1
    screens: set[str] = field(default_factory=set)


@dataclass
class Worst:
    """The least legible cell seen in a theme, and each pair of colours below the line."""

    theme: str
    needed: float
    lowest: float = 99.0
    lowest_at: str = ""
    screens: list[str] = field(default_factory=list)
    below: dict[tuple[tuple[int, int, int], tuple[int, int, int]], Finding] = field(
        default_factory=dict
    )

    def check(self, app: R57App, screen: str) -> None:
        self.screens.append(screen)
        for cell, line in text_cells(app):
            value = cell.ratio
            if value >= self.lowest and value >= self.needed:
                continue
            if exempt(app, cell) is not None:
                continue
            if value < self.lowest:
                self.lowest = value
                self.lowest_at = _describe(self.theme, screen, cell, line)
            if value >= self.needed:
                continue
            pair = (cell.fg, cell.bg)
            if pair in self.below:
                self.below[pair].cells += 1
                self.below[pair].screens.add(screen)
                continue
            self.below[pair] = Finding(_describe(self.theme, screen, cell, line), screens={screen})

    def failures(self) -> list[str]:
        return [
            f"{found.where} — {found.cells} cells in {len(found.screens)} screens"
            for found in sorted(self.below.values(), key=lambda found: found.where)
        ]


def _changed_demo(doc: dict[str, Any]) -> dict[str, Any]:
    """The demo a refresh later: two tasks completed, one added, so the headline, the
    agencies and the task lists carry their change marks (+1, ●) while they are checked."""
    later = copy.deepcopy(doc)
    done = [item for item in later["tasks"] if "completed" not in item][:2]
    for item in done:
        item["completed"] = later["as_of"][:10]
        item.pop("status", None)
    later["tasks"].append(task("T-NEW-CONTRAST", later["tasks"][0]["agency"], due="2026-06-30"))
    return later


def _feeds(folder: Path) -> tuple[Path, Path, dict[str, Any]]:
    """The demo with two faulty records (so the findings list and the status line's badge
    show), the meeting baseline before it, and the same feed a refresh later."""
    doc = json.loads(demo_feed_path().read_bytes())
    baseline = folder / "baseline.json"
    baseline.write_bytes(to_bytes(meeting_baseline_doc(doc)))
    faulty = copy.deepcopy(doc)
    faulty["tasks"].append(dict(faulty["tasks"][0]))  # a duplicate id
    faulty["tasks"].append(task("T-BAD-PROGRESS", doc["tasks"][0]["agency"], progress=140))
    source = folder / "feed.json"
    source.write_bytes(to_bytes(faulty))
    return source, baseline, _changed_demo(faulty)


async def _look(
    app: R57App, pilot, worst: dict[str, Worst], screen: str, kind: type[Screen[Any]], *keys: str
) -> None:
    if keys:
        await pilot.press(*keys)
    await settle(app, pilot)
    assert isinstance(app.screen, kind), (screen, app.screen)
    if isinstance(app.screen, CommandPalette):
        # Its list of commands is filled in the background: measure it once shown.
        for _ in range(100):
            if app.screen.query_one(CommandList).option_count:
                break
            await pilot.pause(0.02)
        await pilot.pause()
    # Every theme on this screen, the walk made once: switching the theme recolours what is
    # drawn (theme_changed_signal), as t does. The theme already on screen is measured
    # first, as it is: each switch restyles every widget, the walk's dearest step.
    themes = list(worst)
    first = themes.index(app.theme) if app.theme in themes else 0
    for theme in themes[first:] + themes[:first]:
        if app.theme != theme:
            app.theme = theme
            await settle(app, pilot)
        worst[theme].check(app, screen)


async def _look_at_every_slide(app: R57App, pilot: Any, worst: dict[str, Worst]) -> None:
    """Every slide of the deck (x stops the cycle, a number jumps to a slide, so each is
    measured where it is; with the baseline: since the last meeting too)."""
    await _look(app, pilot, worst, "slide 1 headline", PresentScreen, "P", "x")
    deck = app.screen
    assert isinstance(deck, PresentScreen)
    for number, slide in enumerate(deck.slides[1:], 2):
        await _look(app, pilot, worst, f"slide {number} {slide.kind}", PresentScreen, str(number))


async def _look_at_the_charts(app: R57App, pilot: Any, worst: dict[str, Worst]) -> None:
    """The agencies' chart both ways, the groups' shares, an indicator's line; back on
    the agencies table after."""
    await _look(app, pilot, worst, "chart, ranked by overdue", ChartScreen, "v")
    await _look(app, pilot, worst, "chart, ranked by overdue rate", ChartScreen, "s")
    await _look(app, pilot, worst, "chart, groups' shares", ChartScreen, "v")
    await pilot.press("escape", "tab", "enter")
    await _look(app, pilot, worst, "an indicator, as a line", IndicatorScreen, "v")
    await pilot.press("escape", "tab", "tab")


async def measure(folder: Path, language: str = "vi") -> dict[str, Worst]:
    """Walk every screen of the dashboard in one app, measuring each in every theme."""
    source, baseline, later = _feeds(folder)
    worst = {theme: Worst(theme, NEEDED.get(theme, TEXT)) for theme in THEMES}
    app = RecordingApp(
        Settings(language=language, export=ExportSettings(folder=folder / "exports")),
        open_source(str(source)),
        theme=THEMES[0],
        baseline=baseline,
        state_file=folder / "state.toml",
    )
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        app.apply_update(feed_update(later))  # change marks on, for a few seconds
        # Notifications over the main screen, as t and a failing source post them.
        app.notify("r57-projector", title="Giao diện", timeout=60)
        app.notify("Không đọc được nguồn", title="Cảnh báo", severity="warning", timeout=60)
        app.notify("Lỗi", title="Lỗi", severity="error", timeout=60)
        for group in ("all", "ministries", "branches", "localities", "other", "owners"):
            keys = () if group == "all" else ("right_square_bracket",)
            await _look(app, pilot, worst, f"main, group {group}", MainScreen, *keys)
        await _look(app, pilot, worst, "main, indicators focused", MainScreen, "tab")
        await _look(app, pilot, worst, "an indicator", IndicatorScreen, "enter")
        await pilot.press("escape")
        await _look(app, pilot, worst, "main, due soon focused", MainScreen, "tab")
        await pilot.press("tab", "right_square_bracket")  # back to the agencies, all (from owners)
        await _look(app, pilot, worst, "an agency's tasks", TasksScreen, "enter")
        await _look(app, pilot, worst, "a task", TaskScreen, "enter")
        await pilot.press("escape", "escape")
        await _look(app, pilot, worst, "all tasks", TasksScreen, "a")
        await pilot.press("escape")
        await _look(app, pilot, worst, "due soon", TasksScreen, "d")
        await pilot.press("escape")
        await _look(app, pilot, worst, "changes", ChangesScreen, "c")
        await pilot.press("escape")
        await _look(app, pilot, worst, "findings", FindingsScreen, "f")
        await pilot.press("escape")
        await _look(app, pilot, worst, "help", HelpScreen, "question_mark")
        await pilot.press("escape")
        await _look(app, pilot, worst, "command palette", CommandPalette, "ctrl+p")
        await pilot.press("escape")
        await _look(app, pilot, worst, "export dialog", ExportDialog, "E")
        await pilot.press("escape")
        await _look(app, pilot, worst, "baseline picker", BaselinePicker, "B")
        await pilot.press("escape")
        await _look_at_every_slide(app, pilot, worst)
        await pilot.press("escape")
        # The charts after the dialogs: an open palette keeps the theme it opened in for
        # its placeholder, which a theme switched under it would catch.
        await _look_at_the_charts(app, pilot, worst)
        await _look(app, pilot, worst, "main, filter typed", MainScreen, "slash", "h", "a")
        await pilot.press("escape")
        # The source breaks: the status line's reversed STALE warning, and its notice.
        source.write_text("{not json")
        await pilot.press("r")
        for _ in range(100):
            if app.health.error is not None:
                break
            await pilot.pause(0.02)
        assert app.health.error is not None
        await _look(app, pilot, worst, "main, source failing", MainScreen)
        # The slide says so in words of its own (slide_status.py).
        await _look(app, pilot, worst, "slide, source failing", PresentScreen, "P", "x")
    return worst


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Worst]:
    return asyncio.run(measure(tmp_path_factory.mktemp("contrast")))


@pytest.mark.parametrize("theme", THEMES)
def test_every_text_cell_of_every_screen_reads_against_its_background(
    theme: str, walked: dict[str, Worst]
) -> None:
    worst = walked[theme]
    # Every screen was measured (the owners' tab among them), and every slide.
    assert len([screen for screen in worst.screens if "slide" not in screen]) == 25
    slides = [screen for screen in worst.screens if screen.startswith("slide ")]
    assert len(slides) >= 5  # headline, since the last meeting, most overdue, indicators, due soon
    failures = worst.failures()
    assert not failures, (
        f"text below {worst.needed}:1 in {theme} (lowest {worst.lowest:.2f}:1):\n"
        + "\n".join(failures)
    )
