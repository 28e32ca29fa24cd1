"""What each table shows: the agency rows and the task lists, filtered and sorted.

Pure (no textual). The dashboard and the exports both call these, so a table exported is
the table on screen, row for row. Every count comes from the roll-up; this module only
chooses and orders records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from .feed import Agency, AgencyKind, Feed, Task, TaskState
from .i18n.collation import sort_key
from .i18n.search import Matcher, fold_fields
from .rollup import Bucket, Changes, Counts, Rollup

# The agency groups a meeting compares; "other" puts Party bodies with the enterprises.
AGENCY_GROUPS: dict[str, frozenset[AgencyKind] | None] = {
    "all": None,
    "ministry": frozenset({AgencyKind.MINISTRY}),
    "branch": frozenset({AgencyKind.BRANCH}),
    "locality": frozenset({AgencyKind.LOCALITY}),
    "other": frozenset({AgencyKind.PARTY, AgencyKind.OTHER}),
}


@dataclass(frozen=True, slots=True)
class AgencyRow:
    agency: Agency
    counts: Counts


@dataclass(frozen=True, slots=True)
class Sort:
    """One way to order a table: `id` is what configs and exports name it by."""

    id: str
    label: str
    descending: bool


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
_AGENCY_KEYS: dict[str, Callable[[AgencyRow], object]] = {
    "overdue": lambda r: (r.counts.overdue, r.counts.assigned),
    "percent": lambda r: (_percent_done(r.counts), -r.counts.overdue),
    "assigned": lambda r: r.counts.assigned,
    "completed": lambda r: r.counts.completed,
    "on_time": lambda r: r.counts.on_time,
    "late": lambda r: r.counts.completed_late,
    "name": lambda r: 0,  # name order is the tie-break below
}


def agency_haystack(agency: Agency) -> str:
    """The folded texts an agency is found by: id, names, short name and former names."""
    return fold_fields(agency.id, agency.name, agency.name_en, agency.short, *agency.aliases)


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


def sort_by_id(sorts: tuple[Sort, ...], sort_id: str) -> Sort:
    for sort in sorts:
        if sort.id == sort_id:
            return sort
    raise ValueError(f"unknown sort {sort_id!r}; one of {', '.join(s.id for s in sorts)}")


def next_sort(sorts: tuple[Sort, ...], sort_id: str) -> str:
    ids = [sort.id for sort in sorts]
    return ids[(ids.index(sort_id) + 1) % len(ids)]


# Tasks -------------------------------------------------------------------------------


class StateFilter(StrEnum):
    """The state filters of a task list; `completed` takes late completions too."""

    ALL = "all"
    COMPLETED = "completed"
    ON_TIME = "on_time"
    OVERDUE = "overdue"

    def admits(self, state: TaskState) -> bool:
        if self is StateFilter.ALL:
            return True
        if self is StateFilter.COMPLETED:
            return state.is_completed
        return state.value == self.value

    @property
    def bucket(self) -> Bucket:
        return Bucket.ASSIGNED if self is StateFilter.ALL else Bucket(self.value)


@dataclass(frozen=True, slots=True)
class Scope:
    """Which tasks a task list holds: all, one lead agency, or an agency group."""

    kind: str  # "all" | "agency" | "group"
    key: str = "all"  # the agency id, or the group name of AGENCY_GROUPS

    @classmethod
    def everything(cls) -> Scope:
        return cls("all")

    @classmethod
    def agency(cls, agency_id: str) -> Scope:
        return cls("agency", agency_id)

    @classmethod
    def group(cls, group: str) -> Scope:
        if group not in AGENCY_GROUPS:
            raise ValueError(f"unknown agency group {group!r}")
        return cls("all") if group == "all" else cls("group", group)

    def counts(self, feed: Feed, rollup: Rollup) -> Counts:
        """The scope's figures, from the roll-up."""
        if self.kind == "agency":
            return rollup.by_agency.get(self.key, Counts())
        if self.kind == "group":
            kinds = AGENCY_GROUPS[self.key] or frozenset()
            return sum((rollup.by_kind[kind] for kind in kinds), Counts())
        return rollup.total

    def changes(self, changes: Changes) -> dict[Bucket, int]:
        """What moved in this scope's figures."""
        if self.kind == "agency":
            return changes.by_agency.get(self.key, {})
        if self.kind == "group":
            return changes.of_kinds(AGENCY_GROUPS[self.key] or frozenset())
        return changes.total

    def admits(self, feed: Feed, task: Task) -> bool:
        if self.kind == "agency":
            return task.agency == self.key
        if self.kind == "group":
            kinds = AGENCY_GROUPS[self.key] or frozenset()
            return feed.agencies[task.agency].kind in kinds
        return True


