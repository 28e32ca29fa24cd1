"""CSV: UTF-8 with a BOM (so Excel opens Vietnamese right on a double click), one header
row, the chosen delimiter; each row also carries the feed's as-of time and source."""

from __future__ import annotations

import csv
import io

from ..i18n.dates import format_as_of
from ..i18n.strings import tr
from .cells import csv_cell, neutralise
from .meta import ExportMeta
from .tables import Table


def render_csv(table: Table, meta: ExportMeta, delimiter: str = ",") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    lang = meta.language
    as_of = format_as_of(meta.as_of, offset=True)
    source = neutralise(meta.source)
    writer.writerow(
        [column.header for column in table.columns]
        + [tr("Feed as of", lang), tr("Feed source", lang)]
    )
    for row in table.rows:
        writer.writerow(
            [csv_cell(value, column.kind) for value, column in zip(row, table.columns, strict=True)]
            + [as_of, source]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
