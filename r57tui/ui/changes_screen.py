"""Since the baseline: the tasks newly completed, newly overdue, new, removed, or otherwise
changed, with what they were and what they are."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from ..baseline import CHANGE_ORDER, ChangeKind, Comparison, TaskChange
from ..export import TableSpec
from ..export.tables import CHANGE_LABELS
from ..feed import Feed
from ..i18n.dates import format_date
from ..i18n.numbers import format_int
from ..i18n.strings import tr, ui_text
from ..safety import one_line
from .column_widths import ColumnNeed, fit_columns
from .cursor_line import CursorLine, cursor_text
from .fitting import FlowedLines, Part
from .footer import KeysFooter
from .marks import ThemeColours
from .name_forms import cut, fit_name, name_widths
from .redraw import update_text
from .screen_base import DataScreen
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

    def __init__(self, language: str, colours: ThemeColours, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.language = language
        self.colours = colours
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
        states = [s for c in changes for s in (c.was, c.now) if s is not None]
        widest_state = max((colours.state_text(s, lang).cell_len for s in states), default=1)
        names = [name_widths(*self.agency_of(c), lang) for c in changes]
        natural = {
            "change": max(cell_len(tr(label, lang)) for label in CHANGE_LABELS.values()),
            "id": min(24, max((len(c.task.id) for c in changes), default=0)),
            "title": min(TITLE_CAP, max((len(c.task.title) for c in changes), default=0)),
            "was": widest_state,
            "now": widest_state,
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
            for key, label in COLUMNS
        ]
        self.refit()

    def refit(self) -> None:
        widths = fit_columns(self._needs, self.available_width() or 120)
        self.set_columns(
            [
                Column(key, cut(tr(label, self.language), widths[key]), widths[key])
                for key, label in COLUMNS
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


class ChangesScreen(DataScreen):
    """The tasks that changed since the baseline; 0-5 choose which changes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text("Back"), id="back"),
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

    def __init__(self) -> None:
        super().__init__()
        self.kind: ChangeKind | None = None  # None: every change

    def compose(self) -> ComposeResult:
        yield StatusLine(self.language, self.colours, id="status")
        yield Static("", id="summary")
        yield FlowedLines(id="kinds")
        yield ChangesTable(self.language, self.colours, id="changes")
        yield CursorLine("", id="cursor-line")
        yield KeysFooter()

    def export_spec(self) -> TableSpec | None:
        snapshot = self.r57.snapshot
        if snapshot is None or snapshot.comparison is None:
            return None
        # The rows shown: one kind of change when 1-5 chose one.
        return TableSpec("changes", change=self.kind.value if self.kind else "all")

    def on_mount(self) -> None:
        self.query_one(ChangesTable).focus()

    def action_kind(self, kind: str) -> None:
        self.kind = None if kind == "all" else ChangeKind(kind)
        self.show_snapshot()

    def show_snapshot(self) -> None:
        snapshot = self.r57.snapshot
        if snapshot is None or not self.ready:
            return
        lang = self.language
        comparison = snapshot.comparison
        if comparison is None:
            update_text(
                self.query_one("#summary", Static),
                tr("No baseline: start with --baseline FILE, or press B to pick one.", lang),
            )
            self.query_one(ChangesTable).show([], lambda key: ())
            return
        base = comparison.baseline
        summary = Text()
        summary.append(
            f"{tr('Since', lang)} {format_date(base.feed.as_of_date, lang)} ", style="bold"
        )
        summary.append(f"({one_line(base.label, 60)})", style=self.colours.style("muted"))
        update_text(self.query_one("#summary", Static), summary)
        counted = comparison.counted()
        chips: list[Part] = []
        for number, kind in enumerate((None, *CHANGE_ORDER)):
            figure = len(comparison.tasks) if kind is None else counted[kind]
            label = tr("All changes", lang) if kind is None else tr(CHANGE_LABELS[kind], lang)
            chosen = kind is self.kind
            chip = Text(
                f" {number} {label} {format_int(figure, lang)} ",
                style="bold reverse" if chosen else "",
            )
            chips.append(Part(chip, lead=" "))
        self.query_one("#kinds", FlowedLines).show_units(chips)
        shown = [c for c in comparison.tasks if self.kind is None or c.kind is self.kind]
        self.query_one(ChangesTable).show_changes(snapshot.feed, comparison, shown)

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
