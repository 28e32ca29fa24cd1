"""Every screen reads whole: agency names as drawn in the main table, the due-soon panel
and the task lists at 80 to 200 columns in both languages; nothing clipped without "…";
the cursor's row named in full under the table; → and ← a column at a time.

What is checked is what is drawn: the lines the tables render, not the data put in.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets.data_table import RowKey

from r57tui.commands.sources import open_source
from r57tui.config import Settings
from r57tui.demo import demo_feed_path
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.due_soon import DueSoonTable
from r57tui.ui.keyed_table import KeyedTable
from r57tui.ui.name_forms import compact, short_form
from r57tui.ui.task_table import TaskTable
from r57tui.ui.virtual_table import Column, VirtualTable
from tests.builders import feed_dict, task, to_bytes
from tests.pilot import RecordingApp, demo_app, settle

DEMO = json.loads(demo_feed_path().read_text("utf-8"))
AGENCIES = DEMO["agencies"]


def name_of(agency: dict[str, Any], language: str) -> str:
    return (agency.get("name_en") or agency["name"]) if language == "en" else agency["name"]


def forms_of(agency: dict[str, Any], language: str) -> set[str]:
    """What a column may show for an agency: its whole name, or its shorter forms."""
    name = name_of(agency, language)
    return {name, compact(name, language), short_form(name, agency.get("short"), language)}


def rendered(widget: Widget) -> list[str]:
    """The lines the widget draws now, as text."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    return [strip.text for strip in widget.render_lines(region)]


def test_the_demo_feed_has_the_agencies_the_checks_are_about() -> None:
    kinds = [agency.get("kind") for agency in AGENCIES]
    assert len(AGENCIES) == 69
    assert kinds.count("ministry") >= 17
    assert kinds.count("locality") == 34
    assert kinds.count("branch") >= 8


async def lines_by_key(table: AgencyTable, pilot: Any) -> dict[str, str]:
    """Each row's line as drawn, page by page from the top (rows one line tall)."""
    lines: dict[str, str] = {}
    keys = table.keys
    top = 0
    while top < len(keys):
        table.scroll_to(y=top, animate=False, immediate=True)
        await pilot.pause()
        first = round(table.scroll_y)
        for offset, line in enumerate(rendered(table)[1:]):
            if first + offset < len(keys):
                lines[keys[first + offset]] = line
        top = first + table.size.height - 1
    assert set(lines) == set(keys)
    return lines


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("size", [(160, 45), (200, 50)])
async def test_every_agency_name_whole_in_the_main_table(
    size: tuple[int, int], language: str
) -> None:
    """Whole, or at 160 columns in English its usual abbreviations (they read as the
    name: the at-risk count does not make way for the last letters of the longest)."""
    app = demo_app(language=language)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(AgencyTable)
        assert table.row_count == 69
        assert "at_risk" in [str(key.value) for key in table.columns]
        cut = []
        lines = await lines_by_key(table, pilot)
        for agency in AGENCIES:
            line = lines[agency["id"]]
            name = name_of(agency, language)
            forms = {name, compact(name, language)} if size[0] < 200 else {name}
            if not any(f" {form}  " in line for form in forms):
                cut.append(line.strip())
        assert cut == []


@pytest.mark.parametrize("language", ["vi", "en"])
async def test_at_120_columns_every_agency_whole_or_by_a_short_form(language: str) -> None:
    app = demo_app(language=language)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(AgencyTable)
        name_width = table.columns[next(iter(table.columns))].width  # type: ignore[index]
        wrong = []
        lines = await lines_by_key(table, pilot)
        for agency in AGENCIES:
            shown = lines[agency["id"]][1 : name_width + 1].strip()
            if shown not in forms_of(agency, language):
                wrong.append(shown)
        assert wrong == []
        # The side column is a share of the width: wider on a wider screen.
        assert 36 <= app.screen.query_one("#indicators-panel").size.width <= 42


async def test_the_side_column_takes_a_share_of_the_width() -> None:
    widths = []
    for size in [(120, 40), (200, 50)]:
        app = demo_app()
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            widths.append(app.screen.query_one("#indicators-panel").size.width)
    # (At 200 columns every column of the agencies shows whole, the overdue rate's and
    # the at-risk count's included, and the side column takes what is left.)
    assert widths[1] > widths[0]


