"""What the documents' charts draw, in one place: the workbook's charts sheet (native
Excel charts) and the report's pictures (svg_charts.py) draw the same figures, taken
from the roll-up as the screen's agencies table takes them."""

from __future__ import annotations

from collections.abc import Iterable
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


class RankedRow(NamedTuple):
    """One bar of the screen's ranked chart: the agency (its id, for the cursor and the
    tests) and its name in the chart's language, and its tasks."""

    key: str
    label: str
    short: str | None
    counts: Counts


def ranked(
    feed: Feed,
    rollup: Rollup,
    language: str,
    *,
    by: str = "overdue",
    group: str = "all",
    kinds: Iterable[str] | None = None,
    query: str = "",
) -> tuple[RankedRow, ...]:
    """The agencies the agencies table shows (its group, kinds and filter), ranked by
    overdue count (`by="overdue"`) or by overdue rate (`"overdue_rate"`), most first;
    ties in the order the agencies list has them."""
    rows = agency_rows(
        feed, rollup, group=group, kinds=kinds, query=query, sort=by, language=language
    )
    return tuple(
        RankedRow(row.agency.id, row.agency.display_name(language), row.agency.short, row.counts)
        for row in rows
    )


def most_overdue(feed: Feed, rollup: Rollup, language: str) -> tuple[ChartRow, ...]:
    """The agencies with the most overdue tasks, at most MOST_OVERDUE, most first; ties in
    the order the agencies list has them by default. Agencies with none are left out."""
    worst = [row for row in ranked(feed, rollup, language) if row.counts.overdue > 0]
    return tuple(ChartRow(row.label, row.counts) for row in worst[:MOST_OVERDUE])


def by_group(
    feed: Feed, rollup: Rollup, language: str, kinds: Iterable[str] | None = None
) -> tuple[ChartRow, ...]:
    """Each agency group's tasks (the screen's tabs: ministries, branches, localities,
    other), named in `language`, of the agencies of `kinds` (all by default); a group
    with no agency is left out."""
    shown = tuple(kinds) if kinds is not None else None
    out = []
    for group in GROUPS:
        if group.kinds is None:  # "all": the whole, not a group
            continue
        rows = agency_rows(feed, rollup, group=group.key, kinds=shown, language=language)
        if rows:
            counts = sum((row.counts for row in rows), Counts())
            out.append(ChartRow(tr(GROUP_LABELS[group.key], language), counts))
    return tuple(out)
