"""CSV: UTF-8 with a BOM (so Excel opens Vietnamese right on a double click), one header
row, the chosen delimiter; each row also carries the feed's as-of time and source. A cell
is shortened to what an Excel cell holds (limits.py says why)."""

from __future__ import annotations

import csv
import io

from ..i18n.dates import format_as_of
from ..i18n.strings import tr
from .cells import csv_cell, neutralise
from .limits import Fitter, column_letters, id_column
from .meta import ExportMeta
from .readable import for_readers
from .table_model import Table


def render_csv(
    table: Table, meta: ExportMeta, delimiter: str = ",", fitter: Fitter | None = None
) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    lang = meta.language
    table = for_readers(table, lang)
    decimal_comma = delimiter == ";"
    # In the language's order, as the title block of every other format writes it: a
    # text for the reader (its offset keeps any spreadsheet from taking it for a date).
    as_of = format_as_of(meta.as_of, offset=True, language=lang)
    source = neutralise(meta.source)
    writer.writerow(
        [column.header for column in table.columns]
        + [tr("Feed as of", lang), tr("Feed source", lang)]
    )
    fitter = fitter or Fitter("CSV", lang)
    id_at = id_column(tuple(column.key for column in table.columns))
    # The totals row last, as in XLSX and Markdown (the agencies, the owners).
    rows = [*table.rows, *([table.totals] if table.totals is not None else [])]
    for r, row in enumerate(rows, start=2):
        cells = [
            csv_cell(value, column.kind, decimal_comma)
            for value, column in zip(row, table.columns, strict=True)
        ]
        for c, cell in enumerate(cells):
            if len(cell) * 2 > fitter.limit:
                record = "" if id_at is None else cells[id_at]
                where = f"{table.name}!{column_letters(c)}{r}"
                cells[c] = fitter.fit(cell, where, table.columns[c].header, record)
        writer.writerow([*cells, as_of, source])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
