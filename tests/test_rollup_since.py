"""A refresh's roll-up made from the last one (rollup_since.py) gives exactly the figures
of the whole roll-up, its oracle; and what a refresh replaced is told right (task_delta.py).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from r57tui import rollup_since, task_delta
from r57tui.feed import FeedError, load_feed
from r57tui.rollup import Rollup, roll_up
from r57tui.rollup_since import roll_up_since
from tests.builders import feed_dict, task, to_bytes
from tests.test_loader_refresh import AS_OF, EDITS, TASKS, edited

# Fields of a task that move it in the roll-up: its state, its lists, its group and member.
MOVES = st.fixed_dictionaries(
    {},
    optional={
        "due": st.sampled_from(["2025-10-15", "2025-10-20", "2025-11-10", "2025-09-01", None]),
        "completed": st.sampled_from(["2025-10-01", "2025-11-30", None]),
        "progress": st.sampled_from([0, 40, 90]),
        "group": st.sampled_from(["Dữ liệu", "Thể chế", None]),
        "owner": st.sampled_from(["Chủ tịch UBND tỉnh", "Giám đốc Sở", None]),
        "key_task": st.booleans(),
        "agency": st.sampled_from(["BKHCN", "LAI-CHAU"]),
    },
)
SIMPLE = st.lists(st.tuples(st.just("change"), st.integers(0, 20), MOVES.filter(bool)), max_size=3)
DAYS = st.sampled_from([(14, 30), (0, 0), (30, 14)])


def shown(rollup: Rollup) -> dict[str, Any]:
    """Every field, dicts as their items in order: the order is shown too (agencies in
    feed order, groups and members as they first appear)."""
    out = {}
    for field in fields(Rollup):
        value = getattr(rollup, field.name)
        out[field.name] = list(value.items()) if isinstance(value, dict) else value
    return out


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    tasks=TASKS.filter(bool),
    as_of=AS_OF,
    edits=st.one_of(SIMPLE.filter(bool), SIMPLE.filter(bool), EDITS),
    again=SIMPLE.filter(bool),
    days=DAYS,
)
def test_a_refreshs_rollup_is_the_whole_rollup(
    small_feeds_reuse: None,
    tasks: list[dict[str, Any]],
    as_of: str | None,
    edits: list,
    again: list,
    days: tuple[int, int],
) -> None:
    soon, risk = days
    given_as_of = {} if as_of is None else {"as_of": as_of}
    first = load_feed(edited(feed_dict(tasks), []), for_refresh=True)
    rollup = roll_up(first, due_soon_days=soon, at_risk_days=risk)
    try:
        second = load_feed(edited(feed_dict(tasks, **given_as_of), edits), first, for_refresh=True)
        third = load_feed(edited(feed_dict(tasks, **given_as_of), edits + again), second)
    except FeedError:
        return
    # The app's chain: each refresh's roll-up made from the one made at the last.
    for before, after in ((first, second), (second, third)):
        delta = task_delta.task_delta(before, after)
        rollup = roll_up_since(after, rollup, delta, due_soon_days=soon, at_risk_days=risk)
        assert shown(rollup) == shown(roll_up(after, due_soon_days=soon, at_risk_days=risk))


def test_one_task_completed_is_counted_from_the_last_rollup(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The figures of a refresh that completed one task in forty, without counting the
    other thirty-nine again; and what was replaced is that one task."""
    tasks = [
        task(f"T{i:02d}", "LAI-CHAU" if i % 3 else "BKHCN", due="2025-10-20", progress=10)
        for i in range(40)
    ]
    before = load_feed(to_bytes(feed_dict(tasks)), for_refresh=True)
    before.reusable()
    tasks[7] = {**tasks[7], "completed": "2025-10-01"}
    after = load_feed(to_bytes(feed_dict(tasks)), before, for_refresh=True)
    delta = task_delta.task_delta(before, after)
    assert delta is not None
    assert delta.replaced == (7,)
    expected = roll_up(after)
    last = roll_up(before)

    def counted_whole(*args: Any, **kwargs: Any) -> Rollup:
        raise AssertionError("the whole feed was counted again")

    monkeypatch.setattr(rollup_since, "roll_up", counted_whole)
    made = roll_up_since(after, last, delta)
    assert shown(made) == shown(expected)
    assert made.total.completed == last.total.completed + 1
    assert len(made.due_soon) == len(last.due_soon) - 1


def test_a_refresh_of_another_shape_is_not_told() -> None:
    """Tasks added, or an id moved to another position: the whole feed is worked out."""
    tasks = [task(f"T{i}", due="2025-10-20") for i in range(10)]
    before = load_feed(to_bytes(feed_dict(tasks)), for_refresh=True)
    more = load_feed(to_bytes(feed_dict([*tasks, task("T10")])), before)
    swapped = load_feed(to_bytes(feed_dict([tasks[1], tasks[0], *tasks[2:]])), before)
    assert task_delta.task_delta(before, more) is None
    assert task_delta.task_delta(before, swapped, most=1.0) is None
    assert task_delta.task_delta(before, before) == task_delta.TaskDelta(before, before, ())
