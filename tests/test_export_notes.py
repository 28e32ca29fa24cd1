"""Task tables as people read them, the same in every format: one due column as the feed
meant it (no raw due string beside a deadline), and all of a task's notes on request
(`--notes all`, the export dialog, `[export] notes`), newest first, a dated line each,
shortened to what a cell holds where a format has a limit. Read back with real readers:
csv, openpyxl, html.parser, the Markdown text and json."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from r57tui.cli import main
from r57tui.config import ExportSettings
from r57tui.export import ExportMeta, TableSpec, export_files
from r57tui.feed import load_feed
from r57tui.rollup import roll_up
from r57tui.ui.export_dialog import ExportDialog
from tests.builders import feed_dict, task, to_bytes
from tests.pilot import demo_app, settle

GENERATED = datetime(2025, 10, 16, 9, 30, tzinfo=UTC)
READERS = ("csv", "xlsx", "md", "html")


def _notes(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"date": day, "text": text} for day, text in pairs]


@pytest.fixture(scope="module")
def feed():
    """Deadlines as a day, a month and a quarter; notes out of order, two on one day, one
    with a line break of its own and markup characters in it."""
    noted = _notes(
        ("2025-08-01", "Đã giao đơn vị chủ trì."),
        ("2025-10-02", "Chờ ý kiến thẩm định\ncủa Bộ Tư pháp | <b>gấp</b>"),
        ("2025-09-15", "Đang lấy ý kiến."),
        ("2025-10-02", "Đã trình Chính phủ."),
    )
    tasks = [
        task("D-1", due="2025-06-30", notes=noted),
        task("M-1", due="2025-06"),
        task("Q-1", due="2025-q2", notes=_notes(("2025-07-01", "Một ghi chú."))),
    ]
    return load_feed(to_bytes(feed_dict(tasks)))


# What `D-1`'s notes read, newest first: of two on one day the later in the feed first,
# a note's own line break a space.
ALL_NOTES = [
    "02/10/2025: Đã trình Chính phủ.",
    "02/10/2025: Chờ ý kiến thẩm định của Bộ Tư pháp | <b>gấp</b>",
    "15/09/2025: Đang lấy ý kiến.",
    "01/08/2025: Đã giao đơn vị chủ trì.",
]


def written(feed, folder: Path, fmt: str, lang: str = "vi", notes: str = "latest") -> Path:
    meta = ExportMeta("Feed", feed.as_of, "test", GENERATED, lang)
    spec = TableSpec("tasks", notes=notes)  # type: ignore[arg-type]
    [path] = export_files([spec], feed, roll_up(feed), meta, fmt=fmt, folder=folder).paths
    return path


class _Grid(HTMLParser):
    """The first table's cells, a `<br>` read as a line break."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data) -> None:
        if self._cell is not None:
            self._cell.append(data)


def read_back(path: Path) -> list[list[object]]:
    """The table as its reader gives it: the header row, then the rows."""
    if path.suffix == ".csv":
        return list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))  # type: ignore[arg-type]
    if path.suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path).worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        return rows[next(i for i, row in enumerate(rows) if row[0] in ("STT", "No.")) :]
    if path.suffix == ".html":
        grid = _Grid()
        grid.feed(path.read_text("utf-8"))
        return grid.rows  # type: ignore[return-value]
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("| ") and not set(line) <= set("|-: "):
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
            # A Markdown cell's lines are broken with <br>; its escapes are removed.
            rows.append([re.sub(r"\\(.)", r"\1", c.strip().replace("<br>", "\n")) for c in cells])
    return rows  # type: ignore[return-value]


def by_id(rows: list[list[object]]) -> dict[object, dict[object, object]]:
    header = rows[0]
    return {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}


@pytest.mark.parametrize("fmt", READERS)
def test_every_format_has_one_due_column_as_the_feed_meant_it(
    feed, tmp_path: Path, fmt: str
) -> None:
    rows = read_back(written(feed, tmp_path, fmt))
    assert rows[0].count("Thời hạn") == 1
    assert "Hạn cuối" not in rows[0]  # the deadline beside it is gone
    due = {task: row["Thời hạn"] for task, row in by_id(rows).items()}
    assert due["M-1"] == "06/2025"  # a month stays a month
    assert due["Q-1"] == "Q2/2025"  # a quarter stays a quarter
    # A day is a date: in the workbook a date cell, in CSV the ISO date Excel reads as a
    # date in any locale, in Markdown and HTML written in the language's order.
    day = {"xlsx": datetime(2025, 6, 30), "csv": "2025-06-30"}.get(fmt, "30/06/2025")
    assert due["D-1"] == day


