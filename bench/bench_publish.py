"""Hundreds of viewers of `r57tui publish --serve` on this machine, against the targets.

One driver process (this one, asyncio and aiohttp) plays the viewers: each opens the
index page, then holds the page's event stream open, as a browser on a bridge point
does. The feed comes from the demo feed server, run here, which counts every request.

    python bench/bench_publish.py                       # 300 viewers, serve's 20 beside
    python bench/bench_publish.py --viewers 500 --serve-viewers 0

Measured, and printed beside the targets of issue 23:
- the first byte of the index for each viewer, all connecting at once (p50/p95/max);
- every viewer told of new figures within refresh + 2 s after the feed changes (refresh 3 s);
- one upstream fetch per refresh, whatever the number of viewers;
- the server's resident memory with every viewer connected;
- its idle CPU at a 30 s refresh, from /proc/<pid>/stat over 30 s.
Then, for comparison, `r57tui serve` with a few viewers (a dashboard process each):
its memory (the server and every dashboard), time to a first screen, and the fetches.
Linux only (/proc). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

from r57tui.demo import demo_feed_path
from r57tui.demo.server import FeedBody, FeedServer
from r57tui.demo.simulation import DemoSimulation

TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 1e6


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def descendants(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            for child in (task / "children").read_text().split():
                found += [int(child), *descendants(int(child))]
    return found


def quantiles(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"p50 {statistics.median(values):.3f} s, p95 {p95:.3f} s, max {values[-1]:.3f} s"


def line(what: str, measured: str, target: str | None = None, ok: bool = True) -> None:
    if target is None:  # a figure for comparison
        print(f"  {what:<44} {measured}")
    else:
        print(f"  {what:<44} {measured:<40} target {target:<14} {'ok' if ok else 'MISSED'}")


class Feed:
    """The demo feed over HTTP, moved a step when asked."""

    def __init__(self) -> None:
        self.simulation = DemoSimulation.from_file(demo_feed_path())
        self.body = FeedBody(self.simulation.to_bytes())
        self.server = FeedServer(self.body).start()
        self.dropped = 0

    def advance(self) -> None:
        """A day passes, and one task leaves the feed: any site, even one that shows only
        the count of tasks, has new figures."""
        self.simulation.advance()
        self.dropped += 1
        document = json.loads(self.simulation.to_bytes())
        document["tasks"] = document["tasks"][: -self.dropped]
        self.body.set(json.dumps(document, ensure_ascii=False).encode())


def start(argv: list[str], port: int, home: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "xdg")}
    process = subprocess.Popen(
        [sys.executable, "-m", "r57tui", *argv, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        cwd=home,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return process
        if process.poll() is not None:
            raise SystemExit(f"{argv} exited {process.returncode}")
        time.sleep(0.1)
    raise SystemExit(f"{argv} never listened")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def read_event(stream: aiohttp.StreamReader) -> str:
    """The data of the next event (comments and retry skipped)."""
    data = None
    while True:
        raw = await stream.readline()
        if not raw:
            raise ConnectionError("the stream ended")
        text = raw.decode().rstrip("\n")
        if text.startswith("data:"):
            data = text[5:].strip()
        elif text == "" and data is not None:
            return data


class Viewer:
    def __init__(self) -> None:
        self.first_byte = 0.0
        self.version = ""
        self.told_at: float | None = None
        self.connected = asyncio.Event()

    async def watch(self, session: aiohttp.ClientSession, base: str, done: asyncio.Event) -> None:
        began = time.perf_counter()
        async with session.get(base + "/") as page:
            self.first_byte = time.perf_counter() - began  # the headers: the first bytes
            await page.read()
        async with session.get(base + "/events") as events:
            self.version = await read_event(events.content)
            self.connected.set()
            while True:
                version = await read_event(events.content)
                if version != self.version and self.told_at is None:
                    self.told_at = time.perf_counter()
                    self.version = version
                if done.is_set():
                    return


async def crowd(
    base: str, count: int
) -> tuple[list[Viewer], list[asyncio.Task[None]], aiohttp.ClientSession, asyncio.Event]:
    session = aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=0, force_close=False),
        timeout=aiohttp.ClientTimeout(total=None, sock_connect=30),
    )
    done = asyncio.Event()
    viewers = [Viewer() for _ in range(count)]
    tasks = [asyncio.create_task(viewer.watch(session, base, done)) for viewer in viewers]
    await asyncio.wait_for(asyncio.gather(*(v.connected.wait() for v in viewers)), 120)
    return viewers, tasks, session, done


async def disperse(tasks: list[asyncio.Task[None]], session: aiohttp.ClientSession) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await session.close()


async def publish_live(args: argparse.Namespace, feed: Feed, home: Path) -> None:
    port = free_port()
    refresh = args.refresh
    server = start(
        ["--source", feed.server.url, "--refresh", str(refresh), "publish", "--serve"], port, home
    )
    base = f"http://127.0.0.1:{port}"
    try:
        print(f"publish --serve, {args.viewers} viewers, refresh {refresh:g} s")
        viewers, tasks, session, _ = await crowd(base, args.viewers)
        firsts = [viewer.first_byte for viewer in viewers]
        line(
            "first byte of the index, all at once",
            quantiles(firsts),
            "< 1 s",
            max(firsts) < 1,
        )
        memory = rss_mb(server.pid)
        line("server resident memory, all connected", f"{memory:.0f} MB", "< 300 MB", memory < 300)
        asked = feed.server.requests
        changed = time.perf_counter()
        feed.advance()
        await asyncio.wait_for(
            _until(lambda: all(viewer.told_at is not None for viewer in viewers)), refresh + 30
        )
        delays = [viewer.told_at - changed for viewer in viewers if viewer.told_at]
        line(
            "new figures seen by every viewer after",
            quantiles(delays),
            f"< {refresh + 2:g} s",
            max(delays) < refresh + 2,
        )
        window = args.fetch_window
        asked = feed.server.requests
        await asyncio.sleep(window)
        fetches = feed.server.requests - asked
        expected = window / refresh
        line(
            f"upstream fetches in {window:g} s",
            f"{fetches} ({fetches / expected:.2f} per refresh)",
            "1 per refresh",
            abs(fetches - expected) <= 1,
        )
        await disperse(tasks, session)
    finally:
        stop(server)


async def publish_idle(args: argparse.Namespace, feed: Feed, home: Path) -> None:
    port = free_port()
    argv = ["--source", feed.server.url, "--refresh", "30", "publish", "--serve"]
    server = start(argv, port, home)
    try:
        _, tasks, session, _ = await crowd(f"http://127.0.0.1:{port}", args.viewers)
        await asyncio.sleep(1)
        began, used = time.perf_counter(), cpu_seconds(server.pid)
        await asyncio.sleep(args.idle_seconds)
        share = (cpu_seconds(server.pid) - used) / (time.perf_counter() - began)
        line(
            f"idle CPU, refresh 30 s, over {args.idle_seconds:g} s",
            f"{share * 100:.2f} % of a core",
            "< 10 %",
            share < 0.10,
        )
        memory = rss_mb(server.pid)
        line("server resident memory after", f"{memory:.0f} MB", "< 300 MB", memory < 300)
        await disperse(tasks, session)
    finally:
        stop(server)


async def _until(condition: object) -> None:
    assert callable(condition)
    while not condition():
        await asyncio.sleep(0.05)


async def serve_beside(args: argparse.Namespace, feed: Feed, home: Path) -> None:
    """`r57tui serve`, a dashboard process per browser, for the same figures."""
    count, refresh = args.serve_viewers, args.refresh
    port = free_port()
    server = start(
        ["--source", feed.server.url, "--refresh", str(refresh), "serve", "--max-sessions",
         str(count + 5)], port, home,
    )  # fmt: skip
    origin = f"http://127.0.0.1:{port}"
    print(f"serve, {count} viewers (a dashboard process each), refresh {refresh:g} s")
    session = aiohttp.ClientSession()
    drawn: list[float] = []

    async def one() -> aiohttp.ClientWebSocketResponse:
        began = time.perf_counter()
        socket_ = await session.ws_connect(
            f"ws://127.0.0.1:{port}/ws?width=120&height=40", origin=origin, heartbeat=None
        )
        await socket_.send_json(["resize", {"width": 120, "height": 40}])
        received = 0
        while received < 20_000:  # a first screen of a 120x40 dashboard
            message = await socket_.receive()
            if message.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                break
            received += len(message.data)
        drawn.append(time.perf_counter() - began)
        return socket_

    try:
        sockets = await asyncio.wait_for(asyncio.gather(*(one() for _ in range(count))), 300)
        line("first screen, all at once", quantiles(drawn))
        await asyncio.sleep(5)
        pids = [server.pid, *descendants(server.pid)]
        memory = sum(rss_mb(pid) for pid in pids if Path(f"/proc/{pid}").exists())
        line(
            "resident memory, server and dashboards",
            f"{memory:.0f} MB in {len(pids)} processes",
        )
        asked = feed.server.requests
        await asyncio.sleep(args.fetch_window)
        fetches = feed.server.requests - asked
        line(
            f"upstream fetches in {args.fetch_window:g} s",
            f"{fetches} ({fetches / (args.fetch_window / refresh):.1f} per refresh)",
        )
        for socket_ in sockets:
            await socket_.close()
    finally:
        await session.close()
        stop(server)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=300)
    parser.add_argument("--refresh", type=float, default=3.0, help="for the live part")
    parser.add_argument("--idle-seconds", type=float, default=30.0)
    parser.add_argument("--fetch-window", type=float, default=15.0)
    parser.add_argument("--serve-viewers", type=int, default=20, help="0: no comparison")
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # the driver's own sockets
    feed = Feed()
    home = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-publish-{os.getpid()}"
    home.mkdir(exist_ok=True)
    try:
        await publish_live(args, feed, home)
        await publish_idle(args, feed, home)
        if args.serve_viewers:
            await serve_beside(args, feed, home)
    finally:
        feed.server.stop()


if __name__ == "__main__":
    asyncio.run(main())
