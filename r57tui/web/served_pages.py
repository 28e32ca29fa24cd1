"""The site as `publish --serve` sends it: each page's bytes, gzipped once per version,
with its validators and caching rules, so a request is a dict look-up and a write.

A page whose bytes did not change keeps its gzip and its Last-Modified from the version
before: a new version costs the pages that changed, and a browser's If-Modified-Since
stays true for the others.
"""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from types import MappingProxyType

from .site_model import Site

# Worth compressing: text of every kind (HTML, CSS, JS, JSON, SVG); fonts and pictures
# are compressed already.
_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
_GZIP_FROM = 256  # bytes: below this, the gzip header costs more than it saves
# HTML and data change with the figures: the browser asks again each time (a 304 when
# nothing moved). The rest (styles, script, font) change only with the program.
REVALIDATE = "no-cache"
LONG = "public, max-age=86400"


@dataclass(frozen=True, slots=True)
class ServedPage:
    body: bytes
    gzipped: bytes | None  # None: not worth compressing
    content_type: str
    etag: str  # of `body`; the gzip variant's is etag_gzip
    modified: int  # whole seconds since the epoch, as Last-Modified says them
    cache_control: str

    @property
    def etag_gzip(self) -> str:
        return self.etag[:-1] + '-gz"'

    @property
    def last_modified(self) -> str:
        return formatdate(self.modified, usegmt=True)


@dataclass(frozen=True, slots=True)
class ServedSite:
    pages: Mapping[str, ServedPage]
    version: str
    stale: bool = False  # the feed failed since: these are the last good figures


def cache_control(path: str, content_type: str) -> str:
    kind = content_type.split(";", maxsplit=1)[0].strip().lower()
    if kind in ("text/html", "application/json") or not path.startswith("assets/"):
        return REVALIDATE
    return LONG


def prepare(
    site: Site, now: float, before: ServedSite | None = None, stale: bool = False
) -> ServedSite:
    """`site` ready to send; what `before` already prepared for the same bytes is kept."""
    pages: dict[str, ServedPage] = {}
    for path, page in site.pages.items():
        etag = page.etag
        old = before.pages.get(path) if before is not None else None
        if old is not None and old.etag == etag and old.content_type == page.content_type:
            pages[path] = old
            continue
        gzipped = None
        if len(page.body) >= _GZIP_FROM and page.content_type.startswith(_COMPRESSIBLE):
            packed = gzip.compress(page.body, compresslevel=6, mtime=0)
            gzipped = packed if len(packed) < len(page.body) else None
        pages[path] = ServedPage(
            body=page.body,
            gzipped=gzipped,
            content_type=page.content_type,
            etag=etag,
            modified=int(now),
            cache_control=cache_control(path, page.content_type),
        )
    return ServedSite(MappingProxyType(pages), site.version, stale)


def page_key(url_path: str) -> str:
    """The key of Site.pages a decoded URL path asks for: `/` is index.html, `/agency/`
    agency/index.html. Whatever it is, it is only ever looked up, never opened."""
    key = url_path.lstrip("/")
    if key == "" or key.endswith("/"):
        key += "index.html"
    return key


def _tags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def not_modified(
    page: ServedPage, if_none_match: str | None, if_modified_since: str | None
) -> bool:
    """True when the browser's copy is this page (RFC 9110: If-None-Match first, and
    If-Modified-Since only without it)."""
    if if_none_match is not None:
        tags = _tags(if_none_match)
        return "*" in tags or page.etag in tags or page.etag_gzip in tags
    if if_modified_since is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError, IndexError):
            return False
        if since.tzinfo is None:
            return False
        return page.modified <= since.timestamp()
    return False


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether Accept-Encoding takes gzip (`gzip;q=0` refuses it)."""
    for item in (accept_encoding or "").split(","):
        name, _, params = item.partition(";")
        if name.strip().lower() in ("gzip", "x-gzip"):
            quality = params.strip().lower()
            return quality.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


__all__ = [
    "ServedPage",
    "ServedSite",
    "accepts_gzip",
    "cache_control",
    "not_modified",
    "page_key",
    "prepare",
]
