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
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Footer, Static

from ..export import TableSpec
from ..feed import Feed
from ..i18n.numbers import format_int
from ..i18n.strings import tr, ui_text
from ..views import TASK_SORTS, Scope, StateFilter, TaskList
from ..views.owners import NO_OWNER_LABEL
from .filter_bar import FilterBar
from .headline import Headline, since_baseline
from .keyed_table import KeyedTable
from .main_screen import GROUP_LABELS
from .marks import SYMBOLS
from .redraw import update_text
from .screen_base import TableScreen
from .snapshot import Snapshot
from .status import StatusLine
from .table_messages import Drill
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

    def compose(self) -> ComposeResult:
        lang, colours = self.language, self.colours
        yield StatusLine(lang, colours, id="status")
        yield Headline(lang, colours, id="headline")
        yield Static("", id="states")
        yield TaskTable(lang, colours, with_agency=self.scope.kind != "agency", id="tasks")
        yield Static("", id="totals")
        yield FilterBar(tr("Filter tasks: title, id, agency or source", lang), id="filter")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one(TaskTable)
        table.fit(self.app.size.width)  # before the first rows, so they are drawn once
        table.focus()
        # DataScreen.on_mount runs after this by itself (Textual calls each class's handler).

    def on_screen_resume(self) -> None:
        # A kept screen (all tasks, a group) shown again: the figures may have moved on.
        if self.ready:
            self.show_snapshot()

    def on_resize(self, event: Resize) -> None:
        self.query_one(TaskTable).fit(event.size.width)

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
        table.agency_names = {a: feed.agency_name(a, lang) for a in feed.agencies}
        table.show_tasks(rows, snapshot.live_task_changes(), tasks.tasks)
        changes = snapshot.live_changes()
        moved = self.scope.changes(changes) if changes else None
        self.query_one(Headline).show(
            counts,
            self.title_for(feed),
            moved,
            since_baseline(snapshot.comparison, self.scope, lang),
        )
        states = Text()
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
            states.append(label, style=f"{style} reverse" if chosen else style)
            states.append(" ")
        update_text(self.query_one("#states", Static), states)
        parts = [
            f"{tr('showing', lang)} {format_int(len(rows), lang)} "
            f"{tr('of', lang)} {format_int(counts.assigned, lang)} {tr('tasks', lang)}",
            *self.view_notes(),
        ]
        update_text(self.query_one("#totals", Static), " · ".join(parts))

    def action_state(self, state: str) -> None:
        self.state = StateFilter(state)
        self.show_snapshot()

    @on(KeyedTable.Drill, "#tasks")
    def _open_task(self, event: Drill) -> None:
        self.r57.open_task(event.key)
