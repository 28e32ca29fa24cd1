"""The sources table of an export of several sources (issue 24): each source's own
counts, as its feed gives them and as of its own date, and how many of its tasks are
counted in another source (the same task, `same_as`); the totals row is the consolidated
feed's, so the rows less those counted elsewhere add up to it."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from ..consolidation import Consolidated
from ..i18n.strings import tr
from ..rollup import Bucket, Counts, Rollup, count_states
from .count_cells import count_columns, counts_cells
from .table_model import Cell, Column, Table


def _ratio(counts: Counts) -> Fraction | None:
    share = counts.share(Bucket.COMPLETED)
    return Fraction(share.part, share.whole) if share.whole else None


def sources_table(consolidated: Consolidated | None, rollup: Rollup, lang: str) -> Table:
    """One row a source (none when the export is of one feed), then the consolidated."""
    parts = consolidated.parts if consolidated is not None else ()
    elsewhere = (
        Counter(consolidated.origin_of(gone)[0] for gone in consolidated.duplicates)
        if consolidated is not None
        else Counter()
    )
    columns = (
        Column("feed_source", tr("Data source", lang)),
        Column("as_of", tr("Feed date", lang), "date"),
        *count_columns(lang),
        Column("counted_elsewhere", tr("Counted in another source", lang), "int"),
    )
    counts = [count_states(part.feed.tasks) for part in parts]
    body: list[tuple[Cell, ...]] = [
        (part.name, part.feed.as_of_date, *counts_cells(own), elsewhere[part.name])
        for part, own in zip(parts, counts, strict=True)
    ]
    as_of = consolidated.feed.as_of_date if consolidated is not None else None
    totals: tuple[Cell, ...] = (
        tr("Total", lang),
        None if consolidated is None or consolidated.mixed_dates else as_of,
        *counts_cells(rollup.total),
        sum(elsewhere.values()),
    )
    return Table(
        "sources",
        tr("Sources", lang),
        columns,
        body,
        totals=totals,
        highlight="overdue",
        exact={"percent_completed": (*map(_ratio, counts), _ratio(rollup.total))},
    )
