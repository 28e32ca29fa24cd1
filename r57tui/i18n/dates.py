"""Dates and times as each interface language writes them: vi `15/10/2025 08:00`,
en `2025-10-15 08:00`. Due dates keep the precision the feed gave (a month, a quarter)."""

from __future__ import annotations

import re
from datetime import date, datetime

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def format_date(value: date, language: str = "en") -> str:
    if isinstance(value, datetime):
        value = value.date()
    return value.strftime("%d/%m/%Y") if language == "vi" else value.isoformat()


def format_as_of(value: datetime | date, *, offset: bool = False, language: str = "en") -> str:
    """`2025-10-15 08:00` (with `offset`: `… +0700`); vi `15/10/2025 08:00`; or a date."""
    if isinstance(value, datetime):
        day = "%d/%m/%Y" if language == "vi" else "%Y-%m-%d"
        pattern = f"{day} %H:%M %z" if offset and value.tzinfo else f"{day} %H:%M"
        return value.strftime(pattern)
    return format_date(value, language)


def format_due(text: str, language: str = "en") -> str:
    """A due date as the feed wrote it, in the language's order: vi `30/09/2025`,
    `09/2025`, `Q3/2025`; en leaves it as written (`2025-09-30`, `2025-09`, `2025-Q3`)."""
    if language != "vi":
        return text
    if match := _DAY.match(text):
        year, month, day = match.groups()
        return f"{day}/{month}/{year}"
    if match := _MONTH.match(text):
        year, month = match.groups()
        return f"{month}/{year}"
    if match := _QUARTER.match(text):
        year, quarter = match.groups()
        return f"Q{quarter}/{year}"
    return text


_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(value: date, language: str = "en") -> str:
    """A date as a letter's date line writes it: vi `ngày 05 tháng 02 năm 2026` (Decree
    30/2020/NĐ-CP: a day below 10 and a month below 3 with a leading zero), en `5 February
    2026`."""
    if language == "vi":
        day = f"{value.day:02d}" if value.day < 10 else str(value.day)
        month = f"{value.month:02d}" if value.month < 3 else str(value.month)
        return f"ngày {day} tháng {month} năm {value.year}"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
