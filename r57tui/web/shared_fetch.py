"""`r57tui serve` fetches the feed once for all its dashboards.

Each browser's dashboard used to poll the feed itself: N viewers were N requests to the
feed's server at every refresh. Here the serve process polls the configured source
(headers, CA bundle and cap as configured, the secrets staying in this process) and keeps
what it receives in its private folder (sources/shared.py); each dashboard reads that
folder with a `SharedFileSource` at the same refresh, which costs the feed's server
nothing.

When it fetches:
- while at least one dashboard runs, once per refresh, the next fetch `refresh` seconds
  after the last one ended (as a dashboard schedules its own), so a slow server is never
  piled up on; with nobody watching, not at all;
- before a dashboard starts, when the copy is older than the refresh (or there is none
  yet): the dashboard shows the feed as it is now, not as it was when the last viewer
  left. At refresh 0 (only on demand), opening a dashboard is the demand: a fetch then,
  shared with every dashboard starting while it runs.
One fetch at a time; a dashboard that waited for one in flight takes its result.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time

from ..i18n.message import Message
from ..sources import Failed, Source, Unchanged
from ..sources.shared import SharedFolder

# The server's logger (r57tui/web/server.py): one line on stderr, in the interface language.
log = logging.getLogger("textual-serve")


class SharedFetch:
    """The serve process's fetches of `source`, written to `folder` for the dashboards."""

    def __init__(self, source: Source, folder: SharedFolder, refresh: float, language: str) -> None:
        self.source = source
        self.folder = folder
        self.refresh = refresh
        self.language = language
        self.fetches = 0  # made so far (a dashboard waiting for one in flight takes it)
        self._fetched_at: float | None = None  # when the last fetch ended (monotonic)
        self._digest: bytes | None = None  # of the body in the folder
        self._status: Failed | None = None  # as last written
        self._status_written = False  # (not yet, or to be written again)
        self._said: str | None = None  # the last write failure told, told once
        self._lock = asyncio.Lock()
        self._watched = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Poll in the background (on the server's event loop) while anyone watches."""
        if self.refresh > 0 and self._task is None:
            self._task = asyncio.create_task(self._run(), name="r57tui-shared-fetch")

    def viewers(self, count: int) -> None:
        """How many dashboards run now: polling stops when none does."""
        if count:
            self._watched.set()
        else:
            self._watched.clear()

    async def ready(self) -> None:
        """Before a dashboard starts: a copy as fresh as the refresh asks for."""
        seen = self.fetches
        async with self._lock:
            if self.fetches == seen and self._due():
                await self._fetch()

    def _due(self) -> bool:
        return self._left() <= 0

    def _left(self) -> float:
        """Seconds until the next fetch is due (0 or less: due now)."""
        if self._fetched_at is None or self.refresh == 0:
            return 0.0
        return self._fetched_at + self.refresh - time.monotonic()

    async def _run(self) -> None:
        while True:
            await self._watched.wait()
            left = self._left()
            if left > 0:
                await asyncio.sleep(left)
                continue
            try:
                async with self._lock:
                    if self._due():
                        await self._fetch()
            except Exception as exc:  # a bug (sources answer Failed): said; polling goes on
                error = f"{type(exc).__name__}: {exc}"
                log.error(
                    "%s",
                    Message.of(
                        "fetching the feed for the dashboards failed: {error}", error=error
                    ).text(self.language),
                )
                await asyncio.sleep(self.refresh)

    async def _fetch(self) -> None:
        got = await self.source.fetch()
        self.fetches += 1
        self._fetched_at = time.monotonic()
        failed = got if isinstance(got, Failed) else None
        try:
            if isinstance(got, bytes):
                digest = hashlib.blake2b(got, digest_size=16).digest()
                if digest != self._digest:
                    self._digest = None  # until it is written whole
                    await asyncio.to_thread(self.folder.write_body, got)
                    self._digest = digest
            else:
                assert isinstance(got, Unchanged | Failed)
            if failed != self._status or not self._status_written:
                await asyncio.to_thread(self.folder.write_status, failed)
                self._status, self._status_written = failed, True
            self._said = None
        except OSError as exc:
            self._cannot_write(exc)

    def _cannot_write(self, exc: OSError) -> None:
        what = Message.of(
            "cannot write the dashboards' copy of the feed in {folder}: {reason}",
            folder=str(self.folder.path),
            reason=exc.strerror or type(exc).__name__,
        ).text(self.language)
        if what != self._said:
            log.warning("%s", what)
            self._said = what
        self._status_written = False  # written again at the next fetch
        if self._digest is None:  # the body too: asked for whole, not "unchanged"
            self.source.forget()

    async def stop(self) -> None:
        """No more fetches; the connections closed and the folder removed."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.source.aclose()
        self.folder.remove()
