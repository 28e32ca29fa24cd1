"""The export formats: one protocol, one object per format, one registry (`FORMATS`).

What tells the formats apart (one file per table or one for all, what each renders from,
whose cell limit text is cut to) is said by each format's `write`, so the code that
exports, the `export` command and the dashboard's dialog never ask which format it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from ..feed import Feed
from ..rollup import Rollup, roll_up
from .csv_format import render_csv
from .files import file_name
from .html_format import render_html
from .json_format import render_json
from .limits import Fitter
from .markdown_format import render_markdown
from .meta import ExportMeta
from .table_model import Table, TableSpec
from .xlsx_format import render_xlsx


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a format writes: the tables built for the specs, and what they came from."""

    specs: list[TableSpec]
    tables: list[Table]
    feed: Feed
    rollup: Rollup
    meta: ExportMeta
    name: str  # a file holding every table is named for this: the view, the table or "all"
    delimiter: str  # CSV's
    fitter: Fitter  # shortens text to a cell's limit, and notes where

    def file_name(self, stem: str, ext: str) -> str:
        return file_name(stem, self.meta.as_of, self.meta.generated_at, ext)


class ExportFormat(Protocol):
    """A format the tables can be exported in."""

    id: str  # --format, the settings' export.format
    label: str  # English; the dialog shows it translated
    ext: str
    # Whose cell limit text is cut to, as the note of shortened cells names it.
    cells_of: str

    def write(self, snapshot: Snapshot) -> list[tuple[str, bytes]]:
        """The files to write: (name, content) each."""


def charted(snapshot: Snapshot) -> tuple[Feed, Rollup]:
    """The feed and roll-up the charts are drawn from: the tasks the export's tables show,
    so what the tables show, the charts show. The tasks table's rows (its scope, state,
    facets and filter) and the tasks led by the agencies table's rows (its group, kinds
    and filter), where the export has them; the whole feed when it shows all of it."""
    feed, rollup = snapshot.feed, snapshot.rollup
    keep = None
    for table in snapshot.tables:
        if table.name == "tasks":
            at = table.column("id")
            ids = {row[at] for row in table.rows}
            keep = [task for task in (feed.tasks if keep is None else keep) if task.id in ids]
        elif table.name == "agencies":
            at = table.column("agency_id")
            agencies = {row[at] for row in table.rows}
            tasks = feed.tasks if keep is None else keep
            keep = [task for task in tasks if task.agency in agencies]
    if keep is None or len(keep) == len(feed.tasks):
        return feed, rollup
    # A feed of those tasks alone: its own memo, never the whole feed's index.
    shown = replace(feed, tasks=keep, memo={}, reuse=None)
    return shown, roll_up(shown, due_soon_days=rollup.due_soon_days)


class Xlsx:
    id = "xlsx"
    label = "Excel workbook (XLSX)"
    ext = "xlsx"
    cells_of = "XLSX"

    def write(self, snapshot: Snapshot) -> list[tuple[str, bytes]]:
        # Charts of the agencies go with a workbook holding their table, not with a
        # list of one agency's tasks.
        with_agencies = any(table.name == "agencies" for table in snapshot.tables)
        charts = charted(snapshot) if with_agencies else None
        data = render_xlsx(snapshot.tables, snapshot.meta, snapshot.fitter, charts)
        return [(snapshot.file_name(snapshot.name, self.ext), data)]


class Csv:
    id = "csv"
    label = "CSV, one file per table"
    ext = "csv"
    cells_of = "Excel"  # which opens it (limits.py)

    def write(self, snapshot: Snapshot) -> list[tuple[str, bytes]]:
        meta, delimiter, fitter = snapshot.meta, snapshot.delimiter, snapshot.fitter
        return [
            (snapshot.file_name(spec.slug, self.ext), render_csv(table, meta, delimiter, fitter))
            for spec, table in zip(snapshot.specs, snapshot.tables, strict=True)
        ]


class Markdown:
    id = "md"
    label = "Markdown for the minutes"
    ext = "md"
    cells_of = "MD"  # no cell limit: nothing is cut

    def write(self, snapshot: Snapshot) -> list[tuple[str, bytes]]:
        data = render_markdown(snapshot.tables, snapshot.meta)
        return [(snapshot.file_name(snapshot.name, self.ext), data)]


class Html:
    id = "html"
    label = "Printable web page (HTML)"
    ext = "html"
    cells_of = "HTML"  # no cell limit: nothing is cut

    def write(self, snapshot: Snapshot) -> list[tuple[str, bytes]]:
        data = render_html(snapshot.tables, snapshot.meta)
        return [(snapshot.file_name(snapshot.name, self.ext), data)]


class Json:
    id = "json"
    label = "JSON snapshot (a loadable feed)"
    ext = "json"
    cells_of = "JSON"  # no cell limit: nothing is cut

    def write(self, snapshot: Snapshot) -> list[tuple[str, bytes]]:
        data = render_json(snapshot.feed, snapshot.rollup, snapshot.tables, snapshot.meta)
        return [(snapshot.file_name(snapshot.name, self.ext), data)]


# In the order the dialog lists them; `--format` and the settings name them by id.
_ALL: tuple[ExportFormat, ...] = (Xlsx(), Csv(), Markdown(), Html(), Json())
FORMATS: dict[str, ExportFormat] = {form.id: form for form in _ALL}
