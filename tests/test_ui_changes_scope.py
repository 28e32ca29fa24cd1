"""The changes list on screen, scoped to where it was opened: an agency's task list, an
owner's, a group's tab, all agencies; its `/` filter and exports; its columns fitted at
each size (the chair's question 5: tests/test_six_questions.py). Driven with Pilot
against the demo and a baseline two weeks earlier; every figure is worked out here from
the two feeds, apart from the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from r57tui.baseline import ChangeKind
from r57tui.feed import Feed
from r57tui.i18n.strings import tr
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.app import R57App
from r57tui.ui.changes_screen import ChangesScreen, ChangesTable
from r57tui.ui.task_screen import TaskScreen
from r57tui.ui.tasks_screen import TasksScreen
from r57tui.views import Scope
from tests.pilot import settle, text_of
from tests.test_baseline import demo_doc, expected_kinds, meeting_baseline_doc
from tests.test_ui_baseline import app_for, figures, read_csv, settled, write

SIZE = (120, 40)


def baseline(tmp_path: Path) -> Path:
    return write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))


def lead_agencies(now: Feed, before: Feed) -> dict[str, str]:
    """Each changed task's lead agency: a removed task's as the baseline had it."""
    agencies = {t.id: t.agency for t in before.tasks}
    agencies.update({t.id: t.agency for t in now.tasks})
    return agencies


def shown_ids(app: R57App) -> list[str]:
    table = app.screen.query_one(ChangesTable)
    return [table.change(key).task.id for key in table.keys]


def kinds_line(app: R57App) -> str:
    return " ".join(text_of(app, "#kinds").split()) + " "


def ids_written(path: Path) -> list[str]:
    """The task ids of an exported changes CSV, by its heading (the STT comes first)."""
    header, *rows = read_csv(path)
    return [row[header.index("Id")] for row in rows]


async def open_agency(app: R57App, pilot, agency: str) -> None:
    """Enter on the agency's row of the main table: its task list."""
    assert app.screen.query_one(AgencyTable).move_to_key(agency)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, TasksScreen)


# Scoped to where it was opened -----------------------------------------------------------


async def test_c_from_an_agencys_task_list_lists_that_agencys_changes(tmp_path: Path) -> None:
    base = baseline(tmp_path)
    now, _, before, _ = figures(base)
    want = expected_kinds(before, now)
    lead = lead_agencies(now, before)
    ours = sorted(i for i in want if lead[i] == "BKHCN")
    assert 1 < len(ours) < len(want)
    app = app_for(tmp_path, base)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await open_agency(app, pilot, "BKHCN")
        await pilot.press("c")
        assert isinstance(app.screen, ChangesScreen)
        assert sorted(shown_ids(app)) == ours
        name = now.agency_name("BKHCN", "en")
        summary = f"— {name}: {len(ours)} of {len(want)} changes"
        assert summary in text_of(app, "#summary")
        assert f"0 All changes {len(ours)} " in kinds_line(app)
        # One agency's list: its name is in the headline, not in a column of every row.
        assert "agency" not in [c.key for c in app.screen.query_one(ChangesTable).columns]

        # From a task of that list, c still means that agency's changes.
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TaskScreen)
        await pilot.press("c")
        assert isinstance(app.screen, ChangesScreen)
        assert sorted(shown_ids(app)) == ours

        # e writes what is shown, named for the agency.
        await pilot.press("e")
        await settle(app, pilot)
        [path] = app.last_exports
        assert "changes-bkhcn" in path.name.lower()
        assert sorted(ids_written(path)) == ours


async def test_c_from_the_main_screen_lists_the_changes_of_the_group_in_view(tmp_path) -> None:
    base = baseline(tmp_path)
    now, _, before, _ = figures(base)
    want = expected_kinds(before, now)
    lead = lead_agencies(now, before)
    kinds = {a.id: a.kind for feed in (before, now) for a in feed.agencies.values()}
    ministries = sorted(i for i in want if kinds[lead[i]] == "ministry")
    app = app_for(tmp_path, base)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("c")
        assert sorted(shown_ids(app)) == sorted(want)  # all agencies: every change
        assert f"— All agencies: {len(want)} changes" in text_of(app, "#summary")
        await pilot.press("escape", "right_square_bracket", "c")
        assert isinstance(app.screen, ChangesScreen)
        assert sorted(shown_ids(app)) == ministries
        assert f"— Ministries: {len(ministries)} of {len(want)} changes" in text_of(app, "#summary")


