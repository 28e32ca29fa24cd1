"""One task: every field, co-agencies by name, notes oldest first.

A field may be megabytes long (a picture pasted into a progress report): the screen shows
the start of each long text, says how much is left, and `v` opens the whole text in a
viewer that draws only the rows in view (text_viewer.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..feed import Feed, Task
from ..i18n.dates import format_date, format_due
from ..i18n.message import Message
from ..i18n.numbers import format_int
from ..i18n.strings import tr, ui_text
from ..rollup import DEFAULT_AT_RISK_DAYS
from ..safety import clipped, one_line, printable
from ..views.at_risk import risk_reason
from .footer import KeysFooter
from .marks import STATE_WORDS, ThemeColours
from .name_forms import short_form
from .screen_base import DataScreen
from .status import StatusLine
from .task_table import days_text
from .text_viewer import TextScreen

# Characters of one field shown here; the rest is read with `v`. Rich measures every
# character it wraps, so this bounds the time the screen takes to draw; a title or a
# name gets fewer, so the fields under it stay near the top.
FIELD_CHARS = 2_000
NOTE_CHARS = 24_000
# Characters of all the notes together; past it, the notes left are counted.
NOTES_CHARS = 48_000


class _Budget:
    """What a task's details may show, and whether anything was left out."""

    def __init__(self, language: str, read_key: str) -> None:
        self.language = language
        self.read_key = read_key
        self.shortened = False

    def text(self, value: str, limit: int = FIELD_CHARS, style: str = "") -> Text:
        """The start of `value`, literal, and how much more there is to read."""
        shown, more = clipped(value, limit)
        text = Text(shown, style=style)
        if more:
            self.left_out(text, "… {count} more characters — press {key} to read it all", more)
        return text

    def left_out(self, text: Text, template: str, count: int) -> None:
        self.shortened = True
        lang = self.language
        message = Message.of(template, count=format_int(count, lang), key=self.read_key)
        text.append(f" {message.text(lang)}", style="italic reverse")


def _literal(value: str | None, budget: _Budget) -> Text:
    return budget.text(value) if value else Text("–")


def task_details(
    task: Task,
    feed: Feed,
    language: str,
    colours: ThemeColours,
    read_key: str = "v",
    at_risk_days: int = DEFAULT_AT_RISK_DAYS,
) -> Table:
    """The task as a two-column table of label and value; feed text stays literal."""
    return _details(task, feed, _Budget(language, read_key), colours, at_risk_days)


def agency_also(feed: Feed, agency_id: str, language: str) -> str | None:
    """What follows an agency's name in a task's detail: its short form, the way the
    tables write it — not its id, a code of the feed; the id only for an agency the feed
    does not list (what the task wrote is all there is)."""
    agency = feed.agencies.get(agency_id)
    if agency is None:
        return agency_id
    if not agency.short:
        return None
    name = agency.display_name(language)
    short = short_form(name, agency.short, language)
    return short if short != name else None


