"""Since the last meeting and due soon, on screen: the headline's Since line, the agencies'
change columns, the changes screen (c), the baseline picker (B), and the due-soon panel,
key (d) and filter (4). Driven with Pilot against the demo feed."""

from __future__ import annotations

import csv
import io
import os
import re
import time
from pathlib import Path

from textual.widgets import OptionList

from r57tui.baseline import ChangeKind
from r57tui.commands.sources import open_source
from r57tui.config import ExportSettings, Settings
from r57tui.demo import demo_feed_path
from r57tui.feed import Feed, load_feed
from r57tui.i18n import strings
from r57tui.rollup import Counts, Rollup, roll_up
from r57tui.sources import NewFeed
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.app import R57App
from r57tui.ui.baseline_picker import BaselinePicker
from r57tui.ui.changes_screen import ChangesScreen, ChangesTable
from r57tui.ui.due_soon import DueSoonTable
from r57tui.ui.task_screen import TaskScreen
from r57tui.ui.task_table import TaskTable
from r57tui.ui.tasks_screen import TasksScreen
from r57tui.views import Scope, StateFilter
from tests.builders import to_bytes
from tests.pilot import RecordingApp, settle, text_of
from tests.test_baseline import demo_doc, expected_kinds, meeting_baseline_doc

SIZE = (140, 45)
CHANGE_COLUMNS = ["since_completed", "since_overdue"]


# Helpers ------------------------------------------------------------------------------


def write(path: Path, document: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(to_bytes(document))
    return path


def app_for(tmp_path: Path, baseline: Path | None = None, language: str = "en") -> R57App:
    settings = Settings(
        language=language, export=ExportSettings(folder=tmp_path / "exports", format="csv")
    )
    return RecordingApp(settings, open_source(None), baseline=baseline)


def figures(baseline: Path) -> tuple[Feed, Rollup, Feed, Rollup]:
    """Today's demo and the baseline, each rolled up here, apart from the app."""
    feed = load_feed(demo_feed_path().read_bytes())
    before = load_feed(baseline.read_bytes())
    return feed, roll_up(feed), before, roll_up(before)


def signed(delta: int, thousands: str = ",") -> str:
    if delta == 0:
        return "±0"
    return ("+" if delta > 0 else "\u2212") + f"{abs(delta):,}".replace(",", thousands)


def since_line(app: R57App) -> str | None:
    lines = [line for line in text_of(app, "#headline").splitlines() if ":" in line]
    found = [line.strip() for line in lines if line.startswith(("Since ", "Từ "))]
    return found[0] if found else None


def column_keys(table: AgencyTable) -> list[str]:
    return [str(key.value) for key in table.columns]


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))


def notifications(app: R57App) -> list:
    return list(app.notices)


def change_columns_shown(app: R57App) -> bool:
    shown = set(column_keys(app.screen.query_one(AgencyTable)))
    assert shown & set(CHANGE_COLUMNS) in (set(), set(CHANGE_COLUMNS))
    return bool(shown & set(CHANGE_COLUMNS))


async def choose(app: R57App, pilot, index: int) -> None:
    """Pick the picker's option `index` with Enter, and wait for the baseline to load."""
    app.screen.query_one(OptionList).highlighted = index
    await pilot.press("enter")
    await settled(app, pilot)


async def settled(app: R57App, pilot) -> None:
    # The feed and the baseline are read in threads; the second may call back the first.
    await settle(app, pilot)
    await settle(app, pilot)


# The Since line and the change columns ------------------------------------------------


