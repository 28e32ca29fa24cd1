"""The trend as pictures: the share completed and the overdue count, meeting by meeting,
each as a line (line_chart.py) over the recorded meetings, for the whole feed (`v` on the
trends screen) or one agency (`v` on its own rows). The table it pictures is the screen
it was opened from; Escape goes back to it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from ..i18n.dates import format_date
from ..i18n.numbers import format_int, format_percent
from ..i18n.strings import tr, ui_text
from ..views.trends import SnapshotRow
from .bar_chart import Bar
from .fitting import FittedLine, Part
from .footer import KeysFooter
from .line_chart import line_chart
from .screen_base import DataScreen
from .status import StatusLine


class TrendChartScreen(DataScreen):
    """Two line charts of one scope across the recorded meetings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text("Back"), id="back"),
    ]
    DEFAULT_CSS = """
    TrendChartScreen #trend-chart-title, TrendChartScreen .trend-chart { padding: 0 1; }
    TrendChartScreen #trend-chart-title { height: auto; }
    TrendChartScreen .trend-chart { height: 1fr; }
    """

    def __init__(self, rows: list[SnapshotRow], subject: str) -> None:
        super().__init__()
        self.rows = rows  # oldest first, as views.trends makes them
        self.subject = subject  # the whole feed, or an agency's name

    def compose(self) -> ComposeResult:
        yield StatusLine(self.language, self.colours, id="status")
        yield FittedLine(id="trend-chart-title")
        yield Static("", id="completed-chart", classes="trend-chart")
        yield Static("", id="overdue-chart", classes="trend-chart")
        yield KeysFooter()

    def on_resize(self) -> None:
        self.show_snapshot()

    def show_snapshot(self) -> None:
        if not self.ready:
            return
        lang = self.language
        self.query_one("#trend-chart-title", FittedLine).show_parts(
            [
                Part(Text(self.subject, style="bold"), lead="", shrink=20),
                Part(Text(tr("meeting by meeting", lang)), lead=" — ", drop=1),
            ]
        )
        width = max(self.size.width - 2, 20)
        # Two charts share the height under the title: a heading, the values, the line
        # and the labels each.
        rows = max((self.size.height - 6) // 2 - 4, 2)
        completed = [
            Bar(
                format_date(row.entry.as_of_date, lang),
                float(row.completed_percent or 0),
                format_percent(row.completed_percent, 1, lang),
                index == len(self.rows) - 1,
            )
            for index, row in enumerate(self.rows)
        ]
        overdue = [
            Bar(
                format_date(row.entry.as_of_date, lang),
                float(row.counts.overdue),
                format_int(row.counts.overdue, lang),
                index == len(self.rows) - 1,
            )
            for index, row in enumerate(self.rows)
        ]
        colours = self.colours
        for selector, heading, points, style in (
            ("#completed-chart", "% completed", completed, "completed"),
            ("#overdue-chart", "Overdue tasks", overdue, "overdue"),
        ):
            lines = [Text(tr(heading, lang), style="bold")]
            lines += line_chart(points, width, rows, colours, line_style=style, current_style=style)
            self.query_one(selector, Static).update(Text("\n").join(lines))
