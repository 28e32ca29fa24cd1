"""The published site written to a folder so that a reader never sees half of it.

Each file is written whole to a temporary file beside it and renamed over the old one
(a rename replaces a name at once: a web server reading it has the old file or the new,
never a mix). The files go in an order that keeps every link whole: the assets first,
then the agencies' pages, the index last, and pages no longer in the site are removed
only after the index that stopped linking them. A file whose bytes are unchanged is not
written at all, so its date and a web server's ETag stay and browsers keep their copy.

Why not a symbolic link switched to a new folder: that needs the versions beside DIR
(outside it) and a web server that follows the link; file by file, DIR stays an ordinary
folder that nginx, a CDN's upload or rsync take as it is, and nothing outside it is
touched. Every file is opened relative to DIR's own descriptor with O_NOFOLLOW, so a
symbolic link placed in DIR is refused, never followed out (DIR itself may be a link:
the folder named is the person's choice).

What this run wrote is listed in DIR/.r57-site, so the next run removes only files it
wrote itself, never another file a person put in the folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..export.files import remove_stale_temps, write_reason
from ..i18n.message import Message, MessageError
from .site_model import Page

MANIFEST = ".r57-site"
_PART = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}")
_NOFOLLOW = os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_IN_THE_WAY = {errno.ELOOP, errno.EISDIR, errno.ENOTDIR, errno.EEXIST}


class PublishError(MessageError):
    """The site could not be written: one line saying where and why."""


def _parts(path: str) -> tuple[str, ...]:
    parts = tuple(path.split("/"))
    if not 1 <= len(parts) <= 2 or not all(_PART.fullmatch(part) for part in parts):
        raise PublishError(Message.of("not a page's name: {path}", path=repr(path)))
    return parts


def _order(pages: Mapping[str, Page]) -> list[str]:
    """Assets, then agency pages, then the index: what a page links to is there first."""
    return sorted(
        pages,
        key=lambda path: (path.startswith("index.html"), not path.startswith("assets/"), path),
    )


class _Folder:
    """DIR and its subfolders, each opened once without following a symbolic link."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.fds: dict[str, int] = {}

    def __enter__(self) -> _Folder:
        with contextlib.suppress(FileExistsError):
            self.root.mkdir(parents=True)
        # DIR itself is the person's choice, a link or not; what is inside is not followed.
        self.fds[""] = self._open_dir(str(self.root), None, str(self.root), follow=True)
        return self

    def __exit__(self, *_: object) -> None:
        for fd in self.fds.values():
            os.close(fd)

    def _open_dir(self, name: str, parent: int | None, shown: str, follow: bool = False) -> int:
        flags = os.O_RDONLY | os.O_DIRECTORY | (0 if follow else _NOFOLLOW)
        try:
            return os.open(name, flags, dir_fd=parent)
        except OSError as exc:
            if exc.errno in _IN_THE_WAY:
                raise in_the_way(shown) from None
            raise

    def of(self, sub: str, create: bool) -> int | None:
        if sub not in self.fds:
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(sub, 0o755, dir_fd=self.fds[""])
            elif not _exists(sub, self.fds[""]):
                return None
            self.fds[sub] = self._open_dir(sub, self.fds[""], str(self.root / sub))
        return self.fds[sub]


def in_the_way(where: str) -> PublishError:
    return PublishError(
        Message.of("{path}: a file, folder or link is in the way; move it", path=where)
    )


def _exists(name: str, fd: int) -> bool:
    try:
        os.stat(name, dir_fd=fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


def _same(name: str, fd: int, body: bytes) -> bool:
    try:
        handle = os.open(name, os.O_RDONLY | _NOFOLLOW, dir_fd=fd)
    except OSError:
        return False  # absent, or a link or folder: written over (the rename says which)
    with os.fdopen(handle, "rb") as existing:
        return existing.read(len(body) + 1) == body


def _write(name: str, fd: int, body: bytes) -> None:
    temp = f".r57-{name}.{secrets.token_hex(4)}.part"
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644, dir_fd=fd)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, name, src_dir_fd=fd, dst_dir_fd=fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=fd)
        raise


def _listed(fd: int) -> Iterator[str]:
    try:
        handle = os.open(MANIFEST, os.O_RDONLY | _NOFOLLOW, dir_fd=fd)
    except OSError:
        return
    with os.fdopen(handle, "rb") as listing:
        for line in listing.read(1_000_000).decode("utf-8", "replace").splitlines():
            with contextlib.suppress(PublishError):
                _parts(line)
                yield line


def write_site(folder: Path, pages: Mapping[str, Page]) -> list[str]:
    """Write the site into `folder`; the paths written (none when nothing changed).
    Raises PublishError (one line) when the folder cannot take it."""
    for path in pages:
        _parts(path)
    written: list[str] = []
    current = str(folder)
    try:
        with _Folder(folder) as dirs:
            for path in _order(pages):
                *sub, name = _parts(path)
                current = str(folder / path)
                fd = dirs.of(sub[0] if sub else "", create=True)
                assert fd is not None
                if _same(name, fd, pages[path].body):
                    continue
                _write(name, fd, pages[path].body)
                written.append(path)
            for path in sorted(set(_listed(dirs.fds[""])) - set(pages)):
                *sub, name = _parts(path)
                current = str(folder / path)
                fd = dirs.of(sub[0] if sub else "", create=False)
                if fd is not None:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(name, dir_fd=fd)
                written.append(path)
            # What a run killed mid-write left, once it is old (as the exports do); only
            # in the folders opened above, which are DIR's own, not links.
            for opened in dirs.fds:
                remove_stale_temps(folder / opened if opened else folder)
            listing = "".join(f"{path}\n" for path in sorted(pages)).encode()
            if not _same(MANIFEST, dirs.fds[""], listing):
                _write(MANIFEST, dirs.fds[""], listing)
    except OSError as exc:
        if exc.errno in _IN_THE_WAY:
            raise in_the_way(current) from None
        raise PublishError(
            Message.of(
                "cannot write to {folder}: {reason}", folder=str(folder), reason=write_reason(exc)
            )
        ) from None
    return written
