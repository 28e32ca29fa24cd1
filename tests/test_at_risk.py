"""The early warning's rule (docs/feed-format.md, "At risk"): its edge cases one by one,
its properties over generated tasks, its reason in words, and every count it makes held
to an independent computation written here — in the roll-up, the agency rows, `r57tui
check --json` and the exports read back."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from r57tui.cli import main
from r57tui.demo import demo_feed_path
from r57tui.feed import Feed, Task, TaskState, load_feed
from r57tui.groups import GROUPS
from r57tui.risk import judge_risk
from r57tui.rollup import DEFAULT_AT_RISK_DAYS, roll_up
from r57tui.views import Scope, StateFilter, TaskList, agency_rows
from r57tui.views.at_risk import at_risk_count, risk_reason
from tests.builders import feed_dict, task, to_bytes

AS_OF = date(2025, 10, 15)  # tests.builders.AS_OF's day


def one_task(as_of: date = AS_OF, **fields: Any) -> tuple[Feed, Task]:
    """A feed of one task with these fields, loaded as any feed is (its state derived)."""
    document = feed_dict([task("T", **fields)], as_of=f"{as_of.isoformat()}T08:00:00+07:00")
    feed = load_feed(to_bytes(document))
    assert not feed.findings, feed.findings
    return feed, feed.tasks[0]


def at_risk(days: int = DEFAULT_AT_RISK_DAYS, as_of: date = AS_OF, **fields: Any) -> bool:
    feed, found = one_task(as_of, **fields)
    return judge_risk(found, feed.as_of_date, days) is not None


def day(offset: int) -> str:
    return (AS_OF + timedelta(days=offset)).isoformat()


# Each row: the task's fields, whether it is at risk within 30 days, and why (the docs'
# table of edge cases, in its order).
EDGE_CASES = [
    ({"progress": 10}, False, "no deadline: ongoing, never overdue"),
    ({}, False, "no deadline and no progress"),
    ({"assigned": day(-60), "due": day(0), "progress": 99}, True, "due on the as-of day"),
    ({"assigned": day(-60), "due": day(0), "progress": 100}, False, "due today, 100%"),
    ({"assigned": day(-60), "due": day(-1), "progress": 10}, False, "overdue, not at risk"),
    ({"assigned": day(-60), "due": day(30)}, True, "the horizon's last day, no progress"),
    ({"assigned": day(-60), "due": day(31)}, False, "the day after the horizon"),
    ({"assigned": "2025-09-01", "due": "2025-10", "progress": 50}, True, "a month: 31/10"),
    ({"assigned": "2025-09-01", "due": "2025-Q4"}, False, "a quarter: 31/12, past 30 days"),
    ({"due": day(10), "progress": 1}, False, "no assigned date: no line to be behind"),
    ({"due": day(10)}, True, "no assigned date, no progress"),
    ({"assigned": day(0), "due": day(10), "progress": 0}, False, "0% on the day assigned"),
    ({"assigned": day(2), "due": day(10), "progress": 0}, False, "assigned after as_of"),
    ({"assigned": day(2), "due": day(10)}, True, "assigned after as_of, no progress"),
    ({"assigned": day(12), "due": day(10), "progress": 99}, True, "assigned after its due"),
    ({"assigned": day(-90), "due": day(5), "progress": 100}, False, "100% but not completed"),
    (
        {"assigned": day(-90), "due": day(5), "progress": 0, "completed": day(-1)},
        False,
        "completed",
    ),
    (
        {"assigned": day(-90), "due": day(-5), "status": "on_time"},
        False,
        "a given on_time with its deadline past: a finding, not a warning",
    ),
]


@pytest.mark.parametrize(("fields", "expected", "case"), EDGE_CASES)
def test_the_edge_cases_the_docs_decide(fields: dict[str, Any], expected: bool, case: str) -> None:
    document = feed_dict([task("T", **fields)])
    feed = load_feed(to_bytes(document))
    found = feed.tasks[0]
    assert (judge_risk(found, feed.as_of_date, 30) is not None) is expected, case


def test_on_the_line_is_not_behind_and_a_point_under_it_is() -> None:
    # 45 of 60 days gone: 75% is on the line, 74% behind it.
    fields = {"assigned": day(-45), "due": day(15)}
    assert not at_risk(progress=75, **fields)
    assert at_risk(progress=74, **fields)


def test_the_horizon_is_the_setting() -> None:
    fields = {"assigned": day(-10), "due": day(20)}
    assert at_risk(30, **fields)
    assert at_risk(20, **fields)
    assert not at_risk(19, **fields)
    assert not at_risk(0, **fields)
    assert at_risk(0, assigned=day(-10), due=day(0))  # 0: only the as-of day


def test_the_reason_in_both_languages() -> None:
    # 45 of 60 days gone (75%), 40% done.
    feed, found = one_task(assigned="2025-08-31", due="2025-10-30", progress=40)
    assert risk_reason(found, feed.as_of_date, 30, "en") == (
        "due 2025-10-30, 40% done, 75% of the time gone"
    )
    assert risk_reason(found, feed.as_of_date, 30, "vi") == (
        "hạn 30/10/2025, đã làm 40%, đã qua 75% thời gian"
    )
    feed, found = one_task(due="2025-10")
    assert risk_reason(found, feed.as_of_date, 30, "en") == "due 2025-10, no progress reported"
    assert risk_reason(found, feed.as_of_date, 30, "vi") == "hạn 10/2025, chưa báo cáo tiến độ"
    feed, found = one_task(assigned="2025-08-31", due="2025-10-30")
    assert risk_reason(found, feed.as_of_date, 30, "vi") == (
        "hạn 30/10/2025, chưa báo cáo tiến độ, đã qua 75% thời gian"
    )
    assert risk_reason(found, feed.as_of_date, 30, "vi", with_due=False) == (
        "chưa báo cáo tiến độ, đã qua 75% thời gian"
    )
    feed, found = one_task(assigned="2025-08-31", due="2025-10-30", progress=80)
    assert risk_reason(found, feed.as_of_date, 30, "en") is None


# Generated tasks: offsets in days from as-of, a progress or none, a horizon.
offsets = st.integers(min_value=-400, max_value=400)
progresses = st.one_of(st.none(), st.integers(min_value=0, max_value=100))
horizons = st.integers(min_value=0, max_value=120)


def oracle(
    as_of: date, assigned: date | None, deadline: date | None, progress: int | None, days: int
) -> bool:
    """The rule as the docs say it, written again with fractions: an open task not yet
    overdue, due within the horizon, reporting nothing or less than its time gone."""
    if deadline is None or not 0 <= (deadline - as_of).days <= days:
        return False
    if progress is None:
        return True
    if assigned is None:
        return False
    span = (deadline - assigned).days
    gone = Fraction(1) if span <= 0 else Fraction(min(max((as_of - assigned).days, 0), span), span)
    return Fraction(progress, 100) < gone


def fields_of(assigned: int | None, due: int | None, progress: int | None) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if assigned is not None:
        fields["assigned"] = day(assigned)
    if due is not None:
        fields["due"] = day(due)
    if progress is not None:
        fields["progress"] = progress
    return fields


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.none(), offsets), st.one_of(st.none(), offsets), progresses, horizons)
def test_the_rule_is_the_docs_rule(
    assigned: int | None, due: int | None, progress: int | None, days: int
) -> None:
    feed, found = one_task(**fields_of(assigned, due, progress))
    expected = oracle(
        AS_OF,
        None if assigned is None else AS_OF + timedelta(days=assigned),
        None if due is None else AS_OF + timedelta(days=due),
        progress,
        days,
    )
    assert (judge_risk(found, feed.as_of_date, days) is not None) is expected


@settings(max_examples=100, deadline=None)
@given(offsets, offsets, st.integers(0, 100), st.integers(0, 100), horizons)
def test_more_progress_never_makes_a_task_at_risk(
    assigned: int, due: int, progress: int, more: int, days: int
) -> None:
    low, high = sorted((progress, more))
    if at_risk(days, **fields_of(assigned, due, high)):
        assert at_risk(days, **fields_of(assigned, due, low))


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(st.none(), st.integers(-300, 300)),
    st.integers(0, 300),
    progresses,
    st.integers(0, 300),
    horizons,
)
def test_moving_as_of_towards_the_deadline_never_clears_the_flag(
    assigned: int | None, due: int, progress: int | None, step: int, days: int
) -> None:
    """With the progress as it was, a later as-of (still not past the deadline) keeps a
    task at risk: the time gone only grows and the deadline only comes nearer."""
    deadline = AS_OF + timedelta(days=due)
    later = min(AS_OF + timedelta(days=step), deadline)
    fields = fields_of(assigned, due, progress)
    if at_risk(days, AS_OF, **fields):
        assert at_risk(days, later, **fields)


@settings(max_examples=80, deadline=None)
@given(offsets, st.integers(-400, -1), progresses, horizons, st.integers(-30, 30))
def test_completed_and_overdue_tasks_are_never_at_risk(
    assigned: int, past: int, progress: int | None, days: int, done: int
) -> None:
    assert not at_risk(days, **fields_of(assigned, past, progress))  # overdue
    completed = {**fields_of(assigned, past + 200, progress), "completed": day(min(done, 0))}
    assert not at_risk(days, **completed)  # completed (late or not)


def independent_counts(feed: Feed, days: int) -> tuple[set[str], Counter[str]]:
    """The tasks at risk and their count by lead agency, from the fields alone."""
    as_of = feed.as_of_date
    ids: set[str] = set()
    for t in feed.tasks:
        if t.state is not TaskState.ON_TIME:
            continue
        if oracle(as_of, t.assigned, t.deadline, t.progress, days):
            ids.add(t.id)
    by_agency = Counter(t.agency for t in feed.tasks if t.id in ids)
    return ids, by_agency


@pytest.fixture(scope="module")
def demo() -> Feed:
    return load_feed(demo_feed_path().read_bytes())


@pytest.mark.parametrize("days", [0, 14, 30, 90])
def test_the_counts_are_an_independent_computations(demo: Feed, days: int) -> None:
    rollup = roll_up(demo, at_risk_days=days)
    ids, by_agency = independent_counts(demo, days)
    assert {t.id for t in rollup.at_risk} == ids
    assert rollup.at_risk_by_agency == {a: n for a, n in by_agency.items() if n}
    assert [t.deadline for t in rollup.at_risk] == sorted(t.deadline for t in rollup.at_risk)
    for group in GROUPS:
        kinds = group.kinds
        expected = sum(
            n for a, n in by_agency.items() if kinds is None or demo.agencies[a].kind in kinds
        )
        assert at_risk_count(Scope.group(group.key), demo, rollup) == expected
    for row in agency_rows(demo, rollup, sort="at_risk", language="en"):
        assert row.at_risk == by_agency.get(row.agency.id, 0)
        assert row.at_risk <= row.counts.on_time  # a part of on time, never more
    # The four states still add up: the flag took nothing from them.
    assert rollup.total.assigned == len(demo.tasks)
    listing = TaskList.of_rollup(demo, Scope.everything(), "en", rollup)
    assert {t.id for t in listing.rows(StateFilter.AT_RISK)} == ids
    owners = Counter(t.owner for t in demo.tasks if t.id in ids)
    assert rollup.at_risk_by_owner == dict(owners)


def test_the_demo_has_tasks_at_risk_to_show(demo: Feed) -> None:
    rollup = roll_up(demo)
    assert 5 <= len(rollup.at_risk) < rollup.total.on_time
    # Some agencies have more than one, so a sort by it means something.
    assert max(rollup.at_risk_by_agency.values()) > 1


def test_check_json_gives_the_counts_and_ids(
    demo: Feed, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(demo_feed_path()), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)["at_risk"]
    ids, by_agency = independent_counts(demo, 30)
    assert report["days"] == 30
    assert report["tasks"] == len(ids) == len(report["ids"])
    assert set(report["ids"]) == ids
    assert report["by_agency"] == {a: n for a, n in by_agency.items() if n}
    groups = {g.key: g.kinds for g in GROUPS if g.kinds is not None}
    assert report["by_agency_group"] == {
        key: sum(n for a, n in by_agency.items() if demo.agencies[a].kind in kinds)
        for key, kinds in groups.items()
    }
    assert sum(report["by_agency_group"].values()) == len(ids)


def test_check_json_follows_the_setting(
    demo: Feed, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r57tui.toml").write_text("at_risk_days = 90\n", encoding="utf-8")
    assert main(["check", str(demo_feed_path()), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)["at_risk"]
    assert report["days"] == 90
    assert set(report["ids"]) == independent_counts(demo, 90)[0]


def test_a_bad_horizon_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r57tui.toml").write_text("at_risk_days = -1\n", encoding="utf-8")
    assert main(["check", str(demo_feed_path())]) == 2
    err = capsys.readouterr().err
    assert "at_risk_days" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_exports_read_back(
    demo: Feed, tmp_path: Path, language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rollup = roll_up(demo)
    ids, by_agency = independent_counts(demo, 30)
    out = tmp_path / "out"
    args = ["--lang", language, "export", "--out", str(out)]
    assert main([*args, "--format", "csv", "--table", "at_risk"]) == 0
    [path] = [Path(p) for p in capsys.readouterr().out.split()]
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    header = rows[0]
    why = "Lý do có nguy cơ" if language == "vi" else "Why at risk"
    at = header.index("Mã" if language == "vi" else "Id")
    assert {row[at] for row in rows[1:]} == ids
    for row in rows[1:]:
        found = next(t for t in demo.tasks if t.id == row[at])
        assert row[header.index(why)] == risk_reason(found, demo.as_of_date, 30, language)
    # The workbook: the same tasks, the time gone a real percentage.
    assert main([*args, "--format", "xlsx", "--table", "at_risk"]) == 0
    [path] = [Path(p) for p in capsys.readouterr().out.split()]
    sheet = load_workbook(path).worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    top = next(i for i, row in enumerate(values) if row and row[0] in ("STT", "No."))
    header = values[top]
    body = [row for row in values[top + 1 :] if row[0] is not None]
    assert {row[header.index(header[at])] for row in body} == ids
    gone = "% thời gian đã qua" if language == "vi" else "% of the time gone"
    assert all(0 <= row[header.index(gone)] <= 1 for row in body)
    # The agencies' table: an At risk column, its totals row the whole count.
    assert main([*args, "--format", "csv", "--table", "agencies"]) == 0
    [path] = [Path(p) for p in capsys.readouterr().out.split()]
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    column = header.index("Nguy cơ" if language == "vi" else "At risk")
    name = header.index("Mã" if language == "vi" else "Id")
    assert {row[name]: int(row[column]) for row in body} == {
        a.id: by_agency.get(a.id, 0)
        for a in demo.agencies.values()
        if rollup.by_agency[a.id].assigned
    }
    assert int(totals[column]) == len(ids)


def test_a_task_table_filtered_at_risk_holds_the_same_tasks(
    demo: Feed, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids, by_agency = independent_counts(demo, 30)
    args = ["--lang", "en", "export", "--format", "csv", "--out", str(tmp_path)]
    assert main([*args, "--table", "tasks", "--state", "at_risk"]) == 0
    [path] = [Path(p) for p in capsys.readouterr().out.split()]
    assert "-at_risk-" in path.name or "-at-risk-" in path.name
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    assert {row[rows[0].index("Id")] for row in rows[1:]} == ids
    # One agency's: its tasks at risk only.
    agency = max(by_agency, key=by_agency.__getitem__)
    assert main([*args, "--table", "at_risk", "--agency", agency]) == 0
    [path] = [Path(p) for p in capsys.readouterr().out.split()]
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    assert len(rows) - 1 == by_agency[agency]
    assert {row[rows[0].index("Lead agency id")] for row in rows[1:]} == {agency}
