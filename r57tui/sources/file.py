"""A feed in a local file, re-read only when its modification time or size changes."""

from __future__ import annotations

import asyncio
from pathlib import Path

from ..config import Cap
from ..i18n.strings import Phrase
from .base import Failed, Source, Unchanged
from .detached import off_loop
from .feed_file import CHANGED_WHILE_READ, FeedFileError, Stamp, Unmoved, read_feed_file

# How long a file that failed as a feed moments after it changed is left before it is read
# again to tell a writer at work from a broken file: long enough for a program writing a
# feed in place to move on, short enough that a broken file is said at once.
SETTLE_SECONDS = 0.1


class FileSource(Source):
    def __init__(self, path: Path, label: str | None = None, cap: Cap | None = None) -> None:
        super().__init__(label or path.name or str(path))
        self.path = path
        self.cap = cap or Cap()
        self._stamp: Stamp | None = None
        # The last read was of a file changed moments before it (no stamp kept for it).
        self._racy = False

    def forget(self) -> None:
        self._stamp = None

    async def _fetch(self) -> bytes | Unchanged | Failed:
        return await off_loop(self._read)

    def _read(self) -> bytes | Unchanged | Failed:
        try:
            got = read_feed_file(self.path, self.cap, unless=self._stamp)
        except FeedFileError as exc:
            # Not remembered as read: the next poll reads it again and fails again,
            # rather than calling a broken file "unchanged" (which would clear STALE).
            return Failed.of("{where}: {what}", where=self.label, what=exc.what)
        if isinstance(got, Unmoved):
            return Unchanged()
        data, self._stamp = got
        self._racy = self._stamp is None
        return data

    async def _unfinished_write(self, got: bytes) -> Phrase | None:
        # A writer rewriting the file in place leaves it half old, half new until it ends,
        # and a read that comes after the change sees no change. So a file changed moments
        # ago that is not a feed is read once more a little later: other bytes then mean
        # it is being written (read again at the next poll); the same bytes are judged.
        if not self._racy:
            return None
        await asyncio.sleep(SETTLE_SECONDS)
        try:
            again = await off_loop(read_feed_file, self.path, self.cap)
        except FeedFileError:
            return CHANGED_WHILE_READ  # gone, or changing under that read too
        return None if isinstance(again, Unmoved) or again[0] == got else CHANGED_WHILE_READ
