"""The early warning (docs/feed-format.md, "At risk") and the due-soon rule: which open
tasks a meeting is warned of, and why. One rule each, read by the roll-up, the task
lists, the at-risk table and the trends' warning record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .feed import Task, TaskState
from .share import Share


def is_due_soon(task: Task, as_of: date, days: int) -> bool:
    """Open, with a deadline from `as_of` to `days` after it: the one rule for the roll-up's
    due-soon list and the task lists' due-soon filter."""
    deadline = task.deadline
    if task.state is not TaskState.ON_TIME or deadline is None:
        return False
    return 0 <= (deadline - as_of).days <= days


@dataclass(frozen=True, slots=True)
class Risk:
    """Why an open task is at risk: its deadline is near and its progress behind.

    `time_gone` is the part of the time from its assigned date to its deadline that has
    passed by the as-of date, in days (None: no assigned date, so no line to be behind);
    `progress` is None when the task reports none.
    """

    deadline: date
    due: str  # as the feed wrote it: a day, a month or a quarter
    progress: int | None
    time_gone: Share | None


def time_gone(assigned: date, deadline: date, as_of: date) -> Share:
    """The days from `assigned` to `as_of` out of those from `assigned` to `deadline`,
    held within 0 and the whole. A deadline on or before its assigned date leaves no time:
    all of it is gone."""
    span = (deadline - assigned).days
    if span <= 0:
        return Share(1, 1)
    return Share(min(max((as_of - assigned).days, 0), span), span)


def judge_risk(task: Task, as_of: date, days: int) -> Risk | None:
    """The one rule of the early warning (docs/feed-format.md, "At risk"): an on-time task
    whose deadline falls from `as_of` to `days` after it, and that reports no progress or
    less than the straight line from its assigned date to its deadline asks for by `as_of`.

    A completed or overdue task is never at risk, nor one without a deadline; a task whose
    given status says on time though its deadline has passed is a finding, not a warning.
    """
    return risk_of(task.state, task.deadline, task.due, task.assigned, task.progress, as_of, days)


def risk_of(
    state: TaskState,
    deadline: date | None,
    due: str | None,
    assigned: date | None,
    progress: int | None,
    as_of: date,
    days: int,
) -> Risk | None:
    """`judge_risk` on a task's fields as they are: what a recorded snapshot keeps of a
    task (its state, progress and record) is judged by the same rule without making the
    feed again."""
    if state is not TaskState.ON_TIME or deadline is None or due is None:
        return None
    if not 0 <= (deadline - as_of).days <= days:
        return None
    gone = None if assigned is None else time_gone(assigned, deadline, as_of)
    if progress is None:
        return Risk(deadline, due, None, gone)
    # Behind the line: progress/100 < part/whole, in integers (no rounding decides it).
    if gone is not None and progress * gone.whole < 100 * gone.part:
        return Risk(deadline, due, progress, gone)
    return None
