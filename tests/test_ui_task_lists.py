"""Task lists, driven with Pilot: facets picked with `F` (and `K`) with the state keys and
the text filter, the headline stating every filter with the figures of what is shown, an
empty list saying why, the latest note of each task in the list, next and previous task
from a task's detail, the filters' rule on leaving and coming back, exports of what is
shown (the chair's questions: tests/test_six_questions.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from textual.widgets import OptionList

from r57tui.config import ExportSettings
from r57tui.feed import TaskState
from r57tui.ui.facet_picker import CHOSEN, FacetPicker
from r57tui.ui.main_screen import MainScreen
from r57tui.ui.task_screen import TaskScreen
from r57tui.ui.task_table import TaskTable
from r57tui.ui.tasks_screen import TasksScreen
from r57tui.views import NO_FACETS, Facets, Scope, StateFilter, TaskList, facet_values
from r57tui.views.shown import latest_note
from tests.pilot import demo_app, settle, text_of

LAI_CHAU = "LAI-CHAU"


def table(app: Any) -> TaskTable:
    return app.screen.query_one(TaskTable)


def picker_lines(app: Any) -> list[tuple[str, bool]]:
    """The picker's lines as read: (text, can be chosen)."""
    listed = app.screen.query_one(OptionList)
    return [
        (str(getattr(option.prompt, "plain", option.prompt)), not option.disabled)
        for option in listed.options
    ]


def count_of(line: str) -> int:
    return int(line.rsplit(" ", 1)[1].replace(",", ""))


async def pick(app: Any, pilot: Any, label: str) -> None:
    """`F`, then Enter on the line whose value is `label`."""
    await pilot.press("F")
    await pilot.pause()
    assert isinstance(app.screen, FacetPicker)
    listed = app.screen.query_one(OptionList)
    for index, (line, enabled) in enumerate(picker_lines(app)):
        if enabled and line[len(CHOSEN) :].startswith(f"{label} "):
            listed.highlighted = index
            break
    else:
        raise AssertionError(f"{label} not offered")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, TasksScreen)


async def test_the_picker_offers_each_facet_with_the_counts_views_make() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", "F")
        await pilot.pause()
        assert isinstance(app.screen, FacetPicker)
        feed = app.snapshot.feed
        values = facet_values(feed, "en")
        lines = picker_lines(app)
        headings = [line for line, enabled in lines if not enabled]
        assert headings == ["Group", "Source", "Co-agencies", "Owner"]
        chosen = [line for line, enabled in lines if enabled]
        assert chosen[0].startswith("  Key tasks only ")
        assert count_of(chosen[0]) == values.key_tasks == sum(t.key_task for t in feed.tasks)
        expected = [
            *(each.count for each in values.groups),
            *(each.count for each in values.sources),
            *(each.count for each in values.co_agencies),
            *(each.count for each in values.owners),
        ]
        assert [count_of(line) for line in chosen[1:]] == expected
        # Each group's figure is what the feed holds, counted here by hand.
        for each in values.groups:
            assert each.count == sum((t.group or "") == each.value for t in feed.tasks)
        await pilot.press("escape")
        assert isinstance(app.screen, TasksScreen)
        assert app.screen.facets == NO_FACETS


async def test_facets_state_keys_and_text_filter_combine_and_the_figures_follow() -> None:
    app = demo_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        feed = app.snapshot.feed
        group = "Hạ tầng số"
        await pick(app, pilot, group)
        await pilot.press("3", "slash", *"chuyen", "enter")
        await pilot.pause()
        facets = Facets(group=group)
        listing = TaskList(feed, Scope.everything(), "en")
        expected = listing.rows(StateFilter.OVERDUE, "chuyen", "urgency", facets)
        assert len(expected) == 6  # of the group's 121, 49 with "chuyen"
        assert table(app).keys == [t.id for t in expected]
        assert all(t.group == group and t.state is TaskState.OVERDUE for t in expected)
        # The state keys count what the facet and the text filter keep.
        counts = listing.counts(facets, "chuyen")
        states = text_of(app, "#states")
        assert f"3 ! Overdue {counts.overdue} " in states
        assert f"1 ✓ Completed {counts.completed} " in states
        assert f"0 All {counts.assigned} " in states
        # The headline says every filter, its figure of what is shown against the list's.
        headline = text_of(app, "#headline")
        total = len(feed.tasks)
        assert f"6 of {total:,} tasks shown — group {group} · overdue · filter “chuyen”" in headline
        assert f"All tasks: {counts.assigned} assigned" in headline
        # K adds key tasks only, on top of the rest.
        await pilot.press("K")
        key_only = listing.rows(
            StateFilter.OVERDUE, "chuyen", "urgency", facets.replaced(key_only=True)
        )
        assert table(app).keys == [t.id for t in key_only]
        assert "— Key tasks · group" in text_of(app, "#headline")
        # Choosing the chosen value again turns the facet off.
        await pick(app, pilot, group)
        assert app.screen.facets == Facets(key_only=True)


