"""The Word report from the dashboard: W writes the report of what is in view (the whole
feed, or the agency whose list is open), E offers it with the other formats; read back
with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx

from r57tui.ui.export_dialog import ExportDialog
from r57tui.ui.task_table import TaskTable
from tests.pilot import settle
from tests.test_ui_export import app_exporting_to, wait_exported


def lines(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


async def test_w_writes_the_report_of_the_whole_feed(tmp_path: Path) -> None:
    app = app_exporting_to(tmp_path)  # e writes CSV: W writes the report all the same
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("W")
        [path] = await wait_exported(app, pilot)
        assert path.parent == tmp_path
        assert path.name.startswith("r57-report-20251015-0800-")
        assert path.suffix == ".docx"
        notice = app.notices[-1]
        assert notice.title == "Exported"
        assert str(path.resolve()) in notice.message
        text = lines(path)
        assert text[0] == "REPORT"
        assert text[1] == "On the progress of the tasks as of 2025-10-15"
        assert any(line.startswith("In total 1,132 tasks assigned;") for line in text)


async def test_w_on_an_agencys_list_writes_that_agencys_report(tmp_path: Path) -> None:
    app = app_exporting_to(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # the most overdue agency's tasks
        table = app.screen.query_one(TaskTable)
        feed = app.snapshot.feed
        agency = next(t.agency for t in feed.tasks if t.id == table.keys[0])
        name = feed.agency_name(agency, "en")
        counts = app.snapshot.rollup.by_agency[agency]
        await pilot.press("W")
        [path] = await wait_exported(app, pilot)
        assert path.name.startswith(f"r57-report-agency-{agency.lower()}-")
        text = lines(path)
        assert text[1].endswith(f"— {name}")
        assert any(line.startswith(f"In total {counts.assigned} tasks assigned;") for line in text)


async def test_capital_e_offers_the_word_report(tmp_path: Path) -> None:
    app = app_exporting_to(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("E")
        assert isinstance(app.screen, ExportDialog)
        buttons = list(app.screen.query_one("#format").query("RadioButton"))
        [word] = [b for b in buttons if b.name == "docx"]
        assert str(word.label) == "Word report (DOCX)"
        word.value = True
        await pilot.click("#export")
        [path] = await wait_exported(app, pilot)
        assert path.suffix == ".docx"
        assert lines(path)[0] == "REPORT"
