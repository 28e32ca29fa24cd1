"""The history of meetings: snapshots of the feed, recorded one per meeting (or per day
someone keeps), and read back as trends or as an earlier feed.

What a snapshot holds: its `as_of`, title, source (a file's path, or an address without
credentials, query or fragment; never a header), when it was recorded, its counts (the
whole feed, each lead agency, agency kind, thematic group, owner and the key tasks),
each indicator's value and target, every task's state and progress by id, and the
records of its tasks, agencies and indicators (shared between snapshots: records.py).
The feed as it was read, only when asked (`keep_feed`).

The questions later screens ask are one query each: a scope's counts across every
snapshot (`counts`), the indicators' values across them (`indicator_values`), the tasks'
states in one (`task_states`), and the feed of one (`document`, `feed`), which is a
baseline as an earlier feed file is.
"""

from __future__ import annotations

import gzip
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ..addresses import is_url, shown
from ..config import BUNDLED_FEEDS
from ..feed import Feed, TaskState, load_feed
from ..rollup import Counts
from . import records as rec
from . import rows
from .rows import COUNT_COLUMNS
from .schema import damaged, open_for_reading, open_for_writing
from .source_key import SourceKey
from .writing import insert_snapshot, quick_check


@dataclass(frozen=True, slots=True)
class Entry:
    """One snapshot, as the history lists it."""

    id: int
    as_of: str  # as the feed wrote it
    as_of_date: date  # its calendar date, as its own offset reads it
    title: str | None
    source: str
    recorded_at: datetime
    total: Counts
    kept_feed: bool

    @property
    def as_of_value(self) -> datetime | date:
        """`as_of` as a date or date-time, for a screen to format."""
        if len(self.as_of) == 10:
            return date.fromisoformat(self.as_of)
        return datetime.fromisoformat(self.as_of)


@dataclass(frozen=True, slots=True)
class Recorded:
    entry: Entry
    new: bool  # False: the same as_of and source were recorded before; nothing written


@dataclass(frozen=True, slots=True)
class Trends:
    """One scope's figures across every snapshot: `series[key][i]` is the counts of `key`
    in `entries[i]` (oldest first), None where that snapshot's feed did not have it. What
    a trends screen draws a sparkline per row from."""

    entries: tuple[Entry, ...]
    series: dict[str | None, tuple[Counts | None, ...]]


@dataclass(frozen=True, slots=True)
class IndicatorPoint:
    snapshot_id: int
    value: float
    target: float | None
    period: str | None


@dataclass(frozen=True, slots=True)
class SnapshotTasks:
    """One snapshot's tasks, in its order: each task's record (`records.task_record`: the
    feed's fields but state, progress and notes), state and progress."""

    entry: Entry
    refs: list[int]  # each record's number: the same record, the same number
    records: list[dict[str, object]]
    states: list[TaskState]
    progress: list[int | None]


def source_name(location: str | None) -> str:
    """What a snapshot says it was read from: never credentials, a query or a header."""
    if location is None:
        return "demo"
    if location in BUNDLED_FEEDS and not Path(location).exists():
        return location  # a bundled feed by its name, as the sources open it
    if is_url(location):
        return shown(location)
    return str(Path(location).expanduser().absolute())