def task_column(table: TaskTable, line: str, key: str) -> str:
    x = 0
    for column in table.columns:
        if column.key == key:
            return line[x + 1 : x + 1 + column.width].strip()
        x += column.width + 2
    raise AssertionError(f"no {key} column in {[c.key for c in table.columns]}")


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 45)])
async def test_a_task_list_shows_whose_task_it_is_at_every_width(
    size: tuple[int, int], language: str
) -> None:
    app = demo_app(language=language)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        table = app.screen.query_one(TaskTable)
        feed = app.snapshot.feed
        first_task = {}
        for t in feed.tasks:
            first_task.setdefault(t.agency, t.id)
        wrong = []
        for agency in AGENCIES:
            if agency["id"] not in first_task:
                continue
            # The table scrolls the row into view at once and draws a line when asked.
            table.move_to_key(first_task[agency["id"]])
            line = table.render_line(table.cursor_row - round(table.scroll_y) + 1).text
            shown = task_column(table, line, "agency")
            # At 160 columns (a projector) the name is whole, not a short form.
            allowed = [name_of(agency, language)] if size[0] >= 160 else forms_of(agency, language)
            if shown not in allowed:
                wrong.append(shown)
        assert wrong == []
        assert len(first_task) >= 60


@pytest.mark.parametrize("language", ["vi", "en"])
async def test_nothing_in_a_task_list_is_clipped_without_an_ellipsis(language: str) -> None:
    app = demo_app(language=language)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        table = app.screen.query_one(TaskTable)
        assert table.content_width <= table.size.width  # nothing past the right edge
        feed = app.snapshot.feed
        lines = rendered(table)
        keys = table.keys[round(table.scroll_y) :]
        checked = 0
        for line, key in zip(lines[1:], keys, strict=False):
            t = next(t for t in feed.tasks if t.id == key)
            agency = next(a for a in AGENCIES if a["id"] == t.agency)
            whole = {
                "id": {t.id},
                "title": {t.title},
                "agency": forms_of(agency, language),
                "source": {t.source or ""},
            }
            # The source makes way for whole agency names at 160 (test_column_widths).
            present = {c.key for c in table.columns}
            assert {"id", "title", "agency"} <= present
            for column, allowed in whole.items():
                if column not in present:
                    continue
                shown = task_column(table, line, column)
                assert shown in allowed or shown.endswith("…"), (column, shown)
                if shown.endswith("…") and column != "agency":
                    assert any(v.startswith(shown[:-1].rstrip(",;:-–")) for v in allowed)
            checked += 1
        assert checked >= 30


def due_soon_feed(tmp_path: Path) -> Path:
    """The demo's agencies; a task due in a few days for each of the longest names."""
    as_of = date(2025, 10, 15)
    longest = sorted(AGENCIES, key=lambda a: -max(len(a["name"]), len(a.get("name_en") or "")))[:6]
    tasks = [
        task(f"S{i}", agency["id"], due=(as_of + timedelta(days=i + 1)).isoformat())
        for i, agency in enumerate(longest)
    ]
    path = tmp_path / "feed.json"
    path.write_bytes(to_bytes(feed_dict(tasks, agencies=AGENCIES)))
    return path


def row_lines(table: DueSoonTable, key: str) -> list[str]:
    """The lines one row of the due-soon panel draws now (it must be in view)."""
    heights = [table.rows[RowKey(k)].height for k in table.keys]
    row = table.keys.index(key)
    top = (table.header_height if table.show_header else 0) + sum(heights[:row])
    top -= round(table.scroll_y)
    return rendered(table)[top : top + heights[row]]


async def due_soon_names(app: RecordingApp, pilot: Any) -> dict[str, tuple[str, list[str]]]:
    """Each due-soon row's name as drawn (the name column, or the lines over the panel's
    width read as one), and the row's lines."""
    table = app.screen.query_one(DueSoonTable)
    assert table.row_count == 6
    name_width = next(iter(table.columns.values())).get_render_width(table)
    names = {}
    for key in table.keys:
        table.move_to_key(key)  # into view: the panel shows a dozen lines
        await pilot.pause()
        lines = row_lines(table, key)
        names[key] = (" ".join(" ".join(line[:name_width] for line in lines).split()), lines)
    return names


