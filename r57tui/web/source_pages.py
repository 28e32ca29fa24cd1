"""The published site of several sources added up (issue 24): the sources table on the
overview, the words every page says of them, and one page per source.

The sources table is the export's (export/sources_table.py): each source's own counts
as of its own date, how many of its tasks are counted in another source (`same_as`),
and the consolidated totals, so the rows less those counted elsewhere add up to the
totals. A source's page is that source's own feed rolled up on its own: its headline
and its agencies, as its own secretariat's dashboard shows them. A source's name is
feed-side text and becomes a path only as a slug (pages.agency_slugs).
"""

from __future__ import annotations

from dataclasses import replace

from ..consolidation import Consolidated, SourceFeed
from ..export.sources_table import sources_table
from ..export.table_model import Column, TableSpec
from ..export.tables import build_table
from ..i18n.dates import format_as_of
from ..i18n.message import Message
from ..i18n.numbers import format_int
from ..i18n.strings import tr
from ..rollup import Rollup, roll_up
from ..safety import one_line
from ..views import Scope
from ..views.at_risk import at_risk_count
from .page_parts import AgencyLink, PageFrame, headline, html_table, text
from .pages import AGENCY_KEYS, agency_slugs

SOURCE_KEYS = (
    "stt",
    "feed_source",
    "health",
    "as_of",
    "assigned",
    "completed",
    "completed_late",
    "on_time",
    "overdue",
    "percent_completed",
    "counted_elsewhere",
)


def source_slugs(consolidated: Consolidated) -> dict[str, str]:
    """Each source's page name (without .html), safe as a path and unique."""
    return agency_slugs(part.name for part in consolidated.parts)


def source_links(slugs: dict[str, str], root: str) -> AgencyLink:
    """A source's name -> its page, from a page `root` away from the site's root."""

    def link(name: str) -> str | None:
        slug = slugs.get(name)
        return f"{root}source/{slug}.html" if slug else None

    return link


def _names(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(one_line(name, 80) for name in names)


def several_title(consolidated: Consolidated, missing: tuple[str, ...], lang: str) -> str:
    names = [part.name for part in consolidated.parts] + list(missing)
    return Message.of("Consolidated: {names}", names=_names(names)).text(lang)


def several_subtitle(consolidated: Consolidated, lang: str) -> str:
    """The as-of of the figures: the one date, or each source's when they differ."""
    if not consolidated.mixed_dates:
        return f"{tr('As of', lang)} {format_as_of(consolidated.feed.as_of, language=lang)}"
    dates = "; ".join(
        f"{one_line(name, 80)} {format_as_of(as_of, language=lang)}"
        for name, as_of in consolidated.as_of_by_source.items()
    )
    return Message.of("Figures of different dates: {dates}", dates=dates).text(lang)


def several_notice(consolidated: Consolidated, missing: tuple[str, ...], lang: str) -> str:
    """What every page says under its heading when a part of the figures is not current:
    the sources whose last good figures are added up, and those not added up at all."""
    said = []
    stale = consolidated.stale_parts
    if stale:
        said.append(
            Message.of(
                "Not up to date: {names} could not be read since; the figures added up "
                "are the last read from it.",
                names=_names(stale),
            ).text(lang)
        )
    if missing:
        said.append(
            Message.of("Not added up (could not be read): {names}", names=_names(missing)).text(
                lang
            )
        )
    return " ".join(said)


def sources_section(
    consolidated: Consolidated,
    rollup: Rollup,
    missing: tuple[str, ...],
    slugs: dict[str, str],
    lang: str,
) -> str:
    """The overview's sources: each one's figures and state, the totals, and a sentence
    for what a figure added up hides (different dates, tasks counted once)."""
    table = sources_table(consolidated, rollup, lang)
    stale = set(consolidated.stale_parts)
    if stale:  # which figures are the last good ones, on their row
        at = table.column("feed_source")
        table = replace(
            table,
            columns=(*table.columns, Column("health", tr("State", lang))),
            rows=[(*row, tr("stale", lang) if row[at] in stale else "") for row in table.rows],
            totals=None if table.totals is None else (*table.totals, ""),
        )
    said = []
    if consolidated.mixed_dates:
        said.append(
            tr("The sources' as-of dates differ: the figures added up are of different days.", lang)
        )
    if consolidated.duplicates:
        said.append(
            Message.of(
                "{count} tasks counted once, as the same task in another source",
                count=format_int(len(consolidated.duplicates), lang),
            ).text(lang)
        )
    # Stale and missing sources are said under every page's heading (several_notice).
    sentences = "".join(f"<p>{text(line)}</p>" for line in said)
    body = html_table(table, SOURCE_KEYS, lang, caption=False, source_link=source_links(slugs, ""))
    return f'<section id="sources"><h2>{text(tr("Sources", lang))}</h2>{sentences}{body}</section>'


def source_page(
    frame: PageFrame,
    part: SourceFeed,
    kinds: tuple[str, ...] | None,
    days: tuple[int, int],
) -> bytes:
    """One source's page: its own feed's headline and agencies, as of its own date."""
    lang = frame.language
    feed = part.feed
    due_soon, at_risk = days
    rollup = roll_up(feed, due_soon_days=due_soon, at_risk_days=at_risk)
    everything = Scope.everything()
    subtitle = f"{tr('As of', lang)} {format_as_of(feed.as_of, language=lang)}"
    if feed.title:
        subtitle = f"{one_line(feed.title, 300)} · {subtitle}"
    stale = "Not up to date: the feed could not be read since; these are the last figures read."
    own = replace(
        frame,
        subtitle=subtitle,
        notice=tr(stale, lang) if part.stale else "",
    )
    back = f'<p><a href="../index.html">{text(tr("Back to the overview", lang))}</a></p>'
    agencies = build_table(TableSpec("agencies", kinds=kinds), feed, rollup, lang)
    main = "".join(
        [
            back,
            f'<section id="headline"><h2>{text(tr("Headline figures", lang))}</h2>',
            headline(
                everything.counts(feed, rollup), at_risk_count(everything, feed, rollup), lang, None
            ),
            "</section>",
            f'<section id="agencies"><h2>{text(tr("Agencies", lang))}</h2>',
            html_table(agencies, AGENCY_KEYS, lang, empty=tr("No agency in this group", lang)),
            "</section>",
        ]
    )
    name = Message.of("Source {name}", name=one_line(part.name, 80)).text(lang)
    return own.document("../", name, main)


__all__ = [
    "SOURCE_KEYS",
    "several_notice",
    "several_subtitle",
    "several_title",
    "source_links",
    "source_page",
    "source_slugs",
    "sources_section",
]
