"""No internal id reaches a Vietnamese document: every table (agencies, owners, tasks with
the latest note and with all notes, indicators, an indicator's history, findings, the
changes since a baseline, the trends of the recorded meetings) in every format for people
(CSV, XLSX, Markdown, HTML), read back with real readers, has no id of the code's in a
cell, a heading, a title or a sheet's name: no kind or state id, no English sheet name, no
True/False/None/nan, no ISO date (yyyy-mm-dd) in text a person reads. The JSON snapshot is
for machines and keeps its ids (test_export_words.py)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from r57tui.baseline import compare, load_baseline
from r57tui.export import ExportMeta, TableSpec, build_table, export_files
from r57tui.export.readable import for_readers
from r57tui.export.xlsx_print import SHEET_TITLES
from r57tui.feed import Feed, load_feed
from r57tui.history import HistoryStore
from r57tui.rollup import roll_up
from r57tui.views.trends import TrendHistory, trend_history
from tests.builders import to_bytes
from tests.test_baseline import demo_doc, meeting_baseline_doc, write
from tests.test_ui_trends import record_quarters

# One worker makes this file's walk or fixtures once (the suite runs --dist loadgroup).
pytestmark = pytest.mark.xdist_group("test_export_no_ids")


GENERATED = datetime(2025, 10, 16, 9, 30, tzinfo=UTC)
# The code's ids that must never stand for a word (as a whole word, any case): agency
# kinds and groups, task states and changes, the English names of the sheets.
IDS = re.compile(
    r"(?<![\w-])(?:ministry|province|agency|agencies|branch|locality|party|on_time|overdue"
    r"|completed|completed_late|due_soon|newly_completed|newly_overdue|removed|changed"
    r"|latest|percent_completed|overdue_rate|days_overdue|days_left|key_task|co_agencies"
    + "|"
    + "|".join(re.escape(title) for title in SHEET_TITLES.values())
    + r")(?![\w-])",
    re.IGNORECASE,
)
# What a program prints for a missing or a yes/no value, where a person should read one.
PROGRAM_WORDS = re.compile(r"(?<![\w-])(?:True|False|None|nan|NaN|null)(?![\w-])")
ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")


def specs(feed: Feed, trend: TrendHistory | None = None) -> list[TableSpec]:
    history = next(item.id for item in feed.indicators if item.history)
    return [
        TableSpec("agencies"),
        TableSpec("owners"),
        TableSpec("tasks"),
        TableSpec("tasks", notes="all"),
        TableSpec("indicators"),
        TableSpec("history", indicator=history),
        TableSpec("findings"),
        TableSpec("changes"),
        TableSpec("trend", trend=trend),
    ]


@pytest.fixture(scope="module")
def demo() -> Feed:
    return load_feed(to_bytes(demo_doc()))


@pytest.fixture(scope="module")
def trend(tmp_path_factory: pytest.TempPathFactory) -> TrendHistory:
    """Four quarterly meetings of the demo, recorded in a history of the test's own."""
    path = tmp_path_factory.mktemp("history") / "h.sqlite3"
    feeds = record_quarters(path)
    return trend_history(HistoryStore(path), feeds[-1])


@pytest.fixture(scope="module")
def exported(
    demo: Feed, trend: TrendHistory, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[Path]]:
    """Every table of the demo against the meeting baseline, in Vietnamese, in each format."""
    folder = tmp_path_factory.mktemp("no-ids")
    feed = demo
    rollup = roll_up(feed)
    baseline = load_baseline(write(folder / "base.json", meeting_baseline_doc(demo_doc())))
    comparison = compare(baseline, feed, rollup)
    meta = ExportMeta(
        feed.title or "",
        feed.as_of,
        "demo",
        GENERATED,
        "vi",
        baseline=baseline.label,
        baseline_as_of=baseline.feed.as_of,
    )
    out = {}
    for fmt in ("csv", "xlsx", "md", "html"):
        done = export_files(
            specs(feed, trend),
            feed,
            rollup,
            meta,
            fmt=fmt,
            folder=folder / fmt,
            comparison=comparison,
        )
        out[fmt] = done.paths
    return out


def _leaks(text: str, iso_allowed: bool = False) -> list[str]:
    found = IDS.findall(text) + PROGRAM_WORDS.findall(text)
    if not iso_allowed:
        found += ISO_DATE.findall(text)
    return found


def _date_headings(feed: Feed) -> set[str]:
    """The CSV columns that hold dates: written ISO (2025-06-30), the one order a
    spreadsheet in any locale reads as a date (30/06/2025 is not a date to one set to
    month-first, and 05/06/2025 is 6 May), as the workbook's are dates shown dd/mm/yyyy."""
    rollup = roll_up(feed)
    return {
        column.header
        for spec in specs(feed)
        for column in for_readers(build_table(spec, feed, rollup, "vi"), "vi").columns
        if column.kind == "date"
    }


def test_csv_has_no_internal_id(demo: Feed, exported) -> None:
    dates = _date_headings(demo)
    assert {"Thời hạn", "Ngày hoàn thành", "Ngày ghi chú"} <= dates
    paths = exported["csv"]
    assert len(paths) == len(specs(demo))
    leaks = []
    for path in paths:
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
        header = rows[0]
        for row in rows:
            for heading, cell in zip(header, row, strict=True):
                # A date column's date is one a spreadsheet reads as a date (above).
                iso = heading in dates and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell))
                leaks += [(path.name, heading, cell) for _ in _leaks(cell, iso)]
    assert leaks == []


def test_the_workbook_has_no_internal_id(demo: Feed, exported) -> None:
    [path] = exported["xlsx"]
    book = openpyxl.load_workbook(path)
    assert not any(_leaks(name) for name in book.sheetnames), book.sheetnames
    leaks = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, bool):
                    leaks.append((sheet.title, cell.coordinate, cell.value))
                elif isinstance(cell.value, str):
                    leaks += [
                        (sheet.title, cell.coordinate, cell.value) for _ in _leaks(cell.value)
                    ]
    # The charts' own words (titles, axes) are in the chart parts, not in cells.
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/charts/"):
                words = re.findall(r"<a:t>([^<]*)</a:t>", archive.read(name).decode())
                leaks += [(name, word) for word in words if _leaks(word)]
                assert words, name
    assert leaks == []
    # The tasks with every note, the history and the owners each have their sheet.
    assert len(book.sheetnames) >= len(specs(demo))


def test_markdown_has_no_internal_id(demo: Feed, exported) -> None:
    [path] = exported["md"]
    text = path.read_text("utf-8")
    assert text.count("\n## ") == len(specs(demo))
    unescaped = re.sub(r"\\(.)", r"\1", text)
    leaks = [line for line in unescaped.splitlines() if _leaks(line)]
    assert leaks == []


class _Text(HTMLParser):
    """Every text of the page a reader sees: headings, captions, cells, the title block."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = False

    def handle_starttag(self, tag, attrs) -> None:
        self._skip = tag in ("style", "script")

    def handle_endtag(self, tag) -> None:
        self._skip = False

    def handle_data(self, data) -> None:
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def test_html_has_no_internal_id(exported) -> None:
    [path] = exported["html"]
    page = _Text()
    page.feed(path.read_text("utf-8"))
    assert len(page.texts) > 1000  # the tables were read
    assert [text for text in page.texts if _leaks(text)] == []
