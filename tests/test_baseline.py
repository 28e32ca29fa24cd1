"""Since the last meeting: a baseline feed or snapshot, the changes found against it, the
exports that carry them, the `export` command's --baseline, and the due-soon filter."""

from __future__ import annotations

import copy
import csv
import gzip
import io
import json
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from r57tui.baseline import (
    CHANGE_ORDER,
    Baseline,
    BaselineError,
    ChangeKind,
    compare,
    load_baseline,
)
from r57tui.cli import main
from r57tui.demo import demo_feed_path
from r57tui.export import TABLE_NAMES, ExportMeta, TableSpec, build_table
from r57tui.export.tables import CHANGE_LABELS
from r57tui.feed import Feed, TaskState, load_feed
from r57tui.rollup import SHOWN_BUCKETS, Bucket, Counts, Rollup, roll_up
from r57tui.views import AGENCY_GROUPS, Scope, StateFilter, TaskList
from tests.builders import export, feed_dict, task, to_bytes

GENERATED = datetime(2025, 10, 16, 9, 30, tzinfo=UTC)
BASE_AS_OF = "2025-10-01T08:00:00+07:00"
MINUS = "\u2212"


# Helpers ------------------------------------------------------------------------------


def demo_doc() -> dict[str, Any]:
    return json.loads(demo_feed_path().read_bytes())


def meeting_baseline_doc(doc: dict[str, Any]) -> dict[str, Any]:
    """The demo as an earlier meeting saw it: two weeks earlier, so the tasks completed
    since were still open; three of today's tasks not yet given; one since withdrawn."""
    base = copy.deepcopy(doc)
    base["as_of"] = BASE_AS_OF
    for item in base["tasks"]:
        if item.get("completed", "") > "2025-10-01":
            item.pop("completed")
            item.pop("status", None)
    del base["tasks"][5:8]
    base["tasks"].append(task("T-GONE", "HA-NOI", due="2025-12-31"))
    return base


def write(path: Path, document: Any) -> Path:
    path.write_bytes(to_bytes(document))
    return path


def expected_kinds(before: Feed, now: Feed) -> dict[str, ChangeKind]:
    """Task id -> change kind, worked out from the two feeds' states."""
    was = {t.id: t.state for t in before.tasks}
    found: dict[str, ChangeKind] = {}
    for t in now.tasks:
        if t.id not in was:
            found[t.id] = ChangeKind.NEW
        elif was[t.id] is not t.state:
            if t.state.is_completed and not was[t.id].is_completed:
                found[t.id] = ChangeKind.COMPLETED
            elif t.state is TaskState.OVERDUE:
                found[t.id] = ChangeKind.OVERDUE
            else:
                found[t.id] = ChangeKind.OTHER
    now_ids = {t.id for t in now.tasks}
    for t in before.tasks:
        if t.id not in now_ids:
            found[t.id] = ChangeKind.REMOVED
    return found


def minus(now: Counts, before: Counts) -> dict[Bucket, int]:
    return {bucket: now.get(bucket) - before.get(bucket) for bucket in SHOWN_BUCKETS}


def assert_changes_add_up(changes, now: Rollup, before: Rollup) -> None:
    """Every figure of `changes` is today's roll-up minus the baseline's; no zero kept."""
    empty = Counts()
    want_total = {b: d for b, d in minus(now.total, before.total).items() if d}
    assert changes.total == want_total
    want_agency = {}
    for agency in now.by_agency.keys() | before.by_agency.keys():
        moved = minus(now.by_agency.get(agency, empty), before.by_agency.get(agency, empty))
        moved = {b: d for b, d in moved.items() if d}
        if moved:
            want_agency[agency] = moved
    assert changes.by_agency == want_agency
    for kind in now.by_kind:
        moved = {b: d for b, d in minus(now.by_kind[kind], before.by_kind[kind]).items() if d}
        assert changes.by_kind.get(kind, {}) == moved
    # The agencies' changes add up to the total's.
    for bucket in SHOWN_BUCKETS:
        assert sum(m.get(bucket, 0) for m in changes.by_agency.values()) == changes.total.get(
            bucket, 0
        )


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))


