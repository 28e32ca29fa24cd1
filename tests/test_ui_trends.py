"""The trends screen and replay, driven with Pilot over a history recorded in the test:
four quarterly feeds made from the demo (as_of moved back, the later completions opened
again). The figures on screen are held to a computation of their own from those feeds'
tasks, not to the history's counts; replay shows an earlier meeting's figures on the main
screen, says so on the status line and the headline, outlives a live refresh, and `N`
returns to live; with no history or one meeting the screen says how to record one."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openpyxl

from r57tui.feed import Feed, TaskState, load_feed
from r57tui.history import HistoryStore
from r57tui.i18n.collation import sort_key
from r57tui.risk import judge_risk
from r57tui.share import Share
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.headline import Headline
from r57tui.ui.indicator_trends import IndicatorTrendChartScreen, IndicatorTrendTable
from r57tui.ui.main_screen import MainScreen
from r57tui.ui.slide_status import SlideStatus
from r57tui.ui.status import StatusLine
from r57tui.ui.trend_chart_screen import TrendChartScreen
from r57tui.ui.trend_tables import SnapshotTable, TrendTable
from r57tui.ui.trends_screen import AgencyTrendScreen, TrendsScreen
from tests.builders import to_bytes
from tests.pilot import RecordingApp, feed_update, text_of
from tests.test_history_store import demo_doc, quarter
from tests.test_ui_baseline import settled
from tests.test_ui_history import app_for
from tests.test_ui_palette_search import palette

SIZE = (120, 40)
QUARTERS = (
    "2025-01-15T08:00:00+07:00",
    "2025-04-15T08:00:00+07:00",
    "2025-07-15T08:00:00+07:00",
    "2025-10-15T08:00:00+07:00",
)


def quarterly_feeds() -> list[Feed]:
    return [load_feed(to_bytes(quarter(demo_doc(), as_of))) for as_of in QUARTERS]


def record_quarters(path: Path, feeds: list[Feed] | None = None) -> list[Feed]:
    feeds = feeds if feeds is not None else quarterly_feeds()
    store = HistoryStore(path)
    for feed in feeds:
        store.record(feed, "demo")
    return feeds


def tally(tasks: Any) -> tuple[int, int, int, int]:
    """(assigned, completed, on time, overdue) counted from the tasks themselves."""
    states = [task.state for task in tasks]
    done = sum(s in (TaskState.COMPLETED, TaskState.COMPLETED_LATE) for s in states)
    return (
        len(states),
        done,
        states.count(TaskState.ON_TIME),
        states.count(TaskState.OVERDUE),
    )


def percent(part: int, whole: int) -> Decimal:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def en_percent(value: Decimal) -> str:
    return f"{value}%"


def cells(table: Any, key: str) -> list[str]:
    row = table.get_row(key)
    return [getattr(cell, "plain", str(cell)) for cell in row]


async def open_trends(app: RecordingApp, pilot: Any) -> TrendsScreen:
    await settled(app, pilot)
    await pilot.press("T")
    await settled(app, pilot)
    await settled(app, pilot)
    screen = app.screen
    assert isinstance(screen, TrendsScreen)
    return screen


async def test_the_meetings_rows_are_the_feeds_figures(tmp_path: Path) -> None:
    feeds = record_quarters(tmp_path / "h.sqlite3")
    store = HistoryStore(tmp_path / "h.sqlite3")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_trends(app, pilot)
        table = screen.query_one(SnapshotTable)
        entries = store.entries()
        assert table.keys == [str(entry.id) for entry in reversed(entries)]  # newest first
        before: tuple[int, int, int, int] | None = None
        for entry, feed in zip(entries, feeds, strict=True):
            assigned, done, on_time, overdue = tally(feed.tasks)
            row = cells(table, str(entry.id))
            assert row[0] == entry.as_of_date.isoformat()
            assert row[1] == f"{assigned:,}"
            assert row[2] == en_percent(percent(done, assigned))
            assert row[4] == f"{on_time:,}"
            assert row[5] == f"{overdue:,}"
            if before is None:
                assert row[3] == row[6] == ""
            else:
                moved = percent(done, assigned) - percent(before[1], before[0])
                assert row[3] == (f"+{moved}" if moved > 0 else "±0")
                change = overdue - before[3]
                signed = f"+{change}" if change > 0 else f"−{-change}" if change else "±0"
                assert row[6] == signed
            before = (assigned, done, on_time, overdue)


def agency_percents(feeds: list[Feed], agency: str) -> list[Decimal]:
    out = []
    for feed in feeds:
        assigned, done, _, _ = tally(t for t in feed.tasks if t.agency == agency)
        out.append(percent(done, assigned))
    return out


async def test_agencies_sorted_by_movement_and_measured_from_a_chosen_meeting(
    tmp_path: Path,
) -> None:
    feeds = record_quarters(tmp_path / "h.sqlite3")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_trends(app, pilot)
        table = screen.query_one(TrendTable)
        agencies = sorted({task.agency for task in feeds[-1].tasks})
        names = feeds[-1].agencies

        def expected(since: int) -> list[str]:
            moved = {a: agency_percents(feeds, a) for a in agencies}
            by_name = sorted(agencies, key=lambda a: sort_key(names[a].display_name("en")))
            return sorted(by_name, key=lambda a: moved[a][-1] - moved[a][since], reverse=True)

        assert table.keys == expected(0)
        top = table.keys[0]
        first, *_, last = agency_percents(feeds, top)
        row = cells(table, top)
        assert row[2:5] == [en_percent(first), en_percent(last), f"+{last - first}"]
        # m: measured from the meeting before the last ("who improved most since Q3").
        await pilot.press("m")
        assert screen.since == 2
        assert table.keys == expected(2)
        assert "2025-07-15" in str(table.ordered_columns[2].label)
        # s: by the latest value, then by name.
        await pilot.press("s")
        latest = {a: agency_percents(feeds, a)[-1] for a in agencies}
        assert [latest[k] for k in table.keys] == sorted(latest.values(), reverse=True)
        # `/` filters by name, ignoring diacritics.
        await pilot.press("slash", *"khanh hoa", "enter")
        assert table.keys == ["KHANH-HOA"]


async def test_enter_on_an_agency_opens_its_meetings(tmp_path: Path) -> None:
    feeds = record_quarters(tmp_path / "h.sqlite3")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_trends(app, pilot)
        table = screen.query_one(TrendTable)
        key = table.keys[0]
        await pilot.press("enter")
        await settled(app, pilot)
        assert isinstance(app.screen, AgencyTrendScreen)
        rows = app.screen.query_one(SnapshotTable)
        shown = [cells(rows, k)[5] for k in rows.keys]
        overdue = [tally(t for t in f.tasks if t.agency == key)[3] for f in reversed(feeds)]
        assert shown == [str(n) for n in overdue]


async def test_replay_shows_q2_and_n_returns_to_live(tmp_path: Path) -> None:
    feeds = record_quarters(tmp_path / "h.sqlite3")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_trends(app, pilot)
        meetings = screen.query_one(SnapshotTable)
        await pilot.press("tab")
        assert meetings.has_focus
        q2 = HistoryStore(tmp_path / "h.sqlite3").entries()[1]
        meetings.move_to_key(str(q2.id))
        await pilot.press("enter")
        await settled(app, pilot)
        assert isinstance(app.screen, MainScreen)
        overdue = tally(feeds[1].tasks)[3]
        agencies = app.screen.query_one(AgencyTable)
        keys = [str(column.key.value) for column in agencies.ordered_columns]
        hanoi = dict(zip(keys, cells(agencies, "HA-NOI"), strict=True))
        assigned, done, _, hanoi_overdue = tally(t for t in feeds[1].tasks if t.agency == "HA-NOI")
        # The completed count may give way to the at-risk column at this width; the share
        # completed stays, and is worked out here from Q2's own tasks.
        assert hanoi["assigned"].strip() == str(assigned)
        assert hanoi["percent"].strip() == f"{Share(done, assigned).percent()}%"
        assert hanoi["overdue"].strip() == str(hanoi_overdue)
        assert done != tally(t for t in feeds[-1].tasks if t.agency == "HA-NOI")[1]
        headline = text_of(app, "#headline")
        assert "REPLAY: as of 2025-04-15 — recorded meeting, not live" in headline
        assert f"Overdue {overdue}" in " ".join(headline.split())
        status = app.screen.query_one(StatusLine)
        assert "REPLAY: as of 2025-04-15 — recorded meeting, not live" in str(status.content)
        # A live refresh comes in underneath: the replay stays on screen.
        app.apply_update(feed_update(quarter(demo_doc(), "2025-10-16T08:00:00+07:00")))
        await settled(app, pilot)
        assert app.snapshot is not None
        assert app.snapshot.feed.as_of_date.isoformat() == "2025-04-15"
        assert "REPLAY" in text_of(app, "#headline")
        # > the next meeting, < back again.
        await pilot.press("greater_than_sign")
        await settled(app, pilot)
        assert "2025-07-15" in text_of(app, "#headline")
        await pilot.press("less_than_sign")
        await settled(app, pilot)
        assert "2025-04-15" in text_of(app, "#headline")
        await pilot.press("N")
        await settled(app, pilot)
        assert "REPLAY" not in text_of(app, "#headline")
        assert app.snapshot is not None
        assert app.snapshot.feed.as_of_date.isoformat() == "2025-10-16"
        assert app.notices[-1].message == "Back to the live figures."
        assert app.screen.query_one(Headline) is not None


async def test_replay_in_vietnamese_says_it_is_not_live(tmp_path: Path) -> None:
    record_quarters(tmp_path / "h.sqlite3")
    app = app_for(tmp_path, language="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("less_than_sign")  # from live: the meeting before the live figures
        await settled(app, pilot)
        status = str(app.screen.query_one(StatusLine).content)
        words = "XEM LẠI: số liệu đến 15/07/2025 — kỳ họp đã lưu, không phải trực tuyến"
        assert words in status
        # At 80 columns the headline has no room for the way back beside the words: it
        # does not say them a second time under the status line.
        assert "XEM LẠI" not in text_of(app, "#headline")


async def test_no_history_says_how_to_record_one(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_trends(app, pilot)
        assert screen.has_class("-empty")
        words = text_of(app, "#empty")
        assert "No meeting is recorded in the history yet." in words
        assert "Press L" in words
        assert "r57tui snapshot" in words
        assert not screen.query_one(TrendTable).keys
        # No key of a table that is not there: no filter, sort, export or Enter offered.
        offered = {b.binding.action for b in app.active_bindings.values() if b.enabled}
        unoffered = {"filter", "cycle_sort", "measure_from", "export", "drill", "cursor_down"}
        assert offered & unoffered == set()
        assert "back" in offered


async def test_one_meeting_is_not_a_trend(tmp_path: Path) -> None:
    record_quarters(tmp_path / "h.sqlite3", quarterly_feeds()[:1])
    app = app_for(tmp_path, language="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_trends(app, pilot)
        assert screen.has_class("-empty")
        words = " ".join(text_of(app, "#empty").split())
        assert "Lịch sử mới lưu một kỳ họp" in words
        assert "r57tui snapshot" in words


async def test_e_writes_the_trend_table_of_the_screen(tmp_path: Path) -> None:
    feeds = record_quarters(tmp_path / "h.sqlite3")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(app, pilot)
        await pilot.press("e")
        await settled(app, pilot)
        [path] = app.last_exports
    assert path.parent == tmp_path / "exports"
    assert path.name.startswith("r57-trend-")
    book = openpyxl.load_workbook(path)  # the default format
    rows = [row for row in book[book.sheetnames[0]].iter_rows(values_only=True) if row[0]]
    totals = [row for row in rows if row[2] == "Total"]
    assert len(totals) == len(QUARTERS)
    assigned, done, on_time, overdue = tally(feeds[1].tasks)
    assert totals[1][1].date().isoformat() == "2025-04-15"
    assert totals[1][3:5] == (assigned, done)
    assert (totals[1][6], totals[1][7]) == (on_time, overdue)


async def test_l_while_replaying_records_the_live_figures(tmp_path: Path) -> None:
    record_quarters(tmp_path / "h.sqlite3", quarterly_feeds()[:3])
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("less_than_sign")
        await settled(app, pilot)
        assert "REPLAY: as of 2025-07-15" in text_of(app, "#headline")
        await pilot.press("L")
        await settled(app, pilot)
        days = [e.as_of_date.isoformat() for e in HistoryStore(tmp_path / "h.sqlite3").entries()]
        assert days[-1] == "2025-10-15"
        assert len(days) == 4


async def test_a_slide_of_a_replayed_meeting_never_says_live(tmp_path: Path) -> None:
    record_quarters(tmp_path / "h.sqlite3")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("less_than_sign")
        await settled(app, pilot)
        await pilot.press("P")
        await settled(app, pilot)
        line = str(app.screen.query_one(SlideStatus).content)
        assert "REPLAY: as of 2025-07-15 — recorded meeting, not live" in line
        assert "● live" not in line


async def test_a_served_dashboard_has_no_trends_nor_replay(tmp_path: Path) -> None:
    record_quarters(tmp_path / "h.sqlite3")
    app = app_for(tmp_path, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("T", "less_than_sign")
        await settled(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert "REPLAY" not in text_of(app, "#headline")


async def test_the_palette_opens_the_trends_in_vietnamese(tmp_path: Path) -> None:
    record_quarters(tmp_path / "h.sqlite3")
    app = app_for(tmp_path, language="vi")
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        lines = await palette(app, pilot, "xu huong")
        assert lines[0] == "Xu hướng"
        await pilot.press("enter")
        await settled(app, pilot)
        assert isinstance(app.screen, TrendsScreen)
        lines = await palette(app, pilot, "ky hop da luu truoc")
        assert lines[0] == "Kỳ họp đã lưu trước"


async def test_overdue_trajectories_and_the_groups(tmp_path: Path) -> None:
    feeds = record_quarters(tmp_path / "h.sqlite3")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_trends(app, pilot)
        table = screen.query_one(TrendTable)
        await pilot.press("o")  # overdue counts: fewer is better
        overdue = {
            a: [tally(t for t in f.tasks if t.agency == a)[3] for f in feeds]
            for a in {task.agency for task in feeds[-1].tasks}
        }
        moved = [overdue[k][-1] - overdue[k][0] for k in table.keys]
        assert moved == sorted(moved)  # the biggest fall first
        assert max(moved) > 0  # some got worse: the order is not trivially flat
        top = table.keys[0]
        assert cells(table, top)[2:4] == [str(overdue[top][0]), str(overdue[top][-1])]
        # ] ] ]: the localities' tab, as the main screen orders the groups.
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        kinds = {feeds[-1].agencies[k].kind.value for k in table.keys}
        assert kinds == {"locality"}
        assert len(table.keys) == sum(
            1 for a in overdue if feeds[-1].agencies[a].kind.value == "locality"
        )


async def test_a_meeting_recorded_meanwhile_shows_in_the_trends(tmp_path: Path) -> None:
    record_quarters(tmp_path / "h.sqlite3", quarterly_feeds()[:2])
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_trends(app, pilot)
        assert len(screen.query_one(SnapshotTable).keys) == 2
        await pilot.press("escape", "L")
        await settled(app, pilot)
        await pilot.press("T")
        await settled(app, pilot)
        assert len(app.screen.query_one(SnapshotTable).keys) == 3


async def test_the_meeting_replayed_is_marked_in_the_trends(tmp_path: Path) -> None:
    record_quarters(tmp_path / "h.sqlite3")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("less_than_sign", "less_than_sign")
        await settled(app, pilot)
        screen = await open_trends(app, pilot)
        table = screen.query_one(SnapshotTable)
        marked = [cells(table, key)[0] for key in table.keys if cells(table, key)[0][0] == "▶"]
        assert marked == ["▶ 2025-04-15"]


async def test_the_status_line_says_a_meeting_is_being_read(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        app.replay._loading = True  # a national feed's snapshot takes seconds to read
        app.render_status()
        line = str(app.screen.query_one(StatusLine).content)
        assert "⟳ reading the recorded meeting…" in line
        app.replay._loading = False
        app.render_status()
        assert "reading" not in str(app.screen.query_one(StatusLine).content)


async def test_a_replayed_meeting_is_compared_only_with_an_earlier_one(tmp_path: Path) -> None:
    """Comparing with Q3 while Q2 is replayed would say Q2 "fell since Q3": a baseline
    not earlier than the meeting replayed is left out; an earlier one is kept. The
    replayed figures judge at risk with the settings' horizon, as live ones do."""
    record_quarters(tmp_path / "h.sqlite3")
    app = app_for(tmp_path)
    app.settings.at_risk_days = 0
    q2, q3, q4 = HistoryStore(tmp_path / "h.sqlite3").entries()[1:]
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        app.use_baseline(q3.as_of_value.strftime("%Y-%m-%d"))
        await settled(app, pilot)
        assert app.baseline is not None
        app.replay_entry(q2)
        await settled(app, pilot)
        assert app.snapshot is not None
        assert app.snapshot.feed.as_of < app.baseline.feed.as_of
        assert app.snapshot.comparison is None
        assert app.snapshot.rollup.at_risk_days == 0
        app.replay_entry(q4)
        await settled(app, pilot)
        assert app.snapshot.comparison is not None
        assert app.snapshot.comparison.baseline is app.baseline


