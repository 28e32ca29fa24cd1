"""One indicator: its whole name, value and unit, period, target and baseline, which way
is better, its red/amber/green mark and why in words, its history as a chart and as a
table (period, value, change), its note and the agency it belongs to.

Enter on an indicator (the indicators panel, the palette) opens it; Escape goes back.
The figures are redrawn from each new snapshot; an indicator that left the feed keeps
its last details, marked as gone.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.widgets import Static

from ..export import TableSpec
from ..feed import Direction, Feed, Indicator
from ..i18n.dates import format_due
from ..i18n.numbers import format_decimal
from ..i18n.strings import tr, ui_text
from ..indicators import places
from ..safety import one_line, printable
from ..views.indicators import (
    Point,
    amount,
    history_points,
    improved,
    judgement,
    number,
    target_text,
)
from .bar_chart import TARGET, Bar, bar_chart
from .footer import KeysFooter
from .indicator_panel import RAG_MARKS
from .line_chart import line_chart
from .marks import ThemeColours
from .screen_base import DataScreen
from .status import StatusLine
from .task_screen import agency_also

# The chart's height: a share of the screen's, within these bounds (a projector's 45 rows
# give tall bars; 24 rows leave the figures above it in view).
CHART_SHARE = 0.3
CHART_LEAST, CHART_MOST = 4, 14
# Cells either side of the detail (its padding) and the scrollbar's.
MARGIN = 6
NOTE_CHARS = 4_000


def period_text(period: str | None, language: str) -> str:
    """A period as the interface writes it (`09/2025`); feed text made printable, on one
    line (a period is a label under a bar and a cell of the table)."""
    return one_line(format_due(period, language), 20) if period else "–"


def change_text(point: Point, indicator: Indicator, language: str, colours: ThemeColours) -> Text:
    """`▲1,31` or `▼0,7`, in the good colour when it went the better way; empty for the
    first point."""
    if point.change is None:
        return Text("")
    if not point.change:
        return Text("=", style=colours.style("muted"))
    arrow = "▲" if point.change > 0 else "▼"
    figure = format_decimal(abs(point.change), places(point.change), language)
    good = improved(point.change, indicator)
    return Text(f"{arrow}{figure}", style=colours.style("good" if good else "bad"))


def history_table(indicator: Indicator, language: str, colours: ThemeColours) -> Table:
    """Period, value and change since the period before, oldest first; the indicator's
    own period in bold."""
    lang = language
    table = Table(box=None, padding=(0, 2), show_edge=False, header_style="bold")
    table.add_column(tr("Period", lang))
    table.add_column(tr("Value", lang), justify="right")
    table.add_column(tr("Change", lang), justify="right")
    for point in history_points(indicator):
        style = "bold" if point.own else ""
        table.add_row(
            Text(period_text(point.period, lang), style=style),
            Text(amount(point.value, indicator, lang), style=style),
            change_text(point, indicator, lang, colours),
        )
    return table


def chart_lines(
    indicator: Indicator,
    language: str,
    colours: ThemeColours,
    width: int,
    rows: int,
    *,
    line: bool = False,
) -> list[Text]:
    """The history as bars (or as a line), the target as a dotted line, and a line
    saying what is what."""
    lang = language
    mark = judgement(indicator, lang).rag
    meaning = RAG_MARKS[mark][2] or "trend"
    bars = [
        Bar(
            period_text(point.period, lang),
            point.value,
            number(point.value, lang, indicator.value),
            point.own,
        )
        for point in history_points(indicator)
    ]
    draw = line_chart if line else bar_chart
    lines = draw(bars, width, rows, colours, target=indicator.target, current_style=meaning)
    if indicator.target is not None:
        legend = Text(TARGET * 2 + " ", style=colours.style("muted"))
        legend.append(f"{tr('target', lang)} {target_text(indicator, lang)}")
        lines.append(legend)
    return lines


def details(
    indicator: Indicator,
    feed: Feed,
    language: str,
    colours: ThemeColours,
    width: int,
    rows: int,
    *,
    line: bool = False,
) -> RenderableType:
    lang = language
    said = judgement(indicator, lang)
    mark, _, meaning = RAG_MARKS[said.rag]
    mark_style = colours.style(meaning, bold=True) if meaning else colours.style("muted")
    name = Text(printable(indicator.display_name(lang)), style="bold")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")

    def row(label: str, value: Text | str) -> None:
        grid.add_row(Text(tr(label, lang)), value if isinstance(value, Text) else Text(value))

    row("Value", Text(amount(indicator.value, indicator, lang), style="bold"))
    row("Period", period_text(indicator.period, lang))
    row("Target", target_text(indicator, lang) or "–")
    row(
        "Baseline value",
        amount(indicator.baseline, indicator, lang) if indicator.baseline is not None else "–",
    )
    row("Better when", tr("higher" if indicator.direction is Direction.UP else "lower", lang))
    standing = Text(f"{mark} ", style=mark_style)
    if said.word:
        standing.append(said.word, style=mark_style)
        standing.append(f" · {said.reason}\n")
        standing.append(said.rule, style=colours.style("muted"))
    else:  # no target: the rule says so, once
        standing.append(said.rule)
    row("Against target", standing)
    row("Agency", agency_text(indicator, feed, lang))
    note = Text(printable(indicator.note[:NOTE_CHARS])) if indicator.note else Text("–")
    row("Note", note)
    parts: list[RenderableType] = [name, Text(""), grid, Text("")]
    parts.append(Text(tr("History", lang), style="bold underline"))
    parts.extend(chart_lines(indicator, lang, colours, width, rows, line=line))
    parts.append(Text(""))
    parts.append(history_table(indicator, lang, colours))
    return Group(*parts)


def agency_text(indicator: Indicator, feed: Feed, language: str) -> Text:
    """The agency's name as elsewhere (with its short form), or national when none."""
    if indicator.agency is None:
        return Text(tr("national (no agency)", language))
    text = Text(printable(feed.agency_name(indicator.agency, language)))
    also = agency_also(feed, indicator.agency, language)
    if also:
        text.append(f" ({printable(also)})")
    return text


