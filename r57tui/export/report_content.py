"""What the Word report says, as plain blocks: the header of Decree 30/2020/NĐ-CP, the
lead paragraph, the indicators against their targets, the agency groups, the overdue
tasks with their reasons, the tasks due soon, the figures and the appendices.

Every figure comes from the roll-up and every table from `build_table`, the views the
screen and the other exports use, so the report and the screen cannot disagree. Pure: the
Word file is drawn from these blocks by docx_format.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..baseline import Comparison
from ..feed import AgencyKind, Feed, Indicator
from ..groups import GROUP_TITLES, GROUPS
from ..i18n.dates import format_as_of, format_date, format_due, long_date
from ..i18n.message import Message
from ..i18n.numbers import format_int, format_percent
from ..i18n.strings import tr
from ..rollup import Bucket, Counts, Rollup
from ..views import Scope, StateFilter, scope_title
from ..views.deck import most_overdue, scope_indicators
from ..views.indicators import amount, judgement, target_text
from ..views.shown import empty_reason
from .cells import display_cell
from .limits import Fitter
from .readable import for_readers
from .report_figures import ReportFigure
from .report_model import (
    Appendix,
    Block,
    Grid,
    GridColumn,
    GridRow,
    Heading,
    Para,
    Picture,
    Report,
)
from .report_text import NAME_CHARS, clean, cut, issuer_of, lead_paragraph, since_paragraph
from .table_model import Cell, Column, Table, TableSpec
from .tables import build_table
from .titles import view_title


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What the report is of: the figures, its scope and the tables asked for."""

    feed: Feed
    rollup: Rollup
    scope: Scope
    language: str
    day: date  # the date written under the motto (the day it is made)
    comparison: Comparison | None = None
    appendices: tuple[TableSpec, ...] = ()
    figures: tuple[ReportFigure, ...] = ()
    issuer: str | None = None  # [export] issuer; None: from the feed's title
    fitter: Fitter | None = None  # cuts a cell's text to the limit, and notes where
    kinds: tuple[str, ...] = tuple(kind.value for kind in AgencyKind)


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
# The columns of each appendix table, by the built table's column keys.
APPENDIX_COLUMNS = {
    "agencies": ("stt", "agency", "kind", "assigned", "completed", "completed_late",
                 "on_time", "overdue", "percent_completed", "overdue_rate",
                 "completed_change", "overdue_change"),
    "owners": ("stt", "owner", "assigned", "completed", "completed_late", "on_time",
               "overdue", "percent_completed", "overdue_rate", "completed_change",
               "overdue_change"),
    "tasks": ("stt", "id", "title", "agency", "state", "due", "days_overdue", "days_left",
              "progress", "note", "note_date", "notes"),
    "changes": ("stt", "change", "id", "title", "agency", "was", "now", "due", "note"),
}  # fmt: skip
# Text columns share the width the fixed ones leave: a title or a note more than a state.
WEIGHTS = {"title": 5.0, "note": 4.5, "notes": 4.5, "agency": 2.6, "owner": 2.6, "indicator": 3.5,
           "reason": 4.0, "id": 1.1, "kind": 1.9, "state": 1.3, "change": 1.4, "was": 1.3,
           "now": 1.3}  # fmt: skip
# Fixed widths in millimetres, by column key or kind: a date (25/07/2025) or a figure on
# one line at 12 pt, with the cell's margins; "STT" whole.
STT_MM, FIGURE_MM, DATE_MM = 13.0, 17.5, 25.0
FIXED_MM = {"id": 21.0, "state": 24.0, "was": 24.0, "now": 24.0, "ordinal": STT_MM,
            "int": FIGURE_MM, "percent": FIGURE_MM, "change": FIGURE_MM, "number": 22.0,
            "date": DATE_MM, "due": DATE_MM}  # fmt: skip


