"""Search everything: the palette (ctrl+p) finds agencies by name, short name and former
names, tasks by id, title, owner and notes, indicators, owners and the screen's commands,
ignoring case and diacritics — the index alone, then the app driven with Pilot."""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.command import CommandPalette
from textual.widgets import Input, OptionList

from r57tui.config import ExportSettings
from r57tui.feed import Feed, load_feed
from r57tui.i18n.strings import tr
from r57tui.ui.export_dialog import ExportDialog
from r57tui.ui.indicator_screen import IndicatorScreen
from r57tui.ui.task_screen import TaskScreen
from r57tui.ui.tasks_screen import TasksScreen
from r57tui.views.search_index import (
    SCREENFUL,
    Query,
    SearchIndex,
    Tier,
    note_found,
    search_index,
)
from tests.builders import feed_dict, task, to_bytes
from tests.pilot import demo_app, feed_update, settle, text_of


@pytest.fixture(scope="module")
def demo() -> Feed:
    return load_feed((importlib.resources.files("r57tui.demo") / "demo-feed.json").read_bytes())


def found(feed: Feed, query: str, language: str = "vi") -> list[tuple[str, str]]:
    return [(hit.kind, hit.key) for hit in search_index(feed, language).search(Query.of(query))]


# The index alone ------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["dien bien", "Điện Biên", "DIỆN BIÊN", "điện biên"])
def test_an_agency_is_found_whatever_the_case_and_marks(demo: Feed, query: str) -> None:
    assert found(demo, query)[0] == ("agency", "DIEN-BIEN")


@pytest.mark.parametrize(
    ("query", "agency"),
    [
        ("hai duong", "HAI-PHONG"),  # a province merged into Hải Phòng
        ("Thừa Thiên Huế", "HUE"),
        ("ba ria vung tau", "TP-HCM"),
        ("KH&CN", "BKHCN"),  # BKHCN's short name, "Bộ KH&CN"
        ("most", "BKHCN"),  # its English abbreviation
    ],
)
def test_an_agency_is_found_by_a_former_or_short_name(demo: Feed, query: str, agency: str) -> None:
    assert found(demo, query)[0] == ("agency", agency)


def test_a_task_is_found_by_its_id_first_and_by_a_word_of_its_notes(demo: Feed) -> None:
    assert found(demo, "t-0004")[0] == ("task", "T-0004")
    task_0004 = next(t for t in demo.tasks if t.id == "T-0004")
    # "khảo sát hiện trạng" is in T-0004's note, not its title.
    assert "khảo sát" not in task_0004.title
    assert ("task", "T-0004") in found(demo, "khao sat hien trang")


def test_the_note_a_task_was_found_in_is_told(demo: Feed) -> None:
    task_0004 = next(t for t in demo.tasks if t.id == "T-0004")
    found_in = note_found(task_0004, Query.of("khao sat"))
    assert found_in is not None
    assert found_in.text.startswith("Đã hoàn thành khảo sát")
    # Found by its title: no note to tell.
    assert note_found(task_0004, Query.of("phe duyet")) is None


def test_an_indicator_and_an_owner_are_found(demo: Feed) -> None:
    assert found(demo, "chu ky so")[0] == ("indicator", "adult-digital-signature")
    assert found(demo, "digital signature", "en")[0] == ("indicator", "adult-digital-signature")
    owner = "Chủ tịch UBND tỉnh Điện Biên"
    assert ("owner", owner) in found(demo, "chu tich ubnd tinh dien bien")


