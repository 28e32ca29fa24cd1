"""Snapshot tables for the minutes: CSV, XLSX, Markdown, JSON and HTML.

One declaration per format (`FORMATS`), used by the dashboard's `e`/`E` and by the
`export` command alike, so both write the same files. Pure of textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..baseline import Comparison
from ..feed import Feed
from ..i18n.message import Message
from ..rollup import Rollup
from .csv_format import render_csv
from .files import ExportError, file_name, write_all
from .html_format import render_html
from .json_format import render_json
from .limits import Fitter
from .markdown_format import render_markdown
from .meta import ExportMeta
from .tables import TABLE_NAMES, TABLE_NAMES_WITH_BASELINE, Table, TableSpec, build_table
from .xlsx_format import render_xlsx

__all__ = [
    "FORMATS",
    "TABLE_NAMES",
    "TABLE_NAMES_WITH_BASELINE",
    "ExportError",
    "ExportFormat",
    "ExportMeta",
    "Exported",
    "Table",
    "TableSpec",
    "build_table",
    "export",
    "export_files",
]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    id: str
    label: str
    ext: str
    one_table_per_file: bool
    render: Callable[..., bytes]
    cell_limit: bool = False  # shortens text to what a spreadsheet cell holds


@dataclass(frozen=True, slots=True)
class Exported:
    paths: list[Path]
    shortened: Message | None = None  # where text was cut to fit the format, if anywhere


FORMATS: dict[str, ExportFormat] = {
    "xlsx": ExportFormat("xlsx", "Excel workbook (XLSX)", "xlsx", False, render_xlsx, True),
    "csv": ExportFormat("csv", "CSV, one file per table", "csv", True, render_csv, True),
    "md": ExportFormat("md", "Markdown for the minutes", "md", False, render_markdown),
    "html": ExportFormat("html", "Printable web page (HTML)", "html", False, render_html),
    "json": ExportFormat("json", "JSON snapshot (a loadable feed)", "json", False, render_json),
}


def export(
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
) -> list[Path]:
    """The paths `export_files` wrote."""
    return export_files(
        specs,
        feed,
        rollup,
        meta,
        fmt=fmt,
        folder=folder,
        delimiter=delimiter,
        view=view,
        comparison=comparison,
    ).paths


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
) -> Exported:
    """Build the tables of `specs` and write them in `fmt` to `folder`: every file or none.

    Raises ExportError (one line) when the folder cannot be written or the format cannot
    hold a table.
    """
    form = FORMATS[fmt]
    tables = [build_table(spec, feed, rollup, meta.language, comparison) for spec in specs]
    generated: datetime = meta.generated_at
    # A CSV cell is cut for Excel, which opens it (limits.py).
    fitter = Fitter("Excel" if form.id == "csv" else form.id.upper(), meta.language)
    if form.one_table_per_file:
        files = [
            (
                file_name(spec.slug, meta.as_of, generated, form.ext),
                form.render(table, meta, delimiter, fitter),
            )
            for spec, table in zip(specs, tables, strict=True)
        ]
    else:
        name = view or (specs[0].slug if len(specs) == 1 else "all")
        if form.id == "json":
            data = form.render(feed, rollup, tables, meta)
        elif form.cell_limit:
            data = form.render(tables, meta, fitter)
        else:
            data = form.render(tables, meta)
        files = [(file_name(name, meta.as_of, generated, form.ext), data)]
    return Exported(write_all(folder, files), fitter.message())
