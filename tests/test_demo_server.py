"""`r57tui demo-server`: a real server whose feed moves, and the simulation behind it."""

from __future__ import annotations

import asyncio
import gzip
import http.client
import subprocess
import sys
import time

import pytest

from r57tui.demo import demo_feed_path
from r57tui.demo.server import demo_server
from r57tui.demo.simulation import DemoSimulation
from r57tui.feed import load_feed
from r57tui.rollup import roll_up
from r57tui.sources import NewFeed, Unchanged
from r57tui.sources.http import HttpSource

# Serial: the real program in a terminal or as a server, with deadlines that hold on
# a quiet machine; the suite runs these after the rest, not beside a second worker.
pytestmark = pytest.mark.serial


def get(port: int, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", "/feed.json", headers=headers or {})
    return connection.getresponse()


def test_simulation_moves_and_stays_valid() -> None:
    simulation = DemoSimulation.from_file(demo_feed_path())
    before = roll_up(load_feed(simulation.to_bytes())).total
    for _ in range(10):
        simulation.advance()
    feed = load_feed(simulation.to_bytes())
    after = roll_up(feed).total
    assert feed.findings == []
    assert after.assigned == before.assigned
    assert after.completed > before.completed  # some tasks completed
    assert str(feed.as_of.date()) == "2025-10-25"  # ten days passed
    first = load_feed(demo_feed_path().read_bytes()).indicators
    assert [i.value for i in feed.indicators] != [i.value for i in first]


def test_simulation_is_deterministic() -> None:
    runs = []
    for _ in range(2):
        simulation = DemoSimulation.from_file(demo_feed_path())
        simulation.advance()
        simulation.advance()
        runs.append(simulation.to_bytes())
    assert runs[0] == runs[1]


def test_server_answers_with_etag_304_and_gzip() -> None:
    server, _ = demo_server(port=0, interval=0)
    server.start()
    try:
        port = server.server_address[1]
        plain = get(port)
        body = plain.read()
        etag = plain.getheader("ETag")
        assert plain.status == 200
        assert etag
        assert plain.getheader("Content-Type").startswith("application/json")
        assert len(load_feed(body).tasks) == 1132
        assert get(port, {"If-None-Match": etag}).status == 304
        zipped = get(port, {"Accept-Encoding": "gzip"})
        assert zipped.getheader("Content-Encoding") == "gzip"
        assert gzip.decompress(zipped.read()) == body
    finally:
        server.stop()


async def test_a_dashboard_source_sees_the_demo_move() -> None:
    server, moving = demo_server(port=0, interval=0.3)
    server.start()
    try:
        source = HttpSource(server.url)
        first = await source.poll()
        assert isinstance(first, NewFeed)
        # A poll within the same step is answered "unchanged"; one that a step fell before
        # brings the new feed. The step is read around each poll, so a loaded machine that
        # is slower than the interval still checks both answers.
        answers: set[type] = set()
        deadline = time.monotonic() + 30
        while answers != {Unchanged, NewFeed}:
            assert time.monotonic() < deadline, answers
            before = moving.simulation.step
            answer = await source.poll()
            moved = moving.simulation.step != before
            assert isinstance(answer, NewFeed if moved else Unchanged), (before, answer)
            if moved:
                assert answer.feed.as_of > first.feed.as_of  # type: ignore[union-attr]
            answers.add(type(answer))
            await asyncio.sleep(0.05)  # polling for the demo's next step, as a dashboard does
        await source.aclose()
    finally:
        server.stop()


def test_the_command_serves_on_the_port_it_is_given() -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "r57tui", "demo-server", "--port", str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        banner = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/feed.json" in banner
        assert get(port).status == 200
    finally:
        process.terminate()
        process.wait(timeout=5)
