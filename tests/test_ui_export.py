"""Exports from the dashboard: `e` writes the table in view, as shown; `E` asks; `S` an SVG."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from r57tui.config import ExportSettings
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.export_dialog import ExportDialog
from r57tui.ui.task_table import TaskTable
from tests.pilot import demo_app, settle


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))


async def wait_exported(app, pilot) -> list[Path]:
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.last_exports


def app_exporting_to(folder: Path, fmt: str = "csv"):
    return demo_app(export=ExportSettings(folder=folder, format=fmt))


async def test_e_exports_the_agencies_as_filtered_and_sorted_on_screen(tmp_path: Path) -> None:
    app = app_exporting_to(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        # Localities, sorted by % completed, filtered to those with "a" starting a word.
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.press("s", "slash", "a", "enter")
        table = app.screen.query_one(AgencyTable)
        on_screen = table.keys
        assert 0 < len(on_screen) < 34
        await pilot.press("e")
        [path] = await wait_exported(app, pilot)
        assert path.parent == tmp_path
        assert path.name.startswith("r57-agencies-locality-filtered-20251015-0800-")
        rows = read_csv(path)
        header = rows[0]
        body = rows[1:-1]  # the totals row last
        assert [row[1] for row in body] == on_screen
        columns = [str(key.value) for key in table.columns]
        for row in body:
            shown = dict(zip(columns, map(str, table.get_row(row[1])), strict=True))
            # The screen's overdue cell reads "! 4" or "0"; the file holds the number.
            assert shown["overdue"].lstrip("! ") == row[header.index("Overdue")]
            assert shown["overdue_rate"] == row[header.index("% overdue")] + "%"
            assert shown["percent"] == row[header.index("% completed")] + "%"
            assert shown["assigned"] == row[header.index("Assigned")]


async def test_e_on_a_task_list_exports_its_rows_in_order(tmp_path: Path) -> None:
    app = app_exporting_to(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "3", "s")
        table = app.screen.query_one(TaskTable)
        await pilot.press("e")
        [path] = await wait_exported(app, pilot)
        rows = read_csv(path)
        assert [row[1] for row in rows[1:]] == table.keys
        assert {row[rows[0].index("State")] for row in rows[1:]} == {"overdue"}


async def test_capital_e_asks_format_scope_and_folder(tmp_path: Path) -> None:
    app = app_exporting_to(tmp_path / "default")
    chosen = tmp_path / "chosen"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("E")
        assert isinstance(app.screen, ExportDialog)
        dialog = app.screen
        dialog.query_one("#format").query("RadioButton")[2].value = True  # Markdown
        dialog.query_one("#scope").query("RadioButton")[1].value = True  # every table
        dialog.query_one("#folder").value = str(chosen)
        await pilot.click("#export")
        [path] = await wait_exported(app, pilot)
        assert path.parent == chosen
        assert path.suffix == ".md"
        text = path.read_text("utf-8")
        for heading in (
            "## All agencies",
            "## All tasks",
            "## Indicators",
            "## Data-quality findings",
        ):
            assert heading in text
        assert not (tmp_path / "default").exists()


async def test_an_unwritable_folder_is_reported_and_the_dashboard_keeps_running(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    app = app_exporting_to(blocker / "sub")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app.notices]
        assert any("cannot write to" in m and "file/sub" in m for m in messages)
        await pilot.press("down", "enter")
        assert app.is_running


async def test_capital_s_saves_an_svg_of_the_screen(tmp_path: Path) -> None:
    app = app_exporting_to(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await pilot.pause()
        [path] = app.last_exports
        assert path.suffix == ".svg"
        assert path.read_text("utf-8").lstrip().startswith("<svg")
