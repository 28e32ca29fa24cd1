"""The indicators on the trends screen (`i` there): each indicator's recorded values
meeting by meeting as a sparkline, the latest, the target recorded with it and whether it
meets it, with the mark and the word (never colour alone); `v` or Enter draws its history
as a line against the target (line_chart.py), labelled by meeting."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import msgspec
from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from ..feed import Direction, Indicator
from ..history import IndicatorPoint
from ..i18n.dates import format_date
from ..i18n.strings import tr, ui_text
from ..safety import one_line
from ..views.indicator_trends import IndicatorTrend
from ..views.indicators import amount, judgement, number, with_unit
from .bar_chart import TARGET, Bar
from .fitting import FittedLine, Part
from .footer import KeysFooter
from .indicator_panel import RAG_MARKS, sparkline
from .keyed_table import KeyedTable
from .line_chart import line_chart
from .marks import ThemeColours
from .name_forms import cut
from .screen_base import DataScreen
from .status import StatusLine
from .trend_tables import NAME_LEAST, SPARK

NAME_LINES = 3


def recorded_target(indicator: Indicator, point: IndicatorPoint, language: str) -> str:
    """`≥50%`: the target a meeting recorded, the way the feed's direction reads it; "–"
    without one."""
    if point.target is None:
        return "–"
    sign = "≥" if indicator.direction is Direction.UP else "≤"
    return sign + with_unit(number(point.target, language), indicator.unit_for(language))


def as_recorded(row: IndicatorTrend) -> Indicator:
    """The indicator with the latest recorded value and target: what its judgement reads."""
    latest = row.latest
    return msgspec.structs.replace(row.indicator, value=latest.value, target=latest.target)


class IndicatorTrendTable(KeyedTable):
    """The indicators, a row each: name, sparkline of the recorded values, the latest,
    the target recorded with it, and the mark and word against it. A name wraps onto as
    many lines as it needs (up to NAME_LINES): it is what the eye looks for."""

    ROW_HEIGHT = None

    def __init__(self, language: str, colours: ThemeColours, **kwargs: object) -> None:
        super().__init__([], **kwargs)
        self.language = language
        self.colours = colours

    def show_indicators(self, rows: Sequence[IndicatorTrend], width: int) -> None:
        lang, style = self.language, self.colours.style
        made = []
        for row in rows:
            shown = as_recorded(row)
            mark, word, meaning = RAG_MARKS[row.standing]
            mark_style = style(meaning, bold=True) if meaning else style("muted")
            standing = Text(f"{mark} ", style=mark_style)
            standing.append(tr(word, lang) if word else "–")
            made.append(
                (
                    row.indicator.id,
                    one_line(row.indicator.display_name(lang), 200),
                    Text(sparkline(row.values, SPARK), style=style("trend")),
                    Text(amount(row.latest.value, shown, lang), justify="right"),
                    Text(recorded_target(row.indicator, row.latest, lang), justify="right"),
                    standing,
                )
            )
        labels = {
            "indicator": tr("Indicator", lang),
            "trend": tr("Trend", lang),
            "latest": tr("Latest", lang),
            "target": tr("Target", lang),
            "standing": tr("Against target", lang),
        }
        # Each column as wide as its widest cell; the names take what is left.
        widths = {key: cell_len(label) for key, label in labels.items()}
        for at, key in enumerate(labels, start=1):
            widths[key] = max([widths[key]] + [cell_len(_plain(item[at])) for item in made])
        rest = width - sum(w for key, w in widths.items() if key != "indicator") - 2 * 5 - 2
        widths["indicator"] = max(NAME_LEAST, min(rest, widths["indicator"]))
        self.set_columns(list(labels.items()), widths=widths)
        self.show(
            [(key, (_wrapped(name, widths["indicator"]), *cells)) for key, name, *cells in made]
        )


def _wrapped(name: str, width: int) -> Text:
    """The name on up to NAME_LINES lines of `width` cells, broken between words (a word
    wider than a line cut with an ellipsis); what does not fit ends the last line with
    an ellipsis."""
    lines: list[str] = []
    line = ""
    for word in name.split():
        joined = f"{line} {word}" if line else word
        if cell_len(joined) <= width or not line:
            line = joined
        else:
            lines.append(line)
            line = word
    lines.append(line)
    if len(lines) > NAME_LINES:
        lines[NAME_LINES - 1 :] = [" ".join(lines[NAME_LINES - 1 :])]
    return Text("\n".join(cut(each, width) for each in lines))


def _plain(cell: object) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


class IndicatorTrendChartScreen(DataScreen):
    """One indicator's recorded values, meeting by meeting, as a line against the target
    recorded last (dotted), with its judgement in words."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text("Back"), id="back"),
    ]
    DEFAULT_CSS = """
    IndicatorTrendChartScreen #indicator-trend-title,
    IndicatorTrendChartScreen #indicator-trend-chart { padding: 0 1; }
    IndicatorTrendChartScreen #indicator-trend-title { height: auto; }
    IndicatorTrendChartScreen #indicator-trend-chart { height: 1fr; }
    """

    def __init__(self, row: IndicatorTrend) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        yield StatusLine(self.language, self.colours, id="status")
        yield FittedLine(id="indicator-trend-title")
        yield Static("", id="indicator-trend-chart")
        yield KeysFooter()

    def on_resize(self) -> None:
        self.show_snapshot()

    def show_snapshot(self) -> None:
        if not self.ready:
            return
        lang, colours, row = self.language, self.colours, self.row
        shown = as_recorded(row)
        self.query_one("#indicator-trend-title", FittedLine).show_parts(
            [
                Part(Text(row.indicator.display_name(lang), style="bold"), lead="", shrink=20),
                Part(Text(tr("meeting by meeting", lang)), lead=" — ", drop=1),
            ]
        )
        width = max(self.size.width - 2, 20)
        said = judgement(shown, lang)
        points = [
            Bar(
                format_date(entry.as_of_date, lang),
                point.value,
                amount(point.value, shown, lang),
                at == len(row.points) - 1,
            )
            for at, (entry, point) in enumerate(row.points)
        ]
        mark, _, meaning = RAG_MARKS[said.rag]
        words = Text(f"{mark} ", style=colours.style(meaning, bold=True) if meaning else "")
        words.append(said.reason or said.rule)
        # The title, the values, the axis, the labels, the legend and the words.
        rows = max(self.size.height - 10, 2)
        lines = line_chart(
            points,
            width,
            rows,
            colours,
            target=row.latest.target,
            current_style=meaning or "trend",
        )
        if row.latest.target is not None:
            legend = Text(TARGET * 2 + " ", style=colours.style("muted"))
            legend.append(
                f"{tr('target', lang)} {recorded_target(row.indicator, row.latest, lang)}"
            )
            lines.append(legend)
        lines.append(words)
        self.query_one("#indicator-trend-chart", Static).update(Text("\n").join(lines))
