"""Charts of agencies' and groups' tasks drawn with block characters, as lines of text
for a width: ranked bars (agencies by overdue count or rate) and a 100% bar per group.

Every name is whole (wrapped over lines in its column, never cut), every bar carries its
figure at its end, and a state is told by its symbol as well as its colour: a
monochrome projector or a colour-blind reader loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text

from ..export.chart_data import ChartRow, RankedRow
from ..i18n.numbers import format_int, format_percent
from ..i18n.strings import tr
from ..rollup import Bucket, Counts
from ..safety import printable
from .marks import SYMBOLS, ThemeColours

# A bar's end in eighths of a cell, left-aligned (▏ is one eighth, █ all eight).
LEFT_EIGHTHS = " ▏▎▍▌▋▊▉█"
# The name column's share of the width, and its least width; a name longer than its
# column wraps at spaces over as many lines as it takes.
NAME_SHARE = 0.42
NAME_LEAST = 12
# The four states in a group's bar, each with its fill: the symbols (✓ ◷ !) and the
# legend tell them apart without colour, the fills on a grey print.
STATES: tuple[tuple[Bucket, str, str, str], ...] = (
    (Bucket.COMPLETED_ON_TIME, "completed", "completed", "█"),
    (Bucket.COMPLETED_LATE, "completed_late", "completed late", "▓"),
    (Bucket.ON_TIME, "on_time", "on time", "░"),
    (Bucket.OVERDUE, "overdue", "overdue", "▒"),
)


def wrap_name(name: str, width: int) -> list[str]:
    """`name` over lines of at most `width` cells, split at spaces; a word longer than
    the width is split where the line is full. Every character is kept."""
    lines: list[str] = []
    for word in printable(" ".join(name.split())).split(" "):
        pieces, rest = [], word
        while cell_len(rest) > width:
            fits = 1
            while fits < len(rest) and cell_len(rest[: fits + 1]) <= width:
                fits += 1
            pieces.append(rest[:fits])
            rest = rest[fits:]
        pieces.append(rest)
        for at, piece in enumerate(pieces):
            if at == 0 and lines and cell_len(f"{lines[-1]} {piece}") <= width:
                lines[-1] = f"{lines[-1]} {piece}"
            else:
                lines.append(piece)
    return lines or [""]


def bar_cells(value: float, most: float, room: int) -> str:
    """A bar of `value` against `most` over `room` cells, in eighths; a value above
    zero is at least one eighth long: it is there."""
    if most <= 0 or value <= 0 or room <= 0:
        return ""
    eighths = max(1, round(value / most * room * 8))
    whole, part = divmod(min(eighths, room * 8), 8)
    return "█" * whole + (LEFT_EIGHTHS[part] if part else "")


# What the figure at a bar's end is, said above the bars.
MEASURE_WORDS = {
    "overdue": "overdue tasks",
    "overdue_rate": "overdue as a share of assigned (overdue/assigned)",
}


def rate_text(counts: Counts, language: str) -> str:
    """`50% (4/8)`: the overdue rate as the agencies table rounds it, and its parts."""
    rate = format_percent(counts.overdue_rate.percent(0), 0, language)
    parts = f"{format_int(counts.overdue, language)}/{format_int(counts.assigned, language)}"
    return f"{rate} ({parts})"


def _rate_value(counts: Counts) -> float:
    share = counts.overdue_rate
    return share.part / share.whole if share.whole else 0.0


def ranked_bars(
    rows: Sequence[RankedRow], by: str, width: int, colours: ThemeColours, language: str
) -> list[Text]:
    """One bar an agency, in the order given: its rank, its whole name, the overdue
    symbol, the bar and at its end the count (`by="overdue"`) or the rate."""
    if not rows:
        return []
    rate = by == "overdue_rate"
    values = [_rate_value(row.counts) if rate else float(row.counts.overdue) for row in rows]
    figures = [
        rate_text(row.counts, language) if rate else format_int(row.counts.overdue, language)
        for row in rows
    ]
    rank_width = len(str(len(rows))) + 1
    figure_width = max(cell_len(figure) for figure in figures)
    longest = max(cell_len(printable(row.label)) for row in rows)
    name_width = min(longest, max(NAME_LEAST, round(width * NAME_SHARE)))
    # rank, space, name, space, symbol, space, bar, space, figure
    room = max(1, width - rank_width - name_width - figure_width - 5)
    most = max(values)
    symbol = SYMBOLS["overdue"]
    key = Text(f"{symbol} ", style=colours.state_style("overdue"))
    key.append(tr(MEASURE_WORDS[by], language), style=colours.style("muted"))
    lines: list[Text] = [key, Text("")]
    for at, (row, value, figure) in enumerate(zip(rows, values, figures, strict=True)):
        names = wrap_name(row.label, name_width)
        line = Text(f"{at + 1}.".rjust(rank_width) + " ", style=colours.style("muted"))
        line.append(names[0].ljust(name_width + len(names[0]) - cell_len(names[0])) + " ")
        line.append(symbol, style=colours.state_style("overdue"))
        line.append(" ")
        bar = bar_cells(value, most, room)
        line.append(bar, style=colours.style("overdue"))
        line.append(("" if not bar else " ") + figure, style="bold")
        lines.append(line)
        for more in names[1:]:
            lines.append(Text(" " * (rank_width + 1) + more))
    return lines


def split_cells(counts: Counts, width: int) -> list[int]:
    """The four states' cells in a bar of `width`, in STATES' order: by largest
    remainder, so they fill the bar exactly; a state with a task has at least a cell."""
    parts = [counts.get(bucket) for bucket, *_ in STATES]
    total = sum(parts)
    if total == 0 or width <= 0:
        return [0 for _ in parts]
    exact = [part * width / total for part in parts]
    cells = [int(each) for each in exact]
    for at in sorted(range(len(parts)), key=lambda i: exact[i] - cells[i], reverse=True):
        if sum(cells) >= width:
            break
        cells[at] += 1
    for at, part in enumerate(parts):  # seen, however small
        if part and not cells[at]:
            biggest = max(range(len(cells)), key=lambda i: cells[i])
            if cells[biggest] > 1:
                cells[biggest] -= 1
                cells[at] = 1
    return cells


def share_bar(counts: Counts, width: int, colours: ThemeColours) -> Text:
    """The 100% bar: each state's part in its colour and fill, led by its symbol when
    it is two cells or more."""
    text = Text()
    for (_, key, _, fill), cells in zip(STATES, split_cells(counts, width), strict=True):
        if not cells:
            continue
        style = colours.style(key)
        if cells >= 2:
            text.append(SYMBOLS[key], style=colours.state_style(key))
            text.append(fill * (cells - 1), style=style)
        else:
            text.append(fill, style=style)
    return text


def share_figures(counts: Counts, colours: ThemeColours, language: str) -> list[Text]:
    """`✓ 485 (43%)` for each state, in its colour: the figures the bar pictures."""
    out = []
    for bucket, key, _, _ in STATES:
        share = format_percent(counts.share(bucket).percent(), language=language)
        said = f"{SYMBOLS[key]} {format_int(counts.get(bucket), language)} ({share})"
        out.append(Text(said, style=colours.state_style(key)))
    return out


def flow(parts: Sequence[Text], width: int, gap: str = "  ") -> list[Text]:
    """The parts on as few lines of `width` as they fit, none split."""
    lines: list[Text] = []
    line = Text()
    for part in parts:
        if line.cell_len and line.cell_len + len(gap) + part.cell_len > width:
            lines.append(line)
            line = Text()
        if line.cell_len:
            line.append(gap)
        line.append_text(part)
    if line.cell_len:
        lines.append(line)
    return lines


def legend(colours: ThemeColours, language: str, width: int) -> list[Text]:
    """Each state's fill, symbol and word, on as few lines as fit."""
    parts = []
    for _, key, word, fill in STATES:
        part = Text(fill * 2, style=colours.style(key))
        said = tr(word, language)
        part.append(f" {SYMBOLS[key]} {said[:1].upper()}{said[1:]}", style=colours.state_style(key))
        parts.append(part)
    return flow(parts, width)


def stacked_shares(
    rows: Sequence[ChartRow], width: int, colours: ThemeColours, language: str
) -> list[Text]:
    """The legend first (in view at 24 rows), then a group a block: its name and tasks
    assigned, its 100% bar, each state's count and share; a total of the groups."""
    if not rows:
        return []
    total = sum((row.counts for row in rows), Counts())
    lines: list[Text] = [*legend(colours, language, width), Text("")]
    for label, counts in [*rows, ChartRow(tr("Total", language), total)]:
        head = Text(printable(label), style="bold")
        head.append(f" · {format_int(counts.assigned, language)} {tr('assigned', language)}")
        lines.append(head)
        lines.append(share_bar(counts, width, colours))
        lines.extend(flow(share_figures(counts, colours, language), width))
        lines.append(Text(""))
    return lines[:-1]
