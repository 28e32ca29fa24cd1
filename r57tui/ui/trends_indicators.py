"""The trends screen's indicators (`i` under the meetings): each indicator's recorded
values against its target, a line chart of one with `v` or Enter; which keys each half
of the screen takes; and the words the screen says when it has no trend to show. Apart
from TrendsScreen, which holds the meetings and the agencies."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.widgets import Static

from ..i18n.numbers import format_int
from ..i18n.strings import tr
from ..views.indicator_trends import IndicatorTrend, indicator_trends
from ..views.trends import TrendHistory
from .cursor_line import CursorLine, cursor_text
from .fitting import FittedLine, Part
from .indicator_trends import IndicatorTrendChartScreen, IndicatorTrendTable
from .keyed_table import KeyedTable
from .screen_base import TableScreen
from .table_messages import Drill


class TrendIndicators(TableScreen):
    """The indicators' half of the trends screen."""

    history: TrendHistory | None  # the recorded meetings (TrendsScreen reads them)
    indicators: bool  # the indicators are shown under the meetings, not the agencies

    # The keys of the tables, hidden while the screen says how to record a meeting instead.
    _TABLE_ACTIONS = frozenset(
        {
            "filter",
            "cycle_sort",
            "reverse_sort",
            "measure_from",
            "metric",
            "group",
            "next_panel",
            "trend_chart",
            "indicators",
        }
    )
    # The agencies' keys, which the indicators table has no use for (`e` writes the
    # trend table of the meetings and agencies: not what the indicators show).
    _AGENCY_ACTIONS = frozenset(
        {"cycle_sort", "reverse_sort", "measure_from", "metric", "group", "export", "export_dialog"}
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self._TABLE_ACTIONS and self.has_class("-empty"):
            return False
        if action in self._AGENCY_ACTIONS and self.indicators:
            return False
        return super().check_action(action, parameters)

    def _indicator_rows(self, history: TrendHistory) -> list[IndicatorTrend]:
        snapshot = self.r57.snapshot
        named = snapshot.feed.indicators if snapshot is not None else ()
        return indicator_trends(history.entries, history.indicators, named, query=self.query_text)

    def _show_indicators(self, history: TrendHistory) -> None:
        lang = self.language
        self.query_one("#warnings", Static).display = False
        rows = self._indicator_rows(history)
        table = self.query_one(IndicatorTrendTable)
        table.show_indicators(rows, table.size.width or self.size.width or 80)
        self.query_one("#agencies-title", FittedLine).show_parts(
            [
                Part(Text(tr("Indicators against their targets", lang), style="bold"), lead=""),
                Part(Text(f"{format_int(len(rows), lang)} {tr('indicators', lang)}"), drop=3),
                Part(Text(f"({tr('i: the agencies', lang)})"), drop=1, lead="  "),
                *self.view_notes()[1:],  # the filter; the agencies' sort is not theirs
            ]
        )

    def action_indicators(self) -> None:
        self.indicators = not self.indicators
        self.set_class(self.indicators, "-indicators")
        self.show_snapshot()
        self.main_table().focus()
        self.refresh_bindings()

    @on(KeyedTable.RowHighlighted, "#trend-indicators")
    def _indicator_cursor(self, event: KeyedTable.RowHighlighted) -> None:
        history, key = self.history, event.row_key.value
        if history is None or key is None:
            return
        row = next((r for r in self._indicator_rows(history) if r.indicator.id == key), None)
        if row is not None:
            name = row.indicator.display_name(self.language)
            self.query_one(CursorLine).show_text(cursor_text("", first=name))

    @on(KeyedTable.Drill, "#trend-indicators")
    def _drill_indicator(self, event: Drill) -> None:
        self._open_indicator(event.key)

    def _open_indicator(self, key: str | None) -> None:
        if self.history is None or key is None:
            return
        row = next((r for r in self._indicator_rows(self.history) if r.indicator.id == key), None)
        if row is not None:
            self.app.push_screen(IndicatorTrendChartScreen(row))


def empty_words(problem: str | None, history: TrendHistory | None, count: int, lang: str) -> str:
    """What the screen says instead of its tables: the history's problem, or how to record
    the meetings a trend needs."""
    if problem is not None:
        return problem
    if history is None:
        return tr("Reading the history of meetings…", lang)
    said = (
        tr("No meeting is recorded in the history yet.", lang)
        if count == 0
        else tr("Only one meeting is recorded in the history: a trend needs two.", lang)
    )
    how = tr(
        "Press L on the dashboard to record the figures in view (or run r57tui snapshot "
        "at each meeting); the trends appear here from the second meeting on.",
        lang,
    )
    return f"{said}\n\n{how}"
