from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from r57tui.demo import demo_feed_path
from r57tui.feed import AgencyKind, load_feed
from r57tui.i18n.numbers import format_int, format_percent
from r57tui.rollup import Bucket, Counts, Share, roll_up
from tests.builders import feed_dict, task, to_bytes


@pytest.fixture(scope="module")
def demo_rollup():
    feed = load_feed(demo_feed_path().read_bytes())
    return feed, roll_up(feed)


def test_demo_feed_reads_as_the_q3_2025_review(demo_rollup) -> None:
    feed, rollup = demo_rollup
    total = rollup.total
    assert (total.assigned, total.completed, total.on_time, total.overdue) == (1132, 485, 561, 86)
    assert total.assigned == total.completed + total.on_time + total.overdue
    share = total.share(Bucket.COMPLETED)
    assert (share.part, share.whole) == (485, 1132)
    assert format_percent(share.percent(0), 0) == "43%"
    assert format_percent(share.percent(1), 1) == "42.8%"
    assert format_percent(share.percent(1), 1, "vi") == "42,8%"
    assert format_int(total.assigned, "vi") == "1.132"
    assert feed.findings == []


def test_demo_feed_has_what_the_meeting_discusses(demo_rollup) -> None:
    feed, rollup = demo_rollup
    kinds = [agency.kind for agency in feed.agencies.values() if agency.parent is None]
    assert kinds.count(AgencyKind.LOCALITY) == 34  # after the 2025 merger
    assert kinds.count(AgencyKind.MINISTRY) == 17  # 14 ministries + 3 ministerial-level
    assert rollup.total.completed_late > 0
    assert any(t.due is None for t in feed.tasks)
    assert any(t.due and "Q" in t.due for t in feed.tasks)
    assert sum(1 for t in feed.tasks if t.state == "overdue" and t.notes) > 40
    assert len(feed.indicators) >= 6


def test_every_task_is_counted_once_by_agency_kind_and_group(demo_rollup) -> None:
    _, rollup = demo_rollup
    for split in (rollup.by_agency, rollup.by_kind, rollup.by_group):
        assert sum(split.values(), Counts()) == rollup.total


def test_counts_by_agency_and_kind() -> None:
    document = feed_dict(
        [
            task("A", "BKHCN", due="2025-06-30", completed="2025-06-01"),
            task("B", "BKHCN", due="2025-06-30", completed="2025-07-02"),
            task("C", "BKHCN", due="2025-09-30"),
            task("D", "LAI-CHAU", due="2025-12-31", group="Hạ tầng số", key_task=True),
            task("E", "VNPT"),
        ]
    )
    rollup = roll_up(load_feed(to_bytes(document)))
    assert rollup.by_agency["BKHCN"] == Counts(completed_on_time=1, completed_late=1, overdue=1)
    assert rollup.by_agency["LAI-CHAU"] == Counts(on_time=1)
    assert rollup.by_kind[AgencyKind.OTHER] == Counts(on_time=1)  # the created VNPT
    assert rollup.by_kind[AgencyKind.PARTY] == Counts()  # every kind, zeros included
    assert rollup.by_group["Hạ tầng số"] == Counts(on_time=1)
    assert rollup.by_group[None].assigned == 4
    assert rollup.key_tasks == Counts(on_time=1)
    assert rollup.by_agency["BKHCN"].share(Bucket.COMPLETED_LATE, of=Bucket.COMPLETED) == Share(
        1, 2
    )


def test_an_agency_without_tasks_is_listed_with_zeros() -> None:
    rollup = roll_up(load_feed(to_bytes(feed_dict([task("A", "BKHCN")]))))
    assert rollup.by_agency["LAI-CHAU"] == Counts()
    assert rollup.by_agency["LAI-CHAU"].share(Bucket.COMPLETED).percent() is None
    assert format_percent(None) == "–"


def test_due_soon_is_open_tasks_within_the_horizon_soonest_first() -> None:
    document = feed_dict(
        [
            task("late", due="2025-10-14"),  # overdue already: not "due soon"
            task("today", due="2025-10-15"),
            task("in14", due="2025-10-29"),
            task("in15", due="2025-10-30"),
            task("done", due="2025-10-20", completed="2025-10-01"),
            task("ongoing"),
            task("week", "LAI-CHAU", due="2025-10-22"),
        ]
    )
    rollup = roll_up(load_feed(to_bytes(document)), due_soon_days=14)
    assert [t.id for t in rollup.due_soon] == ["today", "week", "in14"]
    assert Counter(t.agency for t in rollup.due_soon) == {"BKHCN": 2, "LAI-CHAU": 1}
    assert [t.id for t in roll_up(load_feed(to_bytes(document)), due_soon_days=0).due_soon] == [
        "today"
    ]


@pytest.mark.parametrize(
    ("part", "whole", "decimals", "expected"),
    [
        (485, 1132, 0, Decimal("43")),
        (485, 1132, 1, Decimal("42.8")),
        (1, 8, 0, Decimal("13")),  # 12.5 rounds half up, not to even
        (1, 8, 1, Decimal("12.5")),
        (1131, 1132, 0, Decimal("99")),  # never "100%" while a task is open
        (1131, 1132, 1, Decimal("99.9")),
        (1, 1132, 0, Decimal("1")),  # never "0%" when one is done
        (0, 1132, 0, Decimal("0")),
        (1132, 1132, 0, Decimal("100")),
    ],
)
def test_percent_rounding(part: int, whole: int, decimals: int, expected: Decimal) -> None:
    assert Share(part, whole).percent(decimals) == expected


def test_changes_since_an_earlier_rollup_name_only_what_moved() -> None:
    before = roll_up(
        load_feed(to_bytes(feed_dict([task("T1", due="2025-12-31"), task("T2", "LAI-CHAU")])))
    )
    after = roll_up(
        load_feed(
            to_bytes(
                feed_dict(
                    [
                        task("T1", due="2025-12-31", completed="2025-10-01"),
                        task("T2", "LAI-CHAU"),
                        task("T3", "LAI-CHAU", due="2025-01-31"),
                    ]
                )
            )
        )
    )
    changes = after.changes_since(before)
    assert changes.total == {
        Bucket.ASSIGNED: 1,
        Bucket.COMPLETED: 1,
        Bucket.ON_TIME: -1,
        Bucket.OVERDUE: 1,
    }
    assert changes.by_agency == {
        "BKHCN": {Bucket.COMPLETED: 1, Bucket.ON_TIME: -1},
        "LAI-CHAU": {Bucket.ASSIGNED: 1, Bucket.OVERDUE: 1},
    }
    assert changes.by_kind[AgencyKind.LOCALITY] == {Bucket.ASSIGNED: 1, Bucket.OVERDUE: 1}
    assert not after.changes_since(after)