async def test_since_line_and_change_columns_show_the_differences(tmp_path: Path) -> None:
    base = write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))
    _, now, _, before = figures(base)
    app = app_for(tmp_path, base)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        assert app.baseline is not None
        assert app.baseline.label == "base.json"
        assert app.snapshot.comparison is not None
        t, b = now.total, before.total
        want = (
            f"Since 2025-10-01: {signed(t.assigned - b.assigned)} assigned · "
            f"{signed(t.completed - b.completed)} completed · "
            f"{signed(t.on_time - b.on_time)} on time · "
            f"{signed(t.overdue - b.overdue)} overdue"
        )
        line = since_line(app)
        assert line is not None
        assert line.startswith(want), (line, want)
        assert "(c: the tasks that changed)" in line
        assert "+2 assigned" in line  # three new tasks, one gone
        assert "\u221218 on time" in line  # a real minus sign

        table = app.screen.query_one(AgencyTable)
        labels = {str(key.value): str(c.label) for key, c in table.columns.items()}
        assert {key: labels.get(key) for key in CHANGE_COLUMNS} == {
            "since_completed": "± Completed",
            "since_overdue": "± Overdue",
        }
        empty = Counts()
        nonzero = 0
        for agency in table.keys:
            after, earlier = now.by_agency[agency], before.by_agency.get(agency, empty)
            done = table.get_cell(agency, "since_completed").plain
            late = table.get_cell(agency, "since_overdue").plain
            assert done == signed(after.completed - earlier.completed), agency
            assert late == signed(after.overdue - earlier.overdue), agency
            nonzero += done != "±0"
        assert nonzero > 5

        # A group's Since line is that group's change.
        await pilot.press("right_square_bracket")  # ministries
        m_now, m_before = now.by_kind["ministry"], before.by_kind["ministry"]
        line = since_line(app)
        assert line is not None
        assert f"{signed(m_now.completed - m_before.completed)} completed" in line
        assert f"{signed(m_now.overdue - m_before.overdue)} overdue" in line
        assert line != want


# The changes screen -------------------------------------------------------------------


async def test_changes_screen_lists_filters_and_opens_the_changed_tasks(tmp_path: Path) -> None:
    base = write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))
    feed, _, before, _ = figures(base)
    want = expected_kinds(before, feed)
    app = app_for(tmp_path, base)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("c")
        assert isinstance(app.screen, ChangesScreen)
        table = app.screen.query_one(ChangesTable)
        assert table.row_count == len(app.snapshot.comparison.tasks) == len(want)
        summary = f"Changes since 2025-10-01 (base.json) — All agencies: {len(want)} changes"
        assert summary in text_of(app, "#summary")
        overdue = [i for i, kind in want.items() if kind is ChangeKind.OVERDUE]
        assert f"2 newly overdue {len(overdue)}" in text_of(app, "#kinds")

        await pilot.press("2")
        assert table.row_count == len(overdue) > 0
        shown = [table.change(key) for key in table.keys]
        assert {c.task.id for c in shown} == set(overdue)
        assert all(c.kind is ChangeKind.OVERDUE for c in shown)
        first = table.current_key()
        await pilot.press("enter")
        assert isinstance(app.screen, TaskScreen)
        assert app.screen.task_id == table.change(first).task.id
        assert app.screen.task_id in text_of(app, "#detail")
        await pilot.press("escape")
        assert isinstance(app.screen, ChangesScreen)
        assert table.row_count == len(overdue)  # the filter stayed

        await pilot.press("4")  # removed
        assert [table.change(key).task.id for key in table.keys] == ["T-GONE"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)
        assert any("Removed since the baseline" in n.message for n in notifications(app)), (
            notifications(app)
        )

        await pilot.press("3")  # new
        assert table.row_count == 3
        await pilot.press("0")
        assert table.row_count == len(want)
        await pilot.press("escape")
        assert not isinstance(app.screen, ChangesScreen)


async def test_e_on_the_changes_screen_writes_the_changes(tmp_path: Path) -> None:
    base = write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))
    feed, _, before, _ = figures(base)
    want = expected_kinds(before, feed)
    app = app_for(tmp_path, base)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("c", "e")
        await settle(app, pilot)
        [path] = app.last_exports
        assert path.parent == tmp_path / "exports"
        assert path.name.startswith("r57-changes-")
        rows = read_csv(path)
        assert rows[0][:3] == ["No.", "Change", "Id"]
        assert sorted(row[2] for row in rows[1:]) == sorted(want)


async def test_e_on_a_filtered_changes_screen_writes_the_rows_shown(tmp_path: Path) -> None:
    """`e` writes the table in view, as shown (as on the task lists): with `2` pressed,
    the newly overdue tasks only."""
    base = write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))
    app = app_for(tmp_path, base)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("c", "2")
        table = app.screen.query_one(ChangesTable)
        on_screen = [table.change(key).task.id for key in table.keys]
        await pilot.press("e")
        await settle(app, pilot)
        [path] = app.last_exports
        rows = read_csv(path)
        assert [row[2] for row in rows[1:]] == on_screen


# The baseline picker ------------------------------------------------------------------


