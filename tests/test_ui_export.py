"""Exports from the dashboard: `e` writes the table in view, as shown; `E` asks; `S` an
SVG and a PNG of the screen."""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

import pytest
from PIL import Image

from r57tui.config import ExportSettings
from r57tui.export.files import ExportError
from r57tui.i18n.message import Message
from r57tui.ui import exports_control
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


@pytest.mark.parametrize(("size", "language"), [((80, 24), "vi"), ((160, 45), "en")])
async def test_capital_s_saves_an_svg_and_a_png_of_the_screen(
    tmp_path: Path, size: tuple[int, int], language: str
) -> None:
    app = demo_app(export=ExportSettings(folder=tmp_path), language=language)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        svg_path, png_path = await wait_exported(app, pilot)
        # One name, two extensions; the notice names both.
        assert svg_path.suffix == ".svg"
        assert png_path == svg_path.with_suffix(".png")
        [notice] = [n for n in app.notices if str(png_path) in n.message]
        assert str(svg_path) in notice.message
    svg = svg_path.read_text("utf-8")
    assert svg.lstrip().startswith("<svg")
    assert png_path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(png_path) as image:
        # The picture is the SVG at its own size: a cell of the terminal, 12.2 by 24.4
        # pixels, times the terminal's columns and rows, and the window's frame.
        view_box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
        assert view_box is not None
        assert image.size == (math.ceil(float(view_box[1])), math.ceil(float(view_box[2])))
        columns, rows = size
        assert 12 <= (image.width - 20) / columns <= 12.5
        assert 24 <= (image.height - 60) / rows <= 25
        # Not blank: the theme's background, text, the figures' colours, the bars.
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is not None
        assert len(colours) > 50


async def test_a_png_that_cannot_be_drawn_leaves_the_svg_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cannot(svg: str) -> bytes:
        raise ExportError(Message.of("cannot draw the PNG picture: {reason}", reason="test"))

    monkeypatch.setattr(exports_control, "svg_to_png", cannot)
    app = app_exporting_to(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        [path] = await wait_exported(app, pilot)
        assert path.suffix == ".svg"
        warned = [n for n in app.notices if n.severity == "warning"]
        assert [n.message for n in warned] == ["cannot draw the PNG picture: test"]
        assert app.is_running
