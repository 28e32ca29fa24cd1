"""Data a refresh shares is immutable, and what is worked out once per feed belongs to
that feed: records refuse writes once loaded, the loader does not write a Task it reuses
from the feed on screen, and a feed's index lives and dies with the feed."""

from __future__ import annotations

import gc
import weakref

import pytest

from r57tui.feed import Feed, TaskState, load_feed
from r57tui.views import TASK_SORTS, feed_index
from tests.builders import feed_dict, task, to_bytes


def _document() -> dict:
    document = feed_dict(
        [
            task("T1", due="2025-09-30", notes=[{"date": "2025-10-01", "text": "chậm"}]),
            task("T2", due="2025-12-31", status="completed"),
        ]
    )
    document["indicators"] = [
        {
            "id": "I1",
            "name": "Dịch vụ công",
            "value": 70,
            "history": [{"period": "2025-Q2", "value": 60}],
        }
    ]
    return document


def test_every_record_refuses_a_write_once_loaded() -> None:
    feed = load_feed(to_bytes(_document()), for_refresh=True)
    first, agency, indicator = feed.tasks[0], feed.agencies["BKHCN"], feed.indicators[0]
    writes = [
        (first, "state", TaskState.COMPLETED),  # derived by the loader
        (first, "days_past_due", 0),
        (first, "deadline", None),
        (first, "title", "đã sửa"),  # from the feed
        (first.notes[0], "text", "đã sửa"),
        (agency, "name", "đã sửa"),
        (indicator, "value", 99.0),
        (indicator.history[0], "value", 1.0),
    ]
    for record, name, value in writes:
        before = getattr(record, name)
        with pytest.raises(AttributeError):  # frozen
            setattr(record, name, value)
        assert getattr(record, name) == before, f"{type(record).__name__}.{name} changed"
    assert first.state is TaskState.OVERDUE
    assert first.days_past_due == 15


def test_a_refresh_shares_tasks_without_writing_them() -> None:
    document = _document()
    document["tasks"] += [task(f"T{i}", due="2025-10-31") for i in range(3, 9)]
    on_screen = load_feed(to_bytes(document), for_refresh=True)
    shown = [(t.state, t.deadline, t.days_past_due) for t in on_screen.tasks]
    document["tasks"][1] = {**document["tasks"][1], "title": "mới"}
    document["as_of"] = "2025-10-15T17:00:00+07:00"  # later that day: states stand
    refreshed = load_feed(to_bytes(document), on_screen, for_refresh=True)
    assert refreshed.tasks[0] is on_screen.tasks[0]  # shared, not copied
    assert refreshed.tasks[1] is not on_screen.tasks[1]
    assert refreshed.tasks[1].state is TaskState.COMPLETED  # the new one: derived anew
    assert [(t.state, t.deadline, t.days_past_due) for t in on_screen.tasks] == shown


def test_a_feeds_index_is_its_own_however_many_feeds_come_after() -> None:
    data = to_bytes(_document())
    feed = load_feed(data)
    index = feed_index(feed, "vi")
    others = [load_feed(data) for _ in range(3)]
    for other in others:
        assert feed_index(other, "vi") is not index
        feed_index(other, "en")
    assert feed_index(feed, "vi") is index  # not made again for a feed still shown
    assert feed_index(feed, "en") is not index  # one per interface language
    assert index.feed is feed


def test_a_dropped_feed_goes_with_its_index_without_a_collection() -> None:
    # The feed holds its index and the index only a weak reference back: no cycle, so
    # reference counting frees both, as a frozen feed can only be freed that way.
    feed = load_feed(to_bytes(_document()))
    index = feed_index(feed, "vi")
    index.warm()
    assert index.order(TASK_SORTS[0].id) == [0, 1]
    gone = weakref.ref(feed)
    enabled = gc.isenabled()
    gc.disable()
    try:
        del feed, index
        assert gone() is None, "something kept the feed after it was dropped"
    finally:
        if enabled:
            gc.enable()


def test_a_feed_is_still_a_plain_value() -> None:
    # The memo is not data: two loads of the same bytes are equal, indexed or not.
    data = to_bytes(_document())
    first, second = load_feed(data), load_feed(data)
    feed_index(first, "vi").warm()
    assert first == second
    assert isinstance(first, Feed)
