"""Home, End, ctrl+Home, ctrl+End, PageUp and PageDown on every table of the dashboard:
the agencies, due soon, a task list, the findings and the changes. Each table is driven
with Pilot from where a person opens it, and each key must move its cursor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widget import Widget

from r57tui.ui.agencies import AgencyTable
from r57tui.ui.changes_screen import ChangesTable
from r57tui.ui.due_soon import DueSoonTable
from r57tui.ui.findings_screen import FindingsTable
from r57tui.ui.task_table import TaskTable
from tests.builders import feed_dict, task
from tests.pilot import demo_app, feed_update, settle
from tests.test_baseline import demo_doc, meeting_baseline_doc
from tests.test_ui_baseline import app_for, settled, write

SIZE = (80, 24)


def cursor(table: Widget) -> int:
    return int(table.cursor_row)  # type: ignore[attr-defined]


def rows(table: Widget) -> int:
    return int(table.row_count)  # type: ignore[attr-defined]


async def assert_moves(pilot: Any, table: Widget) -> None:
    """Every key of the moves, from the first row and from the last."""
    assert table.has_focus
    last = rows(table) - 1
    assert last >= 2, last  # a first, a middle and a last row
    for end, home in (("end", "home"), ("ctrl+end", "ctrl+home")):
        await pilot.press(end)
        assert cursor(table) == last, end
        await pilot.press(home)
        assert cursor(table) == 0, home
    await pilot.press("pagedown")
    assert cursor(table) > 0
    await pilot.press("pageup")
    assert cursor(table) == 0
    await pilot.press("end", "pageup")
    assert cursor(table) < last


async def test_home_and_end_on_the_agencies_table() -> None:
    app = demo_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await assert_moves(pilot, app.screen.query_one(AgencyTable))


async def test_home_and_end_on_the_due_soon_table() -> None:
    app = demo_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("tab", "tab")  # the indicators, then due soon
        await pilot.pause()
        await assert_moves(pilot, app.screen.query_one(DueSoonTable))


async def test_home_and_end_on_a_task_list() -> None:
    app = demo_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await assert_moves(pilot, app.screen.query_one(TaskTable))


async def test_home_and_end_on_the_findings() -> None:
    app = demo_app()
    twice = [task(f"T{i // 2}") for i in range(60)]  # every id twice: 30 findings
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.apply_update(feed_update(feed_dict(twice)))
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        await assert_moves(pilot, app.screen.query_one(FindingsTable))


async def test_home_and_end_on_the_changes(tmp_path: Path) -> None:
    base = write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))
    app = app_for(tmp_path, base)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        await assert_moves(pilot, app.screen.query_one(ChangesTable))