def test_the_json_snapshot_keeps_the_due_as_written_and_the_deadline(feed, tmp_path) -> None:
    [view] = json.loads(written(feed, tmp_path, "json").read_bytes())["r57tui_snapshot"]["views"]
    columns = view["columns"]
    rows = {row[0]: row for row in view["rows"]}
    assert rows["Q-1"][columns.index("due")] == "2025-q2"  # as the feed wrote it
    assert rows["Q-1"][columns.index("deadline")] == "2025-06-30"


def test_the_json_snapshot_holds_all_notes_in_one_cell_on_request(feed, tmp_path) -> None:
    path = written(feed, tmp_path, "json", notes="all")
    [view] = json.loads(path.read_bytes())["r57tui_snapshot"]["views"]
    assert "note" not in view["columns"]
    rows = {row[0]: row for row in view["rows"]}
    assert rows["D-1"][view["columns"].index("notes")] == "\n".join(ALL_NOTES)


@pytest.mark.parametrize("fmt", READERS)
def test_all_notes_on_request_newest_first_a_dated_line_each(
    feed, tmp_path: Path, fmt: str
) -> None:
    latest = by_id(read_back(written(feed, tmp_path / "latest", fmt)))
    assert latest["D-1"]["Ghi chú mới nhất"] == "Đã trình Chính phủ."
    rows = read_back(written(feed, tmp_path / "all", fmt, notes="all"))
    header = rows[0]
    assert "Ghi chú" in header
    assert "Ghi chú mới nhất" not in header
    assert "Ngày ghi chú" not in header  # each line carries its date
    cells = {task: row["Ghi chú"] for task, row in by_id(rows).items()}
    assert str(cells["D-1"]).split("\n") == ALL_NOTES
    assert cells["Q-1"] == "01/07/2025: Một ghi chú."
    assert cells["M-1"] in ("", None)  # no notes: an empty cell


def test_markdown_and_html_break_the_notes_lines_as_their_readers_show_them(
    feed, tmp_path: Path
) -> None:
    markdown = written(feed, tmp_path, "md", notes="all").read_text("utf-8")
    [line] = [line for line in markdown.splitlines() if line.startswith("| 1 |")]
    # One table row, the notes broken by <br>; the feed's own | and <b> are escaped.
    assert "Đã trình Chính phủ.<br>02/10/2025: Chờ ý kiến" in line
    assert r"Bộ Tư pháp \| \<b\>gấp\</b\>" in line
    html = written(feed, tmp_path, "html", notes="all").read_text("utf-8")
    assert "Đã trình Chính phủ.<br>02/10/2025: Chờ ý kiến" in html
    assert "&lt;b&gt;gấp&lt;/b&gt;" in html
    assert "<b>gấp" not in html


def test_english_notes_carry_the_english_dates(feed, tmp_path: Path) -> None:
    rows = read_back(written(feed, tmp_path, "csv", lang="en", notes="all"))
    cell = by_id(rows)["D-1"]["Notes"]
    assert str(cell).split("\n")[0] == "2025-10-02: Đã trình Chính phủ."


