"""What makes a workbook print and read as a document: sheet names in the interface
language, A4 landscape pages one page wide with the header repeated, and a charts sheet
of native Excel charts drawn from its own cells."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..feed import Feed
from ..i18n.strings import tr
from ..rollup import Bucket, Rollup
from ..views.words import STATE_COLOURS
from .cells import clean_text
from .chart_data import ChartRow, by_group, most_overdue

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
    "trend": "Trends",
    "sources": "Sources",
    # Where text was cut to fit, not a task's notes (a task table's "Notes" column).
    "notes": "Shortened cells",
    "charts": "Charts",
}
# Excel refuses these in a sheet's name, and a name of more than 31 characters.
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_CHARS = 31
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
    worst = most_overdue(feed, rollup, language)
    top = len(block) + 1
    drawn.most_overdue(top, worst)
    top += max(len(worst) + 4, 22)  # below the first chart's data and picture
    drawn.by_group(top, by_group(feed, rollup, language))
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, 3, 14)
    print_setup(sheet, None)


class _Drawn:
    """A charts sheet's tables and the charts drawn from them."""

    # In the colours the screen and the report's pictures give the states.
    STATES = (
        (Bucket.COMPLETED, "Completed", STATE_COLOURS["completed"]),
        (Bucket.ON_TIME, "On time", STATE_COLOURS["on_time"]),
        (Bucket.OVERDUE, "Overdue", STATE_COLOURS["overdue"]),
    )

    def __init__(
        self, book: Workbook, sheet: Worksheet, ref: str, language: str, fmt: dict[str, Format]
    ) -> None:
        self.book, self.sheet, self.ref, self.lang, self.fmt = book, sheet, ref, language, fmt

    def most_overdue(self, top: int, agencies: tuple[ChartRow, ...]) -> None:
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
                "fill": {"color": STATE_COLOURS["overdue"]},
                "data_labels": {"value": True},
            }
        )
        chart.set_title({"name": title})
        # Whole tasks on the axis (a spreadsheet would step by 0.5 over small counts), and
        # every agency named: left to itself, a spreadsheet names every other bar.
        chart.set_x_axis({"name": tr("Overdue tasks", lang), "min": 0, "num_format": "0"})
        chart.set_y_axis({"reverse": True, "interval_unit": 1})  # the most overdue at the top
        chart.set_legend({"none": True})
        chart.set_size({"width": 720, "height": 400})
        sheet.insert_chart(top + 1, 6, chart)

    def by_group(self, top: int, groups: tuple[ChartRow, ...]) -> None:
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
        chart.set_y_axis({"reverse": True, "interval_unit": 1})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 720, "height": 320})
        sheet.insert_chart(top + 1, 6, chart)
