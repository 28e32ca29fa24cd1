"""Presentation mode, driven with Pilot: figures in block letters, slides, cycle and keys,
live figures, a stale source in words, and feed text shown literally."""

from __future__ import annotations

import time
from pathlib import Path

from rich.style import Style
from textual.color import Color
from textual.widgets import DataTable, Footer, Header

from r57tui.commands.sources import open_source
from r57tui.config import PresentSettings, Settings
from r57tui.demo import demo_feed_path
from r57tui.feed import load_feed
from r57tui.i18n import strings
from r57tui.i18n.numbers import format_int, format_percent
from r57tui.rollup import Bucket, Counts, roll_up
from r57tui.ui.app import R57App
from r57tui.ui.big_figures import BigFigure
from r57tui.ui.main_screen import MainScreen
from r57tui.ui.present_screen import PresentScreen, SlideStatus
from r57tui.ui.status import StatusLine
from r57tui.views import Scope
from tests.builders import feed_dict, task, to_bytes
from tests.pilot import demo_app, feed_update, settle, text_of

DEMO = load_feed(demo_feed_path().read_bytes())
DEMO_ROLLUP = roll_up(DEMO)
GROUPS = [("ministry", "Ministries"), ("branch", "Branches"), ("locality", "Localities")]
GROUPS.append(("other", "Other"))


def shown(app: R57App) -> dict[str, str]:
    """Every headline figure of the slide on screen, as its block letters hold it."""
    return {figure.id or "": figure.value for figure in app.screen.query("#figures BigFigure")}


def expected(counts: Counts, language: str = "en") -> dict[str, str]:
    """The figures as the headline writes them: whole numbers, each state's with its
    whole percentage."""
    figures = {"assigned": format_int(counts.assigned, language)}
    for bucket in (Bucket.COMPLETED, Bucket.ON_TIME, Bucket.OVERDUE):
        percent = format_percent(counts.share(bucket).percent(0), 0, language)
        figures[bucket.value] = f"{format_int(counts.get(bucket), language)} {percent}"
    return figures


async def open_present(app: R57App, pilot) -> PresentScreen:
    await settle(app, pilot)
    await pilot.press("P")
    await pilot.pause()
    assert isinstance(app.screen, PresentScreen)
    return app.screen


async def wait_for_slide(screen: PresentScreen, pilot, index: int, limit: float = 5.0) -> float:
    """Wait until the slide `index` is on screen; how long it took."""
    start = time.monotonic()
    while screen.index != index and time.monotonic() - start < limit:
        await pilot.pause(0.05)
    await pilot.pause()
    return time.monotonic() - start


def file_app(path: Path, **settings) -> R57App:
    settings.setdefault("language", "en")
    return R57App(Settings(refresh=0, **settings), open_source(str(path)))


