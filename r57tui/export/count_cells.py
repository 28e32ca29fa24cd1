"""A scope's counts as a table's cells: assigned, completed, of which late, on time,
overdue and the share completed — the agencies', owners' and trend tables alike — with
percentages rounded as the screen's headline rounds them."""

from __future__ import annotations

from decimal import Decimal

from ..i18n.strings import tr
from ..rollup import Bucket, Counts
from .table_model import Cell, Column

PERCENT_DECIMALS = 0  # as the screen's headline and agencies table round


def percent(counts: Counts, bucket: Bucket) -> Decimal | None:
    return counts.share(bucket).percent(PERCENT_DECIMALS)


def counts_cells(counts: Counts) -> tuple[Cell, ...]:
    return (
        counts.assigned,
        counts.completed,
        counts.completed_late,
        counts.on_time,
        counts.overdue,
        percent(counts, Bucket.COMPLETED),
    )


def count_columns(lang: str) -> tuple[Column, ...]:
    """The columns `counts_cells` fills, in its order, headed in `lang`."""
    return (
        Column("assigned", tr("Assigned", lang), "int"),
        Column("completed", tr("Completed", lang), "int"),
        Column("completed_late", tr("Of which late", lang), "int"),
        Column("on_time", tr("On time", lang), "int"),
        Column("overdue", tr("Overdue", lang), "int"),
        Column("percent_completed", tr("% completed", lang), "percent"),
    )
