"""The screen's chrome reads whole at 80×24, 120×40 and 160×45, in both languages: the
status line, the headline, the totals line, the footer and the indicators panel, read as
drawn (each widget's rendered lines and region), on the demo feed and on 100,000 tasks."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.widget import Widget

from r57tui.demo import demo_feed_path
from r57tui.feed import load_feed
from r57tui.i18n.strings import tr
from r57tui.ui.help_screen import HelpScreen
from r57tui.ui.indicator_panel import IndicatorPanel
from r57tui.ui.tasks_screen import TasksScreen
from tests.builders import to_bytes
from tests.pilot import RecordingApp, demo_app, feed_update, indicator_text, settle

ROOT = Path(__file__).resolve().parents[1]
SIZES = [(80, 24), (120, 40), (160, 45)]
LANGUAGES = ["vi", "en"]
BIG = 100_000


def demo_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(demo_feed_path().read_text(encoding="utf-8"))
    return document


@pytest.fixture(scope="module")
def big_bytes() -> bytes:
    """The demo's agencies and indicators with 100,000 tasks: copies of its own tasks."""
    document = demo_document()
    tasks = document["tasks"]
    document["tasks"] = [
        {**tasks[n % len(tasks)], "id": f"{tasks[n % len(tasks)]['id']}-{n}"} for n in range(BIG)
    ]
    return to_bytes(document)


def rows(widget: Widget) -> list[str]:
    """What a widget draws, line by line, as plain text (its padding included)."""
    size = widget.outer_size
    return [strip.text for strip in widget.render_lines(Region(0, 0, size.width, size.height))]


FIGURE = r"[\d.,]+"


def assert_headline_whole(app: RecordingApp, width: int) -> None:
    """Every label of the headline sits on the same line as its figure."""
    lang = app.language
    lines = rows(app.screen.query_one("#headline"))
    assert all(len(line) <= width for line in lines)
    drawn = "\n".join(lines)
    for word in ("Completed", "On time", "Overdue"):
        label = re.escape(tr(word, lang))
        assert re.search(rf"{label} {FIGURE} \(\d+%\)", drawn), (word, lines)
    assert re.search(rf"{FIGURE} {re.escape(tr('assigned', lang))}", drawn), lines


def one_line(app: RecordingApp, selector: str) -> str:
    widget = app.screen.query_one(selector)
    assert widget.region.height == 1, (selector, rows(widget))
    (line,) = rows(widget)
    return line


def footer_keys(app: RecordingApp, width: int) -> set[str]:
    """The keys the footer shows whole within the screen (footer keys are found by their
    widget's type name: Textual keeps FooterKey in a private module)."""
    screen = app.screen if not isinstance(app.screen, HelpScreen) else app.screen_stack[-2]
    return {
        key.key
        for key in screen.query("FooterKey")
        if key.region.width and key.region.right <= width
    }


# The status line, the headline, the totals line: on the demo and on 100,000 tasks ------


# 100,000 tasks in Vietnamese only: its words and figures ("100.000 nhiệm vụ", "Hoàn
# thành") are the longer of the two languages, and each big feed costs seconds.
@pytest.mark.parametrize(("language", "feed"), [("vi", "demo"), ("en", "demo"), ("vi", "100k")])
async def test_chrome_reads_whole(language: str, feed: str, request: pytest.FixtureRequest) -> None:
    app = demo_app(language=language)
    async with app.run_test(size=SIZES[0]) as pilot:
        await settle(app, pilot)
        if feed == "100k":
            app.apply_update(feed_update(json.loads(request.getfixturevalue("big_bytes"))))
            await settle(app, pilot)
        snapshot = app.snapshot
        assert snapshot is not None
        assert snapshot.rollup.total.assigned == (BIG if feed == "100k" else 1132)
        title = " ".join((snapshot.feed.title or "").split()[:3])
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await settle(app, pilot)
            where = f"main screen at {width}x{height}"
            assert_headline_whole(app, width)
            status = one_line(app, "#status")
            # The feed's title stays, first, shortened by words if it must.
            assert status.strip().startswith(title), (where, status)
            assert tr("as of", language) in status, where
            totals = one_line(app, "#totals")
            assert totals.strip().startswith(f"69 {tr('agencies', language)}"), (where, totals)
            assert {"question_mark", "q"} <= footer_keys(app, width), where
        # A task list of the same figures: its headline and state keys read whole too.
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, TasksScreen)
        for width, height in reversed(SIZES):
            await pilot.resize_terminal(width, height)
            await settle(app, pilot)
            assert_headline_whole(app, width)
            one_line(app, "#status")
            one_line(app, "#totals")
            states = "\n".join(rows(app.screen.query_one("#states")))
            for word in ("Completed", "On time", "Overdue"):
                label = re.escape(tr(word, language))
                assert re.search(rf"{label} {FIGURE}", states), (width, states)
            assert {"question_mark", "q"} <= footer_keys(app, width), width


