"""The documents' charts as standalone SVG: the most overdue agencies as ranked bars, and
each agency group's tasks by state as 100% stacked bars. The report places them as
pictures (report_figures.py draws them to PNG); a web page can put the same SVG inline.

Every name from the feed is text of the SVG, written by an XML writer (a `<`, `&` or
quote in a name stays text) and made printable first; labels are whole, wrapped over
lines, never cut. Numbers are written as the interface language writes them (1.132,
43%). Each state has the colour and the symbol the screen gives it, so a page printed in
grey still tells them apart. The text asks for DejaVu Sans (the font the PNG is drawn
with) and then for fonts a browser has that hold every Vietnamese letter.
"""

from __future__ import annotations

import math
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from ..i18n.numbers import format_int, format_percent
from ..i18n.strings import tr
from ..rollup import Bucket
from ..views.words import STATE_COLOURS, STATE_SYMBOLS
from .cells import clean_text
from .chart_data import ChartRow

FONT_FAMILY = "'DejaVu Sans', 'Noto Sans', 'Segoe UI', Arial, sans-serif"
WIDTH = 640  # user units; the PNG is drawn at any width from it
FONT_SIZE = 13
LINE = 16  # a label's line height
LABELS_AT_MOST = 250.0  # the label column's width when a name needs it; wider wraps
MARGIN = 8
TEXT = "#1A1A1A"  # on white paper and on every state's colour
MUTED = "#555555"
AXIS = "#8C8C8C"
# The states in the order a bar stacks them, with the symbol and colour of the screen.
STATES: tuple[tuple[Bucket, str, str], ...] = (
    (Bucket.COMPLETED_ON_TIME, "completed", "completed"),
    (Bucket.COMPLETED_LATE, "completed_late", "completed late"),
    (Bucket.ON_TIME, "on_time", "on time"),
    (Bucket.OVERDUE, "overdue", "overdue"),
)


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """How wide DejaVu Sans draws `text`, a little over rather than under: a label
    wrapped by it never runs into its bar (a browser's Arial is narrower still)."""
    total = 0.0
    for char in text:
        base = unicodedata.normalize("NFD", char)[:1]
        if base in "ijlIJ.,:;'!| ":
            total += 0.34
        elif base in "frt()-":
            total += 0.42
        elif base in "mwMW%":
            total += 0.99
        elif base.isupper():
            total += 0.8
        elif base.isascii():
            total += 0.65
        else:  # a symbol: ✓ ◷ −
            total += 0.9
    return total * size


def wrap(text: str, width: float) -> list[str]:
    """`text` over as many lines as it takes to fit `width`, split at spaces; a word
    wider than the width is split after its dashes, or else where the line is full, so
    every character is shown and none runs into the bars."""
    lines: list[str] = []
    for word in text.split():
        for i, piece in enumerate(_pieces(word, width)):
            # A word's second piece starts its own line: no space is put inside a word.
            if i == 0 and lines and text_width(f"{lines[-1]} {piece}") <= width:
                lines[-1] = f"{lines[-1]} {piece}"
            else:
                lines.append(piece)
    return lines or [""]


def _pieces(word: str, width: float) -> list[str]:
    """A word as pieces that each fit `width`, ending at a dash where one fits."""
    pieces: list[str] = []
    while text_width(word) > width:
        fits = 1
        while fits < len(word) and text_width(word[: fits + 1]) <= width:
            fits += 1
        dash = max(word.rfind("-", 0, fits), word.rfind("/", 0, fits))
        cut = dash + 1 if dash > 0 else fits
        pieces.append(word[:cut])
        word = word[cut:]
    return [*pieces, word] if word else pieces


def state_label(key: str, word: str, language: str) -> str:
    """`✓ Hoàn thành trễ hạn`: the state's symbol and its word, capitalised."""
    said = tr(word, language)
    return f"{STATE_SYMBOLS[key]} {said[:1].upper()}{said[1:]}"