def _details(
    task: Task,
    feed: Feed,
    budget: _Budget,
    colours: ThemeColours,
    at_risk_days: int = DEFAULT_AT_RISK_DAYS,
) -> Table:
    lang = budget.language
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")

    def row(label: str, value: Text) -> None:
        grid.add_row(Text(tr(label, lang)), value)

    def agency(agency_id: str) -> Text:
        name = budget.text(feed.agency_name(agency_id, lang))
        also = agency_also(feed, agency_id, lang)
        if also:
            name.append(f" ({printable(also)})")
        return name

    row("Id", Text(printable(task.id)))
    row("Title", budget.text(task.title, style="bold"))
    state = colours.state_text(task.state, lang)
    extra = days_text(task, lang, colours)
    if extra.plain:
        state.append(" · ")
        state.append_text(extra)
    row("State", state)
    # The early warning, and why: the same rule and words as the list of tasks at risk.
    why = risk_reason(task, feed.as_of_date, at_risk_days, lang)
    if why is not None:
        warning = Text(f"{tr('at risk', lang)}: ", style=colours.style("notice", bold=True))
        row("At risk", warning.append(why, style=colours.style("notice")))
    row("Lead agency", agency(task.agency))
    co = Text()
    for i, co_agency in enumerate(task.co_agencies[:100]):
        if i:
            co.append("; ")
        co.append_text(agency(co_agency))
    if len(task.co_agencies) > 100:
        budget.left_out(
            co,
            "… {count} more agencies — press {key} to read them all",
            len(task.co_agencies) - 100,
        )
    row("Co-agencies", co if task.co_agencies else Text("–"))
    row("Owner", _literal(task.owner, budget))
    row("Source", _literal(task.source, budget))
    row("Group", _literal(task.group, budget))
    row("Key task", Text(tr("yes" if task.key_task else "no", lang)))
    row(
        "Assigned on", _literal(format_date(task.assigned, lang) if task.assigned else None, budget)
    )
    due = (
        _literal(format_due(task.due, lang), budget)
        if task.due
        else Text(tr("ongoing (no deadline)", lang))
    )
    if task.due and task.deadline and task.deadline.isoformat() != task.due:
        due.append(f" ({tr('until', lang)} {format_date(task.deadline, lang)})", style="dim")
    row("Due", due)
    row(
        "Completed on",
        _literal(format_date(task.completed, lang) if task.completed else None, budget),
    )
    given = tr(STATE_WORDS[task.status], lang) if task.status else None
    row("Status given", _literal(given, budget))
    progress = None if task.progress is None else f"{format_int(task.progress, lang)}%"
    row("Progress", _literal(progress, budget))
    row("Notes", _notes(task, budget) if task.notes else Text("–"))
    return grid


def _notes(task: Task, budget: _Budget) -> Text:
    """Oldest first, until NOTES_CHARS are shown; the notes past it are counted."""
    lang = budget.language
    notes = Text()
    room = NOTES_CHARS
    ordered = sorted(task.notes, key=lambda n: n.date)
    for i, note in enumerate(ordered):
        if room <= 0:
            budget.left_out(
                notes, "… {count} more notes — press {key} to read them all", len(ordered) - i
            )
            break
        if i:
            notes.append("\n")
        notes.append(format_date(note.date, lang), style="bold")
        notes.append("  ")
        notes.append_text(budget.text(note.text, min(NOTE_CHARS, room)))
        room -= len(note.text) + 1
    return notes


def full_text(task: Task, feed: Feed, language: str) -> list[tuple[str, str]]:
    """Every text of the task, whole, as (text, style) for the viewer."""
    lang = language
    parts: list[tuple[str, str]] = []

    def section(label: str, *texts: str) -> None:
        parts.append((tr(label, lang), "bold underline"))
        parts.extend((text, "") for text in texts)
        parts.append(("", ""))

    def agency(agency_id: str) -> str:
        also = agency_also(feed, agency_id, lang)
        return (
            f"{feed.agency_name(agency_id, lang)} ({also})"
            if also
            else feed.agency_name(agency_id, lang)
        )

    section("Title", task.title)
    section("Lead agency", agency(task.agency))
    if task.co_agencies:
        section("Co-agencies", *map(agency, task.co_agencies))
    if task.owner:
        section("Owner", task.owner)
    if task.source:
        section("Source", task.source)
    if task.group:
        section("Group", task.group)
    if task.notes:
        parts.append((tr("Notes", lang), "bold underline"))
        for note in sorted(task.notes, key=lambda n: n.date):
            parts.append((format_date(note.date, lang), "bold"))
            parts.append((note.text, ""))
    return parts


