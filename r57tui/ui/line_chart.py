"""A line chart drawn with box-drawing characters: a series of (label, value) points over
time, a dot at each and lines between, an optional target as a dotted line across.

Drawn for the width and height given, on the same grid as the bar chart (bar_chart.py):
the values over the points, the labels (periods, meetings) under them. It takes any
series: an indicator's history now, a trend across recorded meetings alike. The dots'
heights carry the figures and every value is also written, so colour carries nothing
alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from .bar_chart import GAP, TARGET, Bar, bar_width, labels_line
from .marks import ThemeColours

DOT = "●"
# From one point to the next: up ╯…╭, down ╮…╰, level ─.
UP = ("╯", "╭")
DOWN = ("╮", "╰")


def line_scale(values: Sequence[float], target: float | None) -> tuple[float, float]:
    """The chart's bottom and top: the least and greatest of the values and the target.
    Unlike a bar, a line need not start at zero: it shows the movement, and every value
    is written over its point."""
    seen = [*values, *([target] if target is not None else [])]
    return min(seen), max(seen)


def levels(values: Sequence[float], rows: int, low: float, top: float) -> list[int]:
    """Each value's row, 0 at the bottom (`low`) and rows - 1 at the top (`top`)."""
    span = top - low
    if span <= 0 or rows <= 1:
        return [rows // 2 for _ in values]  # level: across the middle
    return [min(rows - 1, max(0, round((value - low) / span * (rows - 1)))) for value in values]


class _Grid:
    """Rows of cells, each a character and its style; row 0 at the bottom."""

    def __init__(self, width: int, rows: int) -> None:
        self.cells = [[(" ", "")] * width for _ in range(rows)]

    def put(self, row: int, column: int, char: str, style: str) -> None:
        if 0 <= row < len(self.cells) and 0 <= column < len(self.cells[row]):
            self.cells[row][column] = (char, style)

    def is_empty(self, row: int, column: int) -> bool:
        return self.cells[row][column][0] == " "

    def lines(self, used: int) -> list[Text]:
        out = []
        for row in reversed(self.cells):
            line = Text()
            for char, style in row[:used]:
                line.append(char, style=style)
            out.append(line)
        return out


def line_chart(
    points: Sequence[Bar],
    width: int,
    rows: int,
    colours: ThemeColours,
    *,
    target: float | None = None,
    line_style: str = "trend",
    current_style: str = "trend",
) -> list[Text]:
    """The chart as lines of at most `width` cells: values, the line (`rows` tall), the
    axis, the labels. A point is a `Bar`: its label, value and the value as written;
    the `current` one's dot is drawn in `current_style`. Points that do not fit are the
    oldest, left out (the table beside lists them)."""
    room = max(width, 1)
    most = max(1, (room + GAP) // (1 + GAP))
    points = list(points)[-most:]
    if not points:
        return []
    rows = max(rows, 2)
    each = bar_width(len(points), room)
    slot = each + GAP
    used = min(room, slot * len(points) - GAP)
    values = [point.value for point in points]
    low, top = line_scale(values, target)
    heights = levels(values, rows, low, top)
    centres = [at * slot + each // 2 for at in range(len(points))]
    grid = _Grid(used, rows)
    style = colours.style(line_style)
    for at in range(len(points) - 1):
        _join(grid, centres[at], centres[at + 1], heights[at], heights[at + 1], style)
    for point, centre, height in zip(points, centres, heights, strict=True):
        meaning = current_style if point.current else line_style
        grid.put(height, centre, DOT, colours.style(meaning, bold=True))
    if target is not None and target >= low:
        (row,) = levels([target], rows, low, top)
        for column in range(used):
            if grid.is_empty(row, column):
                grid.put(row, column, TARGET, colours.style("muted"))
    lines = [labels_line([point.shown for point in points], each, slot, room, colours, bold=True)]
    lines.extend(grid.lines(used))
    lines.append(Text("─" * used, style=colours.style("muted")))
    lines.append(labels_line([point.label for point in points], each, slot, room, colours))
    return lines


def _join(grid: _Grid, start: int, end: int, low: int, high: int, style: str) -> None:
    """The line from the point at (`start`, row `low`) to the one at (`end`, `high`):
    level to the middle, up or down there, level on to the next point."""
    middle = (start + end) // 2
    for column in range(start + 1, middle):
        grid.put(low, column, "─", style)
    for column in range(middle + 1, end):
        grid.put(high, column, "─", style)
    if low == high:
        grid.put(low, middle, "─", style)
        return
    first, last = UP if high > low else DOWN
    grid.put(low, middle, first, style)
    grid.put(high, middle, last, style)
    step = 1 if high > low else -1
    for row in range(low + step, high, step):
        grid.put(row, middle, "│", style)
