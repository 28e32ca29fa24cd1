"""`r57tui serve`: a real textual-serve server in a subprocess, real browsers' requests
(HTTP and the websocket) against it; and the read-only dashboard it runs, with Pilot."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import httpx
import pytest

from r57tui.cli import build_parser, main
from r57tui.commands.serve import dashboard_argv
from r57tui.commands.sources import open_source
from r57tui.config import ExportSettings, Settings
from r57tui.demo import demo_feed_path
from r57tui.ui.app import R57App
from r57tui.ui.export_dialog import ExportDialog
from r57tui.ui.tasks_screen import TasksScreen
from r57tui.web.server import command_line
from tests.httpserver import Handler, ScriptedServer
from tests.pilot import RecordingApp, settle

# Serial: the real program in a terminal or as a server, with deadlines that hold on
# a quiet machine; the suite runs these after the rest, not beside a second worker.
pytestmark = pytest.mark.serial

READ_ONLY = "Read-only: exports are off in this dashboard"
ANSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-B]|[=>])")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def child_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "LC_"))}
    env.pop("NO_COLOR", None)
    # TMPDIR: serve's private folder for the feed in the test's own, even when serve is
    # killed outright (then it cannot remove it).
    env.update(
        LANG="C.UTF-8",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "xdg"),
        TMPDIR=str(tmp_path),
        **extra,
    )
    return env


class Served:
    """`python -m r57tui [BEFORE…] serve --port PORT [AFTER…]`, running until `stop`."""

    def __init__(
        self, tmp_path: Path, before: list[str], after: list[str], env: dict[str, str]
    ) -> None:
        self.port = free_port()
        argv = [sys.executable, "-m", "r57tui", *before, "serve", "--port", str(self.port)]
        self.process = subprocess.Popen(
            [*argv, *after],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        self.url = f"http://127.0.0.1:{self.port}/"
        self.out = self.err = ""
        self.stopped = False

    def wait_listening(self, host: str = "127.0.0.1", timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                out, err = self.process.communicate()
                pytest.fail(f"serve exited {self.process.returncode}: {out!r} {err!r}")
            with contextlib.suppress(OSError), socket.create_connection((host, self.port), 0.2):
                return
            time.sleep(0.05)
        pytest.fail("serve never listened")

    def stop(self) -> int:
        """SIGTERM, as a service manager stops it; the exit code. Output kept."""
        if self.stopped:
            return self.process.returncode
        self.stopped = True
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.out, self.err = self.process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.out, self.err = self.process.communicate()
            pytest.fail("serve did not stop on SIGTERM")
        return self.process.returncode


@contextlib.contextmanager
def served(
    tmp_path: Path, before: list[str] | None = None, after: list[str] | None = None, **env: str
) -> Iterator[Served]:
    server = Served(tmp_path, before or [], after or [], child_env(tmp_path, **env))
    try:
        server.wait_listening()
        yield server
    finally:
        server.stop()


def listening_addresses(port: int) -> set[str]:
    """The local addresses of sockets listening on `port`, from /proc/net (Linux)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as lines:
            next(lines)
            for line in lines:
                local, _remote, state = line.split()[1:4]
                address, hex_port = local.split(":")
                if state != "0A" or int(hex_port, 16) != port:  # 0A: LISTEN
                    continue
                raw = bytes.fromhex(address)
                # Stored as 32-bit words in host (little-endian) order.
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
                family = socket.AF_INET if len(words) == 4 else socket.AF_INET6
                found.add(socket.inet_ntop(family, words))
    return found


def non_loopback_address() -> str | None:
    """This machine's address on its network, if it has one (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the route
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def descendants(pid: int) -> dict[int, list[str]]:
    """The command line of every process below `pid` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(stat.parent.name))
    lines: dict[int, list[str]] = {}
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            todo.append(child)
            with contextlib.suppress(OSError):
                raw = Path(f"/proc/{child}/cmdline").read_bytes()
                lines[child] = [part.decode() for part in raw.split(b"\0")[:-1]]
    return lines


