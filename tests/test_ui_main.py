"""The main screen, driven with Pilot: figures, groups, sort, filter, panels, findings."""

from __future__ import annotations

from r57tui.i18n.collation import sorted_vi
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.due_soon import DueSoonTable
from r57tui.ui.findings_screen import FindingsScreen, FindingsTable
from r57tui.ui.indicator_panel import IndicatorPanel
from r57tui.views import SortOrder
from tests.builders import feed_dict, task
from tests.pilot import demo_app, feed_update, indicator_text, settle, text_of


async def test_opens_on_the_demo_with_the_meeting_figures() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        text = text_of(app, "#headline")
        assert "1,132 assigned" in text
        assert "Completed 485 (43%)" in text
        assert "of which 42 late" in text
        assert "On time 561 (50%)" in text
        assert "Overdue 86 (8%)" in text
        assert "% of assigned" in text
        table = app.screen.query_one(AgencyTable)
        assert table.row_count == 69
        assert table.has_focus
        by_agency = app.snapshot.rollup.by_agency
        assert by_agency[table.current_key()].overdue == max(c.overdue for c in by_agency.values())
        status = text_of(app, "#status")
        assert "live" in status
        assert "as of 2025-10-15 08:00" in status
        assert "demo" in status
        await pilot.press("q")
    assert app.return_code == 0


async def test_group_tabs_filter_rows_headline_and_totals() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        table = app.screen.query_one(AgencyTable)
        assert app.screen.group == "locality"
        assert table.row_count == 34
        localities = app.snapshot.rollup.by_kind["locality"]
        assert f"Localities: {localities.assigned:,} assigned" in text_of(app, "#headline")
        totals = text_of(app, "#totals")
        assert f"34 agencies · total {localities.assigned:,} assigned" in totals
        await pilot.press("left_square_bracket")
        assert app.screen.group == "branch"
        assert table.row_count == 9


async def test_sort_cycles_by_key_and_by_header_click_keeping_the_cursor() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(AgencyTable)
        await pilot.press("down", "j", "j", "k")
        chosen = table.current_key()
        assert table.cursor_row == 2
        await pilot.press("s")
        assert "% completed" in text_of(app, "#totals")
        assert table.current_key() == chosen
        await pilot.click(AgencyTable, offset=(2, 0))  # the "Agency" header
        assert app.screen.sort == SortOrder("name")
        assert table.current_key() == chosen
        # By whole name (a column too narrow for one shows its short form).
        names = [app.snapshot.feed.agency_name(key, "en") for key in table.keys]
        assert names == sorted_vi(names)
        assert names.index("Cà Mau") < names.index("Cao Bằng") < names.index("Điện Biên")


async def test_slash_filters_ignoring_diacritics_and_matching_former_names() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(AgencyTable)
        await pilot.press("slash", *"dien bien")
        assert table.keys == ["DIEN-BIEN"]
        await pilot.press("enter")
        assert table.has_focus
        assert "filter “dien bien”" in text_of(app, "#totals")
        await pilot.press("escape")  # on the table: clears the filter
        assert table.row_count == 69
        await pilot.press("slash", *"ha giang")
        assert "TUYEN-QUANG" in table.keys
        await pilot.press("escape")  # in the bar: clears and closes
        assert table.row_count == 69
        assert table.has_focus


async def test_a_filter_longer_than_the_bar_scrolls_to_show_what_is_typed() -> None:
    # The bar keeps one virtual size while the text fits (a new one laid the whole
    # screen out at each keystroke); past its width, it must still scroll to the cursor.
    from r57tui.ui.filter_bar import FilterBar

    app = demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"ha noi")
        bar = app.screen.query_one(FilterBar)
        room = bar.scrollable_content_region.width
        assert bar.virtual_size.width == room
        assert bar.scroll_offset.x == 0
        bar.value += "x" * room  # pasted, say
        await pilot.press("end", *"yz")  # and typed on
        await pilot.pause()
        assert bar.virtual_size.width > room
        assert bar.scroll_offset.x > 0  # the end, where the cursor is, is in view
        assert bar.cursor_screen_offset.x < bar.region.right


async def test_tab_moves_through_the_panels_when_narrow_and_all_show_when_wide() -> None:
    app = demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        agencies = app.screen.query_one("#agencies-panel")
        indicators = app.screen.query_one("#indicators-panel")
        assert agencies.display
        assert not indicators.display
        await pilot.press("tab")
        assert indicators.display
        assert not agencies.display
        assert app.screen.query_one(IndicatorPanel).has_focus
        await pilot.press("tab")  # due soon shares the indicators' column
        assert indicators.display
        assert not agencies.display
        assert app.screen.query_one(DueSoonTable).has_focus
        await pilot.press("tab")
        assert agencies.display
        assert not indicators.display
        assert app.screen.query_one(AgencyTable).has_focus
        await pilot.resize_terminal(130, 40)
        await pilot.pause()
        assert agencies.display
        assert indicators.display


async def test_indicators_panel_shows_value_target_mark_change_and_trend() -> None:
    app = demo_app()
    # 200 columns: a side column wide enough for each figure line whole (how the lines
    # wrap in a narrow one is tests/test_ui_chrome.py's).
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(app, pilot)
        text = indicator_text(app)
        # Adults with a digital signature: 36.11% against a target of 50, up 1.20 since Q2.
        assert "○ Adults with a digital signature" in text
        assert "36.11%  target ≥50.00 off  ▲1.20" in text
        # A lower-is-better indicator gets ≤ and its fall is an improvement.
        assert "4.8 days  target ≤4.0 off  ▼0.7" in text  # unit_en on an English screen


