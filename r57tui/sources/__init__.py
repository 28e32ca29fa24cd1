"""Where feeds come from: a local file (optionally gzipped) or an HTTP(S) URL.

A source is built from plain values (a path or an address, a size cap, a timeout,
headers); which source the settings name is decided in the commands layer
(r57tui/commands/sources.py). `HttpSource` is in `.http`, imported only when an address
is polled: file feeds never pay for httpx.
"""

from __future__ import annotations

from .base import Failed, NewFeed, Source, Unchanged, Update, WentBack
from .file import FileSource

__all__ = [
    "Failed",
    "FileSource",
    "NewFeed",
    "Source",
    "Unchanged",
    "Update",
    "WentBack",
]
