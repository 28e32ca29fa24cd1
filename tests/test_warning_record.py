"""How good the early warning has been: the tasks at risk at an earlier meeting, judged
by today's states — each outcome counted once, by lead agency too — and the sentence the
trends screen says it with, in both languages; the earlier meeting read from a real
history file (SQLite) in tmp_path."""

from __future__ import annotations

from pathlib import Path

from r57tui.feed import load_feed
from r57tui.history import HistoryStore
from r57tui.rollup import roll_up
from r57tui.views.warning_record import earlier_warning, warning_record, warning_words
from tests.builders import feed_dict, task, to_bytes

THEN = "2025-07-15T08:00:00+07:00"
NOW = "2025-10-15T08:00:00+07:00"


def at_risk_then() -> list[dict[str, object]]:
    """Five tasks due within 30 days of 15/07 and reporting no progress (all at risk),
    and one well ahead of its line (not at risk)."""
    due = "2025-08-01"
    return [
        task("T1", assigned="2025-01-01", due=due),
        task("T2", assigned="2025-01-01", due=due),
        task("T3", "LAI-CHAU", assigned="2025-01-01", due=due),
        task("T4", "LAI-CHAU", assigned="2025-01-01", due="2025-12-31"),
        task("T5", assigned="2025-01-01", due=due),
        task("T6", assigned="2025-01-01", due=due, progress=99),
    ]


def today(*, keep_t5: bool = True) -> list[dict[str, object]]:
    """T1 and T3 overdue now, T2 completed, T4 still on time (its deadline moved on), T5
    gone from the feed unless kept, T6 completed late."""
    tasks = [
        task("T1", assigned="2025-01-01", due="2025-08-01"),
        task("T2", assigned="2025-01-01", due="2025-08-01", completed="2025-07-30"),
        task("T3", "LAI-CHAU", assigned="2025-01-01", due="2025-08-01"),
        task("T4", "LAI-CHAU", assigned="2025-01-01", due="2025-12-31"),
        task("T6", assigned="2025-01-01", due="2025-08-01", completed="2025-08-10"),
    ]
    if keep_t5:
        tasks.append(task("T5", assigned="2025-01-01", due="2025-12-31"))
    return tasks


def test_each_task_at_risk_then_is_counted_once_by_what_became_of_it() -> None:
    then = load_feed(to_bytes(feed_dict(at_risk_then(), as_of=THEN)))
    rollup = roll_up(then, at_risk_days=30)
    # T4 is due after the horizon, T6 is ahead of its line: neither was at risk.
    assert sorted(t.id for t in rollup.at_risk) == ["T1", "T2", "T3", "T5"]
    record = warning_record(rollup, load_feed(to_bytes(feed_dict(today(keep_t5=False), as_of=NOW))))
    assert (record.flagged, record.overdue, record.completed, record.on_time, record.gone) == (
        4, 2, 1, 0, 1,
    )  # fmt: skip
    assert dict(record.by_agency) == {"BKHCN": (3, 1), "LAI-CHAU": (1, 1)}
    kept = warning_record(rollup, load_feed(to_bytes(feed_dict(today(), as_of=NOW))))
    assert (kept.on_time, kept.gone) == (1, 0)


def test_the_sentence_in_both_languages() -> None:
    then = load_feed(to_bytes(feed_dict(at_risk_then(), as_of=THEN)))
    now = load_feed(to_bytes(feed_dict(today(keep_t5=False), as_of=NOW)))
    record = warning_record(roll_up(then, at_risk_days=30), now)
    assert warning_words(record, "en") == (
        "Early warning at the meeting of 2025-07-15: 4 tasks at risk; since then 2 turned "
        "overdue, 1 were completed, 0 are still on time. 1 are no longer in the feed."
    )
    assert warning_words(record, "vi") == (
        "Cảnh báo sớm tại kỳ họp 15/07/2025: 4 nhiệm vụ có nguy cơ quá hạn; đến nay 2 nhiệm "
        "vụ đã quá hạn, 1 nhiệm vụ đã hoàn thành, 0 nhiệm vụ vẫn trong hạn. 1 nhiệm vụ không "
        "còn trong nguồn dữ liệu."
    )
    none = warning_record(roll_up(now, at_risk_days=0), now)
    assert warning_words(none, "vi") == (
        "Tại kỳ họp 15/10/2025 không có nhiệm vụ nào có nguy cơ quá hạn."
    )


def test_the_newest_meeting_recorded_before_the_figures_is_the_one_judged(
    tmp_path: Path,
) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    now = load_feed(to_bytes(feed_dict(today(), as_of=NOW)))
    assert earlier_warning(store, now, 30) is None  # nothing recorded yet
    older = load_feed(to_bytes(feed_dict(at_risk_then(), as_of="2025-04-15T08:00:00+07:00")))
    then = load_feed(to_bytes(feed_dict(at_risk_then(), as_of=THEN)))
    for feed in (older, then, now):  # today's own meeting is recorded too: not "earlier"
        store.record(feed, "test")
    record = earlier_warning(store, now, 30)
    assert record is not None
    assert record.meeting.isoformat() == "2025-07-15"
    assert (record.flagged, record.overdue, record.completed, record.on_time) == (4, 2, 1, 1)
