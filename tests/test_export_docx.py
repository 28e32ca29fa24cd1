"""The Word report by Decree 30/2020/NĐ-CP, read back with python-docx: the page (A4,
margins, portrait then landscape appendices), Times New Roman, page numbers from page 2,
numbered tables whose header row repeats, the lead paragraph's figures against the
roll-up, the overdue tasks' reasons, an agency's letter, English, the figures inserted,
feed text as data, and a bad template said in one line."""

from __future__ import annotations

import re
import struct
import zlib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table

from r57tui.cli import main
from r57tui.demo import demo_feed_path
from r57tui.feed import TaskState, load_feed
from r57tui.rollup import Bucket, roll_up
from r57tui.views import Scope
from r57tui.views.shown import latest_note
from tests.builders import feed_dict, task, to_bytes
from tests.test_baseline import demo_doc, meeting_baseline_doc, write

LEAD_VI = (
    "Tổng số 1.132 nhiệm vụ được giao; đã hoàn thành 485 nhiệm vụ (đạt 43%), trong đó 42 "
    "nhiệm vụ hoàn thành trễ hạn; 561 nhiệm vụ đang thực hiện trong hạn; 86 nhiệm vụ quá hạn."
)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of its own: no user's config or state is read."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report(home: Path, *args: str, lang: str = "vi", before: tuple[str, ...] = ()) -> Document:
    out = home / f"out-{len(list(home.glob('out-*')))}"
    argv = ["--lang", lang, *before, "export", "--format", "docx", *args, "--out", str(out)]
    assert main(argv) == 0
    [path] = sorted(out.iterdir())
    assert path.suffix == ".docx"
    return docx.Document(str(path))


def data_tables(document: Document) -> list[Table]:
    """The report's tables of figures (not the header block or the signature's layout)."""
    return [t for t in document.tables if t.style is not None and t.style.name == "Report Table"]


def grid(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def mm(length: int | None) -> float:
    assert length is not None
    return length / Mm(1)


def demo_rollup():
    feed = load_feed(demo_feed_path().read_bytes())
    return feed, roll_up(feed)


def test_a4_portrait_with_the_decrees_margins_and_landscape_appendices(home: Path) -> None:
    document = report(home)
    first, *appendices = document.sections
    assert round(mm(first.page_width)) == 210
    assert round(mm(first.page_height)) == 297
    assert first.orientation == 0  # portrait
    assert 20 <= round(mm(first.top_margin)) <= 25
    assert 20 <= round(mm(first.bottom_margin)) <= 25
    assert 30 <= round(mm(first.left_margin)) <= 35
    assert 15 <= round(mm(first.right_margin)) <= 20
    assert appendices, "the agencies' table goes as an appendix"
    for section in appendices:
        assert section.orientation == 1  # landscape
        assert round(mm(section.page_width)) == 297
        assert round(mm(section.page_height)) == 210
        assert round(mm(section.left_margin)) == round(mm(first.left_margin))


def _font_of(style) -> tuple[str | None, float | None]:
    name = size = None
    while style is not None and (name is None or size is None):
        name = name or style.font.name
        size = size or (style.font.size.pt if style.font.size else None)
        style = style.base_style
    return name, size


def test_times_new_roman_14_for_the_body_and_every_script(home: Path) -> None:
    document = report(home)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt in (13, 14)
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(script)) == "Times New Roman"
    body = [p for p in document.paragraphs if p.style.name == "Body Text" and p.text]
    assert body
    for paragraph in document.paragraphs:
        if paragraph.text:
            assert _font_of(paragraph.style)[0] == "Times New Roman", paragraph.style.name
    for paragraph in body:
        assert _font_of(paragraph.style)[1] in (13, 14)


def test_page_numbers_at_the_top_from_page_two(home: Path) -> None:
    document = report(home)
    first, *appendices = document.sections
    assert first.different_first_page_header_footer
    header_xml = first.header._element.xml
    assert "fldChar" in header_xml
    assert " PAGE " in header_xml
    assert first.header.paragraphs[0].alignment == 1  # centred
    assert " PAGE " not in first.first_page_header._element.xml
    for section in appendices:
        # Numbered from each appendix's first page on, with the same header.
        assert not section.different_first_page_header_footer
        assert section.header.is_linked_to_previous


