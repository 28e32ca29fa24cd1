"""The Vietnamese interface: every string translated, numbers and dates in Vietnamese order,
names by language, search and sort as Vietnamese readers expect."""

from __future__ import annotations

import ast
import csv
import io
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from r57tui.commands.sources import open_source
from r57tui.config import ExportSettings, Settings
from r57tui.i18n import strings, validation
from r57tui.i18n.dates import format_as_of, format_date, format_due
from r57tui.i18n.strings import default_language
from r57tui.sources import Failed
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.app import R57App
from r57tui.ui.export_dialog import ExportDialog
from r57tui.ui.help_screen import HelpScreen
from r57tui.ui.task_table import TaskTable
from tests.builders import feed_dict, task
from tests.pilot import demo_app, feed_update, settle, text_of
from tests.po import po_translations

ROOT = Path(__file__).resolve().parents[1]
# The Vietnamese catalogue, as its .po says it (test_i18n_catalogue: the .mo read is the same).
VI = po_translations()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "vi_VN", "LANG": "en_US.UTF-8"}, "vi"),
        ({"LC_MESSAGES": "en_US", "LANG": "vi_VN"}, "en"),
        ({}, "en"),
    ],
)
def test_language_follows_the_locale_when_not_configured(env, expected) -> None:
    assert default_language(env) == expected


def test_dates_in_vietnamese_order() -> None:
    as_of = datetime(2025, 10, 15, 8, 0, tzinfo=timezone(timedelta(hours=7)))
    assert format_as_of(as_of, language="vi") == "15/10/2025 08:00"
    assert format_as_of(as_of, language="en") == "2025-10-15 08:00"
    assert format_as_of(as_of, offset=True, language="vi") == "15/10/2025 08:00 +0700"
    assert format_date(date(2025, 9, 30), "vi") == "30/09/2025"
    assert format_due("2025-09-30", "vi") == "30/09/2025"
    assert format_due("2025-09", "vi") == "09/2025"
    assert format_due("2025-Q3", "vi") == "Q3/2025"
    assert format_due("2025-Q3", "en") == "2025-Q3"


