"""A feed in a local file, re-read only when its modification time or size changes."""

from __future__ import annotations

import asyncio
import gzip
import os
import zlib
from pathlib import Path

from ..i18n.strings import Phrase
from .base import Failed, Source, Unchanged

_GZIP_MAGIC = b"\x1f\x8b"


class FileSource(Source):
    def __init__(self, path: Path, label: str | None = None) -> None:
        super().__init__(label or path.name)
        self.path = path
        self._stamp: tuple[int, int, int] | None = None  # (mtime_ns, size, inode)

    async def _fetch(self) -> bytes | Unchanged | Failed:
        return await asyncio.to_thread(self._read)

    def _read(self) -> bytes | Unchanged | Failed:
        try:
            before = os.stat(self.path)
            stamp = (before.st_mtime_ns, before.st_size, before.st_ino)
            if stamp == self._stamp:
                return Unchanged()
            with open(self.path, "rb") as handle:
                data = handle.read()
            after = os.stat(self.path)
        except FileNotFoundError:
            return self._failed(Phrase("file not found"))
        except IsADirectoryError:
            return self._failed(Phrase("is a folder, not a feed file"))
        except PermissionError:
            return self._failed(Phrase("permission denied: cannot read the file"))
        except OSError as exc:
            return Failed.of(
                "{where}: cannot read the file ({reason})",
                where=self.label,
                reason=exc.strerror or type(exc).__name__,
            )
        if (after.st_mtime_ns, after.st_size, after.st_ino) != stamp or len(data) != before.st_size:
            # Being written or replaced right now: try again at the next poll.
            return self._failed(Phrase("the file changed while it was read; it will be read again"))
        if self.path.suffix == ".gz" or data.startswith(_GZIP_MAGIC):
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError, zlib.error):
                # Not remembered as read: the next poll reads it again and fails again,
                # rather than calling a broken file "unchanged" (which would clear STALE).
                return self._failed(Phrase("not valid gzip (truncated or corrupt)"))
        self._stamp = stamp
        return data

    def _failed(self, what: Phrase) -> Failed:
        return Failed.of("{where}: {what}", where=self.label, what=what)
