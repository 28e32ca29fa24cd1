"""Cells as each format writes them, and feed text made safe for files.

Feed text is data: control and bidi characters are made visible (as on screen), and a
text cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or
carriage return first) is prefixed with an apostrophe in CSV (OWASP's advice). XLSX
cells are written as strings, which a spreadsheet never evaluates.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..i18n.dates import format_date
from ..i18n.numbers import format_decimal, format_int, format_percent, signed_text
from ..indicators import decimals_of, exact, places
from ..safety import printable
from .table_model import NUMERIC_KINDS, Cell, CellKind

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text a spreadsheet will show as text, never run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def clean_text(value: object) -> str:
    return printable(str(value)) if value is not None else ""


def clean_lines(value: object) -> list[str]:
    """A cell of several lines (kind "lines"), each line made printable: the line breaks
    between them are the cell's own, kept; any other control character is marked."""
    return [clean_text(line) for line in str(value).split("\n")] if value is not None else []


def plain_number(value: Cell) -> str:
    """A number as the feed wrote it, as a machine reads it: `1132`, `36.11`, `43` (a
    percentage's number), `16` and `12700000` for a whole number parsed as a float."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        number = exact(value)
        return format(
            number.to_integral_value() if number == number.to_integral_value() else number, "f"
        )
    return str(value)


def _sign(value: int | float | Decimal) -> int:
    return (value > 0) - (value < 0)


def _size(value: int | float | Decimal) -> int | float | Decimal:
    return -value if value < 0 else value


def csv_cell(value: Cell, kind: CellKind, decimal_comma: bool = False) -> str:
    """A CSV cell; with `decimal_comma` (the `;` delimiter, Excel's in a Vietnamese
    locale) numbers are written `36,11`."""
    if value is None:
        return ""
    if kind in NUMERIC_KINDS and isinstance(value, int | float | Decimal):
        text = plain_number(_size(value) if kind == "change" else value)
        if decimal_comma:
            text = text.replace(".", ",")
        return signed_text(text, _sign(value)) if kind == "change" else text
    if isinstance(value, date):
        return value.isoformat()
    if kind == "lines":
        return neutralise("\n".join(clean_lines(value)))
    return neutralise(clean_text(value))


def display_cell(value: Cell, kind: CellKind, language: str) -> str:
    """A cell as the screen writes it, for Markdown and HTML: `1,132`, `43%`, `36.11`; a
    cell of several lines keeps its line breaks (each format writes them its way)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "\n".join(clean_lines(value)) if kind == "lines" else clean_text(value)
    if kind == "change" and isinstance(value, int | float | Decimal):
        return signed_text(display_cell(_size(value), "number", language), _sign(value))
    if kind == "ordinal":
        return str(value)
    if kind == "percent" and not isinstance(value, date):
        return format_percent(Decimal(value), 0, language)
    if kind == "int" and isinstance(value, int):
        return format_int(value, language)
    if isinstance(value, Decimal):
        return format_decimal(value, places(value), language)
    if isinstance(value, float | int):
        return format_decimal(value, decimals_of(value), language)
    if isinstance(value, date):
        return format_date(value, language)
    return clean_text(value)