async def test_feed_text_is_shown_literally() -> None:
    app = demo_app()
    hostile = feed_dict(
        [task("T1", agency="X")],
        title="[bold red]Chỉ đạo[/] \x1b[2J",
        agencies=[{"id": "X", "name": "[reverse]Tỉnh X[/]"}],
    )
    # Wide enough for the whole name beside every figure column's heading.
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        app.apply_update(feed_update(hostile))
        await pilot.pause()
        assert "[bold red]Chỉ đạo[/] <U+001B>[2J" in text_of(app, "#status")
        row = app.screen.query_one(AgencyTable).get_row("X")
        assert str(row[0]) == "[reverse]Tỉnh X[/]"


async def test_findings_badge_and_list() -> None:
    app = demo_app()
    bad = feed_dict([task("T1"), task("T1"), task("T2", progress=140)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "findings" not in text_of(app, "#status")
        app.apply_update(feed_update(bad))
        await pilot.pause()
        assert "⚠ 2 findings (f)" in text_of(app, "#status")
        await pilot.press("f")
        assert isinstance(app.screen, FindingsScreen)
        table = app.screen.query_one(FindingsTable)
        assert table.row_count == 2
        cells = [[str(cell) for cell in table.get_row(key)] for key in table.keys]
        by_code = {row[0]: row for row in cells}
        assert by_code["duplicate"][1:3] == ["tasks[1]", "T1"]
        assert by_code["invalid"][1:3] == ["tasks[2]", "T2"]
        assert "140" in by_code["invalid"][3]
        await pilot.press("escape")
        assert not isinstance(app.screen, FindingsScreen)


async def test_a_refused_feed_at_start_does_not_crash(tmp_path) -> None:
    from r57tui.commands.sources import open_source
    from r57tui.config import Settings
    from r57tui.ui.app import R57App

    path = tmp_path / "feed.json"
    path.write_text("{not json")
    app = R57App(Settings(language="en"), open_source(str(path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        # Nothing was ever shown, so nothing is "stale": the line says there are no figures.
        assert "NO FIGURES" in text_of(app, "#status")
        assert "STALE" not in text_of(app, "#status")
        assert "feed.json: line 1, column" in text_of(app, "#status")
        assert app.screen.query_one(AgencyTable).row_count == 0
        await pilot.press("enter", "a", "escape", "g", "escape", "f", "escape", "s", "slash")
        assert app.is_running


async def test_a_line_that_stays_one_row_is_repainted_without_a_layout() -> None:
    # A layout of a screen of 100k tasks costs 30 ms: "showing 12 of 100,000" changing
    # at each keystroke must not pay it, and text that needs another row must.
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    from r57tui.ui.redraw import update_text

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("showing 1 of 9", id="line")

    app = One()
    async with app.run_test(size=(40, 10)) as pilot:
        line = app.query_one("#line", Static)
        layouts: list[bool] = []
        repaint = line.refresh

        def spied(*args, **kwargs):
            layouts.append(bool(kwargs.get("layout")))
            return repaint(*args, **kwargs)

        line.refresh = spied  # type: ignore[method-assign]
        update_text(line, "showing 12 of 100,000 tasks")
        assert layouts == [False]
        update_text(line, "showing 12 of 100,000 tasks")  # the same: nothing at all
        assert layouts == [False]
        update_text(line, "x" * 41)  # wraps to a second row
        assert layouts == [False, True]
        await pilot.pause()
        assert line.size.height == 2
        layouts.clear()
        update_text(line, "back to one row")  # two rows now: laid out to shrink
        assert layouts == [True]
        await pilot.pause()
        assert line.size.height == 1


async def test_text_of_as_many_rows_is_repainted_without_a_layout() -> None:
    # A refresh's new figures in the headline (two rows, padded) at 100k tasks: a layout
    # of the screen held the frame that shows them by 30 ms.
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    from r57tui.ui.redraw import update_text

    class Two(App[None]):
        CSS = "Static { height: auto; padding: 0 1; }"

        def compose(self) -> ComposeResult:
            yield Static("485 completed\n561 on time", id="figures")

    app = Two()
    async with app.run_test(size=(20, 10)) as pilot:
        figures = app.query_one("#figures", Static)
        layouts: list[bool] = []
        repaint = figures.refresh

        def spied(*args, **kwargs):
            layouts.append(bool(kwargs.get("layout")))
            return repaint(*args, **kwargs)

        figures.refresh = spied  # type: ignore[method-assign]
        update_text(figures, "486 completed\n560 on time")
        assert layouts == [False]
        update_text(figures, "486 completed\n" + "x" * 18)  # fills its row, padding aside
        assert layouts == [False, False]
        update_text(figures, "486 completed\n" + "x" * 19)  # wraps into the padding's row
        assert layouts == [False, False, True]
        update_text(figures, "486 completed\n560 on time\n86 overdue")  # a third row
        assert layouts == [False, False, True, True]
        await pilot.pause()
        assert figures.size.height == 3


async def test_a_screen_hidden_under_another_is_redrawn_after_the_frame_in_view() -> None:
    # The dashboard under all 100k tasks held up the frame of a refresh's new figures by
    # 10 to 40 ms; it is redrawn once that frame is drawn, before anyone can go back.
    from r57tui.ui.main_screen import MainScreen
    from r57tui.ui.tasks_screen import TasksScreen

    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, TasksScreen)
        drawn: list[str] = []
        under = app.screen_stack[0]
        assert isinstance(under, MainScreen)
        on_top, below = app.screen.show_snapshot, under.show_snapshot
        app.screen.show_snapshot = lambda: (drawn.append("top"), on_top())[1]  # type: ignore[method-assign]
        under.show_snapshot = lambda: (drawn.append("under"), below())[1]  # type: ignore[method-assign]
        app.show_snapshot()
        assert drawn == ["top"]
        await pilot.pause()
        assert drawn == ["top", "under"]