async def test_an_unfiltered_list_has_no_filter_line_and_the_roll_ups_figures() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        headline = text_of(app, "#headline")
        assert "shown" not in headline
        assert f"All tasks: {app.snapshot.rollup.total.assigned:,} assigned" in headline


async def test_an_empty_list_says_why_in_english_and_vietnamese() -> None:
    for language, no_due_soon, no_match in (
        ("en", "Lai Châu has no tasks due soon", "No task matches “xyz” among Lai Châu's 8 tasks"),
        (
            "vi",
            "Lai Châu không có nhiệm vụ nào sắp đến hạn",
            "Không có nhiệm vụ nào khớp với “xyz” trong 8 nhiệm vụ của Lai Châu",
        ),
    ):
        app = demo_app(language=language)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            app.open_tasks(Scope.agency(LAI_CHAU))
            await pilot.pause()
            assert app.snapshot.rollup.by_agency[LAI_CHAU].assigned == 8
            assert not app.screen.has_class("-empty")
            # The overdue rows drawn, then emptied before their cursor message is read
            # (keys arriving in one burst, as a terminal sends them).
            app.screen.action_state("overdue")
            app.screen.action_state("due_soon")
            await pilot.pause()
            assert table(app).row_count == 0
            assert app.screen.has_class("-empty")
            assert text_of(app, "#empty").strip() == no_due_soon
            # Nothing is under the cursor: the lines under the table name no task.
            assert text_of(app, "#cursor-line").strip() == ""
            assert text_of(app, "#cursor-note").strip() == ""
            await pilot.press("0", "slash", *"xyz", "enter")
            assert text_of(app, "#empty").strip() == no_match
            await pilot.press("slash", "escape", "3")
            assert not app.screen.has_class("-empty")


async def test_an_agency_with_no_overdue_task_says_so() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        rollup = app.snapshot.rollup
        agency = next(a for a, counts in rollup.by_agency.items() if not counts.overdue)
        app.open_tasks(Scope.agency(agency))
        await pilot.pause()
        await pilot.press("3")
        name = app.snapshot.feed.agency_name(agency, "en")
        assert text_of(app, "#empty").strip() == f"{name} has no overdue tasks"


async def test_the_latest_notes_are_whole_in_the_list_at_160_and_under_it_at_80() -> None:
    for size in ((160, 45), (80, 24)):
        app = demo_app(language="vi")
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            app.open_tasks(Scope.agency(LAI_CHAU), StateFilter.OVERDUE)
            await pilot.pause()
            tasks = table(app)
            overdue = [app.snapshot.task(key) for key in tasks.keys]
            assert len(overdue) == app.snapshot.rollup.by_agency[LAI_CHAU].overdue == 4
            notes = [latest_note(task) for task in overdue]
            assert all(note is not None for note in notes)
            keys = [column.key for column in tasks.columns]
            if size[0] == 160:
                assert tasks.columns[keys.index("note")].label == "Ghi chú mới nhất"
                for task, note in zip(overdue, notes, strict=True):
                    assert str(tasks.get_row(task.id)[keys.index("note")]) == note.text
            else:
                assert "note" not in keys  # the title keeps the room
            for row, note in enumerate(notes):
                tasks.move_cursor(row)
                await pilot.pause()
                under = text_of(app, "#cursor-note").strip()
                with_date = f"Ghi chú mới nhất {note.date:%d/%m/%Y}: {note.text}"
                if size[0] == 160:
                    assert under == with_date
                else:  # the note's date makes way for the note whole where it must
                    assert under in (with_date, f"Ghi chú mới nhất: {note.text}")
                    assert under == with_date or len(with_date) > 78


