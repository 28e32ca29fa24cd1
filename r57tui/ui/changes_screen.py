"""Since the baseline: the tasks newly completed, newly overdue, new, removed, or otherwise
changed, with what they were and what they are."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from ..baseline import CHANGE_ORDER, ChangeKind, Comparison, TaskChange
from ..export import TableSpec
from ..export.tables import CHANGE_LABELS
from ..feed import Feed, TaskState
from ..i18n.dates import format_date
from ..i18n.message import Message
from ..i18n.numbers import format_int
from ..i18n.strings import tr, ui_text
from ..safety import one_line
from ..views import ChangeIndex, ChangeList, Scope, scope_title
from .column_widths import ColumnNeed, fit_columns
from .cursor_line import CursorLine, cursor_text
from .filter_bar import FilterBar
from .fitting import FlowedLines, Part
from .footer import KeysFooter
from .marks import ThemeColours
from .name_forms import cut, fit_name, name_widths
from .screen_base import FilteredScreen
from .status import StatusLine
from .table_messages import Drill, Highlighted
from .task_table import TITLE_CAP
from .virtual_table import Cells, Column, VirtualTable

COLUMNS = [
    ("change", "Change"),
    ("id", "Id"),
    ("title", "Title"),
    ("was", "Was"),
    ("now", "Now"),
    ("agency", "Lead agency"),
]
# How much each column matters when the width is short (column_widths.py).
PRIORITIES = {"change": 90, "id": 60, "title": 100, "was": 70, "now": 80, "agency": 95}
# A change's colour: what it means for the meeting.
_STYLES = {
    ChangeKind.COMPLETED: "completed",
    ChangeKind.OVERDUE: "overdue",
    ChangeKind.NEW: "notice",
    ChangeKind.REMOVED: "notice",
    ChangeKind.OTHER: "notice",
}


class ChangesTable(VirtualTable):
    """The changed tasks, columns fitted to the width: the title and the lead agency take
    what the others leave; the agency shows whole or by its short form."""

    def __init__(
        self, language: str, colours: ThemeColours, *, with_agency: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.language = language
        self.colours = colours
        # One agency's changes: its name is in the headline, its column would repeat it.
        self.columns_shown = [(k, label) for k, label in COLUMNS if with_agency or k != "agency"]
        self._changes: dict[str, TaskChange] = {}
        self._comparison: Comparison | None = None
        self._feed: Feed | None = None
        self._needs: list[ColumnNeed] = []
        self._measure()

    def show_changes(self, feed: Feed, comparison: Comparison, changes: list[TaskChange]) -> None:
        self._feed = feed
        self._comparison = comparison
        # A removed task and a new one may share an id only if the feed reused it; the
        # key keeps both rows apart.
        self._changes = {f"{c.kind.value}:{c.task.id}": c for c in changes}
        self._measure()
        self.show(list(self._changes), self._cells)

    def change(self, key: str) -> TaskChange | None:
        return self._changes.get(key)

    def agency_of(self, change: TaskChange) -> tuple[str, str | None]:
        """The lead agency's name and short form; a removed task's as the baseline named it."""
        assert self._comparison is not None
        feed = self._feed if change.now is not None else self._comparison.baseline.feed
        agency = feed.agencies.get(change.task.agency) if feed is not None else None
        if agency is None:
            return change.task.agency, None
        return agency.display_name(self.language), agency.short

    def _measure(self) -> None:
        lang, colours = self.language, self.colours
        changes = list(self._changes.values())

        def widest_state(states: set[TaskState | None]) -> int:
            # Each column as wide as its own states: a list of newly overdue tasks does not
            # keep room in "was" for "completed late", which only "now" holds.
            return max((colours.state_text(s, lang).cell_len for s in states if s), default=1)

        # Each agency measured once (a removed task's as the baseline named it), not once
        # a row: a list of tens of thousands of changes is measured at every filter key.
        firsts = {(c.now is None, c.task.agency): c for c in changes}
        names = [name_widths(*self.agency_of(c), lang) for c in firsts.values()]
        natural = {
            "change": max(cell_len(tr(label, lang)) for label in CHANGE_LABELS.values()),
            "id": min(24, max((len(c.task.id) for c in changes), default=0)),
            "title": min(TITLE_CAP, max((len(c.task.title) for c in changes), default=0)),
            "was": widest_state({c.was for c in changes}),
            "now": widest_state({c.now for c in changes}),
            "agency": max((whole for whole, _ in names), default=0),
        }
        minimum = {"title": 16, "agency": max(min(max((s for _, s in names), default=6), 12), 6)}
        self._needs = [
            ColumnNeed(
                key,
                max(natural[key], cell_len(tr(label, lang))),
                minimum=minimum.get(key),
                priority=PRIORITIES[key],
                flexible=key in minimum,
            )
            for key, label in self.columns_shown
        ]
        self.refit()

    def refit(self) -> None:
        widths = fit_columns(self._needs, self.available_width())
        self.set_columns(
            [
                Column(key, cut(tr(label, self.language), widths[key]), widths[key])
                for key, label in self.columns_shown
                if key in widths
            ]
        )

    def _cells(self, key: str) -> Cells:
        change, lang, colours = self._changes[key], self.language, self.colours
        task = change.task
        widths = {column.key: column.width for column in self._columns}
        cells = {
            "change": Text(
                tr(CHANGE_LABELS[change.kind], lang),
                style=colours.style(_STYLES[change.kind], bold=True),
            ),
            "id": Text(one_line(task.id, 24)),
            "title": Text(cut(task.title[: TITLE_CAP * 4], widths.get("title", TITLE_CAP))),
            "was": colours.state_text(change.was, lang)
            if change.was
            else Text("—", style=colours.style("muted")),
            "now": colours.state_text(change.now, lang)
            if change.now
            else Text("—", style=colours.style("muted")),
            "agency": Text(fit_name(*self.agency_of(change), widths.get("agency", 24), lang)),
        }
        return tuple(cells[column.key] for column in self._columns)


# The keys 0-5 of the changes list: every change, then one kind each (CHANGE_ORDER).
KIND_KEYS = (
    ("all", "All changes"),
    ("completed", "Newly completed"),
    ("overdue", "Newly overdue"),
    ("new", "New"),
    ("removed", "Removed"),
    ("other", "Other change"),
)


class ChangesScreen(FilteredScreen):
    """The tasks that changed since the baseline, within the scope it was opened from (an
    agency's, an owner's, a group's, or all); 0-5 choose which changes, `/` filters."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text("Back"), id="back"),
        Binding("slash", "filter", ui_text("Filter"), id="filter"),
        *(
            Binding(
                str(key),
                f"kind('{kind}')",
                id=f"changes_{kind}",
                description=ui_text(label),
                show=False,
            )
            for key, (kind, label) in enumerate(KIND_KEYS)
        ),
    ]
    DEFAULT_CSS = """
    ChangesScreen #changes { height: 1fr; }
    ChangesScreen #summary, ChangesScreen #kinds { padding: 0 1; height: auto; }
    """

    def __init__(self, scope: Scope | None = None) -> None:
        super().__init__()
        self.scope = scope or Scope.everything()
        self.kind: ChangeKind | None = None  # None: every change
        self._index: ChangeIndex | None = None  # the search texts of the comparison shown

    def compose(self) -> ComposeResult:
        yield StatusLine(self.language, self.colours, id="status")
        yield FlowedLines(id="summary")
        yield FlowedLines(id="kinds")
        yield ChangesTable(
            self.language,
            self.colours,
            with_agency=self.scope.kind != "agency",
            id="changes",
        )
        yield CursorLine("", id="cursor-line")
        yield FilterBar(tr("Filter changes: title, id, agency or source", self.language))
        yield KeysFooter()

    def changes_scope(self) -> Scope:
        return self.scope

    def slide_in_view(self) -> str:
        return "changes"

    def export_spec(self) -> TableSpec | None:
        snapshot = self.r57.snapshot
        if snapshot is None or snapshot.comparison is None:
            return None
        # The rows shown: the scope, one kind of change when 1-5 chose one, the filter.
        return TableSpec(
            "changes",
            change=self.kind.value if self.kind else "all",
            scope=self.scope,
            query=self.query_text,
        )

    def on_mount(self) -> None:
        self.query_one(ChangesTable).focus()

    def action_kind(self, kind: str) -> None:
        self.kind = None if kind == "all" else ChangeKind(kind)
        self.show_snapshot()

    def main_table(self) -> ChangesTable:
        return self.query_one(ChangesTable)

    def _listed(self, comparison: Comparison, feed: Feed) -> ChangeList:
        index = self._index
        if index is None or index.comparison is not comparison or index.feed is not feed:
            index = self._index = ChangeIndex(comparison, feed)
        return index.select(self.scope, self.kind, self.query_text)

    def show_snapshot(self) -> None:
        snapshot = self.r57.snapshot
        if snapshot is None or not self.ready:
            return
        lang = self.language
        comparison = snapshot.comparison
        if comparison is None:
            self.query_one("#summary", FlowedLines).show_units(
                [
                    Part(
                        Text(
                            tr(
                                "No baseline: start with --baseline FILE, or press B to pick one.",
                                lang,
                            )
                        )
                    )
                ]
            )
            self.query_one("#kinds", FlowedLines).show_units([])
            self.query_one(ChangesTable).show([], lambda key: ())
            self.query_one(CursorLine).show_text(Text(""))
            return
        listed = self._listed(comparison, snapshot.feed)
        when = format_date(comparison.baseline.feed.as_of_date, lang)
        self.query_one("#summary", FlowedLines).show_units(
            summary_units(listed, comparison, snapshot.feed, lang, self.colours)
        )
        counted = listed.counted()
        chips: list[Part] = []
        for number, kind in enumerate((None, *CHANGE_ORDER)):
            figure = len(listed.matching) if kind is None else counted[kind]
            label = tr("All changes", lang) if kind is None else tr(CHANGE_LABELS[kind], lang)
            chosen = kind is self.kind
            chip = Text(
                f" {number} {label} {format_int(figure, lang)} ",
                style="bold reverse" if chosen else "",
            )
            chips.append(Part(chip, lead=" "))
        self.query_one("#kinds", FlowedLines).show_units(chips)
        shown = list(listed.shown)
        self.query_one(ChangesTable).show_changes(snapshot.feed, comparison, shown)
        if not shown:
            reason = empty_reason(listed, snapshot.feed, when, lang)
            self.query_one(CursorLine).show_text(Text(reason, style="italic"))

    @on(Highlighted, "#changes")
    def _cursor_moved(self, event: Highlighted) -> None:
        table = self.query_one(ChangesTable)
        change = table.change(event.key)
        if change is not None:
            name, _ = table.agency_of(change)
            line = cursor_text(name, change.task.title, first=change.task.id)
            self.query_one(CursorLine).show_text(line)

    @on(Drill, "#changes")
    def _open_task(self, event: Drill) -> None:
        change = self.query_one(ChangesTable).change(event.key)
        if change is None:
            return
        if change.now is None:
            self.notify(
                tr("Removed since the baseline: not in today's feed.", self.language),
                markup=False,
            )
            return
        self.r57.open_task(change.task.id)


