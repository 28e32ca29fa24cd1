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
validated (refresh.py).
"""

from __future__ import annotations

from .envelope import decode, envelope_of
from .loaded import Feed
from .refresh import load_changed
from .reuse import Positions, Reuse
from .states import derive_state, settle
from .validation import SECTIONS, KeysTwice, validate_by_record, validate_whole

__all__ = ["derive_state", "load_changed", "load_feed"]


def load_feed(
    data: bytes | str,
    previous: Feed | None = None,
    *,
    for_refresh: bool = False,
    twice: KeysTwice | None = None,
) -> Feed:
    """Parse and validate a feed document; raise `FeedError` if it is refused whole.

    `previous` is the feed this one replaces, if any: records it already validated are
    not validated again. The result is the same as without it; only the time differs.
    `for_refresh`: keep what the next load needs to reuse this one's records.
    `twice`: whether `data` has a key written twice (`keys.written_twice`), worked out
    beside this load; the result is the same as without it, only the time differs.
    """
    if previous is not None:
        made = load_changed(data, previous, for_refresh)
        if made is not None:
            return made[0]
    text, as_written = decode(data)
    # Bytes as written spare pydantic (and the next refresh's split) an encoding to UTF-8.
    written = data if as_written else text
    # The answer is about `data` as given: of no use once the text differs from it.
    document = validate_whole(written, twice) if twice and as_written else validate_whole(written)
    if document is None:
        envelope, sections, findings, records = validate_by_record(
            text, written if for_refresh else None
        )
        feed = settle(envelope, sections, findings)
        if for_refresh:
            feed.reuse = Reuse(written, *sections["tasks"], records)
        return feed
    feed = settle(
        envelope_of(document.__dict__),
        {name: (getattr(document, name), Positions()) for name in SECTIONS},
        [],
    )
    if for_refresh:
        tasks = document.tasks
        feed.reuse = Reuse(written, tasks, Positions(), len(tasks))
    return feed