async def test_next_and_previous_task_from_the_detail_keep_the_lists_order() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_tasks(Scope.agency(LAI_CHAU))
        await pilot.pause()
        await pilot.press("3", "s")  # overdue, by due date: an order of the list's own
        order = table(app).keys
        assert len(order) == 4
        await pilot.press("enter")
        assert isinstance(app.screen, TaskScreen)
        assert "task 1 of 4 in the list" in text_of(app, "#place")
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert app.screen.task_id == order[2]
        assert order[2] in text_of(app, "#detail")
        assert "task 3 of 4 in the list" in text_of(app, "#place")
        await pilot.press("left_square_bracket")
        assert app.screen.task_id == order[1]
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert app.screen.task_id == order[3]  # the last stays the last
        await pilot.press("escape")
        assert isinstance(app.screen, TasksScreen)
        assert table(app).current_key() == order[3]
        assert table(app).keys == order  # the filter and the sort as left


async def test_a_task_from_the_palette_has_no_list_to_step_through() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_task("T-0070")
        await pilot.pause()
        assert isinstance(app.screen, TaskScreen)
        assert not app.screen.query_one("#place").display
        await pilot.press("right_square_bracket")
        assert app.screen.task_id == "T-0070"


async def test_filters_stay_coming_back_from_a_task_and_go_when_the_list_is_opened_again() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", "3", "K", "slash", *"so", "enter")
        screen = app.screen
        assert isinstance(screen, TasksScreen)
        shown = table(app).keys
        await pilot.press("enter", "escape")
        assert app.screen is screen
        assert (screen.state, screen.facets.key_only, screen.query_text) == (
            StateFilter.OVERDUE,
            True,
            "so",
        )
        assert table(app).keys == shown
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("a")
        assert app.screen is screen  # the same kept screen, started again
        assert (screen.state, screen.facets, screen.query_text) == (StateFilter.ALL, NO_FACETS, "")
        assert table(app).row_count == len(app.snapshot.feed.tasks)
        assert "shown" not in text_of(app, "#headline")
        # An agency's list, a new screen each time, follows the same rule.
        await pilot.press("escape", "enter", "3", "escape", "enter")
        assert app.screen.state is StateFilter.ALL
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = text_of(app, ".rule")
        assert "a list opened again starts with none" in help_text


async def test_e_writes_the_faceted_filtered_list_as_shown(tmp_path: Path) -> None:
    app = demo_app(export=ExportSettings(folder=tmp_path, format="csv"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", "K", "3")
        await pick(app, pilot, "Nghị quyết 57-NQ/TW")
        shown = table(app).keys
        assert 0 < len(shown) < len(app.snapshot.feed.tasks)
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [path] = app.last_exports
        assert "-overdue-faceted-" in path.name
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
        assert [row[1] for row in rows[1:]] == shown
        header = rows[0]
        assert {row[header.index("Source")] for row in rows[1:]} == {"Nghị quyết 57-NQ/TW"}
        assert {row[header.index("State")] for row in rows[1:]} == {"overdue"}


async def test_a_tasks_detail_names_its_owner_whole() -> None:
    """Whose task it is: the committee member in charge, as the feed writes it."""
    app = demo_app(language="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        owned = next(task for task in app.snapshot.feed.tasks if task.owner)
        app.open_task(owned.id)
        await settle(app, pilot)
        detail = text_of(app, "#detail")
        assert "Người phụ trách" in detail
        assert " ".join(owned.owner.split()) in " ".join(detail.split())
        unowned = next(task for task in app.snapshot.feed.tasks if not task.owner)
        app.open_task(unowned.id)
        await settle(app, pilot)
        line = next(li for li in text_of(app, "#detail").splitlines() if "Người phụ trách" in li)
        assert line.split("Người phụ trách", 1)[1].strip() == "–"
