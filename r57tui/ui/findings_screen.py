"""The data-quality findings of the feed: what was set aside or questioned, and where."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from ..export import TableSpec
from ..feed import Finding
from ..i18n.numbers import format_int
from ..i18n.strings import tr, ui_text
from .column_widths import ColumnNeed, fit_columns
from .cursor_line import CursorLine, cursor_text
from .footer import KeysFooter
from .marks import ThemeColours
from .name_forms import cut, wrap_title
from .screen_base import DataScreen
from .status import StatusLine
from .table_messages import Highlighted
from .virtual_table import Cells, Column, VirtualTable

COLUMNS = [("code", "Finding"), ("where", "Where"), ("id", "Id"), ("message", "What")]
PRIORITIES = {"code": 90, "where": 70, "id": 60, "message": 100}
# What a finding says is read in the list: every row as tall as the longest of the first
# findings takes wrapped in its column (up to this many lines; the line under the table
# says the cursor's whole).
FINDING_LINES = 4


class FindingsTable(VirtualTable):
    """A bad national feed can hold tens of thousands of findings: drawn as they show."""

    def __init__(self, language: str, colours: ThemeColours, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.language = language
        self.colours = colours
        self._findings: list[Finding] = []
        self._needs: list[ColumnNeed] = []

    def show_findings(self, findings: list[Finding]) -> None:
        if findings is not self._findings or not self._needs:
            self._findings = findings
            lang = self.language

            def widest(values: list[str], cap: int) -> int:
                return min(cap, max((len(v) for v in values), default=0))

            # A bad feed's first findings size the columns: tens of thousands cost time.
            first = findings[:5000]
            kinds = {f.kind for f in findings}
            natural = {
                "code": max((cell_len(tr(kind, lang)) for kind in kinds), default=8),
                "where": widest([f.where for f in first], 40),
                "id": widest([f.record_id or "" for f in first], 30),
                "message": widest([f.text(lang) for f in first[:500]], 400),
            }
            self._needs = [
                ColumnNeed(
                    key,
                    max(natural[key], cell_len(tr(label, lang))),
                    minimum={"where": 12, "id": 8, "message": 20}.get(key),
                    priority=PRIORITIES[key],
                    flexible=key in ("where", "message"),
                    weight=3 if key == "message" else 1,
                )
                for key, label in COLUMNS
            ]
            self.refit()
        self.show([str(i) for i in range(len(findings))], self._cells)

    def finding(self, key: str) -> Finding | None:
        index = int(key)
        return self._findings[index] if 0 <= index < len(self._findings) else None

    def refit(self) -> None:
        if not self._needs:
            return
        widths = fit_columns(self._needs, self.available_width() or 120)
        width = widths.get("message", 0)
        self.set_row_lines(
            max(
                (
                    wrap_title(f.text(self.language), width, FINDING_LINES).count("\n") + 1
                    for f in self._findings[:500]
                ),
                default=1,
            )
            if width
            else 1
        )
        self.set_columns(
            [
                Column(key, cut(tr(label, self.language), widths[key]), widths[key])
                for key, label in COLUMNS
                if key in widths
            ]
        )

    def _cells(self, key: str) -> Cells:
        finding = self._findings[int(key)]
        widths = {column.key: column.width for column in self._columns}

        def fitted(key: str, text: str) -> Text:
            return Text(cut(text[:1000], widths.get(key, 40)))

        message = finding.text(self.language)[:1000]

        cells = {
            "code": Text(
                tr(finding.kind, self.language), style=self.colours.style("notice", bold=True)
            ),
            "where": fitted("where", finding.where),
            "id": fitted("id", finding.record_id or ""),
            # Wrapped by the table over its rows' lines, cut with "…" past the last.
            "message": Text(message) if self.row_lines > 1 else fitted("message", message),
        }
        return tuple(cells[column.key] for column in self._columns)


class FindingsScreen(DataScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text("Back"), id="back"),
    ]
    DEFAULT_CSS = """
    FindingsScreen #findings { height: 1fr; }
    FindingsScreen #summary { padding: 0 1; height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield StatusLine(self.language, self.colours, id="status")
        yield Static("", id="summary")
        yield FindingsTable(self.language, self.colours, id="findings")
        yield CursorLine("", id="cursor-line")
        yield KeysFooter()

    def export_spec(self) -> TableSpec:
        return TableSpec("findings")

    def on_mount(self) -> None:
        self.query_one(FindingsTable).focus()
        # DataScreen.on_mount runs after this by itself (Textual calls each class's handler).

    def show_snapshot(self) -> None:
        snapshot = self.r57.snapshot
        if snapshot is None or not self.ready:
            return
        findings = snapshot.feed.findings
        lang = self.language
        summary = (
            f"{format_int(len(findings), lang)} {tr('data-quality findings', lang)}: "
            + tr("records set aside or questioned; the figures count the rest.", lang)
            if findings
            else tr("No data-quality findings: every record of the feed was taken.", lang)
        )
        self.query_one("#summary", Static).update(summary)
        self.query_one(FindingsTable).show_findings(findings)

    @on(Highlighted, "#findings")
    def _cursor_moved(self, event: Highlighted) -> None:
        finding = self.query_one(FindingsTable).finding(event.key)
        if finding is not None:
            line = cursor_text(finding.text(self.language), first=finding.where)
            self.query_one(CursorLine).show_text(line)
