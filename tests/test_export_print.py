"""Sheets and pages that print: the workbook read back with openpyxl (page setup, dates,
exact percentages, one due column, sheet names, charts in the zip) and the HTML with
html.parser (the @page rule, the repeated header, ids on one line)."""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from r57tui.export import ExportMeta, TableSpec
from r57tui.feed import load_feed
from r57tui.rollup import roll_up
from tests.builders import export, feed_dict, task, to_bytes

GENERATED = datetime(2025, 10, 16, 9, 30, tzinfo=UTC)
EVERY = ("agencies", "tasks", "indicators", "findings")


@pytest.fixture(scope="module")
def feed():
    """BKHCN: 3 of 7 completed (42.857…%); LAI-CHAU: 199 of 200 (99.5%, which the screen
    shows as 99%, never 100%). Deadlines as a day, a month and a quarter."""
    tasks = [task("D-1", due="2025-06-30"), task("M-1", due="2025-06"), task("Q-1", due="2025-q2")]
    tasks.append(task("K-1", due="2026-01-31"))
    tasks += [task(f"C-{i}", completed="2025-09-01") for i in range(3)]
    tasks += [task(f"L-{i}", "LAI-CHAU", completed="2025-09-01") for i in range(199)]
    tasks.append(task("L-open", "LAI-CHAU", due="2025-01-31"))
    return load_feed(to_bytes(feed_dict(tasks)))


def workbook(feed, tmp_path: Path, lang: str, tables=EVERY) -> Path:
    meta = ExportMeta("Feed", feed.as_of, "test", GENERATED, lang)
    specs = [TableSpec(name) for name in tables]
    [path] = export(specs, feed, roll_up(feed), meta, fmt="xlsx", folder=tmp_path)
    return path


def table_rows(sheet) -> tuple[list[str], list[tuple]]:
    header = [cell.value for cell in sheet[7]]
    return header, [tuple(row) for row in sheet.iter_rows(min_row=8)]


@pytest.mark.parametrize(
    ("lang", "names", "day_format"),
    [
        ("vi", ["Cơ quan", "Nhiệm vụ", "Chỉ tiêu", "Vấn đề dữ liệu", "Biểu đồ"], "dd/mm/yyyy"),
        ("en", ["Agencies", "Tasks", "Indicators", "Findings", "Charts"], "yyyy-mm-dd"),
    ],
)
def test_every_sheet_prints_on_a4_landscape_one_page_wide_with_its_header_repeated(
    feed, tmp_path: Path, lang: str, names: list[str], day_format: str
) -> None:
    book = openpyxl.load_workbook(workbook(feed, tmp_path, lang))
    assert book.sheetnames == names
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert setup.paperSize == 9, sheet.title  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (setup.fitToWidth or 1) == 1, sheet.title  # one page wide (1 is the default)
        assert setup.fitToHeight == 0, sheet.title  # as many pages long as it takes
    for title in names[:-1]:
        assert book[title].print_title_rows == "$7:$7"  # the header row
    # Dates are dates, in the language's order.
    header, rows = table_rows(book[names[1]])
    due = header.index("Thời hạn" if lang == "vi" else "Due")
    by_id = {row[1].value: row for row in rows}
    day = by_id["D-1"][due]
    assert day.value == datetime(2025, 6, 30)
    assert day.number_format == day_format


