"""A table that draws only the rows in view, for lists of 100,000 tasks and more.

Textual's DataTable measures and stores every cell of every row: about 12 s for 100k
rows on these machines. This table holds the row keys in display order and a function
that gives a row's cells; a row is turned into cells only when it is drawn (Textual's
Line API: `render_line` for each line on screen), so showing, filtering or re-sorting a
list costs the list, not its cells.

Keyed like `KeyedTable`: a refresh keeps the cursor on the same record, Enter or a
double click posts `Drill`, a click on a column heading posts `SortBy`. The header row
stays in place while the rows scroll under it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..i18n.strings import ui_text
from .table_messages import Drill, Highlighted, SortBy
from .table_moves import MOVES, RowMoves

Cells = tuple[Text, ...]
PAD = 1  # cells of space either side of a column


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    width: int
    right: bool = False  # numbers are aligned right


def draw_line(
    columns: Sequence[Column],
    cells: Cells,
    style: Style,
    console: Console,
    width: int,
    line: int = 0,
    lines: int = 1,
) -> Strip:
    """Line `line` of a row `lines` tall: each cell wrapped between words to its column
    (one line: not wrapped), what its last line cannot hold cut with an ellipsis, padded."""
    segments: list[Segment] = []
    for column, cell in zip(columns, cells, strict=False):
        text = _cell_line(cell, column.width, console, line, lines)
        gap = max(column.width - text.cell_len, 0)
        left, right = (PAD + gap, PAD) if column.right else (PAD, PAD + gap)
        segments.append(Segment(" " * left))
        segments.extend(text.render(console, end=""))
        segments.append(Segment(" " * right))
    return Strip(Segment.apply_style(segments, style), width)


def _cell_line(cell: Text, width: int, console: Console, line: int, lines: int) -> Text:
    if lines > 1:
        wrapped = cell.wrap(console, max(width, 1), overflow="fold")
        if line >= len(wrapped):
            return Text("")
        cell = Text(" ").join(wrapped[line:]) if line == lines - 1 else wrapped[line]
        cell.rstrip()
    elif line:
        return Text("")
    text = cell.copy()
    text.no_wrap = True
    text.truncate(width, overflow="ellipsis")
    return text


# The table's look, in the theme's variables: its header, cursor and alternate rows.
_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        & > .virtual-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .virtual-table--even-row { background: $surface-lighten-1 50%; }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .virtual-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        &:dark > .virtual-table--even-row { background: $surface-darken-1 40%; }
    }
"""


def column_at(columns: Sequence[Column], x: int) -> Column | None:
    """The column under cell `x` of a row (the header's: a click sorts by it)."""
    for column in columns:
        x -= column.width + 2 * PAD
        if x < 0:
            return column
    return None


