"""The report's charts as pictures: the most overdue agencies, and each agency group's
tasks by state, each with its caption in the interface language, as PNG at print
resolution (Word places a PNG in every version; an SVG only in recent ones).

`chart_svgs` gives the same charts as SVG, for a page that shows them inline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..feed import Feed
from ..i18n.dates import format_date
from ..i18n.numbers import format_percent
from ..i18n.strings import tr
from ..rollup import Bucket, Rollup
from ..views.words import STATE_COLOURS
from .chart_data import by_group, most_overdue
from .png import svg_to_png
from .svg_charts import ranked_bars, share_axis, stacked_shares, trend_line

WIDTH_MM = 160.0  # the text width of an A4 portrait page with the decree's margins
DPI = 180  # sharp in print; a chart of flat colours stays a small file
_MM_PER_INCH = 25.4


@dataclass(frozen=True)
class ReportFigure:
    caption: str
    png: bytes
    width_mm: float


def chart_svgs(feed: Feed, rollup: Rollup, language: str) -> tuple[tuple[str, str], ...]:
    """(caption, SVG) of each chart that has something to show: no chart of the most
    overdue when no task is overdue, none by group when no agency has a task."""
    charts = []
    worst = most_overdue(feed, rollup, language)
    if worst:
        caption = tr("Agencies with the most overdue tasks", language)
        bars = [(row.label, row.counts.overdue) for row in worst]
        charts.append((caption, ranked_bars(caption, bars, language, STATE_COLOURS["overdue"])))
    groups = by_group(feed, rollup, language)
    if any(row.counts.assigned for row in groups):
        caption = tr("Share of tasks by state, by agency group", language)
        charts.append((caption, stacked_shares(caption, groups, language)))
    return tuple(charts)


def trend_svg(
    trend: Sequence[tuple[date, Decimal]], rollup: Rollup, language: str
) -> tuple[str, str] | None:
    """(caption, SVG) of the whole feed's share completed at each recorded meeting, the
    figures in the report last when they are later than the last meeting recorded; None
    with fewer than two points."""
    points = list(trend)
    now = rollup.total.share(Bucket.COMPLETED).percent(1)
    if now is not None and (not points or rollup.as_of > points[-1][0]):
        points.append((rollup.as_of, now))
    if len(points) < 2:
        return None
    caption = tr("Share of tasks completed, meeting by meeting", language)
    drawn = [
        (format_date(day, language), float(share), format_percent(share, 1, language))
        for day, share in points
    ]
    ticks = [
        (tick, format_percent(Decimal(tick), 0, language))
        for tick in share_axis([value for _, value, _ in drawn])
    ]
    return caption, trend_line(caption, drawn, ticks)


def report_figures(
    feed: Feed,
    rollup: Rollup,
    language: str,
    trend: Sequence[tuple[date, Decimal]] = (),
) -> tuple[ReportFigure, ...]:
    """The charts as PNG, WIDTH_MM wide at DPI, and the trend over the recorded meetings
    when there is one. Blocks while they are drawn (in a child process: see png.py);
    raises ExportError (one line) if one cannot be."""
    pixels = round(WIDTH_MM / _MM_PER_INCH * DPI)
    charts = list(chart_svgs(feed, rollup, language))
    over_time = trend_svg(trend, rollup, language)
    if over_time is not None:
        charts.append(over_time)
    return tuple(
        ReportFigure(caption, svg_to_png(svg, pixels), WIDTH_MM) for caption, svg in charts
    )