def test_the_decrees_header_block_and_the_parts_left_to_fill(home: Path) -> None:
    document = report(home)
    header = grid(document.tables[0])[0]
    assert header[0].startswith("BAN CHỈ ĐẠO TRUNG ƯƠNG VỀ PHÁT TRIỂN KHOA HỌC")
    assert "Số: …/BC-…" in header[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1]
    assert "Độc lập - Tự do - Hạnh phúc" in header[1]
    assert re.search(r"…, ngày \d\d tháng \d\d? năm \d{4}", header[1])
    lines = texts(document)
    assert lines[0] == "BÁO CÁO"
    assert lines[1] == "Tình hình thực hiện nhiệm vụ đến ngày 15/10/2025"
    [closing] = [t for t in document.tables if grid(t)[0][0].startswith("Nơi nhận:")]
    assert "- Lưu: VT, …" in grid(closing)[0][0]
    assert grid(closing)[0][1].startswith("QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ\n(Chữ ký, dấu)")


def test_tables_are_numbered_and_repeat_their_header_row(home: Path) -> None:
    document = report(home)
    tables = data_tables(document)
    assert len(tables) >= 5  # indicators, groups, overdue, due soon, the appendix
    for table in tables:
        rows = table.rows
        assert rows[0].cells[0].text == "STT"
        assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])
        numbers = [row.cells[0].text for row in rows[1:] if row.cells[0].text.isdigit()]
        assert numbers == [str(n) for n in range(1, len(numbers) + 1)]


def test_the_lead_paragraph_and_the_group_table_are_the_rollups(home: Path) -> None:
    document = report(home)
    feed, rollup = demo_rollup()
    lines = texts(document)
    assert LEAD_VI in lines  # the words, the demo's figures
    [lead] = [line for line in lines if line.startswith("Tổng số")]
    numbers = [int(n.replace(".", "")) for n in re.findall(r"\d[\d.]*", lead)]
    total = rollup.total
    assert numbers == [
        total.assigned,
        total.completed,
        int(total.share(Bucket.COMPLETED).percent(0)),
        total.completed_late,
        total.on_time,
        total.overdue,
    ]
    [groups] = [t for t in data_tables(document) if grid(t)[0][1] == "Nhóm cơ quan"]
    rows = grid(groups)
    for row, key in zip(rows[1:5], ("ministry", "branch", "locality", "other"), strict=True):
        counts = Scope.group(key).counts(feed, rollup)
        assert row[2:7] == [
            f"{counts.assigned:,}".replace(",", "."),
            str(counts.completed),
            str(counts.completed_late),
            str(counts.on_time),
            str(counts.overdue),
        ]
    assert rows[-1][1] == "Tổng cộng"
    assert rows[-1][2:8] == ["1.132", "485", "42", "561", "86", "43%"]


def test_every_overdue_task_is_listed_under_its_agency_with_its_reason(home: Path) -> None:
    document = report(home)
    feed, rollup = demo_rollup()
    [overdue] = [t for t in data_tables(document) if grid(t)[0][-1] == "Ghi chú mới nhất"][:1]
    rows = grid(overdue)[1:]
    listed = {}
    agency = ""
    for row in rows:
        if row[0].isdigit():
            listed[agency, row[1]] = row
        else:
            agency = re.sub(r" \(\d+\)$", "", row[0])
    assert len(listed) == rollup.total.overdue
    late = [t for t in feed.tasks if t.state is TaskState.OVERDUE]
    with_notes = 0
    for item in late:
        row = listed[feed.agency_name(item.agency, "vi"), item.title]
        note = latest_note(item)
        if note is not None:
            with_notes += 1
            assert row[-1] == note.text
    assert with_notes > 40  # the demo gives most overdue tasks a reason
    # An agency's row (merged across the table) heads its tasks: "Bộ Xây dựng (7)".
    heads = [row[0] for row in rows if not row[0].isdigit()]
    counted = sum(int(re.search(r"\((\d+)\)$", head).group(1)) for head in heads)
    assert counted == rollup.total.overdue