def _translated_literals(source: str) -> list[str]:
    """First-argument string constants of tr, ui_text, Phrase, Failed.of and Message.of."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        owner = getattr(getattr(func, "value", None), "id", None)
        wanted = name in ("tr", "ui_text", "Phrase") or (owner, name) in {
            ("Failed", "of"),
            ("Message", "of"),
        }
        first = node.args[0]
        if wanted and isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append(first.value)
    return found


def test_every_literal_interface_string_has_a_vietnamese_entry() -> None:
    untranslated = {
        (path.name, text)
        for path in (ROOT / "r57tui").rglob("*.py")
        for text in _translated_literals(path.read_text(encoding="utf-8"))
        if text and text not in VI
    }
    # The one template left out on purpose: pydantic's own English for an error type
    # validation.py does not know, so the walk-through below reports it as missing.
    assert untranslated == {("validation.py", "{pydantic}")}
    assert set(validation._TEMPLATES.values()) <= set(VI)
    # Templates put together from http._describe.
    for template in (
        "{where}: {what}",
        "{where}: TLS failed: {reason}",
        "{where}: request failed ({name})",
    ):
        assert template in VI


def vi_missing() -> set[str]:
    return {text for language, text in strings.missing() if language == "vi"}


async def test_every_screen_in_vietnamese_misses_no_string(tmp_path: Path) -> None:
    app = demo_app(language="vi", export=ExportSettings(folder=tmp_path, format="md"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        headline = text_of(app, "#headline")
        assert "Tất cả cơ quan: 1.132 nhiệm vụ" in headline
        assert "✓ Hoàn thành 485 (43%)" in headline
        assert "trong đó 42 trễ hạn" in headline
        assert "◷ Trong hạn 561 (50%)" in headline
        assert "! Quá hạn 86 (8%)" in headline
        assert "số liệu đến 15/10/2025 08:00" in text_of(app, "#status")
        for _ in range(6):  # every group, the owners' tab, and back to all
            await pilot.press("right_square_bracket")
        for _ in range(7):
            await pilot.press("s")
        await pilot.press("tab", "e", "tab", "question_mark", "escape")
        await pilot.press("slash", *"dien bien", "enter", "e", "escape")
        await pilot.press("enter")
        tasks = app.screen.query_one(TaskTable)
        assert str(tasks.get_row(tasks.keys[0])[2]).endswith("quá hạn")
        for key in ("1", "2", "3", "0", "s", "s", "s", "s", "s", "s", "s", "question_mark"):
            await pilot.press(key)
        await pilot.press("escape", "enter")
        detail = text_of(app, "#detail")
        assert "Cơ quan chủ trì" in detail
        assert "Điện Biên" in detail
        assert "DIEN-BIEN" not in detail  # the feed's id is a code, not shown
        await pilot.press("question_mark", "escape", "escape", "escape", "a", "e", "E")
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("escape", "escape", "g", "escape", "p", "p", "r")
        app.get_system_commands(app.screen)
        app.apply_update(Failed("feed.json: gone"))
        app.apply_update(feed_update(feed_dict([task("T1"), task("T1")])))
        await pilot.press("f", "e", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = "\n".join(path.read_text("utf-8") for path in tmp_path.glob("*.md"))
        assert "Số liệu đến" in text
        assert "15/10/2025 08:00 +0700" in text
    assert vi_missing() == set()


def test_binding_descriptions_follow_the_interface_language() -> None:
    script = (
        "from r57tui.i18n.strings import set_interface_language as s; s('vi');"
        "from r57tui.ui.keys import bindings;"
        "print('|'.join(sorted({b.description for b in bindings()})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    descriptions = set(out.strip().split("|"))
    assert {"Thoát", "Cập nhật", "Lọc", "Sắp xếp", "Quá hạn", "Xuất bảng"} <= descriptions
    assert "Quit" not in descriptions


async def test_names_by_language_with_fallback_to_name() -> None:
    for language, ministry in (("vi", "Bộ Tài chính"), ("en", "Ministry of Finance")):
        app = demo_app(language=language)
        # Wide enough for the whole name beside every figure column's heading.
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(app, pilot)
            table = app.screen.query_one(AgencyTable)
            assert table.get_row("BTC")[0].plain == ministry
            # A province has no English name: its Vietnamese name shows in both.
            assert table.get_row("DIEN-BIEN")[0].plain == "Điện Biên"


async def test_search_and_name_order_for_vietnamese_readers() -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(AgencyTable)
        for query in ("dien bien", "Điện Biên", "DIEN BIEN", "điện biên"):
            await pilot.press("slash", *query)
            assert table.keys == ["DIEN-BIEN"], query
            await pilot.press("escape")
        await pilot.press("slash", *"Hà Giang")
        assert "TUYEN-QUANG" in table.keys
        await pilot.press("escape")
        await pilot.press(*["right_square_bracket"] * 3)  # Localities
        while app.screen.sort.key != "name":
            await pilot.press("s")
        names = [table.get_row(key)[0].plain for key in table.keys]
        expected = ["Cà Mau", "Cao Bằng", "Cần Thơ"]
        assert names[names.index("Cà Mau") : names.index("Cà Mau") + 3] == expected
        d_names = ["Đà Nẵng", "Đắk Lắk", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai"]
        start = names.index("Đà Nẵng")
        assert names[start : start + 6] == d_names


def test_csv_stays_machine_readable_in_vietnamese(tmp_path: Path) -> None:
    from r57tui.cli import main

    assert (
        main(
            [
                "--lang",
                "vi",
                "export",
                "--format",
                "csv",
                "--table",
                "agencies",
                "--out",
                str(tmp_path),
            ]
        )
        == 0
    )
    [path] = tmp_path.glob("*.csv")
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    header = rows[0]
    assert header[:4] == ["STT", "Mã", "Cơ quan", "Loại"]
    body, totals = rows[1:-1], rows[-1]
    assert [row[0] for row in body] == [str(n) for n in range(1, len(body) + 1)]
    total = sum(int(row[header.index("Được giao")]) for row in body)
    assert total == 1132  # plain numbers, not "1.132"
    assert totals[:3] == ["", "", "Tổng cộng"]
    assert totals[header.index("Được giao")] == "1132"


def test_the_dashboard_defaults_to_vietnamese_on_a_vietnamese_locale(monkeypatch) -> None:
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    app = R57App(Settings(), open_source(None))
    assert app.language == "vi"


def test_source_failure_reasons_all_have_vietnamese() -> None:
    from r57tui.sources import http

    reasons = [*http._REASONS.values(), "the server refused the request"]
    assert [reason for reason in reasons if reason not in VI] == []


async def test_a_stale_reason_reads_in_vietnamese(tmp_path: Path) -> None:
    missing = tmp_path / "feed.json"
    app = R57App(Settings(language="vi"), open_source(str(missing)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        status = text_of(app, "#status")
        assert "CHƯA CÓ SỐ LIỆU" in status
        assert "feed.json: không tìm thấy tệp" in status


def _feed_with_every_finding() -> dict:
    """One feed that earns every kind of finding and every error type a record can get."""
    return feed_dict(
        [
            task("OK-1"),
            task("OK-1"),  # duplicate
            task("U-1", agency="BO-MOI"),  # unknown agency
            task("C-1", status="completed"),  # contradiction: open, no deadline… given
            task("C-2", status="on_time", due="2025-01-31"),  # the dates say overdue
            task("C-3", completed="2025-12-01"),  # completed after as_of
            task("R-1", co_agencies=["KHONG-CO"]),  # reference
            task("I-1", progress="70"),  # int_type
            task("I-2", progress=150),  # less_than_equal
            task("I-3", key_task="yes"),  # bool_type
            task("I-4", status="done"),  # enum
            task("I-5", due="2025-13"),  # month out of range
            task("I-6", due="soon"),  # not a deadline
            task("I-7", due="2025-02-30"),  # not a real date
            task("I-8", assigned="15/10/2025"),  # date parsing
            task("I-9", notes="none"),  # tuple_type
            task("", title=""),  # string_too_short
            {"id": "I-10", "agency": "BKHCN"},  # missing title
            {"id": "I-11", "title": 5, "agency": "BKHCN"},  # string_type
            "not a task",  # dataclass_type
        ],
        as_of="2025-10-15T08:00:00",  # as-of without offset
        agencies=[
            {"id": "BKHCN", "name": "Bộ Khoa học và Công nghệ", "kind": "ministry"},
            {"id": "LAI-CHAU", "name": "Lai Châu", "kind": "locality", "parent": "KHONG-CO"},
            {"id": "X", "name": "X", "kind": "planet"},  # literal/enum
        ],
        indicators=[
            {"id": "IND-1", "name": "Chỉ tiêu", "value": 1.5, "agency": "KHONG-CO"},
            {"id": "IND-2", "name": "Chỉ tiêu", "value": "73,5"},  # float_type
        ],
    )


def test_every_finding_reads_in_vietnamese(tmp_path: Path) -> None:
    from r57tui.check import finding_line
    from r57tui.feed import load_feed
    from tests.builders import to_bytes

    feed = load_feed(to_bytes(_feed_with_every_finding()))
    codes = {finding.code for finding in feed.findings}
    assert codes == {
        "invalid",
        "duplicate",
        "unknown-agency",
        "contradiction",
        "reference",
        "as-of",
    }
    lines = [finding_line(finding, "vi") for finding in feed.findings]
    english = [str(finding) for finding in feed.findings]
    assert vi_missing() == set(), vi_missing()
    # Every line changed language (only ids and quoted values stay as they were)…
    assert all(vi != en for vi, en in zip(lines, english, strict=True))
    # …and reads as a Vietnamese reader expects.
    text = "\n".join(lines)
    for expected in (
        "tasks[1] (OK-1): mã đã xuất hiện trước đó; giữ bản ghi đầu tiên, loại bản ghi này",
        "cơ quan 'BO-MOI' không có trong danh sách cơ quan (1 nhiệm vụ ghi cơ quan này)",
        "progress: phải là số nguyên (giá trị: '70')",
        "progress: phải nhỏ hơn hoặc bằng 100 (giá trị: 150)",
        "due: tháng 13 không nằm trong 01-12",
        "title: bắt buộc phải có",
        "as_of: không ghi múi giờ UTC",
        "cơ quan phối hợp 'KHONG-CO' không có trong danh sách cơ quan",
        "cơ quan cấp trên 'KHONG-CO'",
        "value: phải là số (giá trị: '73,5')",
        "bị loại ra: phải là object",
    ):
        assert expected in text
    assert "Input should" not in text  # no pydantic English left


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "tài liệu: rỗng: không có nội dung JSON"),
        (b'{"format": "r57-feed",\n "version": 1,,}', "dòng 2, cột 15: không phải JSON"),
        (b"[1, 2]", "tài liệu: là mảng (array) JSON, không phải object"),
        (b'{"format": "other"}', "format: là 'other', không phải 'r57-feed'"),
        (b'{"format": "r57-feed", "version": 9, "as_of": "x"}', "hãy cập nhật r57tui"),
        (b"\xff", "byte 0: không phải văn bản UTF-8 (byte 0xff)"),
        (
            b'{"format": "r57-feed", "version": 1, "as_of": "2025-10-15"}',
            "tasks: thiếu: nguồn số liệu phải liệt kê các nhiệm vụ",
        ),
    ],
)
def test_refused_feeds_read_in_vietnamese(data: bytes, expected: str) -> None:
    from r57tui.feed import FeedError, load_feed

    with pytest.raises(FeedError) as refused:
        load_feed(data)
    assert expected in refused.value.text("vi")
    assert refused.value.text("en") == str(refused.value)
    assert vi_missing() == set(), vi_missing()


async def test_findings_screen_and_refusal_in_vietnamese(tmp_path: Path) -> None:
    bad = tmp_path / "feed.json"
    bad.write_text('{"format": "r57-feed"}', encoding="utf-8")
    app = demo_app(language="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.apply_update(feed_update(_feed_with_every_finding()))
        await pilot.press("f")
        await pilot.pause()
        shown = app.screen.query_one("#findings")
        cells = "\n".join(
            str(cell) for row in range(shown.row_count) for cell in shown.get_row_at(row)
        )
        assert "mã đã xuất hiện trước đó" in cells
        for code in ("không hợp lệ", "trùng mã", "cơ quan lạ", "mâu thuẫn", "tham chiếu sai"):
            assert code in cells
        assert "Input should" not in cells
        source = open_source(str(bad), Settings(source=str(bad)))
        app.apply_update(await source.poll())
        await pilot.pause()
        status = text_of(app, "#status")
        assert "SỐ LIỆU CŨ" in status
        # One line at 120 columns: the reason begins there, shortened by words.
        assert "feed.json: version: thiếu" in status
    assert vi_missing() == set(), vi_missing()


def test_check_report_in_vietnamese(tmp_path: Path) -> None:
    from tests.builders import to_bytes

    path = tmp_path / "feed.json"
    path.write_bytes(to_bytes(_feed_with_every_finding()))
    result = subprocess.run(
        [sys.executable, "-m", "r57tui", "--lang", "vi", "check", str(path)],
        capture_output=True,
        text=True,
        env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Được giao" in result.stdout
    assert "vấn đề chất lượng dữ liệu:" in result.stdout
    assert "tasks[1] (OK-1): mã đã xuất hiện trước đó" in result.stdout


def test_config_errors_in_vietnamese(tmp_path: Path) -> None:
    config = tmp_path / "r57tui.toml"
    config.write_text('refesh = 5\nlanguage = "vi"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "r57tui", "--lang", "vi", "--config", str(config)],
        capture_output=True,
        text=True,
        env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"r57tui: {config}: khoá không hợp lệ 'refesh' (có phải ý bạn là 'refresh'?)"
    )
    config.write_text("refresh = -1\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "r57tui", "--config", str(config)],
        capture_output=True,
        text=True,
        env={"LANG": "vi_VN.UTF-8", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 2
    assert "refresh: phải lớn hơn hoặc bằng 0 (giá trị: -1)" in result.stderr