async def test_b_picks_a_snapshot_newest_first_and_stops_comparing(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    older = write(folder / "older.json", meeting_baseline_doc(demo_doc()))
    newer_doc = meeting_baseline_doc(demo_doc())
    newer_doc["as_of"] = "2025-10-08T08:00:00+07:00"
    newer = write(folder / "newer.json", newer_doc)
    write(folder / "notes.txt", {"not": "listed"})
    now = time.time()
    os.utime(older, (now - 7200, now - 7200))
    os.utime(newer, (now - 60, now - 60))
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        assert app.baseline is None
        assert since_line(app) is None
        assert not change_columns_shown(app)

        await pilot.press("B")
        assert isinstance(app.screen, BaselinePicker)
        assert app.screen.paths == [newer, older]
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(2)]
        assert prompts[0].endswith("newer.json")
        assert prompts[1].endswith("older.json")
        await pilot.press("escape")  # cancel: nothing changes
        await settled(app, pilot)
        assert not isinstance(app.screen, BaselinePicker)
        assert app.baseline is None

        await pilot.press("B")
        await choose(app, pilot, 0)
        assert app.baseline is not None
        assert app.baseline.label == "newer.json"
        assert app.snapshot.comparison is not None
        assert app.snapshot.comparison.baseline is app.baseline
        assert (since_line(app) or "").startswith("Since 2025-10-08: ")
        assert change_columns_shown(app)

        await pilot.press("B")
        options = app.screen.query_one(OptionList)
        assert options.option_count == 3
        assert str(options.get_option_at_index(0).prompt) == "Stop comparing (newer.json)"
        await choose(app, pilot, 0)
        assert app.baseline is None
        assert app.snapshot.comparison is None
        assert since_line(app) is None
        assert not change_columns_shown(app)


async def test_a_bad_baseline_is_said_and_the_dashboard_runs_on(tmp_path: Path) -> None:
    bad = tmp_path / "exports" / "bad.json"
    bad.parent.mkdir()
    bad.write_text("this is not JSON\n")
    app = app_for(tmp_path, bad)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        errors = [n for n in notifications(app) if n.severity == "error"]
        assert len(errors) == 1
        assert errors[0].title == "Baseline not used"
        assert errors[0].message.startswith("baseline bad.json: ")
        assert "\n" not in errors[0].message
        assert app.is_running
        assert app.baseline is None
        assert app.snapshot is not None
        assert app.snapshot.comparison is None
        assert since_line(app) is None
        assert "1,132 assigned" in text_of(app, "#headline")
        assert not change_columns_shown(app)
        await pilot.press("c")
        assert isinstance(app.screen, ChangesScreen)
        assert "No baseline" in text_of(app, "#summary")
        assert app.screen.query_one(ChangesTable).row_count == 0
        await pilot.press("escape")

        # A good one picked with B, then the bad one: the good comparison stays.
        good = write(tmp_path / "exports" / "good.json", meeting_baseline_doc(demo_doc()))
        os.utime(good, (time.time() + 60, time.time() + 60))  # newest: listed first
        await pilot.press("B")
        assert app.screen.paths[0] == good
        await choose(app, pilot, 0)
        assert app.baseline is not None
        assert app.baseline.label == "good.json"
        await pilot.press("B")
        await choose(app, pilot, 1 + app.screen.paths.index(bad))  # after "Stop comparing"
        assert len([n for n in notifications(app) if n.severity == "error"]) == 2
        assert app.baseline is not None
        assert app.baseline.label == "good.json"
        assert app.snapshot.comparison is not None
        assert app.is_running


async def test_stop_comparing_while_a_refresh_is_being_prepared(tmp_path: Path) -> None:
    """A new feed's snapshot is made in a thread (`next_snapshot`) while the screen stays
    live: stopping the comparison meanwhile must not be undone when it lands."""
    base = write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))
    app = app_for(tmp_path, base)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        assert app.snapshot.comparison is not None
        moved = demo_doc()
        moved["tasks"].pop(0)
        feed = load_feed(to_bytes(moved))
        prepared = app.live.next_snapshot(feed)  # what the refresh thread makes
        app.use_baseline(None)  # "Stop comparing" chosen before it lands
        app.apply_update(NewFeed(feed, 0), prepared)
        await pilot.pause()
        assert app.baseline is None
        assert app.snapshot.comparison is None
        assert since_line(app) is None