def test_an_agencys_report_is_its_letter(home: Path) -> None:
    document = report(home, "--agency", "DIEN-BIEN")
    feed, rollup = demo_rollup()
    counts = rollup.by_agency["DIEN-BIEN"]
    lines = texts(document)
    assert lines[1].endswith("— Điện Biên")
    [lead] = [line for line in lines if line.startswith("Tổng số")]
    assert lead.startswith(f"Tổng số {counts.assigned} nhiệm vụ được giao")
    assert f"{counts.overdue} nhiệm vụ quá hạn." in lead
    assert not any("THEO NHÓM CƠ QUAN" in line.upper() for line in lines)
    overdue = data_tables(document)[0]
    mine = [t for t in feed.tasks if t.agency == "DIEN-BIEN"]
    assert sorted(row[1] for row in grid(overdue)[1:]) == sorted(
        t.title for t in mine if t.state is TaskState.OVERDUE
    )
    # Its tasks, every one, as the appendix on a landscape page.
    appendix = data_tables(document)[-1]
    assert len(appendix.rows) - 1 == counts.assigned
    assert document.sections[-1].orientation == 1


def test_all_notes_on_request_are_dated_lines_newest_first_in_the_appendix(home: Path) -> None:
    document = report(home, "--agency", "DIEN-BIEN", "--notes", "all")
    feed, _ = demo_rollup()
    appendix = data_tables(document)[-1]
    header, *rows = grid(appendix)
    assert header[-1] == "Ghi chú"
    assert "Ngày ghi chú" not in header
    by_id = {row[header.index("Mã")]: row[-1] for row in rows}
    noted = [t for t in feed.tasks if t.agency == "DIEN-BIEN" and len(t.notes) >= 2]
    assert noted  # the demo's Điện Biên has tasks with several notes
    for each in noted:
        lines = by_id[each.id].split("\n")  # Word's own line breaks, one per note
        assert len(lines) == len(each.notes)
        assert each.notes[-1].text[:20] in lines[0]
        assert lines[0].startswith(each.notes[-1].date.strftime("%d/%m/%Y"))


def test_the_report_in_english(home: Path) -> None:
    document = report(home, lang="en")
    header = grid(document.tables[0])[0]
    assert "SOCIALIST REPUBLIC OF VIET NAM" in header[1]
    assert "No.: …/BC-…" in header[0]
    assert re.search(r"…, \d{1,2} [A-Z][a-z]+ \d{4}", header[1])
    lines = texts(document)
    assert lines[0] == "REPORT"
    assert (
        "In total 1,132 tasks assigned; 485 completed (43%), of which 42 completed late; "
        "561 under way on time; 86 overdue."
    ) in lines
    every = " ".join(
        [*lines, *(cell.text for t in document.tables for r in t.rows for cell in r.cells)]
    )
    for vietnamese in ("Nơi nhận", "BÁO CÁO", "Phụ lục", "Tổng cộng", "quá hạn"):
        assert vietnamese not in every
    assert data_tables(document)[0].rows[0].cells[0].text == "No."


def test_with_a_baseline_a_sentence_says_what_changed(home: Path) -> None:
    base = write(home / "base.json", meeting_baseline_doc(demo_doc()))
    document = report(home, before=("--baseline", str(base)))
    [since] = [line for line in texts(document) if line.startswith("So với số liệu đến ngày")]
    then = roll_up(load_feed(base.read_bytes()))
    _, now = demo_rollup()
    was, is_ = then.total.completed, now.total.completed
    assert f"số nhiệm vụ hoàn thành tăng từ {was} lên {is_} (+{is_ - was})" in since
    assert "số nhiệm vụ quá hạn" in since


