"""The whole site for one feed, by path: what `build_site` returns as pages."""

from __future__ import annotations

import hashlib

from ..baseline import Baseline, compare
from ..i18n.dates import format_as_of
from ..i18n.strings import tr
from ..rollup import roll_up
from ..safety import one_line
from .page_parts import PageFrame
from .pages import agency_page, agency_slugs, index_page
from .site_assets import site_assets
from .site_model import Page, SiteInput


def site_pages(given: SiteInput) -> dict[str, Page]:
    feed, lang = given.feed, given.language
    rollup = roll_up(feed, due_soon_days=given.due_soon_days, at_risk_days=given.at_risk_days)
    comparison = None
    if given.baseline is not None:
        before = roll_up(given.baseline, due_soon_days=given.due_soon_days)
        label = given.baseline_label or tr("the baseline", lang)
        comparison = compare(Baseline(given.baseline, before, label), feed, rollup)
    subtitle = f"{tr('As of', lang)} {format_as_of(feed.as_of, language=lang)}"
    if given.source_label:
        subtitle += f" · {tr('Feed source', lang)}: {one_line(given.source_label, 200)}"
    if comparison is not None:
        when = format_as_of(comparison.baseline.feed.as_of, language=lang)
        subtitle += (
            f" · {tr('Compared with', lang)} {one_line(comparison.baseline.label, 200)}, {when}"
        )
    pages = site_assets()
    assets = pages["assets/site.css"].body + pages["assets/live.js"].body
    frame = PageFrame(
        language=lang,
        title=one_line(feed.title or tr("(untitled feed)", lang), 300),
        subtitle=subtitle,
        live=given.live,
        refresh_seconds=given.refresh_seconds,
        footer=tr("Published by r57tui from the feed; the figures are the dashboard's.", lang),
        assets_version=hashlib.blake2b(assets, digest_size=4).hexdigest(),
        notice=tr(
            "Not up to date: the feed could not be read since; these are the last figures read.",
            lang,
        )
        if given.stale
        else "",
    )
    slugs = agency_slugs(feed.agencies)
    for agency_id, slug in slugs.items():
        body = agency_page(frame, feed, rollup, comparison, agency_id)
        pages[f"agency/{slug}.html"] = Page(body)
    pages["index.html"] = Page(index_page(frame, feed, rollup, comparison, slugs, given.kinds))
    return pages
