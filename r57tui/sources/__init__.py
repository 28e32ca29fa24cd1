"""Where feeds come from: a local file (optionally gzipped) or an HTTP(S) URL."""

from __future__ import annotations

from pathlib import Path

from ..config import Settings, resolve_headers
from ..demo import demo_feed_path
from .base import Failed, NewFeed, Source, Unchanged, Update
from .file import FileSource

DEMO_LABEL = "demo"


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


def open_source(location: str | None, settings: Settings | None = None) -> Source:
    """A source for a path or URL (None: the bundled demo feed).

    Raises ConfigError when a header names an environment variable that is not set.
    """
    settings = settings or Settings()
    if location is None:
        return FileSource(demo_feed_path(), label=DEMO_LABEL, cap=settings.cap)
    if is_url(location):
        from .http import HttpSource  # httpx costs 0.15 s to import: only when needed

        return HttpSource(
            location,
            timeout=settings.http.timeout,
            cap=settings.cap,
            headers=resolve_headers(settings),
            ca_bundle=settings.http.ca_bundle,
        )
    return FileSource(Path(location).expanduser(), cap=settings.cap)


async def fetch_once(location: str | None, settings: Settings) -> tuple[NewFeed | Failed, str]:
    """One poll of a source, closed after: the feed or the failure, and the source's label.

    For the headless commands (`check`, `export`); raises ConfigError like `open_source`.
    """
    source = open_source(location, settings)
    try:
        update = await source.poll()
    finally:
        await source.aclose()
    assert not isinstance(update, Unchanged)  # a first poll always has something
    return update, source.label


__all__ = [
    "DEMO_LABEL",
    "Failed",
    "FileSource",
    "NewFeed",
    "Source",
    "Unchanged",
    "Update",
    "demo_feed_path",
    "fetch_once",
    "is_url",
    "open_source",
]
