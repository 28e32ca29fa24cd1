"""Due soon: open tasks whose deadline falls within the horizon (`due_soon_days`), by lead
agency — the warning before they turn overdue. Enter opens the agency's due-soon tasks."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from ..feed import Feed
from ..i18n.numbers import format_int
from ..i18n.strings import tr
from ..rollup import Rollup
from ..safety import one_line
from .keyed_table import KeyedTable
from .marks import ThemeColours

# Sized for the 46-column panel beside the agencies, in Vietnamese too ("14 ngày còn
# lại" must show whole): the panel's title already says these tasks are due soon.
COLUMNS = [("agency", "Agency"), ("due_soon", "Tasks"), ("next", "Next due")]
NAME_WIDTH = 14


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
    def __init__(self, language: str, colours: ThemeColours, **kwargs: object) -> None:
        super().__init__([(key, tr(label, language)) for key, label in COLUMNS], **kwargs)
        self.language = language
        self.colours = colours

    def show_due_soon(self, feed: Feed, rollup: Rollup) -> None:
        lang = self.language
        rows = []
        for agency, count, first in due_soon_rows(rollup):
            days = (first - rollup.as_of).days
            rows.append(
                (
                    agency,
                    (
                        Text(one_line(feed.agency_name(agency, lang), NAME_WIDTH)),
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
                    ),
                )
            )
        self.show(rows)


def due_soon_title(rollup: Rollup, language: str) -> str:
    return (
        f"{tr('Due within', language)} {format_int(rollup.due_soon_days, language)} "
        f"{tr('days', language)}: {format_int(len(rollup.due_soon), language)} "
        f"{tr('open tasks', language)}"
    )
