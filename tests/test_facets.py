"""Facets: a task list sliced by thematic group, source document, key tasks, a co-operating
agency and owner — with each other, the scope, the state keys and the text filter — its
figures counted from what is shown, the filters in words, and exports of what is shown."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import UTC, datetime
from itertools import product
from pathlib import Path

import openpyxl
import pytest

from r57tui.cli import main
from r57tui.demo import demo_feed_path
from r57tui.export import ExportMeta, TableSpec, build_table
from r57tui.feed import load_feed
from r57tui.rollup import Counts, roll_up
from r57tui.views import (
    NO_FACETS,
    Facets,
    Scope,
    StateFilter,
    TaskList,
    describe,
    facet_values,
)
from r57tui.views.facets import NONE
from tests.builders import export, feed_dict, task, to_bytes

INFRA, INST = "Hạ tầng số", "Thể chế"
R71, R57 = "Nghị quyết 71/NQ-CP", "Nghị quyết 57-NQ/TW"
CHAIR, VICE = "Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh"
LATE, DONE = "2025-01-31", "2025-02-01"


@pytest.fixture(scope="module")
def small():
    """Eight tasks; each facet's count is written beside the test that uses it."""
    tasks = [
        task("T1", "BKHCN", group=INFRA, source=R71, key_task=True, due=LATE),
        task("T2", "BKHCN", group=INFRA, source=R57, co_agencies=["LAI-CHAU"]),
        task("T3", "BKHCN", group=INST, source=R71, key_task=True, completed=DONE),
        task("T4", "LAI-CHAU", group=INFRA, source=R71, owner=CHAIR, due=LATE),
        task("T5", "LAI-CHAU", group=INFRA, source=R71, owner=CHAIR, key_task=True),
        task("T6", "LAI-CHAU", group=INST, owner=VICE, co_agencies=["BKHCN"], due=LATE),
        task("T7", "LAI-CHAU", source=R57, owner=VICE, completed=DONE, title="Mạng 5G"),
        task("T8", "BKHCN", co_agencies=["LAI-CHAU", "BKHCN"], due=LATE, title="Mạng cáp"),
    ]
    return load_feed(to_bytes(feed_dict(tasks)))


def ids(feed, facets=NO_FACETS, scope=None, state=StateFilter.ALL, query=""):
    listing = TaskList(feed, scope or Scope.everything())
    return sorted(t.id for t in listing.rows(state, query, "id", facets))


