"""The indicators panel: for each indicator, its red/amber/green mark and name, then its
value with unit, target, change since the previous period, a sparkline and the period.

Two lines per indicator, so the panel reads at 46 columns beside the agencies table.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..feed import Direction, Indicator
from ..i18n.dates import format_due
from ..i18n.numbers import format_decimal
from ..i18n.strings import tr
from ..indicators import Rag, Standing, assess, decimals_of, places
from ..safety import one_line
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


def indicator_lines(
    item: Indicator, standing: Standing, language: str, colours: ThemeColours
) -> Text:
    lang, style = language, colours.style
    mark, word, meaning = RAG_MARKS[standing.rag]
    mark_style = style(meaning, bold=True) if meaning else "dim"
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{mark} ", style=mark_style)
    text.append(one_line(item.display_name(lang), 200), style="bold")
    text.append("\n  ")
    text.append(with_unit(number(item.value, lang), item.unit), style="bold")
    if item.target is not None:
        sign = "≥" if item.direction is Direction.UP else "≤"
        text.append(f"  {tr('target', lang)} {sign}{number(item.target, lang, item.value)} ")
        text.append(tr(word, lang), style=mark_style)
    if standing.change is not None:
        arrow = "▲" if standing.change > 0 else "▼" if standing.change < 0 else "="
        good = {True: style("good"), False: style("bad"), None: "dim"}[standing.improved]
        change = format_decimal(abs(standing.change), places(standing.change), lang)
        text.append(f"  {arrow}{change}", style=good)
    spark = sparkline(standing.series)
    if spark:
        text.append(f"  {spark}", style=style("trend"))
    if item.period:
        text.append(f"  {one_line(format_due(item.period, lang), 12)}", style="dim")
    return text


class IndicatorPanel(VerticalScroll):
    """Scrolls with the arrows when focused (Tab from the agencies table)."""

    DEFAULT_CSS = """
    IndicatorPanel > Static { padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, language: str, colours: ThemeColours, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.language = language
        self.colours = colours
        self._shown: list[Text] | None = None
        self._shown_items: list[Indicator] = []
        # The indicator the palette went to: drawn reversed until the panel loses focus.
        self.marked: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="indicator-lines")

    def show_indicators(self, indicators: list[Indicator]) -> None:
        self._shown_items = indicators
        lines = [
            indicator_lines(item, assess(item), self.language, self.colours) for item in indicators
        ]
        for item, line in zip(indicators, lines, strict=True):
            if item.id == self.marked:
                line.stylize("reverse")
        if lines == self._shown:
            return
        self._shown = lines
        body = Text("\n", no_wrap=True, overflow="ellipsis").join(lines)
        if not lines:
            body = Text(tr("This feed has no indicators.", self.language), style="dim")
        self.query_one("#indicator-lines", Static).update(body)

    def go_to(self, indicator_id: str) -> bool:
        """Mark that indicator and scroll it into view (its lines start at 2 a row);
        False when it is not shown."""
        ids = [item.id for item in self._shown_items]
        if indicator_id not in ids:
            return False
        self.marked = indicator_id
        self.show_indicators(self._shown_items)
        # After the next refresh: the panel may have only now been made visible, and
        # has no height to scroll in yet.
        y = 2 * ids.index(indicator_id)
        self.call_after_refresh(self.scroll_to, y=y, animate=False)
        return True

    def on_blur(self) -> None:
        if self.marked is not None:
            self.marked = None
            self.show_indicators(self._shown_items)
