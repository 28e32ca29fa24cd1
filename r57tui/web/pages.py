"""The published site's pages: the overview (index.html) and one page per agency, made
from the same tables as the exports (export/tables.py) and the same charts as the
report (export/report_figures.py), so a page never shows a figure the screen does not.

An agency's page is named from a slug of its id, never the id itself: an id is feed
text ("../x", "A/B", spaces, letters with diacritics) and becomes a path only as
lowercase ASCII letters, digits and "-", with a short hash of the id when anything was
changed or two ids would meet in one name.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace

from ..baseline import Comparison
from ..consolidation import Consolidated
from ..export.report_figures import chart_svgs
from ..export.table_model import TableSpec
from ..export.tables import build_table, changes_table
from ..feed import Feed, TaskState
from ..groups import GROUP_LABELS, GROUP_TITLES
from ..i18n.dates import format_date
from ..i18n.strings import tr
from ..rollup import Rollup
from ..views import Scope, StateFilter
from ..views.at_risk import at_risk_count
from .page_parts import AgencyLink, PageFrame, headline, html_table, text

AGENCY_KEYS = (
    "stt",
    "agency",
    "assigned",
    "completed",
    "percent_completed",
    "on_time",
    "at_risk",
    "overdue",
    "overdue_rate",
    "completed_change",
    "overdue_change",
)
INDICATOR_KEYS = ("stt", "indicator", "value", "unit", "period", "target", "mark", "change")
DUE_SOON_KEYS = ("stt", "id", "title", "agency", "due", "days_left", "progress")
CHANGE_KEYS = ("stt", "change", "id", "title", "agency", "was", "now", "due")
# An agency's tasks, a table per state in the order a meeting asks about them, each with
# the columns that say something in that state.
_TASK_KEYS = ("stt", "id", "title", "due")
_NOTE_KEYS = ("note", "note_date")
AGENCY_STATES = (
    (StateFilter.OVERDUE, "Overdue tasks", (*_TASK_KEYS, "days_overdue", "progress", *_NOTE_KEYS)),
    (StateFilter.ON_TIME, "Tasks on time", (*_TASK_KEYS, "days_left", "progress", *_NOTE_KEYS)),
    (StateFilter.COMPLETED, "Completed tasks", (*_TASK_KEYS, "completed", *_NOTE_KEYS)),
)
# The task states each table of an agency's page holds (completed: late ones too).
_STATE_VALUES = {
    StateFilter.OVERDUE: {TaskState.OVERDUE.value},
    StateFilter.ON_TIME: {TaskState.ON_TIME.value},
    StateFilter.COMPLETED: {TaskState.COMPLETED.value, TaskState.COMPLETED_LATE.value},
}
STATE_FILTER_WORDS = {
    StateFilter.OVERDUE: "overdue",
    StateFilter.ON_TIME: "on time",
    StateFilter.COMPLETED: "completed",
}
_SAFE = re.compile(r"[^a-z0-9]+")
_SLUG_LIMIT = 40


def agency_slugs(ids: Iterable[str]) -> dict[str, str]:
    """Each agency id's page name (without .html), safe as a path and unique."""
    ids = list(ids)
    plain = {agency: _SAFE.sub("-", agency.lower()).strip("-")[:_SLUG_LIMIT] for agency in ids}
    taken: dict[str, int] = {}
    for name in plain.values():
        taken[name] = taken.get(name, 0) + 1
    slugs = {}
    for agency, name in plain.items():
        slug = name
        if not name or name != agency.lower() or taken[name] > 1:
            digest = hashlib.blake2b(agency.encode("utf-8"), digest_size=5).hexdigest()
            slug = f"{name}-{digest}" if name else digest
        slugs[agency] = slug
    return slugs


def task_keys(keys: tuple[str, ...], several: Consolidated | None) -> tuple[str, ...]:
    """A task table's columns; with several sources, each row's source after its number
    (its id is then its own id in that source: two sources may both have T-0001)."""
    return (keys[0], "feed_source", *keys[1:]) if several is not None else keys


def _section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}"><h2>{text(title)}</h2>{body}</section>'


def _charts(feed: Feed, rollup: Rollup, language: str) -> str:
    figures = []
    for caption, svg in chart_svgs(feed, rollup, language):
        # Inline SVG needs no namespace in HTML: the page then names no address at all.
        inline = svg.replace(' xmlns="http://www.w3.org/2000/svg"', "", 1)
        figures.append(
            f'<figure class="chart"><figcaption>{text(caption)}</figcaption>{inline}</figure>'
        )
    return f'<div class="charts">{"".join(figures)}</div>' if figures else ""