def gone(pids: list[int], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while any(Path(f"/proc/{pid}").exists() for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


# The server ----------------------------------------------------------------------------


def test_serve_answers_with_the_dashboard_page_on_loopback_only(tmp_path: Path) -> None:
    with served(tmp_path) as server:
        page = httpx.get(server.url, timeout=10)
        assert page.status_code == 200
        # textual-serve's page for this app: its websocket here, our title.
        assert f'data-session-websocket-url="ws://127.0.0.1:{server.port}/ws"' in page.text
        assert "<div>r57tui</div>" in page.text
        if Path("/proc/net/tcp").exists():
            assert listening_addresses(server.port) == {"127.0.0.1"}
        elsewhere = non_loopback_address()
        if elsewhere is not None:
            with pytest.raises(ConnectionRefusedError):
                socket.create_connection((elsewhere, server.port), timeout=2).close()
    assert server.process.returncode == 0
    assert server.out == (
        f"Serving the dashboard, read-only, at {server.url} (each browser gets its own). "
        "Ctrl+C stops.\n"
    )
    assert server.err == ""  # textual-serve's logo, command line and request log: quiet


async def read_until(ws: aiohttp.ClientWebSocketResponse, text: bytes, timeout: float) -> bytes:
    """What the dashboard draws, escape sequences taken out, until `text` shows."""
    seen = b""
    deadline = time.monotonic() + timeout
    while text not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            pytest.fail(f"never showed {text!r}; last: {seen[-600:]!r}")
        # A hard deadline: receive(timeout=) starts again after each server ping.
        with contextlib.suppress(asyncio.TimeoutError):
            message = await asyncio.wait_for(ws.receive(), left)
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += ANSI.sub(b"", message.data)
            elif message.type != aiohttp.WSMsgType.TEXT:
                pytest.fail(f"websocket closed: {message.type}; last: {seen[-600:]!r}")
    return seen


async def drain(ws: aiohttp.ClientWebSocketResponse, seconds: float) -> None:
    """Read (and answer, as a browser does) for `seconds`, or until the socket closes."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        with contextlib.suppress(asyncio.TimeoutError):
            message = await asyncio.wait_for(ws.receive(), left)
            if message.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                return


async def test_each_browser_gets_a_read_only_dashboard_and_no_secret_on_its_command_line(
    tmp_path: Path,
) -> None:
    secret = "s3cr3t-token-for-the-feed"
    exports = tmp_path / "exports"
    config = tmp_path / "my config" / "r57 tui.toml"
    config.parent.mkdir()
    config.write_text(
        f"[export]\nfolder = '{exports}'\n"
        '[http.headers]\nAuthorization = "Bearer ${R57_SERVE_TOKEN}"\n',
        encoding="utf-8",
    )
    feed = demo_feed_path().read_bytes()
    with ScriptedServer(lambda handler: handler.send(200, feed)) as feed_server:
        before = ["--config", str(config), "--source", feed_server.url(), "--refresh", "0"]
        with served(tmp_path, [*before, "--lang", "en"], R57_SERVE_TOKEN=secret) as server:
            page = httpx.get(server.url, timeout=10).text
            [ws_url] = re.findall(r'data-session-websocket-url="([^"]+)"', page)
            async with (
                aiohttp.ClientSession() as session,
                session.ws_connect(
                    f"{ws_url}?width=120&height=40", origin=server.url.rstrip("/")
                ) as ws,
            ):
                # The dashboard started, on the feed, with the demo's total.
                await read_until(ws, b"1,132", timeout=20)
                lines: dict[int, list[str]] = {}
                if Path("/proc/self").is_dir():  # Linux: the processes textual-serve started
                    lines = descendants(server.process.pid)
                    dashboards = [argv for argv in lines.values() if argv[1:3] == ["-m", "r57tui"]]
                    assert dashboards, lines
                    # One argument each, the path with spaces whole: the shell quoting held.
                    [(pid, argv)] = [(p, a) for p, a in lines.items() if a[1:3] == ["-m", "r57tui"]]
                    shared = Path(argv[-2].removeprefix("--shared-feed="))
                    assert argv == [
                        sys.executable,
                        "-m",
                        "r57tui",
                        "--read-only",
                        f"--config={config}",
                        f"--source={feed_server.url()}",
                        "--refresh=0.0",
                        "--lang=en",
                        f"--shared-feed={shared}",
                        "--source-label=127.0.0.1",
                    ]
                    # The serve process's own folder, which only its user may enter.
                    assert shared.stat().st_mode & 0o777 == 0o700
                    assert not any(secret in " ".join(argv) for argv in lines.values())
                    # Nor in the dashboard's environment: it reads the serve process's copy.
                    environ = Path(f"/proc/{pid}/environ").read_bytes()
                    assert b"R57_SERVE_TOKEN" not in environ
                    assert secret.encode() not in environ
                # The serve process fetched, and sent the secret from its environment.
                assert feed_server.requests[0]["authorization"] == f"Bearer {secret}"
                for key in ("e", "E", "S"):
                    await ws.send_json(["stdin", key])
                    await read_until(ws, READ_ONLY.encode(), timeout=10)
                await ws.send_json(["stdin", "t"])
                await drain(ws, 1.5)  # the theme would be remembered after 1 s
                # Ctrl+C (SIGTERM here) with the browser still connected: the server stops
                # at once, and the browser's dashboard with it.
                browser = asyncio.create_task(drain(ws, 20))
                assert await asyncio.wait_for(asyncio.to_thread(server.stop), timeout=20) == 0
                await browser
                assert gone(list(lines))
                if lines:
                    assert not shared.exists()  # the folder went with the server
    assert not exports.exists()
    assert list((tmp_path / "xdg").rglob("*.toml")) == []
    assert secret not in server.out + server.err
    assert server.err == ""


class OneFeedServer:
    """The feed's server for three browsers: the demo feed; then, once asked to change,
    a new feed (one task fewer) to ONE request only, and 503 to every request after. Only
    a fetch shared by every dashboard shows all three the new feed (then stale)."""

    def __init__(self) -> None:
        demo = json.loads(demo_feed_path().read_bytes())
        self.first = json.dumps(demo).encode()
        demo["tasks"].pop()
        self.second = json.dumps(demo).encode()
        self.changed = False
        self.second_sent = 0
        self.times: list[float] = []  # when each request came (monotonic)

    def __call__(self, handler: Handler) -> None:
        self.times.append(time.monotonic())
        if not self.changed:
            handler.send(200, self.first)
        elif not self.second_sent:
            self.second_sent += 1
            handler.send(200, self.second)
        else:
            handler.send(503, b"{}")


async def test_browsers_share_one_fetch_per_refresh_and_see_a_change_and_a_failure(
    tmp_path: Path,
) -> None:
    refresh = 1.0
    answers = OneFeedServer()
    with ScriptedServer(answers) as feed_server:
        before = ["--source", feed_server.url(), "--refresh", str(refresh), "--lang", "en"]
        with served(tmp_path, before) as server:
            address = f"ws://127.0.0.1:{server.port}/ws?width=120&height=40"
            async with aiohttp.ClientSession() as session:
                browsers = [
                    await session.ws_connect(address, origin=server.url.rstrip("/"))
                    for _ in range(3)
                ]
                for ws in browsers:
                    await read_until(ws, b"1,132", timeout=60)
                # While all three run, the feed's server is asked once a refresh, not once
                # a refresh per browser: no two requests closer than the refresh.
                watched_from = len(answers.times)
                while len(answers.times) < watched_from + 2:
                    await drain(browsers[0], 0.2)
                gaps = [b - a for a, b in itertools.pairwise(answers.times[watched_from - 1 :])]
                assert min(gaps) >= refresh * 0.95, gaps
                # The new feed, sent once, reaches every browser; the failures after it
                # mark it stale there with the server's reason, the new figures kept.
                answers.changed = True
                for ws in browsers:
                    await read_until(ws, b"1,131", timeout=30)
                for ws in browsers:
                    seen = await read_until(ws, b"HTTP 503", timeout=30)
                    assert b"STALE" in seen
                assert answers.second_sent == 1
                for ws in browsers:
                    await ws.close()


def test_another_address_than_loopback_is_served_with_a_warning(tmp_path: Path) -> None:
    public = "http://meeting.example:8443"
    with served(tmp_path, after=["--host", "0.0.0.0", "--public-url", public]) as server:
        page = httpx.get(server.url, timeout=10).text
        # The page sends browsers to the address they know, not to 0.0.0.0.
        assert 'data-session-websocket-url="ws://meeting.example:8443/ws"' in page
    assert server.process.returncode == 0
    assert server.err == "r57tui: warning: anyone who can reach 0.0.0.0 sees the dashboard\n"
    assert f"at {public}/ " in server.out


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "r57tui", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            env=child_env(tmp_path),
            timeout=30,
            check=False,
        )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"r57tui: cannot listen on 127.0.0.1:{port}: ")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("before", "config", "after", "expected"),
    [
        ([], "refresh = 'soon'\n", [], "r57tui.toml: refresh"),
        (
            ["--source", "https://feed.example/r57.json"],
            '[http.headers]\nAuthorization = "${R57_UNSET_SERVE}"\n',
            [],
            "environment variable R57_UNSET_SERVE is not set",
        ),
        (["--theme", "neon"], "", [], "--theme: no theme 'neon'"),
        ([], "[keys]\nexprot = 'x'\n", [], "no binding 'exprot'"),
        ([], "", ["--host", "0.0.0.0"], "--host 0.0.0.0 means every address"),
        ([], "", ["--port", "70000"], "--port: 70000 is not a port number"),
    ],
)
def test_a_bad_config_or_address_stops_before_serving(
    tmp_path: Path, capsys, before, config, after, expected
) -> None:
    path = tmp_path / "r57tui.toml"
    path.write_text(config, encoding="utf-8")
    port = str(free_port())
    # Were it served, main() would not return: it returns 2 with one line, nothing served.
    assert main(["--config", str(path), *before, "serve", "--port", port, *after]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert expected in captured.err
    assert captured.err.count("\n") == 1


# The command each browser's dashboard runs -----------------------------------------------


def test_the_command_carries_the_options_quoted_and_read_only(tmp_path: Path) -> None:
    config = tmp_path / "my config" / "r57 tui.toml"
    args = build_parser().parse_args(
        [
            *("--config", str(config), "--source", "-odd name.json", "--refresh", "5"),
            *("--theme", "r57-light", "--lang", "vi", "--baseline", "q2 baseline.json"),
            *("--present", "serve", "--port", "9000"),
        ]
    )
    argv = dashboard_argv(args, python="/opt/py thon/bin/python3")
    assert argv[:4] == ["/opt/py thon/bin/python3", "-m", "r57tui", "--read-only"]
    # Through the shell textual-serve starts it with, every argument arrives whole…
    assert shlex.split(command_line(argv)) == argv
    # …and the dashboard reads them as given before `serve`.
    child = build_parser().parse_args(argv[3:])
    assert child.command is None
    assert child.read_only
    assert child.config == config
    assert child.source == ["-odd name.json"]  # --source may be given more than once
    assert child.refresh == 5.0
    assert (child.theme, child.lang, child.present) == ("r57-light", "vi", True)
    assert child.baseline == str(Path.cwd() / "q2 baseline.json")


def test_the_command_carries_a_history_entry_as_given_and_the_history_file_whole() -> None:
    args = build_parser().parse_args(
        ["--baseline", "previous", "--history", "meetings/h.sqlite3", "serve"]
    )
    child = build_parser().parse_args(dashboard_argv(args, python="py")[3:])
    assert child.baseline == "previous"
    assert child.history == Path.cwd() / "meetings" / "h.sqlite3"


def test_allow_export_leaves_read_only_out_and_no_options_add_nothing() -> None:
    plain = dashboard_argv(build_parser().parse_args(["serve"]), python="py")
    assert plain == ["py", "-m", "r57tui", "--read-only"]
    exporting = dashboard_argv(build_parser().parse_args(["serve", "--allow-export"]), "py")
    assert exporting == ["py", "-m", "r57tui"]


# Read-only in the dashboard ------------------------------------------------------------------


def read_only_app(tmp_path: Path, read_only: bool = True, **settings) -> RecordingApp:
    return RecordingApp(
        Settings(language="en", export=ExportSettings(folder=tmp_path / "exports"), **settings),
        open_source(None),
        read_only=read_only,
        state_file=tmp_path / "state.toml",
    )


def said_read_only(app: RecordingApp) -> int:
    return sum(n.message == READ_ONLY for n in app.notices)


def shown_actions(app: R57App) -> set[str]:
    return {active.binding.action for active in app.screen.active_bindings.values()}


async def test_read_only_e_capital_e_and_s_write_nothing_and_say_so(tmp_path: Path) -> None:
    writing = read_only_app(tmp_path, read_only=False)
    async with writing.run_test(size=(120, 40)) as pilot:
        await settle(writing, pilot)
        assert {"export", "export_dialog", "save_svg"} <= shown_actions(writing)

    app = read_only_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        # Hidden: not in the footer, the help or the palette.
        assert not {"export", "export_dialog", "save_svg"} & shown_actions(app)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Screenshot" not in titles
        assert "Export" not in titles
        for count, key in enumerate(("e", "E", "S"), 1):
            await pilot.press(key)
            await settle(app, pilot)
            assert said_read_only(app) == count
            assert not isinstance(app.screen, ExportDialog)
        # On a task list too.
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, TasksScreen)
        await pilot.press("e")
        await settle(app, pilot)
        assert said_read_only(app) == 4
        # The actions themselves are guarded, whatever calls them (the palette, a keymap).
        app.action_save_svg()
        app.deliver_screenshot()
        await app.screen.run_action("export")  # hidden: not run at all
        await app.screen.run_action("export_dialog")
        app.screen.action_export()
        app.screen.action_export_dialog()
        await settle(app, pilot)
        assert said_read_only(app) == 8
        assert app.last_exports == []
    assert not (tmp_path / "exports").exists()


async def test_read_only_follows_a_remapped_export_key(tmp_path: Path) -> None:
    app = read_only_app(tmp_path, keys={"export": "x"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("x")
        await settle(app, pilot)
        assert said_read_only(app) == 1
        await pilot.press("e")  # no longer an export key: nothing to explain
        await settle(app, pilot)
        assert said_read_only(app) == 1
    assert not (tmp_path / "exports").exists()


async def test_read_only_t_changes_the_theme_and_remembers_nothing(tmp_path: Path) -> None:
    app = read_only_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        first = app.theme
        await pilot.press("t")
        assert app.theme != first
        await pilot.pause(1.3)  # past the second after which a theme is remembered
    assert not (tmp_path / "state.toml").exists()
