"""The agency rows of a table: which agencies, with their counts, in which order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..feed import Agency, AgencyKind, Feed
from ..groups import AGENCY_GROUPS
from ..i18n.collation import sort_key
from ..i18n.search import Matcher, fold_fields
from ..rollup import Bucket, Counts, Rollup
from .sorts import Sort, sort_by_id

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison


@dataclass(frozen=True, slots=True)
class AgencyRow:
    agency: Agency
    counts: Counts


def _percent_done(counts: Counts) -> float:
    share = counts.share(Bucket.COMPLETED)
    return -1.0 if share.whole == 0 else share.part / share.whole


# One sort per column of the agencies table; the first is the default.
AGENCY_SORTS: tuple[Sort, ...] = (
    Sort("overdue", "overdue ↓", True),
    Sort("percent", "% completed ↑", False),
    Sort("assigned", "assigned ↓", True),
    Sort("completed", "completed ↓", True),
    Sort("on_time", "on time ↓", True),
    Sort("late", "completed late ↓", True),
    Sort("name", "name A–Z", False),
)
_AGENCY_KEYS: dict[str, Callable[[AgencyRow], SupportsRichComparison]] = {
    "overdue": lambda r: (r.counts.overdue, r.counts.assigned),
    "percent": lambda r: (_percent_done(r.counts), -r.counts.overdue),
    "assigned": lambda r: r.counts.assigned,
    "completed": lambda r: r.counts.completed,
    "on_time": lambda r: r.counts.on_time,
    "late": lambda r: r.counts.completed_late,
    "name": lambda r: 0,  # name order is the tie-break below
}


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
    sort: str = "overdue",
    language: str = "vi",
) -> list[AgencyRow]:
    """Lead agencies with tasks, in `group` and `kinds`, matching `query`, sorted by `sort`.

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
        rows.append(AgencyRow(agency, counts))
    rows.sort(key=lambda row: sort_key(row.agency.display_name(language)))
    order = sort_by_id(AGENCY_SORTS, sort)
    if order.id != "name":
        rows.sort(key=_AGENCY_KEYS[order.id], reverse=order.descending)
    return rows