async def test_a_baseline_picked_while_a_refresh_is_being_prepared_is_kept(tmp_path) -> None:
    """The other way round (and at start, when --baseline loads beside the first feed): a
    baseline that arrives while a new snapshot is made must not be lost when it lands."""
    base = write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        assert app.snapshot.comparison is None
        moved = demo_doc()
        moved["tasks"].pop(0)
        feed = load_feed(to_bytes(moved))
        prepared = app.live.next_snapshot(feed)  # made before the baseline is in
        app.use_baseline(base)
        await settled(app, pilot)
        assert app.snapshot.comparison is not None  # on the snapshot shown meanwhile
        app.apply_update(NewFeed(feed, 0), prepared)
        await pilot.pause()
        assert app.baseline is not None
        assert app.snapshot.feed is feed
        assert app.snapshot.comparison is not None
        assert since_line(app) is not None


# Due soon -----------------------------------------------------------------------------


def due_soon_figures(table: DueSoonTable, key: str) -> tuple[int, str]:
    """A due-soon row's count and next deadline as drawn: in the Tasks and Next due
    columns of a wide panel, or in words under the name in a narrow one."""
    cells = [cell.plain for cell in table.get_row(key)]
    if len(cells) == 3:
        return int(cells[1]), cells[2]
    found = re.search(r"(\d[\d,]*) tasks? · (due today|due in (\d+) days?)", cells[0])
    assert found, cells[0]
    days = found.group(3)
    return int(found.group(1).replace(",", "")), "today" if days is None else f"{days} d left"


