"""What a task list covers (an agency, a group, an owner, all tasks) and which states it
shows."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..feed import Feed, Task, TaskState
from ..groups import AGENCY_GROUPS
from ..rollup import Bucket, Changes, Counts, Rollup


class StateFilter(StrEnum):
    """The state filters of a task list; `completed` takes late completions too."""

    ALL = "all"
    COMPLETED = "completed"
    ON_TIME = "on_time"
    OVERDUE = "overdue"
    # Open and due within the horizon (settings.due_soon_days): the warning before
    # they turn overdue. A part of on time, so not a bucket of its own.
    DUE_SOON = "due_soon"
    # On time, but due before the next meeting and behind (rollup.judge_risk): a flag on
    # some on-time tasks, like due soon, not a state.
    AT_RISK = "at_risk"

    @property
    def is_flag(self) -> bool:
        """A part of on time that the task's dates and progress pick, not its state."""
        return self is StateFilter.DUE_SOON or self is StateFilter.AT_RISK

    def admits(self, state: TaskState) -> bool:
        """By state alone; DUE_SOON and AT_RISK also need the deadline (`TaskList` checks
        them)."""
        if self is StateFilter.ALL:
            return True
        if self is StateFilter.COMPLETED:
            return state.is_completed
        if self.is_flag:
            return state is TaskState.ON_TIME
        return state.value == self.value

    @property
    def bucket(self) -> Bucket:
        if self.is_flag:
            return Bucket.ON_TIME
        return Bucket.ASSIGNED if self is StateFilter.ALL else Bucket(self.value)


@dataclass(frozen=True, slots=True)
class Scope:
    """Which tasks a task list holds: all, one lead agency, an agency group, or the tasks
    of one owner (the member in charge)."""

    kind: str  # "all" | "agency" | "group" | "owner"
    # The agency id, the group name of AGENCY_GROUPS, or the owner ("": tasks without one;
    # the loader makes a blank owner no owner, so "" is never an owner's name).
    key: str = "all"

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

    @classmethod
    def owner(cls, owner: str | None) -> Scope:
        return cls("owner", owner or "")

    @property
    def owner_name(self) -> str | None:
        """The owner of an owner's scope (None: tasks without one)."""
        return self.key or None

    def counts(self, feed: Feed, rollup: Rollup) -> Counts:
        """The scope's figures, from the roll-up."""
        if self.kind == "agency":
            return rollup.by_agency.get(self.key, Counts())
        if self.kind == "owner":
            return rollup.by_owner.get(self.owner_name, Counts())
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
        if self.kind == "owner":
            return changes.by_owner.get(self.owner_name, {})
        return changes.total

    def admits(self, feed: Feed, task: Task) -> bool:
        if self.kind == "agency":
            return task.agency == self.key
        if self.kind == "group":
            kinds = AGENCY_GROUPS[self.key] or frozenset()
            return feed.agencies[task.agency].kind in kinds
        if self.kind == "owner":
            return task.owner == self.owner_name
        return True
