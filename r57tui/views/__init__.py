"""What each table shows: the agency and owner rows and the task lists, filtered (state,
facets, text) and sorted.

Pure (no textual). The dashboard and the exports both call these, so a table exported is
the table on screen, row for row. Every count comes from the roll-up, but a faceted or
text-filtered list's, counted from the tasks it shows (`TaskList.counts`).
"""

from ..groups import AGENCY_GROUPS
from .agencies import AGENCY_SORTS, AgencyRow, agency_haystack, agency_rows
from .changes import ChangeIndex, ChangeList, change_list, scope_title
from .facets import NO_FACETS, Facets, FacetValue, FacetValues, describe, facet_values
from .feed_index import TASK_SORTS, FeedIndex, feed_index
from .owners import OwnerRow, owner_rows
from .scopes import Scope, StateFilter
from .sorts import Sort, SortOrder, next_sort, sort_by_id
from .tasks import TaskList

__all__ = [
    "AGENCY_GROUPS",
    "AGENCY_SORTS",
    "NO_FACETS",
    "TASK_SORTS",
    "AgencyRow",
    "ChangeIndex",
    "ChangeList",
    "FacetValue",
    "FacetValues",
    "Facets",
    "FeedIndex",
    "OwnerRow",
    "Scope",
    "Sort",
    "SortOrder",
    "StateFilter",
    "TaskList",
    "agency_haystack",
    "agency_rows",
    "change_list",
    "describe",
    "facet_values",
    "feed_index",
    "next_sort",
    "owner_rows",
    "scope_title",
    "sort_by_id",
]
