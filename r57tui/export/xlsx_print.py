"""What makes a workbook print and read as a document: sheet names in the interface
language, A4 landscape pages one page wide with the header repeated, one due column as
the feed meant it, and a charts sheet of native Excel charts drawn from its own cells."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..feed import Feed, parse_due
from ..groups import GROUP_LABELS, GROUPS
from ..i18n.dates import format_due
from ..i18n.strings import tr
from ..rollup import Bucket, Counts, Rollup
from ..views import agency_rows
from .cells import clean_text
from .table_model import Cell, Table

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

# Each table's sheet, named in the interface language (docs/glossary.md).
SHEET_TITLES = {
    "agencies": "Agencies",
    "owners": "By owner",
    "tasks": "Tasks",
    "at_risk": "At risk",
    "indicators": "Indicators",
    "findings": "Findings",
    "changes": "Changes",
    "history": "History",
    "notes": "Notes",
    "charts": "Charts",
}
# Excel refuses these in a sheet's name, and a name of more than 31 characters.
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_CHARS = 31
MOST_OVERDUE = 10  # agencies in the chart of the most overdue
A4 = 9  # xlsxwriter's paper code


def sheet_name(key: str, language: str, used: set[str]) -> str:
    """The sheet's name in `language`, made legal and unique (Excel compares names
    without regard to case): "Nhiệm vụ", then "Nhiệm vụ (2)"."""
    base = _FORBIDDEN.sub("-", tr(SHEET_TITLES.get(key, key), language)).strip("'")
    base = base[:_SHEET_CHARS] or key
    candidate, n = base, 1
    while candidate.casefold() in used:
        n += 1
        suffix = f" ({n})"
        candidate = base[: _SHEET_CHARS - len(suffix)] + suffix
    used.add(candidate.casefold())
    return candidate


def sheet_ref(name: str) -> str:
    """The sheet as a cell reference names it: `Tasks`, `'Nhiệm vụ'` (quoted when it
    holds anything but letters, digits and underscores)."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        return name
    return "'" + name.replace("'", "''") + "'"


def print_setup(sheet: Worksheet, header_row: int | None) -> None:
    """A4 landscape, one page wide and as many long as it takes, the header row on every
    page, the page number at the foot."""
    sheet.set_paper(A4)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.set_footer("&C&P / &N")
    if header_row is not None:
        sheet.repeat_rows(header_row)


def one_due_column(table: Table, language: str) -> Table:
    """The due column as the feed meant it: a day as a date Excel can sort and filter, a
    month or a quarter as written ("06/2025", "Q2/2025" in Vietnamese). The deadline
    beside it (the last day a month or quarter allows) is the screen's reckoning, not
    the feed's words, so the sheet has one due column, not two."""
    keys = [column.key for column in table.columns]
    if "due" not in keys:
        return table
    due_at = keys.index("due")
    drop = keys.index("deadline") if "deadline" in keys else None

    def cells(row: tuple[Cell, ...]) -> tuple[Cell, ...]:
        out = list(row)
        value = row[due_at]
        if isinstance(value, str) and value:
            due = parse_due(value)
            out[due_at] = due.deadline if due.precision == "day" else format_due(due.text, language)
        if drop is not None:
            del out[drop]
        return tuple(out)

    columns = [replace(c, kind="date") if c.key == "due" else c for c in table.columns]
    if drop is not None:
        del columns[drop]
    rows = [cells(row) for row in table.rows]
    totals = cells(table.totals) if table.totals is not None else None
    return replace(table, columns=tuple(columns), rows=rows, totals=totals)


def _group_counts(feed: Feed, rollup: Rollup, language: str) -> list[tuple[str, Counts]]:
    out = []
    for group in GROUPS:
        if group.kinds is None:
            continue
        rows = agency_rows(feed, rollup, group=group.key, language=language)
        if rows:
            out.append(
                (tr(GROUP_LABELS[group.key], language), sum((r.counts for r in rows), Counts()))
            )
    return out


