"""What the documents' charts draw, in one place: the workbook's charts sheet (native
Excel charts) and the report's pictures (svg_charts.py) draw the same figures, taken
from the roll-up as the screen's agencies table takes them."""

from __future__ import annotations

from typing import NamedTuple

from ..feed import Feed
from ..groups import GROUP_LABELS, GROUPS
from ..i18n.strings import tr
from ..rollup import Counts, Rollup
from ..views import agency_rows

MOST_OVERDUE = 10  # agencies in the chart of the most overdue


class ChartRow(NamedTuple):
    """One bar: an agency's or a group's name in the chart's language, and its tasks."""

    label: str
    counts: Counts


def most_overdue(feed: Feed, rollup: Rollup, language: str) -> tuple[ChartRow, ...]:
    """The agencies with the most overdue tasks, at most MOST_OVERDUE, most first; ties in
    the order the agencies list has them by default. Agencies with none are left out."""
    rows = agency_rows(feed, rollup, sort="overdue", language=language)
    worst = [row for row in rows if row.counts.overdue > 0][:MOST_OVERDUE]
    return tuple(ChartRow(row.agency.display_name(language), row.counts) for row in worst)


def by_group(feed: Feed, rollup: Rollup, language: str) -> tuple[ChartRow, ...]:
    """Each agency group's tasks (the screen's tabs: ministries, branches, localities,
    other), named in `language`; a group with no agency is left out."""
    out = []
    for group in GROUPS:
        if group.kinds is None:  # "all": the whole, not a group
            continue
        rows = agency_rows(feed, rollup, group=group.key, language=language)
        if rows:
            counts = sum((row.counts for row in rows), Counts())
            out.append(ChartRow(tr(GROUP_LABELS[group.key], language), counts))
    return tuple(out)
