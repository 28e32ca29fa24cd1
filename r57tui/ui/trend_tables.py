"""The trends screen's tables: a scope's figures a row per recorded meeting (the whole
feed's, or one agency's), and the agencies a row each with a sparkline across the
meetings, the value measured from, the last, and the movement between."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from rich.cells import cell_len
from rich.text import Text

from ..i18n.dates import format_date
from ..i18n.numbers import format_decimal, format_int, format_percent
from ..i18n.strings import tr
from ..views.trends import OVERDUE, AgencyTrend, SnapshotRow
from ..views.warning_record import WARNED_COLUMN, WARNED_SHORT
from .indicator_panel import sparkline
from .keyed_table import KeyedTable
from .marks import ThemeColours
from .name_forms import cut

SPARK = 12  # meetings a sparkline shows, the latest
NAME_LEAST = 16


def _signed_points(value: Decimal | None, lang: str, decimals: int = 1) -> str:
    if value is None:
        return ""
    if value == 0:
        return "±0"
    sign = "+" if value > 0 else "−"
    return f"{sign}{format_decimal(abs(value), decimals, lang)}"


def _value(value: Decimal | None, metric: str, lang: str) -> str:
    if value is None:
        return "–"
    if metric == OVERDUE:
        return format_int(int(value), lang)
    return format_percent(value, 1, lang)


class SnapshotTable(KeyedTable):
    """A scope's figures, a row per recorded meeting (keyed by the snapshot's id)."""

    def __init__(self, language: str, colours: ThemeColours, **kwargs: object) -> None:
        lang = language
        super().__init__(
            [
                ("as_of", tr("Meeting as of", lang)),
                ("assigned", tr("Assigned", lang)),
                ("completed", tr("% completed", lang)),
                ("completed_change", "±"),
                ("on_time", tr("On time", lang)),
                ("overdue", tr("Overdue", lang)),
                ("overdue_change", "±"),
            ],
            **kwargs,
        )
        self.language = language
        self.colours = colours

    def show_snapshots(self, rows: Sequence[SnapshotRow], replayed: int | None = None) -> None:
        """The rows, newest first; the meeting on screen (`replayed`, a snapshot's id)
        marked "▶", so the table says which one the dashboard shows."""
        lang, style = self.language, self.colours.style
        shown = []
        for row in reversed(rows):  # the newest first: the meeting people ask about
            counts = row.counts
            overdue_change = row.overdue_change
            better = style("good") if (overdue_change or 0) < 0 else style("bad")
            done_style = style("good") if (row.completed_change or 0) > 0 else ""
            shown.append(
                (
                    str(row.entry.id),
                    (
                        Text(
                            ("▶ " if row.entry.id == replayed else "")
                            + format_date(row.entry.as_of_date, lang),
                            style="bold" if row.entry.id == replayed else "",
                        ),
                        Text(format_int(counts.assigned, lang), justify="right"),
                        Text(format_percent(row.completed_percent, 1, lang), justify="right"),
                        Text(
                            _signed_points(row.completed_change, lang),
                            style=done_style,
                            justify="right",
                        ),
                        Text(format_int(counts.on_time, lang), justify="right"),
                        Text(
                            format_int(counts.overdue, lang),
                            style=style("bad") if counts.overdue else "",
                            justify="right",
                        ),
                        Text(
                            ""
                            if overdue_change is None
                            else _signed_points(Decimal(overdue_change), lang, 0),
                            style=better if overdue_change else "",
                            justify="right",
                        ),
                    ),
                )
            )
        self.show(shown)


class TrendTable(KeyedTable):
    """The agencies, a row each: name, sparkline, the value measured from, the last, and
    the movement between (coloured for the better or the worse)."""

    def __init__(self, language: str, colours: ThemeColours, **kwargs: object) -> None:
        super().__init__([], **kwargs)
        self.language = language
        self.colours = colours
        self.warned_heading = ""  # the warnings column's heading as shown, for the words

    def show_trends(
        self,
        rows: Sequence[AgencyTrend],
        metric: str,
        headings: tuple[str, str],
        width: int,
        sorted_by: tuple[str, str] | None = None,
        warned: Mapping[str, tuple[int, int]] | None = None,
    ) -> None:
        """The rows; with `warned` (an agency's tasks flagged at risk at the recorded
        meetings, and of them those that turned overdue later) a column "3/5" of it, its
        heading shortened when the whole one would squeeze the names."""
        lang, style = self.language, self.colours.style
        figure = 10
        # The longest name shown, as far as the width allows: a wide screen keeps the
        # figures near the names they belong to.
        longest = max((cell_len(row.agency.display_name(lang)) for row in rows), default=0)
        # As many cells as meetings drawn (up to SPARK), and the heading's width.
        meetings = max((len(row.values) for row in rows), default=0)
        spark = max(cell_len(tr("Trend", lang)), min(SPARK, meetings))
        room = width - spark - 3 * figure - 2 * 5 - 2
        warned_heading = ""
        if warned is not None:
            warned_heading = tr(WARNED_COLUMN, lang)
            if room - cell_len(warned_heading) - 2 < NAME_LEAST:
                warned_heading = tr(WARNED_SHORT, lang)
            room -= cell_len(warned_heading) + 2
        self.warned_heading = warned_heading
        name_width = max(NAME_LEAST, min(room, max(longest, cell_len(tr("Agency", lang)))))
        labels = {
            "agency": tr("Agency", lang),
            "trend": tr("Trend", lang),
            "first": headings[0],
            "last": headings[1],
            "movement": tr("Change", lang),
        }
        if warned is not None:
            labels["warned"] = warned_heading
        if sorted_by is not None and sorted_by[0] in labels:
            labels[sorted_by[0]] += f" {sorted_by[1]}"
        self.set_columns(
            list(labels.items()),
            widths={"agency": name_width, "trend": spark, "first": figure, "last": figure},
        )
        shown = []
        for row in rows:
            series = tuple(float(v) for v in row.values if v is not None)
            improved = row.improvement
            move_style = "" if not improved else style("good") if improved > 0 else style("bad")
            decimals = 0 if metric == OVERDUE else 1
            cells: tuple[Text, ...] = (
                Text(cut(row.agency.display_name(lang), name_width)),
                Text(sparkline(series, SPARK), style=style("trend")),
                Text(_value(row.first, metric, lang), justify="right"),
                Text(_value(row.last, metric, lang), justify="right"),
                Text(
                    _signed_points(row.movement, lang, decimals),
                    style=move_style,
                    justify="right",
                ),
            )
            if warned is not None:
                cells += (_warned_cell(warned.get(row.agency.id), lang),)
            shown.append((row.agency.id, cells))
        self.show(shown)


def _warned_cell(tally: tuple[int, int] | None, lang: str) -> Text:
    """Of the tasks flagged at risk, those that turned overdue later: "3/5"; "–" when
    none was flagged."""
    if tally is None:
        return Text("–", justify="right")
    flagged, overdue = tally
    return Text(f"{format_int(overdue, lang)}/{format_int(flagged, lang)}", justify="right")