# The footer of every screen at 80×24 ----------------------------------------------------


SCREENS = [
    "MainScreen",
    "TasksScreen",  # all tasks
    "TaskScreen",
    "TasksScreen",  # due soon
    "ChangesScreen",
    "FindingsScreen",
    "HelpScreen",
    "IndicatorScreen",
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_screen_shows_help_and_quit_in_the_footer_at_80x24(
    language: str, tmp_path: Path
) -> None:
    baseline = tmp_path / "before.json"
    before = demo_document()
    before["tasks"] = before["tasks"][:-5]
    baseline.write_bytes(to_bytes(before))
    walk = subprocess.run(
        [sys.executable, "-m", "tests.footer_walk", language, str(baseline)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    seen = json.loads(walk.stdout)
    assert [each["screen"] for each in seen] == SCREENS
    quit_text = f"q {tr('Quit', language)}"
    for each in seen:
        keys = {key["key"]: key["text"] for key in each["keys"]}
        assert "question_mark" in keys, each
        assert keys.get("q") == quit_text, each
        assert each["cover"] is None or each["cover"] <= 23, each
    # In Vietnamese the labels are the catalogue's (the footer is not English here).
    main = {key["key"]: key["text"] for key in seen[0]["keys"]}
    assert main["question_mark"] == f"? {tr('Keys', language)}"


# No jump when change marks come and go -------------------------------------------------


def moved_document() -> dict[str, Any]:
    """The demo a refresh later: an overdue task completed and a new one assigned, so every
    headline figure carries a mark."""
    document = copy.deepcopy(demo_document())
    feed = load_feed(demo_feed_path().read_bytes())
    overdue = next(t.id for t in feed.tasks if t.state.value == "overdue")
    for record in document["tasks"]:
        if record["id"] == overdue:
            record["completed"] = "2025-10-14"
    new = dict(document["tasks"][0], id="NEW-1", due="2026-06-30")
    new.pop("completed", None)
    document["tasks"].append(new)
    return document


def layout(app: RecordingApp) -> dict[str, tuple[int, int]]:
    """Each widget of the screen with an id: its row and height."""
    return {
        widget.id: (widget.region.y, widget.region.height)
        for widget in app.screen.query("*")
        if widget.id and widget.display
    }


def figure_columns(app: RecordingApp) -> dict[str, tuple[int, int]]:
    """Where each headline figure's label is drawn: line and column."""
    lines = rows(app.screen.query_one("#headline"))
    found = {}
    for word in ("Completed", "On time", "Overdue", "assigned"):
        label = tr(word, app.language)
        for number, line in enumerate(lines):
            if label in line:
                found[word] = (number, line.index(label))
                break
    return found


@pytest.mark.parametrize("language", LANGUAGES)
async def test_nothing_moves_when_change_marks_come_and_go(language: str) -> None:
    app = demo_app(language=language)
    app.live.mark_seconds = 1.0
    documents = [moved_document(), demo_document()]  # there and back: marks each time
    async with app.run_test(size=SIZES[0]) as pilot:
        await settle(app, pilot)
        for number, (width, height) in enumerate(SIZES):
            await pilot.resize_terminal(width, height)
            await settle(app, pilot)
            before, columns = layout(app), figure_columns(app)
            assert len(columns) == 4
            app.apply_update(feed_update(documents[number % 2]))
            await settle(app, pilot)
            marked = "\n".join(rows(app.screen.query_one("#headline")))
            assert "+1" in marked, marked
            assert "−1" in marked, marked
            assert layout(app) == before, width
            assert figure_columns(app) == columns, (width, marked)
            for _ in range(100):
                if "+1" not in "\n".join(rows(app.screen.query_one("#headline"))):
                    break
                await pilot.pause(0.05)
            assert "+1" not in "\n".join(rows(app.screen.query_one("#headline")))
            assert layout(app) == before, width
            assert figure_columns(app) == columns, width


# The indicators panel ------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
async def test_indicator_names_read_whole_at_every_size(language: str) -> None:
    app = demo_app(language=language)
    async with app.run_test(size=SIZES[0]) as pilot:
        await settle(app, pilot)
        await pilot.press("tab")  # narrow: one panel at a time
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await settle(app, pilot)
            panel = app.screen.query_one(IndicatorPanel)
            drawn = indicator_text(app).split("\n")
            assert drawn, size
            room = panel.columns["indicator"].width  # type: ignore[index]
            assert all(len(line) <= room for line in drawn), (size, room)
            assert not any(line.rstrip().endswith("…") for line in drawn), drawn
            # A name's further lines are indented under it: joined again, each is whole.
            joined = re.sub(r"\s+", " ", " ".join(line.strip() for line in drawn))
            snapshot = app.snapshot
            assert snapshot is not None
            for indicator in snapshot.feed.indicators:
                assert indicator.display_name(language) in joined, (size, indicator.id)
