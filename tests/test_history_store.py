"""The history store, on real SQLite files: a snapshot read back as it was recorded, the
same meeting recorded twice, two processes writing at once, files that must never be
written (damaged, not SQLite, another program's, a newer schema), the migration of a
store the schema-1 code wrote, and a baseline from the store that compares exactly as the
same feed given as a file."""

from __future__ import annotations

import copy
import json
import multiprocessing
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from r57tui.baseline import BaselineError, compare, load_baseline
from r57tui.demo import demo_feed_path
from r57tui.feed import Feed, load_feed
from r57tui.history import CURRENT, HistoryError, HistoryStore, baseline_from, schema, source_name
from r57tui.history.choice import entry_baseline
from r57tui.rollup import Counts, roll_up
from tests.builders import feed_dict, task, to_bytes
from tests.test_fault_matrix_feeds import valid_feeds

DATA = Path(__file__).parent / "data"


def demo_doc() -> dict[str, Any]:
    return json.loads(demo_feed_path().read_bytes())


def quarter(doc: dict[str, Any], as_of: str) -> dict[str, Any]:
    """The demo at another as-of: the tasks completed after it still open."""
    moved = copy.deepcopy(doc)
    moved["as_of"] = as_of
    for item in moved["tasks"]:
        if item.get("completed", "") > as_of[:10]:
            item.pop("completed")
            item.pop("status", None)
    return moved


def load(doc: dict[str, Any]) -> Feed:
    return load_feed(to_bytes(doc))


def comparison_facts(feed: Feed, baseline_feed: Feed, baseline: Any) -> Any:
    """What a comparison says: every figure that moved, and each task's change with the
    task as the changes list shows it."""
    rollup = roll_up(feed)
    made = compare(baseline, feed, rollup)
    return made.changes, [
        (c.kind, c.task.id, c.task.title, c.task.agency, c.task.due, c.was, c.now)
        for c in made.tasks
    ]


