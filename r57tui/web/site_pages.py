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
from .source_pages import (
    several_notice,
    several_subtitle,
    several_title,
    source_links,
    source_page,
    source_slugs,
    sources_section,
)


def site_pages(given: SiteInput) -> dict[str, Page]:
    feed, lang = given.feed, given.language
    rollup = roll_up(feed, due_soon_days=given.due_soon_days, at_risk_days=given.at_risk_days)
    comparison = None
    if given.baseline is not None:
        before = roll_up(given.baseline, due_soon_days=given.due_soon_days)
        label = given.baseline_label or tr("the baseline", lang)
        comparison = compare(Baseline(given.baseline, before, label), feed, rollup)
    several = given.several
    subtitle = f"{tr('As of', lang)} {format_as_of(feed.as_of, language=lang)}"
    if several is not None:
        subtitle = several_subtitle(several, lang)
    elif given.source_label:
        subtitle += f" · {tr('Feed source', lang)}: {one_line(given.source_label, 200)}"
    if comparison is not None:
        when = format_as_of(comparison.baseline.feed.as_of, language=lang)
        subtitle += (
            f" · {tr('Compared with', lang)} {one_line(comparison.baseline.label, 200)}, {when}"
        )
    pages = site_assets()
    assets = pages["assets/site.css"].body + pages["assets/live.js"].body
    notice = ""
    if given.stale:
        notice = tr(
            "Not up to date: the feed could not be read since; these are the last figures read.",
            lang,
        )
    elif several is not None:
        notice = several_notice(several, given.missing, lang)
    title = feed.title or tr("(untitled feed)", lang)
    if several is not None:
        title = several_title(several, given.missing, lang)
    frame = PageFrame(
        language=lang,
        title=one_line(title, 300),
        subtitle=subtitle,
        live=given.live,
        refresh_seconds=given.refresh_seconds,
        footer=tr("Published by r57tui from the feed; the figures are the dashboard's.", lang),
        assets_version=hashlib.blake2b(assets, digest_size=4).hexdigest(),
        notice=notice,
    )
    named = source_slugs(several) if several is not None else {}
    slugs = agency_slugs(feed.agencies)
    for agency_id, slug in slugs.items():
        body = agency_page(
            frame, feed, rollup, comparison, agency_id, several, source_links(named, "../")
        )
        pages[f"agency/{slug}.html"] = Page(body)
    sources = ""
    if several is not None:
        days = (given.due_soon_days, given.at_risk_days)
        for part in several.parts:
            body = source_page(frame, part, given.kinds, days)
            pages[f"source/{named[part.name]}.html"] = Page(body)
        sources = sources_section(several, rollup, given.missing, named, lang)
    pages["index.html"] = Page(
        index_page(
            frame,
            feed,
            rollup,
            comparison,
            slugs,
            given.kinds,
            several,
            sources,
            source_links(named, ""),
        )
    )
    return pages
