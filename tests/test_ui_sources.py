"""Several named sources in the dashboard: two feed files and a real HTTP server that
answers once and then fails; switching and back, the consolidated view, the status line."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.widgets import OptionList

from r57tui.commands.sources import open_source
from r57tui.config import Settings
from r57tui.rollup import Counts
from r57tui.sources.named import NamedSource
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.help_screen import binding_rows
from r57tui.ui.main_screen import MainScreen
from r57tui.ui.source_health import SourceState, summary
from r57tui.ui.source_picker import SourcePicker
from r57tui.ui.status import Health
from r57tui.ui.task_table import TaskTable
from tests.builders import feed_dict, task, to_bytes
from tests.httpserver import Handler, ScriptedServer
from tests.pilot import RecordingApp, demo_app, settle, text_of

AGENCIES = [
    {"id": "BKHCN", "name": "Bộ Khoa học và Công nghệ", "kind": "ministry"},
    {"id": "LAI-CHAU", "name": "Lai Châu", "kind": "locality"},
    {"id": "DIEN-BIEN", "name": "Điện Biên", "kind": "locality"},
]


def feed_file(path: Path, title: str, tasks: list[dict[str, Any]], **top: Any) -> Path:
    path.write_bytes(to_bytes(feed_dict(tasks, title=title, agencies=AGENCIES, **top)))
    return path


@pytest.fixture(scope="module")
def flaky_server() -> Any:
    """Answers the first request with a feed of its own (same ids as the files: the
    consolidated view keeps them apart by source), every later one with 503."""
    body = to_bytes(
        feed_dict(
            [task("T1", "DIEN-BIEN", due="2025-01-31"), task("T2", "DIEN-BIEN")],
            title="Web",
            agencies=AGENCIES,
            as_of="2025-10-01T08:00:00+07:00",
        )
    )

    def respond(handler: Handler) -> None:
        first = len(handler.server.requests) == 1
        handler.send(200, body) if first else handler.send(503, b"down")

    with ScriptedServer(respond) as server:
        yield server


def test_summary_names_the_stale_and_the_unloaded_sources() -> None:
    loaded = object()  # a snapshot stands in: only whether there is one matters here
    states = [
        SourceState("centre", loaded, Health(refreshed_at=1.0)),  # type: ignore[arg-type]
        SourceState("province", loaded, Health(error="503")),  # type: ignore[arg-type]
        SourceState("web", None, Health(error="refused")),
    ]
    english, vietnamese = summary(states, "en"), summary(states, "vi")
    assert english is not None
    assert english.text() == "3 sources · ✗ province (stale) · ✗ web (not loaded)"
    assert vietnamese is not None
    assert vietnamese.text() == "3 nguồn · ✗ province (số liệu cũ) · ✗ web (chưa có số liệu)"
    in_view = summary(states, "en", in_view=1)  # its own health is on the line already
    assert in_view is not None
    assert in_view.text() == "3 sources · ✗ web (not loaded)"
    assert summary(states[:1], "en") is None  # one source: the line as it always was


def three_sources(folder: Path, url: str) -> tuple[RecordingApp, Path]:
    """The centre's feed and the province's as files, and the flaky server's; on demand."""
    centre = feed_file(
        folder / "centre.json",
        "Centre",
        [
            task("T1", due="2025-01-31"),
            task("T2", "LAI-CHAU", completed="2025-09-01"),
            task("T3", "DIEN-BIEN"),
        ],
    )
    province = feed_file(folder / "province.json", "Province", [task("T1", "LAI-CHAU")])
    settings = Settings(language="en", refresh=0)
    named = [
        NamedSource("centre", open_source(str(centre), settings), 0),
        NamedSource("province", open_source(str(province), settings), 0),
        NamedSource("web", open_source(url, settings), 0),
    ]
    return RecordingApp(settings, named), province


async def pick(app: RecordingApp, pilot: Any, *moves: str) -> None:
    """x, the picker's cursor moved from the source in view, Enter."""
    await pilot.press("x", *moves, "enter")
    await settle(app, pilot)


async def picker_line(app: RecordingApp, pilot: Any, index: int) -> str:
    """x: one of the picker's lines, once the sources added up are made (off the event
    loop, when first asked); the picker closed again."""
    await pilot.press("x")
    await settle(app, pilot)
    assert isinstance(app.screen, SourcePicker)
    prompt = app.screen.query_one(OptionList).get_option_at_index(index).prompt
    console = Console(width=300, record=True, file=io.StringIO(), color_system=None)
    console.print(prompt)
    await pilot.press("escape")
    return console.export_text()


