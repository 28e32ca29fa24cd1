"""A table as people read it, shared by CSV, XLSX, Markdown and HTML: an STT (row
number) column first, and every id column (a task's state, an agency's kind) in the
table's language. The JSON snapshot is a machine format and keeps the table as built:
its ids, and no row numbers."""

from __future__ import annotations

from dataclasses import replace

from ..i18n.strings import tr
from .table_model import Cell, Column, Table

STT = "stt"


def _worded(row: tuple[Cell, ...], words: list[dict[str, str] | None]) -> tuple[Cell, ...]:
    return tuple(
        value if mapping is None or not isinstance(value, str) else mapping.get(value, value)
        for value, mapping in zip(row, words, strict=True)
    )


def for_readers(table: Table, language: str) -> Table:
    """`table` numbered 1..n in an STT column, its ids written as words."""
    if table.columns and table.columns[0].key == STT:
        return table  # already made readable
    words = [dict(column.words) if column.words else None for column in table.columns]
    columns = (
        Column(STT, tr("No.", language), "ordinal"),
        *(Column(c.key, c.header, c.kind) for c in table.columns),
    )
    rows = [(n, *_worded(row, words)) for n, row in enumerate(table.rows, start=1)]
    totals = None if table.totals is None else ("", *_worded(table.totals, words))
    # replace(): whatever else the table carries (its name, title, highlight) goes along.
    return replace(table, columns=columns, rows=rows, totals=totals)
