"""The early warning on screen, driven with Pilot: the agencies' At risk column and its
sort, the headline's "of which 14 at risk", the at-risk list (`w` from the main screen
and from an agency's list, `5` among the state keys) with each row's reason and the
reason whole under it, Enter to the task whose detail says why, `e` writing the list
with its reasons, and the headline slide."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from r57tui.config import ExportSettings
from r57tui.rollup import Rollup
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.present_screen import PresentScreen
from r57tui.ui.task_screen import TaskScreen
from r57tui.ui.task_table import TaskTable
from r57tui.ui.tasks_screen import TasksScreen
from r57tui.views import StateFilter
from r57tui.views.at_risk import risk_reason
from tests.pilot import demo_app, settle, text_of


def rollup_of(app: Any) -> Rollup:
    return app.snapshot.rollup


def reason(app: Any, task_id: str, language: str, *, with_due: bool = True) -> str | None:
    snapshot = app.snapshot
    found = snapshot.task(task_id)
    days = snapshot.rollup.at_risk_days
    return risk_reason(found, snapshot.feed.as_of_date, days, language, with_due=with_due)


CASES = (
    ((80, 24), "vi", "Nguy cơ"),
    ((80, 24), "en", "At risk"),
    ((160, 45), "vi", "Nguy cơ"),
    # At 160 in English too: the longest name reads in its usual abbreviations, and the
    # column does not make way for its last letters.
    ((160, 45), "en", "At risk"),
)


async def test_the_agencies_column_and_its_sort_at_80_and_160() -> None:
    for size, language, heading in CASES:
        app = demo_app(language=language)
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            table = app.screen.query_one(AgencyTable)
            keys = [str(key.value) for key in table.columns]
            assert "at_risk" in keys
            column = keys.index("at_risk")
            labels = [c.label.plain for c in table.columns.values()]
            assert labels[column].removesuffix(" ↓") == heading  # whole
            counts = rollup_of(app).at_risk_by_agency
            for key in table.keys:
                cell = table.get_row(key)[column]
                assert str(cell) == str(counts.get(key, 0)), key
            # The sort by it: most at risk first, its heading marked, still shown at 80.
            while app.screen.sort.key != "at_risk":
                await pilot.press("s")
            await pilot.pause()
            labels = [c.label.plain for c in table.columns.values()]
            keys = [str(key.value) for key in table.columns]
            assert labels[keys.index("at_risk")] == f"{heading} ↓"
            shown = [counts.get(key, 0) for key in table.keys]
            assert shown == sorted(shown, reverse=True)
            assert shown[0] == max(counts.values())
            headline = text_of(app, "#headline")
            figure = len(rollup_of(app).at_risk)
            words = "trong đó {} có nguy cơ" if language == "vi" else "of which {} at risk"
            assert words.format(figure) in " ".join(headline.split())


async def test_the_at_risk_list_from_the_main_screen_explains_itself() -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        assert isinstance(app.screen, TasksScreen)
        assert app.screen.state is StateFilter.AT_RISK
        table = app.screen.query_one(TaskTable)
        expected = {t.id for t in rollup_of(app).at_risk}
        assert set(table.keys) == expected
        keys = [column.key for column in table.columns]
        assert "reason" in keys  # each row with its reason…
        assert "state" not in keys  # …where the state would only say "on time"
        widths = {column.key: column.width for column in table.columns}
        for key in table.keys:
            said = reason(app, key, "vi", with_due=False)
            assert said is not None
            cell = str(table.get_row(key)[keys.index("reason")])
            # Whole at 80 columns when it fits the column's least width (34).
            assert cell == said or (len(said) > widths["reason"] and cell.endswith("…"))
        states = text_of(app, "#states")
        assert f"5 Nguy cơ {len(expected)}" in " ".join(states.split())
        # The reason whole, with its due date, under the table for the cursor's row.
        for row in range(min(3, len(expected))):
            table.move_cursor(row)
            await pilot.pause()
            key = table.keys[row]
            under = " ".join(text_of(app, "#cursor-note").split())
            assert under == f"Lý do có nguy cơ: {reason(app, key, 'vi')}"
        # Sorted another way, the same tasks.
        await pilot.press("s")
        await pilot.pause()
        assert set(table.keys) == expected
        # Enter: the task, whose detail says it is at risk and why.
        first = table.keys[0]
        table.move_cursor(0)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, TaskScreen)
        detail = " ".join(text_of(app, "#detail").split())
        assert f"Nguy cơ có nguy cơ quá hạn: {reason(app, first, 'vi')}" in detail


async def test_from_an_agencys_list_w_and_5_show_its_tasks_at_risk() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        rollup = rollup_of(app)
        agency = max(rollup.at_risk_by_agency, key=rollup.at_risk_by_agency.__getitem__)
        mine = {t.id for t in rollup.at_risk if t.agency == agency}
        assert len(mine) > 1
        table = app.screen.query_one(AgencyTable)
        table.move_cursor(row=table.keys.index(agency))
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, TasksScreen)
        await pilot.press("w")
        await pilot.pause()
        tasks = app.screen.query_one(TaskTable)
        assert set(tasks.keys) == mine
        await pilot.press("0")
        await pilot.pause()
        assert len(tasks.keys) == rollup.by_agency[agency].assigned
        await pilot.press("5")
        await pilot.pause()
        assert set(tasks.keys) == mine
        headline = " ".join(text_of(app, "#headline").split())
        assert f"of which {len(mine)} at risk" in headline


async def test_a_task_not_at_risk_says_nothing_of_it() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        rollup = rollup_of(app)
        flagged = {t.id for t in rollup.at_risk}
        calm = next(t for t in app.snapshot.feed.tasks if t.id not in flagged and t.due)
        app.open_task(calm.id)
        await settle(app, pilot)
        assert "at risk" not in text_of(app, "#detail")


async def test_e_writes_the_at_risk_list_with_its_reasons(tmp_path: Path) -> None:
    app = demo_app(export=ExportSettings(folder=tmp_path, format="csv"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        shown = list(app.screen.query_one(TaskTable).keys)
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [path] = app.last_exports
        assert "-at-risk-" in path.name
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
        header = rows[0]
        assert [row[header.index("Id")] for row in rows[1:]] == shown
        assert [row[header.index("Why at risk")] for row in rows[1:]] == [
            reason(app, key, "en") for key in shown
        ]


async def test_the_headline_slide_says_how_many_are_at_risk() -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, PresentScreen)
        note = text_of(app, "#on_time-note").strip()
        assert note == f"trong đó {len(rollup_of(app).at_risk)} có nguy cơ quá hạn"