def test_the_workbook_wraps_the_notes_and_makes_their_row_tall(feed, tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(written(feed, tmp_path, "xlsx", notes="all")).worksheets[0]
    header = [cell.value for cell in sheet[7]]
    row = next(row for row in sheet.iter_rows(min_row=8) if row[1].value == "D-1")
    notes = row[header.index("Ghi chú")]
    assert notes.alignment.wrap_text
    assert sheet.row_dimensions[notes.row].height >= 15 * len(ALL_NOTES)


def test_notes_longer_than_a_cell_holds_are_shortened_the_oldest_cut_and_noted(
    tmp_path: Path,
) -> None:
    """Forty notes of 1,000 characters are more than the 32,767 an XLSX (and, for Excel, a
    CSV) cell holds: the newest are kept, the cell says how long the text was, and the
    export says where; JSON, Markdown and HTML have no limit and keep them all."""
    notes = _notes(
        *((f"2025-{1 + i // 28:02d}-{1 + i % 28:02d}", f"{i:02d}" * 500) for i in range(40))
    )
    feed = load_feed(to_bytes(feed_dict([task("LONG", notes=notes), task("SHORT")])))
    meta = ExportMeta("Feed", feed.as_of, "test", GENERATED, "vi")
    spec = TableSpec("tasks", notes="all")
    for fmt in ("xlsx", "csv"):
        exported = export_files([spec], feed, roll_up(feed), meta, fmt=fmt, folder=tmp_path / fmt)
        cell = str(by_id(read_back(exported.paths[0]))["LONG"]["Ghi chú"])
        assert len(cell) <= 32_767
        assert cell.startswith("12/02/2025: " + "39" * 500)  # the newest first, kept
        assert cell.endswith("… [đã rút gọn: 40.519 ký tự]")
        assert exported.shortened is not None
        assert "(LONG)" in exported.shortened.text("vi")
    [path] = (tmp_path / "xlsx").iterdir()
    book = openpyxl.load_workbook(path)
    # The sheet of the cells shortened: not to be taken for the tasks' notes.
    assert book.sheetnames == ["Nhiệm vụ", "Ô đã rút gọn"]
    listed = [row for row in book["Ô đã rút gọn"].iter_rows(values_only=True) if "LONG" in row]
    assert listed == [("'Nhiệm vụ'!Q8", "Ghi chú", "LONG", 40_519)]
    for fmt in ("json", "md", "html"):
        exported = export_files([spec], feed, roll_up(feed), meta, fmt=fmt, folder=tmp_path / fmt)
        assert exported.shortened is None
        assert ("01/01/2025: " + "00" * 500) in exported.paths[0].read_text("utf-8")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _cli_header(home: Path, *extra: str) -> list[str]:
    out = home / f"out-{len(list(home.glob('out-*')))}"
    argv = ["--lang", "vi", *extra, "export", "--format", "csv", "--table", "tasks"]
    assert main([*argv, "--out", str(out)]) == 0
    [path] = out.iterdir()
    return next(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))


def test_the_command_asks_for_all_notes_and_the_config_sets_the_default(home: Path) -> None:
    assert "Ghi chú mới nhất" in _cli_header(home)  # by default, the latest
    out = home / "all"
    argv = ["--lang", "vi", "export", "--format", "csv", "--table", "tasks", "--notes", "all"]
    assert main([*argv, "--out", str(out)]) == 0
    [path] = out.iterdir()
    header = next(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    assert "Ghi chú" in header
    assert "Ghi chú mới nhất" not in header
    (home / "r57tui.toml").write_text('[export]\nnotes = "all"\n', "utf-8")
    assert "Ghi chú" in _cli_header(home)
    out = home / "latest"
    argv = ["--lang", "vi", "export", "--format", "csv", "--table", "tasks"]
    assert main([*argv, "--notes", "latest", "--out", str(out)]) == 0  # the flag wins
    [path] = out.iterdir()
    assert "Ghi chú mới nhất" in next(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))


def test_a_config_with_a_wrong_notes_choice_is_refused_in_one_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "r57tui.toml").write_text('[export]\nnotes = "some"\n', "utf-8")
    assert main(["export", "--format", "csv", "--out", str(home / "x")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "notes" in err
    assert not (home / "x").exists()


async def test_the_export_dialog_asks_for_all_notes(tmp_path: Path) -> None:
    app = demo_app(export=ExportSettings(folder=tmp_path, format="csv"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")  # every task
        await settle(app, pilot)
        await pilot.press("E")
        assert isinstance(app.screen, ExportDialog)
        notes = app.screen.query_one("#notes")
        assert not notes.value  # the setting's default: the latest
        notes.value = True
        await pilot.click("#export")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [path] = app.last_exports
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
        header = rows[0]
        assert "Notes" in header
        assert "Latest note" not in header
        at = header.index("Notes")
        assert any("\n" in row[at] for row in rows[1:])  # a task with several notes


async def test_e_writes_the_notes_the_settings_ask_for(tmp_path: Path) -> None:
    app = demo_app(export=ExportSettings(folder=tmp_path, format="csv", notes="all"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", "e")  # every task, written as the settings say
        await app.workers.wait_for_complete()
        await pilot.pause()
        [path] = app.last_exports
    header = next(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    assert "Notes" in header
    assert "Latest note" not in header
