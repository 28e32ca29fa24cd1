"""Issue 16, the serve door: a real `r57tui serve` on 127.0.0.1, real websocket clients
playing a page of another site, one browser too many, a screen too large, a malformed
message, and Ctrl+C with viewers connected; the page and its font fetched as a browser
does."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import aiohttp
import httpx
import pytest
from fontTools.ttLib import TTFont

from r57tui.cli import main
from tests.test_serve import (
    Served,
    child_env,
    descendants,
    free_port,
    gone,
    read_until,
    served,
)

# Serial: the real program in a terminal or as a server, with deadlines that hold on
# a quiet machine; the suite runs these after the rest, not beside a second worker.
pytestmark = [
    pytest.mark.serial,
    pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="counts processes in /proc"),
]

ROWS_AND_COLUMNS = re.compile(rb"\x1b\[(\d+);(\d+)H")
VIETNAMESE = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
FULL_VI = "Bảng điều khiển đã đủ người xem (tối đa 2 người xem cùng lúc)"


def origin(server: Served, host: str = "127.0.0.1") -> str:
    return f"http://{host}:{server.port}"


def ws_url(server: Served, width: int = 100, height: int = 30) -> str:
    return f"ws://127.0.0.1:{server.port}/ws?width={width}&height={height}"


def dashboards(server: Served) -> dict[int, list[str]]:
    return {
        pid: argv
        for pid, argv in descendants(server.process.pid).items()
        if argv[1:3] == ["-m", "r57tui"]
    }


async def refused(server: Served, headers: dict[str, str]) -> int:
    """The HTTP status a websocket handshake with these headers gets (101: opened)."""
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(ws_url(server), headers=headers):
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


# Who may open a dashboard ------------------------------------------------------------


async def test_a_page_of_another_site_cannot_open_a_dashboard(tmp_path: Path) -> None:
    with served(tmp_path, ["--lang", "en", "--refresh", "0"]) as server:
        foreign = [
            {"Origin": "http://evil.example"},
            {"Origin": f"http://evil.example:{server.port}"},  # a rebound name, our port
            {"Origin": f"http://127.0.0.1:{server.port + 1}"},  # another page of this machine
            {"Origin": "null"},  # a sandboxed frame, a file
            {},  # no browser sends none: not a page of ours
        ]
        for headers in foreign:
            assert await refused(server, headers) == 403, headers
        assert descendants(server.process.pid) == {}  # nothing started for any of them
        # The dashboard's own page, by either of this machine's names, is served.
        for host in ("127.0.0.1", "localhost"):
            async with (
                aiohttp.ClientSession() as session,
                session.ws_connect(ws_url(server), origin=origin(server, host)) as ws,
            ):
                await read_until(ws, b"1,132", timeout=30)
    refusals = server.err.splitlines()
    assert refusals[:2] == [
        "r57tui serve: refused a connection from 'http://evil.example': not this dashboard's page",
        f"r57tui serve: refused a connection from 'http://evil.example:{server.port}': "
        "not this dashboard's page",
    ]
    assert refusals[-1] == "r57tui serve: refused a connection without an Origin header"
    assert len(refusals) == len(foreign)


def test_a_control_character_in_a_header_is_one_printable_log_line(tmp_path: Path) -> None:
    with served(tmp_path, ["--refresh", "0"]) as server:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
            raw.sendall(
                b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                b"Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                b"Origin: http://evil.example\x1b]0;owned\x07\r\n\r\n"
            )
            assert raw.recv(12) == b"HTTP/1.0 400"
        assert descendants(server.process.pid) == {}
    [line] = server.err.splitlines()
    assert line.startswith("r57tui serve: Error handling request from 127.0.0.1: BadHttpMessage")
    assert "\x1b" not in server.err
    assert "Traceback" not in server.err


async def test_behind_a_public_url_only_its_pages_are_let_in(tmp_path: Path) -> None:
    public = "https://Dashboard.Example.gov.vn"
    with served(tmp_path, ["--refresh", "0"], ["--public-url", public]) as server:
        assert await refused(server, {"Origin": "https://evil.example"}) == 403
        assert await refused(server, {"Origin": "http://dashboard.example.gov.vn"}) == 403
        assert await refused(server, {"Origin": "https://dashboard.example.gov.vn"}) == 101


# How many at once ---------------------------------------------------------------------


async def test_one_browser_too_many_is_told_the_dashboard_is_full(tmp_path: Path) -> None:
    config = tmp_path / "r57tui.toml"
    config.write_text("[serve]\nmax_sessions = 2\n", encoding="utf-8")
    before = ["--config", str(config), "--lang", "vi", "--refresh", "0"]
    with served(tmp_path, before) as server:
        async with aiohttp.ClientSession() as session:
            first = await session.ws_connect(ws_url(server), origin=origin(server))
            second = await session.ws_connect(ws_url(server), origin=origin(server))
            for ws in (first, second):
                await read_until(ws, b"1.132", timeout=40)
            running = dashboards(server)
            assert len(running) == 2
            # The page says so, in the interface language, and draws no terminal.
            page = httpx.get(server.url, timeout=10)
            assert page.status_code == 503
            assert FULL_VI in page.text
            assert 'lang="vi"' in page.text
            assert 'id="terminal"' not in page.text
            assert "<script" not in page.text
            # A browser whose page loaded just before: told in its terminal, closed.
            async with session.ws_connect(ws_url(server), origin=origin(server)) as third:
                told = await third.receive(timeout=10)
                assert told.type == aiohttp.WSMsgType.BINARY
                assert FULL_VI in told.data.decode()
                closed = await third.receive(timeout=10)
                assert closed.type == aiohttp.WSMsgType.CLOSE
                assert closed.data == 1013  # try again later
            assert dashboards(server) == running  # nothing started for it
            # One leaves: its place is free again.
            await first.close()
            deadline = time.monotonic() + 10
            while len(dashboards(server)) != 1 and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            assert len(dashboards(server)) == 1
            assert httpx.get(server.url, timeout=10).status_code == 200
            async with session.ws_connect(ws_url(server), origin=origin(server)) as again:
                await read_until(again, b"1.132", timeout=40)
            await second.close()
    turned_away = "r57tui serve: đã từ chối một trình duyệt: bảng điều khiển đã đủ người xem"
    assert f"{turned_away} (max_sessions = 2)\n" in server.err


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (["--lang", "en"], ["--max-sessions", "0"], "--max-sessions: 0 is not between 1 and 200"),
        (
            ["--lang", "vi"],
            ["--max-sessions", "201"],
            "--max-sessions: 201 không nằm trong khoảng từ 1 đến 200",
        ),
        (["--lang", "en", "--config", "{config}"], [], "r57tui.toml: serve.max_sessions"),
    ],
)
def test_a_bad_max_sessions_stops_before_serving(
    tmp_path: Path, capsys, before, after, expected
) -> None:
    config = tmp_path / "r57tui.toml"
    config.write_text("[serve]\nmax_sessions = -1\n", encoding="utf-8")
    before = [part.format(config=config) for part in before]
    assert main([*before, "serve", "--port", str(free_port()), *after]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert expected in captured.err
    assert captured.err.count("\n") == 1


# How large ----------------------------------------------------------------------------


async def test_a_screen_asked_for_too_large_is_held_to_400_by_150(tmp_path: Path) -> None:
    with served(tmp_path, ["--lang", "en", "--refresh", "0"]) as server:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(
                ws_url(server, 6000, 6000), origin=origin(server), max_msg_size=0
            ) as ws,
        ):
            await read_until(ws, b"1,132", timeout=40)
            [(pid, _argv)] = dashboards(server).items()
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            assert b"COLUMNS=400" in environ
            assert b"ROWS=150" in environ
            # Resized by the browser: held too. A redraw reaches the last row (the footer).
            await ws.send_json(["resize", {"width": 90, "height": 30}])
            await until_drawn(ws, rows=30)
            await ws.send_json(["resize", {"width": 6000, "height": 6000}])
            await until_drawn(ws, rows=150, columns=400)


async def until_drawn(
    ws: aiohttp.ClientWebSocketResponse, rows: int, columns: int | None = None
) -> None:
    """Read frames until one's last row is `rows`; with `columns`, none may go past
    `rows` x `columns` meanwhile."""
    deadline = time.monotonic() + 40
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            pytest.fail(f"never drew row {rows}")
        message = await ws.receive(timeout=left)
        assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT)
        moves = [(int(y), int(x)) for y, x in ROWS_AND_COLUMNS.findall(message.data)]
        if message.type != aiohttp.WSMsgType.BINARY or not moves:
            continue
        if columns is not None:
            assert max(y for y, _ in moves) <= rows
            assert max(x for _, x in moves) <= columns
        if max(y for y, _ in moves) == rows:
            return


# What a browser sends ------------------------------------------------------------------


async def test_a_malformed_message_is_ignored_and_the_dashboard_goes_on(tmp_path: Path) -> None:
    with served(tmp_path, ["--lang", "en", "--refresh", "0"]) as server:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(ws_url(server), origin=origin(server)) as ws,
        ):
            await read_until(ws, b"1,132", timeout=40)
            for junk in ("not json", "{}", "[]", '["resize"]', '["resize", {"width": "x"}]'):
                await ws.send_str(junk)
            await ws.send_json(["resize", {"width": True, "height": None}])
            await ws.send_json(["stdin", 5])
            await ws.send_json(["stdin", "\ud800"])  # a lone surrogate: not UTF-8
            await ws.send_json(["ping", "x" * 10_000])
            pong = await ws.receive(timeout=10)
            while pong.type == aiohttp.WSMsgType.BINARY:  # what the dashboard draws
                pong = await ws.receive(timeout=10)
            assert json.loads(pong.data) == ["pong", "x" * 64]
            await ws.send_json(["stdin", "?"])  # still there: the help opens
            await read_until(ws, b"Keys", timeout=20)
    assert server.err == ""


# The page and its font ------------------------------------------------------------------


class References(HTMLParser):
    """Every URL a page makes the browser fetch: src, href, and url(...) in its styles."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in ("src", "href", "poster", "data", "action") and value:
                self.urls.append(value)
            if name == "style" and value:
                self.styles.append(value)

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def css_urls(css: str) -> list[str]:
    return [url for _, url in re.findall(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""", css)]


def font_faces(css: str) -> list[dict[str, str]]:
    """The descriptors of each @font-face rule in `css`."""
    faces = []
    for body in re.findall(r"@font-face\s*{([^}]*)}", css):
        pairs = (line.split(":", 1) for line in body.split(";") if ":" in line)
        faces.append({name.strip(): value.strip() for name, value in pairs})
    return faces


def in_ranges(ranges: str):
    """Whether a code point is in a CSS unicode-range like `U+2190-21FF, U+25CF`."""
    spans = []
    for part in ranges.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        spans.append((int(low, 16), int(high or low, 16)))
    return lambda point: any(low <= point <= high for low, high in spans)


def test_the_page_and_everything_it_uses_come_from_this_server(tmp_path: Path) -> None:
    with served(tmp_path, ["--lang", "vi"]) as server, httpx.Client(timeout=10) as client:
        page = client.get(server.url)
        assert page.status_code == 200
        policy = page.headers["content-security-policy"]
        assert "default-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        parsed = References()
        parsed.feed(page.text)
        assert parsed.urls  # the stylesheet, the script
        fetched: dict[str, httpx.Response] = {}
        todo = [(server.url, url) for url in parsed.urls]
        todo += [(server.url, url) for style in parsed.styles for url in css_urls(style)]
        while todo:
            base, reference = todo.pop()
            url = urljoin(base, reference)
            assert urlsplit(url).netloc == f"127.0.0.1:{server.port}", reference
            if url in fetched:
                continue
            answer = fetched[url] = client.get(url)
            assert answer.status_code == 200, url
            if answer.headers["content-type"].startswith("text/css"):
                todo += [(url, found) for found in css_urls(answer.text)]
        # The family textual.js asks xterm for is made of bundled fonts. The face that
        # draws letters (no unicode-range) has every Vietnamese letter, in every weight
        # up to bold; a face kept to some ranges (symbols) draws none of them.
        faces = [face for style in parsed.styles for face in font_faces(style)]
        assert {face["font-family"] for face in faces} == {'"Roboto Mono"'}
        assert "Roboto Mono" in fetched[urljoin(server.url, "static/js/textual.js")].text
        letters = VIETNAMESE + VIETNAMESE.upper()
        for face in faces:
            [source] = css_urls(face["src"])
            font = TTFont(io.BytesIO(fetched[urljoin(server.url, source)].content))
            assert font["post"].isFixedPitch  # monospace
            if "unicode-range" in face:
                assert not any(map(in_ranges(face["unicode-range"]), map(ord, letters)))
                continue
            cmap = font.getBestCmap()
            assert [c for c in letters if ord(c) not in cmap] == []
            [weight] = [axis for axis in font["fvar"].axes if axis.axisTag == "wght"]
            assert weight.minValue <= 400
            assert weight.maxValue >= 700
        assert sum("unicode-range" not in face for face in faces) == 1
        # Each font's licence is served beside it, as the package ships it.
        for name, says in (
            ("LICENSE-RobotoMono.txt", "Apache License"),
            ("LICENSE-DejaVu.txt", "Bitstream Vera Fonts Copyright"),
        ):
            assert says in client.get(urljoin(server.url, f"assets/{name}")).text


# Ctrl+C -----------------------------------------------------------------------------------


@contextlib.contextmanager
def serving_in_a_session(tmp_path: Path) -> Iterator[Served]:
    """`r57tui serve` as from a terminal: in a session (process group) of its own, so a
    terminal's Ctrl+C or hangup can be sent to the whole group; killed with it after."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "r57tui", *("--lang", "en", "serve", "--port", str(port))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=child_env(tmp_path),
        cwd=tmp_path,
        start_new_session=True,
    )
    server = Served.__new__(Served)
    server.port, server.process = port, process
    try:
        Served.wait_listening(server)
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


async def viewers_drawn(server: Served, session: aiohttp.ClientSession, count: int) -> list[int]:
    """`count` browsers connected and shown the dashboard: their dashboards' pids."""
    viewers = [
        await session.ws_connect(ws_url(server), origin=origin(server)) for _ in range(count)
    ]
    for ws in viewers:
        await read_until(ws, b"1,132", timeout=60)
    running = list(dashboards(server))
    assert len(running) == count
    return running


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGHUP], ids=["ctrl-c", "hang-up"])
async def test_ctrl_c_with_viewers_connected_stops_them_all_even_a_hung_one(
    tmp_path: Path, stop: signal.Signals
) -> None:
    with serving_in_a_session(tmp_path) as server:
        process = server.process
        async with aiohttp.ClientSession() as session:
            running = await viewers_drawn(server, session, 3)
            os.kill(running[0], signal.SIGSTOP)  # one dashboard hung: it will never quit
            os.killpg(process.pid, stop)
            _, err = await asyncio.to_thread(process.communicate, timeout=20)
            assert process.returncode == 0
            assert gone(running, timeout=10)
            assert "Traceback" not in err


async def test_a_server_killed_outright_leaves_no_dashboard_behind(tmp_path: Path) -> None:
    # SIGKILL gives the server no chance to stop its dashboards; on pipes, with no
    # terminal to hang up, each one must notice that its server is gone and end.
    running: list[int] = []
    try:
        with serving_in_a_session(tmp_path) as server:
            async with aiohttp.ClientSession() as session:
                running = await viewers_drawn(server, session, 2)
                server.process.kill()
                server.process.wait()
                assert gone(running, timeout=20), "a dashboard outlived its server"
    finally:
        for pid in running:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
