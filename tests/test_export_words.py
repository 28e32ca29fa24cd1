"""Every table export people read says things in words, in the interface language: an
STT column numbering the rows, states and kinds as the screen words them (no internal
id), changes signed (+6, −2, ±0), the latest note in task tables, a totals row in CSV
too, and decimal commas with `;`. Read back with real readers: csv, openpyxl,
html.parser and the Markdown text. The JSON snapshot is for machines: it keeps the ids."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from r57tui.baseline import ChangeKind
from r57tui.cli import main
from r57tui.demo import demo_feed_path
from r57tui.feed import TaskState, load_feed
from r57tui.groups import AgencyKind
from r57tui.i18n.dates import format_date
from r57tui.views.shown import latest_note
from tests.test_baseline import demo_doc, meeting_baseline_doc, write

SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
CODES = (
    {state.value for state in TaskState}
    | {kind.value for kind in AgencyKind}
    | {kind.value for kind in ChangeKind}
)
SIGNED = re.compile(r"^(?:[+\u2212]\d[\d.,]*|±0)$")
NUMBER_HEADER = {"vi": "STT", "en": "No."}

Grid = list[list[str]]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of its own: no user's config or state is read."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def exported(home: Path, language: str, fmt: str, *extra: str) -> list[Path]:
    """Every table of the demo with a baseline (so the changes too), as the command
    writes them."""
    base = write(home / "base.json", meeting_baseline_doc(demo_doc()))
    out = home / f"out-{len(list(home.glob('out-*')))}"  # a folder of its own each time
    argv = ["--lang", language, "--baseline", str(base), "export", "--format", fmt]
    assert main([*argv, *extra, "--out", str(out)]) == 0
    return sorted(out.iterdir())


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Grid] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _markdown_tables(text: str) -> list[Grid]:
    tables: list[Grid] = []
    previous = ""
    for line in text.splitlines():
        if line.startswith("| "):
            if not previous.startswith("| "):
                tables.append([])
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
            row = [cell.strip().strip("*").replace("\\", "") for cell in cells]
            if not all(set(cell) <= set("-:") for cell in row):  # the rule under the header
                tables[-1].append(row)
        previous = line
    return tables


def _csv_tables(paths: list[Path], delimiter: str = ",") -> list[Grid]:
    return [
        list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=delimiter))
        for path in paths
    ]


def _xlsx_tables(path: Path, language: str) -> dict[str, Grid]:
    """Each sheet's table, from its header row (the one starting with STT) down, as text;
    numbers kept as numbers for the sign check."""
    book = openpyxl.load_workbook(path)
    tables = {}
    for sheet in book.worksheets:
        if sheet.title in ("Biểu đồ", "Charts"):
            continue  # the charts' own small tables, the charts' data (test_export_print.py)
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        start = next(i for i, row in enumerate(rows) if row[0] == NUMBER_HEADER[language])
        tables[sheet.title] = rows[start:]
    return tables


def readable_tables(home: Path, language: str) -> dict[str, list[Grid]]:
    """Every table of every format for people, as rows of cells (the header first)."""
    html = _Tables()
    html.feed(exported(home, language, "html")[0].read_text("utf-8"))
    [markdown] = exported(home, language, "md")
    [xlsx] = exported(home, language, "xlsx")
    as_text = [
        [["" if cell is None else str(cell) for cell in row] for row in grid]
        for grid in _xlsx_tables(xlsx, language).values()
    ]
    return {
        "csv": _csv_tables(exported(home, language, "csv")),
        "xlsx": as_text,
        "md": _markdown_tables(markdown.read_text("utf-8")),
        "html": html.tables,
    }


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_table_of_every_format_is_numbered_and_in_words(home: Path, language: str) -> None:
    by_format = readable_tables(home, language)
    for fmt, tables in by_format.items():
        # The agencies, the tasks, those at risk, the indicators, the findings and the
        # changes.
        assert len(tables) == 6, fmt
        for grid in tables:
            header, body = grid[0], grid[1:]
            assert header[0] == NUMBER_HEADER[language], (fmt, header)
            numbers = [row[0] for row in body]
            totals = numbers[-1:] == [""]  # a totals row is not numbered
            rows = numbers[:-1] if totals else numbers
            assert rows == [str(n) for n in range(1, len(rows) + 1)], (fmt, header)
            if language == "vi":
                for row in grid:
                    for cell in row:
                        assert not SNAKE.search(cell), (fmt, header[1], cell)
                        assert cell.strip() not in CODES, (fmt, header[1], cell)


def test_the_words_are_the_screens(home: Path) -> None:
    [path] = [p for p in exported(home, "vi", "csv") if "-tasks-" in p.name]
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    states = {row[rows[0].index("Trạng thái")] for row in rows[1:]}
    assert states == {"hoàn thành", "hoàn thành trễ hạn", "trong hạn", "quá hạn"}
    [path] = [p for p in exported(home, "vi", "csv") if "-agencies-" in p.name]
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    kinds = {row[rows[0].index("Loại")] for row in rows[1:-1]}
    assert {"Bộ, cơ quan ngang bộ", "Địa phương"} <= kinds


def test_agency_totals_are_in_the_csv_as_in_the_other_formats(home: Path) -> None:
    [path] = [p for p in exported(home, "vi", "csv") if "-agencies-" in p.name]
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    assert totals[:3] == ["", "", "Tổng cộng"]
    at = header.index("Được giao")
    assert int(totals[at]) == sum(int(row[at]) for row in body) == 1132


@pytest.mark.parametrize("language", ["vi", "en"])
def test_changes_are_signed_in_every_format(home: Path, language: str) -> None:
    by_format = readable_tables(home, language)
    for fmt, tables in by_format.items():
        agencies = tables[0]
        header = agencies[0]
        changing = [c for c, name in enumerate(header) if "±" in name]
        assert len(changing) == 2, (fmt, header)
        cells = [row[c] for row in agencies[1:] for c in changing]
        if fmt == "xlsx":
            continue  # numbers, shown signed by their format: below
        assert all(SIGNED.match(cell) for cell in cells), (fmt, cells)
        assert any(cell.startswith("+") for cell in cells), fmt
        assert any(cell.startswith("\u2212") for cell in cells), fmt
    [xlsx] = exported(home, language, "xlsx")
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    formats = {
        cell.number_format
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, int | float) and "±" in str(cell.number_format)
    }
    assert formats == {'"+"#,##0;"\u2212"#,##0;"±0"'}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_semicolon_csv_writes_decimal_commas_and_the_feeds_numbers(
    home: Path, language: str
) -> None:
    feed = load_feed(demo_feed_path().read_bytes())
    wrote = {item.id: item.value for item in feed.indicators}
    assert wrote["gdp-contribution"] == 16.1
    assert wrote["national-platforms"] == 84.0  # parsed as a float
    for delimiter, point in ((";", ","), (",", ".")):
        paths = exported(home, language, "csv", "--table", "indicators", "--delimiter", delimiter)
        [rows] = _csv_tables(paths, delimiter)
        header = rows[0]
        value = {row[header.index("Mã" if language == "vi" else "Id")]: row for row in rows[1:]}
        at = header.index("Giá trị" if language == "vi" else "Value")
        assert value["gdp-contribution"][at] == f"16{point}1"
        assert value["national-platforms"][at] == "84"  # as the feed wrote it, not 84.0
        other = "." if point == "," else ","
        assert not any(other in row[at] for row in rows[1:]), [row[at] for row in rows[1:]]


@pytest.mark.parametrize("fmt", ["csv", "md", "html", "xlsx"])
def test_task_tables_carry_the_latest_note_and_its_date(home: Path, fmt: str) -> None:
    feed = load_feed(demo_feed_path().read_bytes())
    noted = next(task for task in feed.tasks if len(task.notes) > 1)
    note = latest_note(noted)
    assert note is not None
    tables = readable_tables(home, "vi")[fmt]
    # The changes table carries the notes too; the tasks table starts with the id.
    tasks = next(grid for grid in tables if grid[0][1] == "Mã" and "Ghi chú mới nhất" in grid[0])
    changes = next(grid for grid in tables if grid[0][1] == "Thay đổi")
    assert "Ghi chú mới nhất" in changes[0]
    header = tasks[0]
    row = next(row for row in tasks[1:] if row[1] == noted.id)
    assert row[header.index("Ghi chú mới nhất")] == note.text
    when = row[header.index("Ngày ghi chú")]
    written = {
        "csv": note.date.isoformat(),
        "xlsx": f"{note.date.isoformat()} 00:00:00",
    }.get(fmt, format_date(note.date, "vi"))
    assert when == written


def test_the_json_snapshot_keeps_the_ids_and_numbers_no_rows(home: Path) -> None:
    [path] = exported(home, "vi", "json")
    views = {
        view["table"]: view for view in json.loads(path.read_bytes())["r57tui_snapshot"]["views"]
    }
    tasks = views["tasks"]
    assert tasks["columns"][0] == "id"
    at = tasks["columns"].index("state")
    assert {row[at] for row in tasks["rows"]} == {state.value for state in TaskState}
    kinds = {row[views["agencies"]["columns"].index("kind")] for row in views["agencies"]["rows"]}
    assert kinds <= {kind.value for kind in AgencyKind}
    assert {row[0] for row in views["changes"]["rows"]} <= {kind.value for kind in ChangeKind}