def meta_for(feed: Feed, baseline: Baseline | None = None) -> ExportMeta:
    return ExportMeta(
        feed.title or "",
        feed.as_of,
        "demo",
        GENERATED,
        "en",
        baseline=baseline.label if baseline else None,
        baseline_as_of=baseline.feed.as_of if baseline else None,
    )


@pytest.fixture(scope="module")
def demo() -> tuple[Feed, Rollup]:
    feed = load_feed(demo_feed_path().read_bytes())
    return feed, roll_up(feed)


@pytest.fixture
def meeting(demo, tmp_path: Path):
    """(feed, rollup, baseline, comparison): the demo against the meeting baseline."""
    feed, rollup = demo
    path = write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))
    baseline = load_baseline(path)
    return feed, rollup, baseline, compare(baseline, feed, rollup)


# Each kind of change ------------------------------------------------------------------

BEFORE = feed_dict(
    [
        task("DONE", due="2025-12-31"),
        task("LATE", due="2025-09-30"),
        task("TURNS", "LAI-CHAU", due="2025-10-10"),
        task("SAME", due="2026-01-01"),
        task("STILL-LATE", due="2025-09-01"),
        task("GONE", "LAI-CHAU", due="2025-11-30"),
        task("REOPEN", due="2025-12-31", completed="2025-09-20"),
    ],
    as_of=BASE_AS_OF,
)
NOW = feed_dict(
    [
        task("DONE", due="2025-12-31", completed="2025-10-10"),
        task("LATE", due="2025-09-30", completed="2025-10-05"),
        task("TURNS", "LAI-CHAU", due="2025-10-10"),
        task("SAME", due="2026-01-01"),
        task("STILL-LATE", due="2025-09-01"),
        task("REOPEN", due="2025-12-31"),
        task("NEW1", "LAI-CHAU", due="2026-06-30"),
    ]
)


def test_each_kind_of_change_is_found_with_what_it_was_and_is(tmp_path: Path) -> None:
    baseline = load_baseline(write(tmp_path / "before.json", BEFORE))
    feed = load_feed(to_bytes(NOW))
    comparison = compare(baseline, feed, roll_up(feed))
    found = [(c.kind, c.task.id, c.was, c.now) for c in comparison.tasks]
    assert found == [
        (ChangeKind.COMPLETED, "DONE", TaskState.ON_TIME, TaskState.COMPLETED),
        (ChangeKind.COMPLETED, "LATE", TaskState.OVERDUE, TaskState.COMPLETED_LATE),
        (ChangeKind.OVERDUE, "TURNS", TaskState.ON_TIME, TaskState.OVERDUE),
        (ChangeKind.NEW, "NEW1", None, TaskState.ON_TIME),
        (ChangeKind.REMOVED, "GONE", TaskState.ON_TIME, None),
        (ChangeKind.OTHER, "REOPEN", TaskState.COMPLETED, TaskState.ON_TIME),
    ]
    # A removed task is the baseline's record; the others are today's.
    by_id = {c.task.id: c.task for c in comparison.tasks}
    assert by_id["GONE"] in baseline.feed.tasks
    assert by_id["DONE"] in feed.tasks
    assert by_id["DONE"].completed == date(2025, 10, 10)
    assert comparison.counted() == {
        ChangeKind.COMPLETED: 2,
        ChangeKind.OVERDUE: 1,
        ChangeKind.NEW: 1,
        ChangeKind.REMOVED: 1,
        ChangeKind.OTHER: 1,
    }
    assert [comparison.count(kind) for kind in CHANGE_ORDER] == [2, 1, 1, 1, 1]
    assert baseline.label == "before.json"
    assert baseline.feed.as_of_date == date(2025, 10, 1)


