"""Indicators you can open: the panel moves, sorts and filters like any table, Enter opens
an indicator's screen (every field, its mark and why, its history drawn and listed), and
"where are we on digital signatures?" is answered in three keys from the main screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from r57tui.demo import demo_feed_path
from r57tui.feed import load_feed
from r57tui.i18n.strings import tr
from r57tui.indicators import Rag
from r57tui.ui.bar_chart import Bar, bar_chart, bar_heights
from r57tui.ui.indicator_panel import IndicatorFilter, IndicatorPanel
from r57tui.ui.indicator_screen import IndicatorScreen
from r57tui.ui.main_screen import MainScreen
from r57tui.ui.marks import ThemeColours
from r57tui.views.indicators import INDICATOR_SORTS, Judgement, indicator_rows, judgement
from tests.language_walk import screen_text
from tests.pilot import demo_app, settle, text_of

DEMO = load_feed(demo_feed_path().read_bytes())
SIGNATURES = "adult-digital-signature"


def demo_indicator(indicator_id: str):  # type: ignore[no-untyped-def]
    return next(item for item in DEMO.indicators if item.id == indicator_id)


async def focus_indicators(app, pilot) -> IndicatorPanel:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    await pilot.press("tab")
    panel = app.screen.query_one(IndicatorPanel)
    assert panel.has_focus
    return panel


# The panel --------------------------------------------------------------------------


async def test_the_panel_moves_like_a_table_and_enter_opens_the_indicator() -> None:
    app = demo_app(language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await focus_indicators(app, pilot)
        ids = [item.id for item in DEMO.indicators]
        assert panel.keys == ids  # the feed's order first
        assert panel.current_key() == ids[0]
        await pilot.press("down", "down")
        assert panel.current_key() == ids[2]
        await pilot.press("end")
        assert panel.current_key() == ids[-1]
        await pilot.press("home")
        assert panel.current_key() == ids[0]
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, IndicatorScreen)
        assert app.screen.indicator_id == ids[1]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert panel.current_key() == ids[1]  # back on the row it came from


async def test_s_sorts_the_panel_worst_against_target_first_then_by_name() -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(160, 45)) as pilot:
        panel = await focus_indicators(app, pilot)
        agencies_sort = app.screen.sort
        await pilot.press("s")
        assert panel.sort_id == "worst"
        assert app.screen.sort == agencies_sort  # the agencies keep their own order
        # Furthest short of its target first; those without a target last.
        assert panel.keys[:5] == [
            "platforms-with-plan",  # 21 of 84: 75% short
            "full-online-procedures",  # 54.3 of 80
            "budget-share-st",  # 2.1 of 3
            SIGNATURES,  # 36.11 of 50
            "avg-processing-days",  # 4.8 against at most 4.0
        ]
        title = str(app.screen.query_one("#indicators-title").render())
        assert f"Chỉ tiêu · {tr('worst against target', 'vi')}" in title
        await pilot.press("s")
        assert panel.sort_id == "name"
        names = [demo_indicator(key).name for key in panel.keys]
        assert names[0].startswith("Đóng góp")  # Đ after D, before S and T
        assert names[-1].startswith("Tỷ lệ thủ tục")
        await pilot.press("s")
        assert panel.keys == [item.id for item in DEMO.indicators]


async def test_slash_filters_the_panel_ignoring_case_and_diacritics() -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await focus_indicators(app, pilot)
        await pilot.press("slash", *"CHU KY so")
        assert isinstance(app.focused, IndicatorFilter)
        assert panel.keys == [SIGNATURES]
        assert app.screen.query_text == ""  # not the agencies' filter
        title = str(app.screen.query_one("#indicators-title").render())
        assert "1 trên 9" in title
        assert "“CHU KY so”" in title
        await pilot.press("enter")
        assert panel.has_focus
        await pilot.press("enter")  # straight into the one it found
        await pilot.pause()
        assert isinstance(app.screen, IndicatorScreen)
        await pilot.press("escape", "slash", *"zzz")
        cell = panel.get_row(panel.keys[0])[0]
        assert "Không có chỉ tiêu nào khớp với “zzz”." in str(cell)
        await pilot.press("enter", "enter")  # the empty list's line opens nothing
        assert isinstance(app.screen, MainScreen)
        await pilot.press("escape")  # Escape in the panel clears its filter
        assert len(panel.keys) == len(DEMO.indicators)


async def test_e_exports_the_indicators_as_the_panel_shows_them(tmp_path: Path) -> None:
    app = demo_app(language="en", export={"folder": tmp_path, "format": "csv"})
    async with app.run_test(size=(120, 40)) as pilot:
        await focus_indicators(app, pilot)
        await pilot.press("s", "slash", *"share", "enter", "e")
        await settle(app, pilot)
        (written,) = app.last_exports
        body = written.read_text("utf-8-sig").splitlines()
        ids = [
            line.split(",")[1]  # after the row number
            for line in body
            if line.split(",")[1] in {item.id for item in DEMO.indicators}
        ]
        assert ids == [
            "full-online-procedures",
            "budget-share-st",
            "tthc-online-share",
        ]


# The pure order ---------------------------------------------------------------------


def test_worst_first_puts_the_furthest_from_target_first_and_the_unjudged_last() -> None:
    rows = indicator_rows(DEMO.indicators, sort="worst", language="en")
    assert [item.id for item in rows][-4:] == [
        "gdp-contribution",
        "tthc-records",
        "tthc-online-share",
        "national-platforms",
    ]
    assert rows[0].id == "platforms-with-plan"
    assert [s.id for s in INDICATOR_SORTS] == ["feed", "worst", "name"]
    assert [i.id for i in indicator_rows(DEMO.indicators, query="dien bien")] == []
    assert [i.id for i in indicator_rows(DEMO.indicators, query="NỀN TẢNG")] == [
        "national-platforms",
        "platforms-with-plan",
    ]


# The chart --------------------------------------------------------------------------


def test_bar_heights_are_in_eighths_from_zero_to_the_top() -> None:
    assert bar_heights([0, 25, 50, 0.01], 2, 0, 50) == [0, 8, 16, 1]


@pytest.mark.parametrize("width", [30, 74, 154])
def test_the_chart_draws_a_bar_a_period_with_its_value_and_the_target(width: int) -> None:
    bars = [
        Bar("07/2025", 33.6, "33,60"),
        Bar("08/2025", 34.91, "34,91"),
        Bar("09/2025", 36.11, "36,11", current=True),
    ]
    lines = [line.plain for line in bar_chart(bars, width, 6, ThemeColours(), target=50)]
    assert all(len(line) <= width for line in lines)
    assert lines[0].split() == ["33,60", "34,91", "36,11"]
    assert lines[-1].split() == ["07/2025", "08/2025", "09/2025"]
    assert lines[1].startswith("┄")  # the target, at the top: no bar reaches it
    columns = list(lines[1:-2])
    assert len(columns) == 6
    assert columns[-1].count("█") > 0  # the bars stand on the axis
    assert "─" in lines[-2]


# The indicator's screen ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "vi",
            [
                "Tỷ lệ người trưởng thành có chữ ký số",
                "Giá trị",
                "36,11%",
                "Kỳ",
                "09/2025",
                "Mục tiêu",
                "≥50%",
                "Giá trị cơ sở",
                "Tốt hơn khi",
                "cao hơn",
                "○ chưa đạt",
                "36,11% so với mục tiêu ≥50%: đã đi được 72% chặng đường, còn thiếu 13,89",
                "Chưa đạt (đỏ): cách mục tiêu hơn 10% mục tiêu.",
                "toàn quốc (không gắn với cơ quan nào)",
                "Tăng 1,2 điểm phần trăm so với tháng trước.",
                "Số liệu các kỳ",
                "▲1,31",
                "▲1,20",
            ],
        ),
        (
            "en",
            [
                "Adults with a digital signature",
                "Value",
                "36.11%",
                "Period",
                "2025-09",
                "Target",
                "≥50%",
                "Baseline value",
                "Better when",
                "higher",
                "○ off",
                "36.11% against a target of ≥50%: 72% of the way, 13.89 percentage",
                "Off (red): further from the target than 10% of it.",
                "national (no agency)",
                "History",
                "2025-07",
                "▲1.31",
            ],
        ),
    ],
)
async def test_the_indicators_screen_shows_every_field_the_chart_and_the_table(
    language: str, expected: list[str]
) -> None:
    app = demo_app(language=language)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        app.open_indicator(SIGNATURES)
        await settle(app, pilot)
        assert isinstance(app.screen, IndicatorScreen)
        drawn = screen_text(app)
        for text in expected:
            assert text in drawn, (text, drawn)
        assert "████" in drawn
        assert "┄┄┄┄" in drawn
        # The history table: the period, the value and its change, each period.
        assert (
            len([line for line in drawn.splitlines() if "36,11%" in line or "36.11%" in line]) >= 2
        )


async def test_the_indicators_screen_reads_whole_at_80x24() -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_indicator("budget-share-st")
        await settle(app, pilot)
        drawn = screen_text(app)
        # The whole name, wrapped by words, never cut.
        joined = " ".join(drawn.split())
        assert demo_indicator("budget-share-st").name in joined
        assert "…" not in drawn.split("\n", 1)[1]  # (the status line shortens the title)


async def test_an_indicator_that_leaves_the_feed_stays_shown_as_gone() -> None:
    from tests.builders import feed_dict, task
    from tests.pilot import feed_update

    app = demo_app(language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_indicator(SIGNATURES)
        await settle(app, pilot)
        app.apply_update(feed_update(feed_dict([task("T1")])))
        await settle(app, pilot)
        drawn = screen_text(app)
        assert "This indicator is no longer in the feed" in drawn
        assert "Adults with a digital signature" in drawn


# Question 6 of the meeting --------------------------------------------------------------


@pytest.mark.parametrize("language", ["vi", "en"])
async def test_where_are_we_on_digital_signatures_in_three_keys(language: str) -> None:
    """ctrl+p, "chu ky so" typed (one query), Enter: the value and the target on screen,
    as the feed gives them."""
    from textual.command import CommandList, CommandPalette
    from textual.widgets import Input

    app = demo_app(language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        keys = 0
        await pilot.press("ctrl+p")
        keys += 1
        assert isinstance(app.screen, CommandPalette)
        app.screen.query_one(Input).value = "chu ky so"
        keys += 1
        for _ in range(100):
            await pilot.pause(0.02)
            if app.screen.query_one(CommandList).option_count:
                break
        await pilot.press("enter")
        keys += 1
        await settle(app, pilot)
        assert keys <= 3
        assert isinstance(app.screen, IndicatorScreen)
        signatures = demo_indicator(SIGNATURES)
        assert (signatures.value, signatures.target) == (36.11, 50)
        drawn = screen_text(app)
        value = "36,11%" if language == "vi" else "36.11%"
        # In view without scrolling, at 80×24: the value, the target and the mark.
        top = "\n".join(drawn.splitlines()[:14])
        assert value in top
        assert "≥50%" in top
        assert tr("off", language) in top


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "md"])
async def test_e_on_an_indicator_exports_its_history_table(fmt: str, tmp_path: Path) -> None:
    app = demo_app(language="vi", export={"folder": tmp_path, "format": fmt})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_indicator(SIGNATURES)
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        (written,) = app.last_exports
        assert "history-adult-digital-signature" in written.name
        if fmt == "csv":
            rows = [line.split(",") for line in written.read_text("utf-8-sig").splitlines()]
            # Numbered, and each change signed.
            assert [row[:5] for row in rows[1:]] == [
                ["1", "2025-07", "33.6", "%", ""],
                ["2", "2025-08", "34.91", "%", "+1.31"],
                ["3", "2025-09", "36.11", "%", "+1.20"],
            ]
        elif fmt == "md":
            text = written.read_text("utf-8")
            assert "Số liệu các kỳ — Tỷ lệ người trưởng thành có chữ ký số" in text
            assert "34,91" in text
        else:
            from openpyxl import load_workbook

            sheet = load_workbook(written).worksheets[0]
            values = [cell.value for row in sheet.iter_rows() for cell in row]
            assert 36.11 in values


# The judgement in words -----------------------------------------------------------------


def judged(**fields: object) -> Judgement:
    from r57tui.feed.models import Indicator

    record: dict[str, object] = {"id": "x", "name": "X", "value": 1, **fields}
    language = str(record.pop("language", "en"))
    return judgement(Indicator(**record), language)  # type: ignore[arg-type]


def test_the_judgement_says_why_for_each_mark_and_direction() -> None:
    met = judged(value=52, target=50, unit="%")
    assert (met.rag, met.word) == (Rag.GREEN, "met")
    assert met.reason == "52% against a target of ≥50%: met."
    near = judged(value=46, target=50, unit="%")
    assert near.rag is Rag.AMBER
    assert near.reason == "46% against a target of ≥50%: 92% of the way, 4 percentage points short."
    assert near.rule == "Near (amber): not reached, but within 10% of the target."
    # Lower is better, with a baseline: the way runs from the baseline down to the target.
    down = judged(value=5.5, target=4, baseline=7, direction="down", unit="ngày", unit_en="days")
    assert down.rag is Rag.RED
    assert down.reason == "5.5 days against a target of ≤4 days: 50% of the way, 1.5 days over."
    vi = judged(value=5.5, target=4, baseline=7, direction="down", unit="ngày", language="vi")
    assert vi.reason == (
        "5,5 ngày so với mục tiêu ≤4 ngày: đã đi được 50% chặng đường, còn vượt 1,5 ngày."
    )
    none = judged(value=3)
    assert (none.rag, none.word, none.reason) == (Rag.NONE, "", "")
    assert none.rule == "No target in the feed: not judged."


HOSTILE = "[bold red]X[/] \x1b[2J"


async def test_the_indicators_screen_shows_feed_text_literally() -> None:
    from tests.builders import feed_dict, task
    from tests.pilot import feed_update

    indicator = {
        "id": "ind",
        "name": f"Chỉ số {HOSTILE}",
        "value": 2,
        "target": 4,
        "unit": f"đv {HOSTILE}",
        "period": f"kỳ {HOSTILE}",
        "history": [{"period": f"trước {HOSTILE}", "value": 1}],
        "note": f"Ghi chú {HOSTILE}",
        "agency": "BKHCN",
    }
    app = demo_app(language="vi")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        app.apply_update(feed_update(feed_dict([task("T1")], indicators=[indicator])))
        await settle(app, pilot)
        app.open_indicator("ind")
        await settle(app, pilot)
        drawn = screen_text(app)
        assert "Chỉ số [bold red]X[/] <U+001B>[2J" in drawn
        assert "Ghi chú [bold red]X[/] <U+001B>[2J" in drawn
        assert "kỳ [bold red]X[/]" in drawn  # a period, under its bar and in the table
        assert "trước [bold red]X" in text_of(app, "#detail")  # the table, scrolled
        assert "Bộ Khoa học và Công nghệ" in drawn  # the agency by its name
        assert "\x1b" not in drawn
