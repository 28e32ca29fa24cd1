"""The export formats: one protocol, one object per format, one registry (`FORMATS`).

What tells the formats apart (one file per table or one for all, what each renders from,
whose cell limit text is cut to) is said by each format's `write`, so the code that
exports, the `export` command and the dashboard's dialog never ask which format it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Protocol

from ..baseline import Comparison
from ..feed import Feed
from ..rollup import Rollup, roll_up
from .csv_format import render_csv
from .files import file_name
from .html_format import render_html
from .json_format import render_json
from .limits import Fitter
from .markdown_format import render_markdown
from .meta import ExportMeta
from .report_model import ReportOptions, recorded_completion
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
    comparison: Comparison | None = None  # the baseline's, when there is one
    report: ReportOptions | None = field(default=None)  # the Word report's settings

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
    return shown, roll_up(
        shown, due_soon_days=rollup.due_soon_days, at_risk_days=rollup.at_risk_days
    )


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


class Docx:
    id = "docx"
    label = "Word report (DOCX)"
    ext = "docx"
    cells_of = "DOCX"  # no cell limit: nothing is cut

    def write(self, snapshot: Snapshot) -> list[tuple[str, bytes]]:
        # python-docx is read only when a report is written, not at every start.
        from .docx_format import render_docx
        from .report_content import ReportRequest, build_report
        from .report_figures import report_figures
        from .report_scope import appendix_specs, report_scope

        options = snapshot.report or ReportOptions()
        scope = report_scope(snapshot.specs)
        feed, rollup, meta = snapshot.feed, snapshot.rollup, snapshot.meta
        kinds = next((spec.kinds for spec in snapshot.specs if spec.kinds), None)
        request = ReportRequest(
            feed,
            rollup,
            scope,
            meta.language,
            meta.generated_at.date(),
            comparison=snapshot.comparison,
            appendices=appendix_specs(snapshot.specs, scope),
            # The charts are of the whole feed: in its report, not in an agency's.
            figures=(
                report_figures(
                    feed,
                    rollup,
                    meta.language,
                    recorded_completion(options.history, options.source),
                )
                if scope.kind == "all"
                else ()
            ),
            issuer=options.issuer,
            fitter=snapshot.fitter,
            **({"kinds": kinds} if kinds else {}),
        )
        data = render_docx(build_report(request), options.template)
        name = "report" if scope.kind == "all" else f"report-{scope.kind}-{scope.key}"
        if scope.kind == "owner":
            name = "report-owner"  # an owner is a name from the feed, not a file name
        return [(snapshot.file_name(name, self.ext), data)]


# In the order the dialog lists them; `--format` and the settings name them by id.
_ALL: tuple[ExportFormat, ...] = (Xlsx(), Csv(), Markdown(), Html(), Json(), Docx())
FORMATS: dict[str, ExportFormat] = {form.id: form for form in _ALL}
