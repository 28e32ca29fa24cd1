"""Charts in the terminal: `v` on the agencies table opens the chart of what it shows
(its group, its filter), ranked by overdue count or rate (`s`), or each group's tasks by
state (`v`); every bar's figure equals the roll-up counted here from the feed's tasks,
every name is whole at 80×24 in Vietnamese and English, Escape goes back to the same
row, `e` writes the table pictured, the help lists the keys; `v` on an indicator draws
its history as a line against the target."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from rich.cells import cell_len

from r57tui.config import ExportSettings
from r57tui.demo import demo_feed_path
from r57tui.feed import TaskState, load_feed
from r57tui.groups import AGENCY_GROUPS
from r57tui.i18n.numbers import format_int, format_percent
from r57tui.i18n.strings import tr
from r57tui.rollup import Bucket, Counts, Share
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.bar_chart import Bar
from r57tui.ui.chart_screen import ChartScreen
from r57tui.ui.help_screen import HelpScreen
from r57tui.ui.indicator_screen import IndicatorScreen
from r57tui.ui.line_chart import DOT, levels, line_chart
from r57tui.ui.main_screen import MainScreen
from r57tui.ui.marks import ThemeColours
from r57tui.ui.rank_chart import bar_cells, split_cells, wrap_name
from r57tui.views.indicators import history_points
from tests.language_walk import screen_text
from tests.pilot import demo_app, settle, text_of
from tests.test_ui_export import read_csv, wait_exported

DEMO = load_feed(demo_feed_path().read_bytes())
BAR_CHARS = "█▏▎▍▌▋▊▉"
# `  3. Bộ Y tế      ! ████▏ 6`: rank, name, the overdue symbol, the bar, the figure.
BAR_LINE = re.compile(rf"^ *(\d+)\. (.*?) +! (?:[{BAR_CHARS}]+ )?(\S.*)$")


def tally() -> dict[str, Counts]:
    """Each lead agency's tasks by state, counted here from the feed's tasks."""
    counted: dict[str, Counter[TaskState]] = {}
    for task in DEMO.tasks:
        counted.setdefault(task.agency, Counter())[task.state] += 1
    return {
        agency: Counts(
            c[TaskState.COMPLETED],
            c[TaskState.COMPLETED_LATE],
            c[TaskState.ON_TIME],
            c[TaskState.OVERDUE],
        )
        for agency, c in counted.items()
    }


def bars(text: str) -> list[tuple[str, str]]:
    """(name, figure) of each bar in the chart's text, a wrapped name joined again."""
    found: list[tuple[str, str]] = []
    for line in text.splitlines():
        match = BAR_LINE.match(line)
        if match:
            found.append((match.group(2).strip(), match.group(3).strip()))
        elif found and line.strip() and not line.lstrip().startswith("!"):
            name, figure = found[-1]
            found[-1] = (f"{name} {line.strip()}", figure)
    return found


def chart_width(app) -> int:  # type: ignore[no-untyped-def]
    return app.screen.query_one("#chart").content_region.width


def assert_fits(app, text: str) -> None:  # type: ignore[no-untyped-def]
    """No line wider than the room it is drawn in: nothing is clipped by the screen."""
    room = chart_width(app)
    assert max(cell_len(line) for line in text.splitlines()) <= room


