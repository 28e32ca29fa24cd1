"""The r57 feed: its records, the four task states, and loading with findings.

Pure: stdlib and pydantic only, no I/O and never textual.
"""

from .dates import Due, parse_due
from .loaded import Feed, FeedError, Finding
from .loader import derive_state, load_feed
from .models import (
    FORMAT,
    VERSION,
    Agency,
    AgencyKind,
    Direction,
    FeedDocument,
    HistoryPoint,
    Indicator,
    Note,
    Task,
    TaskState,
)

__all__ = [
    "FORMAT",
    "VERSION",
    "Agency",
    "AgencyKind",
    "Direction",
    "Due",
    "Feed",
    "FeedDocument",
    "FeedError",
    "Finding",
    "HistoryPoint",
    "Indicator",
    "Note",
    "Task",
    "TaskState",
    "derive_state",
    "load_feed",
    "parse_due",
]