async def test_the_trends_say_what_became_of_the_last_meetings_warning(tmp_path: Path) -> None:
    """Q3's tasks at risk (judged here with the rule, against Q3's own as-of) and what the
    live figures say of each now, counted here; the screen's sentence says the same."""
    feeds = record_quarters(tmp_path / "h.sqlite3")
    q3 = feeds[2]
    flagged = [t for t in q3.tasks if judge_risk(t, q3.as_of_date, 30) is not None]
    assert flagged  # the recorded Q3 has tasks at risk
    app = app_for(tmp_path, language="vi")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_trends(app, pilot)
        await settled(app, pilot)
        assert app.snapshot is not None
        now = {t.id: t.state for t in app.snapshot.feed.tasks}
        overdue = sum(now.get(t.id) is TaskState.OVERDUE for t in flagged)
        done = sum(
            now.get(t.id) in (TaskState.COMPLETED, TaskState.COMPLETED_LATE) for t in flagged
        )
        on_time = sum(now.get(t.id) is TaskState.ON_TIME for t in flagged)
        said = text_of(app, "#warning")
        assert screen.warning is not None
        assert (
            said.split()
            == (
                f"Cảnh báo sớm tại kỳ họp 15/07/2025: {len(flagged)} nhiệm vụ có nguy cơ quá hạn; "
                f"đến nay {overdue} nhiệm vụ đã quá hạn, {done} nhiệm vụ đã hoàn thành, "
                f"{on_time} nhiệm vụ vẫn trong hạn."
            ).split()
        )
        # Across Q1–Q3, counted here from the feeds: each task at its first flag, and
        # overdue at a later quarter or in the live figures.
        later = [*feeds[1:3], app.snapshot.feed]
        first: dict[str, tuple[int, str]] = {}
        for index, feed in enumerate(feeds[:3]):
            for t in feed.tasks:
                if judge_risk(t, feed.as_of_date, 30) is not None:
                    first.setdefault(t.id, (index, t.agency))
        late = {
            task_id
            for task_id, (index, _) in first.items()
            if any(
                t.id == task_id and t.state is TaskState.OVERDUE
                for feed in later[index:]
                for t in feed.tasks
            )
        }
        expected = (
            f"Cảnh báo sớm tại 3 kỳ họp (15/01/2025–15/07/2025): {len(first)} nhiệm vụ có "
            f"nguy cơ quá hạn; đến 15/10/2025 đã có {len(late)} nhiệm vụ quá hạn"
        ).split()
        assert text_of(app, "#warnings").split()[: len(expected)] == expected
        table = screen.query_one(TrendTable)
        warned = {agency for _, agency in first.values()}
        for agency in warned:
            mine = [task_id for task_id, (_, a) in first.items() if a == agency]
            borne = sum(task_id in late for task_id in mine)
            assert cells(table, agency)[-1] == f"{borne}/{len(mine)}"
        unwarned = [key for key in table.keys if key not in warned]
        assert unwarned
        assert all(cells(table, key)[-1] == "–" for key in unwarned)


