"""`r57tui publish --serve`: real HTTP clients (httpx) against the real server on
127.0.0.1, fed by a real feed server that counts what it is asked; and once the whole
command in a process of its own, on a feed file changed on disk, stopped by Ctrl+C."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

import httpx
import pytest

from r57tui.commands.sources import open_source
from r57tui.config import Settings
from r57tui.web.access import AccessKey
from r57tui.web.publish_server import PublishServer, run_server
from r57tui.web.site_feed import SiteFeed
from r57tui.web.site_model import Page, Site, SiteInput, site_version
from tests.builders import feed_dict, task, to_bytes
from tests.httpserver import Handler, ScriptedServer

KEY = "Kh0a-truy-cap-7f3a91"
REFUSED_VI = "chỉ mở cho người được cấp mã truy cập"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Upstream:
    """The feed's server: answers the feed with an ETag (a 304 when it still holds), or
    fails when told to; counts every request."""

    def __init__(self, tasks: int) -> None:
        self.fail = False
        self.set(tasks)

    def set(self, tasks: int) -> None:
        self.body = to_bytes(feed_dict([task(f"T{i}") for i in range(tasks)]))
        self.etag = f'"v{tasks}"'

    def __call__(self, handler: Handler) -> None:
        if self.fail:
            handler.send(500, b"broken")
        elif handler.headers.get("If-None-Match") == self.etag:
            handler.send(304, b"", headers={"ETag": self.etag})
        else:
            handler.send(200, self.body, headers={"ETag": self.etag})


def pages_of(given: SiteInput) -> Site:
    """A site of a page, an agency page and an asset, as build_site gives, large enough to
    be gzipped; the count of tasks and whether the figures are stale show on it."""
    count = len(given.feed.tasks)
    stale = " STALE" if given.stale else ""
    index = f"<!doctype html><html lang='{given.language}'><p>{count}{stale}</p>" + "x" * 2000
    pages = MappingProxyType(
        {
            "index.html": Page(index.encode()),
            "agency/LAI-CHAU.html": Page(b"<p>Lai Chau</p>"),
            "assets/site.css": Page(b"p{}" * 200, "text/css; charset=utf-8"),
        }
    )
    return Site(pages=pages, version=site_version(pages))


class Published:
    def __init__(self, base: str, feed: SiteFeed, upstream: Upstream, feed_server: ScriptedServer):
        self.base = base
        self.feed = feed
        self.upstream = upstream
        self.feed_server = feed_server


@pytest.fixture(scope="module")
def feed_server() -> Iterator[ScriptedServer]:
    """One feed server for the module; each test gives it its own Upstream."""
    with ScriptedServer(Upstream(0)) as server:
        yield server


@contextlib.asynccontextmanager
async def published(
    feed_server: ScriptedServer,
    key: str | None = None,
    max_viewers: int = 100,
    fail_first: bool = False,
) -> AsyncIterator[Published]:
    """The server in this test's event loop, polled by hand (refresh 0): each
    `feed.poll_once()` is one refresh."""
    upstream = Upstream(3)
    upstream.fail = fail_first
    feed_server.respond = upstream
    feed_server.requests.clear()
    source = open_source(feed_server.url(), Settings())

    def site_input(feed: Any, stale: bool) -> SiteInput:
        return SiteInput(feed=feed, language="vi", live="sse", stale=stale)

    feed = SiteFeed(source, site_input, refresh=0, language="vi", build=pages_of)
    server = PublishServer(
        feed,
        language="vi",
        access=None if key is None else AccessKey.of(key),
        max_viewers=max_viewers,
    )
    port = free_port()
    stop, ready = asyncio.Event(), asyncio.Event()
    await feed.poll_once()
    serving = asyncio.create_task(run_server(server, "127.0.0.1", port, stop, ready))
    await asyncio.wait_for(ready.wait(), 10)
    try:
        yield Published(f"http://127.0.0.1:{port}/", feed, upstream, feed_server)
    finally:
        stop.set()
        await asyncio.wait_for(serving, 10)


async def next_event(lines: AsyncIterator[str]) -> dict[str, str]:
    """The next event or comment of a stream: its fields (a comment as `comment`)."""
    fields: dict[str, str] = {}
    async for line in lines:
        if line == "":
            if fields:
                return fields
            continue
        name, _, value = line.partition(":")
        fields[name or "comment"] = value.strip()
    raise AssertionError(f"the stream ended after {fields}")


async def test_a_page_goes_with_its_validators_and_a_304_costs_no_body(
    feed_server: ScriptedServer,
) -> None:
    async with published(feed_server) as site, httpx.AsyncClient(base_url=site.base) as client:
        first = await client.get("/", headers={"Accept-Encoding": "identity"})
        assert first.status_code == 200
        assert b"<p>3</p>" in first.content  # build_site's page, as it made it
        assert first.headers["content-type"] == "text/html; charset=utf-8"
        assert first.headers["cache-control"] == "no-cache"
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        again = await client.get("/", headers={"If-None-Match": etag})
        assert (again.status_code, again.content) == (304, b"")
        since = await client.get("/index.html", headers={"If-Modified-Since": modified})
        assert (since.status_code, since.content) == (304, b"")
        # gzip, when asked for: the same bytes, under an ETag of its own that also holds.
        packed = await client.get("/", headers={"Accept-Encoding": "gzip"})
        assert packed.headers["content-encoding"] == "gzip"
        assert packed.content == first.content  # httpx unpacked it
        assert packed.headers["etag"] != etag
        with_tag = await client.get("/", headers={"If-None-Match": packed.headers["etag"]})
        assert with_tag.status_code == 304
        asset = await client.get("/assets/site.css")
        assert asset.headers["cache-control"] == "public, max-age=86400"
        assert (await client.get("/agency/LAI-CHAU.html")).content == b"<p>Lai Chau</p>"
        # A new feed: a new ETag, and the browser's copy no longer holds.
        site.upstream.set(5)
        await site.feed.poll_once()
        moved = await client.get("/", headers={"If-None-Match": etag})
        assert moved.status_code == 200
        assert b"<p>5</p>" in moved.content


async def test_head_is_headers_only_and_nothing_but_reading_is_allowed(
    feed_server: ScriptedServer,
) -> None:
    async with published(feed_server) as site, httpx.AsyncClient(base_url=site.base) as client:
        got = await client.get("/", headers={"Accept-Encoding": "identity"})
        head = await client.head("/", headers={"Accept-Encoding": "identity"})
        assert (head.status_code, head.content) == (200, b"")
        assert head.headers["content-length"] == str(len(got.content))
        assert head.headers["etag"] == got.headers["etag"]
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            refused = await client.request(method, "/index.html", content=b"x")
            assert refused.status_code == 405
            assert refused.headers["allow"] == "GET, HEAD"
            assert "chỉ để xem" in refused.text


async def test_only_the_pages_of_the_site_are_served_never_a_file(
    feed_server: ScriptedServer,
) -> None:
    async with published(feed_server) as site, httpx.AsyncClient(base_url=site.base) as client:
        for target in (
            b"/../pyproject.toml",
            b"/%2e%2e/pyproject.toml",
            b"/%2E%2E/%2E%2E/etc/passwd",
            b"/assets/..%2f..%2fpyproject.toml",
            b"/agency/../../pyproject.toml",
            b"/pyproject.toml",
        ):
            answer = await client.get("/", extensions={"target": target})
            assert answer.status_code == 404, target
            assert "[project]" not in answer.text
            assert "root:" not in answer.text
            assert "Không có trang này" in answer.text


async def test_every_open_page_hears_of_a_new_version_from_one_fetch(
    feed_server: ScriptedServer,
) -> None:
    viewers = 30
    async with (
        published(feed_server) as site,
        httpx.AsyncClient(
            base_url=site.base, timeout=10, limits=httpx.Limits(max_connections=viewers + 5)
        ) as client,
        contextlib.AsyncExitStack() as streams,
    ):
        opened = [
            await streams.enter_async_context(client.stream("GET", "/events"))
            for _ in range(viewers)
        ]
        lines = [stream.aiter_lines() for stream in opened]
        assert all(s.headers["content-type"].startswith("text/event-stream") for s in opened)
        first = await asyncio.gather(*(next_event(each) for each in lines))
        old = site.feed.version
        assert all(event == {"retry": "3000", "id": old, "data": old} for event in first)
        # Every viewer reads the pages too: none of it reaches the feed's server.
        asked = len(site.feed_server.requests)
        for _ in range(viewers):
            assert (await client.get("/")).status_code == 200
        assert len(site.feed_server.requests) == asked
        site.upstream.set(4)
        await site.feed.poll_once()  # one refresh
        new = site.feed.version
        assert new != old
        heard = await asyncio.wait_for(asyncio.gather(*(next_event(each) for each in lines)), 10)
        assert heard == [{"id": new, "data": new}] * viewers
        assert len(site.feed_server.requests) == asked + 1
        # A refresh with nothing new: one conditional request, no event, no rebuild.
        site_before = site.feed.site
        await site.feed.poll_once()
        assert len(site.feed_server.requests) == asked + 2
        assert site.feed_server.requests[-1]["if-none-match"] == '"v4"'
        assert site.feed.site is site_before
        site.feed.beacon.pulse()  # the keepalive's turn: a comment, not an event
        kept = await asyncio.wait_for(next_event(lines[0]), 10)
        assert kept == {"comment": "keepalive"}


async def test_a_page_coming_back_with_an_older_version_is_sent_the_current_at_once(
    feed_server: ScriptedServer,
) -> None:
    async with (
        published(feed_server) as site,
        httpx.AsyncClient(base_url=site.base, timeout=10) as client,
    ):
        current = site.feed.version
        old = {"Last-Event-ID": "0123456789abcdef01234567"}
        async with client.stream("GET", "/events", headers=old) as stream:
            event = await asyncio.wait_for(next_event(stream.aiter_lines()), 10)
            assert event == {"retry": "3000", "id": current, "data": current}
        # A page already on the current version is sent nothing until something happens.
        known = {"Last-Event-ID": current}
        async with client.stream("GET", "/events", headers=known) as stream:
            lines = stream.aiter_lines()
            assert await next_event(lines) == {"retry": "3000"}
            site.feed.beacon.pulse()
            assert await asyncio.wait_for(next_event(lines), 10) == {"comment": "keepalive"}


async def test_the_access_key_lets_in_those_who_bring_it_and_is_never_shown(
    feed_server: ScriptedServer, caplog
) -> None:
    async with (
        published(feed_server, key=KEY) as site,
        httpx.AsyncClient(base_url=site.base) as client,
    ):
        said: list[str] = []
        for path, headers in (
            ("/", {}),
            ("/events", {}),
            ("/?key=wrong", {}),
            ("/", {"Authorization": "Bearer wrong"}),
            ("/", {"Cookie": "r57tui_access=forged"}),
        ):
            refused = await client.get(path, headers=headers)
            assert refused.status_code == 401, path
            assert REFUSED_VI in refused.text
            assert refused.headers["www-authenticate"].startswith("Bearer")
            said.append(refused.text + str(refused.headers))
        # The key in the address: a cookie, and the same address without the key.
        given = await client.get(f"/agency/LAI-CHAU.html?key={KEY}&lang=vi")
        assert given.status_code == 303
        assert given.headers["location"] == "/agency/LAI-CHAU.html?lang=vi"
        cookie = client.cookies["r57tui_access"]
        assert KEY not in cookie
        assert (await client.get("/agency/LAI-CHAU.html")).status_code == 200
        async with client.stream("GET", "/events") as stream:
            assert stream.status_code == 200
        said.append(given.text + str(given.headers))
        bearer = await httpx.AsyncClient(base_url=site.base).get(
            "/", headers={"Authorization": f"Bearer {KEY}"}
        )
        assert bearer.status_code == 200
        assert not any(KEY in text for text in said)
    assert KEY not in caplog.text


async def test_too_many_viewers_are_told_so_and_the_ones_in_stay(
    feed_server: ScriptedServer, caplog
) -> None:
    async with (
        published(feed_server, max_viewers=2) as site,
        httpx.AsyncClient(base_url=site.base, timeout=10) as client,
        client.stream("GET", "/events") as one,
        client.stream("GET", "/events") as two,
    ):
        await next_event(one.aiter_lines())
        await next_event(two.aiter_lines())
        full = await client.get("/events")
        assert full.status_code == 503
        assert full.headers["retry-after"] == "30"
        assert "quá nhiều người xem cùng lúc (tối đa 2)" in full.text
        assert (await client.get("/")).status_code == 200  # the pages still are
    assert caplog.text.count("publish.max_viewers") == 1


async def test_a_failing_feed_keeps_the_last_figures_served_and_says_they_are_stale(
    feed_server: ScriptedServer,
    caplog,
) -> None:
    async with (
        published(feed_server) as site,
        httpx.AsyncClient(base_url=site.base, timeout=10) as client,
        client.stream("GET", "/events") as stream,
    ):
        lines = stream.aiter_lines()
        await next_event(lines)
        site.upstream.fail = True
        await site.feed.poll_once()
        await site.feed.poll_once()  # the same fault again: said once
        assert caplog.text.count("các trang vẫn hiển thị số liệu lần trước") == 1
        assert site.feed.site is not None
        assert site.feed.site.stale
        page = await client.get("/")
        assert page.status_code == 200
        assert b"<p>3 STALE</p>" in page.content  # the last good figures, marked
        assert (await next_event(lines))["data"] == site.feed.version
        site.upstream.fail = False  # back, with the same feed: a 304
        await site.feed.poll_once()
        assert "đã đọc lại được nguồn dữ liệu" in caplog.text
        assert b"<p>3</p>" in (await client.get("/")).content
        assert (await next_event(lines))["data"] == site.feed.version


async def test_with_no_figures_yet_the_pages_say_so_in_the_interface_language(
    feed_server: ScriptedServer,
) -> None:
    async with (
        published(feed_server, fail_first=True) as site,
        httpx.AsyncClient(base_url=site.base) as client,
    ):
        waiting = await client.get("/")
        assert waiting.status_code == 503
        assert "Chưa đọc được số liệu" in waiting.text
        assert waiting.headers["retry-after"] == "10"
        site.upstream.fail = False
        await site.feed.poll_once()
        assert (await client.get("/")).status_code == 200


def _write_feed(path: Path, tasks: int) -> None:
    staged = path.with_suffix(".tmp")
    staged.write_bytes(to_bytes(feed_dict([task(f"T{i}") for i in range(tasks)])))
    os.replace(staged, path)


@pytest.mark.serial
async def test_the_command_serves_polls_a_file_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    _write_feed(feed, 2)
    (tmp_path / "r57tui.toml").write_text('[publish]\naccess_key_env = "R57_TEST_KEY"\n')
    port = free_port()
    env = {**os.environ, "R57_TEST_KEY": KEY, "LANG": "C.UTF-8"}
    argv = [sys.executable, "-m", "r57tui", "--lang", "vi", "--source", str(feed)]
    process = await asyncio.create_subprocess_exec(
        *argv, "--refresh", "0.2", "publish", "--serve", "--port", str(port),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env=env,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 20)).decode()
        assert line.startswith(
            f"Đang xuất bản bảng điều khiển thành trang web tại http://127.0.0.1:{port}/"
        )
        limits = Path(f"/proc/{process.pid}/limits").read_text()
        soft, hard = next(row for row in limits.splitlines() if "open files" in row).split()[3:5]
        assert soft == hard
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            assert (await client.get("/?key=nope")).status_code == 401
            assert (await client.get(f"/?key={KEY}", follow_redirects=True)).status_code == 200
            async with client.stream("GET", "/events") as stream:
                lines = stream.aiter_lines()
                first = (await next_event(lines))["data"]
                _write_feed(feed, 7)
                changed = await asyncio.wait_for(next_event(lines), 20)
                assert changed["data"] != first
                page = await client.get("/")
                # The headline's first figure, the tasks assigned: the new feed's seven.
                assert re.search(r'class="figure [^"]*"><dt>[^<]*</dt><dd>7[<]', page.text)
        process.send_signal(signal.SIGINT)
        out, err = await asyncio.wait_for(process.communicate(), 20)
        assert process.returncode == 0
        assert b"Traceback" not in err
        assert KEY.encode() not in out + err
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def test_mistakes_are_one_line_before_anything_is_served(tmp_path: Path, capsys) -> None:
    from r57tui.cli import main

    assert main(["--lang", "vi", "publish"]) == 2
    assert (
        capsys.readouterr().err == "r57tui: publish: cần --out THƯ_MỤC (ghi các trang vào một "
        "thư mục) hoặc --serve (phục vụ các trang từ máy này)\n"
    )
    config = tmp_path / "r57tui.toml"
    config.write_text('[publish]\naccess_key_env = "R57_UNSET_KEY"\n')
    port = str(free_port())
    assert main(["--config", str(config), "publish", "--serve", "--port", port]) == 2
    assert capsys.readouterr().err == (
        f"r57tui: {config}: publish.access_key_env: environment variable R57_UNSET_KEY is not set\n"
    )
    config.write_text('[publish]\naccess_key_env = "R57 KEY"\n')
    assert main(["--config", str(config), "publish", "--serve", "--port", port]) == 2
    assert "'R57 KEY' is not the name of an environment variable" in capsys.readouterr().err


def test_the_served_site_is_made_from_the_settings_as_the_written_one() -> None:
    # `--serve` made its pages without the config's show_kinds and the baseline's name.
    from r57tui.baseline import Baseline
    from r57tui.commands.publish import site_input
    from r57tui.feed import AgencyKind, load_feed
    from r57tui.rollup import roll_up

    feed = load_feed(to_bytes(feed_dict([task("T1")])))
    settings = Settings(show_kinds=[AgencyKind.MINISTRY, AgencyKind.LOCALITY])
    baseline = Baseline(feed, roll_up(feed), "q2.json")
    made = {
        live: site_input(feed, settings, "vi", "demo", baseline, None, live)
        for live in ("sse", "poll")
    }
    for given in made.values():
        assert given.kinds == (AgencyKind.MINISTRY, AgencyKind.LOCALITY)
        assert given.baseline is feed
        assert given.baseline_label == "q2.json"
    assert (made["sse"].live, made["poll"].live) == ("sse", "poll")
