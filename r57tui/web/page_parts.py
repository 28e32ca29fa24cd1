"""The pieces every page of the published site is made of: the document around a page,
a table of the exports' `Table` as HTML, the headline's figures.

Every text from the feed goes through `html.escape` (and `clean_text` first, as every
export does: no control or bidi character reaches the page), so a name or a note is
data on the page, never markup; numbers and dates are written as the interface language
writes them (`display_cell`: 1.132, 43%, 15/10/2025).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from ..export.cells import clean_text, display_cell
from ..export.readable import for_readers
from ..export.table_model import NUMERIC_KINDS, Cell, Table
from ..i18n.numbers import format_int, format_percent, signed_int
from ..i18n.strings import tr
from ..rollup import Bucket, Counts

LIVE_MODES = ("sse", "poll", "off")
# An agency's id in a row -> the page of that agency, relative to the page linking.
AgencyLink = Callable[[str], str | None]


def text(value: object) -> str:
    """Feed text as HTML text: printable, escaped (quotes too: safe in an attribute)."""
    return escape(clean_text(value), quote=True)


@dataclass(frozen=True, slots=True)
class PageFrame:
    """What is around every page's <main>: language, title, where the site's root is."""

    language: str
    title: str  # the feed's title, or the words for an untitled feed
    subtitle: str  # as of, source
    live: str  # sse | poll | off: how the page keeps current (assets/live.js)
    refresh_seconds: float
    footer: str
    # A digest of the style sheet and the script, in their addresses: a browser or a web
    # server may keep them long, and a new version is a new address.
    assets_version: str = ""
    # Said under the heading of every page: the figures are the last good ones because
    # the feed could not be read since (publish --serve keeps serving them).
    notice: str = ""

    def document(self, root: str, heading: str, main: str) -> bytes:
        """The whole page; `root` is the way back to the site's root ("" or "../")."""
        live = self.live if self.live in LIVE_MODES else "off"
        refresh = f"{max(self.refresh_seconds, 1.0):g}"
        title = f"{heading} — {self.title}" if heading != self.title else heading
        version = f"?v={escape(self.assets_version)}" if self.assets_version else ""
        notice = f'<p class="stale" role="status">{text(self.notice)}</p>' if self.notice else ""
        return "\n".join(
            [
                "<!DOCTYPE html>",
                f'<html lang="{escape(self.language)}">',
                '<head><meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f'<meta name="r57-live" content="{live}">',
                f'<meta name="r57-refresh" content="{refresh}">',
                f'<meta name="r57-root" content="{root}">',
                f"<title>{text(title)}</title>",
                f'<link rel="stylesheet" href="{root}assets/site.css{version}">',
                f'<script src="{root}assets/live.js{version}" defer></script>',
                "</head><body>",
                f"<header><h1>{text(heading)}</h1><p>{text(self.subtitle)}</p>{notice}</header>",
                f'<main id="main">{main}</main>',
                f"<footer>{text(self.footer)}</footer>",
                "</body></html>",
                "",
            ]
        ).encode("utf-8")


def _classes(key: str, kind: str, value: Cell, table: Table) -> str:
    if kind in NUMERIC_KINDS:
        found = ["n"]
    elif kind == "date":
        found = ["d"]
    elif key in ("id", "agency_id", "period"):
        found = ["id"]
    elif key in ("title", "note", "indicator", "notes"):
        found = ["long"]
    elif key == "agency":
        found = ["name"]
    else:
        found = []
    # A figure to look at, or a source's state (said only when not current).
    flagged = key == table.highlight and isinstance(value, int) and value > 0
    if flagged or (key == "health" and bool(value)):
        found.append("flag")
    return f' class="{" ".join(found)}"' if found else ""


