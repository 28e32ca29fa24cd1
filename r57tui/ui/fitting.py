"""Lines that fit their width without wrapping inside a phrase: the screen's chrome (the
status line, headlines, totals lines) is made of parts, and a part is never broken.

Two ways to fit: `fit_line` keeps one line and lets parts give way in a declared order
(then shortens what may be shortened, by words, with an ellipsis); `flow` lays whole
parts out on as many lines as they need, breaking only between parts.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from .redraw import update_text

ELLIPSIS = "…"


@dataclass(frozen=True)
class Part:
    """A piece of a line. `drop`: when it gives way, higher first (0: never); `lead`: what
    joins it to the part before (not drawn when it comes first); `shrink`: the fewest
    cells it may be shortened to, by words, with an ellipsis (0: never shortened)."""

    text: Text
    drop: int = 0
    lead: str = " · "
    shrink: int = 0
    # Stays on the line of the part before when the parts are balanced over lines.
    glued: bool = False


def shorten(text: Text, width: int) -> Text:
    """`text` in at most `width` cells: cut after a whole word with an ellipsis; a word
    too long to go back over is cut inside it (still with the ellipsis)."""
    if text.cell_len <= width:
        return text
    if width <= 1:
        return Text(ELLIPSIS[:width])
    cut = text.copy()
    cut.truncate(width - 1)
    plain = cut.plain
    # Back to the last whole word when the cut fell inside one, unless that word is so
    # long (a path, a run of symbols) that going back would waste a third of the room.
    if not text.plain[len(plain)].isspace():
        space = plain.rstrip().rfind(" ")
        if space > 0 and cell_len(plain[:space]) >= (width - 1) * 2 // 3:
            cut = cut[:space]
    # Not "and …" nor "— …": what the cut leaves dangling goes with it.
    while cut.plain and cut.plain[-1] in " ,;:·—–-":
        cut.right_crop(1)
    cut.append(ELLIPSIS, style=text.style)
    return cut


def _joined(parts: list[Part], widths: dict[int, int] | None = None) -> Text:
    line = Text()
    for index, part in enumerate(parts):
        if index:
            line.append(part.lead)
        text = part.text
        if widths and index in widths:
            text = shorten(text, widths[index])
        line.append_text(text)
    return line


def fit_line(parts: list[Part], width: int) -> Text:
    """One line of at most `width` cells: parts give way, highest `drop` first (the later
    of equal ones first), then the shrinkable ones shorten, the first first, and as a last
    resort the line is cut with an ellipsis."""
    kept = list(parts)
    while _joined(kept).cell_len > width:
        droppable = [p for p in kept if p.drop]
        if not droppable:
            break
        highest = max(p.drop for p in droppable)
        victim = [p for p in droppable if p.drop == highest][-1]
        kept.remove(victim)
    line = _joined(kept)
    over = line.cell_len - width
    if over > 0:
        widths: dict[int, int] = {}
        for index in range(len(kept)):
            part = kept[index]
            if not part.shrink or over <= 0:
                continue
            room = max(part.shrink, part.text.cell_len - over)
            if room < part.text.cell_len:
                widths[index] = room
                over -= part.text.cell_len - room
        line = _joined(kept, widths)
    return shorten(line, width) if line.cell_len > width else line


def flow(units: list[Part], width: int) -> list[Text]:
    """The units on as few lines of `width` cells as they need, broken only between units
    (a unit's `lead` joins it to the one before on the same line; a line starts without
    it); a unit wider than a line alone is cut with an ellipsis."""
    lines: list[Text] = []
    line: Text | None = None
    for unit in units:
        if line is not None and line.cell_len + cell_len(unit.lead) + unit.text.cell_len <= width:
            line.append(unit.lead)
            line.append_text(unit.text)
            continue
        if line is not None:
            lines.append(line)
        line = shorten(unit.text, width).copy()
    if line is not None:
        lines.append(line)
    return lines


class FittedLine(Static):
    """A line of parts fitted to its width (`fit_line`), fitted again when it resizes."""

    DEFAULT_CSS = """
    FittedLine { height: 1; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self._parts: list[Part] = []

    def show_parts(self, parts: list[Part]) -> None:
        self._parts = parts
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        # Before its first layout a line is as wide as the screen, less its padding.
        width = self.content_size.width or max(self.app.size.width - 2, 1)
        update_text(self, fit_line(self._parts, width))


class FlowedLines(Static):
    """Whole units over as many lines as the width needs (`flow`), flowed again when it
    resizes: a row of labelled figures whose label never parts from its figure."""

    DEFAULT_CSS = """
    FlowedLines { height: auto; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self._units: list[Part] = []

    def show_units(self, units: list[Part]) -> None:
        self._units = units
        self._flow()

    def on_resize(self) -> None:
        self._flow()

    def _flow(self) -> None:
        width = self.content_size.width or max(self.app.size.width - 2, 1)
        update_text(self, Text("\n").join(flow(self._units, width)))
