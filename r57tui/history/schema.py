"""The store's file: opened, checked and brought to the current schema, or refused in one
line and left exactly as it was.

The schema's version is SQLite's `user_version`; `application_id` marks the file as an
r57tui history, so another program's database is never taken for one. A new store is
made by the same steps an old one is upgraded by (`STEPS`, each in one transaction), so
every step runs on every store. A file that is not SQLite, is damaged, belongs to another
program or was written by a newer r57tui is looked at read-only and never written: not
migrated, not repaired, not replaced.

Writers wait for each other: every write is one `BEGIN IMMEDIATE` transaction, and a
second process waits for the first (the busy timeout) or says the store is busy. The
rollback journal (SQLite's default) keeps a write that a crash interrupts from showing.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from ..i18n.message import Message, MessageError
from ..i18n.strings import Phrase

APPLICATION_ID = 0x52353748  # "R57H"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 15.0

# Each step takes the schema from its index to the next version (STEPS[0]: nothing to 1).
STEPS: tuple[str, ...] = (
    # 1: snapshots, the records they share, their counts and indicator values.
    f"""
    PRAGMA application_id = {APPLICATION_ID};
    CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY,
        as_of TEXT NOT NULL,            -- as the feed wrote it
        as_of_key TEXT NOT NULL,        -- sorts in time, whatever the offset
        source TEXT NOT NULL,           -- a file's path, an address without credentials
        title TEXT,
        recorded_at TEXT NOT NULL,
        task_count INTEGER NOT NULL,
        task_refs BLOB NOT NULL,        -- the tasks' record ids, in the feed's order
        task_states BLOB NOT NULL,      -- each task's state and progress, in that order
        agency_refs BLOB NOT NULL,
        indicator_refs BLOB NOT NULL,
        UNIQUE (as_of, source)
    );
    CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        kind INTEGER NOT NULL,          -- 0 task, 1 agency, 2 indicator
        digest BLOB NOT NULL UNIQUE,
        body BLOB NOT NULL              -- the record's fields, JSON, compressed
    );
    CREATE TABLE counts (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
        scope TEXT NOT NULL,            -- total, agency, kind, group, owner, key_tasks
        key TEXT,                       -- the agency, kind, group or owner; NULL: none
        completed_on_time INTEGER NOT NULL,
        completed_late INTEGER NOT NULL,
        on_time INTEGER NOT NULL,
        overdue INTEGER NOT NULL
    );
    CREATE INDEX counts_of_snapshot ON counts (snapshot_id);
    CREATE TABLE indicator_values (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
        indicator_id TEXT NOT NULL,
        value REAL NOT NULL,
        target REAL,
        period TEXT,
        PRIMARY KEY (snapshot_id, indicator_id)
    );
    CREATE TABLE feeds (
        snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots (id),
        body BLOB NOT NULL              -- the feed as it was read, gzip (--keep-feed)
    );
    """,
    # 2: the calendar date of each snapshot, to find a meeting by its day (`--baseline
    # 2025-07-15`); and the counts keyed by a number for each scope (an agency, a group,
    # an owner…) instead of its text, clustered by scope then snapshot: a snapshot of the
    # demo took 26 kB of counts and their index, now a tenth of it, and one scope's trend
    # across every snapshot is one range of the table.
    """
    ALTER TABLE snapshots ADD COLUMN as_of_date TEXT;
    UPDATE snapshots SET as_of_date = substr(as_of, 1, 10);
    CREATE INDEX snapshots_by_date ON snapshots (as_of_date);
    CREATE TABLE scopes (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL,            -- total, agency, kind, group, owner, key_tasks
        key TEXT                        -- the agency, kind, group or owner; NULL: none
    );
    CREATE UNIQUE INDEX scopes_by_key ON scopes (scope, ifnull(key, char(0)));
    INSERT INTO scopes (scope, key) SELECT DISTINCT scope, key FROM counts ORDER BY rowid;
    CREATE TABLE tallies (
        scope_id INTEGER NOT NULL REFERENCES scopes (id),
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
        completed_on_time INTEGER NOT NULL,
        completed_late INTEGER NOT NULL,
        on_time INTEGER NOT NULL,
        overdue INTEGER NOT NULL,
        PRIMARY KEY (scope_id, snapshot_id)
    ) WITHOUT ROWID;
    INSERT INTO tallies
        SELECT s.id, c.snapshot_id, c.completed_on_time, c.completed_late, c.on_time,
               c.overdue
        FROM counts c JOIN scopes s ON s.scope = c.scope AND s.key IS c.key;
    DROP TABLE counts;
    """,
)
CURRENT = len(STEPS)


class HistoryError(MessageError):
    """A history store that cannot be used: one line naming the file and the reason."""


def _fail(path: Path, what: Phrase | Message) -> HistoryError:
    return HistoryError(Message.of("history {file}: {what}", file=str(path), what=what))


def damaged(path: Path, exc: sqlite3.Error) -> HistoryError:
    """The store's own error, said as what it means for the reader."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return _fail(path, Phrase("busy: another r57tui is writing to it; try again"))
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return _fail(path, Message.of("damaged ({reason}); it is left as it is", reason=str(exc)))
    return _fail(path, Message.of("cannot be used ({reason})", reason=str(exc)))


