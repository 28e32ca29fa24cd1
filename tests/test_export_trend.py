"""`r57tui export --table trend` in every format, read back with real readers (csv,
openpyxl, an HTML parser, the Markdown table's lines, json): one row per agency per
recorded meeting and a totals row per meeting, every figure equal to a count of its own
from the feeds recorded in the test; and a damaged history refused in one line."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from r57tui.cli import main
from r57tui.feed import Feed
from tests.test_export import Cells
from tests.test_ui_trends import record_quarters, tally

AS_OF = ("15/01/2025", "15/04/2025", "15/07/2025", "15/10/2025")


def export(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> Path:
    out = tmp_path / fmt
    argv = ["--lang", "vi", "export", "--history", str(tmp_path / "h.sqlite3")]
    assert main([*argv, "--table", "trend", "--format", fmt, "--out", str(out)]) == 0
    [path] = sorted(out.iterdir())
    capsys.readouterr()
    return path


def expected(feeds: list[Feed]) -> dict[tuple[str, str], tuple[int, ...]]:
    """(meeting, agency or Tổng cộng) -> assigned, completed, on time, overdue."""
    rows: dict[tuple[str, str], tuple[int, ...]] = {}
    for day, feed in zip(AS_OF, feeds, strict=True):
        rows[day, "Tổng cộng"] = tally(feed.tasks)
        for agency in {task.agency for task in feed.tasks}:
            name = feed.agencies[agency].display_name("vi")
            rows[day, name] = tally(t for t in feed.tasks if t.agency == agency)
    return rows


def figures(grid: list[list[str]]) -> dict[tuple[str, str], tuple[int, ...]]:
    header, *body = grid
    at = {name: header.index(name) for name in header}
    found = {}
    for row in body:
        day = row[at["Kỳ họp (số liệu đến)"]]
        if "-" in day:  # CSV writes dates ISO, the one order every spreadsheet reads
            day = date.fromisoformat(day).strftime("%d/%m/%Y")
        found[day, row[at["Cơ quan"]]] = tuple(
            int(row[at[name]].replace(".", ""))
            for name in ("Được giao", "Hoàn thành", "Trong hạn", "Quá hạn")
        )
    return found


@pytest.fixture
def feeds(tmp_path: Path) -> list[Feed]:
    return record_quarters(tmp_path / "h.sqlite3")


def test_csv(tmp_path: Path, feeds: list[Feed], capsys) -> None:
    path = export(tmp_path, "csv", capsys)
    grid = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    assert grid[0][:3] == ["STT", "Kỳ họp (số liệu đến)", "Cơ quan"]
    assert [row[0] for row in grid[1:]] == [str(n) for n in range(1, len(grid))]
    # Each meeting's rows start with the whole feed's.
    assert next(row[2] for row in grid[1:] if row[1] == "2025-04-15") == "Tổng cộng"
    assert figures([row[:10] for row in grid]) == expected(feeds)


def test_xlsx(tmp_path: Path, feeds: list[Feed], capsys) -> None:
    path = export(tmp_path, "xlsx", capsys)
    book = openpyxl.load_workbook(path)
    sheet = book["Xu hướng"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(rows) if row and row[0] == "STT")
    grid = []
    for row in rows[start:]:
        if row[0] is None:
            break
        cells = []
        for cell in row[:10]:
            if isinstance(cell, datetime):
                cells.append(cell.strftime("%d/%m/%Y"))
            else:
                cells.append("" if cell is None else str(cell))
        grid.append(cells)
    assert figures(grid) == expected(feeds)


def test_html(tmp_path: Path, feeds: list[Feed], capsys) -> None:
    path = export(tmp_path, "html", capsys)
    parser = Cells()
    parser.feed(path.read_text("utf-8"))
    grid = [row for row in parser.rows if row]
    start = next(i for i, row in enumerate(grid) if row[0] == "STT")
    assert figures(grid[start:]) == expected(feeds)


def test_markdown(tmp_path: Path, feeds: list[Feed], capsys) -> None:
    path = export(tmp_path, "md", capsys)
    lines = [line for line in path.read_text("utf-8").splitlines() if line.startswith("| ")]
    grid = [[cell.strip() for cell in line.split("|")[1:-1]] for line in lines]
    grid = [row for row in grid if not set(row[0]) <= set("-:")]
    assert "## Xu hướng qua các kỳ họp đã lưu — 4 kỳ họp" in path.read_text("utf-8")
    assert figures(grid) == expected(feeds)


def test_json(tmp_path: Path, feeds: list[Feed], capsys) -> None:
    path = export(tmp_path, "json", capsys)
    [view] = json.loads(path.read_text("utf-8"))["r57tui_snapshot"]["views"]
    assert view["table"] == "trend"
    grid = [view["columns"]] + [[str(c) for c in row] for row in view["rows"]]
    columns = view["columns"]
    header = ["Kỳ họp (số liệu đến)", "Cơ quan", "Được giao", "Hoàn thành", "Trong hạn", "Quá hạn"]
    keys = ["as_of", "agency", "assigned", "completed", "on_time", "overdue"]
    grid[0] = [header[keys.index(c)] if c in keys else c for c in columns]
    assert figures(grid) == expected(feeds)


def test_a_damaged_history_is_refused_in_one_line(tmp_path: Path, capsys) -> None:
    (tmp_path / "h.sqlite3").write_text("not a database", encoding="utf-8")
    argv = ["--lang", "en", "export", "--history", str(tmp_path / "h.sqlite3")]
    code = main([*argv, "--table", "trend", "--out", str(tmp_path / "out")])
    _, err = capsys.readouterr()
    assert code == 1
    assert err.count("\n") == 1
    assert "not a history file" in err
    assert not (tmp_path / "out").exists()