async def test_p_shows_the_headline_figures_large_and_nothing_else() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        headline = text_of(app, "#headline")
        screen = await open_present(app, pilot)
        figures = expected(DEMO_ROLLUP.total)
        assert shown(app) == figures
        assert figures["assigned"] == "1,132"
        # The very figures and percentages the dashboard's headline shows.
        assert f"{figures['assigned']} assigned" in headline
        for word, figure in (("Completed", "completed"), ("On time", "on_time")):
            count, percent = figures[figure].split()
            assert f"{word} {count} ({percent})" in headline
        count, percent = figures["overdue"].split()
        assert f"Overdue {count} ({percent})" in headline
        overdue = Color.parse(app.colours["overdue"])
        drawn = Style.parse(str(screen.query_one("#overdue", BigFigure).render().style))
        assert drawn.color == overdue.rich_color
        assert "42 late" in text_of(app, "#completed-note")
        assert text_of(app, "#slide-title").strip().startswith("Ban Chỉ đạo Trung ương")
        status = text_of(app, "#slide-status")
        assert "as of 2025-10-15 08:00" in status
        assert "live" in status
        assert "not updated" not in status
        # No chrome: no header, footer, tables, nor the dashboard's status line.
        assert not screen.query(Header)
        assert not screen.query(Footer)
        assert not screen.query(DataTable)
        assert [type(line) for line in screen.query(StatusLine)] == [SlideStatus]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_figures_in_vietnamese_number_format_with_every_string_translated() -> None:
    before = {text for language, text in strings.missing() if language == "vi"}
    app = demo_app(language="vi", present=PresentSettings(cycle="groups"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_present(app, pilot)
        assert shown(app) == expected(DEMO_ROLLUP.total, "vi")
        assert shown(app)["assigned"] == "1.132"
        assert "số liệu đến 15/10/2025 08:00" in text_of(app, "#slide-status")
        await pilot.press("x", "right")
        assert text_of(app, "#slide-title").strip() == "Bộ, cơ quan ngang bộ"
        assert shown(app) == expected(Scope.group("ministry").counts(DEMO, DEMO_ROLLUP), "vi")
        assert "đã tạm dừng" in text_of(app, "#slide-hint")
        assert not screen.cycling
        await pilot.press("question_mark")  # the keys of this screen, in the help
        rows = app.screen.rows
        assert ("←", "Previous slide") in rows
        assert ("→", "Next slide") in rows
    after = {text for language, text in strings.missing() if language == "vi"}
    assert after - before == set()


async def test_the_cycle_shows_each_group_after_the_configured_seconds() -> None:
    app = demo_app(present=PresentSettings(seconds=2, cycle="groups"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_present(app, pilot)
        assert screen.cycling
        assert screen.index == 0
        await pilot.pause(1.0)
        assert screen.index == 0  # not before the period
        waited = await wait_for_slide(screen, pilot, 1)
        assert waited < 2.5
        assert text_of(app, "#slide-title").strip() == "Ministries"
        assert shown(app) == expected(Scope.group("ministry").counts(DEMO, DEMO_ROLLUP))
        # The rest of the groups, faster, then back to the whole feed (a second a slide:
        # each check after a slide comes has that long before the next one).
        screen.seconds = 1.0
        screen.start_cycle()
        for index, (group, label) in enumerate(GROUPS[1:], 2):
            await wait_for_slide(screen, pilot, index)
            assert text_of(app, "#slide-title").strip() == label
            assert shown(app) == expected(Scope.group(group).counts(DEMO, DEMO_ROLLUP))
        await wait_for_slide(screen, pilot, 0)
        assert shown(app) == expected(DEMO_ROLLUP.total)
        assert len(screen.slides) == 1 + len(GROUPS)


async def test_the_most_overdue_slide_ranks_agencies_as_bars_with_counts_and_rates() -> None:
    # The former `cycle = "overdue"`: the headline, then the most overdue agencies.
    app = demo_app(present=PresentSettings(cycle="overdue", top=4))
    rows = sorted(
        (
            (-counts.overdue, -counts.overdue / counts.assigned, agency_id, counts)
            for agency_id, counts in DEMO_ROLLUP.by_agency.items()
            if counts.overdue
        ),
        key=lambda item: item[:2],
    )[:4]
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_present(app, pilot)
        assert [slide.kind for slide in screen.slides] == ["headline", "overdue"]
        await pilot.press("right")
        assert text_of(app, "#slide-title").strip() == "Most overdue"
        lines = [line.strip() for line in text_of(app, "#slide-body").splitlines()]
        assert lines[0] == "% overdue"
        bars = [line for line in lines[1:] if line]
        assert len(bars) == 4
        for line, (_, _, agency_id, counts) in zip(bars, rows, strict=True):
            name = DEMO.agencies[agency_id].display_name("en")
            rate = format_percent(counts.overdue_rate.percent(0), 0, "en")
            words = line.split()
            assert line.startswith(name)
            assert "█" in line
            assert words[-2:] == [str(counts.overdue), rate]
        # 7 and 7: a tie, the higher rate first (7 of 28 before 7 of 57); then fewer.
        assert bars[0].startswith("Ministry of Construction")
        assert bars[0].endswith("7        25%")
        assert bars[1].startswith("Ministry of Finance")
        assert bars[0].count("█") == bars[1].count("█") > bars[2].count("█")
        # Agencies with nothing overdue are left out, even short of `top`.
        small = feed_dict(
            [
                task("T1", "BKHCN", due="2025-01-31"),
                task("T2", "LAI-CHAU"),
                task("T3", "LAI-CHAU", due="2025-12-31"),
            ]
        )
        app.apply_update(feed_update(small))
        await pilot.pause()
        lines = [line.strip() for line in text_of(app, "#slide-body").splitlines() if line.strip()]
        assert len(lines) == 2
        assert lines[1].startswith("Bộ Khoa học và Công nghệ")


async def test_any_key_stops_the_cycle_arrows_move_space_resumes_escape_leaves() -> None:
    app = demo_app(present=PresentSettings(cycle="groups"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_present(app, pilot)
        screen.seconds = 0.2
        screen.start_cycle()
        await wait_for_slide(screen, pilot, 1)
        assert text_of(app, "#slide-hint").strip() == ""
        await pilot.press("q")  # would quit: while cycling it only stops the cycle
        assert app.is_running
        assert app.screen is screen
        assert not screen.cycling
        at = screen.index
        await pilot.pause(0.6)
        assert screen.index == at  # three periods later, the same slide
        assert "paused — ←/→ or 1–9 slides" in text_of(app, "#slide-hint")
        titles = [DEMO.title, *(label for _, label in GROUPS)]
        await pilot.press("right")
        assert screen.index == (at + 1) % len(titles)
        assert text_of(app, "#slide-title").strip() == titles[screen.index]
        await pilot.press("left", "left")
        assert screen.index == (at - 1) % len(titles)
        assert shown(app) == expected(screen.slides[screen.index].scope.counts(DEMO, DEMO_ROLLUP))
        await pilot.press("space")
        assert screen.cycling
        # The cycle comes round to the slide it was stopped on (seen as it passes: at
        # 0.2 s a slide, a busy machine may move on before a later look).
        seen, start = False, time.monotonic()
        while not seen and time.monotonic() - start < 10:
            seen = screen.index == at
            if not seen:
                await pilot.pause(0.01)
        assert seen
        await pilot.press("escape")  # while cycling: leaves at once
        assert isinstance(app.screen, MainScreen)
        await pilot.press("P")
        assert isinstance(app.screen, PresentScreen)
        assert app.screen.cycling
        await pilot.press("P")  # P again leaves too
        assert isinstance(app.screen, MainScreen)
        assert "1,132 assigned" in text_of(app, "#headline")


async def test_present_flag_opens_it_at_start() -> None:
    app = R57App(Settings(language="en"), open_source(None), present=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, PresentScreen)
        assert shown(app) == expected(DEMO_ROLLUP.total)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_present_flag_with_no_figures_shows_no_zeros(tmp_path) -> None:
    app = R57App(Settings(language="en"), open_source(str(tmp_path / "gone.json")), present=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, PresentScreen)
        status = text_of(app, "#slide-status")
        assert "No figures yet" in status
        assert "not updated" not in status
        assert set(shown(app).values()) == {""}


async def test_new_figures_redraw_the_slide_on_screen(tmp_path) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(to_bytes(feed_dict([task("T1"), task("T2", "LAI-CHAU")])))
    app = file_app(path, present=PresentSettings(cycle="groups"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_present(app, pilot)
        await pilot.press("x", "right", "right")
        assert text_of(app, "#slide-title").strip() == "Localities"
        assert shown(app)["assigned"] == "1"
        path.write_bytes(
            to_bytes(
                feed_dict(
                    [
                        task("T1"),
                        task("T2", "LAI-CHAU"),
                        task("T3", "LAI-CHAU", due="2025-01-31"),
                        task("T4", "LAI-CHAU", due="2025-09-30", completed="2025-09-01"),
                    ]
                )
            )
        )
        app.action_refresh()
        await settle(app, pilot)
        assert text_of(app, "#slide-title").strip() == "Localities"  # the same slide
        assert shown(app) == {
            "assigned": "3",
            "completed": "1 33%",
            "on_time": "1 33%",
            "overdue": "1 33%",
        }
        assert not screen.cycling


async def test_a_failing_feed_shows_stale_on_the_slide_until_it_recovers(tmp_path) -> None:
    path = tmp_path / "feed.json"
    good = to_bytes(feed_dict([task("T1"), task("T2", "LAI-CHAU", due="2025-01-31")]))
    path.write_bytes(good)
    app = file_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_present(app, pilot)
        assert "not updated" not in text_of(app, "#slide-status")
        path.write_text("{not json")
        app.action_refresh()
        await settle(app, pilot)
        status = text_of(app, "#slide-status")
        assert "✗ Figures as of 2025-10-15 08:00 — not updated" in status
        assert shown(app)["overdue"] == "1 50%"  # the last good figures, marked stale
        path.write_bytes(good + b" ")
        app.action_refresh()
        await settle(app, pilot)
        assert "not updated" not in text_of(app, "#slide-status")


async def test_an_agency_name_is_shown_literally_not_as_markup() -> None:
    app = demo_app(present=PresentSettings(slides=["overdue"]))
    hostile = feed_dict(
        [task("T1", agency="X", due="2025-01-31")],
        agencies=[{"id": "X", "name": "[red]X[/] \x1b[2J", "kind": "locality"}],
    )
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_present(app, pilot)
        app.apply_update(feed_update(hostile))
        await pilot.pause()
        assert screen.index == 0
        line = text_of(app, "#slide-body").splitlines()[1].strip()
        assert line.startswith("[red]X[/] <U+001B>[2J  █")
