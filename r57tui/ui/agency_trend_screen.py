"""One agency's figures on the trends screen (Enter on its row), a row per recorded
meeting; `v` draws them as lines."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from ..feed import Agency
from ..i18n.strings import tr, ui_text
from ..views.trends import TrendHistory, snapshot_rows
from .fitting import FittedLine, Part
from .footer import KeysFooter
from .screen_base import DataScreen
from .status import StatusLine
from .trend_chart_screen import TrendChartScreen
from .trend_tables import SnapshotTable


class AgencyTrendScreen(DataScreen):
    """One agency's figures, a row per recorded meeting."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text("Back"), id="back"),
        Binding("v", "trend_chart", ui_text("Chart"), id="agency_trend_chart"),
    ]
    DEFAULT_CSS = """
    AgencyTrendScreen #agency-title { padding: 0 1; height: auto; }
    AgencyTrendScreen #agency-meetings { height: 1fr; }
    """

    def __init__(self, history: TrendHistory, agency: Agency) -> None:
        super().__init__()
        self.history = history
        self.agency = agency

    def compose(self) -> ComposeResult:
        yield StatusLine(self.language, self.colours, id="status")
        yield FittedLine(id="agency-title")
        yield SnapshotTable(self.language, self.colours, id="agency-meetings")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(SnapshotTable).focus()

    def show_snapshot(self) -> None:
        if not self.ready:
            return
        lang = self.language
        series = self.history.agencies.series.get(self.agency.id, ())
        rows = snapshot_rows(self.history.entries, series)
        self.query_one("#agency-title", FittedLine).show_parts(
            [
                Part(Text(self.agency.display_name(lang), style="bold"), lead="", shrink=20),
                Part(Text(tr("meeting by meeting", lang)), lead=" — ", drop=1),
            ]
        )
        replayed = self.r57.replayed_entry
        self.query_one(SnapshotTable).show_snapshots(rows, replayed.id if replayed else None)

    def action_trend_chart(self) -> None:
        series = self.history.agencies.series.get(self.agency.id, ())
        rows = snapshot_rows(self.history.entries, series)
        name = self.agency.display_name(self.language)
        self.app.push_screen(TrendChartScreen(rows, name))
