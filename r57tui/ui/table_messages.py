"""What a table asks of its screen: open the record of a row, or sort by a column."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget


class Drill(Message):
    """The user asked to open the record of a row (Enter or a double click)."""

    def __init__(self, table: Widget, key: str) -> None:
        super().__init__()
        self.table = table
        self.key = key

    @property
    def control(self) -> Widget:
        return self.table


class SortBy(Message):
    """The user clicked a column heading."""

    def __init__(self, table: Widget, column: str) -> None:
        super().__init__()
        self.table = table
        self.column = column

    @property
    def control(self) -> Widget:
        return self.table


class Highlighted(Message):
    """The cursor came to a row: the screen shows its full text under the table."""

    def __init__(self, table: Widget, key: str) -> None:
        super().__init__()
        self.table = table
        self.key = key

    @property
    def control(self) -> Widget:
        return self.table