async def test_sources_switch_keep_their_state_consolidate_and_a_dead_one_stays_stale(
    tmp_path: Path, flaky_server: ScriptedServer
) -> None:
    app, province = three_sources(tmp_path, flaky_server.url())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "Centre" in text_of(app, "#status")
        centre_screen = app.screen
        centre_screen.query_one(AgencyTable).move_cursor(row=2)

        # x: the picker lists each source with its figures; Enter on the second.
        everything = await picker_line(app, pilot, 3)
        assert everything.startswith("  All sources (consolidated) — ● live")
        assert "6 assigned · 1 completed (17%) · 3 on time · 2 overdue" in everything
        await pick(app, pilot, "down")
        assert isinstance(app.screen, MainScreen)
        assert app.screen is not centre_screen
        assert "Province" in text_of(app, "#status")
        await pilot.press("slash", *"lai", "enter")
        await settle(app, pilot)
        province_screen = app.screen
        assert province_screen.query_text == "lai"

        # Back to the first: its own screen, cursor and (no) filter, as left.
        await pick(app, pilot, "up")
        assert app.screen is centre_screen
        assert centre_screen.query_one(AgencyTable).cursor_row == 2
        assert centre_screen.query_text == ""
        await pick(app, pilot, "down")
        assert app.screen is province_screen
        assert province_screen.query_text == "lai"

        # The web source answered once, then fails: it keeps its figures, marked stale,
        # while a file changed meanwhile shows its new figures.
        feed_file(province, "Province", [task("T1", "LAI-CHAU"), task("T9", "LAI-CHAU")])
        await pilot.press("r")
        await settle(app, pilot)
        web = app.sources.pollers[2]
        assert (web.health.error is not None, web.snapshot is not None) == (True, True)
        assert app.snapshot is not None
        assert app.snapshot.rollup.total.assigned == 2
        assert "3 sources · ✗ web (stale)" in text_of(app, "#status")

        # All sources: the parts added up (distinct ids), said to be of different dates.
        await pick(app, pilot, "down", "down")
        parts = [poller.snapshot for poller in app.sources.pollers]
        added = sum((part.rollup.total for part in parts if part), Counts())
        assert app.snapshot is not None
        assert app.snapshot.rollup.total == added
        assert (added.assigned, added.overdue, added.completed) == (7, 2, 1)
        status = text_of(app, "#status")
        assert "All sources (consolidated)" in status
        assert "as-of dates differ" in status
        assert "✗ web (stale)" in status
        assert app.exports.source == "All sources (consolidated): centre, province, web"
        # Its task list says where each row came from, under the task's own id there.
        await pilot.press("a")
        await settle(app, pilot)
        tasks = app.screen.query_one(TaskTable)
        assert [column.key for column in tasks.columns][:2] == ["feed", "id"]
        web_t1 = next(key for key in tasks.keys if app.snapshot.origin[key] == ("web", "T1"))
        assert [cell.plain for cell in tasks.get_row(web_t1)[:2]] == ["web", "T1"]
    # The web source was asked twice (the first load and r), the files never over HTTP.
    assert len(flaky_server.requests) == 2


async def test_one_source_has_no_switcher_nor_word_of_sources() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.sources.modes() == []
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # no picker: nothing to pick
        assert all(words != "Switch source" for _, words in binding_rows(app.screen))
        assert "sources" not in text_of(app, "#status")


def test_a_sources_line_too_long_wraps_under_its_own_text_not_under_the_mark() -> None:
    from r57tui.ui.marks import ThemeColours
    from r57tui.ui.source_health import TotalsRow
    from r57tui.ui.source_picker import option_text

    row = TotalsRow(
        "demo-dien-bien", "10/10/2025 17:00", "36", "9", "25%", "20", "7", "trực tuyến", "●", False
    )
    console = Console(width=60, record=True, file=io.StringIO(), color_system=None)
    console.print(option_text(row, True, "vi", ThemeColours()))
    lines = [line.rstrip() for line in console.export_text().splitlines()]
    assert lines[0] == "▶ demo-dien-bien — ● trực tuyến"
    # The figures under the name, and their second line under their first.
    assert len(lines) == 3
    assert lines[1].startswith("    số liệu đến 10/10/2025 17:00 · 36 nhiệm vụ")
    assert lines[2].startswith("    ")
    assert lines[2].strip().endswith("quá hạn 7")
