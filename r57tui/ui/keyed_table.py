"""A DataTable whose rows are keyed by record id and updated in place.

A refresh keeps the cursor on the same record (by key), the scroll position and focus:
cells that changed are updated, and only a change in which rows are shown, or their
order, rebuilds the table. Enter or a double click asks to drill into the row; a click
only selects; a click on a column header asks to sort by that column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from ..i18n.strings import ui_text
from .redraw import same
from .table_messages import Drill, SortBy
from .table_moves import scroll_by_column


class KeyedTable(DataTable[object]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "drill", ui_text("Open"), id="open"),
        Binding("j", "cursor_down", ui_text("Down"), show=False, id="down"),
        Binding("k", "cursor_up", ui_text("Up"), show=False, id="up"),
        # DataTable's Home and End scroll sideways and leave the cursor where it was; on
        # every table of the dashboard they go to the first and the last row.
        Binding("home,ctrl+home", "scroll_top", ui_text("Top"), show=False, id="top"),
        Binding("end,ctrl+end", "scroll_bottom", ui_text("Bottom"), show=False, id="bottom"),
    ]

    Drill = Drill
    SortBy = SortBy
    # None: each row as tall as its tallest cell (a name written on two lines).
    ROW_HEIGHT: ClassVar[int | None] = 1

    def __init__(self, columns: Sequence[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self._columns = list(columns)
        self._widths: dict[str, int] = {}  # fitted widths (column_widths.py); none: auto
        self._keys: list[str] = []
        self._row_cells: dict[str, tuple[object, ...]] = {}
        self._keep: str | None = None  # the cursor's row across a change of columns

    def on_mount(self) -> None:
        for key, label in self._columns:
            self.add_column(label, key=key, width=self._widths.get(key))

    def set_columns(
        self,
        columns: Sequence[tuple[str, str]],
        *,
        force: bool = False,
        widths: dict[str, int] | None = None,
    ) -> None:
        """Change the columns (e.g. a narrower set when the table is narrow); the next
        `show` rebuilds the rows and puts the cursor back on the same record.

        `force` rebuilds the same columns: DataTable widens a column to its content but
        never narrows it, so a table fitted to a smaller width starts afresh.
        """
        columns = list(columns)
        widths = dict(widths or {})
        if columns == self._columns and widths == self._widths and not force:
            return
        self._keep = self.current_key() or self._keep
        self._columns = columns
        self._widths = widths
        self.clear(columns=True)
        for key, label in columns:
            self.add_column(label, key=key, width=widths.get(key))
        self._keys, self._row_cells = [], {}

    @property
    def keys(self) -> list[str]:
        """The row keys in display order."""
        return list(self._keys)

    def show(self, rows: Sequence[tuple[str, tuple[object, ...]]]) -> None:
        """Show these rows; update cells in place when the rows are the same ones."""
        keys = [key for key, _ in rows]
        cells = dict(rows)
        if keys == self._keys:
            for key in keys:
                if not _same_row(self._row_cells.get(key), cells[key]):
                    for (column, _), value in zip(self._columns, cells[key], strict=True):
                        self.update_cell(key, column, value)
        else:
            current = self.current_key() or self._keep
            self._keep = None
            row = self.cursor_row
            scroll_x, scroll_y = self.scroll_x, self.scroll_y
            with self.app.batch_update():
                self.clear()
                height = self.row_height()
                for key in keys:
                    self.add_row(*cells[key], key=key, height=height)
                if current in cells:
                    self.move_cursor(row=keys.index(current), animate=False, scroll=False)
                elif keys:
                    # The row went away (a filter, or it left the feed): stay near where it was.
                    self.move_cursor(row=min(max(row, 0), len(keys) - 1), animate=False)
                self.scroll_to(scroll_x, scroll_y, animate=False)
        self._keys = keys
        self._row_cells = cells

    def row_height(self) -> int | None:
        """The height of the rows the next rebuild adds (None: as tall as their cells)."""
        return self.ROW_HEIGHT

    def current_key(self) -> str | None:
        if not self._keys or not 0 <= self.cursor_row < len(self._keys):
            return None
        return self._keys[self.cursor_row]

    def move_to_key(self, key: str) -> bool:
        if key not in self._row_cells:
            return False
        self.move_cursor(row=self._keys.index(key), animate=False)
        return True

    def action_drill(self) -> None:
        key = self.current_key()
        if key is not None:
            self.post_message(Drill(self, key))

    # A column at a time, not a character: a wide table is read column by column.
    def action_cursor_right(self) -> None:
        self._scroll_column(1)

    def action_cursor_left(self) -> None:
        self._scroll_column(-1)

    def _scroll_column(self, step: int) -> None:
        widths = [column.get_render_width(self) for column in self.ordered_columns]
        scroll_by_column(self, widths, step)

    def on_click(self, event: events.Click) -> None:
        if event.chain >= 2:
            self.action_drill()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.post_message(SortBy(self, str(event.column_key.value)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # A single click on the current row selects it in DataTable; here only Enter and a
        # double click open a row (see action_drill and on_click).
        event.stop()


def _same_row(shown: tuple[object, ...] | None, new: tuple[object, ...]) -> bool:
    return (
        shown is not None
        and len(shown) == len(new)
        and all(same(a, b) for a, b in zip(shown, new, strict=True))
    )
