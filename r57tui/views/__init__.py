"""What each table shows: the agency rows and the task lists, filtered and sorted.

Pure (no textual). The dashboard and the exports both call these, so a table exported is
the table on screen, row for row. Every count comes from the roll-up; this module only
chooses and orders records.
"""

from ..groups import AGENCY_GROUPS
from .agencies import AGENCY_SORTS, AgencyRow, agency_haystack, agency_rows
from .scopes import Scope, StateFilter
from .sorts import Sort, next_sort, sort_by_id
from .tasks import TASK_SORTS, FeedIndex, TaskList, feed_index

__all__ = [
    "AGENCY_GROUPS",
    "AGENCY_SORTS",
    "TASK_SORTS",
    "AgencyRow",
    "FeedIndex",
    "Scope",
    "Sort",
    "StateFilter",
    "TaskList",
    "agency_haystack",
    "agency_rows",
    "feed_index",
    "next_sort",
    "sort_by_id",
]