def test_hits_are_ranked_exact_then_word_start_then_inside_agencies_first() -> None:
    note = [{"date": "2025-10-01", "text": "Đã xử lý lại"}]
    doc = feed_dict(
        [
            task("T-1", title="Số hóa hồ sơ Lai Châu"),  # a word starts "lai"
            task("T-2", title="Kết nối liên thông"),
            task("T-3", title="Hợp tác với Malaixia"),  # "lai" inside a word only
            task("T-4", title="Bảo đảm an toàn", notes=note),  # in its note
            task("T-5", title="Hoàn thiện lớp lõi", agency="LAI-CHAU"),
            task("LAI", title="Một nhiệm vụ khác"),  # its id is the query
            task("T-6", title="Đặt lại tên miền"),
        ]
    )
    feed = load_feed(to_bytes(doc))
    hits = [
        (hit.kind, hit.key, hit.tier) for hit in search_index(feed, "vi").search(Query.of("LAI"))
    ]
    assert hits == [
        ("task", "LAI", Tier.EXACT),
        ("agency", "LAI-CHAU", Tier.WORD),
        ("task", "T-1", Tier.WORD),
        ("task", "T-4", Tier.WORD),
        ("task", "T-6", Tier.WORD),
        ("task", "T-3", Tier.PART),
    ]
    # T-5 is Lai Châu's, but a task is found by its own texts; inside a word: "oi" is in
    # "nối", "với", "lõi", never at a word's start.
    inside = search_index(feed, "vi").search(Query.of("oi"))
    assert [(hit.key, hit.tier) for hit in inside] == [
        ("T-2", Tier.PART),
        ("T-3", Tier.PART),
        ("T-5", Tier.PART),
    ]


def test_a_query_finds_a_screenful_at_most(demo: Feed) -> None:
    hits = search_index(demo, "vi").search(Query.of("a"))
    assert len(hits) == SCREENFUL


def _many() -> Feed:
    topics = ["đất đai", "y tế", "giáo dục", "thuế", "hộ tịch", "giao thông"]
    tasks = [
        task(
            f"T-{i:05d}",
            title=f"Số hóa {topics[i % len(topics)]} đợt {i % 97}",
            notes=[{"date": "2025-10-01", "text": f"Ghi chú lần {i % 13}"}] if i % 5 == 0 else [],
        )
        for i in range(6000)
    ]
    return load_feed(to_bytes(feed_dict(tasks)))


def test_typing_on_finds_what_the_whole_query_finds_at_once() -> None:
    # Key by key, a query narrows the tasks the one before found (kept when they were
    # few): each answer is the one a fresh index gives the whole query.
    feed = _many()
    typed = search_index(feed, "vi")
    for query in ("giao duc dot 12", "ghi chu lan 7 thue", "t-0012", "ho tich dot 9"):
        for end in range(1, len(query) + 1):
            fresh = SearchIndex(feed, "vi").search(Query.of(query[:end]))
            assert typed.search(Query.of(query[:end])) == fresh, query[:end]
    # And typing back (a wider query) is not answered from the narrower one.
    assert len(typed.search(Query.of("giao"))) == SCREENFUL


# The palette in the app -----------------------------------------------------------------


async def palette(app: Any, pilot: Any, query: str) -> list[str]:
    """Open the palette, type the query, and return its hits' first lines once they are
    all in (a hit's help is on a second line)."""
    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    app.screen.query_one(Input).value = query
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    options = app.screen.query_one(OptionList).options
    return [
        str(getattr(option.prompt, "plain", option.prompt)).split("\n")[0] for option in options
    ]


async def test_xuat_finds_the_export_commands_in_vietnamese(tmp_path: Path) -> None:
    app = demo_app(language="vi", export=ExportSettings(folder=tmp_path, format="csv"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        lines = await palette(app, pilot, "xuat")
        assert lines[:2] == ["Xuất bảng", "Xuất dạng…"]
        await pilot.press("enter")  # runs it: the agencies table written
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [path.parent for path in app.last_exports] == [tmp_path]
        await palette(app, pilot, "XUẤT DẠNG")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)


@pytest.mark.parametrize("query", ["dien bien", "DIỆN BIÊN"])
async def test_an_agency_typed_any_way_opens_its_tasks(query: str) -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        lines = await palette(app, pilot, query)
        assert lines[0].startswith("Đến cơ quan: Điện Biên")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen)
        assert app.screen.scope.key == "DIEN-BIEN"


