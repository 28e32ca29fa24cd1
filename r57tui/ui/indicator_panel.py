"""The indicators panel: for each indicator, its red/amber/green mark and name, then its
value with unit, target, change since the previous period, a sparkline and the period.

A name wraps by words onto as many lines as the panel's width needs, and the figures wrap
between whole parts: nothing is cut where the eye looks for the indicator.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widget import Widget

from ..feed import Direction, Indicator
from ..i18n.dates import format_due
from ..i18n.numbers import format_decimal
from ..i18n.strings import tr
from ..indicators import Rag, Standing, assess, decimals_of, places
from ..safety import one_line
from .fitting import Part, flow
from .marks import ThemeColours

# Mark and word: the mark is never told by colour alone.
RAG_MARKS = {
    Rag.GREEN: ("●", "met", "rag_green"),
    Rag.AMBER: ("◐", "near", "rag_amber"),
    Rag.RED: ("○", "off", "rag_red"),
    Rag.NONE: ("·", "", None),
}
SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(series: tuple[float, ...], width: int = 8) -> str:
    """The last `width` values as block heights between their minimum and maximum."""
    values = series[-width:]
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARKS[3] * len(values)
    top = len(SPARKS) - 1
    return "".join(SPARKS[round((v - low) / (high - low) * top)] for v in values)


def number(value: float, language: str, like: float | None = None) -> str:
    """The number with as many decimals as the feed gave (or as `like` has)."""
    decimals = max(decimals_of(value), decimals_of(like) if like is not None else 0)
    return format_decimal(value, decimals, language)


def with_unit(text: str, unit: str | None) -> str:
    if not unit:
        return text
    unit = one_line(unit, 20)
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


INDENT = "  "  # under the mark: a name's further lines and the figures


def indicator_lines(
    item: Indicator, standing: Standing, language: str, colours: ThemeColours, width: int
) -> list[Text]:
    """An indicator at `width` cells: its mark and name, wrapped by words onto as many
    lines as it needs, then its value, target, change, sparkline and period, wrapped
    between whole parts (a part wider than a line alone ends in an ellipsis)."""
    lang, style = language, colours.style
    mark, word, meaning = RAG_MARKS[standing.rag]
    mark_style = style(meaning, bold=True) if meaning else style("muted")
    room = max(width - len(INDENT), 1)
    name = Text(one_line(item.display_name(lang), 200), style="bold")
    lines = [Text(INDENT).append_text(line) for line in name.wrap(_console, room)]
    lines[0] = Text(f"{mark} ", style=mark_style).append_text(lines[0][len(INDENT) :])
    parts = [
        Part(Text(with_unit(number(item.value, lang), item.unit_for(lang)), style="bold"), lead="")
    ]
    if item.target is not None:
        sign = "≥" if item.direction is Direction.UP else "≤"
        target = Text(f"{tr('target', lang)} {sign}{number(item.target, lang, item.value)} ")
        parts.append(Part(target.append(tr(word, lang), style=mark_style), lead=GAP))
    if standing.change is not None:
        arrow = "▲" if standing.change > 0 else "▼" if standing.change < 0 else "="
        good = {True: style("good"), False: style("bad"), None: style("muted")}[standing.improved]
        change = format_decimal(abs(standing.change), places(standing.change), lang)
        parts.append(Part(Text(f"{arrow}{change}", style=good), lead=GAP))
    spark = sparkline(standing.series)
    if spark:
        parts.append(Part(Text(spark, style=style("trend")), lead=GAP))
    if item.period:
        period = Text(one_line(format_due(item.period, lang), 12), style=style("muted"))
        parts.append(Part(period, lead=GAP))
    lines += [Text(INDENT).append_text(line) for line in flow(parts, room)]
    return lines


GAP = "  "
_console = Console(width=200, color_system=None, file=io.StringIO())


class IndicatorLines(Widget):
    """Every indicator, laid out again for the width the panel gives it."""

    DEFAULT_CSS = """
    IndicatorLines { height: auto; padding: 0 1; }
    """

    def __init__(self, language: str, colours: ThemeColours, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.language = language
        self.colours = colours
        self.indicators: list[Indicator] = []
        # The indicator the palette went to: drawn reversed until the panel loses focus.
        self.marked: str | None = None
        self._laid_out: tuple[int, list[Text]] | None = None
        self._starts: dict[str, int] = {}  # each indicator's first row, as laid out

    def show(self, indicators: list[Indicator], marked: str | None = None) -> None:
        self.indicators = indicators
        self.marked = marked
        self._laid_out = None
        self.refresh(layout=True)

    def row_of(self, indicator_id: str) -> int | None:
        """The first row of that indicator at the width it is laid out for."""
        self.lines(self.content_size.width)
        return self._starts.get(indicator_id)

    def lines(self, width: int) -> list[Text]:
        if self._laid_out is None or self._laid_out[0] != width:
            lines: list[Text] = []
            self._starts = {}
            for item in self.indicators:
                self._starts.setdefault(item.id, len(lines))
                rows = indicator_lines(item, assess(item), self.language, self.colours, width)
                if item.id == self.marked:
                    for row in rows:
                        row.stylize("reverse")
                lines += rows
            if not self.indicators:
                lines = [
                    Text(
                        tr("This feed has no indicators.", self.language),
                        style=self.colours.style("muted"),
                    )
                ]
            self._laid_out = (width, lines)
        return self._laid_out[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Text:
        return Text("\n", no_wrap=True).join(self.lines(self.content_size.width))


class IndicatorPanel(VerticalScroll):
    """Scrolls with the arrows when focused (Tab from the agencies table)."""

    def __init__(self, language: str, colours: ThemeColours, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.language = language
        self.colours = colours
        self._shown: tuple[list[Indicator], dict[str, str]] | None = None

    def compose(self) -> ComposeResult:
        yield IndicatorLines(self.language, self.colours, id="indicator-lines")

    def show_indicators(self, indicators: list[Indicator]) -> None:
        shown = (indicators, dict(self.colours.table))
        if shown == self._shown:
            return
        self._shown = shown
        lines = self.query_one(IndicatorLines)
        lines.show(indicators, lines.marked)

    @property
    def marked(self) -> str | None:
        return self.query_one(IndicatorLines).marked

    def go_to(self, indicator_id: str) -> bool:
        """Mark that indicator and scroll it into view; False when it is not shown."""
        lines = self.query_one(IndicatorLines)
        if indicator_id not in {item.id for item in lines.indicators}:
            return False
        lines.show(lines.indicators, indicator_id)

        def scroll() -> None:
            # Laid out by then: the panel may have only now been made visible.
            row = lines.row_of(indicator_id)
            if row is not None:
                self.scroll_to(y=row, animate=False)

        self.call_after_refresh(scroll)
        return True

    def on_blur(self) -> None:
        lines = self.query_one(IndicatorLines)
        if lines.marked is not None:
            lines.show(lines.indicators)
