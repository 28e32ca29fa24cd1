"""A scope's counts as a table's cells: assigned, completed, of which late, on time,
overdue and the share completed — the agencies', owners' and trend tables alike — with
percentages rounded as the screen's headline rounds them."""

from __future__ import annotations

from decimal import Decimal

from ..rollup import Bucket, Counts
from .table_model import Cell

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