# Urgency: overdue longest first, then open tasks due soonest, then the completed.
_STATE_RANK = {
    TaskState.OVERDUE: 0,
    TaskState.ON_TIME: 1,
    TaskState.COMPLETED_LATE: 2,
    TaskState.COMPLETED: 3,
}
TASK_SORTS: tuple[Sort, ...] = (
    Sort("urgency", "most urgent first", False),
    Sort("due", "due date ↑", False),
    Sort("id", "id", False),
    Sort("state", "state", False),
    Sort("progress", "progress ↑", False),
    Sort("agency", "agency A–Z", False),
    Sort("title", "title A–Z", False),
)
_FAR = 10**6


def _urgency(task: Task) -> tuple[int, int]:
    past = task.days_past_due
    return (_STATE_RANK[task.state], -past if past is not None else _FAR)


class TaskList:
    """The tasks of one scope in a feed, ready to filter and sort many times.

    The folded search text of each task (id, title, source, group, agency names) is built
    once, on the first text filter, not on every keystroke.
    """

    def __init__(self, feed: Feed, scope: Scope, language: str = "vi") -> None:
        self.feed = feed
        self.scope = scope
        self.language = language
        self.tasks = [task for task in feed.tasks if scope.admits(feed, task)]
        self._haystacks: list[str] | None = None
        self._agency_keys: dict[str, tuple[str, ...]] = {}

    def rows(
        self,
        state: StateFilter = StateFilter.ALL,
        query: str = "",
        sort: str = "urgency",
    ) -> list[Task]:
        matcher = Matcher(query)
        if matcher.is_blank:
            chosen = [task for task in self.tasks if state.admits(task.state)]
        else:
            haystacks = self._search_texts()
            chosen = [
                task
                for task, haystack in zip(self.tasks, haystacks, strict=True)
                if state.admits(task.state) and matcher.matches_folded(haystack)
            ]
        order = sort_by_id(TASK_SORTS, sort)
        chosen.sort(key=self._key(order.id))
        return chosen

    def _key(self, sort_id: str) -> Callable[[Task], object]:
        if sort_id == "urgency":
            return lambda t: (_urgency(t), t.id)
        if sort_id == "due":
            return lambda t: (t.deadline is None, t.deadline or 0, _urgency(t), t.id)
        if sort_id == "state":
            return lambda t: (_STATE_RANK[t.state], t.id)
        if sort_id == "progress":
            return lambda t: (t.progress is None, t.progress or 0, t.id)
        if sort_id == "agency":
            return lambda t: (self._agency_key(t.agency), _urgency(t), t.id)
        if sort_id == "title":
            return lambda t: (sort_key(t.title), t.id)
        return lambda t: t.id

    def _agency_key(self, agency_id: str) -> tuple[str, ...]:
        key = self._agency_keys.get(agency_id)
        if key is None:
            key = self._agency_keys[agency_id] = sort_key(
                self.feed.agency_name(agency_id, self.language)
            )
        return key

    def _search_texts(self) -> list[str]:
        if self._haystacks is None:
            agencies = {
                agency_id: agency_haystack(agency)
                for agency_id, agency in self.feed.agencies.items()
            }
            self._haystacks = [
                fold_fields(task.id, task.title, task.source, task.group)
                + " "
                + agencies.get(task.agency, "")
                for task in self.tasks
            ]
        return self._haystacks
