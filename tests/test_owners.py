"""Owners: the member in charge of a task (`owner`), loaded, described by the schema,
noticed by a refresh, counted by the roll-up as agencies are, and written by every
export; and the overdue rate, a sort that reverses when chosen again."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from r57tui.demo import demo_feed_path
from r57tui.export import ExportMeta, TableSpec
from r57tui.feed import load_feed
from r57tui.rollup import Bucket, Counts, roll_up
from r57tui.schema import feed_schema
from r57tui.views import (
    AGENCY_SORTS,
    Scope,
    SortOrder,
    StateFilter,
    TaskList,
    agency_rows,
    owner_rows,
)
from tests.builders import export, feed_dict, task, to_bytes

CHAIR = "Chủ tịch UBND tỉnh"
VICE = "Phó Chủ tịch UBND tỉnh phụ trách khoa học"
LATE_DAY = "2025-10-01"  # T1's completion, after its deadline


@pytest.fixture(scope="module")
def demo():
    raw = json.loads(demo_feed_path().read_text("utf-8"))
    feed = load_feed(demo_feed_path().read_bytes())
    return raw, feed, roll_up(feed)


def small_feed():
    """Five tasks, three owners (one without): hand-counted below."""
    return load_feed(
        to_bytes(
            feed_dict(
                [
                    task("T1", "LAI-CHAU", owner=CHAIR, due="2025-01-31"),  # overdue
                    task("T2", "LAI-CHAU", owner=CHAIR, completed="2025-05-01"),
                    task("T3", "LAI-CHAU", owner=VICE, due="2025-12-31"),  # on time
                    task("T4", "BKHCN", owner=VICE, due="2025-02-01", completed="2025-03-01"),
                    task("T5", "BKHCN", due="2025-03-01"),  # overdue, no owner
                ]
            )
        )
    )


# --- the feed ----------------------------------------------------------------------


@pytest.mark.parametrize("escaped", [False, True], ids=["one-pass", "record-by-record"])
def test_an_owner_is_read_in_nfc_trimmed_and_a_blank_one_is_none(escaped: bool) -> None:
    decomposed = "Pho\u0301 Chu\u0309 ti\u0323ch UBND ti\u0309nh"  # NFD, as some tools write
    text = to_bytes(
        feed_dict(
            [
                task("T1", owner=f"  {decomposed}\t"),
                task("T2", owner="   "),
                task("T3", owner=CHAIR),
                task("T4"),
            ]
        )
    )
    if escaped:  # an escape is only seen after parsing: the slower path
        text = text.replace("Chủ".encode(), b"Ch\\u1ee7")
    feed = load_feed(text)
    owners = [t.owner for t in feed.tasks]
    assert owners == ["Phó Chủ tịch UBND tỉnh", None, CHAIR, None]
    assert feed.findings == []


def test_a_bad_owner_sets_its_task_aside_as_a_finding_and_the_rest_loads() -> None:
    feed = load_feed(
        to_bytes(
            feed_dict(
                [
                    task("T1", owner=CHAIR),
                    task("T2", owner=7),
                    task("T3", owner="x" * 201),
                    task("T4", owner=["a"]),
                    task("T5", owner="y" * 200),
                ]
            )
        )
    )
    assert [t.id for t in feed.tasks] == ["T1", "T5"]
    found = {f.record_id: f for f in feed.findings}
    assert set(found) == {"T2", "T3", "T4"}
    assert found["T2"].where == "tasks[1]"
    assert "owner: must be text" in found["T2"].message
    assert "owner: must be at most 200 characters" in found["T3"].message
    assert "owner: phải là chuỗi văn bản" in found["T2"].text("vi")


def test_an_owner_with_control_characters_is_kept_as_data() -> None:
    # As a title's: kept, and made printable where shown (safety.py); never a crash.
    feed = load_feed(to_bytes(feed_dict([task("T1", owner="Chủ tịch\x1b[2J")])))
    assert feed.tasks[0].owner == "Chủ tịch\x1b[2J"
    assert feed.findings == []


def test_the_schema_describes_the_owner() -> None:
    owner = feed_schema()["$defs"]["Task"]["properties"]["owner"]
    text = next(choice for choice in owner["anyOf"] if choice.get("type") == "string")
    assert text["maxLength"] == 200
    assert "steering-committee member" in text["description"]
    assert {"type": "null"} in owner["anyOf"]


def test_a_refresh_notices_an_owner_that_changed() -> None:
    # Few records changed, so the refresh reuses the others (a rewrite loads whole).
    tasks = [task("T1", owner=CHAIR), task("T2", owner=VICE), task("T3")]
    tasks += [task(f"U{i}", owner=VICE) for i in range(7)]
    before = load_feed(to_bytes(feed_dict(tasks)), for_refresh=True)
    tasks[0] = task("T1", owner=VICE)  # the chair hands the task on
    tasks[2] = task("T3", owner=CHAIR)  # a task gains an owner
    after = load_feed(to_bytes(feed_dict(tasks)), before, for_refresh=True)
    assert [t.owner for t in after.tasks[:3]] == [VICE, VICE, CHAIR]
    assert after.tasks[1] is before.tasks[1]  # unchanged: reused
    assert after.tasks[0] is not before.tasks[0]
    assert after.tasks[2] is not before.tasks[2]
    assert after.tasks == load_feed(to_bytes(feed_dict(tasks))).tasks
    assert [t.owner for t in before.tasks[:3]] == [CHAIR, VICE, None]  # still on screen


# --- the roll-up and the owner rows ------------------------------------------------


def test_the_roll_up_counts_each_task_once_under_its_owner() -> None:
    rollup = roll_up(small_feed())
    assert rollup.by_owner == {
        CHAIR: Counts(completed_on_time=1, overdue=1),
        VICE: Counts(completed_late=1, on_time=1),
        None: Counts(overdue=1),
    }
    assert sum(rollup.by_owner.values(), Counts()) == rollup.total


def test_what_moved_is_told_by_owner_too() -> None:
    before = roll_up(small_feed())
    after = roll_up(
        load_feed(
            to_bytes(
                feed_dict(
                    [
                        task("T1", "LAI-CHAU", owner=CHAIR, due="2025-01-31", completed=LATE_DAY),
                        task("T2", "LAI-CHAU", owner=CHAIR, completed="2025-05-01"),
                        task("T3", "LAI-CHAU", owner=CHAIR, due="2025-12-31"),  # reassigned
                        task("T4", "BKHCN", owner=VICE, due="2025-02-01", completed="2025-03-01"),
                        task("T5", "BKHCN", due="2025-03-01"),
                    ]
                )
            )
        )
    )
    moved = after.changes_since(before)
    assert moved.by_owner == {
        CHAIR: {
            Bucket.ASSIGNED: 1,
            Bucket.COMPLETED: 1,
            Bucket.COMPLETED_LATE: 1,
            Bucket.ON_TIME: 1,
            Bucket.OVERDUE: -1,
        },
        VICE: {Bucket.ASSIGNED: -1, Bucket.ON_TIME: -1},
    }
    assert Scope.owner(VICE).changes(moved) == {Bucket.ASSIGNED: -1, Bucket.ON_TIME: -1}
    assert Scope.owner(None).changes(moved) == {}
    assert not roll_up(small_feed()).changes_since(before)


def test_owner_rows_sort_like_agency_rows_and_open_the_owners_tasks() -> None:
    feed = small_feed()
    rollup = roll_up(feed)
    rows = owner_rows(rollup, sort="name")
    assert [row.owner for row in rows] == [CHAIR, VICE, None]  # no owner last
    assert rows[-1].label("vi") == "(chưa giao người phụ trách)"
    assert rows[-1].label("en") == "(no owner)"
    # Whatever the order, the tasks without an owner come after every member, though
    # they have more overdue (and a higher rate) than VICE.
    assert [row.owner for row in owner_rows(rollup, sort="overdue")] == [CHAIR, VICE, None]
    assert [r.owner for r in owner_rows(rollup, sort="overdue_rate")] == [CHAIR, VICE, None]
    reversed_order = SortOrder("overdue", reversed=True)
    assert [r.owner for r in owner_rows(rollup, sort=reversed_order)] == [VICE, CHAIR, None]
    assert [r.owner for r in owner_rows(rollup, query="pho chu tich")] == [VICE]
    assert [r.owner for r in owner_rows(rollup, with_no_owner=False)] == [CHAIR, VICE]
    for row in rows:
        listing = TaskList(feed, row.scope)
        shown = listing.rows()
        assert {t.owner for t in shown} == {row.owner}
        assert listing.counts() == row.counts == row.scope.counts(feed, rollup)
    assert [t.id for t in TaskList(feed, Scope.owner(CHAIR)).rows(StateFilter.OVERDUE)] == ["T1"]


def test_on_the_demo_the_owner_figures_add_up_and_match_the_raw_feed(demo) -> None:
    raw, feed, rollup = demo
    written = Counter(t.get("owner") for t in raw["tasks"])
    assert len(written) > 30  # localities' tasks have owners, the others none
    assert written[None] < len(raw["tasks"])
    assert {o: c.assigned for o, c in rollup.by_owner.items()} == dict(written)
    for owner, counts in rollup.by_owner.items():
        assert counts.assigned == counts.completed + counts.on_time + counts.overdue
        ids = {t["id"] for t in raw["tasks"] if t.get("owner") == owner}
        listing = TaskList(feed, Scope.owner(owner))
        assert {t.id for t in listing.rows()} == ids
        assert listing.counts() == counts
    assert sum(rollup.by_owner.values(), Counts()) == rollup.total
    assert (rollup.total.assigned, rollup.total.completed) == (1132, 485)
    assert (rollup.total.on_time, rollup.total.overdue) == (561, 86)
    # Every locality's task has its owner, and only theirs.
    localities = {a["id"] for a in raw["agencies"] if a["kind"] == "locality"}
    assert all(("owner" in t) == (t["agency"] in localities) for t in raw["tasks"])


# --- the overdue rate, and sorting both ways ----------------------------------------


def rate_feed():
    """A province with 4 of 8 overdue and a ministry with 7 of 57."""
    late, done = "2025-01-31", "2025-02-01"
    tasks = [task(f"P{i}", "LAI-CHAU", due=late) for i in range(4)]
    tasks += [task(f"Q{i}", "LAI-CHAU", completed=done) for i in range(4)]
    tasks += [task(f"M{i}", "BKHCN", due=late) for i in range(7)]
    tasks += [task(f"N{i}", "BKHCN", completed=done) for i in range(50)]
    return load_feed(to_bytes(feed_dict(tasks)))


def test_the_overdue_rate_puts_a_small_province_above_a_large_ministry() -> None:
    feed = rate_feed()
    rollup = roll_up(feed)
    assert [r.agency.id for r in agency_rows(feed, rollup)] == ["BKHCN", "LAI-CHAU"]
    rows = agency_rows(feed, rollup, sort="overdue_rate")
    assert [r.agency.id for r in rows] == ["LAI-CHAU", "BKHCN"]
    assert [str(r.counts.overdue_rate.percent()) for r in rows] == ["50", "12"]
    reversed_ = agency_rows(feed, rollup, sort=SortOrder("overdue_rate", reversed=True))
    assert [r.agency.id for r in reversed_] == ["BKHCN", "LAI-CHAU"]


def test_the_same_sort_chosen_again_reverses_the_order(demo) -> None:
    _, feed, rollup = demo
    order = SortOrder("overdue")
    assert order.arrow(AGENCY_SORTS) == "↓"
    again = order.applied("overdue")
    assert again == SortOrder("overdue", reversed=True)
    assert again.arrow(AGENCY_SORTS) == "↑"
    assert again.applied("overdue") == order
    assert again.applied("name") == SortOrder("name")  # another key: its first direction
    for sort in AGENCY_SORTS:
        down = agency_rows(feed, rollup, sort=SortOrder(sort.id))
        up = agency_rows(feed, rollup, sort=SortOrder(sort.id).applied(sort.id))
        assert sorted(r.agency.id for r in up) == sorted(r.agency.id for r in down)
        if sort.id == "name":
            assert up == down[::-1]
        else:  # the key runs the other way; ties stay in name order
            keys = [r.counts for r in up]
            assert keys != [r.counts for r in down]
    by_rate = agency_rows(feed, rollup, sort="overdue_rate")
    rates = [r.counts.overdue / r.counts.assigned for r in by_rate]
    assert rates == sorted(rates, reverse=True)
    assert {r.agency.id for r in by_rate[:2]} == {"DIEN-BIEN", "LAI-CHAU"}  # 4 of 8
    listing = TaskList(feed, Scope.everything())
    forward = listing.rows(sort="urgency")
    assert listing.rows(sort=SortOrder("urgency").applied("urgency")) == forward[::-1]


# --- exports -----------------------------------------------------------------------


def meta_of(feed, language: str) -> ExportMeta:
    return ExportMeta(
        feed.title or "", feed.as_of, "demo", datetime(2025, 10, 16, tzinfo=UTC), language
    )


def owned_feed():
    return load_feed(
        to_bytes(
            feed_dict(
                [
                    task("T1", "LAI-CHAU", owner=CHAIR),
                    task("T2", "LAI-CHAU", owner='=HYPERLINK("http://x")'),
                    task("T3"),
                ]
            )
        )
    )


def test_csv_and_xlsx_task_tables_carry_the_owner(tmp_path: Path) -> None:
    feed = owned_feed()
    rollup = roll_up(feed)
    spec = TableSpec("tasks", sort="id")
    [path] = export([spec], feed, rollup, meta_of(feed, "vi"), fmt="csv", folder=tmp_path)
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    header = rows[0]
    at = header.index("Người phụ trách")
    assert header[at - 1] == "Cơ quan chủ trì"  # beside the lead agency
    assert [row[at] for row in rows[1:]] == [CHAIR, '\'=HYPERLINK("http://x")', ""]
    [book_path] = export(
        [spec], feed, rollup, meta_of(feed, "en"), fmt="xlsx", folder=tmp_path / "x"
    )
    sheet = openpyxl.load_workbook(book_path)["Tasks"]
    header = [cell.value for cell in sheet[7]]
    at = header.index("Owner")
    values = [row[at] for row in sheet.iter_rows(min_row=8, values_only=True)]
    assert values == [CHAIR, '=HYPERLINK("http://x")', None]
    cell = sheet.cell(row=9, column=at + 1)
    assert cell.data_type == "s"  # a string, never a formula


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_every_other_format_writes_the_owner(fmt: str, tmp_path: Path) -> None:
    feed = owned_feed()
    rollup = roll_up(feed)
    [path] = export(
        [TableSpec("tasks", sort="id")], feed, rollup, meta_of(feed, "vi"), fmt=fmt, folder=tmp_path
    )
    text = path.read_text("utf-8")
    if fmt != "json":
        assert "Người phụ trách" in text
        assert CHAIR in text
        return
    # The snapshot's view names columns by key, and its feed part is a feed again.
    [view] = json.loads(text)["r57tui_snapshot"]["views"]
    at = view["columns"].index("owner")
    assert [row[at] for row in view["rows"]] == [CHAIR, '=HYPERLINK("http://x")', None]
    by_owner = json.loads(text)["r57tui_snapshot"]["rollup"]["by_owner"]
    assert {owner: c["assigned"] for owner, c in by_owner.items()} == {
        CHAIR: 1,
        '=HYPERLINK("http://x")': 1,
        "": 1,
    }
    again = load_feed(path.read_bytes())
    assert [t.owner for t in again.tasks] == [CHAIR, '=HYPERLINK("http://x")', None]


def test_a_reversed_sort_is_named_in_both_languages_and_exported_that_way(
    tmp_path: Path, capsys
) -> None:
    from r57tui.cli import main
    from r57tui.export import build_table
    from r57tui.i18n.strings import tr
    from r57tui.views import TASK_SORTS

    for sort in (*AGENCY_SORTS, *TASK_SORTS):
        assert sort.reversed_label
        assert sort.reversed_label != sort.label
        assert tr(sort.reversed_label, "vi") != sort.reversed_label, sort.reversed_label
    feed = rate_feed()
    rollup = roll_up(feed)
    order = SortOrder("overdue_rate").applied("overdue_rate")
    table = build_table(TableSpec("agencies", sort=order), feed, rollup, "vi")
    assert table.title.endswith("sắp xếp theo tỷ lệ quá hạn ↑")
    assert [row[0] for row in table.rows] == ["BKHCN", "LAI-CHAU"]
    tasks = build_table(TableSpec("tasks", sort=SortOrder("id", reversed=True)), feed, rollup, "en")
    assert tasks.title.endswith("sorted by id ↓")
    assert [row[0] for row in tasks.rows] == sorted((t.id for t in feed.tasks), reverse=True)
    command = ["export", "--format", "csv", "--table", "agencies", "--sort", "overdue_rate"]
    assert main([*command, "--reverse", "--out", str(tmp_path)]) == 0
    [line] = capsys.readouterr().out.splitlines()
    rows = list(csv.reader(io.StringIO(Path(line).read_text("utf-8-sig"))))
    rates = [
        int(row[rows[0].index("Overdue")]) / int(row[rows[0].index("Assigned")])
        for row in rows[1:-1]  # the totals row last
    ]
    assert rates == sorted(rates)  # the demo's agencies, lowest overdue rate first
