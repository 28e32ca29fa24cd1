"""The history store: snapshots of the feed, one per meeting, in an SQLite file.

Below the interface and the commands, above the baseline (a snapshot is read back as a
baseline, as an earlier feed file is) and the roll-up; it never imports textual.
"""

from .choice import (
    HistoryRef,
    baseline_from,
    history_path,
    is_history_ref,
    names_meeting,
    pick_entry,
    source_keys,
)
from .rows import AGENCY, GROUP, KEY_TASKS, KIND, OWNER, SCOPES, TOTAL
from .schema import CURRENT, HistoryError
from .source_key import NOWHERE, SourceKey
from .store import (
    Entry,
    HistoryStore,
    IndicatorPoint,
    Recorded,
    SnapshotTasks,
    Trends,
    source_name,
)

__all__ = [
    "AGENCY",
    "CURRENT",
    "GROUP",
    "KEY_TASKS",
    "KIND",
    "NOWHERE",
    "OWNER",
    "SCOPES",
    "TOTAL",
    "Entry",
    "HistoryError",
    "HistoryRef",
    "HistoryStore",
    "IndicatorPoint",
    "Recorded",
    "SnapshotTasks",
    "SourceKey",
    "Trends",
    "baseline_from",
    "history_path",
    "is_history_ref",
    "names_meeting",
    "pick_entry",
    "source_keys",
    "source_name",
]
