"""XLSX with xlsxwriter: one sheet per table, a title block (feed, as-of, source,
generated), a frozen header row, fitted column widths, numbers as numbers, percentages
as percentages, overdue counts highlighted. Text is written as strings: never a formula.
Text longer than a cell is shortened, and a notes sheet lists where (limits.py)."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ..i18n.message import Message
from ..i18n.numbers import MINUS, format_int
from ..i18n.strings import tr
from ..indicators import decimals_of, places
from ..safety import one_line
from .cells import clean_text, display_cell
from .files import ExportError
from .limits import XLSX_ROWS, Fitter, column_letters, id_column
from .meta import ExportMeta
from .readable import for_readers
from .table_model import Cell, Table

if TYPE_CHECKING:
    # xlsxwriter has no type information (pyproject.toml lets mypy read it as untyped).
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

MAX_WIDTH = 60


def _sheet_name(name: str, used: set[str]) -> str:
    base, n = name[:28], 1
    candidate = base
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate)
    return candidate


def _check_rows(tables: list[Table], meta: ExportMeta) -> None:
    """A table longer than a sheet is refused, not split: a second sheet would break
    sorting, filtering and totals over the table, and a reader could take the first
    sheet for all of it. CSV holds any number of rows."""
    block = len(meta.lines())
    for table in tables:
        needed = block + 3 + len(table.rows) + (table.totals is not None)
        if needed > XLSX_ROWS:
            lang = meta.language
            raise ExportError(
                Message.of(
                    "XLSX: the {table} sheet would need {rows} rows and a sheet holds at most"
                    " {limit}; export it as CSV, or filter it",
                    table=table.name,
                    rows=format_int(needed, lang),
                    limit=format_int(XLSX_ROWS, lang),
                )
            )


def render_xlsx(tables: list[Table], meta: ExportMeta, fitter: Fitter | None = None) -> bytes:
    import xlsxwriter  # 50 ms: imported when an XLSX is written, not at every start-up

    _check_rows(tables, meta)
    fitter = fitter or Fitter("XLSX", meta.language)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    book.set_properties(
        {"title": one_line(meta.title, 300), "comments": one_line(meta.source, 300)}
    )
    fmt = {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "label": book.add_format({"bold": True}),
        "header": book.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1}),
        "int": book.add_format({"num_format": "#,##0"}),
        "number": book.add_format({"num_format": "General"}),
        "percent": book.add_format({"num_format": "0%"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "flag": book.add_format(
            {"num_format": "#,##0", "bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE"}
        ),
        "total": book.add_format({"bold": True, "top": 2}),
        "total_int": book.add_format({"bold": True, "top": 2, "num_format": "#,##0"}),
        "total_percent": book.add_format({"bold": True, "top": 2, "num_format": "0%"}),
    }
    used: set[str] = set()
    block = meta.lines()  # once: each call makes the feed's title printable again
    for table in (for_readers(table, meta.language) for table in tables):
        name = _sheet_name(table.name, used)
        sheet = book.add_worksheet(name)
        sheet.write_string(0, 0, clean_text(block[0][1]), fmt["title"])
        for i, (label, value) in enumerate(block[1:], start=1):
            sheet.write_string(i, 0, label, fmt["label"])
            sheet.write_string(i, 1, clean_text(value))
        # Below the title block (four lines, five with a baseline): the table's title,
        # a blank row, then the header.
        title_row = len(block)
        title = fitter.fit(clean_text(table.title), f"{name}!A{title_row + 1}")
        sheet.write_string(title_row, 0, title, fmt["label"])
        header = title_row + 2
        widths = [len(column.header) for column in table.columns]
        for col, column in enumerate(table.columns):
            sheet.write_string(header, col, column.header, fmt["header"])
        rows = list(table.rows)
        cells = _Cells(sheet, name, table, fmt, widths, meta.language, fitter, book)
        for r, row in enumerate(rows, start=header + 1):
            cells.row(r, row, total=False)
        if table.totals is not None:
            cells.row(header + 1 + len(rows), table.totals, total=True)
        sheet.freeze_panes(header + 1, 0)
        if rows:
            sheet.autofilter(header, 0, header + len(rows), len(table.columns) - 1)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, min(width + 2, MAX_WIDTH))
    if fitter.shortened:
        _notes_sheet(book, fitter, meta, fmt, used)
    book.close()
    return out.getvalue()


def _notes_sheet(
    book: Workbook, fitter: Fitter, meta: ExportMeta, fmt: dict[str, Format], used: set[str]
) -> None:
    """Where the workbook shortened text: every cell, with its row's id."""
    lang = meta.language
    sheet = book.add_worksheet(_sheet_name("notes", used))
    message = fitter.message()
    sheet.write_string(0, 0, message.text(lang) if message else "", fmt["label"])
    sheet.write_string(1, 0, tr("The JSON snapshot keeps the whole text of every cell.", lang))
    headers = (tr("Cell", lang), tr("Column", lang), tr("Id", lang), tr("Characters", lang))
    for col, header in enumerate(headers):
        sheet.write_string(3, col, header, fmt["header"])
    # The message counts them all; past a sheet's rows the list stops.
    for r, cut in enumerate(fitter.shortened[: XLSX_ROWS - 4], start=4):
        sheet.write_string(r, 0, cut.where)
        sheet.write_string(r, 1, cut.column)
        sheet.write_string(r, 2, cut.record)
        sheet.write_number(r, 3, cut.length, fmt["int"])
    sheet.set_column(0, 2, 24)
    sheet.set_column(3, 3, 14)