class _Svg:
    """An SVG document being drawn, in user units, written by ElementTree."""

    def __init__(self, title: str) -> None:
        self.root = ET.Element(
            "svg",
            {
                "xmlns": "http://www.w3.org/2000/svg",
                "role": "img",
                "font-family": FONT_FAMILY,
                "font-size": str(FONT_SIZE),
            },
        )
        ET.SubElement(self.root, "title").text = clean_text(title)
        self.background = ET.SubElement(self.root, "rect", {"x": "0", "y": "0", "fill": "#FFFFFF"})

    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        attrs = {"x": _n(x), "y": _n(y), "width": _n(w), "height": _n(h), "fill": fill}
        ET.SubElement(self.root, "rect", attrs)

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        attrs = {"x1": _n(x1), "y1": _n(y1), "x2": _n(x2), "y2": _n(y2), "stroke": AXIS}
        ET.SubElement(self.root, "line", attrs)

    def text(
        self,
        x: float,
        y: float,
        lines: Sequence[str],
        *,
        anchor: str = "start",
        fill: str = TEXT,
        kind: str = "",
    ) -> None:
        """Lines of text, the first's baseline at `y`; `kind` names what it is
        (label, value, share, legend) for a reader of the SVG, and the tests."""
        attrs = {"x": _n(x), "y": _n(y), "fill": fill, "text-anchor": anchor}
        if kind:
            attrs["class"] = kind
        element = ET.SubElement(self.root, "text", attrs)
        if len(lines) == 1:
            element.text = clean_text(lines[0])
            return
        for i, line in enumerate(lines):
            span = ET.SubElement(element, "tspan", {"x": _n(x), "dy": "0" if i == 0 else str(LINE)})
            span.text = clean_text(line)

    def done(self, height: float) -> str:
        h = _n(height)
        self.root.set("viewBox", f"0 0 {WIDTH} {h}")
        self.root.set("width", str(WIDTH))
        self.root.set("height", h)
        self.background.set("width", str(WIDTH))
        self.background.set("height", h)
        return ET.tostring(self.root, encoding="unicode", xml_declaration=False) + "\n"


def _n(value: float) -> str:
    """A coordinate as SVG wants it: `12`, `12.5`."""
    return f"{value:.1f}".removesuffix(".0")


def _label_width(labels: Iterable[str]) -> float:
    """As wide as the widest label, up to LABELS_AT_MOST: short names leave the bars the
    room they do not need."""
    return min(max((text_width(label) for label in labels), default=0), LABELS_AT_MOST)


def ranked_bars(title: str, rows: Sequence[tuple[str, int]], language: str, colour: str) -> str:
    """Horizontal bars, one per (label, value), in the order given, the first at the top;
    the label whole at the left, the value at the bar's end."""
    svg = _Svg(title)
    label_width = _label_width(label for label, _ in rows)
    values = [value for _, value in rows]
    widest = max((text_width(format_int(v, language)) for v in values), default=0)
    x0 = MARGIN + label_width + 10
    span = WIDTH - MARGIN - widest - 6 - x0
    top = y = float(MARGIN)
    most = max(values, default=0)
    for label, value in rows:
        lines = wrap(label, label_width)
        height = max(len(lines) * LINE, 22)
        middle = y + height / 2
        first_baseline = middle - (len(lines) - 1) * LINE / 2 + FONT_SIZE * 0.35
        svg.text(MARGIN, first_baseline, lines, kind="label")
        length = span * value / most if most else 0
        svg.rect(x0, middle - 9, length, 18, colour)
        svg.text(
            x0 + length + 6,
            middle + FONT_SIZE * 0.35,
            [format_int(value, language)],
            kind="value",
        )
        y += height + 8
    svg.line(x0, top - 2, x0, max(y - 6, top + 20))
    return svg.done(y + MARGIN - 4)


def stacked_shares(title: str, rows: Sequence[ChartRow], language: str) -> str:
    """One 100% bar per row, split into the four states in their colours, each part
    with its symbol and percentage where it has room; the row's tasks assigned at its
    end, under their heading; a legend under the bars."""
    svg = _Svg(title)
    label_width = _label_width(row.label for row in rows)
    heading = tr("Assigned", language)
    widest = max(
        (text_width(format_int(r.counts.assigned, language)) for r in rows),
        default=0,
    )
    widest = max(widest, text_width(heading))
    x0 = MARGIN + label_width + 10
    span = WIDTH - MARGIN - widest - 8 - x0
    svg.text(WIDTH - MARGIN, MARGIN + FONT_SIZE, [heading], anchor="end", fill=MUTED)
    y = float(MARGIN + LINE + 4)
    for row in rows:
        lines = wrap(row.label, label_width)
        height = max(len(lines) * LINE, 28)
        middle = y + height / 2
        first_baseline = middle - (len(lines) - 1) * LINE / 2 + FONT_SIZE * 0.35
        svg.text(MARGIN, first_baseline, lines, kind="label")
        _stack(svg, row, language, x0, span, middle)
        svg.text(
            WIDTH - MARGIN,
            middle + FONT_SIZE * 0.35,
            [format_int(row.counts.assigned, language)],
            anchor="end",
            fill=MUTED,
            kind="total",
        )
        y += height + 8
    return svg.done(_legend(svg, language, y + 6) + MARGIN)


