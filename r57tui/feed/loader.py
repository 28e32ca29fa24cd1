"""Turn the bytes of a feed into a `Feed`, or refuse it with one `FeedError`.

Pure: no I/O, and no say over the interpreter (the app and the commands pause and
freeze the garbage collector around a load: sources/gc_policy.py). The rules are those of
FEED_FORMAT.md, "What a bad feed gets":

* a document that is not JSON, not an object, of another format or an unsupported
  version, or without `as_of`, is refused whole (`FeedError`, one line: where and what;
  envelope.py);
* a record that does not validate is set aside as a `Finding` and the rest loads
  (validation.py);
* a duplicate id keeps the first record; a task naming an unknown agency is kept and
  that agency created (kind `other`); a given `status` that the dates contradict counts
  as given and is reported (states.py);
* a key written twice in one object (see keys.py) refuses the feed outside the records
  and sets the record aside inside one: every load path checks every object it reads.

A clean document is decoded straight into its records (decoding.py); one that decoding
does not take goes the careful way, record by record (validation.py, which imports
pydantic: only a feed with something wrong pays for it). A refresh passes the feed it
replaces, and only its new or changed task records are decoded (refresh.py). A first
load of a big feed may be passed `keys_once`, its keys checked apart by a helper process
(sources/parallel_check.py) while this one decodes; the result is the same.
"""

from __future__ import annotations

from collections.abc import Callable

from .decoding import decode_whole, envelope_of_decoded, trim_owners
from .envelope import as_written, decode, utf8
from .keys import written_twice
from .loaded import Feed
from .models import Document
from .refresh import load_changed
from .reuse import Positions, Reuse
from .states import derive_state, settle

__all__ = ["derive_state", "load_changed", "load_feed"]


def load_feed(
    data: bytes | str,
    previous: Feed | None = None,
    *,
    for_refresh: bool = False,
    keys_once: Callable[[], bool] | None = None,
) -> Feed:
    """Parse and validate a feed document; raise `FeedError` if it is refused whole.

    `previous` is the feed this one replaces, if any: records it already validated are
    not validated again. The result is the same as without it; only the time differs.
    `for_refresh`: keep what the next load needs to reuse this one's records.
    `keys_once`: whether no object of `data` has a key written twice
    (`keys.written_twice`), worked out apart while this load decodes, checks the text and
    makes the feed (a helper process: sources/parallel_check.py); asked once, last. Here
    too only the time differs.
    """
    if previous is not None:
        made = load_changed(data, previous, for_refresh)
        if made is not None:
            return made[0]
    if isinstance(data, bytes) and keys_once is not None:
        # The helper checks the keys while this decodes, checks the text and makes the
        # feed, which is kept only if the helper then finds no key twice.
        document = decode_whole(data)
        if document is not None and as_written(data):
            feed = _decoded(document, data, for_refresh)
            if feed is not None and keys_once():
                return feed
        return _careful(*decode(data), data, for_refresh)
    if isinstance(data, bytes) and as_written(data):
        # Keys first: that parse is let go before the records are made.
        document = None if written_twice(data) else decode_whole(data)
        feed = None if document is None else _decoded(document, data, for_refresh)
        if feed is not None:
            return feed
        # Not as written, a key twice, or something to refuse or set aside: the careful
        # way says what and where.
        return _careful(*decode(data), data, for_refresh)
    text, unchanged = decode(data)
    # Decoded into NFC, or given as text: what decoding takes, once its keys are checked.
    written = data if unchanged else text
    document = decode_whole(written)
    if document is not None and not written_twice(utf8(written)):
        feed = _decoded(document, written, for_refresh)
        if feed is not None:
            return feed
    return _careful(text, unchanged, data, for_refresh)


def _careful(text: str, unchanged: bool, data: bytes | str, for_refresh: bool) -> Feed:
    """The careful way: record by record, each bad one set aside and said why.
    `unchanged`: `text` is `data` as written (`decode`)."""
    from .validation import validate_by_record  # pydantic: only for a feed it must read

    written = data if unchanged else text
    envelope, sections, findings, records = validate_by_record(
        text, written if for_refresh else None
    )
    feed = settle(envelope, sections, findings)
    if for_refresh:
        feed.reuse = Reuse(written, *sections["tasks"], records)
    return feed


def _decoded(document: Document, written: bytes | str, for_refresh: bool) -> Feed | None:
    """The feed a decoded document makes; None when its envelope refuses it."""
    envelope = envelope_of_decoded(document)
    if envelope is None:
        return None
    tasks = document.tasks
    trim_owners(tasks)
    feed = settle(
        envelope,
        {
            "agencies": (document.agencies, Positions()),
            "tasks": (tasks, Positions()),
            "indicators": (document.indicators, Positions()),
        },
        [],
    )
    if for_refresh:
        feed.reuse = Reuse(written, tasks, Positions(), len(tasks))
    return feed
