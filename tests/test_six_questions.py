"""The chair's six questions of a review meeting, asked in one sitting in Vietnamese on a
projector's 160×45 (where every answer, the reasons for lateness too, is whole), each
from the main screen and answered in three keys or fewer (a palette query typed counts as
one key), with each answer's figures checked against the roll-up or the comparison worked
out here, apart from the app.

1. Which ministries are most overdue?          ]
2. How is Điện Biên doing?                      ctrl+p, "dien bien", Enter
3. Lai Châu's overdue tasks, and why late?      ctrl+p, "lai chau", Enter
4. What falls due in two weeks, and whose?      d
5. What changed since the last meeting?         c
6. Where are we on digital signatures?          ctrl+p, "chu ky so", Enter
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from r57tui.baseline import CHANGE_ORDER
from r57tui.export.tables import CHANGE_LABELS
from r57tui.feed import AgencyKind, Feed, TaskState
from r57tui.i18n.numbers import format_int
from r57tui.i18n.strings import tr
from r57tui.rollup import Rollup
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.app import R57App
from r57tui.ui.changes_screen import ChangesScreen
from r57tui.ui.indicator_screen import IndicatorScreen
from r57tui.ui.main_screen import MainScreen
from r57tui.ui.task_table import TaskTable
from r57tui.ui.tasks_screen import TasksScreen
from r57tui.views import Scope
from r57tui.views.shown import latest_note
from tests.language_walk import screen_text
from tests.pilot import text_of
from tests.test_baseline import demo_doc, expected_kinds, meeting_baseline_doc
from tests.test_ui_baseline import app_for, figures, settled, write

MOST_KEYS = 3


@dataclass(frozen=True)
class Meeting:
    """Today's feed and the last meeting's, with the roll-up, worked out apart from the app."""

    feed: Feed
    rollup: Rollup
    before: Feed


class Chair:
    """Presses keys for the chair's question and counts them."""

    def __init__(self, app: R57App, pilot) -> None:
        self.app, self.pilot = app, pilot
        self.keys: list[str] = []

    async def ask(self) -> None:
        """From the main screen as it opens (every agency, nothing typed): the count
        starts again."""
        while not isinstance(self.app.screen, MainScreen):
            await self.pilot.press("escape")
            await self.pilot.pause()
        while self.app.screen.group != "all" or self.app.screen.by_owner:
            await self.pilot.press("left_square_bracket")
            await self.pilot.pause()
        self.keys = []

    async def press(self, key: str) -> None:
        self.keys.append(key)
        await self.pilot.press(key)
        await settled(self.app, self.pilot)

    async def search(self, query: str) -> None:
        """ctrl+p, the query (one key: a single palette query reaches it), Enter."""
        await self.press("ctrl+p")
        palette = self.app.screen
        assert isinstance(palette, CommandPalette)
        palette.query_one(Input).value = query
        self.keys.append(query)
        for _ in range(200):
            await self.pilot.pause(0.02)
            if palette.query_one(CommandList).option_count:
                break
        await self.press("enter")


async def question_1_ministries_most_overdue(chair: Chair, m: Meeting) -> None:
    """Which ministries are most overdue? The ministries' tab, most overdue first."""
    app, feed, rollup = chair.app, m.feed, m.rollup
    await chair.press("right_square_bracket")
    table = app.screen.query_one(AgencyTable)
    ministries = [a.id for a in feed.agencies.values() if a.kind is AgencyKind.MINISTRY]
    assert sorted(table.keys) == sorted(ministries)
    overdue = [rollup.by_agency[a].overdue for a in table.keys]
    assert overdue == sorted(overdue, reverse=True)
    worst = max(ministries, key=lambda a: rollup.by_agency[a].overdue)
    assert rollup.by_agency[table.keys[0]].overdue == rollup.by_agency[worst].overdue
    assert "Quá hạn ↓" in {str(c.label) for c in table.columns.values()}


