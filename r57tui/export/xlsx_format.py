"""XLSX with xlsxwriter: one sheet per table, a title block (feed, as-of, source,
generated), a frozen header row, fitted column widths, numbers as numbers, percentages
as percentages, overdue counts highlighted. Text is written as strings: never a formula."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from .cells import clean_text, display_cell
from .meta import ExportMeta
from .tables import Table

MAX_WIDTH = 60


def _sheet_name(name: str, used: set[str]) -> str:
    base, n = name[:28], 1
    candidate = base
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate)
    return candidate


def render_xlsx(tables: list[Table], meta: ExportMeta) -> bytes:
    import xlsxwriter  # 50 ms: imported when an XLSX is written, not at every start-up

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    book.set_properties({"title": clean_text(meta.title), "comments": clean_text(meta.source)})
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
    for table in tables:
        sheet = book.add_worksheet(_sheet_name(table.name, used))
        sheet.write_string(0, 0, clean_text(meta.lines()[0][1]), fmt["title"])
        for i, (label, value) in enumerate(meta.lines()[1:], start=1):
            sheet.write_string(i, 0, label, fmt["label"])
            sheet.write_string(i, 1, clean_text(value))
        # Below the title block (four lines, five with a baseline): the table's title,
        # a blank row, then the header.
        title_row = len(meta.lines())
        sheet.write_string(title_row, 0, clean_text(table.title), fmt["label"])
        header = title_row + 2
        widths = [len(column.header) for column in table.columns]
        for col, column in enumerate(table.columns):
            sheet.write_string(header, col, column.header, fmt["header"])
        rows = list(table.rows)
        for r, row in enumerate(rows, start=header + 1):
            _write_row(sheet, r, row, table, fmt, widths, meta.language, total=False)
        if table.totals is not None:
            _write_row(
                sheet,
                header + 1 + len(rows),
                table.totals,
                table,
                fmt,
                widths,
                meta.language,
                total=True,
            )
        sheet.freeze_panes(header + 1, 0)
        if rows:
            sheet.autofilter(header, 0, header + len(rows), len(table.columns) - 1)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, min(width + 2, MAX_WIDTH))
    book.close()
    return out.getvalue()


def _write_row(sheet, r, row, table, fmt, widths, language, *, total):  # type: ignore[no-untyped-def]
    for c, (value, column) in enumerate(zip(row, table.columns, strict=True)):
        widths[c] = max(widths[c], len(display_cell(value, column.kind, language)))
        if value is None or value == "":
            if total:
                sheet.write_blank(r, c, None, fmt["total"])
            continue
        kind = column.kind
        if kind == "percent" and isinstance(value, int | float | Decimal):
            # The rounded percentage the screen shows, as a fraction Excel formats as 43%.
            style = fmt["total_percent" if total else "percent"]
            sheet.write_number(r, c, float(Decimal(value) / 100), style)
        elif kind in ("int", "number") and isinstance(value, int | float | Decimal):
            if total:
                style = fmt["total_int"]
            elif column.key == table.highlight and value > 0:
                style = fmt["flag"]
            else:
                style = fmt["int" if kind == "int" else "number"]
            sheet.write_number(r, c, float(value) if isinstance(value, Decimal) else value, style)
        elif kind == "date" and isinstance(value, date):
            sheet.write_datetime(r, c, value, fmt["date"])
        else:
            sheet.write_string(r, c, clean_text(value), fmt["total"] if total else None)