class IndicatorScreen(DataScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text("Back"), id="back"),
        Binding("v", "toggle_line", ui_text("Line or bars"), id="indicator_line"),
    ]
    DEFAULT_CSS = """
    IndicatorScreen #detail { padding: 1 2; }
    IndicatorScreen #gone { display: none; padding: 0 2; color: $warning; }
    IndicatorScreen.-gone #gone { display: block; }
    """

    def __init__(self, indicator_id: str) -> None:
        super().__init__()
        self.indicator_id = indicator_id
        self._last: Indicator | None = None
        self.line = False  # the history as a line rather than bars (`v`)

    def compose(self) -> ComposeResult:
        yield StatusLine(self.language, self.colours, id="status")
        yield Static("", id="gone")
        with VerticalScroll(id="scroll"):
            yield Static("", id="detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#scroll").focus()
        # DataScreen.on_mount runs after this by itself (Textual calls each class's handler).

    def on_resize(self, event: Resize) -> None:
        self.show_snapshot()

    def action_toggle_line(self) -> None:
        self.line = not self.line
        self.show_snapshot()

    def export_spec(self) -> TableSpec:
        """Its history table: period, value, change."""
        return TableSpec("history", indicator=self.indicator_id)

    def indicator(self, feed: Feed) -> Indicator | None:
        return next((item for item in feed.indicators if item.id == self.indicator_id), None)

    def show_snapshot(self) -> None:
        snapshot = self.r57.snapshot
        if snapshot is None or not self.ready:
            return
        found = self.indicator(snapshot.feed)
        # One that left the feed keeps its last details, marked as gone.
        self.set_class(found is None, "-gone")
        if found is None:
            self.query_one("#gone", Static).update(
                tr("This indicator is no longer in the feed; shown as last seen.", self.language)
            )
        shown = found or self._last
        if shown is None:
            return
        self._last = shown
        width = max((self.size.width or 80) - MARGIN, 10)
        rows = round((self.size.height or 24) * CHART_SHARE)
        rows = min(max(rows, CHART_LEAST), CHART_MOST)
        self.query_one("#detail", Static).update(
            details(shown, snapshot.feed, self.language, self.colours, width, rows, line=self.line)
        )
