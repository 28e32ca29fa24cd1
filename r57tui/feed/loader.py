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

A refresh passes the feed it replaces, and only its new or changed task records are
validated (refresh.py). A first load of a big feed may be passed `clean`, the text and
keys checked apart by a helper process (sources/parallel_check.py): the bytes are then
validated straight from JSON, and the result is the same.
"""

from __future__ import annotations

from collections.abc import Callable

from .envelope import decode, envelope_of
from .loaded import Feed
from .models import FeedDocument
from .refresh import load_changed
from .reuse import Positions, Reuse
from .states import derive_state, settle
from .validation import SECTIONS, validate_by_record, validate_json_whole, validate_whole

__all__ = ["derive_state", "load_changed", "load_feed"]


def load_feed(
    data: bytes | str,
    previous: Feed | None = None,
    *,
    for_refresh: bool = False,
    clean: Callable[[], bool] | None = None,
) -> Feed:
    """Parse and validate a feed document; raise `FeedError` if it is refused whole.

    `previous` is the feed this one replaces, if any: records it already validated are
    not validated again. The result is the same as without it; only the time differs.
    `for_refresh`: keep what the next load needs to reuse this one's records.
    `clean`: whether `data` is taken as written and has no key written twice
    (`envelope.clean`), worked out apart while this load validates (a helper process:
    sources/parallel_check.py); asked once. Here too only the time differs.
    """
    if previous is not None:
        made = load_changed(data, previous, for_refresh)
        if made is not None:
            return made[0]
    document, tried = None, False
    if clean is not None and isinstance(data, bytes):
        document, tried = validate_json_whole(data), True
        if document is not None:
            if clean():
                return _made_whole(document, data, for_refresh)
            # Not as written, or a key twice: the usual way says what and where.
            document, tried = None, False
    text, as_written = decode(data)
    # Bytes as written spare pydantic (and the next refresh's split) an encoding to UTF-8.
    written = data if as_written else text
    # A document pydantic refused straight from JSON goes record by record: it says why.
    document = None if tried else validate_whole(written)
    if document is None:
        envelope, sections, findings, records = validate_by_record(
            text, written if for_refresh else None
        )
        feed = settle(envelope, sections, findings)
        if for_refresh:
            feed.reuse = Reuse(written, *sections["tasks"], records)
        return feed
    return _made_whole(document, written, for_refresh)


def _made_whole(document: FeedDocument, written: bytes | str, for_refresh: bool) -> Feed:
    feed = settle(
        envelope_of(document.__dict__),
        {name: (getattr(document, name), Positions()) for name in SECTIONS},
        [],
    )
    if for_refresh:
        tasks = document.tasks
        feed.reuse = Reuse(written, tasks, Positions(), len(tasks))
    return feed