def html_table(
    table: Table,
    keys: Sequence[str],
    language: str,
    link: AgencyLink | None = None,
    empty: str = "",
    caption: bool = True,
    source_link: AgencyLink | None = None,
) -> str:
    """`table` as people read it (numbered, ids in words, one due column), with only the
    columns `keys` (those it has), in a box that scrolls sideways on a narrow screen. The
    `agency` column links to the agency's own page when `link` gives one, the source
    column (several sources) to the source's page when `source_link` does."""
    shown = for_readers(table, language)
    at = {column.key: i for i, column in enumerate(shown.columns)}
    source_at = {column.key: i for i, column in enumerate(table.columns)}
    picked = [key for key in keys if key in at]
    if not table.rows:
        return f'<p class="empty">{text(empty or tr("Nothing to show", language))}</p>'
    # The caption stays outside the box that scrolls, so a phone reads it whole.
    parts = [
        f'<p class="caption">{text(shown.title)}</p>' if caption else "",
        f'<div class="scroll" tabindex="0" role="region" aria-label="{text(shown.title)}">',
        "<table><thead><tr>",
    ]
    for key in picked:
        column = shown.columns[at[key]]
        numeric = ' class="n"' if column.kind in NUMERIC_KINDS else ""
        parts.append(f'<th scope="col"{numeric}>{text(column.header)}</th>')
    parts.append("</tr></thead><tbody>")
    rows = [(row, source) for row, source in zip(shown.rows, table.rows, strict=True)]
    for row, source in rows:
        hrefs: dict[str, str | None] = {}
        agency = source[source_at["agency_id"]] if "agency_id" in source_at else None
        if link is not None and isinstance(agency, str):
            hrefs["agency"] = link(agency)
        named = source[source_at["feed_source"]] if "feed_source" in source_at else None
        if source_link is not None and isinstance(named, str):
            hrefs["feed_source"] = source_link(named)
        parts.append(f"<tr>{_row(shown, row, picked, at, language, hrefs)}</tr>")
    if shown.totals is not None:
        cells = _row(shown, shown.totals, picked, at, language, {})
        parts.append(f'<tr class="total">{cells}</tr>')
    parts.append("</tbody></table></div>")
    return "".join(parts)


def _row(
    table: Table,
    row: tuple[Cell, ...],
    keys: Sequence[str],
    at: dict[str, int],
    language: str,
    hrefs: dict[str, str | None],
) -> str:
    """A row's cells; a cell whose column `hrefs` gives a page links to it."""
    out = []
    for key in keys:
        column = table.columns[at[key]]
        value = row[at[key]]
        shown = display_cell(value, column.kind, language)
        body = "<br>".join(text(line) for line in shown.split("\n"))
        href = hrefs.get(key)
        if href is not None and body:
            body = f'<a href="{text(href)}">{body}</a>'
        out.append(f"<td{_classes(key, column.kind, value, table)}>{body}</td>")
    return "".join(out)


def _figure(kind: str, label: str, value: str, note: str = "") -> str:
    small = f"<small>{text(note)}</small>" if note else ""
    return f'<div class="figure {kind}"><dt>{text(label)}</dt><dd>{text(value)}{small}</dd></div>'


def headline(
    counts: Counts, at_risk: int, language: str, since: tuple[str, dict[Bucket, int]] | None
) -> str:
    """The figures a meeting quotes, as the screen's headline: assigned, completed (of
    which late), on time (of which at risk), overdue; the shares are of assigned."""

    def share(bucket: Bucket) -> str:
        of_assigned = tr("of assigned", language)
        return f"{format_percent(counts.share(bucket).percent(0), 0, language)} {of_assigned}"

    late = f"{tr('of which late', language)}: {format_int(counts.completed_late, language)}"
    risk = f"{tr('of which at risk', language)}: {format_int(at_risk, language)}"
    figures = [
        _figure("assigned", tr("Assigned", language), format_int(counts.assigned, language)),
        _figure(
            "completed",
            tr("Completed", language),
            format_int(counts.completed, language),
            f"{share(Bucket.COMPLETED)}; {late}",
        ),
        _figure(
            "on_time",
            tr("On time", language),
            format_int(counts.on_time, language),
            f"{share(Bucket.ON_TIME)}; {risk}",
        ),
        _figure(
            "overdue",
            tr("Overdue", language),
            format_int(counts.overdue, language),
            share(Bucket.OVERDUE),
        ),
    ]
    parts = [f'<dl class="figures">{"".join(figures)}</dl>']
    if since is not None:
        when, moved = since
        said = ", ".join(
            f"{tr(word, language)} {signed_int(moved.get(bucket, 0), language)}"
            for bucket, word in ((Bucket.COMPLETED, "completed"), (Bucket.OVERDUE, "overdue"))
        )
        parts.append(
            f'<p class="since">{text(tr("Since", language))} {text(when)}: {text(said)}</p>'
        )
    return "".join(parts)
