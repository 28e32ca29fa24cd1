"""`--baseline last`, `previous` or a date: a history entry named the way a person names
a meeting, read back as the baseline an earlier feed file would be.

`last` is the newest snapshot, `previous` the one before it, a date (2025-07-15 or
15/07/2025) the newest snapshot of that day. Anything else names a file; a file whose name
is one of those words is given with its folder (`./last`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import platformdirs

from ..baseline import Baseline, BaselineError, load_baseline
from ..config import APP, Cap, Settings
from ..feed import FeedError
from ..i18n.message import Message
from ..i18n.strings import Phrase
from ..rollup import DEFAULT_DUE_SOON_DAYS, roll_up
from ..sources.gc_policy import load_feed_managed
from .schema import HistoryError
from .source_key import SourceKey
from .store import Entry, HistoryStore, source_name

LAST, PREVIOUS = "last", "previous"
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_VN_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
LISTED = 12  # the entries an error names, newest first


@dataclass(frozen=True, slots=True)
class HistoryRef:
    """A history entry as asked for: `last`, `previous`, or the snapshot of a day."""

    text: str
    day: date | None = None


def history_path(settings: Settings) -> Path:
    """The store's file: `[history] path`, else `history.sqlite3` in the user data folder."""
    if settings.history.path is not None:
        return settings.history.path.expanduser()
    return platformdirs.user_data_path(APP, appauthor=False) / "history.sqlite3"


def source_keys(settings: Settings) -> list[SourceKey]:
    """Each source of the settings as the history knows it: the named ones by name, in
    their order; else the one source, read alone."""
    if settings.sources:
        return [SourceKey(each.name, source_name(each.location)) for each in settings.sources]
    return [SourceKey(None, source_name(settings.source))]


def names_meeting(text: str) -> bool:
    """Whether a --baseline names a recorded meeting, not a file (a date that is none is
    one too: it is refused as a date, never looked for as a file)."""
    try:
        return is_history_ref(text) is not None
    except BaselineError:
        return True


def is_history_ref(text: str) -> HistoryRef | None:
    """The entry `text` names, or None when it names a file. A date that is not one
    (2025-02-30) is refused in one line rather than looked for as a file."""
    word = text.strip()
    if word.lower() in (LAST, PREVIOUS):
        return HistoryRef(word.lower())
    iso, vn = _ISO_DAY.fullmatch(word), _VN_DAY.fullmatch(word)
    if iso is None and vn is None:
        return None
    year, month, day = (
        (int(iso[1]), int(iso[2]), int(iso[3]))
        if iso is not None
        else (int(vn[3]), int(vn[2]), int(vn[1]))  # type: ignore[index]
    )
    try:
        return HistoryRef(word, date(year, month, day))
    except ValueError:
        raise BaselineError(
            Message.of(
                "--baseline: {value} is not a date (yyyy-mm-dd or dd/mm/yyyy)", value=repr(word)
            )
        ) from None


def pick_entry(entries: list[Entry], ref: HistoryRef, path: Path) -> Entry:
    """The entry `ref` names among `entries` (oldest first); BaselineError listing the
    entries there are when none is."""
    if not entries:
        raise BaselineError(
            Message.of(
                "history {file}: no snapshots yet (record one with r57tui snapshot)",
                file=str(path),
            )
        )
    if ref.day is not None:
        of_day = [entry for entry in entries if entry.as_of_date == ref.day]
        if of_day:
            return of_day[-1]
    elif ref.text == LAST:
        return entries[-1]
    elif len(entries) >= 2:
        return entries[-2]
    days = list(dict.fromkeys(entry.as_of_date.isoformat() for entry in reversed(entries)))
    listed: str | Message = ", ".join(days[:LISTED])
    if len(days) > LISTED:
        listed = Message.of("{listed} and {count} more", listed=listed, count=len(days) - LISTED)
    what = (
        Phrase("only one snapshot, none before it")
        if ref.text == PREVIOUS
        else Message.of("no snapshot of {day}", day=ref.text)
    )
    raise BaselineError(
        Message.of(
            "history {file}: {what}; it holds: {listed}", file=str(path), what=what, listed=listed
        )
    )


def entry_baseline(
    store: HistoryStore, entry: Entry, due_soon_days: int = DEFAULT_DUE_SOON_DAYS
) -> Baseline:
    """A snapshot read back as a baseline: its tasks judged against its own `as_of`."""
    try:
        feed = load_feed_managed(store.document(entry))
    except HistoryError as exc:
        raise BaselineError(exc.message) from None
    except FeedError as exc:
        raise BaselineError(
            Message.of("history {file}: {what}", file=str(store.path), what=exc.message)
        ) from None
    return Baseline(feed, roll_up(feed, due_soon_days=due_soon_days), store.path.name)


def baseline_from(
    text: str,
    history: Path,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
    cap: Cap | None = None,
    source: SourceKey | None = None,
) -> Baseline:
    """`--baseline`'s value read: a history entry (of `source`'s history, when given),
    else an earlier feed or snapshot file. BaselineError says which and why not, in one
    line."""
    ref = is_history_ref(text)
    if ref is None:
        return load_baseline(Path(text).expanduser(), due_soon_days, cap)
    store = HistoryStore(history, source)
    try:
        entry = pick_entry(store.entries(), ref, history)
    except HistoryError as exc:
        raise BaselineError(exc.message) from None
    return entry_baseline(store, entry, due_soon_days)
