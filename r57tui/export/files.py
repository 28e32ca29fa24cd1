"""Export files: safe names, complete before they have their name, never over a file.

A name is `r57-<view>-<as-of>-<generated>.<ext>`. The view part may hold an agency id,
which is feed text: it is folded to ASCII letters, digits and dashes, and cut short, so it
can never name a path.

Each file is written whole to a temporary file in the same folder, `.r57-….part` (a
dot file, so a folder listing hides it, and a person who sees one knows what it is), and
flushed to disk; only then does it get its name, by a hard link to a name that is still
free (`link` fails if the name is taken: then `-2`, `-3`, …), and the temporary name is
removed. So a file with an export's name is always complete, even if the process is
killed at any instant, and an existing file is never replaced.

Some file systems have no hard links (FAT on a USB stick, some SMB shares). There the
temporary file is renamed with the system's rename that refuses an existing name
(renameat2 RENAME_NOREPLACE on Linux; rename on Windows never replaces). Where neither
exists, the name is reserved (O_EXCL) only once the file is complete and the temporary
file renamed onto it at once: nothing is ever replaced, and an empty file under the final
name can only be left by a kill between those two calls.

Several files written together (CSV's one file per table, "every table") are all written
to temporary files first, then named; if one fails, the ones already named are removed
again, and any that cannot be (the folder became read-only) are listed in the message.
Files that belong together by name (a screenshot's SVG and its PNG) get names that
differ only in their extension: both `-2` when either name is taken.

A kill leaves its temporary file behind. The next export into the folder removes ours
(`.r57-*.part`) that are older than an hour — a file being written right now by another
export is younger — so a folder of minutes never silently fills with hidden copies.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

from ..i18n.message import Message, MessageError
from ..i18n.search import fold
from ..i18n.strings import Phrase


class ExportError(MessageError):
    """An export could not be written: one line saying where and why."""


TEMP_PREFIX = ".r57-"
TEMP_SUFFIX = ".part"
# Temporary files of ours older than this were left by an export that died.
STALE_SECONDS = 3600
# Errors of a file system without hard links.
_NO_LINKS = {errno.EPERM, errno.EMLINK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS}
_RENAME_NOREPLACE = 1  # linux/fs.h
# Why a write failed, in the export's language (the system says it in English only).
_REASONS = {
    errno.ENOSPC: Phrase("no space left on the disk"),
    errno.EDQUOT: Phrase("the disk quota is used up"),
    errno.EFBIG: Phrase("file too large for this disk or account"),
    errno.EACCES: Phrase("permission denied"),
    errno.EPERM: Phrase("not permitted"),
    errno.EROFS: Phrase("the disk is read-only"),
    errno.ENOTDIR: Phrase("not a folder"),
}


def slug(text: str, limit: int = 48) -> str:
    """`tasks-ĐIỆN BIÊN/../x` -> `tasks-dien-bien-x`: only a-z, 0-9 and single dashes."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return cleaned[:limit].rstrip("-") or "export"


def stamp(value: datetime | date) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y%m%d-%H%M")
    return value.strftime("%Y%m%d")


def file_name(view: str, as_of: datetime | date, generated: datetime, ext: str) -> str:
    return f"r57-{slug(view)}-{stamp(as_of)}-{generated.strftime('%Y%m%d-%H%M%S')}.{ext}"


def _candidate(folder: Path, name: str, n: int) -> Path:
    """The n-th name tried for `name`: `r57-x.csv`, then `r57-x-2.csv`, `r57-x-3.csv`, …"""
    if n == 1:
        return folder / name
    stem, dot, ext = name.rpartition(".")
    return folder / f"{stem}-{n}{dot}{ext}"


def _candidates(folder: Path, name: str) -> Iterator[Path]:
    for n in range(1, 1000):
        yield _candidate(folder, name, n)


def _rename_noreplace(temp: str, target: Path) -> bool:
    """Rename refusing an existing target; False where the system has no such rename."""
    if sys.platform == "win32":
        os.rename(temp, target)  # never replaces on Windows: FileExistsError
        return True
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = getattr(libc, "renameat2", None)
        if renameat2 is not None:
            at_cwd = -100
            done = renameat2(
                at_cwd, os.fsencode(temp), at_cwd, os.fsencode(target), _RENAME_NOREPLACE
            )
            if done == 0:
                return True
            code = ctypes.get_errno()
            if code not in (errno.EINVAL, errno.ENOSYS):
                raise OSError(code, os.strerror(code), str(target))
    return False


def _reserve_and_rename(temp: str, target: Path) -> None:
    """Last resort: an empty reservation, at once replaced by the complete file."""
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    os.close(fd)
    try:
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(target)  # never leave the empty reservation under the name
        raise


