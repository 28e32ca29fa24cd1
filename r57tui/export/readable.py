"""A table as people read it, shared by CSV, XLSX, Markdown and HTML: an STT (row
number) column first, every id column (a task's state, an agency's kind) in the table's
language, and one due column as the feed meant it. The JSON snapshot is a machine format
and keeps the table as built: its ids, the raw due beside the deadline, no row numbers."""

from __future__ import annotations

from dataclasses import replace

from ..feed import parse_due
from ..i18n.dates import format_due
from ..i18n.strings import tr
from .table_model import Cell, Column, Table

STT = "stt"


def _worded(row: tuple[Cell, ...], words: list[dict[str, str] | None]) -> tuple[Cell, ...]:
    return tuple(
        value if mapping is None or not isinstance(value, str) else mapping.get(value, value)
        for value, mapping in zip(row, words, strict=True)
    )


def for_readers(table: Table, language: str) -> Table:
    """`table` numbered 1..n in an STT column, its ids written as words, its due dates
    in one column."""
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
    numbered = replace(table, columns=columns, rows=rows, totals=totals)
    return one_due_column(numbered, language)


def one_due_column(table: Table, language: str) -> Table:
    """The due column as the feed meant it: a day as a date (a cell Excel sorts and
    filters, written in the language's order where it is text), a month or a quarter as
    written ("06/2025", "Q2/2025" in Vietnamese). The deadline beside it (the last day a
    month or quarter allows) is the screen's reckoning, not the feed's words, so a table
    for people has one due column, not two."""
    keys = [column.key for column in table.columns]
    if "due" not in keys:
        return table
    due_at = keys.index("due")
    drop = keys.index("deadline") if "deadline" in keys else None

    def cells(row: tuple[Cell, ...]) -> tuple[Cell, ...]:
        out = list(row)
        value = row[due_at]
        if isinstance(value, str) and value:
            due = parse_due(value)
            out[due_at] = due.deadline if due.precision == "day" else format_due(due.text, language)
        if drop is not None:
            del out[drop]
        return tuple(out)

    columns = [replace(c, kind="date") if c.key == "due" else c for c in table.columns]
    if drop is not None:
        del columns[drop]
    rows = [cells(row) for row in table.rows]
    totals = cells(table.totals) if table.totals is not None else None
    return replace(table, columns=tuple(columns), rows=rows, totals=totals)
