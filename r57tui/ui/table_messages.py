"""What a table asks of its screen: open the record of a row, or sort by a column, and
what it tells it: the row the cursor is on."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget


class TableMessage(Message):
    """A message from one table; `control` lets a screen tell its tables apart."""

    def __init__(self, table: Widget) -> None:
        super().__init__()
        self.table = table

    @property
    def control(self) -> Widget:
        return self.table


class RowMessage(TableMessage):
    """A message about one row of a table, named by its key."""

    def __init__(self, table: Widget, key: str) -> None:
        super().__init__(table)
        self.key = key


class Drill(RowMessage):
    """The user asked to open the record of a row (Enter or a double click)."""


class Highlighted(RowMessage):
    """The cursor came to a row: the screen shows its full text under the table."""


class SortBy(TableMessage):
    """The user clicked a column heading."""

    def __init__(self, table: Widget, column: str) -> None:
        super().__init__(table)
        self.column = column
