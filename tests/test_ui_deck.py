"""Presentation mode's deck, driven with Pilot against the demo and a baseline two weeks
earlier: `P` presents what is in view from each screen; the slides and their order from
`[present] slides`; each slide's figures against the roll-up and the comparison, worked
out here apart from the app; the keys that move in the deck and the place shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from r57tui.commands.sources import open_source
from r57tui.config import ConfigError, PresentSettings, Settings, load_settings
from r57tui.feed import TaskState
from r57tui.i18n.numbers import format_int
from r57tui.rollup import Bucket
from r57tui.ui.app import R57App
from r57tui.ui.big_figures import BigFigure
from r57tui.ui.changes_screen import ChangesScreen
from r57tui.ui.main_screen import MainScreen
from r57tui.ui.present_screen import PresentScreen
from r57tui.ui.task_screen import TaskScreen
from r57tui.ui.tasks_screen import TasksScreen
from r57tui.views import Scope
from tests.pilot import RecordingApp, settle, text_of
from tests.test_baseline import demo_doc, meeting_baseline_doc
from tests.test_ui_baseline import figures, settled, write
from tests.test_ui_changes_scope import open_agency

SIZE = (120, 40)
OWNER = "Phó Chủ tịch UBND Thành phố Hà Nội phụ trách khoa học, công nghệ"
EVERY_SLIDE = ["headline", "changes", "overdue", "indicators", "due_soon"]


def baseline(tmp_path: Path) -> Path:
    return write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))


def deck_app(base: Path | None, language: str = "en", **present: object) -> R57App:
    settings = Settings(language=language, present=PresentSettings(**present))  # type: ignore[arg-type]
    return RecordingApp(settings, open_source(None), baseline=base)


async def present(app: R57App, pilot) -> PresentScreen:
    await pilot.press("P")
    await pilot.pause()
    assert isinstance(app.screen, PresentScreen)
    return app.screen


def body_lines(app: R57App) -> list[str]:
    return [line.strip() for line in text_of(app, "#slide-body").splitlines() if line.strip()]


# P presents what is in view ------------------------------------------------------------


async def test_p_presents_the_scope_and_slide_of_the_list_in_view(tmp_path: Path) -> None:
    app = deck_app(baseline(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        seen = []

        async def look(*keys: str) -> None:
            if keys:
                await pilot.press(*keys)
                await pilot.pause()
            screen = await present(app, pilot)
            slide = screen.slides[screen.index]
            seen.append((type(app.screen_stack[-2]).__name__, slide.kind, slide.scope))
            await pilot.press("escape")
            await pilot.pause()

        await look()  # the main screen: the national deck from its first slide
        await look("right_square_bracket")  # the ministries' tab
        await pilot.press("left_square_bracket")
        await open_agency(app, pilot, "DIEN-BIEN")
        await look()  # an agency's task list
        await look("enter")  # a task of it
        assert isinstance(app.screen, TaskScreen)
        await pilot.press("escape", "escape")
        await look("d")  # due soon, of all agencies
        await pilot.press("escape")
        await look("c")  # the changes list, of all agencies
        assert isinstance(app.screen, ChangesScreen)
        await pilot.press("escape")
        app.open_tasks(Scope.owner(OWNER))
        await look()  # an owner's task list
        assert seen == [
            ("MainScreen", "headline", Scope.everything()),
            ("MainScreen", "headline", Scope.group("ministry")),
            ("TasksScreen", "headline", Scope.agency("DIEN-BIEN")),
            ("TaskScreen", "headline", Scope.agency("DIEN-BIEN")),
            ("TasksScreen", "due_soon", Scope.everything()),
            ("ChangesScreen", "changes", Scope.everything()),
            (
                "TasksScreen",
                "headline",
                Scope.owner(OWNER),
            ),
        ]


async def test_an_agencys_deck_is_its_own_figures(tmp_path: Path) -> None:
    base = baseline(tmp_path)
    now, rollup, _, before = figures(base)
    app = deck_app(base)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await open_agency(app, pilot, "DIEN-BIEN")
        screen = await present(app, pilot)
        # Most overdue ranks agencies: not a slide of one agency; the demo gives Điện Biên
        # no indicator of its own.
        assert [slide.kind for slide in screen.slides] == ["headline", "changes", "due_soon"]
        counts = rollup.by_agency["DIEN-BIEN"]
        assert text_of(app, "#slide-title").strip() == "Điện Biên"
        assert app.screen.query_one("#assigned", BigFigure).value == format_int(counts.assigned)
        overdue = app.screen.query_one("#overdue", BigFigure).value
        assert overdue.split()[0] == format_int(counts.overdue)  # then its share: "4 50%"
        assert counts.assigned < rollup.total.assigned
        await pilot.press("2")
        assert text_of(app, "#slide-scope").strip() == "Điện Biên"
        moved = counts.change_since(before.by_agency["DIEN-BIEN"])
        done, late = moved.get(Bucket.COMPLETED, 0), moved.get(Bucket.OVERDUE, 0)
        assert done > 0
        assert screen.query_one("#more_completed", BigFigure).value == f"+{done}"
        want = f"+{late}" if late > 0 else f"\u2212{-late}" if late else "±0"
        assert screen.query_one("#more_overdue", BigFigure).value == want
        assert isinstance(app.screen_stack[-2], TasksScreen)
        assert now.agencies["DIEN-BIEN"].name == "Điện Biên"
        assert body_lines(app) == []  # one agency: no agencies to rank by their moves


async def test_p_from_the_dashboard_leaves_back_to_it(tmp_path: Path) -> None:
    app = deck_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await present(app, pilot)
        await pilot.press("P")
        assert isinstance(app.screen, MainScreen)


# The deck from the config ---------------------------------------------------------------


async def test_the_deck_is_the_configured_slides_in_their_order(tmp_path: Path) -> None:
    app = deck_app(baseline(tmp_path), slides=["due_soon", "overdue", "headline"])
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        screen = await present(app, pilot)
        assert [slide.kind for slide in screen.slides] == ["due_soon", "overdue", "headline"]
        assert text_of(app, "#slide-title").strip() == "Due soon"
        # The changes list asks for since-the-last-meeting: added after the deck's own.
        await pilot.press("escape", "c")
        screen = await present(app, pilot)
        assert [slide.kind for slide in screen.slides][-1] == "changes"
        assert screen.index == 3


async def test_the_default_deck_leaves_out_since_the_last_meeting_without_a_baseline() -> None:
    app = deck_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = await present(app, pilot)
        assert [slide.kind for slide in screen.slides] == [
            "headline",
            "overdue",
            "indicators",
            "due_soon",
        ]


def test_a_bad_slide_id_is_refused_in_one_line_naming_it_and_the_valid_ones(tmp_path) -> None:
    path = tmp_path / "r57tui.toml"
    path.write_text('[present]\nslides = ["headline", "overdue_top"]\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = caught.value.message.text("en")
    assert "\n" not in message
    assert "present.slides.1" in message
    assert "'overdue_top'" in message
    for slide in ["headline", "groups", *EVERY_SLIDE[1:]]:
        assert f"'{slide}'" in message
    path.write_text("[present]\nslides = []\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert caught.value.message.text("vi").endswith(
        "present.slides: không được để trống (giá trị: [])"
    )


def test_the_former_cycle_key_still_chooses_a_deck() -> None:
    assert PresentSettings().deck == tuple(EVERY_SLIDE)
    assert PresentSettings(cycle="groups").deck == ("headline", "groups")
    assert PresentSettings(cycle="overdue").deck == ("headline", "overdue")
    assert PresentSettings(slides=["overdue", "overdue", "headline"]).deck == (
        "overdue",
        "headline",
    )


# Each slide's figures ------------------------------------------------------------------


async def test_since_the_last_meeting_gives_the_moves_and_the_agencies_that_moved_most(
    tmp_path: Path,
) -> None:
    base = baseline(tmp_path)
    _, rollup, old, before = figures(base)
    moved = rollup.total.change_since(before.total)
    by_agency = {
        agency: rollup.by_agency.get(agency, rollup.total.__class__()).change_since(counts)
        for agency, counts in before.by_agency.items()
    }
    ranked = sorted(
        (
            (-(abs(m.get(Bucket.COMPLETED, 0)) + abs(m.get(Bucket.OVERDUE, 0))), agency, m)
            for agency, m in by_agency.items()
            if m.get(Bucket.COMPLETED) or m.get(Bucket.OVERDUE)
        ),
        key=lambda item: (item[0], -item[2].get(Bucket.COMPLETED, 0), item[1]),
    )[:5]
    app = deck_app(base, slides=["changes"])
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        screen = await present(app, pilot)
        assert text_of(app, "#slide-title").strip() == "Since the last meeting"
        completed = screen.query_one("#more_completed", BigFigure).value
        overdue = screen.query_one("#more_overdue", BigFigure).value
        assert completed == f"+{moved[Bucket.COMPLETED]}"
        assert moved[Bucket.OVERDUE] < 0
        assert overdue == f"\u2212{-moved[Bucket.OVERDUE]}"  # a real minus sign
        lines = body_lines(app)
        assert lines[0] == "Moved most"
        for line, (_, agency, m) in zip(lines[1:], ranked, strict=True):
            assert line.startswith(old.agencies[agency].display_name("en"))
            done = m.get(Bucket.COMPLETED, 0)
            assert (f"+{done} completed" if done else "±0 completed") in line
        assert "against the figures of 2025-10-01" in text_of(app, "#slide-note")


async def test_due_soon_by_agency_counts_the_roll_ups_tasks_due_soon() -> None:
    app = deck_app(None, slides=["due_soon"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await present(app, pilot)
        rollup = app.snapshot.rollup
        tally: dict[str, int] = {}
        for task in rollup.due_soon:
            tally[task.agency] = tally.get(task.agency, 0) + 1
        lines = body_lines(app)
        assert len(lines) == len(tally)
        feed = app.snapshot.feed
        for line in lines:
            agency = next(a for a in tally if line.startswith(feed.agencies[a].display_name("en")))
            noun = "task" if tally[agency] == 1 else "tasks"
            assert f" {tally[agency]} {noun} · " in line
        assert f": {len(rollup.due_soon)} open tasks" in text_of(app, "#slide-note")
        assert all(task.state is TaskState.ON_TIME for task in rollup.due_soon)


async def test_the_indicators_slide_gives_each_value_target_and_word() -> None:
    app = deck_app(None, slides=["indicators"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await present(app, pilot)
        lines = body_lines(app)
        indicators = app.snapshot.feed.indicators
        assert len(lines) == len(indicators)  # one line each at 80×24
        signature = next(line for line in lines if line.startswith("○ Adults with a digital"))
        assert "36.11%  target ≥50.00 off  ▲1.2" in signature
        assert any(line.endswith("4.8 days  target ≤4.0 off  ▼0.7") for line in lines)


# Keys and the place in the deck ---------------------------------------------------------


async def test_arrows_space_and_number_keys_move_and_the_place_shows(tmp_path: Path) -> None:
    app = deck_app(baseline(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        screen = await present(app, pilot)
        assert screen.cycling
        assert text_of(app, "#slide-position").strip() == "1/5"
        await pilot.press("right")  # a step: the cycle stops
        assert not screen.cycling
        assert screen.index == 1
        assert text_of(app, "#slide-position").strip() == "2/5"
        await pilot.press("4")
        assert screen.slides[screen.index].kind == "indicators"
        assert text_of(app, "#slide-title").strip() == "Indicators"
        assert text_of(app, "#slide-position").strip() == "4/5"
        await pilot.press("9")  # no ninth slide: stays
        assert screen.index == 3
        await pilot.press("left", "left", "left", "left")
        assert screen.index == 4
        await pilot.press("space")
        assert screen.cycling
        assert text_of(app, "#slide-hint").strip() == ""
        await pilot.press("space")
        assert not screen.cycling
        assert "space resumes" in text_of(app, "#slide-hint")
        await pilot.press("space", "1")  # a number while cycling jumps and stops
        assert not screen.cycling
        assert screen.index == 0
        assert text_of(app, "#slide-position").strip() == "1/5"
