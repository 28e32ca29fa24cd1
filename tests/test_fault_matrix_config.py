"""The fault matrix for configuration: every bad config stops r57tui with exit code 2 and
one line on stderr that names the file and the problem, before any screen is drawn.

Each case runs the real command in a subprocess, for the dashboard and the headless
commands alike, and checks stdout stayed empty: not one escape sequence was written.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

SECRET = "tok-CONFIG-51d2-SECRET"


@dataclass(frozen=True)
class ConfigFault:
    name: str
    config: bytes | None  # None: no file written at the config path
    expect: str  # after "r57tui: <config path>: "
    args: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    # Keys and themes belong to the dashboard; the headless commands never read them.
    commands: tuple[str, ...] = ("dashboard", "check", "export")


CONFIG_FAULTS = [
    ConfigFault("unknown key", b"refesh = 5\n", "unknown key 'refesh' (did you mean 'refresh'?)"),
    ConfigFault(
        "unknown nested key",
        b"[http]\ntimout = 5\n",
        "unknown key 'http.timout' (did you mean 'http.timeout'?)",
    ),
    ConfigFault("unknown table", b"[colours]\nred = 1\n", "unknown key 'colours'"),
    ConfigFault("wrong type", b'refresh = "fast"\n', "refresh: must be a number (got 'fast')"),
    ConfigFault(
        "out of range", b"[http]\ntimeout = -1\n", "http.timeout: must be more than 0 (got -1)"
    ),
    ConfigFault(
        "not one of the choices", b'language = "fr"\n', "language: must be one of 'vi', 'en'"
    ),
    ConfigFault(
        "a list of the wrong things", b'show_kinds = ["planet"]\n', "show_kinds.0: must be one of"
    ),
    ConfigFault("a table where a value goes", b"[refresh]\nx = 1\n", "refresh: must be a number"),
    ConfigFault(
        "several problems", b'refresh = "x"\ntheme = 3\n', "refresh: must be a number (got 'x')"
    ),
    ConfigFault("not TOML", b"refresh = = 5\n", "not valid TOML: Invalid value (at line 1"),
    ConfigFault("not UTF-8", b"refresh = 5\n# \xff\xfe\n", "not UTF-8 text (byte 14)"),
    ConfigFault("missing file", None, "config file not found"),
    ConfigFault(
        "unreadable file",
        b"/proc/self/mem",  # a symlink to it: exists, and any read fails with EIO
        "cannot be read (Input/output error)",
    ),
    ConfigFault(
        "missing environment variable for a header",
        b'[http.headers]\nAuthorization = "Bearer ${R57_NOT_SET}"\n',
        "http.headers.Authorization: environment variable R57_NOT_SET is not set",
        args=("--source", "https://127.0.0.1:9/feed.json"),
        commands=("dashboard", "export"),  # check reads its own FEED argument, a file here
    ),
    ConfigFault(
        "unknown key binding",
        b'[keys]\nrefesh = "f5"\n',
        "[keys]: no binding 'refesh'; binding ids are",
        commands=("dashboard",),
    ),
    ConfigFault(
        "unknown theme",
        b'theme = "solarised"\n',
        "theme: no theme 'solarised'",
        commands=("dashboard",),
    ),
    ConfigFault(
        "a bad value next to a secret",
        b'refresh = -4\n[http.headers]\nAuthorization = "Bearer ${R57_TOKEN}"\n',
        "refresh: must be at least 0 (got -4)",
        env=(("R57_TOKEN", SECRET),),
    ),
]

COMMANDS = {
    "dashboard": (),
    "check": ("check", "{demo}"),
    "export": ("export", "--out", "{out}"),
}


def _run(args: list[str], tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "r57tui", *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        env={
            "LANG": "C.UTF-8",
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
            "TERM": "xterm-256color",
            **env,
        },
        check=False,
    )


@pytest.mark.parametrize(
    ("fault", "command"),
    [
        pytest.param(fault, command, id=f"{fault.name}-{command}")
        for fault in CONFIG_FAULTS
        for command in fault.commands
    ],
)
def test_a_bad_config_exits_2_with_one_line_before_any_screen(
    fault: ConfigFault, command: str, tmp_path: Path
) -> None:
    config = tmp_path / "r57tui.toml"
    if fault.config == b"/proc/self/mem":
        config.symlink_to("/proc/self/mem")
    elif fault.config is not None:
        config.write_bytes(fault.config)
    demo = Path(__file__).parents[1] / "r57tui" / "demo" / "demo-feed.json"
    extra = [a.format(demo=demo, out=tmp_path / "out") for a in COMMANDS[command]]
    result = _run(["--config", str(config), *fault.args, *extra], tmp_path, dict(fault.env))
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2, stderr
    assert result.stdout == b""  # nothing drawn, nothing printed
    assert stderr.count("\n") == 1, stderr
    assert stderr.startswith(f"r57tui: {config}: "), stderr
    assert fault.expect in stderr
    assert SECRET not in stderr
    assert "Traceback" not in stderr
    assert not (tmp_path / "out").exists()


def test_config_given_before_or_after_the_subcommand_is_the_same(tmp_path: Path) -> None:
    config = tmp_path / "r57tui.toml"
    config.write_bytes(b"refesh = 5\n")
    demo = str(Path(__file__).parents[1] / "r57tui" / "demo" / "demo-feed.json")
    before = _run(["--config", str(config), "check", demo], tmp_path, {})
    after = _run(["check", "--config", str(config), demo], tmp_path, {})
    assert before.returncode == after.returncode == 2
    assert before.stderr == after.stderr
