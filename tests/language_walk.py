"""Walk every screen of the dashboard in one interface language and print what is drawn.

Run as its own process, because the interface language is fixed once per process, before
the interface is imported (binding descriptions, the footer's words, are made then):

    python -m tests.language_walk vi FEED BASELINE FOLDER [WIDTH HEIGHT]

prints a JSON list of [where, text]: the screen as drawn (Textual's own SVG, back to plain
text) at each stop, and every command the palette lists (drawn or scrolled out of view).
tests/test_ui_language_leaks.py reads it.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from r57tui.i18n.strings import set_interface_language

TEXT = re.compile(
    r'<text [^>]*?x="([\d.]+)"[^>]*?clip-path="url\(#[^)]*-line-(\d+)\)">([^<]*)</text>'
)
CELL = 12.2  # Textual's SVG: a cell is 0.61 of its 20 px font wide


def screen_text(app: Any) -> str:
    """The characters drawn, each at its column (Textual's own SVG, its text rows), one
    line a row: words in cells apart stay apart."""
    rows: dict[int, list[str]] = {}
    for x, line, content in TEXT.findall(app.export_screenshot()):
        row = rows.setdefault(int(line), [])
        column = round(float(x) / CELL)
        row.extend(" " * (column - len(row)))
        row[column:] = html.unescape(content).replace("\xa0", " ").rstrip("\n")
    lines = ("".join(rows[index]).rstrip() for index in sorted(rows))
    return "\n".join(line for line in lines if line)


class Walk:
    """One app driven with Pilot, keeping what each stop draws."""

    def __init__(self, app: Any, pilot: Any) -> None:
        self.app = app
        self.pilot = pilot
        self.seen: list[tuple[str, str]] = []

    async def until(self, condition: Callable[[], bool], tries: int = 200) -> None:
        """Wait, a frame at a time, for `condition()`; the walk goes on if it never
        comes (the test then fails on what is drawn, not on a timeout here)."""
        for _ in range(tries):
            if condition():
                return
            await self.pilot.pause(0.02)

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()

    async def to(self, screen: type, *keys: str) -> None:
        await self.press(*keys)
        await self.until(lambda: isinstance(self.app.screen, screen))

    def take(self, where: str) -> None:
        self.seen.append((where, screen_text(self.app)))

    async def main_and_drill(self) -> None:
        from r57tui.ui.export_dialog import ExportDialog
        from r57tui.ui.facet_picker import FacetPicker
        from r57tui.ui.help_screen import HelpScreen
        from r57tui.ui.task_screen import TaskScreen
        from r57tui.ui.tasks_screen import TasksScreen

        for tab in range(6):  # the five groups and the owners
            self.take(f"main, tab {tab}")
            await self.press("right_square_bracket")
        await self.press(*["left_square_bracket"] * 6)  # all agencies, most overdue first
        await self.to(TasksScreen, "enter")
        self.take("task list of an agency")
        await self.press("3")
        self.take("task list of an agency, overdue")
        await self.to(FacetPicker, "F")
        self.take("facet picker")
        await self.press("escape", "slash", *"zqxj", "enter")
        self.take("task list of an agency, nothing matches")
        await self.press("slash", "escape")
        await self.to(ExportDialog, "E")
        self.take("export dialog, agency's overdue tasks")
        await self.to(TaskScreen, "escape", "enter")
        self.take("task")
        await self.to(HelpScreen, "question_mark")
        self.take("help, on a task")
        await self.press("escape", "escape", "escape")

    async def lists(self) -> None:
        from r57tui.ui.baseline_picker import BaselinePicker
        from r57tui.ui.changes_screen import ChangesScreen
        from r57tui.ui.findings_screen import FindingsScreen
        from r57tui.ui.indicator_screen import IndicatorScreen

        for key, where in (("a", "all tasks"), ("g", "group tasks"), ("d", "due soon")):
            await self.press(key)
            self.take(where)
            await self.press("escape")
        await self.to(FindingsScreen, "f")
        self.take("findings")
        await self.press("E")
        self.take("export dialog, findings")
        await self.to(ChangesScreen, "escape", "escape", "c")
        self.take("changes")
        await self.press("escape", "question_mark")
        self.take("help, main")
        await self.press("escape", "tab")
        self.take("main, indicators focused")
        await self.to(IndicatorScreen, "enter")
        self.take("an indicator")
        await self.press("escape")
        await self.to(BaselinePicker, "B")
        self.take("baseline picker")
        await self.press("escape", "E")
        self.take("export dialog, indicators")
        await self.press("escape")

    def palette_options(self) -> list[str]:
        from textual.command import CommandList

        listed = self.app.screen.query_one(CommandList)
        options = (listed.get_option_at_index(i) for i in range(listed.option_count))
        return [str(option.prompt) for option in options if not option.disabled]

    def palette_says_no_match(self) -> bool:
        from textual.command import CommandList

        listed = self.app.screen.query_one(CommandList)
        return any(listed.get_option_at_index(i).disabled for i in range(listed.option_count))

    async def palette(self) -> None:
        from textual.command import CommandPalette

        listed: list[str] = []
        await self.to(CommandPalette, "ctrl+p")
        await self.until(lambda: bool(self.palette_options()))
        self.take("palette, opened")
        listed += self.palette_options()
        await self.press(*"zqxjv")
        # No hit: the "no matches" line comes after a pause of Textual's own.
        await self.until(self.palette_says_no_match)
        self.take("palette, no match")
        await self.press(*["backspace"] * 5, *"dien")
        await self.until(lambda: bool(self.palette_options()))
        await self.press()
        self.take("palette, a match")
        listed += self.palette_options()
        # A command typed without its diacritics, as the filter takes names.
        query = "bang mau" if self.app.language == "vi" else "theme"
        await self.press(*["backspace"] * 4, *query)
        await self.until(lambda: bool(self.palette_options()))
        await self.press()
        self.take("palette, a command")
        await self.press("escape")
        await self.until(lambda: not isinstance(self.app.screen, CommandPalette))
        self.seen.append(("palette, every command listed", "\n".join(listed)))

    async def presentation(self) -> None:
        from r57tui.ui.present_screen import PresentScreen

        await self.to(PresentScreen, "P")
        screen = self.app.screen
        assert isinstance(screen, PresentScreen)
        # Each slide of the deck (with the baseline: since the last meeting too), then
        # the first again, as the cycle comes round to it.
        for slide in screen.slides:
            self.take(f"presentation, slide {slide.kind}")
            await self.press("right")
        self.take("presentation, back to the first slide")
        await self.press("escape")


async def walk(
    language: str, feed: Path, baseline: Path, folder: Path, size: tuple[int, int]
) -> list[tuple[str, str]]:
    from r57tui.commands.sources import open_source
    from r57tui.config import ExportSettings, Settings
    from r57tui.ui.app import R57App

    settings = Settings(
        language=language,  # type: ignore[arg-type]
        source=str(feed),
        export=ExportSettings(folder=folder, format="md"),
    )
    app = R57App(settings, open_source(str(feed)), baseline=baseline)
    async with app.run_test(size=size) as pilot:
        walk = Walk(app, pilot)
        await walk.press()
        await walk.until(lambda: app.baseline is not None)
        await walk.press()
        await walk.main_and_drill()
        await walk.lists()
        await walk.palette()
        await walk.presentation()
    return walk.seen


def main(argv: list[str]) -> None:
    language, feed, baseline, folder, *size = argv
    set_interface_language(language)
    width, height = (int(size[0]), int(size[1])) if size else (120, 40)
    seen = asyncio.run(walk(language, Path(feed), Path(baseline), Path(folder), (width, height)))
    json.dump(seen, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
