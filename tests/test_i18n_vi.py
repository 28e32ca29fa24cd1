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

from r57tui.config import ExportSettings, Settings
from r57tui.i18n import strings
from r57tui.i18n.dates import format_as_of, format_date, format_due
from r57tui.i18n.strings import VI, default_language
from r57tui.sources import Failed, open_source
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.app import R57App
from r57tui.ui.export_dialog import ExportDialog
from r57tui.ui.help_screen import HelpScreen
from r57tui.ui.task_table import TaskTable
from tests.builders import feed_dict, task
from tests.pilot import demo_app, feed_update, settle, text_of

ROOT = Path(__file__).resolve().parents[1]


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
    """First-argument string constants of tr, ui_text, Phrase and Failed.of calls."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        owner = getattr(getattr(func, "value", None), "id", None)
        wanted = name in ("tr", "ui_text", "Phrase") or (owner, name) == ("Failed", "of")
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
    assert untranslated == set()
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
        assert "Tất cả cơ quan: 1.132 được giao" in headline
        assert "✓ Hoàn thành 485 (43%), 42 trễ hạn" in headline
        assert "◷ Đúng hạn 561 (50%)" in headline
        assert "! Quá hạn 86 (8%)" in headline
        assert "số liệu đến 15/10/2025 08:00" in text_of(app, "#status")
        for _ in range(5):
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
        assert "Điện Biên (DIEN-BIEN)" in detail
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
        async with app.run_test(size=(120, 40)) as pilot:
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
        while app.screen.sort != "name":
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
    assert header[:3] == ["Mã", "Cơ quan", "Loại"]
    total = sum(int(row[header.index("Được giao")]) for row in rows[1:])
    assert total == 1132  # plain numbers, not "1.132"


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
        assert "SỐ LIỆU CŨ" in status
        assert "feed.json: không tìm thấy tệp" in status