class _Cells:
    """Writes a table's rows: numbers as numbers, text shortened to what a cell holds."""

    def __init__(
        self,
        sheet: Worksheet,
        name: str,
        table: Table,
        fmt: dict[str, Format],
        widths: list[int],
        language: str,
        fitter: Fitter,
        book: Workbook,
    ) -> None:
        self.sheet, self.name, self.table, self.fmt = sheet, name, table, fmt
        self.widths, self.language, self.fitter = widths, language, fitter
        self.id_at = id_column(tuple(column.key for column in table.columns))
        self.book = book
        self.signed: dict[tuple[int, bool], Format] = {}

    def _signed(self, value: int | float | Decimal, total: bool) -> Format:
        """A change stays a number, shown signed: +6, −2 (a real minus sign), ±0."""
        decimals = decimals_of(value) if isinstance(value, float) else 0
        if isinstance(value, Decimal):
            decimals = places(value)
        key = (decimals, total)
        if key not in self.signed:
            digits = "#,##0" + ("." + "0" * decimals if decimals else "")
            spec: dict[str, object] = {"num_format": f'"+"{digits};"{MINUS}"{digits};"±0"'}
            if total:
                spec |= {"bold": True, "top": 2}
            self.signed[key] = self.book.add_format(spec)
        return self.signed[key]

    def row(self, r: int, row: tuple[Cell, ...], *, total: bool) -> None:
        table, fmt, sheet = self.table, self.fmt, self.sheet
        for c, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            self.widths[c] = max(
                self.widths[c], len(display_cell(value, column.kind, self.language))
            )
            if value is None or value == "":
                if total:
                    sheet.write_blank(r, c, None, fmt["total"])
                continue
            kind = column.kind
            if kind == "percent" and isinstance(value, int | float | Decimal):
                # The rounded percentage the screen shows, as a fraction Excel formats as 43%.
                style = fmt["total_percent" if total else "percent"]
                sheet.write_number(r, c, float(Decimal(value) / 100), style)
            elif kind == "change" and isinstance(value, int | float | Decimal):
                sheet.write_number(r, c, float(value), self._signed(value, total))
            elif kind in ("int", "number", "ordinal") and isinstance(value, int | float | Decimal):
                if total:
                    style = fmt["total_int"]
                elif column.key == table.highlight and value > 0:
                    style = fmt["flag"]
                else:
                    style = fmt["int" if kind == "int" else "number"]
                number = float(value) if isinstance(value, Decimal) else value
                sheet.write_number(r, c, number, style)
            elif kind == "date" and isinstance(value, date):
                sheet.write_datetime(r, c, value, fmt["date"])
            else:
                text = clean_text(value)
                if len(text) * 2 > self.fitter.limit:
                    record = "" if self.id_at is None else str(row[self.id_at] or "")
                    where = f"{self.name}!{column_letters(c)}{r + 1}"
                    text = self.fitter.fit(text, where, column.header, clean_text(record))
                sheet.write_string(r, c, text, fmt["total"] if total else None)