async def test_v_draws_the_trend_as_lines_of_the_meetings_figures(tmp_path: Path) -> None:
    """The whole feed's share completed and overdue count at each recorded meeting, as
    the points' figures over two lines; an agency's from its own rows; Escape goes back."""
    feeds = record_quarters(tmp_path / "h.sqlite3")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_trends(app, pilot)
        await pilot.press("v")
        await settled(app, pilot)
        assert isinstance(app.screen, TrendChartScreen)
        completed = text_of(app, "#completed-chart")
        overdue = text_of(app, "#overdue-chart")
        for feed in feeds:
            assigned, done, _, late = tally(feed.tasks)
            share = (Decimal(done) * 100 / assigned).quantize(Decimal("0.1"), ROUND_HALF_UP)
            assert f"{share}%" in completed
            assert str(late) in overdue.split()
        assert "2025-04-15" in completed  # each point labelled with its meeting
        await pilot.press("escape")
        assert app.screen is screen
        # One agency's: Enter on its row, then v.
        table = screen.query_one(TrendTable)
        table.focus()
        table.move_to_key("HA-NOI")
        await pilot.press("enter", "v")
        await settled(app, pilot)
        assert isinstance(app.screen, TrendChartScreen)
        assert app.screen.subject == "Hanoi"
        late_in_hanoi = [tally(t for t in f.tasks if t.agency == "HA-NOI")[3] for f in feeds]
        drawn = text_of(app, "#overdue-chart").split()
        assert all(str(count) in drawn for count in late_in_hanoi)
        # The indicators (i): each against the target its meetings recorded; v draws one.
        await pilot.press("escape", "escape")
        assert app.screen is screen
        await pilot.press("i")
        await settled(app, pilot)
        indicators = screen.query_one(IndicatorTrendTable)
        assert indicators.has_focus
        assert indicators.keys == [item.id for item in feeds[-1].indicators]
        assert cells(indicators, "adult-digital-signature")[2:] == ["36.11%", "≥50%", "○ off"]
        assert cells(indicators, "gdp-contribution")[3:] == ["–", "· –"]
        assert "sorted by" not in text_of(app, "#agencies-title")
        indicators.move_to_key("adult-digital-signature")
        await pilot.press("v")
        await settled(app, pilot)
        assert isinstance(app.screen, IndicatorTrendChartScreen)
        drawn = text_of(app, "#indicator-trend-chart")
        assert all(feed.as_of_date.isoformat() in drawn for feed in feeds)
        assert drawn.count("36.11%") == 5  # a value over each meeting's point, and the words
        assert "target ≥50%" in drawn