def grid_of(
    table: Table,
    keys: Sequence[str],
    language: str,
    fitter: Fitter | None = None,
    where: str = "",
) -> Grid:
    """The table's columns of `keys` (those it has), numbered, in words, as the screen
    writes each cell; its totals row last."""
    readable = for_readers(table, language)
    at = {column.key: i for i, column in enumerate(readable.columns)}
    picked = [readable.columns[at[key]] for key in keys if key in at]
    columns = tuple(
        GridColumn(
            clean(column.header),
            column.kind not in ("text", "date", "lines"),
            WEIGHTS.get(column.key, 2.0),
            FIXED_MM.get(column.key, FIXED_MM.get(column.kind)),
        )
        for column in picked
    )
    record = at.get("id")
    rows = []
    number = tr("No.", language)
    for n, row in enumerate(readable.rows, start=1):
        # "Appendix I, No. 3 (T-0815)": the table and its row, as the row is numbered.
        fit = _Fit(fitter, f"{where}, {number} {n}", str(row[record]) if record is not None else "")
        rows.append(GridRow(_cells(row, picked, at, language, fit)))
    if readable.totals is not None:
        rows.append(GridRow(_cells(readable.totals, picked, at, language), "total"))
    return Grid(columns, tuple(rows))


@dataclass(frozen=True, slots=True)
class _Fit:
    """Where a row's text is cut to the cell limit, if it must be: its table and row."""

    fitter: Fitter | None
    where: str
    record: str

    def __call__(self, text: str, column: str) -> str:
        if self.fitter is None:
            return text
        return self.fitter.fit(text, self.where, column, self.record)


def _cells(
    row: Sequence[Cell],
    picked: list[Column],
    at: dict[str, int],
    lang: str,
    fit: _Fit | None = None,
) -> tuple[str, ...]:
    """Each cell as the screen writes it; feed text with its control characters left out
    (a document has no use for the screen's visible marks of them), cut to the cell limit
    with the other formats' marker if it is longer."""
    fit = fit or _Fit(None, "", "")
    cells = []
    for column in picked:
        value = row[at[column.key]]
        if column.key == "due" and isinstance(value, str):
            cells.append(clean(format_due(value, lang)))
        elif isinstance(value, str) and column.kind == "lines":
            # All of a task's notes (--notes all): one dated line each, kept as lines.
            lines = (clean(line) for line in value.split("\n"))
            cells.append(fit("\n".join(line for line in lines if line), column.header))
        elif isinstance(value, str):
            cells.append(fit(clean(value), column.header))
        else:
            cells.append(display_cell(value, column.kind, lang))
    return tuple(cells)


def build_report(request: ReportRequest) -> Report:
    lang = request.language
    feed, scope = request.feed, request.scope
    body = _body(request)
    subject = Message.of(
        "On the progress of the tasks as of {date}", date=format_date(feed.as_of_date, lang)
    ).text(lang)
    if scope.kind != "all":
        subject += f" — {cut(clean(scope_title(scope, feed, lang)), NAME_CHARS)}"
    appendices = tuple(_appendices(request))
    return Report(
        language=lang,
        issuer=request.issuer.strip() if request.issuer else issuer_of(feed.title, lang),
        number=tr("No.: …/BC-…", lang),
        nation=tr("SOCIALIST REPUBLIC OF VIET NAM", lang),
        motto=tr("Independence - Freedom - Happiness", lang),
        place_date=f"…, {long_date(request.day, lang)}",
        kind=tr("REPORT", lang),
        subject=subject,
        body=body,
        recipients=(
            tr("Recipients:", lang),
            tr("- As above;", lang),
            "- …;",
            tr("- Archived: …", lang),
        ),
        signature=(
            tr("AUTHORITY AND POSITION OF THE SIGNER", lang),
            tr("(Signature and seal)", lang),
            "",
            "",
            tr("Full name", lang),
        ),
        appendices=appendices,
    )


