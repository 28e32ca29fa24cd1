"""The r57 feed: its records, the four task states, and loading with findings.

Pure: no I/O and never textual. Besides the standard library it uses msgspec (the
records, decoded in one pass; a refresh cuts the document into its records as written),
jiter (which catches keys written twice) and pydantic (the contract, for a feed with
something wrong and for the published schema: imported only then); the agency kinds come
from r57tui.groups, which imports nothing of r57tui.
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
