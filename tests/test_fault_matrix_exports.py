"""Fault matrix: exports killed, failing half way, and holding more than a format can.

- `r57tui export` of a 10,000-task feed as XLSX, SIGKILLed at several instants: every file
  with an export's name is complete (the zip's checksums hold, openpyxl reads every row).
- No file has its final name while its bytes are being flushed, with hard links, without
  them (FAT, SMB) and without a no-replace rename either; an existing file is never replaced.
- "Every table" as CSV fails half way on a real EFBIG (RLIMIT_FSIZE, SIGXFSZ ignored): no
  file is left, and the one line says none was written; a folder that becomes read-only
  between two files: the line names the file it could not remove again.
- Temporary files an export killed long ago left are removed; nothing else is.
- Text longer than a spreadsheet cell (4,000,000 characters; emoji, which count twice):
  shortened with a marker in the export's language, listed in the workbook's notes sheet
  and in the message; a table longer than a sheet is refused in one line.
- A 1 MB, 4 MB and 40 MB (base64) title, task title, agency name and note, in every format.
- The dashboard's `e` says where it shortened.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import errno
import io
import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl
import pytest

from bench.feeds import generate
from r57tui.cli import main
from r57tui.commands.sources import open_source
from r57tui.config import ExportSettings, Settings
from r57tui.export import FORMATS, ExportError, ExportMeta, TableSpec, export_files
from r57tui.export import files as export_files_module
from r57tui.export.table_model import Column, Table
from r57tui.export.xlsx_format import render_xlsx
from r57tui.feed import load_feed
from r57tui.rollup import roll_up
from r57tui.views import Scope
from tests.builders import export, feed_dict, task, to_bytes
from tests.pilot import RecordingApp, settle

CELL = 32_767
MARKER = {
    "en": "… [shortened: {n} characters]",
    "vi": "… [đã rút gọn: {n} ký tự]",
}
NUMBER_SEP = {"en": ",", "vi": "."}


def marker(language: str, length: int) -> str:
    return MARKER[language].format(n=f"{length:,}".replace(",", NUMBER_SEP[language]))


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def finals(folder: Path) -> list[Path]:
    """The files that carry an export's name."""
    return sorted(p for p in folder.iterdir() if p.name.startswith("r57-"))


def r57(*args: str, preexec=None) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "r57tui", *args],
        capture_output=True,
        text=True,
        preexec_fn=preexec,
        timeout=120,
        check=False,
    )


# --- killed while it works ------------------------------------------------------------

KILL_TASKS = 10_000


@pytest.fixture(scope="module")
def big_feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("feeds") / "big.json"
    path.write_bytes(generate(KILL_TASKS))
    return path


def export_cmd(feed: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "r57tui",
        "--source",
        str(feed),
        "export",
        "--format",
        "xlsx",
        "--out",
        str(out),
    ]


def tasks_rows(path: Path) -> int:
    """Checks every member's checksum, then the tasks sheet's rows as openpyxl reads them."""
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None, path
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return book["Tasks"].max_row
    finally:
        book.close()


def kill_when(proc: subprocess.Popen[bytes], out: Path, ready) -> None:  # type: ignore[no-untyped-def]
    """SIGKILL `proc` as soon as `ready()` holds (or let it finish)."""
    while proc.poll() is None:
        if ready():
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.0005)
    proc.wait(timeout=60)


def temp_present(out: Path) -> bool:
    with contextlib.suppress(FileNotFoundError):
        return any(name.endswith(".part") for name in os.listdir(out))
    return False


