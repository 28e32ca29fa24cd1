"""The headless commands, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from r57tui.cli import main
from r57tui.demo import demo_feed_path
from r57tui.demo.server import FeedBody, FeedServer
from tests.builders import feed_dict, task, to_bytes


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "r57tui", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_check_on_the_demo_prints_the_meeting_figures() -> None:
    result = run("check", str(demo_feed_path()))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.split()[:2] == ["Assigned", "1,132"] for line in lines)
    assert any(line.split()[:3] == ["Completed", "485", "43%"] for line in lines)
    assert any(line.split()[:2] == ["On", "time"] and "561" in line for line in lines)
    assert any(line.split()[:2] == ["Overdue", "86"] for line in lines)
    assert "No data-quality findings." in result.stdout


def test_check_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(demo_feed_path()), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == "clean"
    assert report["totals"] == {
        "assigned": 1132,
        "completed": 485,
        "completed_late": report["totals"]["completed_late"],
        "on_time": 561,
        "overdue": 86,
        "percent_completed_of_assigned": 42.8,
    }
    assert sum(kind["assigned"] for kind in report["by_kind"].values()) == 1132


def test_check_with_findings_exits_1_and_lists_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(to_bytes(feed_dict([task("T1"), task("T1"), task("T3", progress=140)])))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "2 data-quality findings:" in out
    assert "tasks[1] (T1): the id appears earlier" in out
    assert "tasks[2] (T3): set aside: progress" in out


def test_check_refused_exits_2_with_one_line_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "feed.json"
    path.write_text('{"format": "r57-feed", "version": 3, "as_of": "2025-10-15", "tasks": []}')
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        captured.err == "feed.json: version: 3 is newer than this r57tui reads (1): update r57tui\n"
    )


def test_check_json_refused_still_prints_json(tmp_path: Path, capsys) -> None:
    assert main(["check", str(tmp_path / "nope.json"), "--json"]) == 2
    assert json.loads(capsys.readouterr().out) == {
        "status": "refused",
        "error": "nope.json: file not found",
    }


def test_check_over_http() -> None:
    server = FeedServer(FeedBody(to_bytes(feed_dict([task("T1", due="2025-01-31")])))).start()
    try:
        result = run("check", server.url)
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr
    assert any(line.split()[:2] == ["Overdue", "1"] for line in result.stdout.splitlines())


def test_feed_text_cannot_control_the_terminal_in_check(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    hostile = "\x1b[2J\x1b]0;owned\x07[bold]x[/bold]\u202e"
    path.write_bytes(to_bytes(feed_dict([task("T1", progress=140)], title=hostile)))
    result = run("check", str(path))
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "\u202e" not in result.stdout
    assert "<U+001B>[2J" in result.stdout
    assert "[bold]x[/bold]" in result.stdout


def test_a_config_error_exits_2_before_anything_opens(tmp_path: Path) -> None:
    (tmp_path / "r57tui.toml").write_text("refesh = 5\n")
    result = run("--source", str(demo_feed_path()), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "r57tui: r57tui.toml: unknown key 'refesh' (did you mean 'refresh'?)\n"


def test_a_missing_header_variable_exits_2(tmp_path: Path) -> None:
    (tmp_path / "r57tui.toml").write_text(
        'source = "https://127.0.0.1:9/feed.json"\n'
        '[http.headers]\nAuthorization = "${R57_UNSET_X}"\n'
    )
    result = run(cwd=tmp_path)
    assert result.returncode == 2
    assert "environment variable R57_UNSET_X is not set" in result.stderr


def test_schema_is_json_schema_of_the_feed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["required"] == ["format", "version", "as_of", "tasks"]
    task_schema = schema["$defs"]["Task"]
    assert set(task_schema["required"]) == {"id", "title", "agency"}
    assert "state" not in task_schema["properties"]  # derived, not part of the feed
    assert schema["$defs"]["TaskState"]["enum"] == [
        "completed",
        "completed_late",
        "on_time",
        "overdue",
    ]
    indicator = schema["$defs"]["Indicator"]["properties"]
    assert indicator["unit_en"]["anyOf"][0] == {"type": "string"}  # optional, beside unit


def test_the_installed_console_script_runs() -> None:
    script = Path(sys.executable).with_name("r57tui")
    result = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("r57tui ")