def test_a_snapshot_reads_back_as_it_was_recorded(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    feed = load(demo_doc())
    recorded = store.record(feed, "demo", recorded_at=datetime(2025, 10, 15, 2, tzinfo=UTC))
    assert recorded.new
    rollup = roll_up(feed)
    [entry] = store.entries()
    assert entry == recorded.entry
    assert (entry.as_of, entry.title, entry.source) == (
        "2025-10-15T08:00:00+07:00",
        feed.title,
        "demo",
    )
    assert entry.total == rollup.total
    assert entry.recorded_at == datetime(2025, 10, 15, 2, tzinfo=UTC)
    assert not entry.kept_feed
    agencies = store.counts("agency")
    assert {key: by[entry.id] for key, by in agencies.items()} == rollup.by_agency
    groups = store.counts("group")
    assert {key: by[entry.id] for key, by in groups.items()} == rollup.by_group
    kinds = store.counts("kind")
    assert {key: by[entry.id] for key, by in kinds.items()} == {
        kind.value: counts for kind, counts in rollup.by_kind.items()
    }
    assert store.task_states(entry) == {t.id: t.state for t in feed.tasks}
    values = store.indicator_values()
    assert {key: points[0].value for key, points in values.items()} == {
        i.id: i.value for i in feed.indicators
    }
    # The feed its records make: every task as it was, but its notes.
    back = store.feed(entry)
    assert [(t.id, t.title, t.state, t.progress, t.due, t.owner) for t in back.tasks] == [
        (t.id, t.title, t.state, t.progress, t.due, t.owner) for t in feed.tasks
    ]
    assert back.agencies == feed.agencies
    assert back.indicators == feed.indicators
    # Its figures are the feed's; the at-risk list holds the same tasks (without notes).
    again = roll_up(back)
    assert replace(again, at_risk=()) == replace(rollup, at_risk=())
    assert [t.id for t in again.at_risk] == [t.id for t in rollup.at_risk]


def test_a_kept_feed_comes_back_byte_for_byte(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    raw = demo_feed_path().read_bytes()
    entry = store.record(load_feed(raw), "demo", raw=raw).entry
    assert entry.kept_feed
    assert store.document(entry) == raw
    assert any(t.notes for t in store.feed(entry).tasks)


def test_the_same_meeting_twice_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    store = HistoryStore(path)
    feed = load(demo_doc())
    first = store.record(feed, "demo")
    size, stamp = path.stat().st_size, path.read_bytes()
    again = store.record(load(demo_doc()), "demo")
    assert not again.new
    assert again.entry == first.entry
    assert path.read_bytes() == stamp
    assert path.stat().st_size == size
    # Another source at the same as-of is another snapshot.
    assert store.record(feed, "/srv/other.json").new
    assert len(store.entries()) == 2


def test_later_snapshots_share_what_did_not_change(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    store = HistoryStore(path)
    doc = demo_doc()
    store.record(load(quarter(doc, "2025-07-15T08:00:00+07:00")), "demo")
    first = path.stat().st_size
    store.record(load(doc), "demo")
    # The second snapshot stores only what moved: far less than the first.
    assert path.stat().st_size - first < first / 4


def test_entries_are_in_time_order_whatever_the_offset(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    store.record(load(feed_dict(as_of="2025-10-15T08:00:00+07:00")), "a")
    store.record(load(feed_dict(as_of="2025-10-15T00:30:00Z")), "a")  # 07:30 in Hà Nội
    store.record(load(feed_dict(as_of="2025-07-01")), "a")
    assert [e.as_of for e in store.entries()] == [
        "2025-07-01",
        "2025-10-15T00:30:00+00:00",
        "2025-10-15T08:00:00+07:00",
    ]


def test_a_source_is_named_without_credentials() -> None:
    assert source_name("https://user:secret@feeds.example.vn/r57.json?token=abc#x") == (
        "https://feeds.example.vn/r57.json"
    )
    assert source_name(None) == "demo"
    assert source_name("feed.json") == str(Path("feed.json").absolute())


# Two processes at once ------------------------------------------------------------------


def _writer(path: str, name: str, start: Any, count: int) -> None:
    store = HistoryStore(Path(path))
    start.wait()
    for month in range(1, count + 1):
        doc = feed_dict(
            [task(f"{name}-{month}", due="2025-12-31")], as_of=f"2025-{month:02d}-15", title=name
        )
        store.record(load(doc), name)
    # The same meeting as the other writer: one of the two records it.
    store.record(load(feed_dict(as_of="2025-12-31")), "shared")


def test_two_processes_writing_at_once_both_land_whole(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    writers = [
        context.Process(target=_writer, args=(str(path), name, start, 6)) for name in ("A", "B")
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [writer.exitcode for writer in writers] == [0, 0]
    entries = HistoryStore(path).entries()
    assert sorted((e.source, e.as_of) for e in entries) == sorted(
        [(name, f"2025-{m:02d}-15") for name in ("A", "B") for m in range(1, 7)]
        + [("shared", "2025-12-31")]
    )
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_writer_that_waits_too_long_says_the_store_is_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "h.sqlite3"
    store = HistoryStore(path)
    store.record(load(feed_dict()), "a")
    monkeypatch.setattr(schema, "BUSY_TIMEOUT_S", 0.05)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of its write
    try:
        with pytest.raises(HistoryError, match="busy: another r57tui is writing"):
            store.record(load(feed_dict(as_of="2025-11-01")), "a")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(store.entries()) == 1


# Files that are never written -----------------------------------------------------------


def _refused_untouched(path: Path, pattern: str) -> None:
    before = path.read_bytes()
    store = HistoryStore(path)
    with pytest.raises(HistoryError, match=pattern) as caught:
        store.record(load(feed_dict()), "a")
    assert "\n" not in str(caught.value)
    assert str(path) in str(caught.value)
    with pytest.raises(HistoryError, match=pattern):
        store.entries()
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_file_that_is_not_sqlite_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Biên bản họp quý III\n", encoding="utf-8")
    _refused_untouched(path, "not a history file")


def test_a_damaged_store_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    HistoryStore(path).record(load(demo_doc()), "demo")
    data = bytearray(path.read_bytes())
    page = 4096
    # The second page on (the tables' pages) overwritten, the header left: SQLite opens it.
    data[page : page * 3] = b"\xa5" * (page * 2)
    path.write_bytes(bytes(data))
    _refused_untouched(path, "damaged")


def test_another_programs_database_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
    _refused_untouched(path, "another program's database")


def test_a_store_of_a_newer_schema_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    HistoryStore(path).record(load(feed_dict()), "a")
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {CURRENT + 1}")
    connection.close()
    _refused_untouched(path, rf"newer r57tui \(schema {CURRENT + 1}; this one reads up to")


# The migration --------------------------------------------------------------------------


def test_a_schema_1_store_is_migrated_to_2_with_its_snapshots_whole(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.executescript((DATA / "history-v1.sql").read_text(encoding="utf-8"))
        assert connection.execute("PRAGMA user_version").fetchone() == (1,)
        assert "as_of_date" not in {
            row[1] for row in connection.execute("PRAGMA table_info(snapshots)")
        }
    connection.close()
    store = HistoryStore(path)
    q2, q3 = store.entries()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (2,)
        assert connection.execute("SELECT as_of_date FROM snapshots ORDER BY id").fetchall() == [
            ("2025-06-15",),
            ("2025-09-15",),
        ]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_schema")}
        assert {"scopes", "tallies"} <= tables
        assert "counts" not in tables
        # Every count of schema 1 is there, by its scope's number.
        assert connection.execute("SELECT count(*) FROM tallies").fetchone() == (22,)
    connection.close()
    assert (q2.title, q2.as_of_date.isoformat(), q2.total.overdue) == ("Q2", "2025-06-15", 1)
    assert q3.kept_feed
    assert not q2.kept_feed
    assert store.task_states(q2) == {"T-1": "on_time", "T-2": "overdue", "T-3": "completed"}
    assert [t.id for t in store.feed(q3).tasks] == ["T-1", "T-2", "T-4"]
    assert store.counts("agency")["LAI-CHAU"] == {
        q2.id: roll_up(store.feed(q2)).by_agency["LAI-CHAU"],
        q3.id: roll_up(store.feed(q3)).by_agency["LAI-CHAU"],
    }
    # And it takes new snapshots as a store made at schema 2 does.
    later = store.record(load(feed_dict(as_of="2025-12-15T08:00:00+07:00")), "/srv/q4.json")
    assert later.new
    assert later.entry.as_of_date.isoformat() == "2025-12-15"


# From the store, as from a file ---------------------------------------------------------


def test_last_previous_and_a_date_name_history_entries(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    store = HistoryStore(path)
    doc = demo_doc()
    for as_of in ("2025-04-15T08:00:00+07:00", "2025-07-15T08:00:00+07:00"):
        store.record(load(quarter(doc, as_of)), "demo")
    assert baseline_from("last", path).feed.as_of_date.isoformat() == "2025-07-15"
    assert baseline_from("previous", path).feed.as_of_date.isoformat() == "2025-04-15"
    assert baseline_from("15/04/2025", path).feed.as_of_date.isoformat() == "2025-04-15"
    assert baseline_from("2025-07-15", path).label == "h.sqlite3"
    with pytest.raises(BaselineError) as caught:
        baseline_from("2025-01-15", path)
    assert str(caught.value) == (
        f"history {path}: no snapshot of 2025-01-15; it holds: 2025-07-15, 2025-04-15"
    )
    with pytest.raises(BaselineError, match="is not a date"):
        baseline_from("31/02/2025", path)
    with pytest.raises(BaselineError, match="no snapshots yet"):
        baseline_from("last", tmp_path / "none.sqlite3")
    assert not (tmp_path / "none.sqlite3").exists()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(before=valid_feeds(), now=valid_feeds(), keep=st.booleans())
def test_a_baseline_from_the_store_compares_as_the_same_feed_given_as_a_file(
    tmp_path_factory: pytest.TempPathFactory,
    before: dict[str, Any],
    now: dict[str, Any],
    keep: bool,
) -> None:
    folder = tmp_path_factory.mktemp("h")
    raw = to_bytes(before)
    file = folder / "before.json"
    file.write_bytes(raw)
    from_file = load_baseline(file)
    store = HistoryStore(folder / "h.sqlite3")
    entry = store.record(from_file.feed, "x", raw=raw if keep else None).entry
    from_store = entry_baseline(store, entry)
    today = load(now)
    assert comparison_facts(today, from_store.feed, from_store) == comparison_facts(
        today, from_file.feed, from_file
    )
    assert from_store.rollup.total == from_file.rollup.total == entry.total


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(feeds=st.lists(valid_feeds(), min_size=1, max_size=4))
def test_trends_from_the_store_equal_those_of_the_feeds(
    tmp_path_factory: pytest.TempPathFactory, feeds: list[dict[str, Any]]
) -> None:
    store = HistoryStore(tmp_path_factory.mktemp("h") / "h.sqlite3")
    expected: dict[str, dict[Any, dict[int, Any]]] = {"agency": {}, "group": {}, "owner": {}}
    for number, doc in enumerate(feeds):
        feed = load(doc)
        entry = store.record(feed, f"source-{number}").entry
        rollup = roll_up(feed)
        for scope, table in (
            ("agency", rollup.by_agency),
            ("group", rollup.by_group),
            ("owner", rollup.by_owner),
        ):
            for key, counts in table.items():
                expected[scope].setdefault(key, {})[entry.id] = counts
    for scope, by_key in expected.items():
        assert store.counts(scope) == by_key


def test_trends_align_every_scope_with_the_snapshots_in_time_order(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    later = feed_dict([task("T-1", "LAI-CHAU", due="2025-06-30")], as_of="2025-09-15")
    earlier = feed_dict([task("T-1", due="2025-06-30")], as_of="2025-06-15")
    earlier["agencies"] = earlier["agencies"][:1]  # Lai Châu not in the feed yet
    store.record(load(later), "a")  # recorded first, but later in time
    store.record(load(earlier), "a")
    trends = store.trends("agency")
    assert [e.as_of for e in trends.entries] == ["2025-06-15", "2025-09-15"]
    assert trends.series["LAI-CHAU"] == (None, Counts(overdue=1))
    assert trends.series["BKHCN"] == (Counts(on_time=1), Counts())
    assert store.trends("total").series[None] == (Counts(on_time=1), Counts(overdue=1))
