"""Due soon: open tasks whose deadline falls within the horizon (`due_soon_days`), by lead
agency — the warning before they turn overdue. Enter opens the agency's due-soon tasks.

The panel sits in the side column, a share of the width beside the agencies. Where every
name fits whole on one line beside the figures (a wide panel) it is a table: Agency,
Tasks, Next due. Where one does not, a column of its own would leave a name a third of the
panel, so each row is the name over the panel's whole width, wrapped by whole words, with
the figures in words ("1 task · due in 1 day") right-aligned on its last line, or on a line
of their own when that line has no room for them:

    Central Commission for Propaganda,
    Education and Mass Mobilisation
                 1 task  · due in 1 day
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from ..feed import Feed
from ..i18n.numbers import format_int
from ..i18n.strings import tr
from ..rollup import Rollup
from ..safety import printable
from .column_widths import ColumnNeed, fit_columns
from .keyed_table import KeyedTable
from .marks import ThemeColours
from .name_forms import LONGEST, fit_name, name_widths

# The panel's title already says these tasks are due soon.
COLUMNS = [("agency", "Agency"), ("due_soon", "Tasks"), ("next", "Next due")]
# A name that does not fit on one line is written on up to this many (whole beats
# short); past them it shows its short form.
NAME_LINES = 4
# What DataTable puts either side of a cell's text.
PADDING = 2


@dataclass(frozen=True, slots=True)
class DueRow:
    """One agency's tasks due soon: its names, how many, and days to the first deadline."""

    agency: str
    name: str
    short: str | None
    count: int
    days: int


@dataclass(frozen=True, slots=True)
class Layout:
    """The columns and rows to draw, and the lines they take."""

    columns: Sequence[tuple[str, str]]
    widths: dict[str, int]
    rows: Sequence[tuple[str, tuple[Text, ...]]]
    heights: tuple[int, ...]
    header: bool

    @property
    def lines(self) -> int:
        return sum(self.heights) + self.header


def due_soon_rows(rollup: Rollup) -> list[tuple[str, int, date]]:
    """(agency id, tasks due soon, the earliest deadline), most tasks first, then the
    earliest deadline, then the id."""
    tally: dict[str, list] = {}
    for task in rollup.due_soon:  # soonest first, each with a deadline
        entry = tally.setdefault(task.agency, [0, task.deadline])
        entry[0] += 1
    rows = [(agency, count, first) for agency, (count, first) in tally.items()]
    rows.sort(key=lambda row: (-row[1], row[2], row[0]))
    return rows


class DueSoonTable(KeyedTable):
    """Agencies with tasks due soon, fitted to the side panel's width: a table when every
    name fits whole on one line, else each name over the panel's width with its figures
    under or beside its last line (see the module's docstring)."""

    ROW_HEIGHT = None

    def __init__(self, language: str, colours: ThemeColours, **kwargs: object) -> None:
        super().__init__([(key, tr(label, language)) for key, label in COLUMNS], **kwargs)
        self.language = language
        self.colours = colours
        self._shown: tuple[Feed, Rollup] | None = None
        self._heights: tuple[int, ...] | None = None  # each row's lines, as last drawn

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show_due_soon(*self._shown)
        if not self.size.height and self.row_count:
            # Laid out while its rows were being measured (their heights come when the
            # table is idle): lay it out again, or it stays without a line.
            self.call_after_refresh(self.refresh, layout=True)

    def show_due_soon(self, feed: Feed, rollup: Rollup) -> None:
        self._shown = (feed, rollup)
        lang = self.language
        rows = []
        for agency, count, first in due_soon_rows(rollup):
            known = feed.agencies.get(agency)
            name, short = (known.display_name(lang), known.short) if known else (agency, None)
            rows.append(DueRow(agency, name, short, count, (first - rollup.as_of).days))
        # Room for a scrollbar only when the rows are more than the panel shows.
        width = self.size.width or 40
        for reserve in (0, self.styles.scrollbar_size_vertical):
            room = width - reserve
            layout = one_line(rows, room, lang, self.colours) or stacked(
                rows, room, lang, self.colours
            )
            if layout.lines <= self._rows_shown():
                break
        self.show_header = layout.header
        # Rows as tall as their names: drawn again when the lines of a row change.
        self.set_columns(
            layout.columns, widths=layout.widths, force=layout.heights != self._heights
        )
        self._heights = layout.heights
        self.show(layout.rows)

    def _rows_shown(self) -> int:
        """The most lines the panel shows (its max-height), header included."""
        most = self.styles.max_height
        if most is None:
            return self.size.height
        if most.is_cells:
            return int(most.value)
        parent = self.parent.size if isinstance(self.parent, Widget) else self.size
        return int(most.resolve(self.size, parent).real)