def summary_units(
    listed: ChangeList, comparison: Comparison, feed: Feed, lang: str, colours: ThemeColours
) -> list[Part]:
    """`Changes since 01/10/2025 (base.json) — Lai Châu, filter “hồ sơ”: 3 of 46 changes`:
    what the list holds, of how many changes in all; each part whole on its line."""
    base = comparison.baseline
    when = format_date(base.feed.as_of_date, lang)
    since = Message.of("Changes since {date}", date=when).text(lang)
    what = scope_title(listed.scope, feed, lang)
    if listed.filtered:
        what += f", {tr('filter', lang)} “{one_line(listed.query, 60)}”"
    shown, total = format_int(len(listed.matching), lang), format_int(listed.total, lang)
    figures = (
        Message.of("{scope}: {shown} of {total} changes", scope=what, shown=shown, total=total)
        if listed.scoped or listed.filtered
        else Message.of("{scope}: {total} changes", scope=what, total=total)
    )
    return [
        Part(Text(since, style="bold"), lead=""),
        Part(Text(f"({one_line(base.label, 60)})", style=colours.style("muted")), lead=" "),
        Part(Text(figures.text(lang), style="bold"), lead=" — "),
    ]


def empty_reason(listed: ChangeList, feed: Feed, when: str, lang: str) -> str:
    """Why the list is empty: nothing matches the filter, or nothing of the kind chosen,
    or nothing changed in the scope since the baseline."""
    scope = scope_title(listed.scope, feed, lang)
    query = one_line(listed.query, 60)
    if listed.filtered:
        if listed.scoped:
            message = Message.of(
                "No change for {scope} matches the filter “{query}”", scope=scope, query=query
            )
        else:
            message = Message.of("No change matches the filter “{query}”", query=query)
    elif listed.kind is not None and listed.matching:
        kind = tr(CHANGE_LABELS[listed.kind], lang)
        if listed.scoped:
            message = Message.of(
                "No “{kind}” change for {scope} since {date}", kind=kind, scope=scope, date=when
            )
        else:
            message = Message.of("No “{kind}” change since {date}", kind=kind, date=when)
    elif listed.scoped:
        message = Message.of("No change for {scope} since {date}", scope=scope, date=when)
    else:
        message = Message.of("No change since {date}", date=when)
    return message.text(lang)