@pytest.mark.parametrize("language", ["vi", "en"])
async def test_due_soon_names_whole_at_160_columns(tmp_path: Path, language: str) -> None:
    app = RecordingApp(Settings(language=language), open_source(str(due_soon_feed(tmp_path))))
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        for key, (shown, _) in (await due_soon_names(app, pilot)).items():
            agency = next(a for a in AGENCIES if a["id"] == key)
            assert shown.startswith(name_of(agency, language)), shown


@pytest.mark.parametrize("language", ["vi", "en"])
async def test_due_soon_at_120_columns_names_whole_or_short_and_figures_aligned(
    tmp_path: Path, language: str
) -> None:
    app = RecordingApp(Settings(language=language), open_source(str(due_soon_feed(tmp_path))))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        dots = set()
        names = await due_soon_names(app, pilot)
        # due_soon_feed: one task each, due in one day, two…: the soonest first.
        for days, (key, (shown, lines)) in enumerate(names.items(), start=1):
            agency = next(a for a in AGENCIES if a["id"] == key)
            assert any(shown.startswith(form) for form in forms_of(agency, language)), shown
            # The figures, in words, at the same place on every row: the eye runs down them.
            due = {"en": (f"due in {days} day", "1 task"), "vi": (f"còn {days} ngày", "1 nhiệm vụ")}
            figures = next(line for line in lines if due[language][0] in line)
            assert due[language][1] in figures
            dots.add(figures.index(" · "))
        assert len(dots) == 1, dots