def charts_sheet(
    book: Workbook,
    charts: tuple[Feed, Rollup],
    block: list[tuple[str, str]],
    language: str,
    used: set[str],
    fmt: dict[str, Format],
) -> None:
    """The most overdue agencies as a bar chart, and the tasks of each agency group by
    state as a 100% stacked bar chart, each drawn from a small table on the same sheet
    (a reader can check the bars against the figures), under the workbook's title block
    so the printed page says which feed and which day."""
    feed, rollup = charts
    name = sheet_name("charts", language, used)
    sheet = book.add_worksheet(name)
    sheet.write_string(0, 0, clean_text(block[0][1]), fmt["title"])
    for i, (label, value) in enumerate(block[1:], start=1):
        sheet.write_string(i, 0, label, fmt["label"])
        sheet.write_string(i, 1, clean_text(value))
    drawn = _Drawn(book, sheet, sheet_ref(name), language, fmt)
    # The agencies list's default order: the most overdue first, ties as the screen has them.
    rows = agency_rows(feed, rollup, sort="overdue", language=language)
    worst = [row for row in rows if row.counts.overdue > 0][:MOST_OVERDUE]
    top = len(block) + 1
    drawn.most_overdue(top, [(row.agency.display_name(language), row.counts) for row in worst])
    top += max(len(worst) + 4, 22)  # below the first chart's data and picture
    drawn.by_group(top, _group_counts(feed, rollup, language))
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, 3, 14)
    print_setup(sheet, None)


class _Drawn:
    """A charts sheet's tables and the charts drawn from them."""

    STATES = (
        (Bucket.COMPLETED, "Completed", "#2E7D32"),
        (Bucket.ON_TIME, "On time", "#1565C0"),
        (Bucket.OVERDUE, "Overdue", "#C00000"),
    )

    def __init__(
        self, book: Workbook, sheet: Worksheet, ref: str, language: str, fmt: dict[str, Format]
    ) -> None:
        self.book, self.sheet, self.ref, self.lang, self.fmt = book, sheet, ref, language, fmt

    def most_overdue(self, top: int, agencies: list[tuple[str, Counts]]) -> None:
        sheet, fmt, ref, lang = self.sheet, self.fmt, self.ref, self.lang
        title = tr("Most overdue agencies", lang)
        sheet.write_string(top, 0, title, fmt["label"])
        sheet.write_string(top + 1, 0, tr("Agency", lang), fmt["header"])
        sheet.write_string(top + 1, 1, tr("Overdue", lang), fmt["header"])
        for r, (label, counts) in enumerate(agencies, start=top + 2):
            sheet.write_string(r, 0, clean_text(label))  # a name from the feed is data
            sheet.write_number(r, 1, counts.overdue, fmt["int"])
        if not agencies:
            return
        first, last = top + 3, top + 2 + len(agencies)  # as Excel numbers rows
        chart = self.book.add_chart({"type": "bar"})
        chart.add_series(
            {
                "name": f"={ref}!$B${top + 2}",
                "categories": f"={ref}!$A${first}:$A${last}",
                "values": f"={ref}!$B${first}:$B${last}",
                "fill": {"color": "#C00000"},
                "data_labels": {"value": True},
            }
        )
        chart.set_title({"name": title})
        chart.set_x_axis({"name": tr("Overdue tasks", lang)})
        chart.set_y_axis({"reverse": True})  # the most overdue at the top
        chart.set_legend({"none": True})
        chart.set_size({"width": 720, "height": 400})
        sheet.insert_chart(top + 1, 6, chart)

    def by_group(self, top: int, groups: list[tuple[str, Counts]]) -> None:
        sheet, fmt, ref, lang = self.sheet, self.fmt, self.ref, self.lang
        title = tr("Completion by agency group", lang)
        sheet.write_string(top, 0, title, fmt["label"])
        sheet.write_string(top + 1, 0, tr("Group", lang), fmt["header"])
        for c, (_, label, _) in enumerate(self.STATES, start=1):
            sheet.write_string(top + 1, c, tr(label, lang), fmt["header"])
        for r, (label, counts) in enumerate(groups, start=top + 2):
            sheet.write_string(r, 0, clean_text(label))  # a name from the feed is data
            for c, (bucket, _, _) in enumerate(self.STATES, start=1):
                sheet.write_number(r, c, counts.get(bucket), fmt["int"])
        if not groups:
            return
        first, last = top + 3, top + 2 + len(groups)
        chart = self.book.add_chart({"type": "bar", "subtype": "percent_stacked"})
        for c, (_, _, colour) in enumerate(self.STATES, start=1):
            col = chr(ord("A") + c)
            chart.add_series(
                {
                    "name": f"={ref}!${col}${top + 2}",
                    "categories": f"={ref}!$A${first}:$A${last}",
                    "values": f"={ref}!${col}${first}:${col}${last}",
                    "fill": {"color": colour},
                    "data_labels": {"value": True},
                }
            )
        chart.set_title({"name": title})
        chart.set_x_axis({"name": tr("Share of tasks", lang)})
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 720, "height": 320})
        sheet.insert_chart(top + 1, 6, chart)
