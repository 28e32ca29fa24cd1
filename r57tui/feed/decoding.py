"""A clean feed decoded straight from its text into its records, in one pass in C
(msgspec), with every constraint of the contract checked on the way.

This is the way most feeds load, and the reason a national feed loads at the speed of a
database engine: no tree of Python objects is made and then validated, as a parse and
pydantic did. It says nothing of what is wrong: whatever it refuses (a bad record, a
date written another way, an escape, anything) is loaded the careful way, record by
record (validation.py), which sets each bad record aside and says why. So it may refuse
more than the contract does, never less, and what it accepts it makes exactly as the
careful way would; tests/test_loader_differential.py holds every load to the loader
that had only the careful way.

What decoding does not see, the loader checks apart before a decoded feed is taken: the
text is UTF-8 as written, without a byte-order mark, and in NFC (`envelope.as_written`),
and no object has a key written twice (`keys.written_twice`: in this process, or in a
helper process on the other core, sources/parallel_check.py).
"""

from __future__ import annotations

import msgspec

from .envelope import Envelope, envelope_of
from .loaded import FeedError
from .models import Document, Task

_DECODER = msgspec.json.Decoder(Document)

# What pydantic trims from an owner (contract.py): Unicode's White_Space, as Rust's
# `str::trim` knows it. Python's `str.strip()` would trim four separators more.
_WHITE_SPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def decode_whole(text: bytes | str) -> Document | None:
    """The document decoded into its records, or None when it is not a feed decoding
    takes as it is (the careful way then loads it, and says why if it must)."""
    if b"\\u" in text if isinstance(text, bytes) else "\\u" in text:
        # An escaped character is seen only once decoded: NFC must then be applied to the
        # decoded text, and the careful way does that.
        return None
    try:
        return _DECODER.decode(text)
    except (msgspec.MsgspecError, RecursionError, ValueError):
        return None


def envelope_of_decoded(document: Document) -> Envelope | None:
    """The envelope of a decoded document; None when it has something to refuse (the
    careful way says what, and which of several things first)."""
    try:
        return envelope_of(
            {
                "format": document.format,
                "version": document.version,
                "as_of": document.as_of,
                "title": document.title,
                "feed_id": document.feed_id,
            }
        )
    except FeedError:
        return None


def trim_owners(tasks: list[Task]) -> None:
    """Each task's owner trimmed, and a blank one made None, in place: what pydantic does
    on the careful way (`contract.Owner`)."""
    trim, space = msgspec.structs.replace, _WHITE_SPACE
    for index, task in enumerate(tasks):
        owner = task.owner
        if owner is not None and (not owner or owner[0] in space or owner[-1] in space):
            tasks[index] = trim(task, owner=owner.strip(space) or None)
