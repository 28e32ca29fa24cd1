"""Snapshot tables for the minutes: CSV, XLSX, Markdown, JSON and HTML; the Word report.

One object per format, all of one protocol, in one registry (`FORMATS`, formats.py),
used by the dashboard's `e`/`E` and by the `export` command alike, so both write the same
files. Pure of textual.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .table_model import (
    NOTES_CHOICES,
    TABLE_NAMES,
    TABLE_NAMES_WITH_BASELINE,
    NotesChoice,
    Table,
    TableSpec,
)

if TYPE_CHECKING:
    from ..baseline import Comparison
    from ..feed import Feed
    from ..i18n.message import Message
    from ..rollup import Rollup
    from .files import ExportError
    from .formats import FORMATS, ExportFormat, Snapshot
    from .meta import ExportMeta
    from .report_model import ReportOptions
    from .report_scope import report_specs
    from .tables import build_table
    from .titles import view_title

# The writers and the table builders, imported when first asked for: the dashboard
# names a table it may export (TableSpec) long before it writes one, and its start
# must not wait for every format.
_LATER = {
    "FORMATS": ".formats",
    "ExportFormat": ".formats",
    "Snapshot": ".formats",
    "ExportError": ".files",
    "ExportMeta": ".meta",
    "ReportOptions": ".report_model",
    "report_specs": ".report_scope",
    "build_table": ".tables",
    "view_title": ".titles",
}


def __getattr__(name: str) -> Any:
    where = _LATER.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(where, __name__), name)
    globals()[name] = value
    return value


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
    from .files import write_all
    from .formats import FORMATS, Snapshot
    from .limits import Fitter
    from .tables import build_table

    form = FORMATS[fmt]
    tables = [build_table(spec, feed, rollup, meta.language, comparison) for spec in specs]
    fitter = Fitter(form.cells_of, meta.language)
    name = view or (specs[0].slug if len(specs) == 1 else "all")
    snapshot = Snapshot(
        specs, tables, feed, rollup, meta, name, delimiter, fitter, comparison, report
    )
    return Exported(write_all(folder, form.write(snapshot)), fitter.message())
