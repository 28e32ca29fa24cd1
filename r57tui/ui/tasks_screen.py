"""A task list: one agency's tasks, an agency group's, or all of them.

Single keys filter by state (1 completed, 2 on time, 3 overdue, 4 due soon, 0 all), `F`
picks facets (group, source document, key tasks, co-agency, owner) and `K` toggles key
tasks only, `s` cycles the sort, `/` filters by text, Enter opens a task, Escape goes
back to the row it came from.

The filters last while the list is open, and when coming back to it from a task; a list
opened again (from the main screen, the palette, a key) starts with none (`start`): the
same rule as every screen, written in the help.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Static

from ..export import TableSpec
from ..feed import Feed, Task
from ..i18n.dates import format_date
from ..i18n.numbers import format_int
from ..i18n.strings import tr, ui_text
from ..rollup import Counts
from ..safety import one_line
from ..views import NO_FACETS, TASK_SORTS, Facets, Scope, StateFilter, TaskList, describe
from ..views.at_risk import RiskReasons
from ..views.facets import facet_values_among
from ..views.owners import NO_OWNER_LABEL
from ..views.shown import empty_reason, latest_note, shown_words
from .cursor_line import CursorLine, cursor_text
from .facet_picker import FacetPicker
from .filter_bar import FilterBar
from .fitting import FittedLine, FlowedLines, Part
from .footer import KeysFooter
from .headline import Headline, since_baseline
from .keyed_table import KeyedTable
from .main_screen import GROUP_LABELS
from .marks import SYMBOLS, ThemeColours
from .screen_base import TableScreen
from .snapshot import Snapshot
from .status import StatusLine
from .table_messages import Drill, Highlighted
from .task_screen import TaskScreen
from .task_table import TaskKeys, TaskTable

FILTER_KEYS = (
    ("0", StateFilter.ALL, "All"),
    ("1", StateFilter.COMPLETED, "Completed"),
    ("2", StateFilter.ON_TIME, "On time"),
    ("3", StateFilter.OVERDUE, "Overdue"),
    ("4", StateFilter.DUE_SOON, "Due soon"),
    ("5", StateFilter.AT_RISK, "At risk"),
)
FLAGS = (StateFilter.DUE_SOON, StateFilter.AT_RISK)


def state_chips(
    counts: Counts,
    flagged: dict[StateFilter, int],
    chosen: StateFilter,
    language: str,
    colours: ThemeColours,
) -> list[Part]:
    """The state keys with their figures (of what the facets and text filter keep), the
    chosen one reversed; `flagged`: the figures of due soon and at risk."""
    lang = language
    chips: list[Part] = []
    for key, state, word in FILTER_KEYS:
        figure = format_int(
            flagged.get(state, 0) if state.is_flag else counts.get(state.bucket), lang
        )
        symbol = SYMBOLS.get(state.value, "")
        label = f" {key} {symbol + ' ' if symbol else ''}{tr(word, lang)} {figure} "
        style = (
            "bold"
            if state is StateFilter.ALL
            else colours.state_style("notice" if state.is_flag else state.value)
        )
        reverse = state is chosen
        chips.append(Part(Text(label, style=f"{style} reverse" if reverse else style), lead=" "))
    return chips


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
        Binding("5", "state('at_risk')", ui_text("At risk"), show=False, id="show_at_risk"),
        Binding("w", "state('at_risk')", ui_text("At risk"), show=False, id="at_risk"),  # as main
        Binding("0", "state('all')", ui_text("All"), show=False, id="show_all"),
        Binding("slash", "filter", ui_text("Filter"), id="filter"),
        Binding("F", "facets", ui_text("Filter by…"), id="facets"),
        Binding("K", "key_only", ui_text("Key tasks only"), show=False, id="key_only"),
        Binding("s", "cycle_sort", ui_text("Sort"), id="sort"),
    ]

    def __init__(self, scope: Scope, state: StateFilter = StateFilter.ALL) -> None:
        super().__init__()
        self.scope = scope
        self.state = state
        self.facets: Facets = NO_FACETS
        self._list: TaskList | None = None
        self._rows: TaskKeys | None = None  # the tasks shown, in order
        self._reasons = RiskReasons(self.language)  # why each task at risk is

    def start(self, state: StateFilter | None = None) -> None:
        """Opened again: no filter but `state` (the help's rule); drawn on resuming."""
        self.state = state or StateFilter.ALL
        self.facets = NO_FACETS
        self.query_text = ""
        if self.ready:
            bar = self.query_one(FilterBar)
            bar.value = ""
            bar.remove_class("-open")
            bar.styles.display = "none"

    def main_table(self) -> Widget:
        return self.query_one(TaskTable)

    def export_spec(self) -> TableSpec:
        # The tasks at risk are written with why each is (the at-risk table).
        return TableSpec(
            "at_risk" if self.state is StateFilter.AT_RISK else "tasks",
            scope=self.scope,
            state=self.state,
            query=self.query_text,
            sort=self.sort,
            facets=self.facets,
        )

    def changes_scope(self) -> Scope:
        return self.scope

    def slide_in_view(self) -> str | None:
        if self.state is StateFilter.AT_RISK:
            return "headline"  # the headline slide says what is at risk
        return "due_soon" if self.state is StateFilter.DUE_SOON else None

    def compose(self) -> ComposeResult:
        lang, colours = self.language, self.colours
        yield StatusLine(lang, colours, id="status")
        yield Headline(lang, colours, id="headline")
        yield FlowedLines(id="states")
        yield TaskTable(lang, colours, with_agency=self.scope.kind != "agency", id="tasks")
        yield Static("", id="empty")
        yield CursorLine("", id="cursor-line")
        yield FittedLine(id="cursor-note")
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
            self._list = TaskList.of_rollup(feed, self.scope, self.language, rollup)
        return self._list

    def subject(self, feed: Feed) -> str | None:
        """Whose list this is, in a sentence ("Lai Châu has no …"); None for all tasks."""
        return None if self.scope.kind == "all" else self.title_for(feed)

    def show_snapshot(self) -> None:
        snapshot = self.r57.snapshot
        if snapshot is None or not self.ready:
            return
        feed, lang = snapshot.feed, self.language
        scope_counts = self.scope.counts(feed, snapshot.rollup)
        tasks = self.task_list(snapshot)
        facets, query = self.facets, self.query_text
        # The figures of what the facets and the text filter keep (the roll-up's without
        # either); the state keys then pick one of them.
        counts = tasks.counts(facets, query)
        positions = tasks.positions(self.state, query, self.sort, facets)
        rows = self._rows = TaskKeys(feed.tasks, positions, tasks.position_of)
        table = self.query_one(TaskTable)
        table.mark_sorted(*(self.sorted_column() or (None,)))
        table.agency_names = {
            a: (agency.display_name(lang), agency.short) for a, agency in feed.agencies.items()
        }
        at_risk = self.state is StateFilter.AT_RISK
        reasons = self._reasons.of(snapshot.rollup, with_due=False) if at_risk else None
        table.show_reasons(reasons)
        table.show_origin(snapshot.origin)
        table.show_tasks(rows, snapshot.live_task_changes(), tasks.tasks, tasks.measures())
        self.query_one("#cursor-note").display = table.has_notes or at_risk
        # The scope's marks beside a narrowed list's figures would read as its own.
        whole = counts == scope_counts
        changes = snapshot.live_changes() if whole else None
        moved = self.scope.changes(changes) if changes else None
        self.query_one(Headline).show(
            counts,
            self.title_for(feed),
            moved,
            since_baseline(snapshot.comparison, self.scope, lang) if whole else None,
            self.short_title(feed),
            self._filter_line(feed, len(rows), scope_counts.assigned),
            at_risk=tasks.at_risk_count(facets, query),
        )
        self._show_empty(feed, len(rows), tasks)
        flagged = {flag: tasks.flag_count(flag, facets, query) for flag in FLAGS}
        chips = state_chips(counts, flagged, self.state, lang, self.colours)
        self.query_one("#states", FlowedLines).show_units(chips)
        showing = showing_line(len(rows), scope_counts.assigned, lang)
        parts = [Part(Text(showing), lead=""), *self.view_notes()]
        self.query_one("#totals", FittedLine).show_parts(parts)

    def _filter_line(self, feed: Feed, shown: int, total: int) -> list[Part] | None:
        """`1.730 of 100.000 tasks shown — overdue · group … · filter “…”`, the headline's
        first line while any filter is on; None while the list shows every task."""
        lang = self.language
        words = describe(feed, self.facets, lang, state=self.state, query=self.query_text)
        if not words:
            return None
        figure = Text(shown_words(shown, total, lang), style="bold")
        # The filters shorten (by words, with "…") before the figure would.
        return [Part(figure, lead=""), Part(Text(words), lead=" — ", shrink=12)]

    def _show_empty(self, feed: Feed, shown: int, tasks: TaskList) -> None:
        """An empty list says why, in the table's place."""
        self.set_class(shown == 0, "-empty")
        if shown:
            return
        lang, query = self.language, self.query_text
        before = len(tasks.positions(self.state, "", self.sort, self.facets)) if query else 0
        reason = empty_reason(
            self.subject(feed),
            lang,
            state=self.state,
            facets=describe(feed, self.facets, lang),
            query=query,
            before_query=before,
        )
        self.query_one("#empty", Static).update(Text(reason))
        self.query_one(CursorLine).show_text(Text(""))
        self.query_one("#cursor-note", FittedLine).show_parts([])

    def action_state(self, state: str) -> None:
        self.state = StateFilter(state)
        self.show_snapshot()

    def action_key_only(self) -> None:
        self.facets = self.facets.replaced(key_only=not self.facets.key_only)
        self.show_snapshot()

    def action_facets(self) -> None:
        snapshot = self.r57.snapshot
        if snapshot is None:
            return
        feed, lang = snapshot.feed, self.language
        # Several sources added up (ids `<source>:<id>`): each task's source is a facet.
        by_feed = len({source for source, _ in (snapshot.origin or {}).values()}) > 1
        values = facet_values_among(feed, self.task_list(snapshot).tasks, lang, by_feed=by_feed)
        table = self.query_one(TaskTable)

        def name(agency: str) -> str:
            return table.agency_name(agency) if agency in table.agency_names else agency

        def chosen(facets: Facets | None) -> None:
            if facets is not None:
                self.facets = facets
                self.show_snapshot()

        self.app.push_screen(FacetPicker(self.facets, values, name, lang), chosen)

    @on(Highlighted, "#tasks")
    def _cursor_moved(self, event: Highlighted) -> None:
        # The whole title and the lead agency's whole name of the row the eye is on.
        table = self.query_one(TaskTable)
        # A message from rows since redrawn (a filter keystroke emptied the list): stale.
        task = table.task_of(event.key) if event.key == table.current_key() else None
        if task is None:
            return
        agency = table.agency_name(task.agency) if table.with_agency else ""
        # The agency before the title: on a narrow screen the end of the title gives way.
        self.query_one("#cursor-line", CursorLine).show_text(
            cursor_text(agency, task.title, first=task.id)
        )
        snapshot = self.r57.snapshot
        reason = (
            self._reasons.of(snapshot.rollup, with_due=True).get(task.id)
            if table.reasons is not None and snapshot is not None
            else None
        )
        said = under_the_table(task, reason, self.language, self.colours)
        self.query_one("#cursor-note", FittedLine).show_parts(said)

    @on(KeyedTable.Drill, "#tasks")
    def _open_task(self, event: Drill) -> None:
        # The detail steps through this list as shown (] and [), in its order: the rows
        # themselves, not a copy (100k ids are read only as they are stepped to).
        if self._rows is None:
            self.r57.open_task(event.key)
            return
        self.app.push_screen(TaskScreen(event.key, self._rows, self._stepped_to))

    def _stepped_to(self, task_id: str) -> None:
        """Back from a detail stepped through the list: the cursor on the task last read."""
        self.query_one(TaskTable).move_to_key(task_id)


def under_the_table(
    task: Task, reason: str | None, language: str, colours: ThemeColours
) -> list[Part]:
    """The line under a task list for the cursor's task: in the list of tasks at risk,
    why it is, whole; elsewhere its latest note whole (why it is late), where the column
    is narrow or gone — the note's date gives way first, then the words before it."""
    lang = language
    if reason is not None:
        return [
            Part(Text(f"{tr('Why at risk', lang)}:", style="bold"), drop=1, lead=""),
            Part(Text(reason, style=colours.style("notice")), shrink=12, lead=" "),
        ]
    note = latest_note(task)
    if note is None:
        return []
    return [
        Part(Text(tr("Latest note", lang), style="bold"), drop=1, lead=""),
        Part(Text(format_date(note.date, lang), style="bold"), drop=2, lead=" "),
        Part(Text(":", style="bold"), drop=1, lead=""),
        Part(Text(one_line(note.text, 400)), shrink=12, lead=" "),
    ]


def showing_line(shown: int, assigned: int, lang: str) -> str:
    """ "showing 12 of 57 tasks": how many rows of the scope's tasks the list shows."""
    return (
        f"{tr('showing', lang)} {format_int(shown, lang)} "
        f"{tr('of', lang)} {format_int(assigned, lang)} {tr('tasks', lang)}"
    )
