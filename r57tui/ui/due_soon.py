"""Due soon: open tasks whose deadline falls within the horizon (`due_soon_days`), by lead
agency — the warning before they turn overdue. Enter opens the agency's due-soon tasks."""

from __future__ import annotations

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
    """Agencies with tasks due soon, fitted to the side panel's width: a long name is
    written on up to four lines rather than cut."""

    ROW_HEIGHT = None

    def __init__(self, language: str, colours: ThemeColours, **kwargs: object) -> None:
        super().__init__([(key, tr(label, language)) for key, label in COLUMNS], **kwargs)
        self.language = language
        self.colours = colours
        self._shown: tuple[Feed, Rollup] | None = None
        self._heights: list[list[str]] | None = None  # each row's name, as lines

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show_due_soon(*self._shown)

    def show_due_soon(self, feed: Feed, rollup: Rollup) -> None:
        self._shown = (feed, rollup)
        lang = self.language
        cells: list[tuple[str, Text, Text]] = []
        for agency, count, first in due_soon_rows(rollup):
            days = (first - rollup.as_of).days
            cells.append(
                (
                    agency,
                    Text(
                        format_int(count, lang),
                        style=self.colours.style("notice", bold=True),
                        justify="right",
                    ),
                    Text(
                        tr("today", lang)
                        if days == 0
                        else f"{format_int(days, lang)} {tr('d left', lang)}",
                        justify="right",
                    ),
                )
            )
        names = {
            agency: (
                (feed.agencies[agency].display_name(lang), feed.agencies[agency].short)
                if agency in feed.agencies
                else (agency, None)
            )
            for agency, _, _ in cells
        }
        labels = [(key, tr(label, lang)) for key, label in COLUMNS]
        headings = [cell_len(label) for _, label in labels]
        whole = max((name_widths(*name, lang)[0] for name in names.values()), default=0)
        needs = [
            ColumnNeed("agency", max(whole, headings[0]), minimum=8, priority=3, flexible=True),
            ColumnNeed("due_soon", max([headings[1]] + [c[1].cell_len for c in cells]), priority=2),
            ColumnNeed("next", max([headings[2]] + [c[2].cell_len for c in cells]), priority=1),
        ]
        # Room for a scrollbar only when the rows are more than the panel shows.
        width = self.size.width or 40
        for reserve in (0, self.styles.scrollbar_size_vertical):
            widths = fit_columns(needs, width - reserve)
            name_width = widths.get("agency", 14)
            heights = [name_lines(*names[c[0]], name_width, lang) for c in cells]
            if sum(map(len, heights)) + 1 <= self._rows_shown():
                break
        columns = [(key, label) for key, label in labels if key in widths]
        # Rows as tall as their names: drawn again when the lines of a name change.
        self.set_columns(
            columns,
            widths=widths,
            force=heights != self._heights,
        )
        self._heights = heights
        shown = [key for key, _ in self._columns]
        rows = []
        for (agency, tasks_cell, next_due), lines in zip(cells, heights, strict=True):
            row: dict[str, Text] = {
                "agency": Text("\n".join(lines)),
                "due_soon": tasks_cell,
                "next": next_due,
            }
            rows.append((agency, tuple(row[key] for key in shown)))
        self.show(rows)

    def _rows_shown(self) -> int:
        """The most lines the panel shows (its max-height), header included."""
        most = self.styles.max_height
        if most is None:
            return self.size.height
        if most.is_cells:
            return int(most.value)
        parent = self.parent.size if isinstance(self.parent, Widget) else self.size
        return int(most.resolve(self.size, parent).real)


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
