"""What the views worked out for a feed, carried over to a refresh that replaced a few of
its tasks (views/carried.py): the task orders, search texts, id map and the columns'
measures are those made from the whole refreshed feed, their oracle; and so are the
tasks a snapshot marks as changed."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from r57tui import task_delta
from r57tui.feed import FeedError, TaskState, load_feed
from r57tui.rollup import roll_up
from r57tui.ui.snapshot import Snapshot
from r57tui.views import TASK_SORTS, FeedIndex, feed_index
from r57tui.views.carried import carry_over
from r57tui.views.task_measures import TaskMeasures, feed_measures
from tests.builders import feed_dict, task, to_bytes
from tests.test_loader_refresh import EDITS, TASKS, edited
from tests.test_rollup_since import SIMPLE

SORT_IDS = [sort.id for sort in TASK_SORTS]
MOVING = SIMPLE.filter(bool)  # at least one task changed


def worked_out(index: FeedIndex, ids: list[str]) -> dict[str, Any]:
    """Every order both ways, the search texts, and where each id stands."""
    return {
        "orders": {(s, r): index.order(s, r) for s in SORT_IDS for r in (False, True)},
        "texts": index._search_texts(),
        "positions": [index.position_of(task_id) for task_id in ids],
    }


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(tasks=TASKS.filter(bool), edits=st.one_of(MOVING, MOVING, EDITS), again=MOVING)
def test_carried_views_are_the_whole_feeds(
    small_feeds_reuse: None, tasks: list[dict[str, Any]], edits: list, again: list
) -> None:
    first = load_feed(edited(feed_dict(tasks), []), for_refresh=True)
    try:
        second = load_feed(edited(feed_dict(tasks), edits), first, for_refresh=True)
        third = load_feed(edited(feed_dict(tasks), edits + again), second)
    except FeedError:
        return
    index = feed_index(first, "vi")
    worked_out(index, [])  # every order and the texts made, as after some browsing
    feed_measures(first)
    for before, after in ((first, second), (second, third)):
        delta = task_delta.task_delta(before, after)
        if delta is not None:
            carry_over(delta)
        ids = [t.id for t in after.tasks] + ["NOWHERE"]
        assert worked_out(feed_index(after, "vi"), ids) == worked_out(FeedIndex(after, "vi"), ids)
        assert feed_measures(after) == TaskMeasures.of(after.tasks)
        previous = Snapshot(before, roll_up(before))
        rollup = roll_up(after)
        told = Snapshot.after(previous, after, rollup, delta=delta).changed_tasks
        assert told == Snapshot.after(previous, after, rollup).changed_tasks


def test_a_carried_order_puts_a_completed_task_among_the_completed() -> None:
    tasks = [task(f"T{i}", due="2025-10-01") for i in range(6)]  # all overdue
    before = load_feed(to_bytes(feed_dict(tasks)), for_refresh=True)
    before.reusable()
    assert feed_index(before, "en").order("urgency") == [0, 1, 2, 3, 4, 5]
    feed_measures(before)
    tasks[1] = {**tasks[1], "completed": "2025-09-20"}
    after = load_feed(to_bytes(feed_dict(tasks)), before, for_refresh=True)
    delta = task_delta.task_delta(before, after, most=1.0)
    assert delta is not None
    carry_over(delta)
    assert FeedIndex in {type(made) for made in after.memo.values()}
    assert feed_index(after, "en").order("urgency") == [0, 2, 3, 4, 5, 1]
    assert feed_measures(after).states == {TaskState.OVERDUE: 5, TaskState.COMPLETED: 1}
