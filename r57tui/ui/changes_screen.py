"""Since the baseline: the tasks newly completed, newly overdue, new, removed, or otherwise
changed, with what they were and what they are."""

from __future__ import annotations

from typing import Any, ClassVar

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
from .fitting import FlowedLines, Part
from .footer import KeysFooter
from .marks import ThemeColours
from .redraw import update_text
from .screen_base import DataScreen
from .status import StatusLine
from .table_messages import Drill
from .virtual_table import Cells, Column, VirtualTable

COLUMNS = [
    ("change", "Change", 16),
    ("id", "Id", 12),
    ("title", "Title", 36),
    ("was", "Was", 14),
    ("now", "Now", 14),
    ("agency", "Lead agency", 24),
]
# A change's colour: what it means for the meeting.
_STYLES = {
    ChangeKind.COMPLETED: "completed",
    ChangeKind.OVERDUE: "overdue",
    ChangeKind.NEW: "notice",
    ChangeKind.REMOVED: "notice",
    ChangeKind.OTHER: "notice",
}


class ChangesTable(VirtualTable):
    def __init__(self, language: str, colours: ThemeColours, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.language = language
        self.colours = colours
        self._changes: dict[str, TaskChange] = {}
        self._comparison: Comparison | None = None
        self._feed: Feed | None = None
        self.set_columns(
            [
                Column(key, tr(label, language), max(width, len(tr(label, language))))
                for key, label, width in COLUMNS
            ]
        )

    def show_changes(self, feed: Feed, comparison: Comparison, changes: list[TaskChange]) -> None:
        self._feed = feed
        self._comparison = comparison
        # A removed task and a new one may share an id only if the feed reused it; the
        # key keeps both rows apart.
        self._changes = {f"{c.kind.value}:{c.task.id}": c for c in changes}
        self.show(list(self._changes), self._cells)

    def change(self, key: str) -> TaskChange | None:
        return self._changes.get(key)

    def _cells(self, key: str) -> Cells:
        change, lang, colours = self._changes[key], self.language, self.colours
        task = change.task
        assert self._comparison is not None
        assert self._feed is not None
        # A removed task's agency is named as the baseline named it.
        feed = self._feed if change.now is not None else self._comparison.baseline.feed
        return (
            Text(
                tr(CHANGE_LABELS[change.kind], lang),
                style=colours.style(_STYLES[change.kind], bold=True),
            ),
            Text(one_line(task.id, 12)),
            Text(one_line(task.title, 36)),
            colours.state_text(change.was, lang)
            if change.was
            else Text("—", style=colours.style("muted")),
            colours.state_text(change.now, lang)
            if change.now
            else Text("—", style=colours.style("muted")),
            Text(one_line(feed.agency_name(task.agency, lang), 24)),
        )


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
