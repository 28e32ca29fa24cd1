"""`r57tui snapshot` records the feed in the history of meetings; `r57tui history` lists
what is recorded.

Exit codes: 0 recorded (or already there: said so) / listed, 1 the feed was refused or
the history file cannot be used (damaged, another program's, a newer r57tui's, busy),
2 usage or config. Messages are one line on stderr.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
from pathlib import Path
from typing import TextIO

from ..config import Settings
from ..feed import Feed, FeedError
from ..history import Entry, HistoryError, HistoryStore, SourceKey, history_path, source_keys
from ..i18n.dates import format_as_of
from ..i18n.message import Message
from ..i18n.numbers import format_int, format_percent
from ..i18n.strings import default_language, tr
from ..rollup import Bucket, Counts
from ..safety import one_line
from ..sources import Failed
from ..sources.gc_policy import load_feed_managed
from .sources import open_source


def _store(settings: Settings, flag: Path | None) -> HistoryStore:
    return HistoryStore(flag.expanduser() if flag is not None else history_path(settings))


async def _read(
    location: str | None, settings: Settings, index: int | None = None
) -> tuple[Feed, bytes] | Failed:
    """The feed and its bytes as read (kept whole with --keep-feed); `index`: of the
    named source this is, whose own headers and CA bundle it takes."""
    source = open_source(location, settings, index)
    try:
        got = await source.read_once()
    finally:
        await source.aclose()
    if isinstance(got, Failed):
        return got
    try:
        return load_feed_managed(got), got
    except FeedError as exc:
        return Failed.of("{where}: {what}", where=source.label, what=exc.message)


def run_snapshot(
    settings: Settings, history: Path | None, keep_feed: bool, out: TextIO | None = None
) -> int:
    """Record the source, or each of several (one snapshot each, under its name; a
    source that fails is said and the others are still recorded): 0 when all were."""
    out = out or sys.stdout
    store = _store(settings, history)
    keys = source_keys(settings)
    if not settings.sources:
        return _snapshot_one(store, settings.source, settings, None, keys[0], keep_feed, out)
    results = [
        _snapshot_one(store, named.location, settings, index, key, keep_feed, out)
        for index, (named, key) in enumerate(zip(settings.sources, keys, strict=True))
    ]
    return max(results)


def _snapshot_one(
    store: HistoryStore,
    location: str | None,
    settings: Settings,
    index: int | None,
    key: SourceKey,
    keep_feed: bool,
    out: TextIO,
) -> int:
    language = settings.language or default_language()
    named = f"{key.name}: " if key.name is not None else ""  # which of several
    got = asyncio.run(_read(location, settings, index))
    if isinstance(got, Failed):
        print(f"r57tui: {named}{one_line(got.text(language), 1000)}", file=sys.stderr)
        return 1
    feed, raw = got
    try:
        recorded = store.record(feed, key, raw=raw if keep_feed else None)
    except HistoryError as exc:
        print(f"r57tui: {exc.text(language)}", file=sys.stderr)
        return 1
    print(named + recorded_text(recorded.entry, recorded.new, store.path, language), file=out)
    return 0


def recorded_text(entry: Entry, new: bool, path: Path, language: str) -> str:
    """What recording says: the meeting recorded, or that it was already there."""
    if new:
        message = Message.of(
            "Recorded in the history: the figures as of {as_of} ({file})",
            as_of=entry.as_of_value,
            file=str(path),
        )
    else:
        message = Message.of(
            "Already in the history: the figures as of {as_of} from this source were recorded "
            "on {when}; nothing written",
            as_of=entry.as_of_value,
            when=entry.recorded_at.astimezone(),
        )
    return message.text(language)


def run_history(
    settings: Settings, history: Path | None, as_json: bool, out: TextIO | None = None
) -> int:
    out = out or sys.stdout
    language = settings.language or default_language()
    store = _store(settings, history)
    try:
        entries = store.entries()
    except HistoryError as exc:
        print(f"r57tui: {exc.text(language)}", file=sys.stderr)
        return 1
    if as_json:
        json.dump(
            {"file": str(store.path), "snapshots": [_entry_json(e) for e in entries]},
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
        return 0
    width = max(shutil.get_terminal_size((80, 24)).columns, 60)
    for line in history_lines(entries, store.path, language, width):
        print(line, file=out)
    return 0


def _entry_json(entry: Entry) -> dict[str, object]:
    total = entry.total
    return {
        "as_of": entry.as_of,
        "title": entry.title,
        "source": entry.source,
        "recorded_at": entry.recorded_at.isoformat(),
        "totals": {
            "assigned": total.assigned,
            "completed": total.completed,
            "completed_late": total.completed_late,
            "on_time": total.on_time,
            "overdue": total.overdue,
        },
        "feed_kept": entry.kept_feed,
    }


def _figure(counts: Counts, bucket: Bucket, language: str) -> str:
    share = format_percent(counts.share(bucket).percent(), language=language)
    return f"{format_int(counts.get(bucket), language)} ({share})"


def history_lines(entries: list[Entry], path: Path, language: str, width: int) -> list[str]:
    """The snapshots as a table, oldest first, each with its title on a line of its own
    (cut to the width, never wrapped)."""
    if not entries:
        return [
            Message.of(
                "No snapshots in the history yet ({file}): record one with r57tui snapshot",
                file=str(path),
            ).text(language)
        ]
    # Which source each is of, once more than one is recorded (one source's snapshots
    # of files of each quarter stay one source: named ones are told apart by name).
    sources = [SourceKey.of_text(entry.source) for entry in entries]
    several = len({key.name for key in sources}) > 1
    words = ("As of", "Feed") if several else ("As of",)
    heads = [tr(word, language) for word in (*words, "Assigned", "Completed", "On time", "Overdue")]
    rows = [
        [
            format_as_of(entry.as_of_value, language=language),
            *([one_line(key.short, 30)] if several else []),
            format_int(entry.total.assigned, language),
            _figure(entry.total, Bucket.COMPLETED, language),
            _figure(entry.total, Bucket.ON_TIME, language),
            _figure(entry.total, Bucket.OVERDUE, language),
        ]
        for entry, key in zip(entries, sources, strict=True)
    ]
    widths = [max(len(row[i]) for row in [heads, *rows]) for i in range(len(heads))]

    lead = len(words)  # the columns of words, to the left; the figures to the right

    def line(cells: list[str]) -> str:
        first = [cell.ljust(size) for cell, size in zip(cells[:lead], widths[:lead], strict=True)]
        rest = [cell.rjust(size) for cell, size in zip(cells[lead:], widths[lead:], strict=True)]
        return "  ".join([*first, *rest])

    lines = [
        # Whole, never cut: the count first, then where the file is.
        Message.of(
            "Snapshots in the history: {count} ({file})", count=len(entries), file=str(path)
        ).text(language),
        "",
        line(heads),
    ]
    for entry, row in zip(entries, rows, strict=True):
        lines.append(line(row))
        if entry.title:
            lines.append(one_line(f"  {entry.title}", width))
    return lines
