"""What the views worked out for a feed, carried over to a refresh of it that replaced a
few tasks (`task_delta.py`): the task orders, search texts and id map of each interface
language (`FeedIndex.carried`) and the columns' measures (`task_measures.py`), so the
refreshed feed's first frame does not wait for a pass over every task."""

from __future__ import annotations

from ..task_delta import TaskDelta
from .feed_index import FeedIndex
from .task_measures import carry_measures


def carry_over(delta: TaskDelta) -> None:
    """Give `delta.after` what `delta.before` holds worked out (from a thread: the event
    loop may be adding to `before`'s meanwhile, so its memo is read as a copy)."""
    for key, made in list(delta.before.memo.items()):
        if isinstance(made, FeedIndex) and key not in delta.after.memo:
            delta.after.memo.setdefault(key, made.carried(delta))
    carry_measures(delta)
