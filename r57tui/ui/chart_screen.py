"""The chart of what the agencies table shows: its agencies ranked by overdue count or
by overdue rate (`s`), or each agency group's tasks by state as a 100% bar (`v`).

`v` on the main screen opens it for the table in view (its group tab, its filter, the
kinds the config shows); the figures come from the same selection as the table and the
documents' charts (export/chart_data.py). Escape goes back to the same row; `e` writes
the table the chart pictures.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.widgets import Static

from ..export import TableSpec
from ..export.chart_data import ChartRow, RankedRow, by_group, ranked
from ..groups import GROUP_LABELS
from ..i18n.strings import tr, ui_text
from ..safety import one_line
from .footer import KeysFooter
from .rank_chart import ranked_bars, stacked_shares
from .screen_base import DataScreen
from .status import StatusLine

# Cells either side of the chart (its padding) and the scrollbar's.
MARGIN = 6
RANKED, SHARES = "ranked", "shares"
MEASURES = ("overdue", "overdue_rate")
TITLES = {
    "overdue": "Overdue tasks by agency",
    "overdue_rate": "Overdue rate by agency",
    SHARES: "Share of tasks by state, by agency group",
}


class ChartScreen(DataScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text("Back"), id="back"),
        Binding("s", "toggle_measure", ui_text("Count or rate"), id="chart_measure"),
        Binding("v", "next_chart", ui_text("Next chart"), id="next_chart"),
    ]
    DEFAULT_CSS = """
    ChartScreen #chart-title { padding: 0 2; text-style: bold; }
    ChartScreen #chart { padding: 1 2 0 2; }
    """

    def __init__(
        self, group: str = "all", kinds: tuple[str, ...] | None = None, query: str = ""
    ) -> None:
        super().__init__()
        self.group = group
        self.kinds = kinds
        self.query_text = query
        self.kind = RANKED
        self.measure = MEASURES[0]
        self.shown: tuple[RankedRow, ...] | tuple[ChartRow, ...] = ()  # the bars drawn

    def compose(self) -> ComposeResult:
        yield StatusLine(self.language, self.colours, id="status")
        yield Static("", id="chart-title")
        with VerticalScroll(id="scroll"):
            yield Static("", id="chart")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#scroll").focus()
        # DataScreen.on_mount runs after this by itself (Textual calls each class's handler).

    def on_resize(self, event: Resize) -> None:
        self.show_snapshot()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_measure":
            return self.kind == RANKED  # the groups' shares have one measure
        return super().check_action(action, parameters)

    def export_spec(self) -> TableSpec:
        """The agencies as the chart ranks them; the groups' chart, every group's."""
        if self.kind == SHARES:
            return TableSpec("agencies", kinds=self.kinds)
        return TableSpec(
            "agencies", group=self.group, kinds=self.kinds, query=self.query_text, sort=self.measure
        )

    def action_toggle_measure(self) -> None:
        self.measure = MEASURES[(MEASURES.index(self.measure) + 1) % len(MEASURES)]
        self.show_snapshot()

    def action_next_chart(self) -> None:
        self.kind = SHARES if self.kind == RANKED else RANKED
        self.refresh_bindings()
        self.show_snapshot()

    def chart_title(self) -> Text:
        """What the chart shows: `Overdue tasks by agency — Localities · filter “ha”`."""
        lang = self.language
        if self.kind == SHARES:
            return Text(tr(TITLES[SHARES], lang))
        label = "All agencies" if self.group == "all" else GROUP_LABELS[self.group]
        text = Text(f"{tr(TITLES[self.measure], lang)} — {tr(label, lang)}")
        if self.query_text:
            text.append(f" · {tr('filter', lang)} “{one_line(self.query_text, 200)}”")
        return text

    def show_snapshot(self) -> None:
        snapshot = self.r57.snapshot
        if snapshot is None or not self.ready:
            return
        feed, rollup, lang = snapshot.feed, snapshot.rollup, self.language
        width = max((self.size.width or 80) - MARGIN, 20)
        if self.kind == SHARES:
            groups = by_group(feed, rollup, lang, self.kinds)
            lines = stacked_shares(groups, width, self.colours, lang)
            self.shown = groups
        else:
            rows = ranked(
                feed,
                rollup,
                lang,
                by=self.measure,
                group=self.group,
                kinds=self.kinds,
                query=self.query_text,
            )
            lines = ranked_bars(rows, self.measure, width, self.colours, lang)
            self.shown = rows
        if not lines:
            lines = [Text(tr("No agency to chart.", lang))]
        self.query_one("#chart-title", Static).update(self.chart_title())
        self.query_one("#chart", Static).update(Group(*lines))