def _png(width: int = 4, height: int = 3) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_every_figure_is_inserted_at_its_width_with_its_caption_below(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from r57tui.export import report_figures as figures

    made = (
        figures.ReportFigure("Các cơ quan có nhiều nhiệm vụ quá hạn nhất", _png(), 150.0),
        figures.ReportFigure("Kết quả thực hiện theo nhóm cơ quan", _png(6, 2), 120.0),
    )
    monkeypatch.setattr(figures, "report_figures", lambda feed, rollup, language, trend=(): made)
    document = report(home)
    shapes = document.inline_shapes
    assert [round(mm(shape.width)) for shape in shapes] == [150, 120]
    paragraphs = document.paragraphs
    holders = [i for i, p in enumerate(paragraphs) if p._p.xpath(".//pic:pic")]
    assert len(holders) == 2
    for n, (at, figure) in enumerate(zip(holders, made, strict=True), start=1):
        caption = paragraphs[at + 1]
        assert caption.text == f"Hình {n}. {figure.caption}"
        assert caption.style.name == "Caption"


def test_feed_text_is_data_in_the_report(home: Path) -> None:
    tricky = '=HYPERLINK("x")\x1b[31m đỏ\x07\u202e lật\nxuống dòng'
    doc = feed_dict(
        [
            task("T-1", title=tricky, due="2025-09-01", notes=[
                {"date": "2025-10-01", "text": "Lý do\x00 \x1b[1mđậm\x1b[0m"}
            ]),
            task("T-2", "LAI-CHAU", due="2025-10-20"),
        ],
        title="Ban \x1bChỉ đạo\x07 — Sơ kết",
    )  # fmt: skip
    source = home / "feed.json"
    source.write_bytes(to_bytes(doc))
    document = report(home, before=("--source", str(source)))
    every = [*texts(document), *(c.text for t in document.tables for r in t.rows for c in r.cells)]
    joined = "\n".join(every)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202e]", joined)
    assert '=HYPERLINK("x")[31m đỏ lật xuống dòng' in every
    assert "Lý do [1mđậm[0m" in every
    assert grid(document.tables[0])[0][0].startswith("BAN CHỈ ĐẠO")


def _config(home: Path, template: Path) -> str:
    config = home / "r57tui.toml"
    config.write_text(f'[export]\nreport_template = "{template}"\n', encoding="utf-8")
    return str(config)