def test_a_killed_xlsx_export_never_leaves_an_incomplete_file_under_its_name(
    big_feed: Path, tmp_path: Path
) -> None:
    # A whole run first: the rows a complete file has, and how long a run takes, only to
    # spread the kills over it.
    whole = tmp_path / "whole"
    started = time.monotonic()
    done = subprocess.run(export_cmd(big_feed, whole), capture_output=True, check=False)
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    [complete] = finals(whole)
    rows = tasks_rows(complete)
    assert rows == 7 + KILL_TASKS  # title block, table title, blank, header, the tasks

    plans = [
        (f"{fraction:.0%} of a run", lambda out, t0, f=fraction: time.monotonic() - t0 >= f * took)
        for fraction in (0.5, 0.9)
    ]
    # The instant that matters: while the temporary file exists. It lives for a write and
    # an fsync, so the poll may miss it; a few tries, until one kill catches it.
    plans += [(f"temp file appears {n}", lambda out, t0: temp_present(out)) for n in range(5)]
    killed_with_temp = 0
    for label, ready in plans:
        if killed_with_temp and label.startswith("temp"):
            break
        out = tmp_path / label.replace(" ", "-").replace("%", "pc")
        proc = subprocess.Popen(
            export_cmd(big_feed, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        t0 = time.monotonic()
        kill_when(proc, out, lambda out=out, t0=t0, ready=ready: ready(out, t0))
        if not out.exists():
            continue
        if any(p.name.endswith(".part") for p in out.iterdir()):
            killed_with_temp += 1
        for path in finals(out):
            assert path.stat().st_size > 0, f"{label}: {path.name} is empty"
            assert tasks_rows(path) == rows, f"{label}: {path.name} is incomplete"
        for path in out.iterdir():
            # Nothing else but our temporary file: a dot file ending .part.
            assert path.name.startswith(("r57-", ".r57-")), path.name
            if path.name.startswith("."):
                assert path.name.endswith(".part"), path.name
    assert killed_with_temp >= 1


# --- no final name before the bytes are on disk ---------------------------------------


@pytest.fixture(params=["hard link", "no hard links", "no no-replace rename either"])
def naming(request, monkeypatch: pytest.MonkeyPatch) -> str:  # type: ignore[no-untyped-def]
    if request.param != "hard link":

        def no_link(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
            raise OSError(errno.EPERM, "Operation not permitted", str(dst))

        monkeypatch.setattr(export_files_module.os, "link", no_link)
    if request.param == "no no-replace rename either":
        monkeypatch.setattr(export_files_module, "_rename_noreplace", lambda temp, target: False)
    return request.param


def test_no_file_has_its_name_while_it_is_written_and_none_is_replaced(
    naming: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = tmp_path / "r57-x.csv"
    existing.write_bytes(b"the minutes of the last meeting")
    seen: list[list[str]] = []
    real_fsync = os.fsync

    def watching_fsync(fd: int) -> None:
        seen.append([p.name for p in finals(tmp_path)])
        real_fsync(fd)

    monkeypatch.setattr(export_files_module.os, "fsync", watching_fsync)
    data = b"a,b\r\n" * 1000
    path = export_files_module.write_new(tmp_path, "r57-x.csv", data)
    assert seen == [["r57-x.csv"]], f"{naming}: names while the data was flushed: {seen}"
    assert path.name == "r57-x-2.csv"
    assert path.read_bytes() == data
    assert existing.read_bytes() == b"the minutes of the last meeting"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_without_links_a_failed_rename_leaves_no_empty_file_under_the_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_link(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.EPERM, "Operation not permitted", str(dst))

    monkeypatch.setattr(export_files_module.os, "link", no_link)
    monkeypatch.setattr(export_files_module, "_rename_noreplace", lambda temp, target: False)

    def failing_replace(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.EIO, "Input/output error", str(dst))

    monkeypatch.setattr(export_files_module.os, "replace", failing_replace)
    with pytest.raises(ExportError, match=r"cannot write to .*: Input/output error"):
        export_files_module.write_new(tmp_path, "r57-x.csv", b"a,b\r\n")
    assert list(tmp_path.iterdir()) == []


# --- failing half way -----------------------------------------------------------------


def small_feed(tmp_path: Path, tasks: int = 3000) -> Path:
    rng = random.Random(16)
    path = tmp_path / "feed.json"
    document = feed_dict(
        [
            task(f"T-{i:05d}", rng.choice(["BKHCN", "LAI-CHAU"]), due="2025-12-31")
            for i in range(tasks)
        ],
        title="Họp Ban Chỉ đạo quý III",
    )
    path.write_bytes(to_bytes(document))
    return path


def file_size_limit(limit: int):  # type: ignore[no-untyped-def]
    def apply() -> None:
        # A write past the limit then fails with EFBIG, as a full disk fails with ENOSPC.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", ": file too large for this disk or account; none of the 5 files was written"),
        ("vi", ": tệp quá lớn với ổ đĩa hoặc tài khoản này; không tệp nào trong 5 tệp được ghi"),
    ],
)
def test_every_table_as_csv_failing_half_way_leaves_no_file_and_says_so(
    tmp_path: Path, language: str, said: str
) -> None:
    feed = small_feed(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    # The agencies' file fits under the limit; the tasks' file does not.
    result = r57(
        "--source",
        str(feed),
        "--lang",
        language,
        "export",
        "--format",
        "csv",
        "--table",
        "all",
        "--out",
        str(out),
        preexec=file_size_limit(100_000),
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("r57tui: "), lines[0]
    assert str(out) in lines[0], lines[0]
    assert said in lines[0], lines[0]
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == []


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """The folder made read-only for real: root ignores permission bits, not +i."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
    try:
        yield
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(0o755)


def test_a_folder_that_becomes_read_only_between_two_files_is_named_in_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = load_feed(small_feed(tmp_path, 50).read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    stack = contextlib.ExitStack()
    named: list[str] = []

    def after_first(real):  # type: ignore[no-untyped-def]
        def call(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
            real(src, dst, *args, **kwargs)
            named.append(Path(dst).name)
            if len(named) == 1:
                stack.enter_context(read_only(out))

        return call

    # Whichever call gives a file its name, the folder turns read-only right after it.
    monkeypatch.setattr(export_files_module.os, "link", after_first(os.link))
    monkeypatch.setattr(export_files_module.os, "replace", after_first(os.replace))
    specs = [TableSpec(name) for name in ("agencies", "tasks", "indicators", "findings")]
    meta = ExportMeta("x", feed.as_of, "feed.json", datetime(2025, 10, 15, 9, 0), "en")
    with stack, pytest.raises(ExportError) as raised:
        export(specs, feed, roll_up(feed), meta, fmt="csv", folder=out)
    [first] = named
    line = str(raised.value)
    assert "\n" not in line
    assert line.startswith(f"cannot write to {out}: "), line
    assert f"written, and could not be removed: {first}" in line, line
    # The one left is complete; no other file has an export's name.
    assert [p.name for p in finals(out)] == [first]
    rows = list(csv.reader(io.StringIO((out / first).read_text("utf-8-sig"))))
    assert len(rows) == 1 + 2 + 1  # the header, the two agencies, the totals
    for path in out.iterdir():
        assert path.name == first or (
            path.name.startswith(".r57-") and path.name.endswith(".part")
        ), path.name


def test_temporary_files_a_kill_left_long_ago_are_removed_and_nothing_else(
    tmp_path: Path,
) -> None:
    feed = small_feed(tmp_path, 5)
    out = tmp_path / "out"
    out.mkdir()
    old = time.time() - 2 * 3600
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    names = {
        "stale": ".r57-all-20251015-0800-20251015-090000.xlsx.k1x2y3.part",
        "fresh": ".r57-all-20251015-0800-20251015-090001.xlsx.a9b8c7.part",
        "not ours": ".other-export.part",
        "no dot": "r57-notes.part",
        "a link": ".r57-link.xlsx.q1w2e3.part",
        "a folder": ".r57-folder.xlsx.z9y8x7.part",
    }
    for label, name in names.items():
        path = out / name
        if label == "a link":
            path.symlink_to(outside)
        elif label == "a folder":
            path.mkdir()
        else:
            path.write_bytes(b"PK partial")
        if label != "fresh":
            os.utime(path, (old, old), follow_symlinks=False)
    result = r57("--source", str(feed), "export", "--format", "md", "--out", str(out))
    assert result.returncode == 0, result.stderr
    left = {p.name for p in out.iterdir()}
    assert names["stale"] not in left
    assert {names[k] for k in names if k != "stale"} <= left
    assert outside.read_text() == "keep"


# --- more than a format holds ---------------------------------------------------------


def long_feed(tmp_path: Path) -> Path:
    path = tmp_path / "long.json"
    document = feed_dict(
        [
            task("T-1", title="x" * 4_000_000, due="2025-12-31"),
            task("T-2", title="😀" * 20_000, due="2025-12-31"),  # 40,000 UTF-16 units
            task("T-3", title="y" * CELL, due="2025-12-31"),  # exactly a cell: kept whole
        ]
    )
    path.write_bytes(to_bytes(document))
    return path


@pytest.mark.parametrize("language", ["en", "vi"])
def test_xlsx_cells_longer_than_a_cell_are_shortened_marked_and_listed(
    tmp_path: Path, language: str, capsys
) -> None:
    out = tmp_path / "out"
    argv = ["--source", str(long_feed(tmp_path)), "--lang", language, "export"]
    assert main([*argv, "--format", "xlsx", "--table", "tasks", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    [path] = finals(out)
    book = openpyxl.load_workbook(path)
    tasks, notes = (
        ("Tasks", "Shortened cells") if language == "en" else ("Nhiệm vụ", "Ô đã rút gọn")
    )
    assert book.sheetnames == [tasks, notes]
    sheet = book[tasks]
    ref = tasks if language == "en" else f"'{tasks}'"  # as a cell reference names it
    where = {}
    for row in sheet.iter_rows(min_row=8):
        where[row[1].value] = row[2]  # after the row number: the id, the title
    t1, t2, t3 = where["T-1"], where["T-2"], where["T-3"]
    assert t1.value.startswith("xxxx")
    assert t1.value.endswith(marker(language, 4_000_000))
    assert t2.value.startswith("😀😀")
    assert t2.value.endswith(marker(language, 20_000))
    assert t3.value == "y" * CELL
    for cell in (t1, t2):
        assert CELL - 2 <= utf16(cell.value) <= CELL, utf16(cell.value)
    listed = list(book[notes].iter_rows(min_row=5, values_only=True))
    assert sorted(listed) == sorted(
        [
            (f"{ref}!{t1.coordinate}", sheet["C7"].value, "T-1", 4_000_000),
            (f"{ref}!{t2.coordinate}", sheet["C7"].value, "T-2", 20_000),
        ]
    )
    message = captured.err.strip()
    assert "\n" not in message
    limit = "32,767" if language == "en" else "32.767"
    lead = "2 cells shortened to" if language == "en" else "2 ô đã được rút gọn còn"
    assert message.startswith(f"r57tui: {lead} {limit} "), message
    assert f"{ref}!{t1.coordinate} (T-1)" in message
    assert f"{ref}!{t2.coordinate} (T-2)" in message
    assert captured.out.strip() == str(path)  # stdout stays the paths written


@pytest.mark.parametrize("language", ["en", "vi"])
def test_csv_cells_are_shortened_to_what_excel_opens_and_listed(
    tmp_path: Path, language: str, capsys
) -> None:
    out = tmp_path / "out"
    argv = ["--source", str(long_feed(tmp_path)), "--lang", language, "export"]
    assert main([*argv, "--format", "csv", "--table", "tasks", "--out", str(out)]) == 0
    message = capsys.readouterr().err.strip()
    [path] = finals(out)
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    for row in rows:
        for cell in row:
            assert utf16(cell) <= CELL
    by_id = {row[1]: (r, row[2]) for r, row in enumerate(rows[1:], start=2)}
    r1, title1 = by_id["T-1"]
    assert title1.endswith(marker(language, 4_000_000))
    assert by_id["T-3"][1] == "y" * CELL
    assert f"tasks!C{r1} (T-1)" in message, message
    assert "Excel" in message, message


def test_a_table_longer_than_a_sheet_is_refused_in_one_line() -> None:
    # Four title lines, the table title, a blank row and the header: 1,048,569 rows fit.
    rows: list[tuple[object, ...]] = [("T",)] * 1_048_570
    table = Table("tasks", "Tasks", (Column("id", "Id"),), rows)  # type: ignore[arg-type]
    meta = ExportMeta("x", datetime(2025, 10, 15), "feed.json", datetime(2025, 10, 15), "en")
    with pytest.raises(ExportError) as raised:
        render_xlsx([table], meta)
    assert str(raised.value) == (
        "XLSX: the tasks sheet would need 1,048,577 rows and a sheet holds at most 1,048,576;"
        " export it as CSV, or filter it"
    )


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs) -> None:  # type: ignore[no-untyped-def]
        self._in = tag in ("td", "h1", "caption")
        if self._in:
            self.cells.append("")

    def handle_endtag(self, tag) -> None:  # type: ignore[no-untyped-def]
        self._in = False

    def handle_data(self, data) -> None:  # type: ignore[no-untyped-def]
        if self._in:
            self.cells[-1] += data


@pytest.mark.parametrize("size", [1_000_000, 4_000_000, 40_000_000], ids=["1MB", "4MB", "40MB"])
def test_very_long_text_in_every_format(tmp_path: Path, size: int) -> None:
    big = base64.b64encode(random.Random(size).randbytes(size * 3 // 4)).decode()
    # The agency name is in three cells of each row (and the table's title): 1 MB is enough.
    name, note = big[:1_000_000], big[:4_000_000]
    document = feed_dict(
        [task("T-1", title=big, due="2025-12-31", notes=[{"date": "2025-10-01", "text": note}])],
        title=big,
    )
    document["agencies"][0]["name"] = name
    feed = load_feed(to_bytes(document))
    rollup = roll_up(feed)
    meta = ExportMeta(big, feed.as_of, "feed.json", datetime(2025, 10, 15, 9), "en")
    spec = [TableSpec("tasks", scope=Scope.agency("BKHCN"))]
    for fmt in FORMATS:
        exported = export_files(spec, feed, rollup, meta, fmt=fmt, folder=tmp_path / fmt)
        [path] = exported.paths
        if fmt == "xlsx":
            book = openpyxl.load_workbook(path)
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    for value in row:
                        assert not isinstance(value, str) or utf16(value) <= CELL
            assert len(book["Tasks"]["A1"].value) <= 300  # the title block's line
            assert book["Tasks"]["C8"].value.endswith(marker("en", len(big)))
            assert "Tasks!A5" in str(exported.shortened)  # the table's title: the agency
        elif fmt == "csv":
            for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"))):
                assert all(utf16(cell) <= CELL for cell in row)
            assert "tasks!C2 (T-1)" in str(exported.shortened)
            # The latest note is in the file too, shortened the same way.
            assert "tasks!Q2 (T-1)" in str(exported.shortened)  # one due column before it
        elif fmt == "md":
            text = path.read_text("utf-8")
            # Markdown has no cell limit: kept whole, the latest note too.
            assert f"| 1 | T-1 | {big} |" in text
            assert f"| {note} | " in text
            assert exported.shortened is None
        elif fmt == "html":
            parser = _Text()
            parser.feed(path.read_text("utf-8"))
            assert big in parser.cells
            assert exported.shortened is None
        elif fmt == "docx":
            report = docx.Document(str(path))
            cells = [c.text for t in report.tables for r in t.rows for c in r.cells]
            # A cell is cut as a workbook's is (a reader refuses a text of megabytes), in
            # the appendix of the agency's tasks; the feed's name in the header block cut.
            assert any(cell.endswith(marker("en", len(big))) for cell in cells)
            assert all(len(cell) <= CELL for cell in cells)
            assert "Appendix I, No. 1 (T-1)" in str(exported.shortened)
            assert len(report.core_properties.author) <= 255
            assert len(cells[0]) < 400  # the issuer: the feed's title, cut
        else:
            loaded = json.loads(path.read_bytes())
            assert loaded["title"] == big
            assert loaded["tasks"][0]["notes"][0]["text"] == note
            assert loaded["agencies"][0]["name"] == name


async def test_the_dashboard_says_where_it_shortened(tmp_path: Path) -> None:
    source = long_feed(tmp_path)
    settings = Settings(
        language="vi",
        source=str(source),
        export=ExportSettings(folder=tmp_path / "out", format="xlsx"),
    )
    app = RecordingApp(settings, open_source(str(source), settings))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        [path] = app.last_exports
        assert path.parent == tmp_path / "out"
        messages = [n.message for n in app.notices]
        shortened = [m for m in messages if "2 ô đã được rút gọn còn 32.767 ký tự" in m]
        assert len(shortened) == 1, messages
        assert "(T-1)" in shortened[0]
        assert "(T-2)" in shortened[0]
        assert app.is_running


async def test_capital_e_every_table_into_a_read_only_folder_says_none_was_written(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "minutes"
    folder.mkdir()
    settings = Settings(language="vi", export=ExportSettings(folder=folder, format="csv"))
    app = RecordingApp(settings, open_source(None))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        with read_only(folder):
            await pilot.press("E")
            dialog = app.screen
            dialog.query_one("#format").query("RadioButton")[1].value = True  # CSV
            dialog.query_one("#scope").query("RadioButton")[1].value = True  # every table
            await pilot.click("#export")
            await settle(app, pilot)
        messages = [n.message for n in app.notices]
        failed = [m for m in messages if m.startswith(f"không ghi được vào {folder}: ")]
        assert len(failed) == 1, messages
        assert "\n" not in failed[0]
        assert failed[0].endswith("không tệp nào trong 5 tệp được ghi"), failed[0]
        assert list(folder.iterdir()) == []
        assert app.is_running


# --- files that share one name: a screenshot's SVG and PNG ---------------------------


def test_files_of_one_stem_move_to_the_next_number_together_and_replace_nothing(
    naming: str, tmp_path: Path
) -> None:
    # The PNG's name is taken, the SVG's is free: both become -2, and when -2's SVG is
    # taken as well, both become -3; nothing is replaced and no temporary file is left.
    (tmp_path / "r57-screen.png").write_bytes(b"another picture")
    (tmp_path / "r57-screen-2.svg").write_bytes(b"another screen")
    files = [("r57-screen.svg", b"<svg/>"), ("r57-screen.png", b"\x89PNG")]
    paths = export_files_module.write_all(tmp_path, files, one_stem=True)
    assert [p.name for p in paths] == ["r57-screen-3.svg", "r57-screen-3.png"], naming
    assert [p.read_bytes() for p in paths] == [b"<svg/>", b"\x89PNG"]
    assert (tmp_path / "r57-screen.png").read_bytes() == b"another picture"
    assert (tmp_path / "r57-screen-2.svg").read_bytes() == b"another screen"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "r57-screen-2.svg",
        "r57-screen-3.png",
        "r57-screen-3.svg",
        "r57-screen.png",
    ]
    again = export_files_module.write_all(tmp_path, files, one_stem=True)
    assert [p.name for p in again] == ["r57-screen-4.svg", "r57-screen-4.png"]
