"""The trend table: each recorded meeting's figures, the whole feed's first (a totals
row) and each agency's after it, read from the history as the trends screen reads it."""

from __future__ import annotations

from ..i18n.collation import sort_key
from ..i18n.numbers import format_int
from ..i18n.strings import tr
from ..rollup import Bucket, Counts
from ..views.trends import TrendHistory
from .count_cells import count_columns, counts_cells, percent
from .table_model import Cell, Column, Table


def _cells(counts: Counts) -> tuple[Cell, ...]:
    return (*counts_cells(counts), percent(counts, Bucket.OVERDUE))


def trend_table(history: TrendHistory | None, lang: str) -> Table:
    """One row per agency per snapshot, oldest snapshot first, each snapshot's rows led by
    the whole feed's ("Total"); the agencies in the order of their names."""
    columns = (
        Column("as_of", tr("Meeting as of", lang), "date"),
        Column("agency", tr("Agency", lang)),
        *count_columns(lang),
        Column("overdue_rate", tr("% overdue", lang), "percent"),
    )
    if history is None or not history.entries:
        title = tr("Trends of the recorded meetings: none recorded", lang)
        return Table("trend", title, columns, [])
    named = sorted(
        (
            (key, history.names[key])
            for key in history.agencies.series
            if key is not None and key in history.names
        ),
        key=lambda pair: sort_key(pair[1].display_name(lang)),
    )
    total_series = history.total.series.get(None, ())
    body: list[tuple[Cell, ...]] = []
    for at, entry in enumerate(history.entries):
        total = total_series[at] if at < len(total_series) else None
        if total is not None:
            body.append((entry.as_of_date, tr("Total", lang), *_cells(total)))
        for key, agency in named:
            counts = history.agencies.series[key][at]
            if counts is not None and counts.assigned:
                body.append((entry.as_of_date, agency.display_name(lang), *_cells(counts)))
    count = format_int(len(history.entries), lang)
    title = f"{tr('Trends of the recorded meetings', lang)} — {count} {tr('snapshots', lang)}"
    return Table("trend", title, columns, body, highlight="overdue")
