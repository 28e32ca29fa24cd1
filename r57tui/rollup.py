"""Counts of tasks by state for the whole feed, each agency, agency kind, group and owner.

Pure and computed once per feed: the screen, the exports and `r57tui check` all read
these figures, so they can never disagree. Shares carry their denominator, so a
percentage always says what it is a percentage of.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from .feed import AgencyKind, Feed, Task, TaskState
from .risk import is_due_soon, judge_risk
from .share import Share

DEFAULT_DUE_SOON_DAYS = 14
# The next meeting, in days after the feed's as-of: the committee meets every quarter, and
# a month ahead is what a secretariat can still act on before it.
DEFAULT_AT_RISK_DAYS = 30


class Bucket(StrEnum):
    """What a meeting report counts: the four states, and completed taken together."""

    ASSIGNED = "assigned"
    COMPLETED = "completed"  # on time and late together
    COMPLETED_ON_TIME = "completed_on_time"
    COMPLETED_LATE = "completed_late"
    ON_TIME = "on_time"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class Counts:
    """Tasks in each state. `assigned = completed + on_time + overdue` always holds."""

    completed_on_time: int = 0
    completed_late: int = 0
    on_time: int = 0
    overdue: int = 0

    @property
    def completed(self) -> int:
        return self.completed_on_time + self.completed_late

    @property
    def assigned(self) -> int:
        return self.completed_on_time + self.completed_late + self.on_time + self.overdue

    def get(self, bucket: Bucket) -> int:
        return getattr(self, bucket.value)

    def share(self, bucket: Bucket, of: Bucket = Bucket.ASSIGNED) -> Share:
        """The share of one bucket in another (by default, of all assigned tasks)."""
        return Share(self.get(bucket), self.get(of))

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.completed_on_time + other.completed_on_time,
            self.completed_late + other.completed_late,
            self.on_time + other.on_time,
            self.overdue + other.overdue,
        )

    @classmethod
    def of(cls, tally: list[int]) -> Counts:
        return cls(*tally)

    @property
    def overdue_rate(self) -> Share:
        """Overdue as a share of assigned: 4 of 8 in a province weighs more than 7 of 57
        in a ministry, which the overdue count alone hides."""
        return Share(self.overdue, self.assigned)

    def change_since(self, before: Counts) -> dict[Bucket, int]:
        """What moved since `before`, bucket by bucket; unchanged buckets are left out."""
        moved = {bucket: self.get(bucket) - before.get(bucket) for bucket in SHOWN_BUCKETS}
        return {bucket: delta for bucket, delta in moved.items() if delta}


# The figures a screen shows, in the order a report reads them.
SHOWN_BUCKETS = (
    Bucket.ASSIGNED,
    Bucket.COMPLETED,
    Bucket.COMPLETED_LATE,
    Bucket.ON_TIME,
    Bucket.OVERDUE,
)


# The order of a tally list: the fields of Counts.
_SLOT = {
    TaskState.COMPLETED: 0,
    TaskState.COMPLETED_LATE: 1,
    TaskState.ON_TIME: 2,
    TaskState.OVERDUE: 3,
}


@dataclass(frozen=True, slots=True)
class Changes:
    """Differences between two roll-ups; only what moved is present."""

    total: dict[Bucket, int]
    by_agency: dict[str, dict[Bucket, int]]
    by_kind: dict[AgencyKind, dict[Bucket, int]]
    by_owner: dict[str | None, dict[Bucket, int]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.total or self.by_agency or self.by_kind or self.by_owner)

    def of_kinds(self, kinds: Iterable[AgencyKind]) -> dict[Bucket, int]:
        """What moved in a group of agency kinds taken together."""
        total: dict[Bucket, int] = {}
        for kind in kinds:
            for bucket, delta in self.by_kind.get(kind, {}).items():
                total[bucket] = total.get(bucket, 0) + delta
        return {bucket: delta for bucket, delta in total.items() if delta}


@dataclass(frozen=True, slots=True)
class Rollup:
    as_of: date
    total: Counts
    by_agency: dict[str, Counts]  # every agency of the feed, in feed order, zeros included
    by_kind: dict[AgencyKind, Counts]  # every kind, zeros included
    by_group: dict[str | None, Counts]  # None: tasks without a group
    key_tasks: Counts
    due_soon: tuple[Task, ...]  # open tasks due within the horizon, soonest first
    due_soon_days: int
    # The member in charge (the task's `owner`), in order of first appearance; None: tasks
    # without one. Counted beside the lead agency: every task is in exactly one entry.
    by_owner: dict[str | None, Counts] = field(default_factory=dict)
    # On-time tasks at risk of turning overdue before the next meeting (`judge_risk`),
    # soonest first: a flag on some of `total.on_time`, never a state of its own.
    at_risk: tuple[Task, ...] = ()
    at_risk_days: int = DEFAULT_AT_RISK_DAYS
    at_risk_by_agency: dict[str, int] = field(default_factory=dict)  # only agencies with any
    at_risk_by_kind: dict[AgencyKind, int] = field(default_factory=dict)  # only kinds with any
    at_risk_by_owner: dict[str | None, int] = field(default_factory=dict)  # only owners with any

    def at_risk_of_kinds(self, kinds: Iterable[AgencyKind]) -> int:
        """How many tasks of agencies of these kinds (an agency group) are at risk."""
        return sum(self.at_risk_by_kind.get(kind, 0) for kind in kinds)

    def changes_since(self, before: Rollup) -> Changes:
        """Every figure that moved since an earlier roll-up (a refresh, or a baseline)."""
        empty = Counts()
        by_agency = {}
        for agency_id in self.by_agency.keys() | before.by_agency.keys():
            moved = self.by_agency.get(agency_id, empty).change_since(
                before.by_agency.get(agency_id, empty)
            )
            if moved:
                by_agency[agency_id] = moved
        by_kind = {}
        for kind in AgencyKind:
            moved = self.by_kind[kind].change_since(before.by_kind[kind])
            if moved:
                by_kind[kind] = moved
        by_owner = {}
        for owner in self.by_owner.keys() | before.by_owner.keys():
            moved = self.by_owner.get(owner, empty).change_since(before.by_owner.get(owner, empty))
            if moved:
                by_owner[owner] = moved
        return Changes(self.total.change_since(before.total), by_agency, by_kind, by_owner)


def state_slot(task: Task) -> int:
    """Where a task's state is counted in a tally (`counts_of_slots`)."""
    return _SLOT[task.state]