def _body(request: ReportRequest) -> tuple[Block, ...]:
    lang = request.language
    feed, rollup, scope = request.feed, request.rollup, request.scope
    counts = scope.counts(feed, rollup)
    blocks: list[Block] = []
    heads = iter(ROMAN)

    def heading(text: str) -> None:
        blocks.append(Heading(f"{next(heads)}. {tr(text, lang)}"))

    heading("Results of the tasks")
    source = Message.of(
        "Figures of {feed}, as of {when}.",
        feed=cut(clean(feed.title or tr("(untitled feed)", lang)), NAME_CHARS),
        when=format_as_of(feed.as_of, language=lang),
    )
    blocks.append(Para(source.text(lang)))
    blocks.append(Para(lead_paragraph(counts, lang)))
    if request.comparison is not None:
        base = request.comparison.baseline
        before = scope.counts(base.feed, base.rollup)
        blocks.append(Para(since_paragraph(before, counts, base.feed.as_of_date, lang)))
    for n, figure in enumerate(request.figures, start=1):
        caption = f"{tr('Figure', lang)} {n}. {clean(figure.caption)}"
        blocks.append(Picture(figure.png, figure.width_mm, caption))
    indicators = scope_indicators(feed, scope)
    if indicators:
        heading("Indicators against their targets")
        blocks.append(_indicator_grid(indicators, lang))
    if scope.kind == "all":
        heading("By agency group")
        blocks.append(_group_grid(feed, rollup, lang))
    heading(OVERDUE_HEADING)
    blocks.extend(_overdue(request))
    heading("Tasks due soon")
    blocks.extend(_due_soon(request))
    # A report ends as reports end: "Trên đây là báo cáo …./." (the decree's end mark).
    end = Message.of(
        "This concludes the report on the progress of the tasks as of {date}.",
        date=format_date(feed.as_of_date, lang),
    )
    blocks.append(Para(end.text(lang)))
    return tuple(blocks)


def _indicator_grid(indicators: Sequence[Indicator], lang: str) -> Grid:
    columns = (
        GridColumn(tr("No.", lang), True, mm=STT_MM),
        GridColumn(tr("Indicator", lang), False, WEIGHTS["indicator"]),
        GridColumn(tr("Value", lang), True, mm=24),
        GridColumn(tr("Target", lang), True, mm=24),
        GridColumn(tr("Against target", lang), False, mm=22),
        GridColumn(tr("Assessment", lang), False, WEIGHTS["reason"]),
    )
    rows = []
    for n, item in enumerate(indicators, start=1):
        said = judgement(item, lang)
        rows.append(
            GridRow(
                (
                    str(n),
                    clean(item.display_name(lang)),
                    clean(amount(item.value, item, lang)),
                    clean(target_text(item, lang)),
                    said.word,
                    clean(said.reason),
                )
            )
        )
    return Grid(columns, tuple(rows))


def counts_columns(lang: str) -> tuple[GridColumn, ...]:
    return tuple(
        GridColumn(tr(header, lang), True, mm=FIGURE_MM)
        for header in (
            "Assigned",
            "Completed",
            "Of which late",
            "On time",
            "Overdue",
            "% completed",
        )
    )


def counts_cells(counts: Counts, lang: str) -> tuple[str, ...]:
    return (
        format_int(counts.assigned, lang),
        format_int(counts.completed, lang),
        format_int(counts.completed_late, lang),
        format_int(counts.on_time, lang),
        format_int(counts.overdue, lang),
        format_percent(counts.share(Bucket.COMPLETED).percent(0), 0, lang),
    )


def _group_grid(feed: Feed, rollup: Rollup, lang: str) -> Grid:
    """The agency groups of the main screen's tabs, each with its figures, and the total."""
    columns = (
        GridColumn(tr("No.", lang), True, mm=STT_MM),
        GridColumn(tr("Agency group", lang), False),
        *counts_columns(lang),
    )
    rows = []
    total = Counts()
    for n, group in enumerate((g for g in GROUPS if g.kinds is not None), start=1):
        counts = Scope.group(group.key).counts(feed, rollup)
        total += counts
        rows.append(GridRow((str(n), tr(group.title, lang), *counts_cells(counts, lang))))
    rows.append(GridRow(("", tr("Total", lang), *counts_cells(total, lang)), "total"))
    return Grid(columns, tuple(rows))


OVERDUE_HEADING = "Overdue tasks and their reasons"
OVERDUE_KEYS = ("stt", "title", "due", "days_overdue", "note")
OVERDUE_KEYS_WITH_AGENCY = ("stt", "title", "agency", "due", "days_overdue", "note")


