"""The store's rows below its questions: each (scope, key)'s number, records stored once
across snapshots (by the digest of their content), a snapshot's tasks as packed by
records.py, and the records of a list of ids. Each takes an open connection: the
transaction is the store's (store.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from ..feed import TaskState
from . import records as rec

# The scopes of the counts table: the whole feed, and each of the roll-up's breakdowns.
TOTAL, AGENCY, KIND, GROUP, OWNER, KEY_TASKS = (
    "total",
    "agency",
    "kind",
    "group",
    "owner",
    "key_tasks",
)
SCOPES = (TOTAL, AGENCY, KIND, GROUP, OWNER, KEY_TASKS)
COUNT_COLUMNS = "completed_on_time, completed_late, on_time, overdue"


def scope_ids(
    connection: sqlite3.Connection, wanted: list[tuple[str, str | None]]
) -> dict[tuple[str, str | None], int]:
    """The number of each (scope, key), new ones numbered now (under the write lock)."""
    known: dict[tuple[str, str | None], int] = {
        (scope, key): scope_id
        for scope_id, scope, key in connection.execute("SELECT id, scope, key FROM scopes")
    }
    for pair in wanted:
        if pair not in known:
            cursor = connection.execute("INSERT INTO scopes (scope, key) VALUES (?, ?)", pair)
            assert cursor.lastrowid is not None
            known[pair] = cursor.lastrowid
    return known


def refs(
    connection: sqlite3.Connection, kind: int, documents: Iterator[dict[str, object]]
) -> list[int]:
    """The record ids of these documents, in order, each stored once across snapshots."""
    connection.execute(
        "CREATE TEMP TABLE IF NOT EXISTS incoming"
        " (pos INTEGER PRIMARY KEY, digest BLOB NOT NULL, body BLOB NOT NULL)"
    )
    connection.execute("DELETE FROM incoming")
    connection.executemany(
        "INSERT INTO incoming (pos, digest, body) VALUES (?, ?, ?)",
        ((pos, *rec.encode(document)) for pos, document in enumerate(documents)),
    )
    connection.execute(
        "INSERT OR IGNORE INTO records (kind, digest, body)"
        " SELECT ?, digest, body FROM incoming ORDER BY pos",
        (kind,),
    )
    refs = [
        row[0]
        for row in connection.execute(
            "SELECT r.id FROM incoming i JOIN records r ON r.digest = i.digest ORDER BY i.pos"
        )
    ]
    connection.execute("DELETE FROM incoming")
    return refs


def tasks_of(
    connection: sqlite3.Connection, snapshot_id: int
) -> tuple[list[int], list[TaskState], list[int | None]]:
    row = connection.execute(
        "SELECT task_count, task_refs, task_states FROM snapshots WHERE id = ?", (snapshot_id,)
    ).fetchone()
    count, refs_blob, states_blob = row
    states, progress = rec.unpack_tasks(states_blob, count)
    return rec.unpack_refs(refs_blob), states, progress


def bodies(connection: sqlite3.Connection, refs: list[int]) -> list[dict[str, object]]:
    """The records of these ids, in their order."""
    found: dict[int, dict[str, object]] = {}
    wanted = sorted(set(refs))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for record_id, body in connection.execute(
            f"SELECT id, body FROM records WHERE id IN ({marks})", chunk
        ):
            found[record_id] = rec.decode(body)
    return [found[ref] for ref in refs]


def task_ids(connection: sqlite3.Connection, refs: list[int]) -> list[str]:
    return [str(body["id"]) for body in bodies(connection, refs)]