def counts_of_slots(slots: bytes) -> Counts:
    """The figures of tasks given by their `state_slot`s, one byte each: counted in C."""
    return Counts.of([slots.count(slot) for slot in range(4)])


def count_states(tasks: Iterable[Task]) -> Counts:
    """The figures of some tasks, counted from the tasks: for a list whose filters (facets,
    a text) the roll-up has no entry for."""
    tally = [0, 0, 0, 0]
    slot = _SLOT
    for task in tasks:
        tally[slot[task.state]] += 1
    return Counts.of(tally)


def roll_up(
    feed: Feed,
    *,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
    at_risk_days: int = DEFAULT_AT_RISK_DAYS,
) -> Rollup:
    """Count every task once, under its lead agency, its agency's kind, its group and its
    owner."""
    agency_tally: dict[str, list[int]] = {agency_id: [0, 0, 0, 0] for agency_id in feed.agencies}
    group_tally: dict[str | None, list[int]] = {}
    owner_tally: dict[str | None, list[int]] = {}
    key_tally = [0, 0, 0, 0]
    as_of = feed.as_of_date
    due_soon: list[Task] = []
    at_risk: list[Task] = []
    slot = _SLOT
    # The last deadline either list may take: an on-time task due later is in neither, and
    # is passed over without asking (most of a national feed's open tasks).
    try:
        horizon = as_of + timedelta(days=max(due_soon_days, at_risk_days, 0))
    except OverflowError:
        horizon = date.max
    for task in feed.tasks:
        state = task.state
        i = slot[state]
        agency_tally[task.agency][i] += 1
        group = group_tally.get(task.group)
        if group is None:
            group = group_tally[task.group] = [0, 0, 0, 0]
        group[i] += 1
        owner = owner_tally.get(task.owner)
        if owner is None:
            owner = owner_tally[task.owner] = [0, 0, 0, 0]
        owner[i] += 1
        if task.key_task:
            key_tally[i] += 1
        if state is TaskState.ON_TIME and (deadline := task.deadline) is not None:
            if not as_of <= deadline <= horizon:
                continue
            if is_due_soon(task, as_of, due_soon_days):
                due_soon.append(task)
            if judge_risk(task, as_of, at_risk_days) is not None:
                at_risk.append(task)
    return rollup_of(
        feed,
        Tallies(agency_tally, group_tally, owner_tally, key_tally),
        due_soon,
        at_risk,
        due_soon_days=due_soon_days,
        at_risk_days=at_risk_days,
    )