class VirtualTable(RowMoves, ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "drill", ui_text("Open"), id="open"),
        *MOVES,
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--even-row",
    }
    DEFAULT_CSS = _CSS

    Drill = Drill
    SortBy = SortBy

    def __init__(self, columns: Sequence[Column] = (), **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._columns: list[Column] = list(columns)
        self._keys: Sequence[str] = []
        self._index: dict[str, int] | None = None  # key -> row, built when first asked
        self._lookups = 0  # lookups since the last show, while there is no map
        self._cells_of: Callable[[str], Cells] = lambda key: ()
        self._drawn: dict[str, Cells] = {}  # cells of the rows drawn since the last show
        self.cursor_row = 0
        # Every row this many lines tall: its cells wrapped (a finding's whole sentence).
        self.row_lines = 1

    # Rows ---------------------------------------------------------------------------

    def set_columns(self, columns: Sequence[Column]) -> None:
        self._columns = list(columns)
        self._drawn.clear()
        self._resize_virtual()
        self.refresh()

    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    def show(self, keys: Sequence[str], cells_of: Callable[[str], Cells]) -> None:
        """Show these rows (keys in display order; `cells_of(key)` draws one).

        The cursor stays on its record when the record is still shown; otherwise it stays
        near the row it was on. The scroll position is kept.
        """
        current = self.current_key()
        row = self.cursor_row
        keys = keys if isinstance(keys, Sequence) else list(keys)
        same = keys == self._keys  # a compare of the sequences: no copies of 100k keys
        self._keys = keys
        self._cells_of = cells_of
        self._drawn = {}
        if not same:
            self._index = None
            self._lookups = 0
            found = self.row_of(current) if current is not None else None
            self.cursor_row = found if found is not None else min(max(row, 0), len(keys) - 1)
            self.cursor_row = max(self.cursor_row, 0)
            self._resize_virtual()
            self._scroll_cursor_into_view()
        self.refresh()
        self._tell_cursor()

    def _tell_cursor(self) -> None:  # the cursor's row is named in full under the table
        key = self.current_key()
        if key is not None:
            self.post_message(Highlighted(self, key))

    @property
    def keys(self) -> list[str]:
        """The row keys in display order."""
        return list(self._keys)

    @property
    def row_count(self) -> int:
        return len(self._keys)

    def row_of(self, key: str) -> int | None:
        if not isinstance(self._keys, list):  # a sequence that knows its own index
            try:
                return self._keys.index(key)
            except ValueError:
                return None
        if self._index is None:
            # The first lookup after a show (the cursor's own) scans the list in C, a
            # millisecond at 100k rows; a map of every key costs 30 ms and pays only
            # when many lookups follow.
            self._lookups += 1
            if self._lookups <= 2:
                try:
                    return self._keys.index(key)
                except ValueError:
                    return None
            self._index = {k: i for i, k in enumerate(self._keys)}
        return self._index.get(key)

    def cells(self, key: str) -> Cells:
        drawn = self._drawn.get(key)
        if drawn is None:
            if len(self._drawn) > 2000:  # rows drawn since the last show; keep it small
                self._drawn.clear()
            drawn = self._drawn[key] = self._cells_of(key)
        return drawn

    def get_row(self, key: str) -> Cells:
        """A row's cells, as DataTable.get_row gives them (for tests and exports)."""
        if self.row_of(key) is None:
            raise KeyError(key)
        return self.cells(key)

    def get_row_at(self, row: int) -> Cells:
        return self.cells(self._keys[row])

    def current_key(self) -> str | None:
        if not self._keys or not 0 <= self.cursor_row < len(self._keys):
            return None
        return self._keys[self.cursor_row]

    def move_to_key(self, key: str) -> bool:
        row = self.row_of(key)
        if row is None:
            return False
        self.move_cursor(row)
        return True

    def move_cursor(self, row: int) -> None:
        if not self._keys:
            return
        row = min(max(row, 0), len(self._keys) - 1)
        if row != self.cursor_row:
            self.cursor_row = row
            self.refresh()
            self._tell_cursor()
        self._scroll_cursor_into_view()

    # Geometry -----------------------------------------------------------------------

    @property
    def content_width(self) -> int:
        return sum(column.width + 2 * PAD for column in self._columns)

    def column_widths(self) -> list[int]:
        return [column.width + 2 * PAD for column in self._columns]

    @property
    def rows_in_view(self) -> int:
        # Less the header; the scroll is in lines, a row `row_lines` of them.
        return max((self.scrollable_content_region.height - 1) // self.row_lines, 1)

    def set_row_lines(self, lines: int) -> None:
        """Make every row `lines` tall (its cells wrapped), the cursor kept in view."""
        lines = max(lines, 1)
        if lines != self.row_lines:
            self.row_lines = lines
            self._resize_virtual()
            self._scroll_cursor_into_view()
            self.refresh()

    def _resize_virtual(self) -> None:
        self.virtual_size = Size(self.content_width, len(self._keys) * self.row_lines + 1)

    def _scroll_cursor_into_view(self) -> None:
        top = round(self.scroll_y)
        lines = self.row_lines
        first, last = self.cursor_row * lines, self.cursor_row * lines + lines - 1
        in_view = max(self.scrollable_content_region.height - 1, 1)
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + in_view:
            self.scroll_to(y=last - in_view + 1, animate=False, immediate=True)

    # The columns are fitted to the table's width less a scrollbar's room, kept whether or
    # not one shows, so they do not move when it comes.
    def available_width(self) -> int:
        # Before its first layout a table is taken as wide as the screen (the tables that
        # fit themselves span it), less the scrollbar's room as after: a guess of 120 cells
        # is wider than a 120-column screen's table, and was once seen kept until the next
        # refresh on a list of 69k changes.
        width = self.size.width or self.app.size.width
        return max(width - self.styles.scrollbar_size_vertical, 0)

    def refit(self) -> None:  # each table fits its own columns to available_width()
        pass

    def on_resize(self) -> None:
        self.refit()
        self._scroll_cursor_into_view()

    # Drawing ------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x, scroll_y = self.scroll_offset
        base = self.rich_style
        line, lines = 0, 1  # the header: one line
        if y == 0:
            style = base + self.get_component_rich_style("virtual-table--header")
            cells = tuple(Text(column.label) for column in self._columns)
        else:
            lines = self.row_lines
            row, line = divmod(scroll_y + y - 1, self.row_lines)
            if row >= len(self._keys):
                return Strip.blank(width, base)
            if row == self.cursor_row:
                style = base + self.get_component_rich_style("virtual-table--cursor")
            elif row % 2:
                style = base + self.get_component_rich_style("virtual-table--even-row")
            else:
                style = base
            cells = self.cells(self._keys[row])
        strip = draw_line(
            self._columns, cells, style, self.app.console, self.content_width, line, lines
        )
        return strip.crop_extend(scroll_x, scroll_x + width, style)

    # Moving -------------------------------------------------------------------------

    def action_drill(self) -> None:
        key = self.current_key()
        if key is not None:
            self.post_message(Drill(self, key))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            column = column_at(self._columns, offset.x + round(self.scroll_x))
            if column is not None:
                self.post_message(SortBy(self, column.key))
            return
        row = (round(self.scroll_y) + offset.y - 1) // self.row_lines
        if 0 <= row < len(self._keys):
            self.move_cursor(row)
            if event.chain >= 2:
                self.action_drill()