def _looked_at(path: Path) -> None:
    """Refuse what is plainly not a store before SQLite opens it."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except IsADirectoryError:
        raise _fail(path, Phrase("is a folder, not a history file")) from None
    except OSError as exc:
        raise _fail(
            path, Message.of("cannot be read ({reason})", reason=exc.strerror or str(exc))
        ) from None
    if head and head != SQLITE_HEADER:
        raise _fail(
            path, Phrase("not a history file (not an SQLite database); it is left as it is")
        )


def _check(path: Path, connection: sqlite3.Connection) -> int:
    """The schema version of an r57tui store we can read; HistoryError otherwise."""
    try:
        (app_id,) = connection.execute("PRAGMA application_id").fetchone()
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        if version == 0 and app_id == 0:
            tables = connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
            if tables == 0:
                return 0  # an empty file: a store not made yet
    except sqlite3.Error as exc:
        raise damaged(path, exc) from None
    if app_id != APPLICATION_ID:
        raise _fail(
            path, Phrase("another program's database, not an r57tui history; it is left as it is")
        )
    if version > CURRENT:
        raise _fail(
            path,
            Message.of(
                "written by a newer r57tui (schema {found}; this one reads up to {known}); "
                "it is left as it is",
                found=version,
                known=CURRENT,
            ),
        )
    return int(version)


def open_for_reading(path: Path, upgrade: bool = True) -> sqlite3.Connection | None:
    """A read-only connection to an existing store, or None when there is no file yet.
    A store of an older schema is upgraded first (the reads ask for the current one)."""
    if not path.exists():
        return None
    _looked_at(path)
    try:
        connection = sqlite3.connect(
            f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S
        )
    except sqlite3.Error as exc:
        raise damaged(path, exc) from None
    try:
        version = _check(path, connection)
    except HistoryError:
        connection.close()
        raise
    if version == 0:
        connection.close()
        return None
    if version < CURRENT and upgrade:
        connection.close()
        open_for_writing(path).close()
        return open_for_reading(path, upgrade=False)
    return connection


def open_for_writing(path: Path, target: int = CURRENT) -> sqlite3.Connection:
    """A connection that may write, the file made (with its folder) when missing and
    brought to schema `target` (the current one; tests ask for older ones)."""
    made = not path.exists()
    if not made:
        _looked_at(path)
        # Checked read-only first: a file we must not write is never opened for writing.
        reader = open_for_reading(path, upgrade=False)
        if reader is not None:
            reader.close()
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _fail(
                path,
                Message.of("cannot be made ({reason})", reason=exc.strerror or str(exc)),
            ) from None
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise damaged(path, exc) from None
    try:
        _upgrade(path, connection, target)
    except BaseException:
        connection.close()
        raise
    if made and os.name == "posix":
        # A new store: a meeting's figures are not for every user of the machine.
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
    return connection


def _upgrade(path: Path, connection: sqlite3.Connection, target: int) -> None:
    """Run the steps from the store's version to `target`, each in its own transaction,
    the version checked again once the write lock is held (a second process may have
    upgraded it meanwhile)."""
    while True:
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise damaged(path, exc) from None
        try:
            version = _check(path, connection)
            if version >= target:
                connection.execute("COMMIT")
                return
            for statement in _statements(STEPS[version]):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except BaseException as exc:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise damaged(path, exc) from None
            raise


def _statements(script: str) -> list[str]:
    """A step's statements one by one: `executescript` would commit the transaction."""
    text = "\n".join(line.split("--", 1)[0] for line in script.splitlines())
    return [piece.strip() for piece in text.split(";") if piece.strip()]
