"""A task list: one agency's tasks, an agency group's, or all of them.

Single keys filter by state (1 completed, 2 on time, 3 overdue, 0 all), `s` cycles the
sort, `/` filters by text, Enter opens a task, Escape goes back to the row it came from.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget

from ..export import TableSpec
from ..feed import Feed
from ..i18n.numbers import format_int
from ..i18n.strings import tr, ui_text
from ..views import TASK_SORTS, Scope, StateFilter, TaskList
from ..views.owners import NO_OWNER_LABEL
from .cursor_line import CursorLine, cursor_text
from .filter_bar import FilterBar
from .fitting import FittedLine, FlowedLines, Part
from .footer import KeysFooter
from .headline import Headline, since_baseline
from .keyed_table import KeyedTable
from .main_screen import GROUP_LABELS
from .marks import SYMBOLS
from .screen_base import TableScreen
from .snapshot import Snapshot
from .status import StatusLine
from .table_messages import Drill, Highlighted
from .task_table import TaskKeys, TaskTable

FILTER_KEYS = (
    ("0", StateFilter.ALL, "All"),
    ("1", StateFilter.COMPLETED, "Completed"),
    ("2", StateFilter.ON_TIME, "On time"),
    ("3", StateFilter.OVERDUE, "Overdue"),
    ("4", StateFilter.DUE_SOON, "Due soon"),
)


class TasksScreen(TableScreen):
    CSS_PATH = "tasks_screen.tcss"
    SORTS = TASK_SORTS
    COLUMN_SORTS: ClassVar[dict[str, str]] = {"days": "urgency"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text("Back"), id="back"),
        Binding("1", "state('completed')", ui_text("Completed"), show=False, id="show_completed"),
        Binding("2", "state('on_time')", ui_text("On time"), show=False, id="show_on_time"),
        Binding("3", "state('overdue')", ui_text("Overdue"), show=False, id="show_overdue"),
        Binding("4", "state('due_soon')", ui_text("Due soon"), show=False, id="show_due_soon"),
        Binding("0", "state('all')", ui_text("All"), show=False, id="show_all"),
        Binding("slash", "filter", ui_text("Filter"), id="filter"),
        Binding("s", "cycle_sort", ui_text("Sort"), id="sort"),
    ]

    def __init__(self, scope: Scope, state: StateFilter = StateFilter.ALL) -> None:
        super().__init__()
        self.scope = scope
        self.state = state
        self._list: TaskList | None = None

    def main_table(self) -> Widget:
        return self.query_one(TaskTable)

    def export_spec(self) -> TableSpec:
        return TableSpec(
            "tasks",
            scope=self.scope,
            state=self.state,
            query=self.query_text,
            sort=self.sort,
        )

    def changes_scope(self) -> Scope:
        return self.scope

    def compose(self) -> ComposeResult:
        lang, colours = self.language, self.colours
        yield StatusLine(lang, colours, id="status")
        yield Headline(lang, colours, id="headline")
        yield FlowedLines(id="states")
        yield TaskTable(lang, colours, with_agency=self.scope.kind != "agency", id="tasks")
        yield CursorLine("", id="cursor-line")
        yield FittedLine(id="totals")
        yield FilterBar(tr("Filter tasks: title, id, agency or source", lang), id="filter")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(TaskTable)
        # Before the first rows, so they are drawn once; the table fits itself on resize.
        table.fit(self.app.size.width - table.styles.scrollbar_size_vertical)
        table.focus()
        # DataScreen.on_mount runs after this by itself (Textual calls each class's handler).

    def on_screen_resume(self) -> None:
        # A kept screen (all tasks, a group) shown again: the figures may have moved on.
        if self.ready:
            self.show_snapshot()

    def title_for(self, feed: Feed) -> str:
        lang = self.language
        if self.scope.kind == "agency":
            return feed.agency_name(self.scope.key, lang)
        if self.scope.kind == "group":
            return tr(GROUP_LABELS[self.scope.key], lang)
        if self.scope.kind == "owner":
            # The member in charge, as the feed writes them (the palette opens this list).
            return self.scope.owner_name or tr(NO_OWNER_LABEL, lang)
        return tr("All tasks", lang)

    def short_title(self, feed: Feed) -> str | None:
        """An agency's short name from the feed, for a headline with no room for the whole."""
        agency = feed.agencies.get(self.scope.key) if self.scope.kind == "agency" else None
        return agency.short if agency is not None else None

    def task_list(self, snapshot: Snapshot) -> TaskList:
        feed, rollup = snapshot.feed, snapshot.rollup
        if self._list is None or self._list.feed is not feed:
            self._list = TaskList(
                feed, self.scope, self.language, rollup.due_soon_days, rollup.due_soon
            )
        return self._list

    def show_snapshot(self) -> None:
        snapshot = self.r57.snapshot
        if snapshot is None or not self.ready:
            return
        feed, lang = snapshot.feed, self.language
        counts = self.scope.counts(feed, snapshot.rollup)
        tasks = self.task_list(snapshot)
        rows = TaskKeys(
            feed.tasks, tasks.positions(self.state, self.query_text, self.sort), tasks.position_of
        )
        table = self.query_one(TaskTable)
        table.mark_sorted(*(self.sorted_column() or (None,)))
        table.agency_names = {
            a: (agency.display_name(lang), agency.short) for a, agency in feed.agencies.items()
        }
        table.show_tasks(rows, snapshot.live_task_changes(), tasks.tasks)
        changes = snapshot.live_changes()
        moved = self.scope.changes(changes) if changes else None
        self.query_one(Headline).show(
            counts,
            self.title_for(feed),
            moved,
            since_baseline(snapshot.comparison, self.scope, lang),
            self.short_title(feed),
        )
        chips: list[Part] = []
        for key, state, word in FILTER_KEYS:
            chosen = state is self.state
            figure = format_int(
                tasks.due_soon_count()
                if state is StateFilter.DUE_SOON
                else counts.get(state.bucket),
                lang,
            )
            symbol = SYMBOLS.get(state.value, "")
            label = f" {key} {symbol + ' ' if symbol else ''}{tr(word, lang)} {figure} "
            style = (
                "bold"
                if state is StateFilter.ALL
                else self.colours.state_style(
                    "notice" if state is StateFilter.DUE_SOON else state.value
                )
            )
            chips.append(Part(Text(label, style=f"{style} reverse" if chosen else style), lead=" "))
        self.query_one("#states", FlowedLines).show_units(chips)
        showing = (
            f"{tr('showing', lang)} {format_int(len(rows), lang)} "
            f"{tr('of', lang)} {format_int(counts.assigned, lang)} {tr('tasks', lang)}"
        )
        parts = [Part(Text(showing), lead=""), *self.view_notes()]
        self.query_one("#totals", FittedLine).show_parts(parts)

    def action_state(self, state: str) -> None:
        self.state = StateFilter(state)
        self.show_snapshot()

    @on(Highlighted, "#tasks")
    def _cursor_moved(self, event: Highlighted) -> None:
        # The whole title and the lead agency's whole name of the row the eye is on.
        table = self.query_one(TaskTable)
        task = table.task_of(event.key)
        if task is None:
            return
        agency = table.agency_name(task.agency) if table.with_agency else ""
        # The agency before the title: on a narrow screen the end of the title gives way.
        self.query_one(CursorLine).show_text(cursor_text(agency, task.title, first=task.id))

    @on(KeyedTable.Drill, "#tasks")
    def _open_task(self, event: Drill) -> None:
        self.r57.open_task(event.key)
