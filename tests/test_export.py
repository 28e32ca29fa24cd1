"""Exports, read back with real readers: csv, openpyxl, html.parser, and the feed loader."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from r57tui.cli import main
from r57tui.demo import demo_feed_path
from r57tui.export import ExportError, ExportMeta, TableSpec, build_table, view_title
from r57tui.export.files import file_name, slug, write_new
from r57tui.feed import load_feed
from r57tui.rollup import Bucket, roll_up
from r57tui.views import Scope, StateFilter, agency_rows
from tests.builders import export, feed_dict, task, to_bytes

GENERATED = datetime(2025, 10, 16, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo():
    feed = load_feed(demo_feed_path().read_bytes())
    return feed, roll_up(feed)


def meta_of(feed, language: str = "en") -> ExportMeta:
    return ExportMeta(feed.title or "", feed.as_of, "demo", GENERATED, language)


def hostile_feed():
    return load_feed(
        to_bytes(
            feed_dict(
                [
                    task("T1", "EVIL", title='=HYPERLINK("http://x")', source="+cmd|' /C calc'!A0"),
                    task("T2", "EVIL", title="<script>alert(1)</script> | pipe", due="2025-01-31"),
                    task("T3", title="-2+3", source="@SUM(1)"),
                ],
                title="=1+1 \x1b[2J",
                agencies=[{"id": "EVIL", "name": "../../etc/passwd", "kind": "locality"}],
            )
        )
    )


# CSV ----------------------------------------------------------------------------------


def test_csv_has_bom_one_header_and_the_rollup_figures(demo, tmp_path: Path) -> None:
    feed, rollup = demo
    spec = TableSpec("agencies", group="locality", sort="name")
    [path] = export([spec], feed, rollup, meta_of(feed), fmt="csv", folder=tmp_path, delimiter=";")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    assert header[:4] == ["No.", "Id", "Agency", "Kind"]
    assert header[-2:] == ["Feed as of", "Feed source"]
    assert len(body) == 34
    expected = agency_rows(feed, rollup, group="locality", sort="name", language="en")
    assert [row[1] for row in body] == [r.agency.id for r in expected]
    assert [row[0] for row in body] == [str(n) for n in range(1, 35)]
    assert {row[3] for row in body} == {"locality"}  # the kind in words
    for row, want in zip(body, expected, strict=True):
        assert int(row[header.index("Overdue")]) == want.counts.overdue
        assert int(row[header.index("Assigned")]) == want.counts.assigned
        assert row[-2] == "2025-10-15 08:00 +0700"
        assert row[-1] == "demo"
    assert (
        sum(int(row[header.index("Assigned")]) for row in body)
        == rollup.by_kind["locality"].assigned
    )
    # The totals row, as in XLSX and Markdown.
    assert totals[:3] == ["", "", "Total"]
    assert int(totals[header.index("Assigned")]) == rollup.by_kind["locality"].assigned


def test_csv_never_starts_a_formula(tmp_path: Path) -> None:
    feed = hostile_feed()
    rollup = roll_up(feed)
    [path] = export([TableSpec("tasks")], feed, rollup, meta_of(feed), fmt="csv", folder=tmp_path)
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    titles = {row[1]: row[2] for row in rows[1:]}
    assert titles["T1"] == '\'=HYPERLINK("http://x")'
    assert titles["T3"] == "'-2+3"


# XLSX ---------------------------------------------------------------------------------


def test_xlsx_sheets_title_block_numbers_percentages_and_highlight(demo, tmp_path: Path) -> None:
    feed, rollup = demo
    specs = [TableSpec(name) for name in ("agencies", "tasks", "indicators", "findings")]
    [path] = export(specs, feed, rollup, meta_of(feed), fmt="xlsx", folder=tmp_path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Agencies", "Tasks", "Indicators", "Findings", "Charts"]
    sheet = book["Agencies"]
    assert sheet["A1"].value == feed.title
    assert (sheet["A2"].value, sheet["B2"].value) == ("As of", "2025-10-15 08:00 +0700")
    assert (sheet["A3"].value, sheet["B3"].value) == ("Feed source", "demo")
    assert sheet.freeze_panes == "A8"
    header = [cell.value for cell in sheet[7]]
    assert header[:5] == ["No.", "Id", "Agency", "Kind", "Assigned"]
    rows = list(sheet.iter_rows(min_row=8, values_only=False))
    body, total = rows[:-1], rows[-1]
    assert len(body) == 69
    col = {name: i for i, name in enumerate(header)}
    first = body[0]
    counts = rollup.by_agency[first[col["Id"]].value]
    assert first[col["Overdue"]].value == counts.overdue
    assert isinstance(first[col["Assigned"]].value, int)
    percent = first[col["% completed"]]
    assert percent.number_format == "0%"
    share = counts.share(Bucket.COMPLETED)
    assert percent.value == pytest.approx(share.part / share.whole, abs=1e-12)  # exact
    assert first[col["Overdue"]].fill.fgColor.rgb.endswith("FFC7CE")  # highlighted
    assert total[col["Agency"]].value == "Total"
    assert total[col["Assigned"]].value == 1132
    assert total[col["Overdue"]].value == 86
    assert [row[0].value for row in body] == list(range(1, 70))
    assert sheet.column_dimensions["C"].width > 20  # fitted to the names


def test_xlsx_text_is_never_a_formula(tmp_path: Path) -> None:
    feed = hostile_feed()
    [path] = export(
        [TableSpec("tasks")], feed, roll_up(feed), meta_of(feed), fmt="xlsx", folder=tmp_path
    )
    sheet = openpyxl.load_workbook(path)["Tasks"]
    values = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in values)
    assert '=HYPERLINK("http://x")' in [cell.value for cell in values]
    assert sheet["A1"].value == "=1+1 <U+001B>[2J"


# Markdown and HTML --------------------------------------------------------------------


def test_markdown_heading_meta_and_pipe_tables(demo, tmp_path: Path) -> None:
    feed, rollup = demo
    [path] = export(
        [TableSpec("agencies", group="ministry")],
        feed,
        rollup,
        meta_of(feed),
        fmt="md",
        folder=tmp_path,
    )
    text = path.read_text("utf-8")
    assert text.startswith(f"# {feed.title}")
    assert "- **As of:** 2025-10-15 08:00 +0700" in text
    assert "- **Feed source:** demo" in text
    lines = [line for line in text.splitlines() if line.startswith("| ")]
    assert lines[0].startswith("| No. | Id | Agency | Kind | Assigned")
    assert len(lines) == 2 + 19 + 1  # header, rule, ministries, total
    assert lines[-1].startswith("|  |  | **Total** |")
    assert [line.split(" | ")[0] for line in lines[2:-1]] == [f"| {n}" for n in range(1, 20)]
    assert "**648**" in lines[-1]


def test_markdown_escapes_pipes_and_markup(tmp_path: Path) -> None:
    feed = hostile_feed()
    [path] = export(
        [TableSpec("tasks")], feed, roll_up(feed), meta_of(feed), fmt="md", folder=tmp_path
    )
    text = path.read_text("utf-8")
    assert "\\<script\\>alert(1)\\</script\\> \\| pipe" in text
    assert "\x1b" not in text


class Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_html_is_one_self_contained_page_with_the_figures(demo, tmp_path: Path) -> None:
    feed, rollup = demo
    [path] = export(
        [TableSpec("agencies"), TableSpec("indicators")],
        feed,
        rollup,
        meta_of(feed),
        fmt="html",
        folder=tmp_path,
    )
    parser = Cells()
    parser.feed(path.read_text("utf-8"))
    assert "script" not in parser.tags
    assert "link" not in parser.tags
    assert parser.tags.count("table") == 2
    total = next(row for row in parser.rows if row and row[2] == "Total")
    assert total[4:9] == ["1,132", "485", "42", "561", "86"]
    assert total[9] == "43%"


def test_html_escapes_feed_text(tmp_path: Path) -> None:
    feed = hostile_feed()
    [path] = export(
        [TableSpec("tasks")], feed, roll_up(feed), meta_of(feed), fmt="html", folder=tmp_path
    )
    parser = Cells()
    parser.feed(path.read_text("utf-8"))
    assert "script" not in parser.tags
    titles = [row[2] for row in parser.rows[1:]]
    assert "<script>alert(1)</script> | pipe" in titles


# JSON snapshot ------------------------------------------------------------------------


def test_json_snapshot_is_a_loadable_feed_with_the_same_figures(demo, tmp_path: Path) -> None:
    feed, rollup = demo
    [path] = export(
        [TableSpec("agencies")], feed, rollup, meta_of(feed), fmt="json", folder=tmp_path
    )
    again = load_feed(path.read_bytes())
    assert again.findings == []
    assert roll_up(again) == rollup
    assert len(again.tasks) == 1132
    assert [t.notes for t in again.tasks] == [t.notes for t in feed.tasks]
    snapshot = json.loads(path.read_bytes())["r57tui_snapshot"]
    assert snapshot["rollup"]["total"]["overdue"] == 86
    assert snapshot["source"] == "demo"
    assert main(["check", str(path)]) == 0


def test_json_snapshot_keeps_feed_text_but_never_raw_controls(tmp_path: Path) -> None:
    feed = load_feed(to_bytes(feed_dict([task("T1", title="a\u202eb\u0085c")])))
    [path] = export(
        [TableSpec("tasks")], feed, roll_up(feed), meta_of(feed), fmt="json", folder=tmp_path
    )
    raw = path.read_bytes()
    assert "\u202e".encode() not in raw
    assert "\u0085".encode() not in raw
    assert load_feed(raw).tasks[0].title == "a\u202eb\u0085c"


# Files --------------------------------------------------------------------------------


def test_names_are_sanitised_and_never_a_path() -> None:
    assert slug("tasks-../../etc/passwd") == "tasks-etc-passwd"
    assert slug("tasks-ĐIỆN BIÊN") == "tasks-dien-bien"
    assert slug("///") == "export"
    name = file_name("tasks-../x", datetime(2025, 10, 15, 8, 0), GENERATED, "csv")
    assert name == "r57-tasks-x-20251015-0800-20251016-093000.csv"
    assert os.sep not in name


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    first = write_new(tmp_path, "r57-x.csv", b"one")
    second = write_new(tmp_path, "r57-x.csv", b"two")
    assert first.read_bytes() == b"one"
    assert second.name == "r57-x-2.csv"
    assert second.read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r57-x-2.csv", "r57-x.csv"]


def test_a_folder_that_is_a_file_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(ExportError, match=r"cannot write to .*not-a-folder"):
        write_new(blocker / "sub", "r57-x.csv", b"x")
    assert [p.name for p in tmp_path.iterdir()] == ["not-a-folder"]


# Filtered tables and the command ------------------------------------------------------


def test_task_table_of_a_filtered_view(demo) -> None:
    feed, rollup = demo
    spec = TableSpec(
        "tasks",
        scope=Scope.group("locality"),
        state=StateFilter.OVERDUE,
        query="dien bien",
        sort="due",
    )
    table = build_table(spec, feed, rollup, "en")
    assert {row[table.column("agency_id")] for row in table.rows} == {"DIEN-BIEN"}
    assert len(table.rows) == rollup.by_agency["DIEN-BIEN"].overdue
    assert spec.slug == "tasks-locality-overdue-filtered"


def test_export_command_writes_the_files(tmp_path: Path, capsys) -> None:
    code = main(
        [
            "export",
            "--format",
            "csv",
            "--table",
            "tasks",
            "--agency",
            "LAI-CHAU",
            "--state",
            "overdue",
            "--out",
            str(tmp_path),
            "--delimiter",
            ";",
        ]
    )
    assert code == 0
    [line] = capsys.readouterr().out.splitlines()
    path = Path(line)
    assert path.parent == tmp_path
    assert path.name.startswith("r57-tasks-lai-chau-overdue-20251015-0800-")
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 4


def test_export_command_refuses_an_unknown_agency_with_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["export", "--agency", "NOPE", "--out", str(tmp_path)]) == 2
    assert "no agency 'NOPE'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_export_command_on_a_refused_feed_exits_1(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "feed.json"
    bad.write_text("{")
    assert main(["--source", str(bad), "export", "--out", str(tmp_path / "out")]) == 1
    assert "feed.json" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("spec", "vi", "en"),
    [
        (
            TableSpec("tasks", scope=Scope.agency("DIEN-BIEN"), state=StateFilter.OVERDUE),
            "Nhiệm vụ quá hạn của Điện Biên",
            "Overdue tasks of Điện Biên",
        ),
        (
            TableSpec("tasks", scope=Scope.agency("BTC")),
            "Nhiệm vụ của Bộ Tài chính",
            "Tasks of Ministry of Finance",
        ),
        (
            TableSpec("tasks", scope=Scope.group("locality"), state=StateFilter.DUE_SOON),
            "Nhiệm vụ sắp đến hạn — Địa phương",
            "Tasks due soon — Localities",
        ),
        (TableSpec("tasks"), "Tất cả nhiệm vụ", "All tasks"),
        (TableSpec("agencies", group="ministry"), "Cơ quan — Bộ, cơ quan ngang bộ", None),
        (TableSpec("agencies", query="y tế"), "Cơ quan, lọc “y tế”", "Agencies, filter “y tế”"),
        (TableSpec("findings"), "Vấn đề chất lượng dữ liệu", "Data-quality findings"),
        (TableSpec("changes", change="overdue"), "Thay đổi so với mốc — mới quá hạn", None),
    ],
)
def test_the_export_dialog_names_a_view_in_words_not_its_file_name(
    demo, spec: TableSpec, vi: str, en: str | None
) -> None:
    feed, _ = demo
    assert view_title(spec, feed, "vi") == vi
    if en is not None:
        assert view_title(spec, feed, "en") == en


def test_an_english_export_gives_units_in_english(demo) -> None:
    feed, rollup = demo
    units = {}
    for language in ("en", "vi"):
        table = build_table(TableSpec("indicators"), feed, rollup, language)
        units[language] = {row[0]: row[table.column("unit")] for row in table.rows}
    assert units["en"]["tthc-records"] == "million records"
    assert units["vi"]["tthc-records"] == "triệu hồ sơ"
    assert units["en"]["avg-processing-days"] == "days"
    assert units["en"]["gdp-contribution"] == "%"