def _overdue(request: ReportRequest) -> list[Block]:
    """The overdue tasks with their latest note (the reason), by agency: most overdue
    first, each agency a row across the table, the tasks numbered on."""
    lang = request.language
    feed, rollup, scope = request.feed, request.rollup, request.scope
    if not scope.counts(feed, rollup).overdue:
        subject = _subject(scope, feed, lang)
        return [Para(empty_reason(subject, lang, state=StateFilter.OVERDUE) + ".")]
    if scope.kind not in ("all", "group"):
        keys = OVERDUE_KEYS_WITH_AGENCY if scope.kind == "owner" else OVERDUE_KEYS
        spec = TableSpec("tasks", scope=scope, state=StateFilter.OVERDUE)
        table = build_table(spec, feed, rollup, lang)
        return [grid_of(table, keys, lang, request.fitter, tr(OVERDUE_HEADING, lang))]
    rows: list[GridRow] = []
    columns: tuple[GridColumn, ...] = ()
    number = 0
    for agency in most_overdue(feed, rollup, scope, request.kinds, len(feed.agencies), lang):
        spec = TableSpec("tasks", scope=Scope.agency(agency.agency.id), state=StateFilter.OVERDUE)
        table = build_table(spec, feed, rollup, lang)
        grid = grid_of(table, OVERDUE_KEYS, lang, request.fitter, tr(OVERDUE_HEADING, lang))
        columns = grid.columns
        name = cut(clean(agency.agency.display_name(lang)), NAME_CHARS)
        count = format_int(agency.counts.overdue, lang)
        rows.append(GridRow((f"{name} ({count})", *([""] * (len(columns) - 1))), "group"))
        for row in grid.rows:
            number += 1
            rows.append(GridRow((str(number), *row.cells[1:])))
    return [Grid(columns, tuple(rows))]


def _due_soon(request: ReportRequest) -> list[Block]:
    lang = request.language
    feed, rollup, scope = request.feed, request.rollup, request.scope
    days = format_int(rollup.due_soon_days, lang)
    intro = Message.of("Open tasks due within {days} days of {date}.", days=days,
                       date=format_date(feed.as_of_date, lang))  # fmt: skip
    spec = TableSpec("tasks", scope=scope, state=StateFilter.DUE_SOON)
    table = build_table(spec, feed, rollup, lang)
    if not table.rows:
        subject = _subject(scope, feed, lang)
        return [Para(empty_reason(subject, lang, state=StateFilter.DUE_SOON) + ".")]
    keys = ("stt", "title", "due", "days_left") if scope.kind == "agency" else (
        "stt", "title", "agency", "due", "days_left")  # fmt: skip
    where = tr("Tasks due soon", lang)
    return [Para(intro.text(lang)), grid_of(table, keys, lang, request.fitter, where)]


def _subject(scope: Scope, feed: Feed, lang: str) -> str | None:
    return None if scope.kind == "all" else cut(clean(scope_title(scope, feed, lang)), NAME_CHARS)


def _appendices(request: ReportRequest) -> list[Appendix]:
    lang = request.language
    found: list[Appendix] = []
    for spec in request.appendices:
        keys = APPENDIX_COLUMNS.get(spec.table)
        if keys is None:
            continue
        if spec.table == "tasks" and spec.scope.kind == "agency":
            keys = tuple(key for key in keys if key != "agency")  # one agency's: said above
        table = build_table(spec, request.feed, request.rollup, lang, request.comparison)
        title = f"{tr('Appendix', lang)} {ROMAN[len(found) % len(ROMAN)]}"
        note = tr("(Attached to Report No. …/BC-… of …)", lang)
        if spec.table == "agencies":
            subject = tr("Progress of the tasks by agency", lang)
            if spec.group != "all":
                subject += f" — {tr(GROUP_TITLES[spec.group], lang)}"
        else:
            subject = cut(clean(view_title(spec, request.feed, lang)), NAME_CHARS)
        grid = grid_of(table, keys, lang, request.fitter, title)
        found.append(Appendix(title, subject, grid, note))
    return found
