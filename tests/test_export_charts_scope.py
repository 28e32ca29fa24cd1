"""The workbook's charts follow the export's scope: an export of the ministries, of one
agency, of the overdue tasks or of a filtered view from the dashboard charts what its
tables show, not the whole feed. Read back with openpyxl: the charts' own small tables
(the bars are drawn from them, test_export_print.py) against the workbook's other sheets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from r57tui.cli import main
from r57tui.config import ExportSettings
from r57tui.demo import demo_feed_path
from r57tui.feed import load_feed
from r57tui.groups import GROUP_KEYS, GROUP_LABELS, AgencyKind
from r57tui.i18n.strings import tr
from tests.pilot import demo_app, settle

Rows = list[tuple]
STATE_BY_WORD = {
    "hoàn thành": "Hoàn thành",
    "hoàn thành trễ hạn": "Hoàn thành",
    "trong hạn": "Trong hạn",
    "quá hạn": "Quá hạn",
}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def workbook(home: Path, *flags: str) -> openpyxl.Workbook:
    out = home / f"out-{len(list(home.glob('out-*')))}"
    argv = ["--lang", "vi", "export", "--format", "xlsx", *flags, "--out", str(out)]
    assert main(argv) == 0
    [path] = out.iterdir()
    return openpyxl.load_workbook(path)


def _below(rows: Rows, header: tuple[str, ...]) -> Rows:
    """The rows of the charts sheet's small table headed `header`, up to a blank row."""
    at = next(i for i, row in enumerate(rows) if row[: len(header)] == header)
    out = []
    for row in rows[at + 1 :]:
        if not row[0]:
            break
        out.append(row)
    return out


def charts(book: openpyxl.Workbook) -> tuple[dict[str, int], dict[str, tuple[int, int, int]]]:
    """The most overdue agencies (name -> overdue) and the groups' tasks (group ->
    completed, on time, overdue), as the charts sheet lists them under its charts."""
    rows = [tuple(row) for row in book["Biểu đồ"].iter_rows(values_only=True)]
    worst = {row[0]: row[1] for row in _below(rows, ("Cơ quan", "Quá hạn"))}
    header = ("Nhóm", "Hoàn thành", "Trong hạn", "Quá hạn")
    groups = {row[0]: tuple(row[1:4]) for row in _below(rows, header)}
    return worst, groups


def table(book: openpyxl.Workbook, name: str) -> list[dict[str, object]]:
    rows = [tuple(row) for row in book[name].iter_rows(values_only=True)]
    at = next(i for i, row in enumerate(rows) if row[0] == "STT")
    header = rows[at]
    return [dict(zip(header, row, strict=True)) for row in rows[at + 1 :] if any(row)]


def by_state(tasks: list[dict[str, object]]) -> tuple[int, int, int]:
    counts = Counter(STATE_BY_WORD[str(task["Trạng thái"])] for task in tasks)
    return counts["Hoàn thành"], counts["Trong hạn"], counts["Quá hạn"]


def test_the_whole_feed_charts_every_group(home: Path) -> None:
    book = workbook(home)
    worst, groups = charts(book)
    assert list(groups) == [tr(GROUP_LABELS[key], "vi") for key in GROUP_KEYS if key != "all"]
    assert len(worst) == 10
    assert by_state(table(book, "Nhiệm vụ")) == tuple(map(sum, zip(*groups.values(), strict=True)))


def test_an_export_of_the_ministries_charts_the_ministries(home: Path) -> None:
    book = workbook(home, "--kind", "ministry")
    feed = load_feed(demo_feed_path().read_bytes())
    ministries = {
        a.display_name("vi") for a in feed.agencies.values() if a.kind is AgencyKind.MINISTRY
    }
    worst, groups = charts(book)
    assert worst
    assert set(worst) <= ministries
    agencies = table(book, "Cơ quan")
    # The most overdue of the agencies sheet, in its order (most overdue first).
    listed = [(row["Cơ quan"], row["Quá hạn"]) for row in agencies if row["Quá hạn"]]
    assert list(worst.items()) == listed[:10]
    [(name, counts)] = groups.items()  # one group: the ministries
    assert name == tr(GROUP_LABELS["ministry"], "vi")
    assert by_state(table(book, "Nhiệm vụ")) == counts


def test_an_export_of_one_agency_charts_that_agency(home: Path) -> None:
    book = workbook(home, "--agency", "DIEN-BIEN")
    tasks = table(book, "Nhiệm vụ")
    assert {task["Cơ quan chủ trì"] for task in tasks} == {"Điện Biên"}
    worst, groups = charts(book)
    overdue = sum(task["Trạng thái"] == "quá hạn" for task in tasks)
    assert worst == {"Điện Biên": overdue}
    assert groups == {"Địa phương": by_state(tasks)}


def test_an_export_of_the_overdue_tasks_charts_the_overdue_tasks(home: Path) -> None:
    book = workbook(home, "--state", "overdue")
    tasks = table(book, "Nhiệm vụ")
    worst, groups = charts(book)
    overdue = Counter(str(task["Cơ quan chủ trì"]) for task in tasks)
    assert {name: overdue[name] for name in worst} == worst
    assert list(worst.values()) == [n for _, n in overdue.most_common(len(worst))]
    assert all(completed == 0 and on_time == 0 for completed, on_time, _ in groups.values())
    assert sum(overdue for _, _, overdue in groups.values()) == len(tasks)


async def test_a_filtered_view_exported_from_the_dashboard_charts_what_it_shows(
    tmp_path: Path,
) -> None:
    app = demo_app(export=ExportSettings(folder=tmp_path, format="xlsx"), language="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.press("slash", "l", "a", "i", "enter")  # the localities matching "lai"
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [path] = app.last_exports
    book = openpyxl.load_workbook(path)
    shown = table(book, "Cơ quan")
    names = {row["Cơ quan"] for row in shown if row["STT"]}
    assert 0 < len(names) < 10
    worst, groups = charts(book)
    assert set(worst) <= names
    [(group, counts)] = groups.items()
    assert group == "Địa phương"
    totals = next(row for row in shown if row["Cơ quan"] == "Tổng cộng")
    assert sum(counts) == totals["Được giao"]
    assert counts[2] == totals["Quá hạn"]
