"""The data-quality findings of the feed: what was set aside or questioned, and where."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from ..export import TableSpec
from ..feed import Finding
from ..i18n.numbers import format_int
from ..i18n.strings import tr, ui_text
from ..safety import one_line
from .footer import KeysFooter
from .marks import ThemeColours
from .screen_base import DataScreen
from .status import StatusLine
from .virtual_table import Cells, Column, VirtualTable

COLUMNS = [("code", "Finding"), ("where", "Where"), ("id", "Id"), ("message", "What")]


class FindingsTable(VirtualTable):
    """A bad national feed can hold tens of thousands of findings: drawn as they show."""

    def __init__(self, language: str, colours: ThemeColours, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.language = language
        self.colours = colours
        self._findings: list[Finding] = []

    def show_findings(self, findings: list[Finding]) -> None:
        if findings is not self._findings or not self.columns:
            self._findings = findings
            lang = self.language

            def widest(values: list[str], cap: int) -> int:
                return min(cap, max((len(v) for v in values), default=0))

            kinds = {f.kind for f in findings}
            widths = {
                "code": max((len(tr(kind, lang)) for kind in kinds), default=8),
                "where": widest([f.where for f in findings[:5000]], 40),
                "id": widest([f.record_id or "" for f in findings[:5000]], 30),
                "message": 200,
            }
            self.set_columns(
                [
                    Column(key, tr(label, lang), max(widths[key], len(tr(label, lang))))
                    for key, label in COLUMNS
                ]
            )
        self.show([str(i) for i in range(len(findings))], self._cells)

    def _cells(self, key: str) -> Cells:
        finding = self._findings[int(key)]
        return (
            Text(tr(finding.kind, self.language), style=self.colours.style("notice", bold=True)),
            Text(one_line(finding.where, 40)),
            Text(one_line(finding.record_id or "", 30)),
            Text(one_line(finding.text(self.language), 200)),
        )


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
