"""The trends of the recorded meetings (`T`): the whole feed's figures meeting by meeting,
and each agency's trajectory — a sparkline across the meetings, its value at the meeting
measured from and at the last, and how far it moved — sortable by movement ("who improved
most since Q2"), filtered with `/`, by group with `[` `]`. Enter on a meeting replays it
on every screen; Enter on an agency opens its own rows.

With fewer than two meetings recorded the screen says how to record one, in words.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from ..export import TableSpec
from ..feed import FeedError
from ..groups import GROUP_KEYS, GROUP_LABELS
from ..history import HistoryError
from ..i18n.dates import format_date
from ..i18n.numbers import format_int
from ..i18n.strings import tr, ui_text
from ..views.trends import (
    COMPLETION,
    OVERDUE,
    TREND_SORTS,
    TrendHistory,
    agency_trends,
    national_rows,
    trend_history,
)
from ..views.warning_record import (
    WarningRecord,
    WarningTally,
    tally_words,
    warning_records,
    warning_words,
)
from .agency_trend_screen import AgencyTrendScreen
from .cursor_line import CursorLine, cursor_text
from .filter_bar import FilterBar
from .fitting import FittedLine, Part
from .footer import KeysFooter
from .indicator_trends import IndicatorTrendTable
from .keyed_table import KeyedTable
from .screen_base import TableScreen
from .status import StatusLine
from .table_messages import Drill
from .trend_chart_screen import TrendChartScreen
from .trend_tables import SnapshotTable, TrendTable
from .trends_indicators import TrendIndicators, empty_words


class TrendsScreen(TrendIndicators):
    # Nothing focused until the history is read: its tables may be hidden for good.
    AUTO_FOCUS = ""
    SORTS = TREND_SORTS
    COLUMN_SORTS: ClassVar[dict[str, str]] = {"agency": "name", "last": "latest"}

    def on_resize(self) -> None:
        self.show_snapshot()

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text("Back"), id="back"),
        Binding("slash", "filter", ui_text("Filter"), id="filter"),
        Binding("s", "cycle_sort", ui_text("Sort"), id="sort"),
        Binding("m", "measure_from", ui_text("Measure from"), id="measure_from"),
        Binding("o", "metric", ui_text("Completed / overdue"), id="metric"),
        Binding("v", "trend_chart", ui_text("Chart"), id="trend_chart"),
        Binding("i", "indicators", ui_text("Indicators / agencies"), id="trend_indicators"),
        Binding(
            "left_square_bracket",
            "group(-1)",
            ui_text("Prev group"),
            show=False,
            id="previous_group",
        ),
        Binding(
            "right_square_bracket", "group(1)", ui_text("Next group"), show=False, id="next_group"
        ),
        Binding("tab", "next_panel", ui_text("Panel"), show=False, id="next_panel"),
    ]
    HELP_NOTES: ClassVar[tuple[str, ...]] = (
        "Enter on a meeting shows the whole dashboard as it was then; < and > step to the "
        "meeting before or after, N comes back to the live figures.",
        *TableScreen.HELP_NOTES,
    )
    DEFAULT_CSS = """
    TrendsScreen #meetings { height: auto; max-height: 8; }
    TrendsScreen #trend-agencies, TrendsScreen #trend-indicators { height: 1fr; }
    TrendsScreen #trend-indicators { display: none; }
    TrendsScreen.-indicators #trend-indicators { display: block; }
    TrendsScreen.-indicators #trend-agencies { display: none; }
    TrendsScreen #meetings-title, TrendsScreen #agencies-title, TrendsScreen #empty,
    TrendsScreen #warning, TrendsScreen #warnings {
        padding: 0 1; height: auto;
    }
    TrendsScreen.-empty #meetings, TrendsScreen.-empty #trend-agencies,
    TrendsScreen.-empty #agencies-title, TrendsScreen.-empty #meetings-title,
    TrendsScreen.-empty #warning, TrendsScreen.-empty #warnings { display: none; }
    TrendsScreen #empty { display: none; }
    TrendsScreen.-empty #empty { display: block; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.history: TrendHistory | None = None
        self.warning: WarningRecord | None = None  # the last meeting's warning, judged now
        self.warnings: WarningTally | None = None  # every earlier meeting's, judged now
        self.problem: str | None = None
        self.metric = COMPLETION
        self.since = 0  # the meeting measured from, by its place (oldest first)
        self.group = "all"
        self.indicators = False  # the indicators under the meetings, not the agencies

    def compose(self) -> ComposeResult:
        lang, colours = self.language, self.colours
        yield StatusLine(lang, colours, id="status")
        yield Static("", id="empty")
        yield FittedLine(id="meetings-title")
        yield SnapshotTable(lang, colours, id="meetings")
        yield Static("", id="warnings")
        yield Static("", id="warning")
        yield FittedLine(id="agencies-title")
        yield TrendTable(lang, colours, id="trend-agencies")
        yield IndicatorTrendTable(lang, colours, id="trend-indicators")
        yield CursorLine("", id="cursor-line")
        yield FilterBar(tr("Filter agencies: name, former name or id", lang), id="filter")
        yield KeysFooter()

    def main_table(self) -> KeyedTable:
        """The table under the meetings: the agencies, or the indicators (`i`)."""
        if self.indicators:
            return self.query_one(IndicatorTrendTable)
        return self.query_one(TrendTable)

    def export_spec(self) -> TableSpec | None:
        if self.history is None or not self.history.entries:
            return None
        return TableSpec("trend", trend=self.history)

    def on_mount(self) -> None:
        self.set_class(True, "-empty")

    def on_screen_resume(self) -> None:
        # Read again each time it comes on top: a meeting recorded meanwhile (L) shows.
        self.run_worker(self._load(), group="trends", exclusive=True, exit_on_error=False)

    async def _load(self) -> None:
        store = self.r57.history_store
        # The figures on screen name the agencies the newest snapshot does not have.
        snapshot = self.r57.snapshot
        feed = snapshot.feed if snapshot is not None else None
        try:
            self.history = await asyncio.to_thread(trend_history, store, feed)
            if feed is not None:
                days = self.r57.settings.at_risk_days
                self.warning, self.warnings = await asyncio.to_thread(
                    warning_records, store, feed, days
                )
        except (HistoryError, FeedError) as exc:
            self.problem = exc.text(self.language)
        self.show_snapshot()

    def show_snapshot(self) -> None:
        if not self.ready:
            return
        lang = self.language
        history = self.history
        entries = history.entries if history is not None else ()
        empty = history is None or len(entries) < 2
        if empty != self.has_class("-empty"):
            self.set_class(empty, "-empty")
            # A hidden table's Enter is no key to offer; a shown one takes the keys.
            self.set_focus(None if empty else self.main_table())
            self.refresh_bindings()
        if empty:
            self.query_one("#empty", Static).update(
                empty_words(self.problem, self.history, len(entries), self.language)
            )
            return
        assert history is not None
        self.since = min(self.since, len(entries) - 2)
        meetings = national_rows(history.total)
        replayed = self.r57.replayed_entry
        mark = replayed.id if replayed is not None else None
        self.query_one(SnapshotTable).show_snapshots(meetings, mark)
        said = self.query_one("#warning", Static)
        # The warnings are the agencies' (their column): under the indicators, rows.
        said.display = self.warning is not None and not self.indicators
        if self.warning is not None:
            said.update(Text(warning_words(self.warning, lang)))
        first, last = entries[self.since], entries[-1]
        count = format_int(len(entries), lang)
        self.query_one("#meetings-title", FittedLine).show_parts(
            [
                Part(Text(tr("The whole feed, meeting by meeting", lang), style="bold"), lead=""),
                Part(Text(f"{count} {tr('recorded meetings', lang)}"), drop=2),
                Part(Text(f"({tr('Enter: show that meeting', lang)})"), drop=1, lead="  "),
            ]
        )
        if self.indicators:
            self._show_indicators(history)
            return
        rows = agency_trends(
            history.agencies,
            history.names,
            metric=self.metric,
            since=self.since,
            group=self.group,
            query=self.query_text,
            sort=self.sort,
            language=lang,
        )
        table = self.query_one(TrendTable)
        width = table.size.width or self.size.width or 80
        headings = (format_date(first.as_of_date, lang), format_date(last.as_of_date, lang))
        warned = self.warnings.by_agency if self.warnings is not None else None
        table.show_trends(rows, self.metric, headings, width, self.sorted_column(), warned)
        # Naming the column as the table heads it at this width.
        words = tally_words(self.warnings, lang, table.warned_heading) if self.warnings else ""
        counted = self.query_one("#warnings", Static)
        counted.display = bool(words)
        counted.update(Text(words))
        what = "% completed" if self.metric == COMPLETION else "Overdue"
        since = format_date(first.as_of_date, lang)
        self.query_one("#agencies-title", FittedLine).show_parts(
            [
                Part(Text(f"{tr(what, lang)} {tr('since', lang)} {since}", style="bold"), lead=""),
                Part(Text(tr(GROUP_LABELS[self.group], lang)), lead=" · "),
                Part(Text(f"{format_int(len(rows), lang)} {tr('agencies', lang)}"), drop=3),
                *self.view_notes(),
                # The way to the indicators, where the footer has no room for it.
                Part(Text(f"({tr('i: the indicators', lang)})"), drop=1, lead="  "),
            ]
        )

    # Actions --------------------------------------------------------------------------

    def action_measure_from(self) -> None:
        """The next earlier meeting to measure the movement from (after the oldest, the
        one before the last)."""
        if self.history is None or len(self.history.entries) < 2:
            return
        last_from = len(self.history.entries) - 2
        self.since = last_from if self.since == 0 else self.since - 1
        self.show_snapshot()

    def action_trend_chart(self) -> None:
        if self.indicators:
            self._open_indicator(self.query_one(IndicatorTrendTable).current_key())
            return
        if self.history is not None and len(self.history.entries) >= 2:
            rows = national_rows(self.history.total)
            self.app.push_screen(TrendChartScreen(rows, tr("All agencies", self.language)))

    def action_metric(self) -> None:
        self.metric = OVERDUE if self.metric == COMPLETION else COMPLETION
        self.show_snapshot()

    def action_group(self, step: int) -> None:
        keys = list(GROUP_KEYS)
        self.group = keys[(keys.index(self.group) + step) % len(keys)]
        self.show_snapshot()

    def action_next_panel(self) -> None:
        meetings = self.query_one(SnapshotTable)
        (self.main_table() if meetings.has_focus else meetings).focus()

    @on(KeyedTable.Drill, "#meetings")
    def _replay(self, event: Drill) -> None:
        if self.history is None:
            return
        entry = next((e for e in self.history.entries if str(e.id) == event.key), None)
        if entry is not None:
            self.r57.replay_entry(entry)
            # The dashboard underneath shows that meeting: where the figures are read.
            self.action_back()

    @on(KeyedTable.Drill, "#trend-agencies")
    def _open_agency(self, event: Drill) -> None:
        if self.history is None or event.key not in self.history.names:
            return
        self.app.push_screen(AgencyTrendScreen(self.history, self.history.names[event.key]))

    @on(KeyedTable.RowHighlighted, "#trend-agencies")
    def _cursor_moved(self, event: KeyedTable.RowHighlighted) -> None:
        history, key = self.history, event.row_key.value
        if history is None or key is None or key not in history.names:
            return
        name = history.names[key].display_name(self.language)
        self.query_one(CursorLine).show_text(cursor_text("", first=name))