async def question_2_how_dien_bien_is_doing(chair: Chair, m: Meeting) -> None:
    """How is Điện Biên doing? Its list, its figures in the headline."""
    app, rollup = chair.app, m.rollup
    await chair.search("dien bien")
    assert isinstance(app.screen, TasksScreen)
    assert app.screen.scope == Scope.agency("DIEN-BIEN")
    counts = rollup.by_agency["DIEN-BIEN"]
    headline = text_of(app, "#headline")
    assert f"{counts.assigned} nhiệm vụ" in headline
    assert f"✓ Hoàn thành {counts.completed} " in headline
    assert f"! Quá hạn {counts.overdue} " in headline
    assert len(app.screen.query_one(TaskTable).keys) == counts.assigned


async def question_3_lai_chaus_overdue_tasks_and_why(chair: Chair, m: Meeting) -> None:
    """Lai Châu's overdue tasks and why: overdue first, each with its latest note."""
    app, rollup = chair.app, m.rollup
    await chair.search("lai chau")
    assert app.screen.scope == Scope.agency("LAI-CHAU")
    late = rollup.by_agency["LAI-CHAU"].overdue
    assert late > 0
    tasks = app.screen.query_one(TaskTable)
    first = [app.snapshot.task(key) for key in tasks.keys[:late]]
    assert all(task.state is TaskState.OVERDUE for task in first)
    note_column = [column.key for column in tasks.columns].index("note")
    for task in first:
        note = latest_note(task)
        assert note is not None, task.id
        assert str(tasks.get_row(task.id)[note_column]) == note.text  # whole


async def question_4_what_falls_due_and_whose(chair: Chair, m: Meeting) -> None:
    """What falls due in the next two weeks, and whose is it?"""
    app, feed, rollup = chair.app, m.feed, m.rollup
    await chair.press("d")
    tasks = app.screen.query_one(TaskTable)
    assert sorted(tasks.keys) == sorted(task.id for task in rollup.due_soon)
    agency_column = [column.key for column in tasks.columns].index("agency")
    for task in rollup.due_soon:
        shown = str(tasks.get_row(task.id)[agency_column])
        name, short = feed.agency_name(task.agency, "vi"), feed.agencies[task.agency].short
        assert shown in (name, short), (shown, name)


async def question_5_what_changed_since_the_last_meeting(chair: Chair, m: Meeting) -> None:
    """What changed since the last meeting? Every kind counted as the feeds say."""
    app, feed = chair.app, m.feed
    await chair.press("c")
    assert isinstance(app.screen, ChangesScreen)
    want = expected_kinds(m.before, feed)
    kinds = text_of(app, "#kinds")
    for number, kind in enumerate(CHANGE_ORDER, start=1):
        figure = sum(each is kind for each in want.values())
        label = tr(CHANGE_LABELS[kind], "vi")
        assert f"{number} {label} {format_int(figure, 'vi')}" in kinds, (kind, kinds)


async def question_6_digital_signatures_against_the_target(chair: Chair, m: Meeting) -> None:
    """Where are we on digital signatures? The value, the target and the judgement."""
    app, feed = chair.app, m.feed
    await chair.search("chu ky so")
    assert isinstance(app.screen, IndicatorScreen)
    signatures = next(i for i in feed.indicators if i.id == "adult-digital-signature")
    assert signatures.target is not None
    drawn = screen_text(app)
    value = f"{signatures.value:.2f}".replace(".", ",")
    assert value in drawn, drawn
    assert f"≥{format_int(int(signatures.target), 'vi')}%" in drawn


async def test_the_six_questions_of_a_meeting_in_three_keys_each(tmp_path: Path) -> None:
    base = write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))
    feed, rollup, before, _ = figures(base)
    meeting = Meeting(feed, rollup, before)
    app = app_for(tmp_path, base, language="vi")
    async with app.run_test(size=(160, 45)) as pilot:  # the projector
        await settled(app, pilot)
        chair = Chair(app, pilot)
        for question in QUESTIONS:
            await chair.ask()
            await question(chair, meeting)
            assert len(chair.keys) <= MOST_KEYS, (question.__name__, chair.keys)


QUESTIONS = (
    question_1_ministries_most_overdue,
    question_2_how_dien_bien_is_doing,
    question_3_lai_chaus_overdue_tasks_and_why,
    question_4_what_falls_due_and_whose,
    question_5_what_changed_since_the_last_meeting,
    question_6_digital_signatures_against_the_target,
)
