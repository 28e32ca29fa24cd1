"""The trends of the recorded meetings: the whole feed's figures snapshot by snapshot,
and each agency's trajectory with how far it moved since a chosen meeting.

No textual. The trends screen and `export --table trend` both read these, so the
figures exported are the figures on screen. Every figure comes from the history's counts
(`HistoryStore.trends`), which are the roll-up of each recorded feed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from ..feed import Agency, Feed
from ..groups import AGENCY_GROUPS
from ..history import AGENCY, TOTAL, Entry, HistoryStore, IndicatorPoint, Trends
from ..i18n.collation import sort_key
from ..i18n.search import Matcher
from ..rollup import Bucket, Counts
from .agencies import agency_haystack
from .sorts import Sort, SortOrder, sort_by_id

# What an agency's trajectory follows: its completion rate, or its overdue count.
COMPLETION, OVERDUE = "completion", "overdue"
METRICS = (COMPLETION, OVERDUE)
DECIMALS = 1  # of a completion rate, as the agencies table writes it

# "Who improved most since Q2" first: completion up, or overdue down.
TREND_SORTS: tuple[Sort, ...] = (
    Sort("movement", "most improved", True, "least improved"),
    Sort("latest", "latest value ↓", True, "latest value ↑"),
    Sort("name", "name A–Z", False, "name Z–A"),
)


@dataclass(frozen=True, slots=True)
class SnapshotRow:
    """One recorded meeting's figures, and their change from the meeting before."""

    entry: Entry
    counts: Counts
    completed_change: Decimal | None  # percentage points; None for the first
    overdue_change: int | None

    @property
    def completed_percent(self) -> Decimal | None:
        return value_of(self.counts, COMPLETION)


def value_of(counts: Counts | None, metric: str) -> Decimal | None:
    """An agency's figure in one snapshot: its completion % or its overdue count; None
    when the snapshot did not have it (or it had no tasks, for a rate)."""
    if counts is None:
        return None
    if metric == OVERDUE:
        return Decimal(counts.overdue)
    return counts.share(Bucket.COMPLETED).percent(DECIMALS)


def snapshot_rows(entries: Iterable[Entry], series: Iterable[Counts | None]) -> list[SnapshotRow]:
    """A scope's rows, oldest first: the snapshots where it had tasks, each with its change
    from the row before."""
    rows: list[SnapshotRow] = []
    for entry, counts in zip(entries, series, strict=True):
        if counts is None or not counts.assigned:
            continue
        before = rows[-1] if rows else None
        was, now = (
            (before.completed_percent, value_of(counts, COMPLETION)) if before else (None, None)
        )
        rows.append(
            SnapshotRow(
                entry,
                counts,
                now - was if was is not None and now is not None else None,
                counts.overdue - before.counts.overdue if before else None,
            )
        )
    return rows


def national_rows(trends: Trends) -> list[SnapshotRow]:
    """The whole feed's rows (the history's `total` scope)."""
    return snapshot_rows(trends.entries, trends.series.get(None, ()))


@dataclass(frozen=True, slots=True)
class AgencyTrend:
    """An agency's values across the snapshots (None where it had none), and how far it
    moved from the snapshot measured from to the last one it has."""

    agency: Agency
    series: tuple[Counts | None, ...]
    values: tuple[Decimal | None, ...]
    first: Decimal | None  # at the snapshot measured from (or its first after it)
    last: Decimal | None
    movement: Decimal | None  # last - first
    improvement: Decimal | None  # the movement, positive when it is for the better


def agency_trends(
    trends: Trends,
    agencies: Mapping[str, Agency],
    *,
    metric: str = COMPLETION,
    since: int = 0,
    group: str = "all",
    query: str = "",
    sort: str | SortOrder = "movement",
    language: str = "vi",
) -> list[AgencyTrend]:
    """The lead agencies recorded in the history (named as `agencies` names them; one it
    does not name is left out), in `group`, matching `query`, each measured from the
    snapshot at index `since`, sorted by `sort`."""
    wanted = AGENCY_GROUPS[group]
    matcher = Matcher(query)
    rows: list[AgencyTrend] = []
    for key, series in trends.series.items():
        agency = agencies.get(key) if key is not None else None
        if agency is None or not any(c is not None and c.assigned for c in series):
            continue
        if wanted is not None and agency.kind not in wanted:
            continue
        if not matcher.is_blank and not matcher.matches_folded(agency_haystack(agency)):
            continue
        rows.append(_trend(agency, series, metric, since))
    rows.sort(key=lambda row: sort_key(row.agency.display_name(language)))
    order = sort if isinstance(sort, SortOrder) else SortOrder(sort)
    if order.key == "name":
        return rows[::-1] if order.reversed else rows
    descending = order.descending(TREND_SORTS)
    measured = "improvement" if order.key == "movement" else "last"
    known = [row for row in rows if getattr(row, measured) is not None]
    unknown = [row for row in rows if getattr(row, measured) is None]
    known.sort(key=lambda row: getattr(row, measured), reverse=descending)  # stable
    return known + unknown  # an agency with nothing to measure last, either way


def _trend(
    agency: Agency, series: tuple[Counts | None, ...], metric: str, since: int
) -> AgencyTrend:
    values = tuple(
        value_of(counts, metric) if counts is not None and counts.assigned else None
        for counts in series
    )
    after = [value for value in values[since:] if value is not None]
    first = after[0] if after else None
    last = after[-1] if after else None
    movement = last - first if first is not None and last is not None else None
    improvement = None if movement is None else (-movement if metric == OVERDUE else movement)
    return AgencyTrend(agency, series, values, first, last, movement, improvement)


def trend_sort(sort_id: str) -> Sort:
    return sort_by_id(TREND_SORTS, sort_id)


@dataclass(frozen=True, slots=True)
class TrendHistory:
    """What the trends screen and the trend export read from the history: the whole
    feed's and each agency's counts across the snapshots, and the agencies' names."""

    total: Trends
    agencies: Trends
    names: Mapping[str, Agency]
    # Each indicator's recorded values, oldest first (store.indicator_values).
    indicators: Mapping[str, tuple[IndicatorPoint, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.total.entries


def trend_history(store: HistoryStore, feed: Feed | None = None) -> TrendHistory:
    """The history's trends, the agencies named as `feed` (the one on screen) names them,
    and those it does not have as the newest snapshot did (read only then: a national
    feed's snapshot is 100k tasks). Raises HistoryError (a damaged or newer store) and
    FeedError (a snapshot that no longer reads)."""
    total = store.trends(TOTAL)
    agencies = store.trends(AGENCY)
    names: dict[str, Agency] = dict(feed.agencies) if feed is not None else {}
    missing = any(key is not None and key not in names for key in agencies.series)
    if missing and total.entries:
        names = {**store.feed(total.entries[-1]).agencies, **names}
    indicators = {key: tuple(points) for key, points in store.indicator_values().items()}
    return TrendHistory(total, agencies, MappingProxyType(names), MappingProxyType(indicators))
