"""One task: every field, co-agencies by name, notes oldest first."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from ..feed import Feed, Task
from ..i18n.dates import format_date, format_due
from ..i18n.numbers import format_int
from ..i18n.strings import tr, ui_text
from ..safety import printable
from .marks import STATE_WORDS, state_text
from .screen_base import DataScreen
from .status import StatusLine
from .task_table import days_text


def _literal(value: str | None) -> Text:
    return Text(printable(value) if value else "–")


def task_details(task: Task, feed: Feed, language: str) -> Table:
    """The task as a two-column table of label and value; feed text stays literal."""
    lang = language
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")

    def row(label: str, value: Text) -> None:
        grid.add_row(Text(tr(label, lang)), value)

    def agency(agency_id: str) -> Text:
        return Text(f"{printable(feed.agency_name(agency_id, lang))} ({printable(agency_id)})")

    row("Id", Text(printable(task.id)))
    row("Title", Text(printable(task.title), style="bold"))
    state = state_text(task.state, lang)
    extra = days_text(task, lang)
    if extra.plain:
        state.append(" · ")
        state.append_text(extra)
    row("State", state)
    row("Lead agency", agency(task.agency))
    co = Text()
    for i, co_agency in enumerate(task.co_agencies):
        if i:
            co.append("; ")
        co.append_text(agency(co_agency))
    row("Co-agencies", co if task.co_agencies else Text("–"))
    row("Source", _literal(task.source))
    row("Group", _literal(task.group))
    row("Key task", Text(tr("yes" if task.key_task else "no", lang)))
    row("Assigned on", _literal(format_date(task.assigned, lang) if task.assigned else None))
    due = (
        _literal(format_due(task.due, lang))
        if task.due
        else Text(tr("ongoing (no deadline)", lang))
    )
    if task.due and task.deadline and task.deadline.isoformat() != task.due:
        due.append(f" ({tr('until', lang)} {format_date(task.deadline, lang)})", style="dim")
    row("Due", due)
    row("Completed on", _literal(format_date(task.completed, lang) if task.completed else None))
    given = tr(STATE_WORDS[task.status], lang) if task.status else None
    row("Status given", _literal(given))
    progress = None if task.progress is None else f"{format_int(task.progress, lang)}%"
    row("Progress", _literal(progress))
    notes = Text()
    for i, note in enumerate(sorted(task.notes, key=lambda n: n.date)):
        if i:
            notes.append("\n")
        notes.append(format_date(note.date, lang), style="bold")
        notes.append(f"  {printable(note.text)}")
    row("Notes", notes if task.notes else Text("–"))
    return grid


class TaskScreen(DataScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text("Back"), id="back"),
    ]
    DEFAULT_CSS = """
    TaskScreen #detail { padding: 1 2; }
    TaskScreen #gone { display: none; padding: 0 2; color: $warning; }
    TaskScreen.-gone #gone { display: block; }
    """

    def __init__(self, task_id: str) -> None:
        super().__init__()
        self.task_id = task_id

    def compose(self) -> ComposeResult:
        yield StatusLine(self.language, id="status")
        yield Static("", id="gone")
        with VerticalScroll(id="scroll"):
            yield Static("", id="detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#scroll").focus()
        # DataScreen.on_mount runs after this by itself (Textual calls each class's handler).

    def show_snapshot(self) -> None:
        snapshot = self.r57.snapshot
        if snapshot is None or not self.ready:
            return
        task = snapshot.task(self.task_id)
        # A task that left the feed keeps its last details, marked as gone.
        self.set_class(task is None, "-gone")
        if task is None:
            self.query_one("#gone", Static).update(
                tr("This task is no longer in the feed; shown as last seen.", self.language)
            )
            return
        self.query_one("#detail", Static).update(task_details(task, snapshot.feed, self.language))
