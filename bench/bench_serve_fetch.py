"""Requests to the feed's server per refresh under `r57tui serve`, by browsers connected.

    python bench/bench_serve_fetch.py                       # 1, 5 and 10 browsers
    python bench/bench_serve_fetch.py --sessions 1 5 10 --refresh 2 --periods 5
    python bench/bench_serve_fetch.py --repo /tmp/r57-before  # another checkout's r57tui

A feed server on 127.0.0.1 (the demo feed, a plain 200 to every GET) counts what it is
asked. For each count of browsers: `r57tui serve` on that feed, that many websocket
clients open the dashboard (as a browser does), and once every one shows the feed's
total, the requests the feed's server receives over `--periods` refreshes are counted.
The figure is requests per refresh: one per dashboard when each polls the feed itself,
one in all when the serve process fetches for them.

`--repo` runs the `r57tui` package of another checkout (for a figure before a change:
`git archive <commit> r57tui | tar -x -C /tmp/r57-before`), with this environment's
packages. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from r57tui.demo import demo_feed_path  # noqa: E402

ANSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-B]|[=>])")
TOTAL = b"1,132"  # the demo feed's tasks, as the dashboard writes them in English


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, body: bytes) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.body = body
        self.count = 0
        self.lock = threading.Lock()


class _Handler(BaseHTTPRequestHandler):
    server: FeedServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.count += 1
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.server.body)))
        self.end_headers()
        self.wfile.write(self.server.body)

    def log_message(self, fmt: str, *args: object) -> None:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_serve(
    repo: Path, feed_url: str, refresh: float, sessions: int, home: Path
) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.update(HOME=str(home), PYTHONPATH=str(repo), LANG="C.UTF-8")
    argv = [sys.executable, "-m", "r57tui", "--source", feed_url, "--refresh", str(refresh)]
    argv += ["--lang", "en", "serve", "--port", str(port), "--max-sessions", str(sessions)]
    process = subprocess.Popen(
        argv, cwd=home, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return process, port
        time.sleep(0.05)
    process.kill()
    raise SystemExit("serve never listened")


async def until_shown(ws: aiohttp.ClientWebSocketResponse, text: bytes, timeout: float) -> None:
    seen = b""
    deadline = time.monotonic() + timeout
    while text not in seen:
        message = await ws.receive(timeout=max(deadline - time.monotonic(), 0.01))
        if message.type == aiohttp.WSMsgType.BINARY:
            seen = (seen + ANSI.sub(b"", message.data))[-8000:]
        elif message.type != aiohttp.WSMsgType.TEXT:
            raise SystemExit(f"a dashboard closed before showing {text!r}")


async def keep_reading(ws: aiohttp.ClientWebSocketResponse) -> None:
    """As a browser does: take what the dashboard draws (and answer its pings)."""
    with contextlib.suppress(asyncio.CancelledError):
        while not ws.closed:
            await ws.receive()


async def measure(
    port: int, server: FeedServer, sessions: int, refresh: float, periods: int
) -> float:
    url = f"ws://127.0.0.1:{port}/ws?width=120&height=40"
    async with aiohttp.ClientSession() as client:
        browsers = [
            await client.ws_connect(url, origin=f"http://127.0.0.1:{port}") for _ in range(sessions)
        ]
        await asyncio.gather(*(until_shown(ws, TOTAL, 60 + 10 * sessions) for ws in browsers))
        readers = [asyncio.create_task(keep_reading(ws)) for ws in browsers]
        before = server.count
        await asyncio.sleep(refresh * periods)  # the window counted
        requests = server.count - before
        for task in readers:
            task.cancel()
        for ws in browsers:
            await ws.close()
    return requests / periods


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10])
    parser.add_argument("--refresh", type=float, default=2.0, help="seconds (default 2)")
    parser.add_argument("--periods", type=int, default=5, help="refreshes counted (default 5)")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the checkout whose r57tui runs")
    args = parser.parse_args()
    feed = FeedServer(demo_feed_path().read_bytes())
    threading.Thread(target=feed.serve_forever, daemon=True).start()
    feed_url = f"http://127.0.0.1:{feed.server_address[1]}/feed.json"
    where = args.repo.resolve()
    print(f"r57tui from {where}; refresh {args.refresh:g} s, {args.periods} refreshes counted")
    print(f"  {'browsers':>8}  {'requests per refresh':>20}")
    with tempfile.TemporaryDirectory() as home:
        for sessions in args.sessions:
            process, port = start_serve(args.repo, feed_url, args.refresh, sessions, Path(home))
            try:
                per_refresh = asyncio.run(measure(port, feed, sessions, args.refresh, args.periods))
            finally:
                process.terminate()
                process.wait(timeout=30)
            print(f"  {sessions:>8}  {per_refresh:>20.1f}", flush=True)
    feed.shutdown()


if __name__ == "__main__":
    main()