@pytest.mark.parametrize(
    ("facets", "expected"),
    [
        (NO_FACETS, ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8"]),
        (Facets(group=INFRA), ["T1", "T2", "T4", "T5"]),
        (Facets(group=NONE), ["T7", "T8"]),
        (Facets(source=R71), ["T1", "T3", "T4", "T5"]),
        (Facets(source=NONE), ["T6", "T8"]),
        (Facets(key_only=True), ["T1", "T3", "T5"]),
        (Facets(co_agency="LAI-CHAU"), ["T2", "T8"]),
        (Facets(co_agency="BKHCN"), ["T6", "T8"]),
        (Facets(owner=CHAIR), ["T4", "T5"]),
        (Facets(owner=NONE), ["T1", "T2", "T3", "T8"]),
        (Facets(group=INFRA, source=R71), ["T1", "T4", "T5"]),
        (Facets(group=INFRA, source=R71, key_only=True), ["T1", "T5"]),
        (Facets(group=INFRA, owner=CHAIR, key_only=True), ["T5"]),
        (Facets(group=INST, co_agency="BKHCN", owner=VICE), ["T6"]),
        (Facets(group=INST, co_agency="LAI-CHAU"), []),
    ],
)
def test_each_facet_and_their_combinations(small, facets: Facets, expected: list[str]) -> None:
    assert ids(small, facets) == expected


def test_facets_combine_with_the_scope_the_state_keys_and_the_text_filter(small) -> None:
    infra = Facets(group=INFRA)
    assert ids(small, infra, Scope.agency("LAI-CHAU")) == ["T4", "T5"]
    assert ids(small, infra, state=StateFilter.OVERDUE) == ["T1", "T4"]
    assert ids(small, infra, Scope.group("ministry"), StateFilter.ON_TIME) == ["T2"]
    assert ids(small, Facets(owner=VICE), state=StateFilter.COMPLETED) == ["T7"]
    assert ids(small, Facets(co_agency="LAI-CHAU"), query="mang") == ["T8"]
    assert ids(small, Facets(owner=CHAIR), Scope.owner(CHAIR)) == ["T4", "T5"]
    assert ids(small, Facets(owner=VICE), Scope.owner(CHAIR)) == []
    # The text filter finds an owner too, and narrowing a query keeps the facets.
    listing = TaskList(small, Scope.everything())
    assert sorted(t.id for t in listing.rows(query="pho chu")) == ["T6", "T7"]
    assert [t.id for t in listing.rows(query="m", sort="id", facets=Facets(owner=VICE))] == ["T7"]
    assert [t.id for t in listing.rows(query="ma", sort="id", facets=Facets(owner=NONE))] == ["T8"]


def test_a_faceted_lists_figures_are_those_of_what_it_shows(small) -> None:
    listing = TaskList(small, Scope.everything())
    rollup = roll_up(small)
    assert listing.counts() == rollup.total
    infra = Facets(group=INFRA)
    assert listing.counts(infra) == Counts(on_time=2, overdue=2)
    assert listing.counts(Facets(owner=VICE)) == Counts(completed_on_time=1, overdue=1)
    assert listing.counts(infra, query="task t1") == Counts(overdue=1)
    by_agency = TaskList(small, Scope.agency("BKHCN"))
    assert by_agency.counts(Facets(key_only=True)) == Counts(completed_on_time=1, overdue=1)
    for facets in (infra, Facets(key_only=True), Facets(co_agency="LAI-CHAU")):
        shown = listing.rows(facets=facets)
        counts = listing.counts(facets)
        assert counts.assigned == len(shown)
        assert counts.overdue == len(listing.rows(StateFilter.OVERDUE, facets=facets))


def test_the_filters_in_words_in_vietnamese_and_english(small) -> None:
    facets = Facets(group=INFRA, source=R71, key_only=True)
    assert describe(small, facets, "vi") == f"Nhiệm vụ trọng tâm · nhóm {INFRA} · {R71}"
    assert describe(small, facets, "en") == f"Key tasks · group {INFRA} · {R71}"
    assert describe(small, NO_FACETS, "vi") == ""
    everything = Facets(group=NONE, source=NONE, co_agency="LAI-CHAU", owner=NONE)
    assert describe(small, everything, "vi", state=StateFilter.OVERDUE, query=" mạng ") == (
        "chưa phân nhóm · không ghi văn bản giao · Lai Châu phối hợp · "
        "chưa giao người phụ trách · quá hạn · lọc “mạng”"
    )
    assert describe(small, Facets(owner=CHAIR), "en") == f"owner {CHAIR}"
    assert describe(small, Facets(owner=CHAIR), "vi") == f"người phụ trách: {CHAIR}"
    # A value from the feed is quoted printable and on one line.
    hostile = Facets(group="Nhóm\x1b[2J\nmới")
    assert describe(small, hostile, "en") == "group Nhóm<U+001B>[2J<U+000A>mới"


def test_the_values_of_each_facet_in_vietnamese_order(small) -> None:
    values = facet_values(small, "vi")
    assert [(v.value, v.count) for v in values.groups] == [(INFRA, 4), (INST, 2), (NONE, 2)]
    assert [(v.value, v.count) for v in values.sources] == [(R57, 2), (R71, 4), (NONE, 2)]
    assert [(v.value, v.count) for v in values.owners] == [(CHAIR, 2), (VICE, 2), (NONE, 4)]
    # "Bộ Khoa học…" before "Lai Châu"; T8 names BKHCN once however often it is written.
    assert [(v.value, v.count) for v in values.co_agencies] == [("BKHCN", 2), ("LAI-CHAU", 2)]
    assert values.key_tasks == 3
    assert facet_values(small, "vi") is values  # counted once per feed


# --- on the demo, against counts made from the raw JSON ----------------------------


@pytest.fixture(scope="module")
def demo():
    raw = json.loads(demo_feed_path().read_text("utf-8"))
    feed = load_feed(demo_feed_path().read_bytes())
    return raw["tasks"], feed


def raw_ids(tasks, group=None, source=None, key_only=False, co=None, owner=None) -> list[str]:
    chosen = []
    for t in tasks:
        if group is not None and t.get("group", "") != group:
            continue
        if source is not None and t.get("source", "") != source:
            continue
        if key_only and not t.get("key_task"):
            continue
        if co is not None and co not in t.get("co_agencies", []):
            continue
        if owner is not None and t.get("owner", "") != owner:
            continue
        chosen.append(t["id"])
    return sorted(chosen)


def test_on_the_demo_every_facet_value_and_pairs_of_them_match_the_raw_feed(demo) -> None:
    tasks, feed = demo
    values = facet_values(feed, "vi")
    assert Counter(t.get("group", "") for t in tasks) == {v.value: v.count for v in values.groups}
    assert Counter(t.get("source", "") for t in tasks) == {v.value: v.count for v in values.sources}
    assert values.key_tasks == sum(1 for t in tasks if t.get("key_task")) == 170
    listing = TaskList(feed, Scope.everything())

    def shown(facets: Facets) -> list[str]:
        return sorted(t.id for t in listing.rows(facets=facets))

    for v in values.groups:
        assert shown(Facets(group=v.value)) == raw_ids(tasks, group=v.value)
    for v in values.sources:
        assert shown(Facets(source=v.value)) == raw_ids(tasks, source=v.value)
    for v in values.co_agencies:
        assert shown(Facets(co_agency=v.value)) == raw_ids(tasks, co=v.value)
        assert len(shown(Facets(co_agency=v.value))) == v.count
    for v in values.owners[:10]:
        assert shown(Facets(owner=v.value)) == raw_ids(tasks, owner=v.value)
    for group, source in product(values.groups, values.sources):
        facets = Facets(group=group.value, source=source.value, key_only=True)
        want = raw_ids(tasks, group.value, source.value, key_only=True)
        assert shown(facets) == want
        counts = listing.counts(facets)
        assert counts.assigned == len(want)
        assert counts.assigned == counts.completed + counts.on_time + counts.overdue
    # The due-soon tab counts what the facets keep, as the roll-up judged it.
    soon = roll_up(feed).due_soon
    assert listing.due_soon_count() == len(soon) == 3
    for v in (*values.owners, *values.groups):
        facets = Facets(owner=v.value) if v in values.owners else Facets(group=v.value)
        assert listing.due_soon_count(facets) == sum(map(facets.admits, soon))
    assert listing.due_soon_count(Facets(owner=NONE), query="dai hoc") == 1
    # The headline's example: key tasks of digital infrastructure under Resolution 71.
    example = Facets(group=INFRA, source=R71, key_only=True)
    assert len(shown(example)) == len(raw_ids(tasks, INFRA, R71, key_only=True)) > 0
    assert describe(feed, example, "vi") == f"Nhiệm vụ trọng tâm · nhóm {INFRA} · {R71}"


# --- exports of a faceted list -----------------------------------------------------


def meta_of(feed, language: str) -> ExportMeta:
    return ExportMeta(
        feed.title or "", feed.as_of, "demo", datetime(2025, 10, 16, tzinfo=UTC), language
    )


def test_a_faceted_list_exports_only_what_it_shows(demo, tmp_path: Path) -> None:
    _, feed = demo
    rollup = roll_up(feed)
    facets = Facets(group=INFRA, key_only=True)
    spec = TableSpec("tasks", state=StateFilter.OVERDUE, facets=facets, sort="id")
    want = sorted(
        t.id for t in TaskList(feed, Scope.everything()).rows(StateFilter.OVERDUE, facets=facets)
    )
    assert 0 < len(want) < 86
    [path] = export([spec], feed, rollup, meta_of(feed, "vi"), fmt="csv", folder=tmp_path)
    assert "faceted" in path.name
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == want
    [book] = export([spec], feed, rollup, meta_of(feed, "vi"), fmt="xlsx", folder=tmp_path / "x")
    sheet = openpyxl.load_workbook(book)["Nhiệm vụ"]
    title = sheet.cell(row=5, column=1).value
    assert f"Nhiệm vụ trọng tâm · nhóm {INFRA} · quá hạn" in title
    body = [row[1] for row in sheet.iter_rows(min_row=8, values_only=True)]
    assert body == want
    table = build_table(spec, feed, rollup, "en")
    assert table.title.startswith(f"All tasks, Key tasks · group {INFRA} · overdue — ")


def test_an_owners_list_exports_under_a_safe_name_and_says_whose(small, tmp_path: Path) -> None:
    rollup = roll_up(small)
    spec = TableSpec("tasks", scope=Scope.owner(CHAIR), sort="id")
    [path] = export([spec], small, rollup, meta_of(small, "vi"), fmt="csv", folder=tmp_path)
    assert path.name.startswith("r57-tasks-owner-2025")  # not the owner's name
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["T4", "T5"]
    assert build_table(spec, small, rollup, "vi").title.startswith(f"{CHAIR} — ")
    nobody = build_table(TableSpec("tasks", scope=Scope.owner(None)), small, rollup, "vi")
    assert nobody.title.startswith("(chưa giao người phụ trách) — ")
    assert sorted(row[0] for row in nobody.rows) == ["T1", "T2", "T3", "T8"]


def test_the_export_command_takes_the_facets(demo, tmp_path: Path, capsys) -> None:
    tasks, _ = demo
    flags = ["--task-group", INFRA, "--document", R71, "--key-tasks", "--owner", ""]
    command = ["--lang", "vi", "export", "--format", "csv", "--table", "tasks", "--sort", "id"]
    code = main([*command, *flags, "--out", str(tmp_path)])
    assert code == 0
    [line] = capsys.readouterr().out.splitlines()
    rows = list(csv.reader(io.StringIO(Path(line).read_text("utf-8-sig"))))
    assert "Người phụ trách" in rows[0]
    want = raw_ids(tasks, INFRA, R71, key_only=True, owner=NONE)  # "" is no owner
    assert [row[1] for row in rows[1:]] == want
    assert 0 < len(want) < len(raw_ids(tasks, INFRA, R71, key_only=True))


def test_the_export_command_refuses_an_unknown_co_agency(tmp_path: Path, capsys) -> None:
    assert main(["export", "--co-agency", "NOPE", "--out", str(tmp_path)]) == 2
    assert "--co-agency: no agency 'NOPE'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