async def test_the_cursor_row_is_named_in_full_under_the_table() -> None:
    app = demo_app(language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(AgencyTable)
        table.move_to_key("BNNMT")
        await pilot.pause()
        line = rendered(app.screen.query_one("#cursor-line"))[0]
        assert "Ministry of Agriculture and Environment" in line
        await pilot.press("a")
        await settle(app, pilot)
        tasks = app.screen.query_one(TaskTable)
        tasks.move_to_key("T-0001")
        await pilot.pause()
        task_ = app.snapshot.feed.tasks[0]
        assert task_.id == "T-0001"
        line = rendered(app.screen.query_one("#cursor-line"))[0].rstrip()
        assert line.startswith(" T-0001 · ")
        assert len(line) <= 80
        assert app.snapshot.feed.agency_name(task_.agency, "en") in line
        assert task_.title in line or line.endswith("…")


class WideTables(App[None]):
    """A DataTable-based and a virtual table, each wider than the 40-column screen."""

    def compose(self) -> ComposeResult:
        yield KeyedTable([("a", "A" * 20), ("b", "B" * 20), ("c", "C" * 20)], id="keyed")
        yield VirtualTable([Column(key, key.upper(), 20) for key in "abc"], id="virtual")

    def on_mount(self) -> None:
        self.query_one(KeyedTable).show([("1", ("a", "b", "c"))])
        self.query_one(VirtualTable).show(["1"], lambda key: ())


@pytest.mark.parametrize("table_id", ["keyed", "virtual"])
async def test_right_and_left_move_a_wide_table_a_column_at_a_time(table_id: str) -> None:
    app = WideTables()
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(f"#{table_id}")
        table.styles.height = 5
        table.focus()
        await pilot.pause()
        assert table.max_scroll_x > 22
        await pilot.press("right")
        assert table.scroll_x == 22  # the second column's start: 20 and its padding
        await pilot.press("right")
        assert table.scroll_x == table.max_scroll_x  # the third's, or as far as it goes
        await pilot.press("left")
        assert table.scroll_x == 22
        await pilot.press("left")
        assert table.scroll_x == 0


def test_the_side_column_gives_way_to_whole_names_and_takes_what_they_leave() -> None:
    from r57tui.ui.main_screen import SIDE_LEAST, side_width

    # Names that cannot all be whole: the side keeps only its least.
    assert side_width(120, 118, 12) == SIDE_LEAST
    # Whole names with room to spare: the side takes it, beyond its share (48 at 160).
    assert side_width(160, 106, 12) == 54
    # Room for the bars too, and the side still has its share beside them.
    assert side_width(200, 118, 12) == 70
    assert side_width(160, 118, 12) == 42


def demo_task_columns(
    width: int, language: str, *, sources: bool, documents: bool = True
) -> dict[str, int]:
    """The columns of every task of the demo feed as a list of `width` cells fits them
    (the table unmounted: the widths are sums), as from several sources or from one;
    `documents`: the tasks name their source documents, as the demo's do."""
    import msgspec

    from r57tui.feed import load_feed
    from r57tui.ui.marks import ThemeColours
    from r57tui.ui.task_table import TaskKeys

    feed = load_feed(demo_feed_path().read_bytes())
    tasks = [t if documents else msgspec.structs.replace(t, source=None) for t in feed.tasks]
    table = TaskTable(language, ThemeColours())
    table.agency_names = {
        key: (agency.display_name(language), agency.short) for key, agency in feed.agencies.items()
    }
    if sources:
        table.show_origin({t.id: ("demo-dien-bien", t.id) for t in tasks})
    table.fit(width)
    positions = {t.id: i for i, t in enumerate(tasks)}
    table.show_tasks(TaskKeys(tasks, list(range(len(tasks))), positions.get))
    return {column.key: column.width for column in table.columns}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_task_list_gives_the_title_the_room_before_the_short_columns(language: str) -> None:
    # 120 columns with several sources: the title was left 16 or 17 cells while the
    # state kept its room for a change mark and the due date, progress and source shown.
    widths = demo_task_columns(118, language, sources=True)
    assert widths["title"] >= 24
    assert widths["title"] > widths["state"]
    assert {"feed", "id", "state", "days", "agency"} <= set(widths)
    # One source: the title before the source document.
    one = demo_task_columns(118, language, sources=False)
    assert one["title"] >= 24
    assert one["title"] > one.get("source", 0)
    assert "due" in one
    # No task names its document: no column for it, not one left a cell wide.
    bare = demo_task_columns(118, language, sources=False, documents=False)
    assert "source" not in bare
    assert bare["title"] >= 24


async def test_at_80_columns_each_owners_title_wraps_whole_in_its_row() -> None:
    from r57tui.ui.agencies import owner_key
    from r57tui.views import owner_rows

    app = demo_app(language="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(*["right_square_bracket"] * 5)  # past the five groups: owners
        await settle(app, pilot)
        table = app.screen.query_one(AgencyTable)
        name_width = table.columns[next(iter(table.columns))].width  # type: ignore[index]
        rows = owner_rows(app.snapshot.rollup, language="vi")
        titles = {owner_key(row.owner): row.label("vi") for row in rows}
        assert set(titles) == set(table.keys)
        long = 0
        for key, title in titles.items():
            shown = str(table.get_row(key)[0])
            assert " ".join(shown.split()) == title  # whole, over its lines
            assert all(len(line) <= name_width for line in shown.splitlines())
            if len(title) > name_width:
                long += 1
                assert table.rows[RowKey(key)].height == len(shown.splitlines()) > 1
        assert long > 30


@pytest.mark.parametrize("language", ["vi", "en"])
async def test_at_80_columns_each_finding_wraps_whole_in_the_list(language: str) -> None:
    from r57tui.ui.findings_screen import FindingsTable
    from tests.pilot import feed_update

    bad = feed_dict(
        [task("T1"), task("T1"), task("T2", "NO-SUCH-AGENCY"), task("T3", progress=150)]
    )
    app = demo_app(language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.apply_update(feed_update(bad))
        await pilot.pause()
        await pilot.press("f")
        await settle(app, pilot)
        table = app.screen.query_one(FindingsTable)
        findings = app.snapshot.feed.findings
        assert len(findings) == 3
        x = sum(column.width + 2 for column in table.columns[:-1]) + 1
        lines = rendered(table)[1 : 1 + 3 * table.row_lines]
        said = [
            " ".join(line[x:].strip() for line in lines[row : row + table.row_lines]).strip()
            for row in range(0, len(lines), table.row_lines)
        ]
        assert sorted(said) == sorted(" ".join(f.text(language).split()) for f in findings)
        assert max(len(f.text(language)) for f in findings) > table.columns[-1].width
