"""XLSX with xlsxwriter: one sheet per table, a title block (feed, as-of, source,
generated), a frozen header row, fitted column widths, numbers as numbers, dates as
dates in the language's order, percentages as exact ratios shown as the screen rounds
them, overdue counts highlighted; sheets that print on A4 (xlsx_print.py) and a charts
sheet. Text is written as strings: never a formula. Text longer than a cell is
shortened, and a sheet of shortened cells lists where (limits.py)."""

from __future__ import annotations

import io
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from ..i18n.message import Message
from ..i18n.numbers import MINUS, format_int
from ..i18n.strings import tr
from ..indicators import decimals_of, places
from ..safety import one_line
from .cells import clean_lines, clean_text, display_cell
from .files import ExportError
from .limits import XLSX_ROWS, Fitter, column_letters, id_column
from .meta import ExportMeta
from .readable import for_readers
from .table_model import Cell, Table
from .xlsx_print import charts_sheet, print_setup, sheet_name, sheet_ref

if TYPE_CHECKING:
    # xlsxwriter has no type information (pyproject.toml lets mypy read it as untyped).
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from ..feed import Feed
    from ..rollup import Rollup

MAX_WIDTH = 60
# Text wider than this wraps in its column: a page one column of titles wide would print
# the tasks' sheet too small to read.
WRAP_WIDTH = 32
ROW_POINTS, MAX_LINES = 15, 27  # a line of the default font; a row holds at most 409 points
DATE_FORMATS = {"vi": "dd/mm/yyyy"}  # any other language: ISO order, as the screen


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


def render_xlsx(
    tables: list[Table],
    meta: ExportMeta,
    fitter: Fitter | None = None,
    charts: tuple[Feed, Rollup] | None = None,
) -> bytes:
    """The workbook; with `charts` (the feed and its roll-up), a charts sheet last."""
    import xlsxwriter  # 50 ms: imported when an XLSX is written, not at every start-up

    _check_rows(tables, meta)
    fitter = fitter or Fitter("XLSX", meta.language)
    out = io.BytesIO()
    # Every cell at the top of its row: a row made tall by wrapped text reads as one line.
    top = {"valign": "top"}
    options = {"in_memory": True, "strings_to_formulas": False, "default_format_properties": top}
    book = xlsxwriter.Workbook(out, options)
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
        "date": book.add_format({"num_format": DATE_FORMATS.get(meta.language, "yyyy-mm-dd")}),
        # The due column holds a day as a date and a month or a quarter as text: all of
        # it to the left, as text sits, so the column reads as one.
        "due": book.add_format(
            {"num_format": DATE_FORMATS.get(meta.language, "yyyy-mm-dd"), "align": "left"}
        ),
        "flag": book.add_format(
            {"num_format": "#,##0", "bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE"}
        ),
        "wrap": book.add_format({"text_wrap": True}),
        "total": book.add_format({"bold": True, "top": 2}),
        "total_int": book.add_format({"bold": True, "top": 2, "num_format": "#,##0"}),
        "total_percent": book.add_format({"bold": True, "top": 2, "num_format": "0%"}),
    }
    used: set[str] = set()
    block = meta.lines()  # once: each call makes the feed's title printable again
    for table in (for_readers(table, meta.language) for table in tables):
        name = sheet_name(table.name, meta.language, used)
        sheet = book.add_worksheet(name)
        sheet.write_string(0, 0, clean_text(block[0][1]), fmt["title"])
        for i, (label, value) in enumerate(block[1:], start=1):
            sheet.write_string(i, 0, label, fmt["label"])
            sheet.write_string(i, 1, clean_text(value))
        # Below the title block (four lines, five with a baseline): the table's title,
        # a blank row, then the header.
        title_row = len(block)
        title = fitter.fit(clean_text(table.title), f"{sheet_ref(name)}!A{title_row + 1}")
        sheet.write_string(title_row, 0, title, fmt["label"])
        header = title_row + 2
        widths = [len(column.header) for column in table.columns]
        # The first column (STT, narrow) also holds the title block's labels, each beside
        # its value: narrower than the longest, a printed sheet cut them ("Số liệ").
        widths[0] = max(widths[0], *(len(label) for label, _ in block[1:]))
        for col, column in enumerate(table.columns):
            sheet.write_string(header, col, column.header, fmt["header"])
        rows = list(table.rows)
        cells = _Cells(book, sheet, name, table, fmt, widths, meta.language, fitter)
        for r, row in enumerate(rows, start=header + 1):
            cells.row(r, row, total=False)
        if table.totals is not None:
            cells.row(header + 1 + len(rows), table.totals, total=True)
        sheet.freeze_panes(header + 1, 0)
        if rows:
            sheet.autofilter(header, 0, header + len(rows), len(table.columns) - 1)
        for col, width in enumerate(widths):
            if table.columns[col].kind in ("text", "lines") and width + 2 > WRAP_WIDTH:
                sheet.set_column(col, col, WRAP_WIDTH, fmt["wrap"])
            else:
                sheet.set_column(col, col, min(width + 2, MAX_WIDTH))
        print_setup(sheet, header)
    if fitter.shortened:
        _notes_sheet(book, fitter, meta, fmt, used)
    if charts is not None:
        charts_sheet(book, charts, block, meta.language, used, fmt)
    book.close()
    return out.getvalue()


