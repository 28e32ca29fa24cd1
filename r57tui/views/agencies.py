"""The agency rows of a table: which agencies, with their counts, in which order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from ..feed import Agency, AgencyKind, Feed
from ..groups import AGENCY_GROUPS
from ..i18n.collation import sort_key
from ..i18n.search import Matcher, fold_fields
from ..rollup import Bucket, Counts, Rollup
from .sorts import Sort, SortOrder, order_of

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison


@dataclass(frozen=True, slots=True)
class AgencyRow:
    agency: Agency
    counts: Counts
    at_risk: int = 0  # of `counts.on_time`: due before the next meeting and behind


def _percent_done(counts: Counts) -> float:
    share = counts.share(Bucket.COMPLETED)
    return -1.0 if share.whole == 0 else share.part / share.whole


def _overdue_rate(counts: Counts) -> float:
    share = counts.overdue_rate
    return -1.0 if share.whole == 0 else share.part / share.whole


# One sort per column of a table of counts (agencies, owners); the first is the default.
AGENCY_SORTS: tuple[Sort, ...] = (
    Sort("overdue", "overdue ↓", True, "overdue ↑"),
    Sort("percent", "% completed ↑", False, "% completed ↓"),
    Sort("assigned", "assigned ↓", True, "assigned ↑"),
    Sort("completed", "completed ↓", True, "completed ↑"),
    Sort("on_time", "on time ↓", True, "on time ↑"),
    Sort("late", "completed late ↓", True, "completed late ↑"),
    Sort("name", "name A–Z", False, "name Z–A"),
    Sort("overdue_rate", "overdue rate ↓", True, "overdue rate ↑"),
    Sort("at_risk", "at risk ↓", True, "at risk ↑"),
)
# The key of each sort but `name`, on a row's counts (ties: the name order, kept).
COUNTS_KEYS: dict[str, Callable[[Counts], SupportsRichComparison]] = {
    "overdue": lambda c: (c.overdue, c.assigned),
    "percent": lambda c: (_percent_done(c), -c.overdue),
    "assigned": lambda c: c.assigned,
    "completed": lambda c: c.completed,
    "on_time": lambda c: c.on_time,
    "late": lambda c: c.completed_late,
    # 4 of 8 above 7 of 57; at the same rate, more overdue first.
    "overdue_rate": lambda c: (_overdue_rate(c), c.overdue),
}


class _Counted(Protocol):
    @property
    def counts(self) -> Counts: ...
    @property
    def at_risk(self) -> int: ...


_Row = TypeVar("_Row", bound=_Counted)


def sort_counted(rows: list[_Row], sort: str | SortOrder) -> list[_Row]:
    """Rows already in name order, put in `sort`'s order (in place, and returned): the
    agencies' and the owners' tables sort alike. Reversed, ties stay in name order."""
    order = order_of(sort)
    descending = order.descending(AGENCY_SORTS)
    if order.key == "name":
        if descending:
            rows.reverse()
        return rows
    if order.key == "at_risk":
        # Not a count of a state: the row's own figure; at the same, more on time first.
        rows.sort(key=lambda row: (row.at_risk, row.counts.on_time), reverse=descending)
        return rows
    key = COUNTS_KEYS[order.key]
    rows.sort(key=lambda row: key(row.counts), reverse=descending)
    return rows


# What of each name an agency is found by: folded at every keystroke of the agencies'
# filter and the palette, and a name pasted with megabytes in it would stall each one.
_SEARCHED_CHARS = 1000


def agency_haystack(agency: Agency) -> str:
    """The folded texts an agency is found by: id, names, short name and former names."""
    names = (agency.id, agency.name, agency.name_en, agency.short, *agency.aliases)
    return fold_fields(*(name[:_SEARCHED_CHARS] if name else name for name in names))


def agency_rows(
    feed: Feed,
    rollup: Rollup,
    *,
    group: str = "all",
    kinds: Iterable[str] | None = None,
    query: str = "",
    sort: str | SortOrder = "overdue",
    language: str = "vi",
) -> list[AgencyRow]:
    """Lead agencies with tasks, in `group` and `kinds`, matching `query`, sorted by `sort`
    (a sort id in its first direction, or a `SortOrder`).

    Ties (and the `name` sort) follow Vietnamese alphabetical order of the displayed name,
    so the order is stable from one refresh to the next.
    """
    wanted = AGENCY_GROUPS[group]
    shown = {AgencyKind(kind) for kind in kinds} if kinds is not None else set(AgencyKind)
    matcher = Matcher(query)
    rows = []
    for agency_id, counts in rollup.by_agency.items():
        agency = feed.agencies[agency_id]
        if not counts.assigned or agency.kind not in shown:
            continue
        if wanted is not None and agency.kind not in wanted:
            continue
        if not matcher.is_blank and not matcher.matches_folded(agency_haystack(agency)):
            continue
        rows.append(AgencyRow(agency, counts, rollup.at_risk_by_agency.get(agency_id, 0)))
    rows.sort(key=lambda row: sort_key(row.agency.display_name(language)))
    return sort_counted(rows, sort)
