"""The loader as it was before it was made faster (issue 25): the oracle that
tests/test_loader_differential.py holds the product's `load_feed` to.

Only what the faster loader changed is copied here, as it was; the rest (the envelope, the
record-by-record validation, the whole-feed rules) is the product's own, unchanged. When a
faster way replaces one of those, its old version is copied here first.
"""

from __future__ import annotations

from r57tui.feed.envelope import decode, envelope_of
from r57tui.feed.keys import parse_checked
from r57tui.feed.loaded import Feed
from r57tui.feed.models import FeedDocument
from r57tui.feed.reuse import Positions
from r57tui.feed.states import settle
from r57tui.feed.validation import DOCUMENT, SECTIONS, utf8, validate_by_record


def load_feed(data: bytes | str) -> Feed:
    """A first load (no previous feed), as `r57tui.feed.loader.load_feed` made it."""
    text, as_written = decode(data)
    written = data if as_written else text
    document = _validate_whole(written)
    if document is None:
        envelope, sections, findings, _ = validate_by_record(text, None)
        return settle(envelope, sections, findings)
    return settle(
        envelope_of(document.__dict__),
        {name: (getattr(document, name), Positions()) for name in SECTIONS},
        [],
    )


def _validate_whole(text: str | bytes) -> FeedDocument | None:
    if b"\\u" in text if isinstance(text, bytes) else "\\u" in text:
        return None
    try:
        return DOCUMENT.validate_python(parse_checked(utf8(text)))
    except ValueError:  # pydantic's ValidationError is a ValueError
        return None