def test_the_figures_changed_are_todays_minus_the_baselines(tmp_path: Path) -> None:
    baseline = load_baseline(write(tmp_path / "before.json", BEFORE))
    feed = load_feed(to_bytes(NOW))
    rollup = roll_up(feed)
    comparison = compare(baseline, feed, rollup)
    # Worked out by hand from the two feeds: +DONE +LATE −REOPEN completed; −DONE −TURNS
    # −GONE +REOPEN +NEW1 on time; −LATE +TURNS overdue; one task in, one out.
    assert comparison.changes.total == {
        Bucket.COMPLETED: 1,
        Bucket.COMPLETED_LATE: 1,
        Bucket.ON_TIME: -1,
    }
    assert comparison.of_agency("BKHCN") == {
        Bucket.COMPLETED: 1,
        Bucket.COMPLETED_LATE: 1,
        Bucket.OVERDUE: -1,
    }
    assert comparison.of_agency("LAI-CHAU") == {Bucket.ON_TIME: -1, Bucket.OVERDUE: 1}
    assert comparison.of_agency("NOWHERE") == {}
    assert_changes_add_up(comparison.changes, rollup, baseline.rollup)
    # The same tasks are assigned: no assigned change at all.
    assert Bucket.ASSIGNED not in comparison.changes.total


def test_demo_against_the_meeting_baseline_adds_up(meeting) -> None:
    feed, rollup, baseline, comparison = meeting
    assert_changes_add_up(comparison.changes, rollup, baseline.rollup)
    want = expected_kinds(baseline.feed, feed)
    assert {c.task.id: c.kind for c in comparison.tasks} == want
    counted = comparison.counted()
    assert counted[ChangeKind.NEW] == 3
    assert counted[ChangeKind.REMOVED] == 1
    assert counted[ChangeKind.COMPLETED] == 40
    assert counted[ChangeKind.OVERDUE] > 0
    # Listed kind by kind, in the meeting's order.
    ranks = [CHANGE_ORDER.index(c.kind) for c in comparison.tasks]
    assert ranks == sorted(ranks)
    # The assigned change is the new tasks less the removed one.
    assert comparison.changes.total[Bucket.ASSIGNED] == 3 - 1
    assert (
        comparison.changes.total[Bucket.ASSIGNED]
        == rollup.total.assigned - baseline.rollup.total.assigned
    )


# Refused baselines --------------------------------------------------------------------


def refusal(path: Path) -> str:
    with pytest.raises(BaselineError) as caught:
        load_baseline(path)
    text = caught.value.text("en")
    assert "\n" not in text
    assert "Traceback" not in text
    assert text.startswith(f"baseline {path.name}: ")
    return text


