"""A task's text read in full, however long: a note holding a pasted picture is tens of
megabytes on one line.

Rich wraps a text by measuring all of it: a note of a few megabytes froze the task
screen. `LongText` draws with Textual's Line API instead: it keeps where each row starts and
makes a row's characters into a line of the screen only when that row is in view. A line
of up to `WORD_WRAP_CHARS` characters wraps at spaces; a longer one (a picture in base64
has no spaces) is cut every `width` characters, which needs no measuring at all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from ..i18n.strings import tr, ui_text
from ..safety import has_unsafe, printable
from .footer import KeysFooter
from .screen_base import DataScreen
from .status import StatusLine

# Characters that take two cells. A line holding any is cut every width // 2 characters,
# so a row never runs past the edge; scanning for them once beats measuring every row.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f000-\U0001faff\U00020000-\U0003fffd]"
)
# Each call into C holds the interpreter: a 40 MB text is looked at a piece at a time, so
# the event loop keeps running while a thread prepares it.
_PIECE = 1 << 16
WORD_WRAP_CHARS = 1 << 20
WORD_WRAP_BUDGET = 1 << 22  # characters measured in all
# Text this long is prepared in a thread; shorter text is ready before the next frame.
THREAD_CHARS = 1 << 20


@dataclass(frozen=True, slots=True)
class Line:
    """One line to show: printable text (no line breaks), its style, and whether it holds
    characters two cells wide."""

    text: str
    style: str = ""
    wide: bool = False


def prepare(parts: Sequence[tuple[str, str]]) -> list[Line]:
    """(text, style) from a feed -> lines: split at line breaks, made printable."""
    lines: list[Line] = []
    for text, style in parts:
        for piece in text.split("\n"):
            if len(piece) <= _PIECE:
                safe = printable(piece)
                lines.append(Line(safe, style, bool(_WIDE.search(safe))))
                continue
            safe = _printable_long(piece)
            starts = range(0, len(safe), _PIECE)
            wide = any(_WIDE.search(safe, at, at + _PIECE) for at in starts)
            lines.append(Line(safe, style, wide))
    return lines


def _printable_long(text: str) -> str:
    """`printable`, searched in place a piece at a time: a clean text (base64 is) is not
    copied."""
    starts = range(0, len(text), _PIECE)
    if not any(has_unsafe(text, at, at + _PIECE) for at in starts):
        return text
    return "".join(printable(text[at : at + _PIECE]) for at in starts)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each line's rows start, for one width."""

    width: int
    first_row: list[int]  # the row each line starts on
    breaks: list[list[int] | None]  # where each row of a line starts; None: every `per`
    per: list[int]  # characters a row holds, for a line cut without measuring
    rows: int


def _word_breaks(text: str, per: int) -> list[int]:
    """Where each row starts, breaking after a space in a row's second half if any."""
    starts = [0]
    at, end = 0, len(text)
    while end - at > per:
        space = text.rfind(" ", at + per // 2, at + per + 1)
        at = space + 1 if space != -1 else at + per
        starts.append(at)
    return starts


def lay_out(lines: Sequence[Line], width: int) -> Layout:
    """The rows of `lines` at `width`: measured (at spaces) for the first few megabytes of
    lines of ordinary length, cut without measuring for the rest, so a resize stays quick."""
    width = max(width, 2)
    first_row: list[int] = []
    breaks: list[list[int] | None] = []
    pers: list[int] = []
    rows = 0
    budget = WORD_WRAP_BUDGET
    for line in lines:
        per = width // 2 if line.wide else width
        first_row.append(rows)
        pers.append(per)
        if len(line.text) <= min(WORD_WRAP_CHARS, budget):
            budget -= len(line.text)
            starts = _word_breaks(line.text, per)
            breaks.append(starts)
            rows += len(starts)
        else:
            breaks.append(None)
            rows += -(-len(line.text) // per)
    return Layout(width, first_row, breaks, pers, rows)


class LongText(ScrollView, can_focus=True):
    """Lines of any length, wrapped to the width, drawn a row at a time as they show."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # A jump, not Textual's animated scroll: the end of a 40 MB line is 300k rows away.
        Binding("home", "top", ui_text("Top"), show=False, id="top"),
        Binding("end", "bottom", ui_text("Bottom"), show=False, id="bottom"),
    ]
    DEFAULT_CSS = """
    LongText {
        height: 1fr; background: $surface; color: $foreground; padding: 0 1;
        /* The rows are cut for one width: the scroll bar must not take it away later. */
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lines: list[Line] = []
        self.layout_: Layout | None = None

    def show(self, lines: list[Line]) -> None:
        self.lines = lines
        self._lay_out()

    def _lay_out(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        self.layout_ = lay_out(self.lines, width)
        self.virtual_size = Size(width, self.layout_.rows)
        self.refresh()

    def on_resize(self) -> None:
        if self.layout_ is None or self.layout_.width != self.scrollable_content_region.width:
            self._lay_out()

    def action_top(self) -> None:
        self.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.scroll_end(animate=False)

    def row_text(self, row: int) -> tuple[str, str]:
        """The characters and style of one row (from 0), as drawn."""
        layout = self.layout_
        if layout is None or not 0 <= row < layout.rows:
            return "", ""
        index = bisect_right(layout.first_row, row) - 1
        line = self.lines[index]
        k = row - layout.first_row[index]
        starts = layout.breaks[index]
        if starts is None:
            per = layout.per[index]
            return line.text[k * per : (k + 1) * per], line.style
        end = starts[k + 1] if k + 1 < len(starts) else len(line.text)
        return line.text[starts[k] : end], line.style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        text, style = self.row_text(self.scroll_offset.y + y)
        if not text:
            return Strip.blank(width, base)
        strip = Strip([Segment(text, base + Style.parse(style) if style else base)])
        return strip.crop_extend(0, width, base)


class TextScreen(DataScreen):
    """The whole text of a task: title, agencies, source, group and every note."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text("Back"), id="back"),
    ]
    DEFAULT_CSS = """
    TextScreen #heading { padding: 0 2; text-style: bold; }
    """

    def __init__(self, heading: str, parts: list[tuple[str, str]]) -> None:
        super().__init__()
        self.heading = heading
        self.parts = parts

    def compose(self) -> ComposeResult:
        yield StatusLine(self.language, self.colours, id="status")
        yield Static(Text(printable(self.heading)), id="heading")
        yield LongText(id="text")
        yield KeysFooter()

    def on_mount(self) -> None:
        viewer = self.query_one(LongText)
        viewer.focus()
        if sum(len(text) for text, _ in self.parts) <= THREAD_CHARS:
            viewer.show(prepare(self.parts))
            return
        # The start of each text at once, while the whole is prepared in a thread.
        start = prepare([(text[:_PIECE], style) for text, style in self.parts])
        viewer.show([*start, Line(tr("Preparing the text…", self.language), "italic")])
        self.run_worker(self._prepare, thread=True, exclusive=True, group="long-text")

    def _prepare(self) -> None:
        lines = prepare(self.parts)
        self.app.call_from_thread(self.query_one(LongText).show, lines)
