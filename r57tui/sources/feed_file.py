"""Reading a feed file safely: only a regular file, never more than the cap.

One function for every file that is read as a feed — the source (`FileSource`) and a
baseline (`baseline.load_baseline`) — so both refuse the same things the same way:

- a named pipe, a device, a socket or a folder (also behind a symlink) is refused at
  once, without blocking: it is looked at (stat) before it is opened, opened with
  O_NONBLOCK and O_NOCTTY, and looked at again through the open descriptor, so a file
  swapped for a pipe in between is refused too. Reading a pipe blocks until a writer
  comes; /dev/zero never ends; /dev/tty would steal the dashboard's keys;
- no more than `max_bytes` is read, and a gzip file is decompressed in steps that stop
  one byte past `max_bytes`: a small file that expands to gigabytes never fills memory.
"""

from __future__ import annotations

import os
import stat
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..config import Cap
from ..i18n.message import Message, MessageError
from ..i18n.strings import Phrase

GZIP_MAGIC = b"\x1f\x8b"
_STEP = 1024 * 1024  # decompressed bytes made at a time
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_KINDS = (
    (stat.S_ISDIR, "is a folder, not a feed file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a feed file"),
    (stat.S_ISCHR, "is a device, not a feed file"),
    (stat.S_ISBLK, "is a device, not a feed file"),
    (stat.S_ISSOCK, "is a socket, not a feed file"),
)

Stamp = tuple[int, int, int]  # (mtime_ns, size, inode): a file re-read only when it moves
# A file written this recently may have been written again within the same tick of the
# filesystem's clock (a few milliseconds), which leaves its stamp as it was: such a file
# is read twice and compared, and its stamp is not trusted to say "unmoved" next time
# (the source's digest still spares an unchanged feed its check).
RACY_NS = 2_000_000_000
CHANGED_WHILE_READ = Phrase("the file changed while it was read; it will be read again")


class FeedFileError(MessageError):
    """Why a feed file was not read; `what` says it without the file's name, for the
    caller to put after its own ("feed.json: …", "baseline feed.json: …")."""

    def __init__(self, what: Phrase | Message, *, retry: bool = False) -> None:
        self.what = what
        # The file was caught being written: reading it again later may succeed.
        self.retry = retry
        super().__init__(what if isinstance(what, Message) else Message(str(what)))


@dataclass(frozen=True, slots=True)
class Unmoved:
    """The file has the stamp it had when last read: nothing was read."""


def read_feed_file(
    path: Path, cap: Cap, unless: Stamp | None = None
) -> tuple[bytes, Stamp | None] | Unmoved:
    """The file's bytes, decompressed when it is gzip, and its stamp (None when it was
    written too recently to be trusted); or Unmoved when its stamp is `unless`.
    FeedFileError for anything that is not a readable feed file."""
    try:
        looked = os.stat(path)
        _refuse_other_kinds(looked)
        if unless is not None and _stamp(looked) == unless:
            return Unmoved()  # an idle refresh opens nothing
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _error(exc) from None
    try:
        before = os.fstat(fd)
        _refuse_other_kinds(before)
        stamp = _stamp(before)
        if before.st_size > cap.max_bytes:
            raise FeedFileError(too_big(cap))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            # One byte more than the size: a file growing while it is read is seen below.
            data = handle.read(before.st_size + 1)
        racy = time.time_ns() - before.st_mtime_ns < RACY_NS
        again = os.pread(fd, before.st_size + 1, 0) if racy else data
        after = os.fstat(fd)
    except OSError as exc:
        raise _error(exc) from None
    finally:
        os.close(fd)
    if _stamp(after) != stamp or len(data) != before.st_size or again != data:
        raise FeedFileError(CHANGED_WHILE_READ, retry=True)
    if path.suffix == ".gz" or data.startswith(GZIP_MAGIC):
        data = gunzip(data, cap)
    return data, (None if racy else stamp)


def gunzip(data: bytes, cap: Cap) -> bytes:
    """Every gzip member of `data`, decompressed; refused past the cap without making more
    than one byte past it, and refused when cut short or corrupt."""
    out = bytearray()
    rest = data
    try:
        while True:
            inflate = zlib.decompressobj(wbits=31)
            pending = rest
            while True:
                # In steps: one call making all up to the cap would hold it twice.
                made = inflate.decompress(pending, min(_STEP, cap.max_bytes + 1 - len(out)))
                out += made
                if len(out) > cap.max_bytes:
                    raise FeedFileError(too_big(cap, compressed=True))
                pending = inflate.unconsumed_tail
                # A full step with no input left may still have output held inside zlib.
                if inflate.eof or (not pending and len(made) < _STEP):
                    break
            if not inflate.eof:
                raise FeedFileError(Phrase("not valid gzip (truncated or corrupt)"))
            rest = inflate.unused_data
            if not rest:
                return bytes(out)
            if not rest.startswith(GZIP_MAGIC):  # what `gzip.decompress` refuses too
                raise FeedFileError(Phrase("not valid gzip (truncated or corrupt)"))
    except zlib.error:
        raise FeedFileError(Phrase("not valid gzip (truncated or corrupt)")) from None


def _stamp(status: os.stat_result) -> Stamp:
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def _refuse_other_kinds(status: os.stat_result) -> None:
    if stat.S_ISREG(status.st_mode):
        return
    for test, what in _KINDS:
        if test(status.st_mode):
            raise FeedFileError(Phrase(what))
    raise FeedFileError(Phrase("is not a regular file, not a feed file"))


def _error(exc: OSError) -> FeedFileError:
    if isinstance(exc, FileNotFoundError):
        return FeedFileError(Phrase("file not found"))
    if isinstance(exc, IsADirectoryError):
        return FeedFileError(Phrase("is a folder, not a feed file"))
    if isinstance(exc, PermissionError):
        return FeedFileError(Phrase("permission denied: cannot read the file"))
    return FeedFileError(
        Message.of("cannot read the file ({reason})", reason=exc.strerror or type(exc).__name__)
    )


def too_big(cap: Cap, *, compressed: bool = False) -> Message:
    """What a feed over the cap gets: the cap, and the key to raise."""
    template = (
        "the feed is larger than the cap of {size} once decompressed ({key})"
        if compressed
        else "the feed is larger than the cap of {size} ({key})"
    )
    return Message.of(template, size=mib(cap.max_bytes), key=cap.key)


def mib(size: int) -> str:
    """64 MiB, 0.5 MiB: a cap as the config's reader thinks of it."""
    return f"{size / (1024 * 1024):g} MiB"
