"""The changes list below the screen: the changes of one scope (an agency, a group, an
owner, all), of one kind, matching a text filter; the export of the changes writes the
same rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from r57tui.baseline import Baseline, ChangeKind, Comparison, compare, load_baseline
from r57tui.cli import main
from r57tui.demo import demo_feed_path
from r57tui.export import TableSpec, build_table, view_title
from r57tui.feed import Feed, load_feed
from r57tui.rollup import roll_up
from r57tui.views import ChangeIndex, Scope, change_list, scope_title
from tests.builders import feed_dict, task, to_bytes
from tests.test_baseline import demo_doc, expected_kinds, meeting_baseline_doc, read_csv, write

LAI_CHAU_OWNER = "Chủ tịch UBND tỉnh Lai Châu"
AGENCIES = [
    {"id": "BKHCN", "name": "Bộ Khoa học và Công nghệ", "kind": "ministry"},
    {"id": "LAI-CHAU", "name": "Lai Châu", "kind": "locality"},
]


def load(document: dict[str, Any]) -> Feed:
    return load_feed(to_bytes(document))


def comparison() -> tuple[Comparison, Feed]:
    """Two weeks apart: a ministry's task completed, Lai Châu's turned overdue, one new
    and one withdrawn; Điện Biên's only task withdrawn with the province, which today's
    feed no longer lists."""
    before = load(
        feed_dict(
            [
                task("T1", due="2025-12-31"),
                task("T2", "LAI-CHAU", due="2025-10-10", owner=LAI_CHAU_OWNER),
                task("T4", "LAI-CHAU", due="2025-12-31", title="Số hóa hồ sơ"),
                task("T5", due="2025-12-31"),
                task("T7", "DIEN-BIEN", due="2025-12-31"),
            ],
            as_of="2025-10-01T08:00:00+07:00",
            agencies=[*AGENCIES, {"id": "DIEN-BIEN", "name": "Điện Biên", "kind": "locality"}],
        )
    )
    now = load(
        feed_dict(
            [
                task("T1", due="2025-12-31", completed="2025-10-05"),
                task("T2", "LAI-CHAU", due="2025-10-10", owner=LAI_CHAU_OWNER),
                task("T3", "LAI-CHAU", due="2026-03-31", title="Điện tử hóa hồ sơ đất đai"),
                task("T5", due="2025-12-31"),
            ],
            agencies=AGENCIES,
        )
    )
    return compare(Baseline(before, roll_up(before), "base.json"), now, roll_up(now)), now


def ids(changes: tuple[Any, ...]) -> list[str]:
    return [change.task.id for change in changes]


def test_everything_is_every_change() -> None:
    comparing, now = comparison()
    listed = change_list(comparing, now)
    assert ids(listed.shown) == ids(comparing.tasks) == ["T1", "T2", "T3", "T4", "T7"]
    assert listed.total == 5
    assert not listed.scoped
    assert not listed.filtered


def test_an_agency_has_its_own_changes_a_removed_task_by_its_baseline_agency() -> None:
    comparing, now = comparison()
    listed = change_list(comparing, now, Scope.agency("LAI-CHAU"))
    assert ids(listed.shown) == ["T2", "T3", "T4"]
    assert listed.total == 5
    assert listed.scoped
    assert listed.counted() == {
        ChangeKind.COMPLETED: 0,
        ChangeKind.OVERDUE: 1,
        ChangeKind.NEW: 1,
        ChangeKind.REMOVED: 1,
        ChangeKind.OTHER: 0,
    }
    assert ids(change_list(comparing, now, Scope.agency("BKHCN")).shown) == ["T1"]
    assert ids(change_list(comparing, now, Scope.agency("DIEN-BIEN")).shown) == ["T7"]


def test_a_group_counts_an_agency_gone_from_todays_feed_by_the_baseline() -> None:
    comparing, now = comparison()
    localities = change_list(comparing, now, Scope.group("locality"))
    assert ids(localities.shown) == ["T2", "T3", "T4", "T7"]
    assert ids(change_list(comparing, now, Scope.group("ministry")).shown) == ["T1"]
    assert change_list(comparing, now, Scope.group("branch")).shown == ()


def test_an_owner_has_the_changes_of_the_tasks_in_their_charge() -> None:
    comparing, now = comparison()
    assert ids(change_list(comparing, now, Scope.owner(LAI_CHAU_OWNER)).shown) == ["T2"]
    assert ids(change_list(comparing, now, Scope.owner(None)).shown) == ["T1", "T3", "T4", "T7"]


def test_kind_and_text_filter_narrow_the_scope() -> None:
    comparing, now = comparison()
    index = ChangeIndex(comparing, now)
    lai_chau = Scope.agency("LAI-CHAU")
    # Case and diacritics ignored; a word found where a word starts.
    assert ids(index.select(lai_chau, query="HO SO").shown) == ["T3", "T4"]
    assert ids(index.select(lai_chau, query="dien tu").shown) == ["T3"]
    assert ids(index.select(lai_chau, query="o so").shown) == []
    # By the agency's name: a removed task by its baseline agency's.
    assert ids(index.select(query="điện biên").shown) == ["T7"]
    assert ids(index.select(query="lai chau").shown) == ["T2", "T3", "T4"]
    filtered = index.select(lai_chau, ChangeKind.NEW, "ho so")
    assert ids(filtered.shown) == ["T3"]
    assert filtered.filtered
    # The figures are of the scope and the filter, every kind.
    assert filtered.counted()[ChangeKind.REMOVED] == 1
    assert len(filtered.matching) == 2
    assert not index.select(lai_chau, query="   ").filtered


def test_scope_titles() -> None:
    _, now = comparison()
    assert scope_title(Scope.agency("LAI-CHAU"), now, "vi") == "Lai Châu"
    assert scope_title(Scope.owner(LAI_CHAU_OWNER), now, "en") == LAI_CHAU_OWNER
    assert scope_title(Scope.group("locality"), now, "en") == "Localities"
    assert scope_title(Scope.everything(), now, "en") == "All agencies"


def test_the_export_writes_the_changes_shown() -> None:
    comparing, now = comparison()
    spec = TableSpec("changes", scope=Scope.agency("LAI-CHAU"), query="ho so", change="all")
    table = build_table(spec, now, roll_up(now), "en", comparing)
    assert [row[table.column("id")] for row in table.rows] == ["T3", "T4"]
    assert "Lai Châu" in table.title
    assert "“ho so”" in table.title
    assert spec.slug == "changes-LAI-CHAU-filtered"
    assert view_title(spec, now, "en") == "Changes since the baseline — Lai Châu, filter “ho so”"


@pytest.fixture
def cli_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of its own: no user's config or state is read."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(tmp_path)
    return home


def test_the_export_command_writes_an_agencys_changes(
    cli_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export --table changes --agency ID --filter TEXT`: the rows the dashboard's list
    of that agency shows with that filter."""
    base = write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))
    feed = load_feed(demo_feed_path().read_bytes())
    before = load_feed(base.read_bytes())
    lead = {t.id: t.agency for t in (*before.tasks, *feed.tasks)}
    ours = sorted(i for i in expected_kinds(before, feed) if lead[i] == "BKHCN")
    args = ["--baseline", str(base), "export", "--table", "changes", "--agency", "BKHCN"]
    assert main([*args, "--format", "csv", "--out", str(tmp_path / "a")]) == 0
    [path] = capsys.readouterr().out.splitlines()
    assert "changes-bkhcn" in Path(path).name.lower()
    assert sorted(row[2] for row in read_csv(Path(path))[1:]) == ours
    first = next(t.title for t in feed.tasks if t.id == ours[0])
    query = " ".join(first.split()[:3])
    assert main([*args, "--filter", query, "--format", "csv", "--out", str(tmp_path / "b")]) == 0
    [path] = capsys.readouterr().out.splitlines()
    comparing = compare(load_baseline(base), feed, roll_up(feed))
    listed = change_list(comparing, feed, Scope.agency("BKHCN"), query=query)
    want = sorted(c.task.id for c in listed.shown)
    assert ours[0] in want
    assert set(want) <= set(ours)
    assert sorted(row[2] for row in read_csv(Path(path))[1:]) == want