@pytest.mark.parametrize(("query", "agency"), [("Hải Dương", "HAI-PHONG"), ("kh&cn", "BKHCN")])
async def test_a_former_or_short_name_opens_the_agency(query: str, agency: str) -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await palette(app, pilot, query)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen)
        assert app.screen.scope.key == agency


@pytest.mark.parametrize(
    ("query", "task_id"), [("T-0004", "T-0004"), ("khao sat hien trang", "T-0004")]
)
async def test_a_task_id_or_a_word_of_its_notes_opens_the_task(query: str, task_id: str) -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        lines = await palette(app, pilot, query)
        assert lines[0].startswith(f"Nhiệm vụ {task_id}: ")
        # Under it, its agency and state, and the note it was found in (if not the title).
        under = str(app.screen.query_one(OptionList).options[0].prompt).split("\n")[1]
        note = " · Ghi chú: Đã hoàn thành khảo sát hiện trạng; đang xây dựng dự thảo."
        on_time = tr("on time", "vi")  # the state's word, as the catalogue says it
        assert under == f"Lào Cai · {on_time}" + (note if " " in query else "")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TaskScreen)
        assert app.screen.task_id == task_id


async def test_an_indicator_name_opens_that_indicators_screen() -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")  # from a task list, too
        lines = await palette(app, pilot, "chu ky so")
        assert lines[0] == "Chỉ tiêu: Tỷ lệ người trưởng thành có chữ ký số"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IndicatorScreen)
        assert app.screen.indicator_id == "adult-digital-signature"
        await pilot.press("escape")
        assert isinstance(app.screen, TasksScreen)  # back where the palette was opened


async def test_an_owner_opens_that_owners_tasks() -> None:
    app = demo_app(language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        lines = await palette(app, pilot, "chu tich ubnd tinh dien bien")
        assert lines[0] == "Owner: Chủ tịch UBND tỉnh Điện Biên"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen)
        assert app.screen.scope.kind == "owner"
        assert app.screen.scope.key == "Chủ tịch UBND tỉnh Điện Biên"
        # Its headline names the owner, not "All tasks".
        assert "Chủ tịch UBND tỉnh Điện Biên: " in text_of(app, "#headline")


HOSTILE = "[/] [bold red]X[/] \x1b]0;PWNED\x07 \x9b31m"


async def test_feed_text_found_by_the_palette_never_styles_or_crashes() -> None:
    doc = feed_dict(
        [task("T-[/]", "EVIL", title=f"Tiêu đề {HOSTILE}", owner=f"Ông {HOSTILE}")],
        agencies=[{"id": "EVIL", "name": f"Tỉnh {HOSTILE}", "kind": "locality"}],
        indicators=[{"id": "ind", "name": f"Chỉ số {HOSTILE}", "value": 1}],
    )
    app = demo_app(language="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.apply_update(feed_update(doc))
        await pilot.pause()
        lines = await palette(app, pilot, "bold red")
        assert app.is_running
        kinds = (
            "Đến cơ quan: Tỉnh [/] [bold red]X[/]",
            "Nhiệm vụ T-[/]: Tiêu đề [/] [bold red]X[/]",
        )
        for start in (*kinds, "Chỉ tiêu: Chỉ số [/]", "Người phụ trách: Ông [/]"):
            assert any(line.startswith(start) for line in lines), (start, lines)
        assert all("\x1b" not in line and "\x9b" not in line for line in lines)
        # The task's line under it names its agency, as text too.
        option = next(
            o for o in app.screen.query_one(OptionList).options if "T-[/]" in str(o.prompt)
        )
        assert "Tỉnh [/] [bold red]X[/]" in str(option.prompt)


async def test_at_80_columns_each_hit_reads_on_its_own_rows() -> None:
    app = demo_app(language="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await palette(app, pilot, "dien bien")
        options = app.screen.query_one(OptionList).options
        rows = [row for option in options for row in str(option.prompt).split("\n")]
        assert all(cell_len(row) <= 74 for row in rows)
        owner = "Người phụ trách: Phó Chủ tịch UBND tỉnh Điện Biên phụ trách khoa học"
        assert any(row.startswith(owner) and row.endswith("…") for row in rows), rows