@dataclass(frozen=True, slots=True)
class Tallies:
    """The counts being made, each a list in the order of `Counts`' fields; dicts in the
    order the roll-up gives (agencies in feed order, groups and owners as they first
    appear)."""

    agency: dict[str, list[int]]
    group: dict[str | None, list[int]]
    owner: dict[str | None, list[int]]
    key: list[int]

    @classmethod
    def of(cls, rollup: Rollup) -> Tallies:
        """The tallies `rollup` was made from (to be added to)."""

        def tally(counts: Counts) -> list[int]:
            return [counts.completed_on_time, counts.completed_late, counts.on_time, counts.overdue]

        return cls(
            {key: tally(counts) for key, counts in rollup.by_agency.items()},
            {key: tally(counts) for key, counts in rollup.by_group.items()},
            {key: tally(counts) for key, counts in rollup.by_owner.items()},
            tally(rollup.key_tasks),
        )

    def add(self, task: Task, step: int) -> None:
        """Count `task` in (`step` 1) or out (-1)."""
        i = _SLOT[task.state]
        self.agency[task.agency][i] += step
        self.group[task.group][i] += step
        self.owner[task.owner][i] += step
        if task.key_task:
            self.key[i] += step


def rollup_of(
    feed: Feed,
    tallies: Tallies,
    due_soon: list[Task],
    at_risk: list[Task],
    *,
    due_soon_days: int,
    at_risk_days: int,
) -> Rollup:
    """The roll-up of these tallies and lists (in any order: sorted here) of the feed's
    tasks."""
    by_agency = {agency_id: Counts.of(tally) for agency_id, tally in tallies.agency.items()}
    kind_tally = {kind: Counts() for kind in AgencyKind}
    for agency_id, counts in by_agency.items():
        kind = feed.agencies[agency_id].kind
        kind_tally[kind] = kind_tally[kind] + counts
    due_soon.sort(key=lambda task: (task.deadline, task.agency, task.id))
    at_risk.sort(key=lambda task: (task.deadline, task.agency, task.id))
    at_risk_by_agency: dict[str, int] = {}
    at_risk_by_kind: dict[AgencyKind, int] = {}
    at_risk_by_owner: dict[str | None, int] = {}
    for task in at_risk:
        at_risk_by_agency[task.agency] = at_risk_by_agency.get(task.agency, 0) + 1
        at_risk_by_owner[task.owner] = at_risk_by_owner.get(task.owner, 0) + 1
        kind = feed.agencies[task.agency].kind
        at_risk_by_kind[kind] = at_risk_by_kind.get(kind, 0) + 1
    return Rollup(
        as_of=feed.as_of_date,
        total=sum(by_agency.values(), Counts()),
        by_agency=by_agency,
        by_kind=kind_tally,
        by_group={group: Counts.of(tally) for group, tally in tallies.group.items()},
        key_tasks=Counts.of(tallies.key),
        due_soon=tuple(due_soon),
        due_soon_days=due_soon_days,
        by_owner={owner: Counts.of(tally) for owner, tally in tallies.owner.items()},
        at_risk=tuple(at_risk),
        at_risk_days=at_risk_days,
        at_risk_by_agency=at_risk_by_agency,
        at_risk_by_kind=at_risk_by_kind,
        at_risk_by_owner=at_risk_by_owner,
    )