def test_load_baseline_refuses_in_one_line_naming_the_file(tmp_path: Path) -> None:
    assert refusal(tmp_path / "missing.json") == "baseline missing.json: file not found"
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert "is a folder" in refusal(folder)
    (tmp_path / "notes.json").write_text('{"hello": "world"}\n')
    assert len(refusal(tmp_path / "notes.json")) > len("baseline notes.json: ")
    (tmp_path / "text.json").write_text("this is not json\nat all\n")
    refusal(tmp_path / "text.json")
    (tmp_path / "binary.json").write_bytes(bytes(range(256)))
    refusal(tmp_path / "binary.json")
    whole = gzip.compress(to_bytes(NOW))
    (tmp_path / "cut.json.gz").write_bytes(whole[: len(whole) // 2])
    assert "not valid gzip" in refusal(tmp_path / "cut.json.gz")
    (tmp_path / "bad.json.gz").write_bytes(b"\x1f\x8b" + b"\x00" * 40)
    assert "not valid gzip" in refusal(tmp_path / "bad.json.gz")
    # Gzip of something that is not a feed: the feed's reason, still one line.
    (tmp_path / "zipped-text.json.gz").write_bytes(gzip.compress(b"hello"))
    refusal(tmp_path / "zipped-text.json.gz")


def test_a_gzip_baseline_is_read_like_a_plain_one(tmp_path: Path) -> None:
    (tmp_path / "before.json.gz").write_bytes(gzip.compress(to_bytes(BEFORE)))
    zipped = load_baseline(tmp_path / "before.json.gz")
    plain = load_baseline(write(tmp_path / "before.json", BEFORE))
    assert zipped.label == "before.json.gz"
    assert zipped.rollup == plain.rollup
    feed = load_feed(to_bytes(NOW))
    rollup = roll_up(feed)
    assert compare(zipped, feed, rollup).tasks == compare(plain, feed, rollup).tasks


# A JSON snapshot as the baseline ------------------------------------------------------


def test_a_json_snapshot_of_the_demo_is_a_baseline_with_no_changes(demo, tmp_path) -> None:
    feed, rollup = demo
    [path] = export(
        [TableSpec(name) for name in TABLE_NAMES],
        feed,
        rollup,
        meta_for(feed),
        fmt="json",
        folder=tmp_path,
    )
    assert json.loads(path.read_bytes())["r57tui_snapshot"]["baseline"] is None
    baseline = load_baseline(path)
    assert baseline.label == path.name
    assert baseline.rollup.total == rollup.total
    assert baseline.rollup.by_agency == rollup.by_agency
    same = compare(baseline, feed, rollup)
    assert same.tasks == ()
    assert not same.changes
    assert same.changes.total == {}
    assert same.changes.by_agency == {}

    # Today's feed moves on: two open tasks completed, one dropped, one added.
    doc = demo_doc()
    open_ids = [t.id for t in feed.tasks if t.state is TaskState.ON_TIME][:2]
    for item in doc["tasks"]:
        if item["id"] in open_ids:
            item["completed"] = "2025-10-14"
            item.pop("status", None)
    dropped = doc["tasks"].pop(10)["id"]
    doc["tasks"].append(task("T-9999", "HA-NOI", due="2026-03-31"))
    moved = load_feed(to_bytes(doc))
    moved_rollup = roll_up(moved)
    comparison = compare(baseline, moved, moved_rollup)
    assert {(c.kind, c.task.id) for c in comparison.tasks} == {
        (ChangeKind.COMPLETED, open_ids[0]),
        (ChangeKind.COMPLETED, open_ids[1]),
        (ChangeKind.REMOVED, dropped),
        (ChangeKind.NEW, "T-9999"),
    }
    assert_changes_add_up(comparison.changes, moved_rollup, baseline.rollup)
    assert comparison.changes.total[Bucket.COMPLETED] == 2


def test_the_json_snapshot_names_its_baseline(meeting, tmp_path: Path) -> None:
    feed, rollup, baseline, comparison = meeting
    out = tmp_path / "out"
    [path] = export(
        [TableSpec("agencies"), TableSpec("changes")],
        feed,
        rollup,
        meta_for(feed, baseline),
        fmt="json",
        folder=out,
        comparison=comparison,
    )
    snapshot = json.loads(path.read_bytes())["r57tui_snapshot"]
    assert snapshot["baseline"] == {"file": "base.json", "as_of": "2025-10-01T08:00:00+07:00"}
    views = {view["table"]: view for view in snapshot["views"]}
    assert "completed_change" in views["agencies"]["columns"]
    changes = views["changes"]
    at = changes["columns"].index("id")
    assert sorted(row[at] for row in changes["rows"]) == sorted(c.task.id for c in comparison.tasks)
    # The snapshot is itself a loadable baseline, equal to today's feed.
    assert not compare(load_baseline(path), feed, rollup).tasks


# Exports carry the changes ------------------------------------------------------------


def unsigned(cell: str) -> int:
    """A signed change as a number: `+6` 6, `−2` (a real minus sign) -2, `±0` 0."""
    return int(cell.replace("\u2212", "-").replace("±", ""))


def test_csv_agencies_change_columns_and_changes_table(meeting, tmp_path: Path) -> None:
    feed, rollup, baseline, comparison = meeting
    agencies_path, changes_path = export(
        [TableSpec("agencies"), TableSpec("changes")],
        feed,
        rollup,
        meta_for(feed, baseline),
        fmt="csv",
        folder=tmp_path,
        comparison=comparison,
    )
    rows = read_csv(agencies_path)
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    assert totals[2] == "Total"
    done_col = header.index("Completed ± 2025-10-01")
    late_col = header.index("Overdue ± 2025-10-01")
    assert len(body) == 69
    empty = Counts()
    moved_rows = 0
    for row in body:
        agency = row[1]
        now, before = rollup.by_agency[agency], baseline.rollup.by_agency.get(agency, empty)
        assert unsigned(row[done_col]) == now.completed - before.completed, agency
        assert unsigned(row[late_col]) == now.overdue - before.overdue, agency
        moved_rows += row[done_col] != "±0" or row[late_col] != "±0"
    assert moved_rows > 5

    rows = read_csv(changes_path)
    header, body = rows[0], [row[1:] for row in rows[1:]]
    assert [row[0] for row in rows[1:]] == [str(n) for n in range(1, len(body) + 1)]
    assert header[:10] == [
        "No.",
        "Change",
        "Id",
        "Title",
        "Lead agency id",
        "Lead agency",
        "Was",
        "Now",
        "Due",
        "Completed on",
    ]
    want = expected_kinds(baseline.feed, feed)
    assert len(body) == len(want)
    assert {row[1]: row[0] for row in body} == {
        task_id: CHANGE_LABELS[kind] for task_id, kind in want.items()
    }
    gone = next(row for row in body if row[1] == "T-GONE")
    assert (gone[5], gone[6]) == ("on time", "")
    assert gone[4] == feed.agency_name("HA-NOI", "en")
    done = next(row for row in body if want[row[1]] is ChangeKind.COMPLETED)
    assert done[6] in ("completed", "completed late")
    assert done[8]  # the completion date


def test_markdown_title_block_says_compared_with(meeting, tmp_path: Path) -> None:
    feed, rollup, baseline, comparison = meeting
    [path] = export(
        [TableSpec("agencies"), TableSpec("changes")],
        feed,
        rollup,
        meta_for(feed, baseline),
        fmt="md",
        folder=tmp_path,
        comparison=comparison,
    )
    text = path.read_text("utf-8")
    assert "- **Compared with:** base.json, 2025-10-01 08:00 +0700" in text
    assert "Changes since the baseline (base.json, as of 2025-10-01)" in text


def test_xlsx_agencies_change_columns_totals_and_changes_sheet(meeting, tmp_path: Path) -> None:
    feed, rollup, baseline, comparison = meeting
    spec = TableSpec("agencies", group="locality")
    [path] = export(
        [spec, TableSpec("changes")],
        feed,
        rollup,
        meta_for(feed, baseline),
        fmt="xlsx",
        folder=tmp_path,
        comparison=comparison,
    )
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Agencies", "Changes", "Charts"]
    sheet = book["Agencies"]
    # The title block has a fifth line with a baseline: the header is on row 8.
    header = [cell.value for cell in sheet[8]]
    done_col = header.index("Completed ± 2025-10-01")
    late_col = header.index("Overdue ± 2025-10-01")
    rows = list(sheet.iter_rows(min_row=9, values_only=True))
    body, total = rows[:-1], rows[-1]
    assert len(body) == 34
    empty = Counts()
    for row in body:
        now, before = rollup.by_agency[row[1]], baseline.rollup.by_agency.get(row[1], empty)
        assert row[done_col] == now.completed - before.completed
        assert row[late_col] == now.overdue - before.overdue
    # The totals row adds up the rows shown (the localities), not the whole feed.
    assert total[2] == "Total"
    assert total[done_col] == sum(row[done_col] for row in body)
    assert total[late_col] == sum(row[late_col] for row in body)
    localities = comparison.changes.by_kind["locality"]
    assert total[done_col] == localities.get(Bucket.COMPLETED, 0)
    assert total[late_col] == localities.get(Bucket.OVERDUE, 0)

    changes = book["Changes"]
    header = [cell.value for cell in changes[8]]
    ids = [row[header.index("Id")] for row in changes.iter_rows(min_row=9, values_only=True)]
    assert sorted(ids) == sorted(expected_kinds(baseline.feed, feed))


def test_xlsx_title_block_says_compared_with(meeting, tmp_path: Path) -> None:
    feed, rollup, baseline, comparison = meeting
    [path] = export(
        [TableSpec("agencies")],
        feed,
        rollup,
        meta_for(feed, baseline),
        fmt="xlsx",
        folder=tmp_path,
        comparison=comparison,
    )
    sheet = openpyxl.load_workbook(path)["Agencies"]
    block = {
        sheet.cell(row, 1).value: sheet.cell(row, 2).value
        for row in range(2, 7)
        if sheet.cell(row, 2).value is not None
    }
    assert block.get("As of") == "2025-10-15 08:00 +0700"
    assert block.get("Compared with") == "base.json, 2025-10-01 08:00 +0700", block


def test_the_changes_table_without_a_baseline_is_empty(demo) -> None:
    feed, rollup = demo
    table = build_table(TableSpec("changes"), feed, rollup, "en")
    assert table.rows == []
    agencies = build_table(TableSpec("agencies"), feed, rollup, "en")
    assert "completed_change" not in [column.key for column in agencies.columns]


# The export command -------------------------------------------------------------------


@pytest.fixture
def cli_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(tmp_path)
    return home


def test_cli_exports_the_changes_table(
    cli_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))
    out = tmp_path / "out"
    code = main(
        [
            *("--baseline", str(base), "export", "--table", "changes"),
            *("--format", "csv", "--out", str(out)),
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    [printed] = captured.out.splitlines()
    path = Path(printed)
    assert path.parent == out
    assert path.name.startswith("r57-changes-")
    rows = read_csv(path)
    feed = load_feed(demo_feed_path().read_bytes())
    want = expected_kinds(load_feed(base.read_bytes()), feed)
    assert {row[2]: row[1] for row in rows[1:]} == {
        task_id: CHANGE_LABELS[kind] for task_id, kind in want.items()
    }


def test_cli_all_tables_include_the_changes_with_a_baseline(
    cli_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = write(tmp_path / "base.json", meeting_baseline_doc(demo_doc()))
    code = main(
        ["--baseline", str(base), "export", "--format", "csv", "--out", str(tmp_path / "o")]
    )
    assert code == 0
    names = [Path(line).name for line in capsys.readouterr().out.splitlines()]
    assert len(names) == 6  # agencies, tasks, at risk, indicators, findings, changes
    assert any(name.startswith("r57-changes-") for name in names)
    assert main(["export", "--format", "csv", "--out", str(tmp_path / "p")]) == 0
    names = [Path(line).name for line in capsys.readouterr().out.splitlines()]
    assert len(names) == 5
    assert not any(name.startswith("r57-changes-") for name in names)


def test_cli_changes_without_a_baseline_exits_2_in_one_line(
    cli_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["export", "--table", "changes", "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err == (
        "r57tui: --table changes: needs --baseline (an earlier feed file, "
        "or a recorded meeting: last, previous or its date)\n"
    )
    assert not (tmp_path / "out").exists()


def test_cli_a_missing_or_broken_baseline_exits_2_naming_the_file(
    cli_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--baseline", str(tmp_path / "missing.json"), "export", "--out", str(tmp_path)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err == "r57tui: baseline missing.json: file not found\n"
    whole = gzip.compress(to_bytes(NOW))
    (tmp_path / "cut.json.gz").write_bytes(whole[:30])
    code = main(["--baseline", str(tmp_path / "cut.json.gz"), "export", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("r57tui: baseline cut.json.gz: not valid gzip")
    assert list(tmp_path.glob("r57-*")) == []


def test_cli_a_broken_baseline_in_a_real_run_has_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text("{not json")
    result = subprocess.run(
        [
            *(sys.executable, "-m", "r57tui", "--baseline", str(tmp_path / "notes.json")),
            *("export", "--out", str(tmp_path / "out")),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
        env={"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path), "LANG": "C.UTF-8"}
        | {"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("r57tui: baseline notes.json: ")


def test_cli_due_soon_state_exports_exactly_the_rollups_due_soon(
    cli_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = load_feed(demo_feed_path().read_bytes())
    for days, config in ((14, None), (7, "due_soon_days = 7\n")):
        args = ["export", "--table", "tasks", "--state", "due_soon", "--format", "csv"]
        args += ["--out", str(tmp_path / f"out{days}")]
        if config is not None:
            (tmp_path / "r57tui.toml").write_text(config)
            args += ["--config", str(tmp_path / "r57tui.toml")]
        assert main(args) == 0
        [printed] = capsys.readouterr().out.splitlines()
        assert "due_soon" in Path(printed).name or "due-soon" in Path(printed).name
        rows = read_csv(Path(printed))
        due_soon = roll_up(feed, due_soon_days=days).due_soon
        assert len(due_soon) > 0
        ids = [row[1] for row in rows[1:]]
        assert sorted(ids) == sorted(t.id for t in due_soon), days
        assert {row[rows[0].index("State")] for row in rows[1:]} == {"on time"}
    assert roll_up(feed, due_soon_days=7).due_soon != roll_up(feed).due_soon


# Due soon in the task lists -----------------------------------------------------------

DUE_SOON_FEED = feed_dict(
    [
        task("AT", due="2025-10-15"),  # the as-of day: due soon
        task("EDGE", due="2025-10-29"),  # as_of + 14: due soon
        task("PAST-EDGE", due="2025-10-30"),  # as_of + 15: not yet
        task("YESTERDAY", due="2025-10-14"),  # overdue, not due soon
        task("DONE-SOON", due="2025-10-20", completed="2025-10-10"),  # completed
        task("NODUE"),  # ongoing
        task("MONTH", due="2025-10"),  # ends 2025-10-31: not yet
        task("LAI-1", "LAI-CHAU", due="2025-10-20"),  # due soon, another agency
        task("LAI-2", "LAI-CHAU", due="2025-11-20"),
    ]
)


def ids(tasks) -> set[str]:
    return {t.id for t in tasks}


def test_due_soon_boundaries_in_the_rollup_and_the_task_lists() -> None:
    feed = load_feed(to_bytes(DUE_SOON_FEED))
    rollup = roll_up(feed, due_soon_days=14)
    assert [t.id for t in rollup.due_soon] == ["AT", "LAI-1", "EDGE"]  # soonest first
    listing = TaskList(feed, Scope.everything(), "en", 14)
    assert ids(listing.rows(StateFilter.DUE_SOON)) == {"AT", "EDGE", "LAI-1"}
    assert listing.due_soon_count() == 3
    bk = TaskList(feed, Scope.agency("BKHCN"), "en", 14)
    assert ids(bk.rows(StateFilter.DUE_SOON)) == {"AT", "EDGE"}
    assert bk.due_soon_count() == 2
    lai = TaskList(feed, Scope.agency("LAI-CHAU"), "en", 14)
    assert ids(lai.rows(StateFilter.DUE_SOON)) == {"LAI-1"}
    assert lai.due_soon_count() == 1
    assert Counter(t.agency for t in rollup.due_soon) == {"BKHCN": 2, "LAI-CHAU": 1}
    localities = TaskList(feed, Scope.group("locality"), "en", 14)
    assert ids(localities.rows(StateFilter.DUE_SOON)) == {"LAI-1"}
    # The horizon moves with the setting: 15 days takes the edge after, 0 the day only.
    assert ids(TaskList(feed, Scope.everything(), "en", 15).rows(StateFilter.DUE_SOON)) == {
        "AT",
        "EDGE",
        "PAST-EDGE",
        "LAI-1",
    }
    assert ids(roll_up(feed, due_soon_days=15).due_soon) == {"AT", "EDGE", "PAST-EDGE", "LAI-1"}
    zero = TaskList(feed, Scope.everything(), "en", 0)
    assert (
        ids(zero.rows(StateFilter.DUE_SOON))
        == {"AT"}
        == ids(roll_up(feed, due_soon_days=0).due_soon)
    )
    assert zero.due_soon_count() == 1


def test_due_soon_with_a_text_filter() -> None:
    feed = load_feed(to_bytes(DUE_SOON_FEED))
    listing = TaskList(feed, Scope.everything(), "en", 14)
    assert ids(listing.rows(StateFilter.DUE_SOON, "lai chau")) == {"LAI-1"}
    assert ids(listing.rows(StateFilter.DUE_SOON, "edge")) == {"EDGE"}  # not PAST-EDGE
    assert ids(listing.rows(StateFilter.ALL, "edge")) == {"EDGE", "PAST-EDGE"}
    assert listing.rows(StateFilter.DUE_SOON, "yesterday") == []


def test_due_soon_on_the_demo_is_the_rollups_in_every_scope(demo) -> None:
    feed, rollup = demo
    due_soon = ids(rollup.due_soon)
    assert 0 < len(due_soon) < len(feed.tasks)
    scopes = [Scope.everything()] + [Scope.group(g) for g in AGENCY_GROUPS if g != "all"]
    scopes += [Scope.agency(agency) for agency in feed.agencies]
    for scope in scopes:
        listing = TaskList(feed, scope, "en", rollup.due_soon_days)
        want = {t.id for t in rollup.due_soon if scope.admits(feed, t)}
        rows = listing.rows(StateFilter.DUE_SOON)
        assert ids(rows) == want, scope
        assert len(rows) == len(want)
        assert listing.due_soon_count() == len(want), scope
    by_agency = Counter(t.agency for t in rollup.due_soon)
    assert sum(by_agency.values()) == len(due_soon)
    # Sorted by due date, the deadlines never go back.
    rows = TaskList(feed, Scope.everything(), "en").rows(StateFilter.DUE_SOON, sort="due")
    deadlines = [t.deadline for t in rows]
    assert deadlines == sorted(deadlines)


def test_due_soon_and_a_text_filter_on_the_demo_typed_on(demo) -> None:
    feed, rollup = demo
    due_soon = ids(rollup.due_soon)
    listing = TaskList(feed, Scope.everything(), "en")
    for query in ("h", "ha", "ha noi", "ha noi so"):  # typed on: narrows the last result
        got = listing.rows(StateFilter.DUE_SOON, query)
        fresh = TaskList(feed, Scope.everything(), "en").rows(StateFilter.ALL, query)
        assert [t.id for t in got] == [t.id for t in fresh if t.id in due_soon], query
    assert listing.rows(StateFilter.DUE_SOON, "ha") != []


@pytest.mark.parametrize("days", [0, 14, 60])
def test_a_list_given_the_rollups_due_soon_tasks_shows_what_the_rule_gives(days: int) -> None:
    # The dashboard hands a list the roll-up's due-soon tasks (judging 100k tasks again
    # cost 50 ms of every refresh): the same tasks and counts as judging each task.
    feed = load_feed(demo_feed_path().read_bytes())
    rollup = roll_up(feed, due_soon_days=days)
    scopes = [Scope.everything(), Scope.group("locality"), Scope.agency("BKHCN")]
    for scope in scopes:
        given = TaskList(feed, scope, "en", days, rollup.due_soon)
        judged = TaskList(feed, scope, "en", days)
        assert given.due_soon_mask() == judged.due_soon_mask()
        assert given.due_soon_count() == judged.due_soon_count()
        assert given.rows(StateFilter.DUE_SOON) == judged.rows(StateFilter.DUE_SOON)
    assert TaskList(feed, scopes[0], "en", days, rollup.due_soon).due_soon_count() == len(
        rollup.due_soon
    )
