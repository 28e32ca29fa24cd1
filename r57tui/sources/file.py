"""A feed in a local file, re-read only when its modification time or size changes."""

from __future__ import annotations

from pathlib import Path

from ..config import Cap
from .base import Failed, Source, Unchanged
from .detached import off_loop
from .feed_file import FeedFileError, Stamp, Unmoved, read_feed_file


class FileSource(Source):
    def __init__(self, path: Path, label: str | None = None, cap: Cap | None = None) -> None:
        super().__init__(label or path.name or str(path))
        self.path = path
        self.cap = cap or Cap()
        self._stamp: Stamp | None = None

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
        return data
