"""Export files: safe names, written atomically, never over an existing file.

A name is `r57-<view>-<as-of>-<generated>.<ext>`. The view part may hold an agency id,
which is feed text: it is folded to ASCII letters, digits and dashes, and cut short, so it
can never name a path. The file is written to a temporary file in the same folder and
renamed onto a name reserved with O_EXCL, so a reader never sees half a file and an
existing file is never replaced (a taken name gets `-2`, `-3`, …).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from datetime import date, datetime
from pathlib import Path

from ..i18n.message import Message, MessageError
from ..i18n.search import fold


class ExportError(MessageError):
    """An export could not be written: one line saying where and why."""


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


def _reserve(folder: Path, name: str) -> Path:
    stem, dot, ext = name.rpartition(".")
    for n in range(1, 1000):
        candidate = folder / (name if n == 1 else f"{stem}-{n}{dot}{ext}")
        try:
            fd = os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            continue
        os.close(fd)
        return candidate
    raise ExportError(
        Message.of("{folder}: no free name for {name}", folder=str(folder), name=name)
    )


def write_new(folder: Path, name: str, data: bytes) -> Path:
    """Write `data` as a new file in `folder` (created if need be); return its path."""
    target: Path | None = None
    temp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = _reserve(folder, name)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".r57-", suffix=".part")
        os.fchmod(handle, 0o644)  # mkstemp makes it private; an export is for sharing
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
        temp = None
        return target
    except OSError as exc:
        if target is not None:
            with contextlib.suppress(OSError):
                target.unlink()
        reason = exc.strerror or type(exc).__name__
        raise ExportError(
            Message.of("cannot write to {folder}: {reason}", folder=str(folder), reason=reason)
        ) from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
