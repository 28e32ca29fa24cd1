"""The moves of a table's cursor and of its columns: row by row, by page, to either end,
and → / ← a column at a time (a wide table is read column by column, not a character
per key press)."""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.widget import Widget

from ..i18n.strings import ui_text
from .column_widths import next_stop, stops

MOVES: list[BindingType] = [
    Binding("j", "cursor_down", ui_text("Down"), show=False, id="down"),
    Binding("k", "cursor_up", ui_text("Up"), show=False, id="up"),
    Binding("down", "cursor_down", ui_text("Cursor down"), show=False, id="cursor_down"),
    Binding("up", "cursor_up", ui_text("Cursor up"), show=False, id="cursor_up"),
    Binding("pageup", "page_up", ui_text("Page up"), show=False, id="page_up"),
    Binding("pagedown", "page_down", ui_text("Page down"), show=False, id="page_down"),
    Binding("home,ctrl+home", "top", ui_text("Top"), show=False, id="top"),
    Binding("end,ctrl+end", "bottom", ui_text("Bottom"), show=False, id="bottom"),
    # A column at a time, not a character: a wide table is read column by column.
    Binding("right", "next_column", ui_text("Next column"), show=False, id="next_column"),
    Binding("left", "previous_column", ui_text("Previous column"), show=False, id="prev_column"),
]


def scroll_by_column(table: Widget, widths: list[int], step: int) -> None:
    """Scroll `table` to the next (`step` 1) or previous (-1) column boundary; `widths`
    are the columns' widths with their padding."""
    x = next_stop(stops(widths, 0), round(table.scroll_x), step, round(table.max_scroll_x))
    table.scroll_to(x=x, animate=False, immediate=True)


class RowMoves:
    """Cursor keys for a table that has `move_cursor(row)`."""

    cursor_row: int

    def move_cursor(self, row: int) -> None:
        raise NotImplementedError

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    @property
    def rows_in_view(self) -> int:
        raise NotImplementedError

    def column_widths(self) -> list[int]:
        """Each column's width with its padding, left to right."""
        raise NotImplementedError

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - self.rows_in_view)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + self.rows_in_view)

    def action_top(self) -> None:
        self.move_cursor(0)

    def action_bottom(self) -> None:
        self.move_cursor(self.row_count - 1)

    def action_next_column(self) -> None:
        assert isinstance(self, Widget)
        scroll_by_column(self, self.column_widths(), 1)

    def action_previous_column(self) -> None:
        assert isinstance(self, Widget)
        scroll_by_column(self, self.column_widths(), -1)