async def test_c_from_an_owners_task_list_lists_the_changes_in_their_charge(tmp_path) -> None:
    base = baseline(tmp_path)
    now, _, before, _ = figures(base)
    want = expected_kinds(before, now)
    owners = {t.id: t.owner for feed in (before, now) for t in feed.tasks}
    owner = next(owners[i] for i in sorted(want) if owners[i])
    theirs = sorted(i for i in want if owners[i] == owner)
    app = app_for(tmp_path, base)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        app.open_tasks(Scope.owner(owner))
        await pilot.pause()
        await pilot.press("c")
        assert isinstance(app.screen, ChangesScreen)
        assert sorted(shown_ids(app)) == theirs
        assert f"{owner}: {len(theirs)} of {len(want)} changes" in text_of(app, "#summary")


async def test_an_agency_with_no_change_says_so(tmp_path: Path) -> None:
    base = baseline(tmp_path)
    now, _, before, _ = figures(base)
    want = expected_kinds(before, now)
    lead = lead_agencies(now, before)
    quiet = next(a for a in sorted(now.agencies) if a not in {lead[i] for i in want})
    name = now.agency_name(quiet, "vi")
    app = app_for(tmp_path, base, language="vi")
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await open_agency(app, pilot, quiet)
        await pilot.press("c")
        assert shown_ids(app) == []
        assert f"— {name}: 0 trên {len(want)} thay đổi" in text_of(app, "#summary")
        assert f"{name} không có thay đổi nào từ 01/10/2025" in text_of(app, "#cursor-line")


# The filter ------------------------------------------------------------------------------


async def test_slash_filters_the_changes_and_e_writes_what_is_shown(tmp_path: Path) -> None:
    base = baseline(tmp_path)
    now, _, before, _ = figures(base)
    want = expected_kinds(before, now)
    lead = lead_agencies(now, before)
    dien_bien = sorted(i for i in want if lead[i] == "DIEN-BIEN")
    assert dien_bien
    app = app_for(tmp_path, base)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("c", "slash", *"ĐIỆN bien", "enter")
        assert isinstance(app.screen, ChangesScreen)
        assert app.screen.query_one(ChangesTable).has_focus
        assert sorted(shown_ids(app)) == dien_bien
        summary = f"All agencies, filter “ĐIỆN bien”: {len(dien_bien)} of {len(want)} changes"
        assert summary in text_of(app, "#summary")
        # The figures are of what is shown.
        completed = sum(want[i] is ChangeKind.COMPLETED for i in dien_bien)
        assert f"0 All changes {len(dien_bien)} " in kinds_line(app)
        assert f"1 newly completed {completed} " in kinds_line(app)
        await pilot.press("e")
        await settle(app, pilot)
        [path] = app.last_exports
        assert "filtered" in path.name
        assert sorted(ids_written(path)) == dien_bien

        # `/` again selects the filter's text: what is typed replaces it.
        await pilot.press("slash", *"zzz", "enter")
        assert shown_ids(app) == []
        assert "No change matches the filter “zzz”" in text_of(app, "#cursor-line")
        assert f"filter “zzz”: 0 of {len(want)} changes" in text_of(app, "#summary")


# Columns fitted at each size -------------------------------------------------------------


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 45)])
async def test_the_changes_columns_fit(tmp_path: Path, size: tuple[int, int], language) -> None:
    app = app_for(tmp_path, baseline(tmp_path), language=language)
    async with app.run_test(size=size) as pilot:
        await settled(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        table = app.screen.query_one(ChangesTable)
        columns = {column.key: column for column in table.columns}
        # Every column shown fits the table: nothing off to the right.
        assert table.content_width <= table.available_width()
        assert {"change", "title", "now"} <= set(columns)
        assert columns["title"].width >= 16
        # Each state column as wide as its own widest state or its heading, no wider.
        changes = [table.change(key) for key in table.keys]
        for key in ("was", "now"):
            if key not in columns:
                continue
            states = [getattr(change, key) for change in changes]
            widest = max(
                app.colours.state_text(state, language).cell_len for state in states if state
            )
            heading = cell_len(tr("Was" if key == "was" else "Now", language))
            assert columns[key].width == max(widest, heading), key
        if size[0] >= 120:
            assert {"id", "was", "agency"} <= set(columns)


# Question 5 ------------------------------------------------------------------------------


async def test_stop_comparing_on_the_changes_list_leaves_no_row_named(tmp_path: Path) -> None:
    app = app_for(tmp_path, baseline(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("c")
        assert text_of(app, "#cursor-line").strip()  # the first change, named in full
        app.use_baseline(None)
        await settled(app, pilot)
        assert "No baseline" in text_of(app, "#summary")
        assert text_of(app, "#kinds").strip() == ""
        assert text_of(app, "#cursor-line").strip() == ""