class TaskScreen(DataScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text("Back"), id="back"),
        # Only where a text was shortened (hidden otherwise): see check_action.
        Binding("v", "read_all", ui_text("Read all"), id="read_all"),
        # Opened from a list: the next and previous task of it, as `]` and `[` step
        # through the main screen's groups (hidden otherwise: see check_action).
        Binding("right_square_bracket", "step(1)", ui_text("Next task"), id="next_task"),
        Binding("left_square_bracket", "step(-1)", ui_text("Previous task"), id="previous_task"),
    ]
    DEFAULT_CSS = """
    TaskScreen #place { padding: 0 2; color: $text-muted; }
    TaskScreen #detail { padding: 1 2; }
    TaskScreen #gone { display: none; padding: 0 2; color: $warning; }
    TaskScreen.-gone #gone { display: block; }
    """

    def __init__(
        self,
        task_id: str,
        within: Sequence[str] | None = None,
        stepped: Callable[[str], None] | None = None,
    ) -> None:
        """`within`: the ids of the list it was opened from, in that list's order and
        filters (] and [ step through them); `stepped`: told each task stepped to."""
        super().__init__()
        self.task_id = task_id
        self.shortened = False  # a text of the task is shown only in part
        self.within = within
        self._stepped = stepped
        self.at: int | None = None  # where the task stands in `within`
        if within is not None:
            try:
                self.at = within.index(task_id)
            except ValueError:
                self.at = None

    def compose(self) -> ComposeResult:
        yield StatusLine(self.language, self.colours, id="status")
        yield Static("", id="place")
        yield Static("", id="gone")
        with VerticalScroll(id="scroll"):
            yield Static("", id="detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#scroll").focus()
        # DataScreen.on_mount runs after this by itself (Textual calls each class's handler).

    def show_snapshot(self) -> None:
        snapshot = self.r57.snapshot
        if snapshot is None or not self.ready:
            return
        self._show_place()
        task = snapshot.task(self.task_id)
        # A task that left the feed keeps its last details, marked as gone.
        self.set_class(task is None, "-gone")
        if task is None:
            self.query_one("#gone", Static).update(
                tr("This task is no longer in the feed; shown as last seen.", self.language)
            )
            return
        budget = _Budget(self.language, self._read_key())
        self.query_one("#detail", Static).update(
            _details(task, snapshot.feed, budget, self.colours, snapshot.rollup.at_risk_days)
        )
        if budget.shortened != self.shortened:
            self.shortened = budget.shortened
            self.refresh_bindings()

    def _read_key(self) -> str:
        """The key that opens the whole text, as the config's [keys] may have remapped it."""
        keys = self.r57.settings.keys.get("read_all", "v")
        first = next(iter(Binding.make_bindings([Binding(keys, "read_all")])))
        return self.app.get_key_display(first)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "read_all":
            return self.shortened
        if action == "step":
            return self.at is not None
        return super().check_action(action, parameters)

    def _show_place(self) -> None:
        """`task 3 of 12` of the list it was opened from; nothing when from elsewhere."""
        place = self.query_one("#place", Static)
        place.display = self.within is not None and self.at is not None
        if self.within is not None and self.at is not None:
            lang = self.language
            where = tr("task {number} of {count} in the list", lang).format(
                number=format_int(self.at + 1, lang), count=format_int(len(self.within), lang)
            )
            place.update(Text(where))

    def action_step(self, step: int) -> None:
        """The next (1) or previous (-1) task of the list, without going back to it; at
        either end it stays (and says so by the bell)."""
        if self.within is None or self.at is None:
            return
        at = self.at + step
        if not 0 <= at < len(self.within):
            self.app.bell()
            return
        self.at, self.task_id = at, self.within[at]
        self.query_one("#scroll", VerticalScroll).scroll_home(animate=False)
        self.show_snapshot()
        if self._stepped is not None:
            self._stepped(self.task_id)

    def action_read_all(self) -> None:
        snapshot = self.r57.snapshot
        task = snapshot.task(self.task_id) if snapshot is not None else None
        if task is None or snapshot is None:
            return
        heading = f"{task.id}: {task.title}"
        parts = full_text(task, snapshot.feed, self.language)
        self.app.push_screen(TextScreen(one_line(heading, 200), parts))
