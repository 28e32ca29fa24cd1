"""The published web view as data: every page and asset of the site, by path.

`build_site` makes the whole site from one feed; `r57tui publish --out` writes it to a
folder and `publish --serve` serves it from memory (ETag = the page's digest). The pages
are made in site_pages.py (web/pages.py, web/page_parts.py, web/site_assets.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from ..consolidation import Consolidated
from ..feed.loaded import Feed


@dataclass(frozen=True, slots=True)
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"

    @property
    def etag(self) -> str:
        return '"' + hashlib.blake2b(self.body, digest_size=12).hexdigest() + '"'


@dataclass(frozen=True, slots=True)
class SiteInput:
    """What the site shows: the feed, in which language, compared with what."""

    feed: Feed
    language: str = "vi"
    baseline: Feed | None = None
    at_risk_days: int = 30
    due_soon_days: int = 14
    refresh_seconds: float = 30.0  # how often the pages look for new figures
    source_label: str = ""
    # How an open page keeps current: "sse" (publish --serve), "poll" (a static site: it
    # asks again every refresh with its ETag) or "off".
    live: str = "poll"
    baseline_label: str = ""  # the baseline's file name or history entry, as shown
    # The agency kinds shown at all (the config's show_kinds); None: every kind.
    kinds: tuple[str, ...] | None = None
    # The feed could not be read since these figures: the pages say they may be out of
    # date (publish --serve keeps serving the last good site).
    stale: bool = False
    # Several sources added up (issue 24): `feed` is then `consolidated.feed`, and the
    # site gains the sources table, a source column in the task tables and a page per
    # source. None, or one part: the site of one feed, as before.
    consolidated: Consolidated | None = None
    # Sources that have given no feed yet (their fetch failed): named, not added up.
    missing: tuple[str, ...] = ()

    @property
    def several(self) -> Consolidated | None:
        """The sources added up, when there are more than one (or one, with others
        that could not be read yet)."""
        parts = self.consolidated
        if parts is None or (len(parts.parts) < 2 and not self.missing):
            return None
        return parts


@dataclass(frozen=True, slots=True)
class Site:
    # "index.html", "agency/DIEN-BIEN.html", "assets/site.css", ...: relative, "/"-separated.
    pages: Mapping[str, Page] = field(default_factory=lambda: MappingProxyType({}))
    # Changes exactly when some page changes: what a waiting browser is told.
    version: str = ""
    as_of: date | None = None


def site_version(pages: Mapping[str, Page]) -> str:
    digest = hashlib.blake2b(digest_size=12)
    for path in sorted(pages):
        digest.update(path.encode())
        digest.update(pages[path].body)
    return digest.hexdigest()


def build_site(given: SiteInput) -> Site:
    """Every page of the site: the overview, one page per agency, and the assets."""
    from .site_pages import site_pages  # the pages import the exports: only when built

    pages = MappingProxyType(site_pages(given))
    return Site(pages=pages, version=site_version(pages), as_of=given.feed.as_of_date)


__all__ = ["Page", "Site", "SiteInput", "build_site", "site_version"]
