"""One fetch shared by many dashboards: `r57tui serve` fetches the feed, its dashboards
read what it fetched.

The serve process owns a private folder (`SharedFolder`, mode 0700) holding two files,
each replaced whole (written under a temporary name, flushed to disk, then renamed), so a
reader sees the old file or the new one, never half of either:

- `feed.json`: the last feed body the serve process received, as received (decompressed);
  replaced only when the body changes, so an idle refresh moves nothing;
- `status.json`: whether its last fetch failed, and why, as a message each dashboard
  renders in its own language.

A dashboard reads them with `SharedFileSource`: a `FileSource` on `feed.json` (so the
stat-and-size change detection and the checks of every feed file hold) under the
original source's label, which answers the serve process's failure while the body has
not moved. A failed fetch leaves `feed.json` as it was: the dashboards keep their last
good figures, marked stale with the upstream's own one-line reason.

Why a status file beside the body rather than a failure written into the body: the body
must stay the last good feed, which the dashboards may not have read yet (one that
starts during an outage shows it, stale); and a message travels as data, not as text of
one language.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..config import Cap
from ..i18n.message import message_from_data, message_to_data
from ..i18n.strings import Phrase
from .base import Failed, Unchanged, Update
from .file import FileSource

BODY = "feed.json"
STATUS = "status.json"
_PREFIX = "r57tui-serve-"


@dataclass(frozen=True, slots=True)
class SharedFolder:
    """The folder one serve process shares its fetches through."""

    path: Path

    @classmethod
    def create(cls) -> SharedFolder:
        """A new private folder (0700, this user only) in the system's temporary folder.
        OSError when none can be made."""
        return cls(Path(tempfile.mkdtemp(prefix=_PREFIX)))

    @property
    def body(self) -> Path:
        return self.path / BODY

    @property
    def status(self) -> Path:
        return self.path / STATUS

    def write_body(self, data: bytes) -> None:
        _replace(self.path, BODY, data)

    def write_status(self, failed: Failed | None) -> None:
        """The last fetch's outcome: None when it succeeded (or brought nothing new)."""
        if failed is None:
            record: dict[str, object] = {"failed": None}
        else:
            what = None if failed.what is None else message_to_data(failed.what)
            record = {"failed": {"message": failed.message, "what": what}}
        _replace(self.path, STATUS, json.dumps(record, ensure_ascii=False).encode())

    def remove(self) -> None:
        """The folder and what it holds; what is already gone is not missed."""
        shutil.rmtree(self.path, ignore_errors=True)


def _replace(folder: Path, name: str, data: bytes) -> None:
    """`folder/name` holds `data` whole, or (OSError) stays as it was."""
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, folder / name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def read_status(path: Path, where: str) -> Failed | None:
    """The failure `write_status` recorded, None when there is none (or no file yet);
    a status that cannot be read is a failure too (said for `where`), so nothing passes
    for fresh."""
    try:
        record = json.loads(path.read_bytes())
        failed = record["failed"]
        if failed is None:
            return None
        what = failed.get("what")
        return Failed(str(failed["message"]), None if what is None else message_from_data(what))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        what = Phrase("the copy of the feed kept by r57tui serve cannot be read")
        return Failed.of("{where}: {what}", where=where, what=what)


class SharedFileSource(FileSource):
    """A dashboard's source under `r57tui serve`: the serve process's copy of the feed,
    shown under the original source's label (a host, not a temporary path)."""

    def __init__(self, folder: Path, label: str, cap: Cap | None = None) -> None:
        super().__init__(folder / BODY, label=label, cap=cap)
        self.folder = folder
        self._upstream: Failed | None = None  # the serve process's last fetch, if failed

    def _read(self) -> bytes | Unchanged | Failed:
        self._upstream = read_status(self.folder / STATUS, self.label)
        if self._upstream is not None and not self.path.exists():
            return self._upstream  # no feed yet: why, rather than "file not found"
        return super()._read()

    async def _poll(self) -> Update:
        update = await super()._poll()
        # A new body is shown even when a later fetch failed (it is the last good one);
        # the failure is said once the body has nothing more to give.
        if isinstance(update, Unchanged) and self._upstream is not None:
            return self._upstream
        return update