def test_one_due_column_as_the_feed_meant_it(feed, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(workbook(feed, tmp_path, "vi", ("tasks",)))
    header, rows = table_rows(book["Nhiệm vụ"])
    assert "Thời hạn" in header
    assert "Hạn cuối" not in header  # the deadline beside it is gone: one due column
    due = header.index("Thời hạn")
    by_id = {row[1].value: row[due].value for row in rows}
    assert by_id["M-1"] == "06/2025"  # a month stays a month
    assert by_id["Q-1"] == "Q2/2025"  # a quarter stays a quarter
    assert by_id["D-1"] == datetime(2025, 6, 30)  # a day is a date
    day = next(row[due] for row in rows if row[1].value == "D-1")
    assert day.alignment.horizontal == "left"  # as the months and quarters beside it
    assert by_id["C-0"] is None  # no deadline: an empty cell
    english = openpyxl.load_workbook(workbook(feed, tmp_path / "en", "en", ("tasks",)))
    header, rows = table_rows(english["Tasks"])
    due = header.index("Due")
    assert {row[1].value: row[due].value for row in rows}["Q-1"] == "2025-Q2"


def test_percentages_are_stored_exactly_and_shown_as_the_screen_rounds_them(
    feed, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(workbook(feed, tmp_path, "en", ("agencies",)))
    header, rows = table_rows(book["Agencies"])
    completed = header.index("% completed")
    by_id = {row[1].value: row for row in rows if row[1].value}
    ministry = by_id["BKHCN"][completed]
    assert ministry.value == pytest.approx(3 / 7, abs=1e-15)  # not the rounded 0.43
    assert ministry.number_format == "0%"
    # 199 of 200 rounds to 100% in Excel; the screen says 99%, and so does the sheet.
    province = by_id["LAI-CHAU"][completed]
    assert province.value == pytest.approx(199 / 200, abs=1e-15)
    assert province.number_format == '"99%"'
    total = rows[-1][completed]
    assert total.value == pytest.approx(202 / 207, abs=1e-15)
    assert total.font.bold


def test_the_charts_sheet_has_native_charts_drawn_from_its_own_cells(feed, tmp_path: Path) -> None:
    path = workbook(feed, tmp_path, "vi")
    book = openpyxl.load_workbook(path)
    charts = book["Biểu đồ"]
    assert charts["A1"].value == "Feed"  # the title block, as on every sheet
    cells = [row for row in charts.iter_rows(min_row=6, values_only=True) if any(row)]
    assert cells[0][0] == "Các cơ quan có nhiều nhiệm vụ quá hạn nhất"
    assert cells[1][:2] == ("Cơ quan", "Quá hạn")
    worst = {row[0]: row[1] for row in cells[2:4]}
    assert cells[2][0] == "Bộ Khoa học và Công nghệ"
    assert worst == {"Bộ Khoa học và Công nghệ": 3, "Lai Châu": 1}  # the most first
    groups = next(i for i, row in enumerate(cells) if row[0] == "Nhóm")
    assert cells[groups][:4] == ("Nhóm", "Hoàn thành", "Trong hạn", "Quá hạn")
    with zipfile.ZipFile(path) as archive:
        parts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        xml = [archive.read(n).decode() for n in parts]
    assert len(xml) == 2
    bar, stacked = xml
    assert "Các cơ quan có nhiều nhiệm vụ quá hạn nhất" in bar
    # The values are the sheet's cells: rows 8 and 9, under the title block and headers.
    assert "<c:f>'Biểu đồ'!$B$8:$B$9</c:f>" in bar
    assert charts["B8"].value == 3
    assert '<c:grouping val="percentStacked"/>' in stacked
    assert "Kết quả thực hiện theo nhóm cơ quan" in stacked
    assert len(re.findall(r"<c:ser>", stacked)) == 3  # completed, on time, overdue
    # A list of tasks alone has no charts of the agencies.
    alone = openpyxl.load_workbook(workbook(feed, tmp_path / "t", "vi", ("tasks",)))
    assert alone.sheetnames == ["Nhiệm vụ"]


def test_sheet_names_are_legal_and_unique_in_excel() -> None:
    from r57tui.export.xlsx_print import sheet_name

    used: set[str] = set()
    assert sheet_name("tasks", "vi", used) == "Nhiệm vụ"
    assert sheet_name("tasks", "vi", used) == "Nhiệm vụ (2)"
    assert sheet_name("a/b:c*d?[e]\\" + "x" * 40, "en", used) == "a-b-c-d--e--" + "x" * 19
    assert all(len(name) <= 31 for name in used)


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.style = ""
        self.tags: list[str] = []
        self.ids: list[tuple[str, str]] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self._in = tag
        self._class = dict(attrs).get("class") or ""

    def handle_data(self, data) -> None:
        if self._in == "style":
            self.style += data
        elif self._in == "td" and re.fullmatch(r"[A-Z]-[\w-]+", data):
            self.ids.append((data, self._class))


def test_html_prints_on_a4_landscape_with_its_headers_repeated_and_ids_whole(
    feed, tmp_path: Path
) -> None:
    meta = ExportMeta("Feed", feed.as_of, "test", GENERATED, "vi")
    specs = [TableSpec(name) for name in EVERY]
    [path] = export(specs, feed, roll_up(feed), meta, fmt="html", folder=tmp_path)
    parser = _Cells()
    parser.feed(path.read_text("utf-8"))
    style = re.sub(r"\s+", " ", parser.style)
    assert re.search(r"@page \{ size: A4 landscape; margin: [^;}]+;? \}", style), style
    # The header repeats on every printed page, printed or not.
    assert re.search(r"(^|\}) ?thead \{ display: table-header-group; \}", style), style
    assert parser.tags.count("thead") == len(EVERY)
    assert "td.id" in style
    assert re.search(r"td\.id[^{]*\{ white-space: nowrap;", style)
    assert {"D-1", "M-1", "L-open"} <= {text for text, _ in parser.ids}
    assert all("id" in classes.split() for _, classes in parser.ids)
    assert "src:" not in style
    assert "url(" not in style
    assert '"Noto Sans"' in style or "Arial" in style
    assert "<script" not in path.read_text("utf-8")


def test_date_cells_are_real_dates_not_strings(feed, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(workbook(feed, tmp_path, "vi", ("tasks",)))
    header, rows = table_rows(book["Nhiệm vụ"])
    done = header.index("Ngày hoàn thành")
    cell = next(row[done] for row in rows if row[1].value == "C-0")
    assert cell.is_date
    assert cell.value.date() == date(2025, 9, 1)
    assert cell.number_format == "dd/mm/yyyy"


def test_long_text_wraps_in_a_column_a_page_can_hold_and_its_row_is_tall_enough(
    tmp_path: Path,
) -> None:
    long = "Xây dựng kho dữ liệu dùng chung trong lĩnh vực thương mại " * 3
    feed = load_feed(to_bytes(feed_dict([task("T-1", title=long), task("T-2")])))
    book = openpyxl.load_workbook(workbook(feed, tmp_path, "vi", ("tasks",)))
    sheet = book["Nhiệm vụ"]
    header, rows = table_rows(sheet)
    title = header.index("Nhiệm vụ")
    letter = rows[0][title].column_letter
    assert sheet.column_dimensions[letter].width < 40  # not 60 characters wide
    by_id = {row[1].value: row for row in rows}
    wrapped = by_id["T-1"][title]
    assert wrapped.alignment.wrap_text
    assert wrapped.alignment.vertical == "top"
    assert sheet.row_dimensions[wrapped.row].height >= 15 * 5  # 174 characters, ~28 a line
    assert sheet.row_dimensions[by_id["T-2"][0].row].height is None  # one line: as it is


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_title_blocks_labels_fit_the_first_column_of_every_sheet(
    feed, tmp_path: Path, lang: str
) -> None:
    """Each label of the title block sits in column A beside its value in B: a column as
    narrow as its STT heading printed "Số liệ" for "Số liệu đến"."""
    book = openpyxl.load_workbook(workbook(feed, tmp_path, lang))
    for sheet in book.worksheets:
        labels = [sheet.cell(row, 1).value for row in range(2, 5)]
        width = sheet.column_dimensions["A"].width
        assert width >= max(len(label) for label in labels), (sheet.title, labels, width)
