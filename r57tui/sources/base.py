"""What every source gives its caller: a new feed, "unchanged", a one-line failure, or
"went back" (a feed older than the last one it gave).

A source fetches bytes (`_fetch`); this base turns them into a `Feed` off the event
loop, and answers "unchanged" without parsing when the bytes are the ones it parsed
last. The caller keeps its last good feed whatever happens here.
"""

from __future__ import annotations

import asyncio
import hashlib
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from ..feed import Feed, FeedError
from ..feed.as_of import beside, earlier
from ..i18n.message import Message
from ..i18n.strings import Phrase
from .detached import off_loop
from .gc_policy import load_feed_managed


@dataclass(frozen=True, slots=True)
class NewFeed:
    feed: Feed
    size: int  # bytes parsed


@dataclass(frozen=True, slots=True)
class Unchanged:
    """The source has nothing new: no parse was done."""


@dataclass(frozen=True, slots=True)
class Failed:
    """The source or its feed failed; `message` is one line that says where and what.

    `message` is English (logs, `check`, tests); `text(language)` is the same line in an
    interface language, from `what` (see `i18n.message`).
    """

    message: str
    what: Message | None = None

    @classmethod
    def of(cls, template: str, **params: object) -> Failed:
        what = Message.of(template, **params)
        return cls(str(what), what)

    def text(self, language: str) -> str:
        return self.message if self.what is None else self.what.text(language)


@dataclass(frozen=True, slots=True)
class WentBack:
    """The source answered with a feed whose `as_of` is earlier than the last feed it gave
    (a restarted server, a stale cache or mirror). That feed is not given: the newer one
    stays (FEED_FORMAT, "A feed older than the one on screen"). The source is live again
    once it gives an `as_of` at least as late as `kept`.
    """

    where: str  # the source's label
    as_of: datetime | date  # of the feed it went back to
    kept: datetime | date  # of the feed that stays

    @property
    def to(self) -> datetime | date:
        """`as_of` as it reads beside `kept` (in its offset)."""
        return beside(self.as_of, self.kept)

    @property
    def what(self) -> Message:
        return Message.of(
            "{where} went back to {to}; the figures as of {kept} stay on screen",
            where=self.where,
            to=self.to,
            kept=self.kept,
        )

    @property
    def message(self) -> str:
        return str(self.what)

    def text(self, language: str) -> str:
        return self.what.text(language)


Update = NewFeed | Unchanged | Failed | WentBack


def size_text(size: int) -> str:
    """`26.5 MB`, `840 kB`, `312 B`."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} kB"
    return f"{size} B"


class Source(ABC):
    """A place a feed comes from. `poll()` never raises for a bad source or feed."""

    def __init__(self, label: str) -> None:
        self.label = label  # what the status line shows: a file name or a host
        self._digest: bytes | None = None  # of the bytes behind the current answer
        # The answer for those bytes when it was not a new feed (failed, or went back):
        # the same bytes again, or a 304 for them, get the same answer.
        self._failure: Failed | WentBack | None = None
        # The last feed given: the next load reuses what it validated (load_feed), and a
        # feed older than it is not given (WentBack).
        self._feed: Feed | None = None
        # What a poll under way is doing, for the status line ("checking 26 MB…").
        self.activity: Message | None = None
        # Called on the event loop when `activity` changes (the app redraws its status).
        self.on_activity: Callable[[], None] | None = None

    @abstractmethod
    async def _fetch(self) -> bytes | Unchanged | Failed:
        """The feed's bytes, decompressed; or Unchanged; or Failed."""

    async def _unfinished_write(self, got: bytes) -> Phrase | None:
        """What to say when `got`, just fetched and not a valid feed, proves to be a
        writer's unfinished work (so the feed is changing, not broken); else None."""
        return None

    async def read_once(self) -> bytes | Failed:
        """The feed's bytes as read, not checked: for a command that keeps them as they
        came (`r57tui snapshot --keep-feed`) and loads them itself."""
        got = await self._fetch()
        assert not isinstance(got, Unchanged)  # a first fetch has nothing to compare with
        return got

    async def fetch(self) -> bytes | Unchanged | Failed:
        """The feed's bytes as they came, not parsed; Unchanged when the source says nothing
        moved since the last fetch: for a process that hands them on to others that parse
        them (`r57tui serve`'s dashboards, sources/shared.py)."""
        return await self._fetch()

    def forget(self) -> None:  # noqa: B027 (a source that keeps nothing forgets nothing)
        """The next fetch brings the whole feed, not Unchanged: for a caller that lost what
        it received (`r57tui serve`, whose copy could not be written)."""

    async def poll(self) -> Update:
        """Fetch, and parse only what is new."""
        self.activity = Message.of("reading the feed…")
        try:
            return await self._poll()
        finally:
            self.activity = None

    async def _poll(self) -> Update:
        got = await self._fetch()
        if not isinstance(got, bytes):
            return got if isinstance(got, Failed) or self._failure is None else self._failure
        digesting: asyncio.Future[bytes] | None = None
        if self._digest is None:
            # Nothing to compare with: the digest is made beside the load, in a thread of
            # its own (hashlib lets go of the interpreter), not before it.
            digesting = asyncio.ensure_future(off_loop(_digest_of, got))
        else:
            # A big feed's digest in a thread: the event loop keeps answering keys meanwhile.
            big = len(got) > 1_000_000
            digest = await off_loop(_digest_of, got) if big else _digest_of(got)
            if digest == self._digest:
                return self._failure or Unchanged()
            self._digest = digest
        self.activity = Message.of("checking {size} of figures…", size=size_text(len(got)))
        if self.on_activity is not None:
            self.on_activity()
            if len(got) > 4_000_000 and self._feed is None:
                # A first check takes seconds and holds the interpreter: let the status
                # line be drawn first, so the room sees what is happening.
                await asyncio.sleep(0.05)
        try:
            # A daemon thread: `q` during a long check does not wait for it (detached.py).
            # The collector is paused during the load and a big feed frozen (gc_policy.py).
            feed = await off_loop(load_feed_managed, got, self._feed, for_refresh=True)
        except FeedError as exc:
            if digesting is not None:
                self._digest = await digesting
            unfinished = await self._unfinished_write(got)
            if unfinished is not None:
                # Bytes a writer may not have finished (a file rewritten in place moments
                # ago): not remembered, so the next poll reads and judges them again.
                self._digest = None
                return Failed.of("{where}: {what}", where=self.label, what=unfinished)
            self._failure = Failed.of("{where}: {what}", where=self.label, what=exc.message)
            return self._failure
        except BaseException:  # cancelled (the app quitting): the digest is not waited for
            if digesting is not None:
                digesting.cancel()
            raise
        if digesting is not None:
            self._digest = await digesting
        if self._feed is not None and earlier(feed.as_of, self._feed.as_of):
            self._failure = WentBack(self.label, feed.as_of, self._feed.as_of)
            return self._failure
        self._failure = None
        self._feed = feed
        return NewFeed(feed, len(got))

    async def aclose(self) -> None:  # noqa: B027 (most sources hold nothing to release)
        """Release connections; the source may not be used after this."""


def _digest_of(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()
