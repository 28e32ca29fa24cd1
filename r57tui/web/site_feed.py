"""One fetch of the feed for every viewer: the site `publish --serve` serves, kept up to
date by polling the source once per refresh, whatever the number of pages open.

`SiteFeed.run` polls; only a new feed (or the feed failing, or coming back) rebuilds the
site, off the event loop, and only then is the beacon pulsed, so every page waiting on
/events hears of the new version at once. An unchanged feed costs a conditional request
and nothing else. A failure keeps the last good site served, rebuilt once with
`stale=True` so the pages can say their figures may be out of date.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Protocol

from ..feed.loaded import Feed
from ..i18n.message import Message
from ..sources import Failed, NewFeed, Unchanged, Update, WentBack
from .served_pages import ServedSite, prepare
from .site_model import Site, SiteInput, build_site

log = logging.getLogger("r57tui.publish")

KEEPALIVE = 15.0  # seconds between the comments that keep idle event streams open


class Beacon:
    """What every open event stream waits on: one event, set and replaced at each pulse
    (a new version, a keepalive, the end), so hundreds of waiting pages cost one wake-up
    each and no task of their own."""

    def __init__(self) -> None:
        self.generation = 0
        self.closing = False
        self._event = asyncio.Event()

    def pulse(self) -> None:
        event, self._event = self._event, asyncio.Event()
        self.generation += 1
        event.set()

    def close(self) -> None:
        self.closing = True
        self.pulse()

    async def after(self, generation: int) -> None:
        """Return once a pulse later than `generation` has been given."""
        if self.generation == generation:
            await self._event.wait()


class Polled(Protocol):
    """What the site is made from: one source, or several as one (site_sources.py)."""

    async def poll(self) -> Update: ...

    async def aclose(self) -> None: ...


class SiteFeed:
    """The source, polled once per refresh, and the site of its last good feed."""

    def __init__(
        self,
        source: Polled,
        site_input: Callable[[Feed, bool], SiteInput],
        refresh: float,
        language: str,
        clock: Callable[[], float] = time.time,
        build: Callable[[SiteInput], Site] = build_site,
    ) -> None:
        self.source = source
        self.site_input = site_input  # the feed and whether it is stale -> what to build
        self.refresh = refresh
        self.language = language
        self.clock = clock
        self.build = build  # the pages of a feed: build_site, whatever pages it makes
        self.beacon = Beacon()
        self.site: ServedSite | None = None
        self.failure: Failed | WentBack | None = None
        self.polls = 0
        self._feed: Feed | None = None

    @property
    def version(self) -> str:
        return "" if self.site is None else self.site.version

    async def poll_once(self) -> None:
        """One poll; a rebuild only when there is something new to show."""
        self.polls += 1
        update = await self.source.poll()
        if isinstance(update, NewFeed):
            self._feed = update.feed
            if self.failure is not None:
                self._say(Message.of("the feed is read again; the pages show its figures"))
            self.failure = None
            await self._rebuild(stale=False)
        elif isinstance(update, Unchanged):
            if self.failure is not None:  # back, with the bytes it had before
                self._say(Message.of("the feed is read again; the pages show its figures"))
                self.failure = None
                await self._rebuild(stale=False)
        else:
            said, self.failure = self.failure, update
            if said is None or said.message != update.message:  # each new fault, once
                self._say(self._fault(update))
            if said is None and self._feed is not None:
                await self._rebuild(stale=True)

    def _fault(self, update: Failed | WentBack) -> Message:
        reason = update.text(self.language)
        if self._feed is None:
            return Message.of(
                "the feed could not be read; the pages say the figures are not available "
                "yet: {reason}",
                reason=reason,
            )
        return Message.of(
            "the feed could not be read; the last figures stay served, marked as not up "
            "to date: {reason}",
            reason=reason,
        )

    async def _rebuild(self, stale: bool) -> None:
        feed = self._feed
        if feed is None:
            return
        given = self.site_input(feed, stale)
        before = self.site
        built = await asyncio.to_thread(self._build, given, before, stale)
        self.site = built
        if before is None or built.version != before.version:
            self.beacon.pulse()

    def _build(self, given: SiteInput, before: ServedSite | None, stale: bool) -> ServedSite:
        return prepare(self.build(given), self.clock(), before, stale)

    def _say(self, message: Message) -> None:
        log.warning("%s", message.text(self.language))

    async def run(self) -> None:
        """Poll at every refresh (0: only the first poll, already made) until cancelled."""
        if self.refresh <= 0:
            return
        due = time.monotonic() + self.refresh
        while True:
            await asyncio.sleep(max(due - time.monotonic(), 0))
            # The next poll a refresh after this one began, so the pages hear of a change
            # within a refresh; after a poll slower than that, the next at once (never
            # two at once).
            due = max(due + self.refresh, time.monotonic())
            await self.poll_safely()

    async def poll_safely(self) -> None:
        """A poll; one that raises (a page that cannot be built) is one line in the log,
        the site before it stays served, and the next poll comes as planned."""
        try:
            await self.poll_once()
        except Exception as exc:  # the server outlives any one poll
            log.error("%s", Message.of("a poll failed: {reason}", reason=repr(exc)))

    async def keepalive(self) -> None:
        """Pulse every KEEPALIVE seconds, so each open stream writes a comment: proxies
        keep it open, and a viewer gone is noticed."""
        while not self.beacon.closing:
            await asyncio.sleep(KEEPALIVE)
            self.beacon.pulse()

    async def aclose(self) -> None:
        with contextlib.suppress(Exception):
            await self.source.aclose()


__all__ = ["KEEPALIVE", "Beacon", "SiteFeed"]