@pytest.mark.parametrize("kind", ["missing", "not-a-docx", "without-styles"])
def test_a_bad_template_is_one_line_naming_the_file(
    home: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    template = home / "mau-bao-cao.docx"
    if kind == "not-a-docx":
        template.write_text("not a Word file", encoding="utf-8")
    elif kind == "without-styles":
        docx.Document().save(str(template))  # python-docx's own: no report styles
    out = home / "out"
    argv = ["--lang", "en", "--config", _config(home, template), "export", "--format", "docx"]
    assert main([*argv, "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert "Traceback" not in err
    assert str(template) in err
    expected = {
        "missing": "no such report template",
        "not-a-docx": "not a Word document (.docx)",
        "without-styles": "the report template has no style",
    }[kind]
    assert expected in err
    assert not out.exists() or not any(out.iterdir())


def test_a_template_of_ones_own_restyles_the_report(home: Path) -> None:
    from r57tui.export.docx_format import TEMPLATE

    own = docx.Document(str(TEMPLATE))
    own.styles["Body Text"].font.size = docx.shared.Pt(13)
    own.sections[0].left_margin = Mm(35)
    template = home / "mau.docx"
    own.save(str(template))
    document = report(home, before=("--config", _config(home, template)))
    assert document.styles["Body Text"].font.size.pt == 13
    assert all(round(mm(s.left_margin)) == 35 for s in document.sections)


def test_kind_and_state_scope_the_report_as_other_exports(home: Path) -> None:
    feed, rollup = demo_rollup()
    localities = report(home, "--kind", "locality")
    counts = Scope.group("locality").counts(feed, rollup)
    lines = texts(localities)
    assert lines[1].endswith("— Địa phương")
    [lead] = [line for line in lines if line.startswith("Tổng số")]
    assert lead.startswith(f"Tổng số {counts.assigned} nhiệm vụ được giao")
    agencies = grid(data_tables(localities)[-1])
    assert {row[2] for row in agencies[1:-1]} == {"Địa phương"}
    assert agencies[-1][3] == str(counts.assigned)  # the appendix's totals row
    # An agency's overdue tasks alone, as `--table tasks --state overdue` lists them.
    overdue = report(home, "--table", "tasks", "--agency", "DIEN-BIEN", "--state", "overdue")
    appendix = grid(data_tables(overdue)[-1])
    assert len(appendix) - 1 == rollup.by_agency["DIEN-BIEN"].overdue
    assert {row[3] for row in appendix[1:]} == {"quá hạn"}


def test_the_report_ends_as_reports_end(home: Path) -> None:
    lines = [line for line in texts(report(home)) if line]
    # The body's last line, then the appendix's title.
    end = lines.index("Phụ lục I") - 1
    assert lines[end] == "Trên đây là báo cáo tình hình thực hiện nhiệm vụ đến ngày 15/10/2025./."


def test_with_a_history_the_report_draws_the_share_completed_meeting_by_meeting(
    home: Path,
) -> None:
    """Three recorded quarters and today's figures: a third figure, captioned, whose
    points are each meeting's share completed worked out here from its own tasks."""
    from r57tui.export.report_figures import trend_svg
    from r57tui.export.report_model import recorded_completion
    from tests.test_ui_trends import record_quarters, tally

    history = home / "h.sqlite3"
    feeds = record_quarters(history)[:3]  # not today's: the report adds it
    trend = recorded_completion(history)
    assert len(trend) == 4  # record_quarters recorded today's quarter too
    document = report(home, before=("--history", str(history)))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions[-1] == "Hình 3. Tỷ lệ nhiệm vụ hoàn thành qua các kỳ họp"
    assert len(document.inline_shapes) == 3
    feed, rollup = demo_rollup()
    drawn = trend_svg(trend[:3], rollup, "vi")
    assert drawn is not None
    values = re.findall(r'class="value"[^>]*>([^<]+)<', drawn[1])
    expected = []
    for each in [*feeds, feed]:
        assigned, done, _, _ = tally(each.tasks)
        share = (Decimal(done) * 100 / assigned).quantize(Decimal("0.1"), ROUND_HALF_UP)
        expected.append(f"{share}%".replace(".", ","))
    assert values == expected
    assert recorded_completion(home / "none.sqlite3") == ()
    assert not (home / "none.sqlite3").exists()


def test_the_trend_line_is_drawn_against_ticks_around_its_shares() -> None:
    """Shares that move 40 → 44.5 → 42.8% rise across the plot, read against ticks
    written at the left (40% to 45%), not flat near the middle of a 0–100% scale; shares
    from zero keep a zero-based axis."""
    from datetime import date

    from r57tui.export.report_figures import trend_svg
    from r57tui.export.svg_charts import share_axis

    _, rollup = demo_rollup()  # 42.8% completed, as of 15/10/2025
    trend = [(date(2025, 4, 15), Decimal("40.0")), (date(2025, 7, 15), Decimal("44.5"))]
    drawn = trend_svg(trend, rollup, "vi")
    assert drawn is not None
    svg = drawn[1]
    assert re.findall(r'class="tick"[^>]*>([^<]+)<', svg) == [f"{n}%" for n in range(40, 46)]
    heights = [float(y) for y in re.findall(r'<circle[^>]* cy="([\d.]+)"', svg)]
    assert max(heights) - min(heights) > 100  # of a plot 164 units tall; 0–100% gave 7
    assert share_axis([0.0, 7.0, 23.8, 42.8]) == (0, 10, 20, 30, 40, 50)
    assert share_axis([99.5, 100.0]) == (99, 100)