def one_line(
    rows: Sequence[DueRow], room: int, language: str, colours: ThemeColours
) -> Layout | None:
    """The table, when its three columns fit in `room` with every name whole on one
    line; else None."""
    labels = [(key, tr(label, language)) for key, label in COLUMNS]
    counts = [
        Text(
            format_int(r.count, language), style=colours.style("notice", bold=True), justify="right"
        )
        for r in rows
    ]
    nexts = [Text(next_due(r.days, language), justify="right") for r in rows]
    whole = max((name_widths(r.name, r.short, language)[0] for r in rows), default=0)
    heading = [cell_len(label) for _, label in labels]
    widths = fit_columns(
        [
            ColumnNeed("agency", max(whole, heading[0]), minimum=8, priority=3, flexible=True),
            ColumnNeed("due_soon", max([heading[1]] + [c.cell_len for c in counts]), priority=2),
            ColumnNeed("next", max([heading[2]] + [c.cell_len for c in nexts]), priority=1),
        ],
        room,
        PADDING,
    )
    if len(widths) < len(COLUMNS) or widths["agency"] < whole:
        return None
    cells = [
        (r.agency, (Text(fit_name(r.name, r.short, widths["agency"], language)), c, n))
        for r, c, n in zip(rows, counts, nexts, strict=True)
    ]
    return Layout(labels, widths, cells, (1,) * len(rows), header=True)


def stacked(rows: Sequence[DueRow], room: int, language: str, colours: ThemeColours) -> Layout:
    """One column the panel's width: each name wrapped by whole words, its figures
    right-aligned on its last line or under it."""
    width = max(room - PADDING, 1)
    figures = aligned_figures(rows, language, colours)
    cells = [
        (r.agency, (stacked_cell(name_lines(r.name, r.short, width, language), shown, width),))
        for r, shown in zip(rows, figures, strict=True)
    ]
    heights = tuple(len(cell.plain.split("\n")) for _, (cell,) in cells)
    columns = [("agency", tr("Agency", language))]
    return Layout(columns, {"agency": width}, cells, heights, header=False)


def next_due(days: int, language: str) -> str:
    """The table's Next due: `today` or `3 d left`."""
    if days == 0:
        return tr("today", language)
    return f"{format_int(days, language)} {tr('d left', language)}"


def figure_words(count: int, days: int, language: str) -> tuple[str, str, str]:
    """("3", "tasks", "due in 2 days"): a row's figures in words."""
    noun = tr("task" if count == 1 else "tasks", language)
    if days == 0:
        due = tr("due today", language)
    elif days == 1:
        due = tr("due in 1 day", language)
    else:
        due = tr("due in {days} days", language).format(days=format_int(days, language))
    return format_int(count, language), noun, due


def aligned_figures(rows: Sequence[DueRow], language: str, colours: ThemeColours) -> list[Text]:
    """Each row's `3 tasks · due in 2 days`, all as wide, the counts right-aligned and
    the dots one under another, so the eye runs down them as down a column."""
    words = [figure_words(r.count, r.days, language) for r in rows]
    tasks_width = max((cell_len(f"{count} {noun}") for count, noun, _ in words), default=0)
    due_width = max((cell_len(due) for _, _, due in words), default=0)
    shown = []
    for count, noun, due in words:
        text = Text(" " * (tasks_width - cell_len(f"{count} {noun}")))
        text.append(count, style=colours.style("notice", bold=True))
        text.append(f" {noun}")
        text.append(" · ", style=colours.style("muted"))
        text.append(due + " " * (due_width - cell_len(due)))
        shown.append(text)
    return shown


def stacked_cell(lines: Sequence[str], figures: Text, width: int) -> Text:
    """The name's lines, the figures right-aligned on the last one when it has room for
    them two cells clear of the name, else on a line of their own."""
    text = Text("\n".join(lines[:-1]) + "\n" if len(lines) > 1 else "")
    last = lines[-1] if lines else ""
    gap = width - cell_len(last) - figures.cell_len
    if gap >= 2:
        text.append(last + " " * gap)
    else:
        text.append(f"{last}\n" + " " * max(width - figures.cell_len, 0))
    text.append_text(figures)
    return text


def name_lines(name: str, short: str | None, width: int, language: str) -> list[str]:
    """The name on as few lines of `width` as it takes, up to NAME_LINES, words whole;
    else its short form on one line."""
    lines = wrap_words(name, width)
    if len(lines) <= NAME_LINES and all(cell_len(line) <= width for line in lines):
        return lines
    return [fit_name(name, short, width, language)]


def wrap_words(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in printable(" ".join(text[:LONGEST].split())).split(" "):
        if lines and cell_len(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def due_soon_title(rollup: Rollup, language: str) -> str:
    return (
        f"{tr('Due within', language)} {format_int(rollup.due_soon_days, language)} "
        f"{tr('days', language)}: {format_int(len(rollup.due_soon), language)} "
        f"{tr('open tasks', language)}"
    )
