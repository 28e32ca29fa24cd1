"""What a format can hold, and text shortened to fit it with a note of where.

An XLSX cell holds at most 32,767 characters (counted as Excel counts them, in UTF-16
units), and xlsxwriter writes nothing at all for a longer string. CSV gets the same
limit: its BOM is there so that Excel opens it on a double click, Excel breaks a longer
cell into the next rows, shifting the table, and Python's csv reader refuses a field over
131,072 characters. A shortened cell ends with a marker in the export's language that
says how long the text was; every shortened cell is listed (sheet!cell, column, the row's
id) in the message the export gives and, in a workbook, on its sheet of shortened cells
(a CSV has no room for a note that is not a row of the table: its marker is in the
cell). The JSON snapshot, Markdown and HTML have no cell limit and keep the whole text.
A task's notes, all of them on request, are one cell like any other: cut the same way,
the oldest lines first, since they come newest first.

Rows: a sheet holds 1,048,576; a longer table is refused as XLSX (xlsx_format.py says
why). CSV has no row limit of its own and is not cut: Excel opens the first 1,048,576
rows of a longer one and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n.message import Message
from ..i18n.numbers import format_int
from ..i18n.strings import tr

XLSX_CELL_CHARS = 32_767
XLSX_ROWS = 1_048_576
# Cells listed in a message; the file's notes list them all.
LISTED = 5


def utf16_length(text: str) -> int:
    if len(text) * 2 <= XLSX_CELL_CHARS:
        return len(text)  # the common case, without encoding anything
    return len(text.encode("utf-16-le")) // 2


def column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Shortened:
    where: str  # tasks!C14: the sheet (or the CSV's table) and the cell
    column: str  # the column's header
    record: str  # the id of the row's task, agency or indicator; "" for a title
    length: int  # the characters the text had


@dataclass(slots=True)
class Fitter:
    """Cuts text to a cell limit with a marker, and remembers every cell it cut."""

    format: str  # XLSX, CSV: named in the message
    language: str
    limit: int = XLSX_CELL_CHARS
    shortened: list[Shortened] = field(default_factory=list)

    def fit(self, text: str, where: str, column: str = "", record: str = "") -> str:
        if len(text) * 2 <= self.limit or utf16_length(text) <= self.limit:
            return text
        marker = " " + tr("… [shortened: {count} characters]", self.language).format(
            count=format_int(len(text), self.language)
        )
        room = self.limit - utf16_length(marker)
        # Characters outside the BMP (emoji) count twice: cut in UTF-16 units, and drop
        # half a pair left at the cut.
        units = text[:room].encode("utf-16-le")[: 2 * room]
        kept = units.decode("utf-16-le", "ignore")
        self.shortened.append(Shortened(where, column, record, len(text)))
        return kept + marker

    def message(self) -> Message | None:
        """`2 cells shortened to 32,767 characters (XLSX limit): tasks!C14 (T-1), …`."""
        if not self.shortened:
            return None
        lang = self.language
        cells = ", ".join(
            f"{cut.where} ({cut.record})" if cut.record else cut.where
            for cut in self.shortened[:LISTED]
        )
        more = len(self.shortened) - LISTED
        if more > 0:
            cells += tr(", and {count} more", lang).format(count=format_int(more, lang))
        return Message.of(
            "1 cell shortened to {limit} characters ({format} limit): {cells}"
            if len(self.shortened) == 1
            else "{count} cells shortened to {limit} characters ({format} limit): {cells}",
            count=format_int(len(self.shortened), lang),
            limit=format_int(self.limit, lang),
            format=self.format,
            cells=cells,
        )


def id_column(columns: tuple[str, ...]) -> int | None:
    """Where a row says which record it is: its `id`, else its agency's id."""
    for key in ("id", "agency_id"):
        if key in columns:
            return columns.index(key)
    return None
