"""Exports from the dashboard: the table in view (e), the dialog (E) and the screen as an
SVG and a PNG (S), written in a thread like the headless command writes them; a
notification gives the paths, or why not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import App

from ..baseline import Baseline
from ..config import Settings, export_folder
from ..export import TABLE_NAMES, TABLE_NAMES_WITH_BASELINE, NotesChoice, TableSpec
from ..export.files import ExportError, file_name, write_all
from ..export.meta import ExportMeta
from ..export.png import svg_to_png
from ..i18n.message import Message
from ..i18n.strings import tr
from ..views import Scope
from .dashboard import dashboard
from .export_choice import ExportChoice
from .snapshot import Snapshot

# The writers, the report's model, the table builders and the dialog are imported where
# an export is made: the start only names the tables it may export.


def export_meta(snapshot: Snapshot, source: str, language: str, now: datetime) -> ExportMeta:
    """The title block of an export of these figures."""
    feed, comparison = snapshot.feed, snapshot.comparison
    return ExportMeta(
        feed.title or "",
        feed.as_of,
        source,
        now,
        language,
        baseline=comparison.baseline.label if comparison else None,
        baseline_as_of=comparison.baseline.feed.as_of if comparison else None,
    )


def tables_for(spec: TableSpec, all_tables: bool, baseline: Baseline | None) -> list[TableSpec]:
    """This view, or every table with this view in its place (changes with a baseline)."""
    if not all_tables:
        return [spec]
    names = TABLE_NAMES_WITH_BASELINE if baseline else TABLE_NAMES
    return [spec if name == spec.table else TableSpec(name) for name in names]


class Exports:
    """What the dashboard writes. `snapshot` and `baseline` give what is on screen;
    `refused` says no (a read-only dashboard) and is asked before anything is written."""

    def __init__(
        self,
        app: App[Any],
        settings: Settings,
        language: str,
        source: str,
        *,
        snapshot: Callable[[], Snapshot | None],
        baseline: Callable[[], Baseline | None],
        refused: Callable[[], bool],
    ) -> None:
        self.app = app
        self.settings = settings
        self.language = language
        self.source = source
        self._snapshot, self._baseline, self._refused = snapshot, baseline, refused
        self.last_exports: list[Path] = []

    def meta(self) -> ExportMeta | None:
        snapshot = self._snapshot()
        if snapshot is None:
            return None
        return export_meta(snapshot, self.source, self.language, datetime.now().astimezone())

    def view(
        self,
        specs: list[TableSpec],
        fmt: str | None = None,
        folder: Path | None = None,
        notes: NotesChoice | None = None,
    ) -> None:
        """Write the tables in a thread; a notification gives the path, or why not. Task
        tables carry `notes` (the dialog's choice), else the settings' export.notes."""
        if self._refused():
            return
        specs = [replace(spec, notes=notes or self.settings.export.notes) for spec in specs]
        snapshot, meta = self._snapshot(), self.meta()
        if meta is None or snapshot is None:
            self.app.notify(tr("No figures to export yet.", self.language), severity="warning")
            return
        chosen = fmt or self.settings.export.format
        target = folder or export_folder(self.settings)
        app, lang = self.app, self.language
        # The report's trend, if any: the meetings of the source in view.
        history = dashboard(app).history_store
        from ..export import export_files
        from ..export.report_model import ReportOptions

        def write() -> None:
            try:
                exported = export_files(
                    specs,
                    snapshot.feed,
                    snapshot.rollup,
                    meta,
                    fmt=chosen,
                    folder=target,
                    delimiter=self.settings.export.csv_delimiter,
                    comparison=snapshot.comparison,
                    report=ReportOptions.of(self.settings, history.path, history.source),
                )
            except ExportError as exc:
                app.call_from_thread(
                    app.notify,
                    exc.text(lang),
                    title=tr("Export failed", lang),
                    severity="error",
                )
                return
            app.call_from_thread(self.exported, exported.paths)
            if exported.shortened is not None:
                app.call_from_thread(self._shortened, exported.shortened)

        app.run_worker(write, thread=True, group="export", exit_on_error=False)

    def report(self, scope: Scope) -> None:
        """W: the Word report of what is in view (the whole feed, a group, an agency, an
        owner), written as `export --format docx` writes it."""
        from ..export.report_scope import report_specs

        kinds = tuple(self.settings.show_kinds)
        self.view(report_specs(scope, kinds), "docx")

    def exported(self, paths: list[Path]) -> None:
        self.last_exports = paths
        self.app.notify(
            "\n".join(str(path.resolve()) for path in paths),
            title=tr("Exported", self.language),
            timeout=10,
        )

    def _shortened(self, where: Message) -> None:
        """Which cells were cut to what the format holds (limits.py)."""
        self.app.notify(
            where.text(self.language),
            title=tr("Exported, shortened", self.language),
            severity="warning",
            timeout=20,
        )

    def dialog(self, spec: TableSpec) -> None:
        """E: the format, this view or every table, and the folder."""
        from ..export.titles import view_title
        from .export_dialog import ExportDialog

        if self._refused():
            return

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                specs = tables_for(spec, choice.all_tables, self._baseline())
                self.view(specs, choice.fmt, choice.folder, choice.notes)

        snapshot = self._snapshot()
        if snapshot is None:
            self.app.notify(tr("No figures to export yet.", self.language), severity="warning")
            return
        # The view named in words ("Overdue tasks of Điện Biên"); the file keeps its slug.
        view = view_title(spec, snapshot.feed, self.language)
        self.app.push_screen(
            ExportDialog(
                self.settings.export.format,
                export_folder(self.settings),
                view,
                self.language,
                self.settings.export.notes,
            ),
            chosen,
        )

    def screenshot(self) -> None:
        """S: the screen as it is, as an SVG (Textual's own) and a PNG of it beside it
        (same name but the extension; older Word cannot place an SVG), written in a
        thread like every export. If the PNG cannot be drawn, the SVG is written alone
        and a warning says why."""
        if self._refused():
            return
        meta = self.meta()
        svg = self.app.export_screenshot()  # the screen now, before anything moves
        now = datetime.now().astimezone()
        name = file_name("screen", meta.as_of if meta else now, now, "svg")
        folder, app, lang = export_folder(self.settings), self.app, self.language

        def write() -> None:
            files = [(name, svg.encode("utf-8"))]
            try:
                files.append((name.removesuffix(".svg") + ".png", svg_to_png(svg)))
            except ExportError as exc:
                app.call_from_thread(
                    app.notify,
                    exc.text(lang),
                    title=tr("Screenshot saved as SVG only", lang),
                    severity="warning",
                    timeout=20,
                )
            try:
                paths = write_all(folder, files, one_stem=True)
            except ExportError as exc:
                app.call_from_thread(
                    app.notify,
                    exc.text(lang),
                    title=tr("Screenshot failed", lang),
                    severity="error",
                )
                return
            app.call_from_thread(self.exported, paths)

        app.run_worker(write, thread=True, group="export", exit_on_error=False)
