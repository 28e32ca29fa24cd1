"""The data-quality findings of the feed: what was set aside or questioned, and where."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

from ..export import TableSpec
from ..feed import Finding
from ..i18n.numbers import format_int
from ..i18n.strings import tr, ui_text
from ..safety import one_line
from .keyed_table import KeyedTable
from .marks import style
from .screen_base import DataScreen
from .status import StatusLine

COLUMNS = [("code", "Finding"), ("where", "Where"), ("id", "Id"), ("message", "What")]


class FindingsTable(KeyedTable):
    def __init__(self, language: str, **kwargs: object) -> None:
        super().__init__([(key, tr(label, language)) for key, label in COLUMNS], **kwargs)
        self.language = language

    def show_findings(self, findings: list[Finding]) -> None:
        self.show(
            [
                (
                    str(i),
                    (
                        Text(tr(finding.code, self.language), style=style("notice", bold=True)),
                        Text(one_line(finding.where, 40)),
                        Text(one_line(finding.record_id or "", 30)),
                        Text(one_line(finding.text(self.language), 200)),
                    ),
                )
                for i, finding in enumerate(findings)
            ]
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
        yield StatusLine(self.language, id="status")
        yield Static("", id="summary")
        yield FindingsTable(self.language, id="findings")
        yield Footer()

    def export_spec(self) -> TableSpec:
        return TableSpec("findings")

    def on_mount(self) -> None:
        self.query_one(FindingsTable).focus()
        super().on_mount()

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