# Ranked bars ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["vi", "en"])
async def test_ranked_bars_equal_the_rollup_with_every_name_whole_at_80x24(language: str) -> None:
    counts = tally()
    app = demo_app(language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(AgencyTable)
        await pilot.press("v")
        await settle(app, pilot)
        assert isinstance(app.screen, ChartScreen)
        text = text_of(app, "#chart")
        assert_fits(app, text)
        drawn = bars(text)
        # Every agency of the table, in its order (most overdue first), named whole.
        expected = [DEMO.agencies[key] for key in table.keys]
        assert [name for name, _ in drawn] == [a.display_name(language) for a in expected]
        assert [figure for _, figure in drawn] == [
            format_int(counts[a.id].overdue, language) for a in expected
        ]
        overdue = [counts[a.id].overdue for a in expected]
        assert overdue == sorted(overdue, reverse=True)
        assert overdue[0] > 0
        # What is on the screen: the title in the interface's language, no name cut.
        shown = screen_text(app)
        assert tr("Overdue tasks by agency", language) in shown
        assert "…" not in text


async def test_s_ranks_by_overdue_rate_and_back() -> None:
    counts = tally()
    app = demo_app(language="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("v", "s")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ChartScreen)
        assert screen.measure == "overdue_rate"
        text = text_of(app, "#chart")
        assert_fits(app, text)
        drawn = bars(text)
        ids = [row.key for row in screen.shown]
        assert len(drawn) == len(ids) > 0
        rates = []
        for (name, figure), key in zip(drawn, ids, strict=True):
            c = counts[key]
            assert name == DEMO.agencies[key].display_name("vi")
            rate = format_percent(Share(c.overdue, c.assigned).percent(0), 0, "vi")
            assert figure == f"{rate} ({c.overdue}/{c.assigned})"
            rates.append(c.overdue / c.assigned)
        assert rates == sorted(rates, reverse=True)
        assert tr("Overdue rate by agency", "vi") in screen_text(app)
        await pilot.press("s")
        await settle(app, pilot)
        assert screen.measure == "overdue"
        figures = [figure for _, figure in bars(text_of(app, "#chart"))]
        assert figures[0] == str(max(c.overdue for c in counts.values()))


async def test_the_chart_pictures_the_group_and_filter_in_view() -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        # Localities, filtered to those with "a" starting a word.
        await pilot.press(*["right_square_bracket"] * 3, "slash", "a", "enter")
        await settle(app, pilot)
        on_screen = app.screen.query_one(AgencyTable).keys
        localities = AGENCY_GROUPS["locality"]
        assert localities is not None
        assert 0 < len(on_screen) < sum(DEMO.agencies[k].kind in localities for k in tally())
        await pilot.press("v")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ChartScreen)
        assert [row.key for row in screen.shown] == on_screen
        names = [name for name, _ in bars(text_of(app, "#chart"))]
        assert names == [DEMO.agencies[key].display_name("vi") for key in on_screen]
        title = text_of(app, "#chart-title")
        assert tr("Localities", "vi") in title
        assert "“a”" in title


async def test_a_filter_that_hides_every_agency_says_so_on_the_chart() -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "z", "z", "q", "enter", "v")
        await settle(app, pilot)
        assert isinstance(app.screen, ChartScreen)
        assert text_of(app, "#chart").strip() == tr("No agency to chart.", "vi")