async def test_due_soon_panel_counts_and_title(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        rollup = app.snapshot.rollup
        due_soon = rollup.due_soon
        assert len(due_soon) > 0
        table = app.screen.query_one(DueSoonTable)
        counts = {key: due_soon_figures(table, key)[0] for key in table.keys}
        assert sum(counts.values()) == len(due_soon)
        by_agency: dict[str, int] = {}
        for t in due_soon:
            by_agency[t.agency] = by_agency.get(t.agency, 0) + 1
        assert counts == by_agency
        shown = [counts[key] for key in table.keys]
        assert shown == sorted(shown, reverse=True)  # most first
        title = text_of(app, "#due-soon-title")
        assert f"Due within 14 days: {len(due_soon):,} open tasks" in title
        # The first agency's row says how soon its earliest deadline is.
        first = table.keys[0]
        days = min((t.deadline - rollup.as_of).days for t in due_soon if t.agency == first)
        soonest = due_soon_figures(table, first)[1]
        assert soonest == ("today" if days == 0 else f"{days} d left"), soonest


async def test_d_and_4_show_exactly_the_due_soon_tasks(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        feed, rollup = app.snapshot.feed, app.snapshot.rollup
        due_soon = {t.id for t in rollup.due_soon}

        await pilot.press("a")
        assert isinstance(app.screen, TasksScreen)
        tasks = app.screen.query_one(TaskTable)
        assert tasks.row_count == len(feed.tasks)
        await pilot.press("4")
        assert app.screen.state is StateFilter.DUE_SOON
        assert set(tasks.keys) == due_soon
        assert tasks.row_count == len(due_soon)
        assert f"4 Due soon {len(due_soon)}" in text_of(app, "#states")
        await pilot.press("0")
        assert tasks.row_count == len(feed.tasks)
        await pilot.press("escape")

        await pilot.press("d")
        assert isinstance(app.screen, TasksScreen)
        assert app.screen.state is StateFilter.DUE_SOON
        shown = app.screen.query_one(TaskTable)
        assert set(shown.keys) == due_soon
        assert shown.row_count == len(due_soon)
        await pilot.press("escape")

        # A group's `d`: that group's due-soon tasks.
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert app.screen.group == "locality"
        await pilot.press("d")
        scope = Scope.group("locality")
        want = {t.id for t in rollup.due_soon if scope.admits(feed, t)}
        assert 0 < len(want) < len(due_soon)
        assert app.screen.scope == scope
        assert set(app.screen.query_one(TaskTable).keys) == want


async def test_enter_on_a_due_soon_row_opens_that_agencys_due_soon_tasks(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        rollup = app.snapshot.rollup
        await pilot.press("tab", "tab")  # agencies -> indicators -> due soon
        panel = app.screen.query_one(DueSoonTable)
        assert panel.has_focus
        for row in (0, 1):
            agency = panel.keys[row]
            assert panel.current_key() == agency
            await pilot.press("enter")
            assert isinstance(app.screen, TasksScreen)
            assert app.screen.scope == Scope.agency(agency)
            assert app.screen.state is StateFilter.DUE_SOON
            want = {t.id for t in rollup.due_soon if t.agency == agency}
            assert set(app.screen.query_one(TaskTable).keys) == want
            await pilot.press("escape")
            assert panel.has_focus
            await pilot.press("down")


# Vietnamese ---------------------------------------------------------------------------


def vi_missing() -> set[str]:
    return {text for language, text in strings.missing() if language == "vi"}


async def test_vietnamese_since_line_columns_and_no_catalogue_miss(tmp_path: Path) -> None:
    # A baseline of only the first hundred tasks: the figures moved by over a thousand.
    small = demo_doc()
    small["tasks"] = small["tasks"][:100]
    small["tasks"].append({"id": "T-GONE", "title": "Gone", "agency": "HA-NOI"})
    base = write(tmp_path / "exports" / "first-hundred.json", small)
    _, now, _, before = figures(base)
    missed_before = vi_missing()
    app = app_for(tmp_path, base, language="vi")
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        t, b = now.total, before.total
        assert t.assigned - b.assigned == 1031
        line = since_line(app)
        assert line is not None
        assert (
            f"{signed(t.assigned - b.assigned, '.')} nhiệm vụ · "
            f"{signed(t.completed - b.completed, '.')} hoàn thành · "
            f"{signed(t.on_time - b.on_time, '.')} trong hạn · "
            f"{signed(t.overdue - b.overdue, '.')} quá hạn"
        ) in line
        assert "+1.031 nhiệm vụ" in line
        assert line.startswith("Từ ")
        assert "c: các nhiệm vụ đã thay đổi" in line
        table = app.screen.query_one(AgencyTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert "± Hoàn thành" in labels
        assert "± Quá hạn" in labels
        # Every new screen and key, in Vietnamese.
        await pilot.press("c", "3", "enter")
        assert isinstance(app.screen, TaskScreen)
        await pilot.press("escape", "4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)
        messages = [n.message for n in notifications(app)]
        assert "Đã bỏ so với mốc: không còn trong số liệu hôm nay." in messages, messages
        await pilot.press("1", "2", "5", "0", "e")
        await settle(app, pilot)
        assert "Thay đổi từ 15/10/2025 (first-hundred.json) — Tất cả cơ quan: " in text_of(
            app, "#summary"
        )
        assert "mới hoàn thành" in text_of(app, "#kinds")
        await pilot.press("escape", "B")
        assert isinstance(app.screen, BaselinePicker)
        options = app.screen.query_one(OptionList)
        assert str(options.get_option_at_index(0).prompt).startswith("Thôi so sánh")
        await pilot.press("escape", "d", "escape", "a", "4", "escape")
        assert "Đến hạn trong 14 ngày" in text_of(app, "#due-soon-title")
        [path] = app.last_exports
        assert read_csv(path)[0][:2] == ["STT", "Thay đổi"]
    assert vi_missing() - missed_before == set()


async def test_vietnamese_since_line_writes_the_date_in_vietnamese_order(tmp_path) -> None:
    """Dates on a Vietnamese screen read day/month/year (as the status line's 15/10/2025)."""
    base = write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))
    app = app_for(tmp_path, base, language="vi")
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        assert "15/10/2025" in text_of(app, "#status")
        assert app.baseline is not None
        assert app.snapshot.comparison is not None
        line = since_line(app)
        assert line is not None, text_of(app, "#headline")
        assert line.startswith("Từ 01/10/2025: "), line


async def test_a_read_only_dashboard_compares_but_offers_no_picker(tmp_path: Path) -> None:
    # A served dashboard must not let any viewer list the secretariat's export folder; a
    # baseline given on the command line still applies.
    write(tmp_path / "exports" / "earlier.json", meeting_baseline_doc(demo_doc()))
    baseline = write(tmp_path / "given.json", meeting_baseline_doc(demo_doc()))
    app = app_for(tmp_path, baseline)
    app.read_only = True
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        assert app.snapshot is not None
        assert app.snapshot.comparison is not None
        assert since_line(app) is not None
        await pilot.press("B")
        await pilot.pause()
        assert not isinstance(app.screen, BaselinePicker)
        app.action_pick_baseline()
        await pilot.pause()
        assert not isinstance(app.screen, BaselinePicker)
