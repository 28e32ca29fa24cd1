"""The main screen's owners' tab (same columns and drill-down as the agencies), the sort
both ways on every table (`s` cycles, `R` reverses, a heading clicked twice reverses, the
arrow on the sorted column's heading), the overdue-rate column,
and the group keys in the footer (the chair's questions: tests/test_six_questions.py)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.widgets import Static

from r57tui.cli import main
from r57tui.config import ExportSettings
from r57tui.ui.agencies import AgencyTable, owner_key
from r57tui.ui.help_screen import HelpScreen
from r57tui.ui.main_screen import MainScreen
from r57tui.ui.task_table import TaskTable
from r57tui.ui.tasks_screen import TasksScreen
from r57tui.views import Scope, SortOrder, owner_rows
from tests.builders import feed_dict, task
from tests.pilot import demo_app, feed_update, settle, text_of

Keys = list[str]


async def press(pilot: Any, app: Any, keys: Keys, *more: str) -> None:
    """Press keys, counting each in `keys` (a typed query counts as one)."""
    keys.extend(more)
    await pilot.press(*more)
    await settle(app, pilot)


def headings(table: AgencyTable) -> dict[str, str]:
    return {str(key.value): column.label.plain for key, column in table.columns.items()}


def figures(table: AgencyTable, key: str) -> dict[str, str]:
    row = table.get_row(key)
    return {
        str(column.value): str(cell).strip()
        for column, cell in zip(table.columns, row, strict=True)
    }


async def test_the_owners_tab_lists_owner_rows_and_opens_exactly_that_owners_tasks() -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        keys: Keys = []
        for _ in range(5):  # past the five groups: the owners' tab
            await press(pilot, app, keys, "right_square_bracket")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.by_owner
        rollup = app.snapshot.rollup
        expected = owner_rows(rollup, language="vi")
        table = screen.query_one(AgencyTable)
        assert table.keys == [owner_key(row.owner) for row in expected]
        assert headings(table)["agency"] == "Người phụ trách"
        for row in expected[:10]:
            cells = figures(table, owner_key(row.owner))
            assert cells["assigned"] == str(row.counts.assigned)
            assert cells["overdue"].removeprefix("! ") == str(row.counts.overdue)
        assert "Theo người phụ trách" in text_of(app, "#headline")
        assert f"{len(expected)} người phụ trách" in text_of(app, "#totals")
        # Enter on the second row (the first owner by name; the first is the most overdue).
        await press(pilot, app, keys, "down", "enter")
        chosen = expected[1]
        assert isinstance(app.screen, TasksScreen)
        assert app.screen.scope == Scope.owner(chosen.owner)
        shown = app.screen.query_one(TaskTable)
        owned = {t.id for t in app.snapshot.feed.tasks if t.owner == chosen.owner}
        assert set(shown.keys) == owned
        assert len(shown.keys) == chosen.counts.assigned


async def test_no_owners_tab_for_a_feed_without_owners() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.screen.query("#owners")
        await pilot.press("left_square_bracket")  # the owners' tab, when the feed drops them
        await settle(app, pilot)
        assert app.screen.by_owner
        app.apply_update(feed_update(feed_dict([task("T1", "BKHCN", due="2025-01-01")])))
        await settle(app, pilot)
        assert not app.screen.query("#owners")
        assert not app.screen.by_owner
        assert app.screen.query_one(AgencyTable).keys == ["BKHCN"]
        assert "All agencies" in text_of(app, "#headline")


async def test_sort_both_ways_with_the_arrow_on_the_heading() -> None:
    app = demo_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        table = screen.query_one(AgencyTable)
        assert headings(table)["overdue"] == "Overdue ↓"
        overdue = [app.snapshot.rollup.by_agency[k].overdue for k in table.keys]
        assert overdue == sorted(overdue, reverse=True)
        await pilot.press("R")
        await settle(app, pilot)
        assert screen.sort == SortOrder("overdue", reversed=True)
        assert headings(table)["overdue"] == "Overdue ↑"
        assert "sorted by overdue ↑" in text_of(app, "#totals")
        overdue = [app.snapshot.rollup.by_agency[k].overdue for k in table.keys]
        assert overdue == sorted(overdue)
        await pilot.press("s")  # the next sort, in its first direction
        await settle(app, pilot)
        assert screen.sort == SortOrder("percent")
        assert headings(table)["percent"] == "% completed ↑"
        assert headings(table)["overdue"] == "Overdue"
        # A heading clicked sorts by it; clicked again, the other way.
        await pilot.click(AgencyTable, offset=(2, 0))
        await settle(app, pilot)
        assert screen.sort == SortOrder("name")
        assert headings(table)["agency"] == "Agency ↑"
        await pilot.click(AgencyTable, offset=(2, 0))
        await settle(app, pilot)
        assert screen.sort == SortOrder("name", reversed=True)
        assert headings(table)["agency"] == "Agency ↓"
        assert "sorted by name Z–A" in text_of(app, "#totals")
        # A task list: the same keys, the arrow on its headings.
        await pilot.press("a")
        await settle(app, pilot)
        tasks = app.screen.query_one(TaskTable)
        labels = {column.key: column.label for column in tasks.columns}
        assert labels["days"] == "Days ↑"
        first = tasks.keys[:3]
        await pilot.press("R")
        await settle(app, pilot)
        labels = {column.key: column.label for column in tasks.columns}
        assert labels["days"] == "Days ↓"
        assert tasks.keys[-3:] == first[::-1]
        assert "least urgent first" in text_of(app, "#totals")


async def test_the_overdue_rate_column_and_its_sort() -> None:
    doc = feed_dict(
        [task(f"P{i}", "LAI-CHAU", due="2025-01-31" if i < 4 else "2026-12-31") for i in range(8)]
        + [task(f"M{i}", "BTC", due="2025-01-31" if i < 7 else "2026-12-31") for i in range(57)]
    )
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.apply_update(feed_update(doc))
        await settle(app, pilot)
        table = app.screen.query_one(AgencyTable)
        assert table.keys == ["BTC", "LAI-CHAU"]  # 7 overdue above 4
        assert figures(table, "LAI-CHAU")["overdue_rate"] == "50%"
        assert figures(table, "BTC")["overdue_rate"] == "12%"
        await pilot.click(AgencyTable, offset=(headings_x(table, "overdue_rate"), 0))
        await settle(app, pilot)
        assert app.screen.sort == SortOrder("overdue_rate")
        assert table.keys == ["LAI-CHAU", "BTC"]  # 4 of 8 above 7 of 57
        assert headings(table)["overdue_rate"] == "% overdue ↓"


def headings_x(table: AgencyTable, key: str) -> int:
    x = 0
    for column_key, column in table.columns.items():
        if column_key.value == key:
            return x + 1
        x += column.get_render_width(table)
    raise KeyError(key)


async def test_the_footer_shows_the_group_keys_in_both_languages() -> None:
    for language, word in (("vi", "Nhóm"), ("en", "Group")):
        app = demo_app(language=language)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.pause()
            shown = " ".join(
                f"{key.key_display} {key.description}".strip()
                for key in app.screen.query("FooterKey")
                if key.region.width and key.region.right <= 80
            )
            assert f"[ ] {word}" in shown, shown


async def test_e_on_the_owners_tab_writes_the_owners_as_shown(tmp_path: Path) -> None:
    app = demo_app(export=ExportSettings(folder=tmp_path, format="csv"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("left_square_bracket", "R")  # the owners' tab, fewest overdue first
        await settle(app, pilot)
        table = app.screen.query_one(AgencyTable)
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [path] = app.last_exports
        assert path.name.startswith("r57-owners-")
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
        header = rows[0]
        expected = owner_rows(
            app.snapshot.rollup, sort=SortOrder("overdue", reversed=True), language="en"
        )
        body = [row for row in rows[1:] if row[0] and row[0] != "Total"]
        assert [row[header.index("Owner")] for row in body] == [r.label("en") for r in expected]
        assert len(body) == len(table.keys)
        for row, owner in zip(body, expected, strict=True):
            assert int(row[header.index("Overdue")]) == owner.counts.overdue
            assert int(row[header.index("Assigned")]) == owner.counts.assigned


async def test_the_help_tells_how_sorting_works() -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        notes = " ".join(str(w.content) for w in app.screen.query(".note"))
        assert "R đảo chiều" in notes
        assert ("R", "Reverse sort") in app.screen.rows  # drawn in the app's language:
        console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
        for widget in app.screen.query(Static):
            console.print(widget.content)
        assert re.search(r"^R +Đảo chiều sắp xếp", console.export_text(), re.MULTILINE)


def test_export_table_owners_headless_writes_the_owners_in_the_rate_order(
    tmp_path: Path, capsys: Any
) -> None:
    args = ["--lang", "en", "export", "--format", "csv", "--table", "owners"]
    assert main([*args, "--sort", "overdue_rate", "--out", str(tmp_path)]) == 0
    [path] = tmp_path.glob("r57-owners-*.csv")
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    assert totals[:2] == ["", "Total"]  # the totals row last, not numbered
    owners = [row[1:] for row in body]
    assert owners[-1][0] == "(no owner)"  # after every member, whatever the order
    rates = [int(row[header.index("% overdue") - 1]) for row in owners[:-1]]
    assert rates == sorted(rates, reverse=True)
    assert rates[0] == 100