def _claim(temp: str, candidate: Path) -> bool:
    """Give the complete temporary file the name `candidate` if it is free: True when
    named, False when the name is taken. Never replaces a file. With hard links the
    temporary name stays beside the new one; without, the file is renamed away from it."""
    try:
        os.link(temp, candidate)
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
    try:
        if not _rename_noreplace(temp, candidate):
            _reserve_and_rename(temp, candidate)
    except FileExistsError:
        return False
    return True


def _release(temp: str, candidate: Path) -> None:
    """Take back a name `_claim` gave: the file goes back to its temporary name."""
    if os.path.lexists(temp):
        candidate.unlink()  # a hard link: the temporary name still holds the file
    else:
        os.replace(candidate, temp)  # renamed: back to its own unique temporary name


def _name(temp: str, folder: Path, name: str) -> Path:
    """Give the complete temporary file the first free name; never replaces a file."""
    for candidate in _candidates(folder, name):
        if _claim(temp, candidate):
            # Named and complete; a temporary name that cannot go now goes as stale later.
            with contextlib.suppress(OSError):
                os.unlink(temp)
            return candidate
    raise ExportError(
        Message.of("{folder}: no free name for {name}", folder=str(folder), name=name)
    )


def _name_together(temps: list[str], folder: Path, names: list[str], named: list[Path]) -> None:
    """Give the files names that differ only in their extension (`r57-screen-….svg` and
    `….png`, or both `-2`): the first round of names free for all of them. A name taken
    in a round gives back the ones this round had claimed. Each file named is added to
    `named` as it is, so a failure half way removes it again."""
    for n in range(1, 1000):
        claimed: list[tuple[str, Path]] = []
        for temp, name in zip(temps, names, strict=True):
            candidate = _candidate(folder, name, n)
            if not _claim(temp, candidate):
                break
            claimed.append((temp, candidate))
            named.append(candidate)
        else:
            for temp in temps:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            temps.clear()
            return
        for temp, candidate in claimed:
            _release(temp, candidate)
            named.remove(candidate)
    raise ExportError(
        Message.of("{folder}: no free name for {name}", folder=str(folder), name=names[0])
    )


def _write_temp(folder: Path, name: str, data: bytes) -> str:
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=TEMP_SUFFIX)
    try:
        os.fchmod(handle, 0o644)  # mkstemp makes it private; an export is for sharing
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def remove_stale_temps(folder: Path, now: float | None = None) -> None:
    """Remove temporary files of ours that an export killed long ago left behind."""
    limit = (time.time() if now is None else now) - STALE_SECONDS
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not (entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX)):
                continue
            with contextlib.suppress(OSError):
                if (
                    entry.is_file(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_mtime < limit
                ):
                    os.unlink(entry.path)


def write_new(folder: Path, name: str, data: bytes) -> Path:
    """Write `data` as a new file in `folder` (created if need be); return its path."""
    [path] = write_all(folder, [(name, data)])
    return path


def write_all(
    folder: Path, files: Sequence[tuple[str, bytes]], *, one_stem: bool = False
) -> list[Path]:
    """Write every (name, data) as a new file in `folder`: all of them, or none.
    `one_stem`: names that differ only in their extension keep that (a screenshot's SVG
    and its PNG), `-2` for all of them if one is taken.

    Raises ExportError (one line); if a file already named could not be removed again,
    the line lists it.
    """
    temps: list[str] = []
    named: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(folder)
        for name, data in files:
            temps.append(_write_temp(folder, name, data))
        if one_stem:
            _name_together(temps, folder, [name for name, _ in files], named)
            return named
        for temp, (name, _) in zip(list(temps), files, strict=True):
            named.append(_name(temp, folder, name))
            temps.remove(temp)
        return named
    except OSError as exc:
        left = _undo(named)
        reason = write_reason(exc)
        if left:
            raise ExportError(
                Message.of(
                    "cannot write to {folder}: {reason};"
                    " written, and could not be removed: {files}",
                    folder=str(folder),
                    reason=reason,
                    files=", ".join(path.name for path in left),
                )
            ) from None
        if len(files) > 1:
            raise ExportError(
                Message.of(
                    "cannot write to {folder}: {reason}; none of the {count} files was written",
                    folder=str(folder),
                    reason=reason,
                    count=len(files),
                )
            ) from None
        raise ExportError(
            Message.of("cannot write to {folder}: {reason}", folder=str(folder), reason=reason)
        ) from None
    except BaseException:
        _undo(named)
        raise
    finally:
        for temp in temps:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def write_reason(exc: OSError) -> str:
    """Why a write failed, in the interface language where the system's errno is known."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__


def _undo(named: list[Path]) -> list[Path]:
    """Remove the files of a failed export; the ones that could not be removed."""
    left = []
    for path in named:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            left.append(path)
    return left
