"""Drill-down, driven with Pilot: agency, group and all-tasks lists, a task, and back."""

from __future__ import annotations

from r57tui.feed import TaskState
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.main_screen import MainScreen
from r57tui.ui.task_screen import TaskScreen
from r57tui.ui.task_table import TaskTable
from r57tui.ui.tasks_screen import TasksScreen
from tests.pilot import demo_app, settle, text_of


async def test_enter_opens_the_agency_and_escape_returns_to_the_same_row() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        agencies = app.screen.query_one(AgencyTable)
        await pilot.press("down", "down", "down")
        chosen = agencies.current_key()
        counts = app.snapshot.rollup.by_agency[chosen]
        await pilot.press("enter")
        assert isinstance(app.screen, TasksScreen)
        tasks = app.screen.query_one(TaskTable)
        assert tasks.has_focus
        assert tasks.row_count == counts.assigned
        name = app.snapshot.feed.agency_name(chosen, "en")
        assert f"{name}: {counts.assigned} assigned" in text_of(app, "#headline")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert agencies.current_key() == chosen
        assert agencies.has_focus


async def test_state_filters_and_sort_on_an_agency() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        agency = app.screen.query_one(AgencyTable).current_key()
        counts = app.snapshot.rollup.by_agency[agency]
        await pilot.press("enter")
        tasks = app.screen.query_one(TaskTable)
        feed = app.snapshot.feed
        states = {
            key: feed_task.state for key in tasks.keys if (feed_task := app.snapshot.task(key))
        }
        assert len(states) == counts.assigned
        await pilot.press("3")
        assert tasks.row_count == counts.overdue
        assert all(app.snapshot.task(k).state is TaskState.OVERDUE for k in tasks.keys)
        assert f"showing {counts.overdue} of {counts.assigned} tasks" in text_of(app, "#totals")
        await pilot.press("1")
        assert tasks.row_count == counts.completed
        assert all(app.snapshot.task(k).state.is_completed for k in tasks.keys)
        await pilot.press("2")
        assert tasks.row_count == counts.on_time
        await pilot.press("0")
        assert tasks.row_count == counts.assigned
        # The default sort puts the longest overdue first.
        first = app.snapshot.task(tasks.keys[0])
        assert first.state is TaskState.OVERDUE
        await pilot.press("s")
        assert "due date" in text_of(app, "#totals")
        due = [app.snapshot.task(k).deadline for k in tasks.keys]
        known = [d for d in due if d is not None]
        assert known == sorted(known)
        del feed


async def test_a_task_shows_every_field_and_escape_returns_to_it() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", "slash", *"T-0017", "enter")
        tasks = app.screen.query_one(TaskTable)
        assert tasks.keys == ["T-0017"]
        await pilot.press("enter")
        assert isinstance(app.screen, TaskScreen)
        detail = text_of(app, "#detail")
        assert "T-0017" in detail
        assert "Ban hành quy chế quản lý, khai thác và chia sẻ dữ liệu" in detail
        assert "overdue" in detail
        # The co-agency by name and the short form the tables use, never the feed's id.
        assert "Ministry of Home Affairs (MOHA)" in detail
        assert "(BNV)" not in detail
        assert "2025-09 (until 2025-09-30)" in detail
        # Notes oldest first.
        first = detail.index("2025-09-10")
        assert first < detail.index("2025-10-04") < detail.index("2025-10-05")
        await pilot.press("escape")
        assert isinstance(app.screen, TasksScreen)
        assert tasks.current_key() == "T-0017"
        assert "filter “T-0017”" in text_of(app, "#totals")


async def test_group_and_all_tasks_views_with_filters() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        rollup = app.snapshot.rollup
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.press("g")
        assert isinstance(app.screen, TasksScreen)
        tasks = app.screen.query_one(TaskTable)
        assert tasks.row_count == rollup.by_kind["locality"].assigned
        assert "Localities:" in text_of(app, "#headline")
        await pilot.press("3")
        assert tasks.row_count == rollup.by_kind["locality"].overdue
        await pilot.press("slash", *"dien bien")
        assert {app.snapshot.task(k).agency for k in tasks.keys} == {"DIEN-BIEN"}
        await pilot.press("escape", "escape")  # clear the filter, then back
        assert isinstance(app.screen, MainScreen)
        await pilot.press("a")
        tasks = app.screen.query_one(TaskTable)
        assert tasks.row_count == 1132
        await pilot.press("3")
        assert tasks.row_count == 86
        assert "All tasks: 1,132 assigned" in text_of(app, "#headline")


async def test_click_selects_and_double_click_drills() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        agencies = app.screen.query_one(AgencyTable)
        await pilot.click(AgencyTable, offset=(3, 3))  # header, then the third row
        assert agencies.cursor_row == 2
        assert isinstance(app.screen, MainScreen)
        chosen = agencies.current_key()
        await pilot.click(AgencyTable, offset=(3, 3), times=2)
        assert isinstance(app.screen, TasksScreen)
        assert app.screen.scope.key == chosen
