"""Snapshot tables for the minutes: CSV, XLSX, Markdown, JSON and HTML; the Word report.

One object per format, all of one protocol, in one registry (`FORMATS`, formats.py),
used by the dashboard's `e`/`E` and by the `export` command alike, so both write the same
files. Pure of textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..baseline import Comparison
from ..feed import Feed
from ..i18n.message import Message
from ..rollup import Rollup
from .files import ExportError, write_all
from .formats import FORMATS, ExportFormat, Snapshot
from .limits import Fitter
from .meta import ExportMeta
from .report_model import ReportOptions
from .report_scope import report_specs
from .table_model import (
    NOTES_CHOICES,
    TABLE_NAMES,
    TABLE_NAMES_WITH_BASELINE,
    NotesChoice,
    Table,
    TableSpec,
)
from .tables import build_table
from .titles import view_title

__all__ = [
    "FORMATS",
    "NOTES_CHOICES",
    "TABLE_NAMES",
    "TABLE_NAMES_WITH_BASELINE",
    "ExportError",
    "ExportFormat",
    "ExportMeta",
    "Exported",
    "NotesChoice",
    "ReportOptions",
    "Snapshot",
    "Table",
    "TableSpec",
    "build_table",
    "export_files",
    "report_specs",
    "view_title",
]


@dataclass(frozen=True, slots=True)
class Exported:
    paths: list[Path]
    shortened: Message | None = None  # where text was cut to fit the format, if anywhere


def export_files(
    specs: list[TableSpec],
    feed: Feed,
    rollup: Rollup,
    meta: ExportMeta,
    *,
    fmt: str,
    folder: Path,
    delimiter: str = ",",
    view: str | None = None,
    comparison: Comparison | None = None,
    report: ReportOptions | None = None,
) -> Exported:
    """Build the tables of `specs` and write them in `fmt` to `folder`: every file or none.

    Raises ExportError (one line) when the folder cannot be written or the format cannot
    hold a table.
    """
    form = FORMATS[fmt]
    tables = [build_table(spec, feed, rollup, meta.language, comparison) for spec in specs]
    fitter = Fitter(form.cells_of, meta.language)
    name = view or (specs[0].slug if len(specs) == 1 else "all")
    snapshot = Snapshot(
        specs, tables, feed, rollup, meta, name, delimiter, fitter, comparison, report
    )
    return Exported(write_all(folder, form.write(snapshot)), fitter.message())
