"""What a refresh changed in a feed's tasks, told by the objects themselves.

A refresh that decodes only what changed (feed/refresh.py) gives the new feed the very
`Task` objects of the last one for records written the same, at the as-of date of the
last one: a task that is the same object is the same task in every field and state. So
the tasks that moved are the positions where the two lists hold different objects, found
by identity in one pass in C, and whatever was worked out from the last feed (the
roll-up, the task orders, the map of ids) can be worked out again for those alone.

Only a refresh of that simple shape is told: the same number of tasks, each replaced one
with the id it had (so positions and ids still match), the same agencies in the same
order, the same as-of date, and few tasks replaced. Anything else gives None, and the
callers work everything out from the whole feed, as for a first load.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress
from operator import is_not

from .feed import Feed

# Past this share of tasks replaced, working the whole feed out again is as quick.
MOST_REPLACED = 0.1


@dataclass(frozen=True, slots=True)
class TaskDelta:
    """`after` is `before` with the tasks at `replaced` (positions in both lists) made
    anew; every other position holds the very same Task object."""

    before: Feed
    after: Feed
    replaced: tuple[int, ...]


def task_delta(before: Feed, after: Feed, most: float | None = None) -> TaskDelta | None:
    """What changed from `before` to `after`, when the refresh was of the simple shape
    (see the module's docstring) and replaced at most `most` of the tasks (by default
    MOST_REPLACED); None otherwise."""
    old, new = before.tasks, after.tasks
    if len(old) != len(new) or before.as_of_date != after.as_of_date:
        return None
    if list(before.agencies.items()) != list(after.agencies.items()):
        return None
    replaced = tuple(compress(range(len(new)), map(is_not, old, new)))
    if len(replaced) > len(new) * (MOST_REPLACED if most is None else most):
        return None
    if any(old[position].id != new[position].id for position in replaced):
        return None
    return TaskDelta(before, after, replaced)
