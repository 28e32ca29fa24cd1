"""Deadlines as a feed writes them: a date, a month (`2025-09`) or a quarter (`2025-Q3`).

A month or quarter means its last day. The parsed form keeps the text the feed used,
so the screen can show "2025-Q3" where the feed said so.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..i18n.message import Message, MessageError
from ..i18n.validation import short

# ASCII digits only: `\d` would take "２０２５-09" too.
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_QUARTER = re.compile(r"([0-9]{4})-[Qq]([1-4])")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True, slots=True)
class Due:
    """A deadline: the last day it allows, and how the feed wrote it."""

    deadline: date
    text: str
    precision: str  # "day", "month" or "quarter"

    def __str__(self) -> str:
        return self.text


class DueError(MessageError, ValueError):
    """A deadline that cannot be read."""


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@lru_cache(maxsize=4096)
def parse_due(text: str) -> Due:
    """Parse a deadline; raises `DueError` (a ValueError) with a human reason.

    Cached: a feed of 100k tasks has only a few hundred distinct deadlines.
    """
    m = _QUARTER.fullmatch(text)
    if m:
        year, quarter = int(m.group(1)), int(m.group(2))
        if year < 1:
            raise DueError(Message.of("year must be at least 0001"))
        return Due(_last_day(year, quarter * 3), f"{year:04d}-Q{quarter}", "quarter")
    m = _MONTH.fullmatch(text)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise DueError(Message.of("month {month} is not 01-12", month=m.group(2)))
        if year < 1:
            raise DueError(Message.of("year must be at least 0001"))
        return Due(_last_day(year, month), text, "month")
    if _DAY.fullmatch(text):
        try:
            return Due(date.fromisoformat(text), text, "day")
        except ValueError:
            raise DueError(_no_day(text)) from None
    return _bad(text)


def _no_day(text: str) -> Message:
    """Why a YYYY-MM-DD names no day, in words of ours (Python's own reason is English
    only: "month must be in 1..12")."""
    year, month = int(text[:4]), int(text[5:7])
    if not 1 <= month <= 12:
        return Message.of("month {month} is not 01-12", month=text[5:7])
    if year < 1:
        return Message.of("year must be at least 0001")
    return Message.of(
        "{value} is not a real date: {year}-{month} has {days} days",
        value=repr(text),
        year=text[:4],
        month=text[5:7],
        days=calendar.monthrange(year, month)[1],
    )


def _bad(text: str) -> Due:
    raise DueError(
        Message.of(
            "{value} is not a date (YYYY-MM-DD), a month (YYYY-MM) or a quarter (YYYY-Qn)",
            value=short(text),
        )
    )
