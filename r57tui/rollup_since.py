"""The roll-up of a refreshed feed, from the last feed's roll-up and the tasks that moved.

A refresh that changed 1% of 100k tasks need not count the other 99% again: the last
roll-up's tallies lose the replaced tasks as they were and gain them as they are
(`task_delta.py` finds them). The figures are exactly those of `roll_up` on the whole
feed (a property test holds the two together); when the refresh is not of that simple
shape, or moved a task to another group or member in charge (whose first appearance
orders the groups and members), the whole feed is counted.
"""

from __future__ import annotations

from .feed import Feed
from .rollup import (
    DEFAULT_AT_RISK_DAYS,
    DEFAULT_DUE_SOON_DAYS,
    Rollup,
    Tallies,
    is_due_soon,
    judge_risk,
    roll_up,
    rollup_of,
)
from .task_delta import TaskDelta


def roll_up_since(
    feed: Feed,
    last: Rollup | None,
    delta: TaskDelta | None,
    *,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
    at_risk_days: int = DEFAULT_AT_RISK_DAYS,
) -> Rollup:
    """`roll_up(feed)`, made from `last` (the roll-up of `delta.before`) when `delta`
    says which few of its tasks `feed` replaced (`task_delta`)."""
    if last is not None and delta is not None and delta.after is feed:
        made = _rolled_on(last, delta, due_soon_days, at_risk_days)
        if made is not None:
            return made
    return roll_up(feed, due_soon_days=due_soon_days, at_risk_days=at_risk_days)


def _rolled_on(
    rollup: Rollup, delta: TaskDelta, due_soon_days: int, at_risk_days: int
) -> Rollup | None:
    if (rollup.due_soon_days, rollup.at_risk_days) != (due_soon_days, at_risk_days):
        return None
    if rollup.as_of != delta.after.as_of_date:
        return None
    old, new = delta.before.tasks, delta.after.tasks
    gone = [old[position] for position in delta.replaced]
    came = [new[position] for position in delta.replaced]
    if any(a.group != b.group or a.owner != b.owner for a, b in zip(gone, came, strict=True)):
        return None
    tallies = Tallies.of(rollup)
    for task in gone:
        tallies.add(task, -1)
    for task in came:
        tallies.add(task, 1)
    # The lists without the tasks as they were, with them as they are; sorted again by
    # keys that end with the task's id (unique in a feed), so in the one order there is.
    out = {id(task) for task in gone}
    due_soon = [task for task in rollup.due_soon if id(task) not in out]
    at_risk = [task for task in rollup.at_risk if id(task) not in out]
    as_of = rollup.as_of
    for task in came:
        if is_due_soon(task, as_of, due_soon_days):
            due_soon.append(task)
        if judge_risk(task, as_of, at_risk_days) is not None:
            at_risk.append(task)
    return rollup_of(
        delta.after,
        tallies,
        due_soon,
        at_risk,
        due_soon_days=due_soon_days,
        at_risk_days=at_risk_days,
    )