def _since(comparison: Comparison | None, scope: Scope, language: str) -> tuple[str, dict] | None:
    if comparison is None:
        return None
    when = format_date(comparison.baseline.feed.as_of_date, language)
    return when, scope.changes(comparison.changes)


def index_page(
    frame: PageFrame,
    feed: Feed,
    rollup: Rollup,
    comparison: Comparison | None,
    slugs: dict[str, str],
    kinds: tuple[str, ...] | None,
    several: Consolidated | None = None,
    sources: str = "",
    source_link: AgencyLink | None = None,
) -> bytes:
    """The overview; with several sources (`several`), the section `sources` (their
    table) after the headline, and a source column in the tasks due soon."""
    lang = frame.language
    everything = Scope.everything()

    def link(agency: str) -> str | None:
        slug = slugs.get(agency)
        return f"agency/{slug}.html" if slug else None

    parts = [
        _section(
            "headline",
            tr("Headline figures", lang),
            headline(
                everything.counts(feed, rollup),
                at_risk_count(everything, feed, rollup),
                lang,
                _since(comparison, everything, lang),
            ),
        )
    ]
    if sources:
        parts.append(sources)
    groups = [key for key in GROUP_TITLES if key != "all"]
    no_agency = tr("No agency in this group", lang)
    tabs = "".join(
        f'<li><a href="#group-{key}">{text(tr(GROUP_LABELS[key], lang))}</a></li>' for key in groups
    )
    tables = [
        f'<nav class="groups" aria-label="{text(tr("Agencies", lang))}"><ul>{tabs}</ul></nav>'
    ]
    for key in groups:
        spec = TableSpec("agencies", group=key, kinds=kinds)
        table = build_table(spec, feed, rollup, lang, comparison)
        tables.append(
            f'<div id="group-{key}">{html_table(table, AGENCY_KEYS, lang, link, no_agency)}</div>'
        )
    parts.append(_section("agencies", tr("Agencies by group", lang), "".join(tables)))
    parts.append(_section("charts", tr("Charts", lang), _charts(feed, rollup, lang)))
    indicators = build_table(TableSpec("indicators"), feed, rollup, lang)
    parts.append(
        _section(
            "indicators",
            tr("Indicators", lang),
            html_table(indicators, INDICATOR_KEYS, lang, caption=False),
        )
    )
    soon = build_table(
        TableSpec("tasks", state=StateFilter.DUE_SOON, consolidated=several), feed, rollup, lang
    )
    parts.append(
        _section(
            "due-soon",
            f"{tr('Due soon', lang)} ({rollup.due_soon_days} {tr('days', lang)})",
            html_table(
                soon,
                task_keys(DUE_SOON_KEYS, several),
                lang,
                link,
                tr("No task is due soon", lang),
                source_link=source_link,
            ),
        )
    )
    if comparison is not None:
        changed = changes_table(feed, comparison, lang)
        parts.append(
            _section(
                "changes",
                tr("Changes since the baseline", lang),
                html_table(changed, CHANGE_KEYS, lang, link, tr("No task changed", lang)),
            )
        )
    return frame.document("", frame.title, "".join(parts))


def agency_page(
    frame: PageFrame,
    feed: Feed,
    rollup: Rollup,
    comparison: Comparison | None,
    agency_id: str,
    several: Consolidated | None = None,
    source_link: AgencyLink | None = None,
) -> bytes:
    """One agency's page: its figures, then its tasks by state with their due dates and
    latest notes (with several sources, and the source of each)."""
    lang = frame.language
    scope = Scope.agency(agency_id)
    name = feed.agency_name(agency_id, lang)
    back = f'<p><a href="../index.html">{text(tr("Back to the overview", lang))}</a></p>'
    parts = [
        back,
        headline(
            scope.counts(feed, rollup),
            at_risk_count(scope, feed, rollup),
            lang,
            _since(comparison, scope, lang),
        ),
    ]
    # One table of all its tasks, most urgent first, split by state: the list a state
    # filter gives, in the same order, for a third of the work on a large feed.
    table = build_table(TableSpec("tasks", scope=scope, consolidated=several), feed, rollup, lang)
    at = table.column("state")
    order = table.title.rpartition(" — ")[2]
    for state, title, keys in AGENCY_STATES:
        shown = replace(
            table,
            title=f"{name}, {tr(STATE_FILTER_WORDS[state], lang)} — {order}",
            rows=[row for row in table.rows if row[at] in _STATE_VALUES[state]],
        )
        parts.append(
            _section(
                state.value,
                tr(title, lang),
                html_table(
                    shown,
                    task_keys(keys, several),
                    lang,
                    empty=tr("No task in this state", lang),
                    source_link=source_link,
                ),
            )
        )
    return frame.document("../", name, "".join(parts))
