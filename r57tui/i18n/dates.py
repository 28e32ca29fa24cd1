"""Dates and times as the interface shows them."""

from __future__ import annotations

from datetime import date, datetime


def format_as_of(value: datetime | date, *, offset: bool = False) -> str:
    """`2025-10-15 08:00` (with `offset`: `2025-10-15 08:00 +0700`), or a plain date."""
    if isinstance(value, datetime):
        pattern = "%Y-%m-%d %H:%M %z" if offset and value.tzinfo else "%Y-%m-%d %H:%M"
        return value.strftime(pattern)
    return value.isoformat()