def _notes_sheet(
    book: Workbook, fitter: Fitter, meta: ExportMeta, fmt: dict[str, Format], used: set[str]
) -> None:
    """Where the workbook shortened text: every cell, with its row's id."""
    lang = meta.language
    sheet = book.add_worksheet(sheet_name("notes", lang, used))
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
    print_setup(sheet, 3)


class _Cells:
    """Writes a table's rows: numbers as numbers, text shortened to what a cell holds."""

    def __init__(
        self,
        book: Workbook,
        sheet: Worksheet,
        name: str,
        table: Table,
        fmt: dict[str, Format],
        widths: list[int],
        language: str,
        fitter: Fitter,
    ) -> None:
        self.book, self.sheet, self.name, self.table, self.fmt = book, sheet, name, table, fmt
        self.widths, self.language, self.fitter = widths, language, fitter
        self.id_at = id_column(tuple(column.key for column in table.columns))
        self.shown: dict[tuple[str, bool], Format] = {}
        self.index = -1  # the row's place among the table's rows (the totals' last)
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
        self.index += 1
        lines = 1
        for c, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            shown = display_cell(value, column.kind, self.language)
            self.widths[c] = max(self.widths[c], *map(len, shown.split("\n")))
            if value is None or value == "":
                if total:
                    sheet.write_blank(r, c, None, fmt["total"])
                continue
            kind = column.kind
            if kind == "percent" and isinstance(value, int | float | Decimal):
                self.percent(r, c, Decimal(value), column.key, total=total)
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
                sheet.write_datetime(r, c, value, fmt["due" if column.key == "due" else "date"])
            else:
                text = "\n".join(clean_lines(value)) if kind == "lines" else clean_text(value)
                if len(text) * 2 > self.fitter.limit:
                    record = "" if self.id_at is None else str(row[self.id_at] or "")
                    where = f"{sheet_ref(self.name)}!{column_letters(c)}{r + 1}"
                    text = self.fitter.fit(text, where, column.header, clean_text(record))
                sheet.write_string(r, c, text, fmt["total"] if total else None)
                if kind in ("text", "lines"):
                    # A cell's own lines each wrap at the column's width.
                    width = WRAP_WIDTH - 4
                    wrapped = sum(max(1, -(-len(line) // width)) for line in text.split("\n"))
                    lines = max(lines, wrapped)
        if lines > 1:
            # Wrapped text takes the lines it needs when printed: a spreadsheet that
            # does not fit row heights on opening would print the lines over each other.
            sheet.set_row(r, ROW_POINTS * min(lines, MAX_LINES))

    def percent(self, r: int, c: int, shown: Decimal, key: str, *, total: bool) -> None:
        """The exact ratio (3/7 as 0.428571…) where the table has it, formatted as the
        screen's whole percent. Where the screen's rounding differs from Excel's (1,131
        of 1,132 is 99% on screen, never 100%), the cell shows the screen's figure as
        its format's text and still holds the exact ratio."""
        exact = self.table.exact.get(key)
        ratio: Fraction | None = exact[self.index] if exact else None
        if ratio is None:
            value = float(shown / 100)
            excel = shown
        else:
            value = float(ratio)
            excel = (Decimal(ratio.numerator) * 100 / ratio.denominator).quantize(
                Decimal(1), ROUND_HALF_UP
            )
        if excel == shown:
            style = self.fmt["total_percent" if total else "percent"]
        else:
            style = self._literal(f"{shown:f}", total)
        self.sheet.write_number(r, c, value, style)

    def _literal(self, shown: str, total: bool) -> Format:
        """A format whose text is the screen's percentage, whatever the ratio rounds to."""
        if (shown, total) not in self.shown:
            props: dict[str, object] = {"num_format": f'"{shown}%"'}
            if total:
                props.update({"bold": True, "top": 2})
            self.shown[(shown, total)] = self.book.add_format(props)
        return self.shown[(shown, total)]
