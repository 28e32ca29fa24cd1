"""One grouping of agencies everywhere: the dashboard's tabs, `export --kind`, `r57tui check`
(text and JSON), the config's show_kinds and the presentation slides all take it from
r57tui.groups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from r57tui.cli import build_parser, main
from r57tui.config import ConfigError, load_settings
from r57tui.feed import AgencyKind, load_feed
from r57tui.groups import AGENCY_GROUPS, GROUP_KEYS, GROUP_OF_KIND, GROUPS
from r57tui.rollup import Counts, roll_up
from r57tui.views import Scope, agency_rows
from tests.builders import feed_dict, task, to_bytes

AGENCIES = [
    {"id": "BKHCN", "name": "Bộ Khoa học và Công nghệ", "kind": "ministry"},
    {"id": "NHNN", "name": "Ngân hàng Nhà nước", "kind": "branch"},
    {"id": "LAI-CHAU", "name": "Lai Châu", "kind": "locality"},
    {"id": "BTGTW", "name": "Ban Tuyên giáo Trung ương", "kind": "party"},
    {"id": "VNPT", "name": "Tập đoàn VNPT", "kind": "other"},
]


@pytest.fixture
def feed_file(tmp_path: Path) -> Path:
    tasks = [
        task("T1", "BKHCN", due="2025-12-31"),
        task("T2", "NHNN", due="2025-12-31"),
        task("T3", "LAI-CHAU", due="2025-01-31"),
        task("T4", "BTGTW", due="2025-01-31"),
        task("T5", "BTGTW", due="2025-06-30", completed="2025-06-01"),
        task("T6", "VNPT", due="2025-12-31"),
    ]
    path = tmp_path / "feed.json"
    path.write_bytes(to_bytes(feed_dict(tasks, agencies=AGENCIES)))
    return path


def test_every_kind_is_in_exactly_one_group() -> None:
    for kind in AgencyKind:
        holding = [g.key for g in GROUPS if g.kinds is not None and kind in g.kinds]
        assert holding == [GROUP_OF_KIND[kind]], kind
    assert GROUP_OF_KIND[AgencyKind.PARTY] == GROUP_OF_KIND[AgencyKind.OTHER] == "other"
    assert AGENCY_GROUPS["all"] is None


def test_export_kind_and_config_show_kinds_take_the_declared_names(tmp_path: Path) -> None:
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    kind_flag = next(a for a in commands["export"]._actions if a.dest == "kind")
    assert tuple(kind_flag.choices) == GROUP_KEYS
    assert load_settings(None).show_kinds == list(AgencyKind)
    path = tmp_path / "r57tui.toml"
    path.write_text('show_kinds = ["party"]\n', encoding="utf-8")
    assert load_settings(path).show_kinds == [AgencyKind.PARTY]
    path.write_text('show_kinds = ["parti"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_settings(path)
    assert "show_kinds" in str(refused.value)
    assert "'party'" in str(refused.value)


def test_check_counts_party_bodies_under_other_as_the_dashboard_does(
    feed_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = load_feed(feed_file.read_bytes())
    rollup = roll_up(feed)
    on_screen = {
        g.key: Scope.group(g.key).counts(feed, rollup) for g in GROUPS if g.kinds is not None
    }
    assert on_screen["other"].assigned == 3  # two of the Party body, one of VNPT
    exported = sum(
        (row.counts for row in agency_rows(feed, rollup, group="other")), Counts()
    )  # what `export --kind other` lists
    assert exported == on_screen["other"]

    assert main(["--lang", "en", "check", str(feed_file)]) == 0
    text = capsys.readouterr().out
    rows = {
        line.split()[0]: [int(cell.rstrip("%")) for cell in line.split()[1:]]
        for line in text.split("By group", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    }
    assert list(rows) == ["Ministries", "Branches", "Localities", "Other"]
    for key, label in (
        ("ministry", "Ministries"),
        ("branch", "Branches"),
        ("locality", "Localities"),
        ("other", "Other"),
    ):
        counts = on_screen[key]
        assigned, completed, _, on_time, overdue, _at_risk = rows[label]
        assert (assigned, completed, on_time, overdue) == (
            counts.assigned,
            counts.completed,
            counts.on_time,
            counts.overdue,
        )
    assert "Party" not in text


def test_check_json_has_the_dashboards_groups_and_keeps_every_kind(
    feed_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(feed_file), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    groups = report["by_agency_group"]
    assert list(groups) == [key for key in GROUP_KEYS if key != "all"]
    assert groups["other"]["assigned"] == 3
    assert groups["other"]["completed"] == 1
    assert groups["other"]["overdue"] == 1
    assert sum(group["assigned"] for group in groups.values()) == report["totals"]["assigned"]
    assert list(report["by_kind"]) == [kind.value for kind in AgencyKind]
    assert report["by_kind"]["party"]["assigned"] == 2
    assert report["by_kind"]["other"]["assigned"] == 1


def test_check_in_vietnamese_names_the_groups_as_the_tabs(
    feed_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "vi", "check", str(feed_file)]) == 0
    text = capsys.readouterr().out
    assert "Theo nhóm" in text
    assert "Khác" in text
    assert "Cơ quan Đảng" not in text
