"""How good the early warning has been: the tasks at risk at an earlier meeting, judged
by today's states — each outcome counted once, by lead agency too — and the sentence the
trends screen says it with, in both languages; the earlier meeting read from a real
history file (SQLite) in tmp_path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from r57tui.feed import TaskState, load_feed
from r57tui.history import HistoryStore
from r57tui.risk import judge_risk
from r57tui.rollup import roll_up
from r57tui.views.warning_record import (
    MeetingFlags,
    earlier_warning,
    feed_flags,
    snapshot_flags,
    tally_words,
    warning_history,
    warning_record,
    warning_records,
    warning_tally,
    warning_words,
)
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
    # Judged on the stored states in the one pass the trends screen makes: the same.
    assert warning_records(store, now, 30)[0] == record


# Across every recorded meeting --------------------------------------------------------


def flags(day: str, at_risk: dict[str, str], overdue: set[str]) -> MeetingFlags:
    return MeetingFlags(date.fromisoformat(day), at_risk, frozenset(overdue))


def test_the_tally_counts_each_task_once_from_its_first_flag() -> None:
    """T1 flagged at two meetings and overdue at the last: counted once, under the agency
    of its first flag; T2 overdue before it was flagged and never after: not borne out;
    T3 flagged only at the last meeting: nothing later judges it, left out."""
    meetings = [
        flags("2025-01-15", {"T1": "A"}, set()),
        flags("2025-04-15", {"T1": "B", "T2": "B"}, {"T2-old"}),
        flags("2025-07-15", {"T2": "B"}, {"T1"}),
        flags("2025-10-15", {"T3": "C"}, {"T1"}),
    ]
    tally = warning_tally(meetings)
    assert tally is not None
    assert (tally.flagged, tally.overdue) == (2, 1)
    assert dict(tally.by_agency) == {"A": (1, 1), "B": (1, 0)}
    assert [d.isoformat() for d in tally.meetings] == ["2025-01-15", "2025-04-15", "2025-07-15"]
    assert tally.judged_by.isoformat() == "2025-10-15"
    assert warning_tally(meetings[:1]) is None
    assert tally_words(tally, "vi") == (
        "Cảnh báo sớm tại 3 kỳ họp (15/01/2025–15/07/2025): 2 nhiệm vụ có nguy cơ quá hạn; "
        "đến 15/10/2025 đã có 1 nhiệm vụ quá hạn (cột “Cảnh báo → quá hạn” theo cơ quan)."
    )
    one = warning_tally(meetings[2:])
    assert one is not None
    assert tally_words(one, "en") == ""  # the last meeting's own sentence says it
    calm = warning_tally(
        [flags(day, {}, set()) for day in ("2025-01-15", "2025-04-15", "2025-07-15")]
    )
    assert calm is not None
    assert tally_words(calm, "vi") == (
        "Tại 2 kỳ họp (15/01/2025–15/04/2025) không có nhiệm vụ nào có nguy cơ quá hạn."
    )
    assert tally_words(tally, "en").startswith(
        "Warnings at 3 meetings (2025-01-15–2025-07-15): 2 tasks flagged at risk; by "
        "2025-10-15, 1 of them had turned overdue"
    )


def test_flags_judged_on_the_stored_snapshots_are_the_feeds_own(tmp_path: Path) -> None:
    """Each recorded meeting's flags, judged on what the snapshot kept (no feed made
    again), are the at-risk list and the overdue tasks of the feed recorded; and the
    tally over a real history file is the count made here from those feeds."""
    store = HistoryStore(tmp_path / "h.sqlite3")
    feeds = [
        load_feed(to_bytes(feed_dict(at_risk_then(), as_of="2025-07-01T08:00:00+07:00"))),
        load_feed(to_bytes(feed_dict(at_risk_then(), as_of=THEN))),
        load_feed(to_bytes(feed_dict(today(), as_of=NOW))),
    ]
    for feed in feeds:
        store.record(feed, "test")
    stored = snapshot_flags(store.task_history(store.entries()), 30)
    assert stored == [feed_flags(feed, 30) for feed in feeds]
    tally = warning_history(store, feeds[-1], 30)
    assert tally is not None
    # Counted here: flagged at either earlier meeting by the rule, overdue today.
    flagged = {
        t.id: t.agency
        for feed in feeds[:2]
        for t in feed.tasks
        if judge_risk(t, feed.as_of_date, 30) is not None
    }
    late = {t.id for t in feeds[-1].tasks if t.state is TaskState.OVERDUE}
    assert (tally.flagged, tally.overdue) == (len(flagged), len(late & flagged.keys()))
    assert dict(tally.by_agency) == {"BKHCN": (3, 1), "LAI-CHAU": (1, 1)}