def _stack(svg: _Svg, row: ChartRow, language: str, x0: float, span: float, middle: float) -> None:
    assigned = row.counts.assigned
    x = x0
    for bucket, key, _ in STATES:
        count = row.counts.get(bucket)
        if not count or not assigned:
            continue
        width = span * count / assigned
        svg.rect(x, middle - 13, width, 26, STATE_COLOURS[key])
        share = format_percent(row.counts.share(bucket).percent(), language=language)
        for said in (f"{STATE_SYMBOLS[key]} {share}", share):
            if text_width(said) + 6 <= width:
                svg.text(x + width / 2, middle + 4, [said], anchor="middle", kind="share")
                break
        x += width


def _legend(svg: _Svg, language: str, top: float) -> float:
    """The four states, each a swatch of its colour and its symbol and word, in rows
    that fit the width; the y under the last row."""
    x, y = float(MARGIN), top
    for _, key, word in STATES:
        said = state_label(key, word, language)
        width = 14 + 6 + text_width(said) + 18
        if x > MARGIN and x + width > WIDTH - MARGIN:
            x, y = float(MARGIN), y + LINE + 6
        svg.rect(x, y, 14, 14, STATE_COLOURS[key])
        svg.text(x + 20, y + 11.5, [said], kind="legend")
        x += width
    return y + 14


# A line of shares reads its movement against steps of these many points (1, 2, 5 …).
_STEPS = (1, 2, 5, 10, 20, 25)
_MOST_STEPS = 5


def share_axis(values: Sequence[float]) -> tuple[int, ...]:
    """The ticks of the axis a line of shares (0–100) is drawn against: round steps
    around the values, at most about five of them, from 0 when the values come within
    a step of it, never below 0 nor above 100. A bar's length must start at zero to be
    honest; a line's height is read against the ticks written beside it, so 40→48%
    shows as the rise it is, not as a flat line at the middle of 0–100."""
    low, high = min(values), max(values)
    for step in _STEPS:
        bottom = math.floor(low / step) * step
        top = max(math.ceil(high / step) * step, bottom + step)
        if (top - bottom) / step <= _MOST_STEPS:
            break
    if bottom <= step:
        bottom = 0
    bottom, top = max(bottom, 0), min(top, 100)
    if top <= bottom:  # every value at 100: the last step below it
        bottom = top - step
    return tuple(range(bottom, top + 1, step))


def trend_line(
    title: str, points: Sequence[tuple[str, float, str]], ticks: Sequence[tuple[int, str]]
) -> str:
    """A line over the meetings, oldest at the left: each point a dot with its figure as
    written above it and its meeting below; drawn against `ticks` (a value and its text,
    lowest first: `share_axis`), each a faint line across with its text at the left."""
    svg = _Svg(title)
    height = 220.0
    plot_top, plot_bottom = MARGIN + LINE + 4.0, height - MARGIN - LINE - 8.0
    x0, x1 = MARGIN + 48.0, WIDTH - MARGIN - 40.0
    low, top = float(ticks[0][0]), float(ticks[-1][0])
    span = top - low if top > low else 1.0

    def y_of(value: float) -> float:
        share = min(max((value - low) / span, 0.0), 1.0)
        return plot_bottom - share * (plot_bottom - plot_top)

    for tick, text in ticks:
        y = y_of(tick)
        if tick != ticks[0][0]:
            grid = {"x1": _n(x0 - 8), "y1": _n(y), "x2": _n(WIDTH - MARGIN), "y2": _n(y)}
            ET.SubElement(svg.root, "line", {**grid, "stroke": "#DDDDDD"})
        svg.text(x0 - 12, y + 4, [text], anchor="end", fill=MUTED, kind="tick")
    # The first point clear of the ticks' texts: its figure is written above it.
    first = x0 + 36.0
    apart = (x1 - first) / max(len(points) - 1, 1)
    placed = []
    for i, (_, value, _) in enumerate(points):
        x = first + i * apart if len(points) > 1 else (first + x1) / 2
        placed.append((x, y_of(value)))
    svg.line(x0 - 8, plot_bottom, WIDTH - MARGIN, plot_bottom)
    colour = STATE_COLOURS["completed"]
    path = " ".join(f"{_n(x)},{_n(y)}" for x, y in placed)
    line = {"points": path, "fill": "none", "stroke": colour, "stroke-width": "3"}
    ET.SubElement(svg.root, "polyline", line)
    for (x, y), (label, _, shown) in zip(placed, points, strict=True):
        ET.SubElement(svg.root, "circle", {"cx": _n(x), "cy": _n(y), "r": "5", "fill": colour})
        svg.text(x, y - 10, [shown], anchor="middle", kind="value")
        svg.text(x, plot_bottom + LINE + 2, [label], anchor="middle", fill=MUTED, kind="label")
    return svg.done(height)
