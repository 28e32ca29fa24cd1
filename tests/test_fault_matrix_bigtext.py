"""Big text on screen: a 4 MB and a 40 MB picture pasted as base64 into progress notes, a
1 MB title, a very long agency name and feed title. The dashboard shows the start of each
with how much is left, opens the whole text in a viewer that draws only the rows in view,
and every list, filter and sort keeps to what it can show.

The app is driven with Pilot on a real file of about 48 MB written by the test.
"""

from __future__ import annotations

import base64
import html
import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from rich.table import Table
from textual.widgets import Static

from r57tui import safety
from r57tui.commands.sources import open_source
from r57tui.config import Settings
from r57tui.i18n import search, strings
from r57tui.i18n.collation import sort_key
from r57tui.i18n.numbers import format_int
from r57tui.i18n.search import fold
from r57tui.i18n.strings import tr
from r57tui.ui.app import R57App
from r57tui.ui.main_screen import MainScreen
from r57tui.ui.task_screen import TaskScreen
from r57tui.ui.task_table import TaskTable
from r57tui.ui.tasks_screen import TasksScreen
from r57tui.views import agency_haystack
from tests.builders import feed_dict, task

_random = random.Random(57)


def _base64(size: int) -> str:
    return base64.b64encode(_random.randbytes(size * 3 // 4)).decode()


NOTE_4MB = "Báo cáo tiến độ kèm ảnh: data:image/png;base64," + _base64(4_000_000) + " hetanh4"
NOTE_40MB = "Ảnh chụp biên bản: data:image/png;base64," + _base64(40_000_000) + " KETTHUC40"
TITLE_1MB = "Tiêu đề rất dài " + "đề án chuyển đổi số " * 50_000 + "cuoicung"
AGENCY_NAME = "Ủy ban nhân dân tỉnh " * 50_000
FEED_TITLE = "Bản tin " + "rất dài " * 125_000


def big_document() -> dict[str, Any]:
    document = feed_dict(
        [
            task(
                "T-4MB",
                "LAI-CHAU",
                due="2025-09-30",
                notes=[
                    {"date": "2025-10-01", "text": "ghi chú ngắn"},
                    {"date": "2025-10-02", "text": NOTE_4MB},
                ],
            ),
            task(
                "T-40MB",
                "LAI-CHAU",
                due="2025-09-30",
                notes=[{"date": "2025-10-03", "text": NOTE_40MB}],
            ),
            task("T-TITLE", "BKHCN", title=TITLE_1MB, due="2026-01-31"),
            task("T-NAME", "DAI", title="Nhiệm vụ của cơ quan tên dài", due="2025-08-31"),
            task("T-PLAIN", "BKHCN", title="Một nhiệm vụ bình thường", due="2026-06-30"),
        ],
        title=FEED_TITLE,
    )
    document["agencies"].append({"id": "DAI", "name": AGENCY_NAME, "kind": "locality"})
    return document


@pytest.fixture(autouse=True)
def _own_missing_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The palette asks for Textual's own scroll commands in Vietnamese too (untranslated
    before this class); keep that out of the catalogue check of test_i18n_vi."""
    monkeypatch.setattr(strings, "_missing", set())


@pytest.fixture(scope="module")
def big_feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bigtext") / "feed.json"
    path.write_text(json.dumps(big_document(), ensure_ascii=False), encoding="utf-8")
    return path


def screen_text(app: Any) -> str:
    """The screen as drawn (Textual's own SVG), back to plain text."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def detail_cell(app: Any, label: str) -> str:
    detail = app.screen.query_one("#detail", Static).content
    assert isinstance(detail, Table)
    labels = [cell.plain for cell in detail.columns[0].cells]
    values = dict(zip(labels, detail.columns[1].cells, strict=True))
    return values[tr(label, app.language)].plain


def viewer_rows(app: Any) -> list[str]:
    """The rows of the full-text viewer as drawn, each exactly the widget's width."""
    from r57tui.ui.text_viewer import LongText

    viewer = app.screen.query_one(LongText)
    width = viewer.scrollable_content_region.width
    rows = []
    for y in range(viewer.scrollable_content_region.height):
        strip = viewer.render_line(y)
        assert strip.cell_length == width  # never wider than the screen
        rows.append(strip.text.rstrip())
    return rows


async def open_task(app: Any, pilot: Any, task_id: str) -> None:
    """From a task list, filter by the id and open the one task left."""
    await pilot.press("slash", *task_id.lower(), "enter")
    assert app.screen.query_one(TaskTable).row_count == 1
    await pilot.press("enter")
    assert isinstance(app.screen, TaskScreen)
    await pilot.pause()


async def read_all_to_the_end(app: Any, pilot: Any) -> list[str]:
    from r57tui.ui.text_viewer import TextScreen

    await pilot.press("v")
    assert isinstance(app.screen, TextScreen)
    await app.workers.wait_for_complete()  # a long text is made ready in a thread
    await pilot.pause()
    await pilot.press("end")
    await pilot.pause()
    return viewer_rows(app)


@pytest.mark.parametrize("language", ["vi", "en"])
async def test_a_huge_note_is_shown_in_part_and_read_whole(big_feed: Path, language: str) -> None:
    app = R57App(Settings(language=language, source=str(big_feed)), open_source(str(big_feed)))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("a")
        assert isinstance(app.screen, TasksScreen)

        # The 4 MB note: its start, then how much is left and the key that reads it all.
        await open_task(app, pilot, "T-4MB")
        notes = detail_cell(app, "Notes")
        more = format_int(len(NOTE_4MB) - 24_000, language)
        marker = {
            "vi": f"… còn {more} ký tự nữa — nhấn v để đọc toàn văn",
            "en": f"… {more} more characters — press v to read it all",
        }[language]
        assert notes.endswith(marker)
        assert NOTE_4MB[:24_000] in notes
        assert len(notes) < 24_000 + 200  # the date, the short note, the marker
        assert "ghi chú ngắn" in notes
        app.screen.query_one("#scroll").scroll_end(animate=False)
        await pilot.pause()
        assert more in screen_text(app)
        # The key is in the footer and the palette, named in the interface language.
        bindings = {a.binding.action: a.binding for a in app.screen.active_bindings.values()}
        assert "read_all" in bindings
        commands = [command.title for command in app.get_system_commands(app.screen)]
        assert tr("Read all", language) in commands
        # The footer names it in the app's language, whatever the process's.
        assert f"v {tr('Read all', language)}" in screen_text(app)

        # The whole note, to its last characters.
        rows = await read_all_to_the_end(app, pilot)
        assert "".join(rows).endswith(NOTE_4MB[-300:]), rows[-5:]
        await pilot.press("home")
        await pilot.pause()
        assert viewer_rows(app)[0] == tr("Title", language)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, TasksScreen)

        await the_40mb_note_the_1mb_title_and_a_plain_task(app, pilot, marker.split(more)[1])


async def the_40mb_note_the_1mb_title_and_a_plain_task(
    app: Any, pilot: Any, marker_end: str
) -> None:
    language = app.language
    # The 40 MB note, to its end.
    await pilot.press("slash", "ctrl+u")
    await open_task(app, pilot, "T-40MB")
    assert detail_cell(app, "Notes").endswith(
        format_int(len(NOTE_40MB) - 24_000, language) + marker_end
    )
    rows = await read_all_to_the_end(app, pilot)
    assert "".join(rows).endswith(NOTE_40MB[-300:]), rows[-5:]
    await pilot.press("escape", "escape")

    # A word at the very end of the 1 MB title finds it; the list cuts the title.
    await pilot.press("slash", "ctrl+u", *"cuoicung", "enter")
    table = app.screen.query_one(TaskTable)
    assert list(table.keys) == ["T-TITLE"]
    assert len(table.get_row("T-TITLE")[1].plain) <= 80
    await pilot.press("enter")
    title = detail_cell(app, "Title")
    assert title.startswith(TITLE_1MB[:2_000])
    assert len(title) < 2_100
    rows = await read_all_to_the_end(app, pilot)
    # The title is long lines of ordinary words: wrapped at spaces.
    [last] = [row for row in rows if row.endswith("cuoicung")]
    assert TITLE_1MB.endswith(last)
    assert TITLE_1MB[-len(last) - 1] == " ", rows
    await pilot.press("escape", "escape")
    assert isinstance(app.screen, TasksScreen)

    # A task of normal length: shown whole, no marker, no key.
    await pilot.press("slash", "ctrl+u")
    await open_task(app, pilot, "T-PLAIN")
    assert detail_cell(app, "Title") == "Một nhiệm vụ bình thường"
    assert "read_all" not in {
        active.binding.action for active in app.screen.active_bindings.values()
    }
    await pilot.press("v")
    assert isinstance(app.screen, TaskScreen)


async def test_the_long_agency_name_and_feed_title_are_cut_everywhere(big_feed: Path) -> None:
    app = R57App(Settings(language="vi", source=str(big_feed)), open_source(str(big_feed)))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = screen_text(app)
        assert "Bản tin rất dài" in shown
        # Cut after a whole word, with an ellipsis (the name has no short form).
        assert re.search(r"Ủy ban nhân dân tỉnh[\w ]*…", shown)
        # The palette finds the agency by its name, shown cut.
        await pilot.press("ctrl+p", *"uy ban")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Đến cơ quan: Ủy ban nhân dân tỉnh" in screen_text(app)
        await pilot.press("escape")
        # The agency's task opened from the list: its name in part, with the marker.
        await pilot.press("a")
        await open_task(app, pilot, "T-NAME")
        lead = detail_cell(app, "Lead agency")
        assert lead.startswith(AGENCY_NAME[:2_000])
        assert "(DAI)" not in lead  # the feed's id is a code, not shown
        assert lead.endswith("nhấn v để đọc toàn văn")
        assert "ký tự nữa" in lead
        assert len(lead) < 2_100


def test_a_long_line_is_drawn_one_row_at_a_time() -> None:
    from r57tui.ui.text_viewer import Line, lay_out, prepare

    # A 40 MB line costs nothing to lay out: its rows are cut every `width` characters.
    [line] = prepare([(NOTE_40MB, "")])
    layout = lay_out([line], 100)
    assert layout.rows == -(-len(NOTE_40MB) // 100)
    assert layout.breaks == [None]
    # Lines of ordinary length wrap at spaces; every character is on one row.
    text = "Đề án chuyển đổi số quốc gia " * 40
    [line] = prepare([(text, "")])
    layout = lay_out([line], 37)
    starts = layout.breaks[0]
    assert starts is not None
    rows = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    assert "".join(rows) == text
    assert all(len(row.rstrip()) <= 37 for row in rows)
    # Characters two cells wide: half as many a row, so no row runs past the edge.
    [wide] = prepare([("漢字" * 500, "")])
    assert wide.wide
    assert lay_out([wide], 40).per == [20]
    # Control characters are shown as marks, and a line break starts a new line.
    assert prepare([("a\x1b]0;X\x07\nb", "")]) == [Line("a<U+001B>]0;X<U+0007>"), Line("b")]


def test_one_line_reads_only_what_it_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    made_printable = safety.printable

    def spy(text: str) -> str:
        seen.append(len(text))
        return made_printable(text)

    monkeypatch.setattr(safety, "printable", spy)
    assert safety.one_line(NOTE_40MB, 60) == NOTE_40MB[:59] + "…"
    assert safety.one_line("a\x1b" * 100, 10) == "a<U+001B>…"
    assert max(seen) <= 61


def test_folding_a_long_text_a_piece_at_a_time_gives_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Pieces of 7 characters cut words, whitespace runs and marks at every place.
    monkeypatch.setattr(search, "_PIECE", 7)
    texts = ["  Điện   Biên\t\nPhủ  ", "Tuyên Qu\u00adang ", "e\u0301 x  ", "a" * 30, " \n "]
    for text in texts:
        monkeypatch.setattr(search, "_PIECE", 7)
        pieces = fold(text)
        monkeypatch.setattr(search, "_PIECE", 1 << 30)
        assert pieces == fold(text), text


def test_sort_keys_and_agency_search_look_at_the_start_of_a_huge_name() -> None:
    from r57tui.feed import Agency, AgencyKind

    key = sort_key(TITLE_1MB)
    assert len(key[0]) <= 2 * 1000
    # Ties past the start are still broken by the whole text.
    assert sort_key(TITLE_1MB + "a") > sort_key(TITLE_1MB)
    agency = Agency(id="DAI", name=AGENCY_NAME, kind=AgencyKind.LOCALITY)
    haystack = agency_haystack(agency)
    assert len(haystack) < 2000
    assert haystack.startswith("dai\nuy ban nhan dan tinh")
