"""The indicators panel: a table of the indicators, each row its red/amber/green mark and
name, then its value with unit, target, change since the previous period, a sparkline and
the period. Enter opens the indicator (indicator_screen.py); `s` sorts, `/` filters.

A name wraps by words onto as many lines as the panel's width needs, and the figures wrap
between whole parts: nothing is cut where the eye looks for the indicator.
"""

from __future__ import annotations

import io
from typing import ClassVar

from rich.console import Console
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Input

from ..feed import Direction, Indicator
from ..i18n.dates import format_due
from ..i18n.message import Message
from ..i18n.numbers import format_decimal, format_int
from ..i18n.strings import tr, ui_text
from ..indicators import Rag, Standing, assess, places
from ..safety import one_line
from ..views.indicators import INDICATOR_SORTS, indicator_rows, number, with_unit
from ..views.sorts import next_sort, sort_by_id
from .filter_bar import FilterBar
from .fitting import FittedLine, Part, flow
from .keyed_table import KeyedTable
from .marks import ThemeColours
from .table_messages import Drill

# Mark and word: the mark is never told by colour alone.
RAG_MARKS = {
    Rag.GREEN: ("●", "met", "rag_green"),
    Rag.AMBER: ("◐", "near", "rag_amber"),
    Rag.RED: ("○", "off", "rag_red"),
    Rag.NONE: ("·", "", None),
}
SPARKS = "▁▂▃▄▅▆▇█"
# What DataTable puts either side of a cell's text.
PADDING = 2


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
    # The mark alone in its colour: as the line's base style it coloured the name's first
    # line too, and only that one.
    first = Text()
    first.append(f"{mark} ", style=mark_style)
    lines[0] = first.append_text(lines[0][len(INDENT) :])
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
# The row shown where no indicator is: nothing to open.
EMPTY = "\0empty"


class IndicatorPanel(KeyedTable):
    """The indicators as rows of a table, each its mark and name wrapped by words, over
    its figures (`indicator_lines`), laid out again for the panel's width. It takes focus
    (Tab), moves like any table, Enter opens the indicator; `s` cycles its sort (the
    feed's order, worst against target first, name) and `/` filters it by name, ignoring
    case and diacritics. The title above it says what the list holds."""

    ROW_HEIGHT = None
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "cycle_sort", ui_text("Sort"), id="sort"),
        Binding("slash", "filter", ui_text("Filter"), id="filter"),
        Binding("escape", "clear_filter", ui_text("Clear filter"), show=False, id="clear_filter"),
    ]

    def __init__(self, language: str, colours: ThemeColours, **kwargs: object) -> None:
        super().__init__([("indicator", tr("Indicator", language))], **kwargs)
        self.show_header = False
        self.language = language
        self.colours = colours
        self.indicators: list[Indicator] = []
        self.sort_id = INDICATOR_SORTS[0].id
        self.query_text = ""
        self._drawn: tuple[object, ...] | None = None
        self._heights: tuple[int, ...] | None = None

    # What is shown ----------------------------------------------------------------------

    def show_indicators(self, indicators: list[Indicator]) -> None:
        self.indicators = indicators
        self._draw()

    def shown_rows(self) -> list[Indicator]:
        """The indicators shown: filtered and sorted as the panel is."""
        return indicator_rows(
            self.indicators, query=self.query_text, sort=self.sort_id, language=self.language
        )

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        width = max((self.size.width or 40) - self.styles.scrollbar_size_vertical - PADDING, 8)
        shown = self.shown_rows()
        drawn = (tuple(shown), self.sort_id, self.query_text, width, dict(self.colours.table))
        if drawn == self._drawn:
            return
        self._drawn = drawn
        lang = self.language
        cells = [
            (
                item.id,
                Text("\n").join(indicator_lines(item, assess(item), lang, self.colours, width)),
            )
            for item in shown
        ]
        if not cells:
            cells = [(EMPTY, Text(self._empty_text(), style=self.colours.style("muted")))]
        heights = tuple(len(cell.plain.split("\n")) for _, cell in cells)
        # Rows as tall as their names: drawn again when the lines of a row change.
        self.set_columns(
            [("indicator", tr("Indicator", lang))],
            widths={"indicator": width},
            force=heights != self._heights,
        )
        self._heights = heights
        self.show([(key, (cell,)) for key, cell in cells])
        self._title(len(shown))

    def _empty_text(self) -> str:
        if not self.indicators:
            return tr("This feed has no indicators.", self.language)
        return Message.of(
            "No indicator matches “{query}”.", query=one_line(self.query_text, 80)
        ).text(self.language)

    def _title(self, shown: int) -> None:
        """`Indicators · 3 of 9 · filter “ky so” · worst against target`."""
        lang = self.language
        parts = [Part(Text(tr("Indicators", lang)), lead="")]
        if self.query_text:
            whole = format_int(len(self.indicators), lang)
            counted = f"{format_int(shown, lang)} {tr('of', lang)} {whole}"
            parts.append(Part(Text(counted), drop=2))
            query = Text(f"{tr('filter', lang)} “{one_line(self.query_text, 200)}”")
            parts.append(Part(query, shrink=12))
        if self.sort_id != INDICATOR_SORTS[0].id:
            label = tr(sort_by_id(INDICATOR_SORTS, self.sort_id).label, lang)
            parts.append(Part(Text(label), shrink=12))  # the heading's room: its label alone
        for title in self.screen.query("#indicators-title").results(FittedLine):
            title.show_parts(parts)

    # Keys -------------------------------------------------------------------------------

    def action_drill(self) -> None:
        key = self.current_key()
        if key is not None and key != EMPTY:
            self.post_message(Drill(self, key))

    def action_cycle_sort(self) -> None:
        self.sort_id = next_sort(INDICATOR_SORTS, self.sort_id)
        self._draw()

    def action_filter(self) -> None:
        bar = self.screen.query_one(IndicatorFilter)
        bar.value = self.query_text
        bar.open()

    def filter(self, text: str) -> None:
        self.query_text = text
        self._draw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Escape clears the panel's own filter; without one it is the screen's.
        if action == "clear_filter":
            return bool(self.query_text)
        return super().check_action(action, parameters)

    def action_clear_filter(self) -> None:
        self.filter("")

    def go_to(self, indicator_id: str) -> bool:
        """The cursor on that indicator; False when it is not shown."""
        return self.move_to_key(indicator_id)


class IndicatorFilter(FilterBar):
    """The `/` filter of the indicators panel: it filters the panel as you type and, on
    Enter or Escape, gives the focus back to the panel (the agencies' own filter bar is
    another, so each list keeps its filter)."""

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # not the agencies' filter (the screen's handler)
        for panel in self.screen.query(IndicatorPanel):
            panel.filter(event.value)

    def close(self) -> None:
        self.remove_class("-open")
        self.styles.display = "none"
        for panel in self.screen.query(IndicatorPanel):
            panel.focus()