async def test_escape_goes_back_to_the_same_row() -> None:
    app = demo_app(language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(AgencyTable)
        await pilot.press("down", "down", "down", "down")
        row = table.current_key()
        assert row == table.keys[4]
        await pilot.press("v")
        await settle(app, pilot)
        assert isinstance(app.screen, ChartScreen)
        await pilot.press("v", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(AgencyTable).current_key() == row


async def test_e_writes_the_table_the_chart_pictures(tmp_path: Path) -> None:
    app = demo_app(export=ExportSettings(folder=tmp_path, format="csv"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("v", "s")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ChartScreen)
        await pilot.press("e")
        [path] = await wait_exported(app, pilot)
        rows = read_csv(path)
        header, body = rows[0], rows[1:-1]
        # In the chart's order (by overdue rate), each row's overdue as the bar's.
        assert [row[header.index("Id")] for row in body] == [row.key for row in screen.shown]
        overdue = header.index("Overdue")
        assert [int(row[overdue]) for row in body] == [row.counts.overdue for row in screen.shown]


async def test_the_owners_tab_offers_no_chart() -> None:
    app = demo_app(language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press(*["right_square_bracket"] * 5)  # past Other: the owners
        await settle(app, pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.by_owner
        await pilot.press("v")
        await settle(app, pilot)
        assert app.screen is main


# Groups' shares ---------------------------------------------------------------------


@pytest.mark.parametrize("language", ["vi", "en"])
async def test_v_shows_each_groups_states_as_the_rollup_counts_them(language: str) -> None:
    counts = tally()
    app = demo_app(language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("v", "v")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ChartScreen)
        assert screen.kind == "shares"
        text = text_of(app, "#chart")
        assert_fits(app, text)
        for key, label in (
            ("ministry", "Ministries"),
            ("branch", "Branches"),
            ("locality", "Localities"),
        ):
            kinds = AGENCY_GROUPS[key]
            assert kinds is not None
            group = sum(
                (c for agency, c in counts.items() if DEMO.agencies[agency].kind in kinds),
                Counts(),
            )
            head = f"{tr(label, language)} · {format_int(group.assigned, language)}"
            assert head in text
            block = text[text.index(head) :]
            for bucket, symbol in (
                (Bucket.COMPLETED_ON_TIME, "✓"),
                (Bucket.ON_TIME, "◷"),
                (Bucket.OVERDUE, "!"),
            ):
                share = format_percent(group.share(bucket).percent(), language=language)
                said = f"{symbol} {format_int(group.get(bucket), language)} ({share})"
                assert said in block.split("\n\n")[0], said
        # The legend names each state with its symbol, in the interface's language.
        for word in ("completed late", "on time", "overdue"):
            said = tr(word, language)
            assert said[:1].upper() + said[1:] in text


# The keys ---------------------------------------------------------------------------


async def test_the_help_lists_the_chart_keys() -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        assert ("v", "Chart") in app.screen.rows
        await pilot.press("escape", "v", "question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        assert ("s", "Count or rate") in app.screen.rows
        assert ("v", "Next chart") in app.screen.rows
        # Read in the interface's language, where the keys are written whole.
        help_text = screen_text(app)
        assert tr("Count or rate", "vi") in help_text
        assert tr("Next chart", "vi") in help_text


# An indicator's history as a line ---------------------------------------------------


async def test_v_on_an_indicator_draws_its_history_as_a_line_against_the_target() -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_indicator("adult-digital-signature")
        await settle(app, pilot)
        assert isinstance(app.screen, IndicatorScreen)
        before = text_of(app, "#detail")
        assert "█" in before
        assert DOT not in before
        await pilot.press("v")
        await settle(app, pilot)
        after = text_of(app, "#detail")
        indicator = next(i for i in DEMO.indicators if i.id == "adult-digital-signature")
        assert after.count(DOT) == len(history_points(indicator)) > 1
        assert "┄" in after
        assert tr("target", "vi") in after
        assert tr("Line or bars", "vi") in screen_text(app)
        await pilot.press("v")
        await settle(app, pilot)
        assert text_of(app, "#detail") == before


def test_a_rising_line_climbs_between_its_points_and_the_target_is_drawn() -> None:
    points = [Bar("Q1", 10, "10"), Bar("Q2", 20, "20"), Bar("Q3", 15, "15", current=True)]
    lines = [line.plain for line in line_chart(points, 40, 6, ThemeColours(), target=30)]
    assert lines[0].split() == ["10", "20", "15"]
    assert lines[-1].split() == ["Q1", "Q2", "Q3"]
    grid = lines[1:-2]
    assert len(grid) == 6
    assert set(grid[0]) <= {"┄"}  # the target on top: above every value
    assert sum(line.count(DOT) for line in grid) == 3
    text = "\n".join(grid)
    assert "╯" in text
    assert "╭" in text
    assert "╮" in text
    assert "╰" in text
    assert levels([10, 20, 15], 6, 10, 30) == [0, 2, 1]


# The drawing ------------------------------------------------------------------------


def test_a_groups_bar_fills_its_width_and_shows_every_state_it_has() -> None:
    for counts in (Counts(443, 42, 561, 86), Counts(1000, 1, 0, 1), Counts(0, 0, 0, 5)):
        for width in (10, 37, 74):
            cells = split_cells(counts, width)
            assert sum(cells) == width
            parts = (
                counts.completed_on_time,
                counts.completed_late,
                counts.on_time,
                counts.overdue,
            )
            assert all(cell > 0 for cell, part in zip(cells, parts, strict=True) if part)
            assert all(cell == 0 for cell, part in zip(cells, parts, strict=True) if not part)


def test_a_name_wraps_whole_and_a_bar_is_never_lost() -> None:
    name = "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
    lines = wrap_name(name, 12)
    assert " ".join(lines) == name
    assert all(cell_len(line) <= 12 for line in lines)
    assert "".join(wrap_name("Siêudàikhôngcókhoảngtrắng", 5)) == "Siêudàikhôngcókhoảngtrắng"
    assert bar_cells(1, 1000, 10) == "▏"  # one of a thousand: still there
    assert bar_cells(7, 7, 10) == "█" * 10
    assert bar_cells(0, 7, 10) == ""
