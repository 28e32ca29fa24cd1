"""The first run, as a newcomer types it: the README's commands, the demo feed written
out, and the example config copied as it says."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from r57tui.config import find_config, load_settings, resolve_headers
from r57tui.demo import demo_feed_path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent  # the environment's scripts, as activating it puts on PATH
# Commands of "Using it" that need a terminal (the dashboard) or serve or fetch over HTTP:
# not run here. Every other line is.
HEADLESS = {"check", "schema", "export", "demo-feed"}


def readme_blocks(heading: str) -> list[list[str]]:
    """The command lines of each ```sh block of the README's section `heading`."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    assert blocks, heading
    return [[line for line in block.splitlines() if line.strip()] for block in blocks]


def readme_block(heading: str) -> list[str]:
    return readme_blocks(heading)[0]


def first_run_env(home: Path) -> dict[str, str]:
    """A newcomer's shell after activating the environment: no config of theirs anywhere."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "R57_", "LC_", "LANG"))
    }
    env.update(HOME=str(home), PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", LANG="C.UTF-8")
    return env


def typed(line: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    argv = shlex.split(line, comments=True)
    assert argv[0] == "r57tui", line
    return subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def subcommand(argv: list[str]) -> str | None:
    """The COMMAND of `r57tui [options] COMMAND ...`, None for the dashboard."""
    valued = {"--config", "--source", "--refresh", "--theme", "--lang", "--baseline"}
    rest = iter(argv[1:])
    for word in rest:
        if word in valued:
            next(rest, None)
        elif not word.startswith("-"):
            return word
    return None


def needs_terminal_or_network(line: str) -> bool:
    argv = shlex.split(line, comments=True)
    if argv[1:] == ["--version"]:
        return False
    command = subcommand(argv)
    return command not in HEADLESS or any(re.match(r"https?://", word) for word in argv)


def test_the_first_command_activates_the_environment_and_installs_the_pinned_versions() -> None:
    (first,), (second,), *_ = readme_blocks("## Two commands")
    assert ". .venv/bin/activate" in first  # so `r57tui` is found as the README types it
    assert first.endswith("&& r57tui")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()[-1]
    assert second == ci  # CI runs exactly the README's test command
    for command in (first, second):
        assert "pip install -q -c constraints.txt -e " in command


def test_every_headless_line_of_using_it_runs_as_typed(tmp_path: Path) -> None:
    assert shutil.which("r57tui", path=str(BIN)), "the environment has no r57tui command"
    env = first_run_env(tmp_path / "home")
    work = tmp_path / "work"
    work.mkdir()
    lines = readme_block("## Using it")
    run = [line for line in lines if not needs_terminal_or_network(line)]
    assert len(run) >= 6, run  # --version, demo-feed, check x2, schema, export x2
    assert shlex.split(run[1])[1] == "demo-feed"  # the sample comes before what reads it
    for line in run:
        result = typed(line, work, env)
        command = subcommand(shlex.split(line, comments=True))
        expected = {0, 1} if command == "check" else {0}  # check: 1 = loaded with findings
        assert result.returncode in expected, (line, result.returncode, result.stderr)
        assert "Traceback" not in result.stderr, line
    assert (work / "feed.json").read_bytes() == demo_feed_path().read_bytes()
    assert list((work / "minutes").glob("*.csv")), "the CSV export wrote nothing in minutes/"
    exports = tmp_path / "home" / "Documents" / "r57tui"
    assert list(exports.glob("*.xlsx")), "export --format xlsx wrote nothing in Documents/r57tui"


def test_the_lines_left_out_are_the_dashboard_serve_and_http_ones() -> None:
    skipped = [line for line in readme_block("## Using it") if needs_terminal_or_network(line)]
    for line in skipped:
        argv = shlex.split(line, comments=True)
        assert subcommand(argv) in {None, "serve", "demo-server"} or any(
            word.startswith("http://") for word in argv
        ), line


def test_demo_feed_writes_the_bundled_feed_and_never_over_a_file(tmp_path: Path) -> None:
    env = first_run_env(tmp_path)
    target = tmp_path / "feed.json"
    made = typed("r57tui demo-feed feed.json", tmp_path, env)
    assert made.returncode == 0, made.stderr
    assert made.stdout == "Wrote the demo feed to feed.json\n"
    assert target.read_bytes() == demo_feed_path().read_bytes()

    target.write_text("mine", encoding="utf-8")
    for lang, expected in (
        ("en", "r57tui: feed.json already exists: the demo feed is never written over a file"),
        (
            "vi",
            "r57tui: feed.json đã tồn tại: nguồn số liệu mẫu không bao giờ được ghi đè"
            " lên tệp có sẵn",
        ),
    ):
        refused = typed(f"r57tui --lang {lang} demo-feed feed.json", tmp_path, env)
        assert refused.returncode == 2
        assert refused.stderr.splitlines() == [expected]
        assert refused.stdout == ""
    assert target.read_text(encoding="utf-8") == "mine"


def test_demo_feed_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    refused = typed("r57tui demo-feed none/feed.json", tmp_path, first_run_env(tmp_path))
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        "r57tui: cannot write none/feed.json: No such file or directory"
    ]
    assert not (tmp_path / "none").exists()


def test_demo_feed_never_follows_a_link_to_write(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    (tmp_path / "feed.json").symlink_to(elsewhere)  # dangling: open(O_EXCL) refuses it
    refused = typed("r57tui demo-feed feed.json", tmp_path, first_run_env(tmp_path))
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        "r57tui: feed.json already exists: the demo feed is never written over a file"
    ]
    assert not elsewhere.exists()


def test_the_example_config_copied_as_r57tui_toml_runs_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(ROOT / "config.example.toml", tmp_path / "r57tui.toml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("R57_TOKEN", raising=False)
    found = find_config(None)
    assert found is not None
    assert found.resolve() == (tmp_path / "r57tui.toml").resolve()
    settings = load_settings(found)
    assert settings.source is None  # the demo feed
    assert resolve_headers(settings) == {}  # no token asked for

    from r57tui.commands.serve import check_dashboard

    check_dashboard(settings, None)  # what serve checks before any browser: theme, keys

    env = first_run_env(tmp_path / "home")
    assert typed("r57tui demo-feed feed.json", tmp_path, env).returncode == 0
    checked = typed("r57tui check feed.json", tmp_path, env)
    assert checked.returncode == 0, checked.stderr
    assert "Theo nhóm" in checked.stdout  # the example's language = "vi" was read
    exported = typed("r57tui export --format csv --table agencies", tmp_path, env)
    assert exported.returncode == 0, exported.stderr
    assert list((tmp_path / "exports").glob("*.csv"))  # the example's folder, beside it
