"""A bar chart drawn with block characters: one bar a period, eighths of a cell tall, the
value over each bar and the period under it, and the target as a dotted line across.

Drawn for the width and height given (an 80×24 laptop, a projector's 160×45), in the
theme's colours; the bars' shape carries the figures, so a monochrome screen loses
nothing (every value is also written, over its bar or in the table beside it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text

from .marks import ThemeColours

EIGHTHS = " ▁▂▃▄▅▆▇█"
TARGET = "┄"
GAP = 2  # cells between two bars
WIDEST_BAR = 16
AXIS = 1  # the baseline under the bars


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # the period, as the interface writes it
    value: float
    shown: str  # the value as written over the bar ("36,11%")
    current: bool = False  # the indicator's own period: drawn in the mark's colour


def bar_heights(values: Sequence[float], rows: int, low: float, top: float) -> list[int]:
    """Each value's height in eighths of a cell over `rows` rows, `low` at the bottom and
    `top` at the top. A value above `low` is at least one eighth tall: it is there."""
    span = top - low
    full = rows * 8
    if span <= 0:
        return [0 for _ in values]
    heights = []
    for value in values:
        eighths = min(max(round((value - low) / span * full), 0), full)
        heights.append(1 if value > low and eighths == 0 else eighths)
    return heights


def scale(values: Sequence[float], target: float | None) -> tuple[float, float]:
    """The chart's bottom and top: from zero (or the least value, below zero) to the
    greatest value or the target, whichever is higher."""
    low = min(0.0, *values)
    top = max(*values, target) if target is not None else max(values)
    return low, top


def bar_width(count: int, width: int) -> int:
    """The widest bar that lets `count` bars and their gaps fit `width` cells (at least 1)."""
    if count <= 0:
        return 0
    return max(1, min(WIDEST_BAR, (width - GAP * (count - 1)) // count))


def _column(height: int, row: int) -> str:
    """The block of a bar `height` eighths tall, at `row` counted from the bottom."""
    left = height - row * 8
    return EIGHTHS[max(0, min(left, 8))]


def bar_chart(
    bars: Sequence[Bar],
    width: int,
    rows: int,
    colours: ThemeColours,
    *,
    target: float | None = None,
    bar_style: str = "trend",
    current_style: str = "trend",
) -> list[Text]:
    """The chart as lines of at most `width` cells: values, bars (`rows` tall), the axis,
    the periods. Bars that do not fit are the oldest, left out (the table lists them)."""
    room = max(width, 1)
    most = max(1, (room + GAP) // (1 + GAP))
    bars = list(bars)[-most:]
    if not bars:
        return []
    each = bar_width(len(bars), room)
    slot = each + GAP
    values = [bar.value for bar in bars]
    low, top = scale(values, target)
    heights = bar_heights(values, rows, low, top)
    target_row: int | None = None
    if target is not None and target > low:
        (target_eighths,) = bar_heights([target], rows, low, top)
        target_row = min(rows - 1, max(0, (target_eighths - 1) // 8))
    lines: list[Text] = []
    lines.append(labels_line([bar.shown for bar in bars], each, slot, room, colours, bold=True))
    for row in reversed(range(rows)):
        line = Text()
        for at, (bar, height) in enumerate(zip(bars, heights, strict=True)):
            style = colours.style(current_style if bar.current else bar_style)
            block = _column(height, row)
            fill = TARGET if row == target_row and block == " " else ""
            if fill:
                line.append(TARGET * each, style=colours.style("muted"))
            else:
                line.append(block * each, style=style)
            if at < len(bars) - 1:
                gap = TARGET * GAP if row == target_row else " " * GAP
                line.append(gap, style=colours.style("muted"))
        lines.append(line)
    lines.append(Text("─" * min(room, slot * len(bars) - GAP), style=colours.style("muted")))
    lines.append(labels_line([bar.label for bar in bars], each, slot, room, colours))
    return lines


def labels_line(
    texts: Sequence[str],
    each: int,
    slot: int,
    room: int,
    colours: ThemeColours,
    *,
    bold: bool = False,
) -> Text:
    """Each text centred under its bar when it fits its slot, else left out (the table
    has every figure): never one text running into the next."""
    line = Text()
    for at, text in enumerate(texts):
        start = at * slot
        if cell_len(text) > slot - 1 and cell_len(text) > each:
            continue
        centre = start + each // 2
        left = max(start, min(centre - cell_len(text) // 2, start + slot - 1 - cell_len(text)))
        left = max(left, line.cell_len + (1 if line.cell_len else 0))
        if left + cell_len(text) > room:
            continue
        line.append(" " * (left - line.cell_len))
        line.append(text, style="bold" if bold else colours.style("muted"))
    return line
