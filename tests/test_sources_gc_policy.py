"""The collector policy around a load (sources/gc_policy.py): paused while a feed is
made, a big feed frozen out of its sight yet still freed, and the feed package itself
never touching the collector (it is a pure model; the app and the commands decide)."""

from __future__ import annotations

import gc

from r57tui.feed import load_feed
from r57tui.sources import gc_policy
from r57tui.sources.gc_policy import load_feed_managed
from tests.builders import feed_dict, task, to_bytes


def test_a_big_feed_is_kept_out_of_the_collectors_sight_and_still_freed() -> None:
    # Frozen after loading (full collections would rescan its objects for as long as it
    # is shown), yet reference counting frees it when the next feed replaces it: the
    # freeze must not turn into a leak at every refresh.
    document = feed_dict([task(f"T{i:05d}", title="x" * 150) for i in range(12_000)])
    data = to_bytes(document)
    assert len(data) > gc_policy.FREEZE_ABOVE  # a big feed by the policy's measure
    gc.unfreeze()
    try:
        first = load_feed_managed(data)
        frozen = gc.get_freeze_count()
        assert frozen >= len(first.tasks)
        second = load_feed_managed(data)
        del first
        after = gc.get_freeze_count()
        assert after <= frozen + 1_000, "the first feed stayed frozen after it was dropped"
        assert len(second.tasks) == 12_000
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_tasks_made_by_refreshes_are_frozen_once_they_are_a_tenth_of_a_big_feed() -> None:
    # A refresh that reuses does not collect and freeze (costly on a busy interpreter for
    # a few new objects), but the tasks it makes must not pile up in the collector's
    # sight: past a tenth of a big feed, they are frozen too.
    tasks = [task(f"T{i:05d}", due="2025-10-31", title="x" * 180) for i in range(9_000)]
    assert len(to_bytes(feed_dict(tasks))) > gc_policy.FREEZE_ABOVE  # a big feed
    gc.unfreeze()
    try:
        feed = load_feed_managed(to_bytes(feed_dict(tasks)), for_refresh=True)
        assert gc_policy.FREEZER.unfrozen == 0
        for round_ in range(1, 4):
            for i in range(round_ * 300, round_ * 300 + 300):
                tasks[i] = {**tasks[i], "completed": "2025-10-01"}
            feed = load_feed_managed(to_bytes(feed_dict(tasks)), feed, for_refresh=True)
            assert gc_policy.FREEZER.unfrozen == round_ * 300  # made anew, not yet frozen
        frozen = gc.get_freeze_count()
        for i in range(2_000, 2_300):
            tasks[i] = {**tasks[i], "completed": "2025-10-01"}
        feed = load_feed_managed(to_bytes(feed_dict(tasks)), feed, for_refresh=True)
        assert gc_policy.FREEZER.unfrozen == 0  # 1,200 made > 900: frozen with the rest
        assert gc.get_freeze_count() > frozen
        assert sum(t.state.is_completed for t in feed.tasks) == 1_200
    finally:
        gc.unfreeze()


def test_a_refresh_that_cannot_reuse_is_a_whole_load_collected_before_and_frozen() -> None:
    # as_of moved a day: every state is judged again, so the whole feed is made anew and
    # frozen like a first load (the refresh path gave up without freezing anything).
    tasks = [task(f"T{i:05d}", due="2025-10-31", title="x" * 180) for i in range(9_000)]
    gc.unfreeze()
    try:
        before = load_feed_managed(to_bytes(feed_dict(tasks)), for_refresh=True)
        gc.unfreeze()
        moved = feed_dict(tasks)
        moved["as_of"] = "2025-10-16T08:00:00+07:00"
        after = load_feed_managed(to_bytes(moved), before, for_refresh=True)
        assert gc.get_freeze_count() >= len(after.tasks)
        assert gc_policy.FREEZER.unfrozen == 0
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_the_feed_package_leaves_the_collector_alone() -> None:
    # Pure: loading a big feed, whole or by refresh, neither freezes nor pauses the
    # collector; that is the policy's business, where loads are called.
    tasks = [task(f"T{i:05d}", due="2025-10-31", title="x" * 180) for i in range(9_000)]
    data = to_bytes(feed_dict(tasks))
    assert len(data) > gc_policy.FREEZE_ABOVE
    gc.unfreeze()
    calls: list[str] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        calls.append(phase)

    gc.callbacks.append(watch)
    try:
        feed = load_feed(data, for_refresh=True)
        tasks[5] = {**tasks[5], "completed": "2025-10-01"}
        load_feed(to_bytes(feed_dict(tasks)), feed, for_refresh=True)
        assert gc.get_freeze_count() == 0, "the loader froze the feed"
        assert gc.isenabled()
    finally:
        gc.callbacks.remove(watch)
        gc.unfreeze()
    # With the collector left on, making 9,000 tasks runs it; a paused one never would.
    assert calls, "the loader paused the collector"
