"""Writing one snapshot: its row, the counts of every scope, the indicators' values and
the feed's bytes when kept, inside the store's transaction (store.py), after a check that
the file is whole."""

from __future__ import annotations

import gzip
import sqlite3
from datetime import datetime
from pathlib import Path

from ..feed import Feed
from ..i18n.message import Message
from ..rollup import Counts, roll_up
from . import records as rec
from . import rows
from .rows import AGENCY, COUNT_COLUMNS, GROUP, KEY_TASKS, KIND, OWNER, TOTAL
from .schema import HistoryError


def quick_check(connection: sqlite3.Connection, path: Path) -> None:
    """Refuse to write a damaged file: a write could spread the damage."""
    rows = connection.execute("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        raise HistoryError(
            Message.of(
                "history {file}: damaged ({reason}); it is left as it is",
                file=str(path),
                reason=str(rows[0][0]),
            )
        )


def insert_snapshot(
    connection: sqlite3.Connection,
    feed: Feed,
    source: str,
    raw: bytes | None,
    when: datetime,
) -> int:
    """Write one snapshot of `feed`: its row, its counts by scope, its indicators' values
    and, when given, the feed's bytes; its records stored once across snapshots."""
    agency_refs = rows.refs(connection, rec.AGENCY, map(rec.agency_record, feed.agencies.values()))
    task_refs = rows.refs(connection, rec.TASK, map(rec.task_record, feed.tasks))
    indicator_refs = rows.refs(
        connection, rec.INDICATOR, map(rec.indicator_record, feed.indicators)
    )
    cursor = connection.execute(
        "INSERT INTO snapshots (as_of, as_of_date, as_of_key, source, title, recorded_at,"
        " task_count, task_refs, task_states, agency_refs, indicator_refs)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            rec.as_of_text(feed),
            feed.as_of_date.isoformat(),
            rec.as_of_key(feed),
            source,
            feed.title,
            when.isoformat(timespec="seconds"),
            len(feed.tasks),
            rec.pack_refs(task_refs),
            rec.pack_tasks(feed.tasks),
            rec.pack_refs(agency_refs),
            rec.pack_refs(indicator_refs),
        ),
    )
    snapshot_id = cursor.lastrowid
    assert snapshot_id is not None
    rollup = roll_up(feed)
    by_agency: dict[str | None, Counts] = dict(rollup.by_agency.items())
    by_kind: dict[str | None, Counts] = {k.value: c for k, c in rollup.by_kind.items()}
    tables: list[tuple[str, dict[str | None, Counts]]] = [
        (TOTAL, {None: rollup.total}),
        (KEY_TASKS, {None: rollup.key_tasks}),
        (AGENCY, by_agency),
        (KIND, by_kind),
        (GROUP, rollup.by_group),
        (OWNER, rollup.by_owner),
    ]
    ids = rows.scope_ids(connection, [(scope, key) for scope, table in tables for key in table])
    connection.executemany(
        f"INSERT INTO tallies (scope_id, snapshot_id, {COUNT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (ids[scope, key], snapshot_id, *_tally(counts))
            for scope, table in tables
            for key, counts in table.items()
        ],
    )
    connection.executemany(
        "INSERT OR REPLACE INTO indicator_values"
        " (snapshot_id, indicator_id, value, target, period) VALUES (?, ?, ?, ?, ?)",
        [(snapshot_id, item.id, item.value, item.target, item.period) for item in feed.indicators],
    )
    if raw is not None:
        connection.execute(
            "INSERT INTO feeds (snapshot_id, body) VALUES (?, ?)",
            (snapshot_id, gzip.compress(raw, 6, mtime=0)),
        )
    return snapshot_id


def _tally(counts: Counts) -> tuple[int, int, int, int]:
    return counts.completed_on_time, counts.completed_late, counts.on_time, counts.overdue