class HistoryStore:
    """The store in one SQLite file; each call opens it, and closes it when done. With a
    `source`, its readers read that source's history only (source_key.py): the trends,
    the baselines and replay of one of several sources never mix in another's figures;
    without, every snapshot (`r57tui history`)."""

    def __init__(self, path: Path, source: SourceKey | None = None) -> None:
        self.path = path
        self.source = source

    def of(self, source: SourceKey | None) -> HistoryStore:
        """The same file, read as `source`'s history."""
        return HistoryStore(self.path, source)

    def _holds(self, text: str) -> bool:
        return self.source is None or self.source.holds(text)

    # Writing ---------------------------------------------------------------------------

    def record(
        self,
        feed: Feed,
        source: str | SourceKey,
        *,
        raw: bytes | None = None,
        recorded_at: datetime | None = None,
    ) -> Recorded:
        """Record a snapshot of `feed` (and the feed's bytes, when `raw` is given), all
        in one transaction; the same `as_of` and source again writes nothing (a source
        given as a SourceKey: the same `as_of` anywhere in its history)."""
        when = (recorded_at or datetime.now(UTC)).astimezone(UTC)
        as_of = rec.as_of_text(feed)
        key = source if isinstance(source, SourceKey) else None
        text = source.text if isinstance(source, SourceKey) else source
        connection = open_for_writing(self.path)
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                quick_check(connection, self.path)
                found = next(
                    (
                        (snapshot_id,)
                        for snapshot_id, recorded in connection.execute(
                            "SELECT id, source FROM snapshots WHERE as_of = ? ORDER BY id",
                            (as_of,),
                        )
                        if (recorded == text if key is None else key.holds(recorded))
                    ),
                    None,
                )
                if found is None:
                    snapshot_id = insert_snapshot(connection, feed, text, raw, when)
                else:
                    snapshot_id = found[0]
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
            entry = self._entry(connection, snapshot_id)
        except sqlite3.Error as exc:
            raise damaged(self.path, exc) from None
        finally:
            connection.close()
        return Recorded(entry, new=found is None)

    # Reading ---------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection | None]:
        connection = open_for_reading(self.path)
        try:
            if connection is not None:
                # One source's history: the same rule in SQL as in Python (source_key.py).
                connection.create_function("of_source", 1, self._holds, deterministic=True)
            yield connection
        except sqlite3.Error as exc:
            raise damaged(self.path, exc) from None
        finally:
            if connection is not None:
                connection.close()

    def entries(self) -> list[Entry]:
        """Every snapshot (of the source, if given), oldest first ([] when there is no
        store yet)."""
        with self._reading() as connection:
            if connection is None:
                return []
            return [
                _entry_of(row)
                for row in connection.execute(_ENTRIES + " WHERE of_source(s.source)" + _ORDER)
            ]

    def _entry(self, connection: sqlite3.Connection, snapshot_id: int) -> Entry:
        row = connection.execute(_ENTRIES + " WHERE s.id = ?", (snapshot_id,)).fetchone()
        return _entry_of(row)

    def counts(self, scope: str) -> dict[str | None, dict[int, Counts]]:
        """One scope's counts across every snapshot, in one query: key (an agency id, a
        kind, a group, an owner; None for the total) -> snapshot id -> counts. A key
        missing from a snapshot was not in that feed."""
        found: dict[str | None, dict[int, Counts]] = {}
        with self._reading() as connection:
            if connection is None:
                return found
            for snapshot_id, key, *tally in connection.execute(
                f"SELECT t.snapshot_id, s.key, {COUNT_COLUMNS}"
                " FROM scopes s JOIN tallies t ON t.scope_id = s.id"
                " JOIN snapshots n ON n.id = t.snapshot_id"
                " WHERE s.scope = ? AND of_source(n.source) ORDER BY t.snapshot_id",
                (scope,),
            ):
                found.setdefault(key, {})[snapshot_id] = Counts(*tally)
        return found

    def trends(self, scope: str) -> Trends:
        """A scope's counts (`agency`, `kind`, `group`, `owner`, `total`, `key_tasks`)
        across every snapshot, aligned with the snapshots in time order."""
        entries = tuple(self.entries())
        by_key = self.counts(scope)
        return Trends(
            entries,
            {key: tuple(found.get(entry.id) for entry in entries) for key, found in by_key.items()},
        )

    def indicator_values(self) -> dict[str, list[IndicatorPoint]]:
        """Each indicator's value, target and period in every snapshot that had it,
        oldest first."""
        found: dict[str, list[IndicatorPoint]] = {}
        with self._reading() as connection:
            if connection is None:
                return found
            for indicator_id, *point in connection.execute(
                "SELECT v.indicator_id, v.snapshot_id, v.value, v.target, v.period"
                " FROM indicator_values v JOIN snapshots s ON s.id = v.snapshot_id"
                " WHERE of_source(s.source) ORDER BY s.as_of_key, s.id"
            ):
                found.setdefault(indicator_id, []).append(IndicatorPoint(*point))
        return found

    def task_states(self, entry: Entry) -> dict[str, TaskState]:
        """Every task's state in a snapshot, by id."""
        with self._reading() as connection:
            assert connection is not None
            refs, states, _ = rows.tasks_of(connection, entry.id)
            ids = rows.task_ids(connection, refs)
        return dict(zip(ids, states, strict=True))

    def task_history(self, entries: Iterable[Entry]) -> Iterator[SnapshotTasks]:
        """Each of `entries`' tasks: its record (the fields a feed gave, decoded once
        across the snapshots that share it), state and progress, a snapshot at a time
        (a national history is 100k tasks times its meetings: never all at once). Read it
        to its end: the file stays open until then."""
        records: dict[int, dict[str, object]] = {}
        with self._reading() as connection:
            if connection is None:
                return
            for entry in entries:
                refs, states, progress = rows.tasks_of(connection, entry.id)
                new = [ref for ref in set(refs) if ref not in records]
                records.update(zip(new, rows.bodies(connection, new), strict=True))
                yield SnapshotTasks(entry, refs, [records[ref] for ref in refs], states, progress)

    def document(self, entry: Entry) -> bytes:
        """The snapshot's feed as bytes the loader reads: the feed as it was read when it
        was kept, else the feed its records make."""
        with self._reading() as connection:
            assert connection is not None
            kept = connection.execute(
                "SELECT body FROM feeds WHERE snapshot_id = ?", (entry.id,)
            ).fetchone()
            if kept is not None:
                return gzip.decompress(kept[0])
            task_refs, _, progress = rows.tasks_of(connection, entry.id)
            agency_blob, indicator_blob = connection.execute(
                "SELECT agency_refs, indicator_refs FROM snapshots WHERE id = ?", (entry.id,)
            ).fetchone()
            bodies = rows.bodies(connection, task_refs)
            agencies = rows.bodies(connection, rec.unpack_refs(agency_blob))
            indicators = rows.bodies(connection, rec.unpack_refs(indicator_blob))
        return rec.rebuilt_document(
            entry.as_of, entry.title, agencies, bodies, progress, indicators
        )

    def feed(self, entry: Entry) -> Feed:
        return load_feed(self.document(entry))


_ENTRIES = (
    "SELECT s.id, s.as_of, s.as_of_date, s.title, s.source, s.recorded_at,"
    " t.completed_on_time, t.completed_late, t.on_time, t.overdue,"
    " EXISTS (SELECT 1 FROM feeds f WHERE f.snapshot_id = s.id)"
    " FROM snapshots s"
    " JOIN scopes total ON total.scope = 'total'"
    " JOIN tallies t ON t.scope_id = total.id AND t.snapshot_id = s.id"
)
_ORDER = " ORDER BY s.as_of_key, s.id"


def _entry_of(row: tuple[object, ...]) -> Entry:
    snapshot_id, as_of, as_of_date, title, source, recorded_at, *tally, kept = row
    return Entry(
        int(snapshot_id),  # type: ignore[call-overload]
        str(as_of),
        date.fromisoformat(str(as_of_date)),
        None if title is None else str(title),
        str(source),
        datetime.fromisoformat(str(recorded_at)),
        Counts(*tally),  # type: ignore[arg-type]
        bool(kept),
    )
