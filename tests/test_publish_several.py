"""`r57tui publish` of several sources (issue 24): the consolidated site read back with an
HTML parser (the sources table adds up, each source has its page, the tasks say their
source), sources polled together from a real HTTP server (a dead one keeps its last
figures, marked stale, the others stay live), one fetch per source per refresh under
`publish --serve`, and the command itself with two files."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest

from r57tui.cli import main
from r57tui.commands.sources import open_source
from r57tui.consolidation import Consolidated, SourceFeed, consolidate
from r57tui.feed import Feed, load_feed
from r57tui.rollup import roll_up
from r57tui.several import Several
from r57tui.sources import NewFeed, Unchanged
from r57tui.sources.named import NamedSource
from r57tui.web.publish_server import PublishServer, run_server
from r57tui.web.site_feed import SiteFeed
from r57tui.web.site_model import Site, SiteInput, build_site
from r57tui.web.site_sources import SiteSources
from tests.builders import feed_dict, task, to_bytes

# The centre's rows for the province, and the province's own programme: both have a T1
# (two tasks), and the province's T5 is the centre's T2 (one task, counted once).
CENTRE = feed_dict(
    [
        task("T1", due="2025-06-30"),
        task("T2", "LAI-CHAU", due="2025-12-31"),
        task("T3", "LAI-CHAU", due="2025-09-30", completed="2025-09-01"),
    ]
)
PROVINCE = feed_dict(
    [
        task("T1", "LAI-CHAU", due="2025-08-31"),
        task("T5", "LAI-CHAU", due="2025-12-31", same_as="tw:T2"),
    ],
    as_of="2025-10-10T08:00:00+07:00",
)


class _Tables(HTMLParser):
    """Every table of a page as rows of cell texts, every link, and the page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("a", "link") and dict(attrs).get("href"):
            self.links.append(str(dict(attrs)["href"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _read(body: bytes) -> _Tables:
    page = _Tables()
    page.feed(body.decode("utf-8"))
    page.close()
    return page


def _table(page: _Tables, header: str) -> list[dict[str, str]]:
    """The rows of the first table with a column `header`, by header."""
    for rows in page.tables:
        if header in rows[0]:
            return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    raise AssertionError(f"no table with {header!r}")


def _resolve(page: str, href: str) -> str:
    parts = page.split("/")[:-1]
    for piece in href.split("#", maxsplit=1)[0].split("?", maxsplit=1)[0].split("/"):
        if piece == "..":
            parts.pop()
        elif piece:
            parts.append(piece)
    return "/".join(parts)


def _load(document: dict[str, Any]) -> Feed:
    return load_feed(to_bytes(document))


def _site(consolidated: Consolidated, missing: tuple[str, ...] = ()) -> Site:
    given = SiteInput(consolidated.feed, language="en", consolidated=consolidated, missing=missing)
    return build_site(given)


def test_the_sources_table_adds_up_and_every_source_has_its_page() -> None:
    made = consolidate([SourceFeed("tw", _load(CENTRE)), SourceFeed("lc", _load(PROVINCE))])
    site = _site(made)
    index = _read(site.pages["index.html"].body)
    rows = _table(index, "Counted in another source")
    by_source = {row["Data source"]: row for row in rows}
    total = roll_up(made.feed).total
    # Each source's own counts; the totals are the consolidated roll-up, and the sum of
    # the parts less the task counted in another source.
    assert [by_source["tw"]["Assigned"], by_source["lc"]["Assigned"]] == ["3", "2"]
    assert by_source["lc"]["Counted in another source"] == "1"
    assert by_source["Total"]["Assigned"] == str(total.assigned) == str(3 + 2 - 1)
    assert by_source["Total"]["Overdue"] == str(total.overdue)
    assert by_source["tw"]["Feed date"] != by_source["lc"]["Feed date"]
    words = " ".join(index.text)
    assert "The sources' as-of dates differ" in words
    assert "1 tasks counted once" in words
    # A page per source, from its own feed, linked from the table; every link resolves.
    assert {"source/tw.html", "source/lc.html"} <= set(index.links)
    province = _read(site.pages["source/lc.html"].body)
    assert "Source lc" in " ".join(province.text)
    assert _table(province, "Agency")[-1]["Assigned"] == "2"  # its own totals row
    for path, page in site.pages.items():
        if path.endswith(".html"):
            for href in _read(page.body).links:
                if href.startswith("#"):  # a place on the page itself
                    continue
                assert _resolve(path, href) in site.pages, (path, href)
    # The agency's tasks say which source each is from and its own id there: both T1s,
    # the centre's T2 once (the province's T5 is that task).
    slug = next(p for p in site.pages if p.startswith("agency/lai-chau"))
    agency = _read(site.pages[slug].body)
    shown = [
        (row["Data source"], row["Id"])
        for rows in agency.tables
        for row in (dict(zip(rows[0], r, strict=True)) for r in rows[1:])
    ]
    assert sorted(shown) == [("lc", "T1"), ("tw", "T2"), ("tw", "T3")]


def test_one_source_is_published_exactly_as_before() -> None:
    feed = _load(CENTRE)
    alone = build_site(SiteInput(feed, language="vi"))
    one = consolidate([SourceFeed("tw", feed)])
    assert build_site(SiteInput(feed, language="vi", consolidated=one)).pages == alone.pages


class Upstreams:
    """The feeds' server: a feed by path, with an ETag (a 304 while it holds), or a 500
    for a path made dead; counts the requests of each path."""

    def __init__(self) -> None:
        self.feeds: dict[str, tuple[bytes, str]] = {}
        self.dead: set[str] = set()
        self.asked: dict[str, int] = {}

    def set(self, path: str, document: dict[str, Any]) -> None:
        self.feeds[path] = (to_bytes(document), f'"{len(self.feeds)}-{len(str(document))}"')

    def __call__(self, handler: Any) -> None:
        path = handler.path
        self.asked[path] = self.asked.get(path, 0) + 1
        if path in self.dead or path not in self.feeds:
            handler.send(500, b"broken")
            return
        body, etag = self.feeds[path]
        if handler.headers.get("If-None-Match") == etag:
            handler.send(304, b"", headers={"ETag": etag})
        else:
            handler.send(200, body, headers={"ETag": etag})


@pytest.fixture(scope="module")
def upstream() -> Iterator[Any]:
    from tests.httpserver import ScriptedServer

    with ScriptedServer(Upstreams()) as server:
        yield server


def _sources(server: Any, said: list[str], *paths: str) -> SiteSources:
    upstreams = Upstreams()
    upstreams.set("/tw.json", CENTRE)
    upstreams.set("/lc.json", PROVINCE)
    server.respond = upstreams
    named = [
        NamedSource(path.strip("/").removesuffix(".json"), open_source(server.url(path)), 0)
        for path in paths
    ]
    return SiteSources(Several(named), said.append, "en")


async def test_a_dead_source_keeps_its_last_figures_marked_stale_the_others_live(
    upstream: Any,
) -> None:
    said: list[str] = []
    sources = _sources(upstream, said, "/tw.json", "/lc.json", "/gone.json")
    upstreams: Upstreams = upstream.respond
    try:
        assert isinstance(await sources.poll(), NewFeed)
        assert sources.missing == ("gone",)  # never read: named, not added up
        upstreams.dead.add("/lc.json")
        assert isinstance(await sources.poll(), NewFeed)  # lc's health changed: rebuilt
        made = sources.consolidated
        assert made is not None
        assert made.stale_parts == ("lc",)
        index = _read(_site(made, sources.missing).pages["index.html"].body)
        words = " ".join(index.text)
        assert "Not up to date: lc could not be read since" in words
        assert "Not added up (could not be read): gone" in words
        rows = {row["Data source"]: row for row in _table(index, "Counted in another source")}
        assert rows["lc"]["State"] == "stale"
        assert rows["tw"]["State"] == ""
        assert rows["Total"]["Assigned"] == "4"  # lc's last good figures still added up
        # Still dead: nothing to build, and each fault said once.
        assert isinstance(await sources.poll(), Unchanged)
        assert [line.split(":")[0] for line in said] == ["gone", "lc"]
        upstreams.dead.clear()  # back with the same feed: a 304, no longer stale
        assert isinstance(await sources.poll(), NewFeed)
        assert sources.consolidated is not None
        assert sources.consolidated.stale_parts == ()
        assert said[-1] == "lc is read again; its figures are current"
    finally:
        await sources.aclose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_publish_serve_of_two_sources_fetches_each_once_per_refresh(upstream: Any) -> None:
    said: list[str] = []
    sources = _sources(upstream, said, "/tw.json", "/lc.json")
    upstreams: Upstreams = upstream.respond
    built: list[SiteInput] = []

    def site_input(feed: Feed, stale: bool) -> SiteInput:
        return SiteInput(
            feed, language="vi", live="sse", consolidated=sources.consolidated, stale=stale
        )

    def build(given: SiteInput) -> Site:
        built.append(given)
        return build_site(given)

    feed = SiteFeed(sources, site_input, refresh=0, language="vi", build=build)
    server = PublishServer(feed, language="vi", access=None, max_viewers=10)
    port = _free_port()
    stop, ready = asyncio.Event(), asyncio.Event()
    await feed.poll_once()
    serving = asyncio.create_task(run_server(server, "127.0.0.1", port, stop, ready))
    await asyncio.wait_for(ready.wait(), 10)
    base = f"http://127.0.0.1:{port}/"
    try:
        async with httpx.AsyncClient(base_url=base) as client:
            first = feed.version
            for _ in range(5):  # viewers reading cost the feeds' servers nothing
                index = await client.get("index.html")
                assert index.status_code == 200
                assert (await client.get("source/lc.html")).status_code == 200
            assert "Nguồn" in index.text
            assert "Tính ở nguồn khác" in index.text
            await feed.poll_once()  # nothing changed: no build, the same version
            assert feed.version == first
            assert len(built) == 1
            upstreams.set("/lc.json", {**PROVINCE, "tasks": [task("T9", "LAI-CHAU")]})
            await feed.poll_once()  # one part changed: built once, a new version
            assert len(built) == 2
            assert feed.version != first
            province = await client.get("source/lc.html")
            assert _table(_read(province.content), "Cơ quan")[-1]["Được giao"] == "1"
        assert upstreams.asked == {"/tw.json": 3, "/lc.json": 3}
    finally:
        stop.set()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(serving, 10)


def test_the_command_publishes_two_files_and_says_a_missing_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    centre, province = tmp_path / "tw.json", tmp_path / "lc.json"
    centre.write_bytes(to_bytes(CENTRE))
    province.write_bytes(to_bytes(PROVINCE))
    out = tmp_path / "site"
    argv = ["--lang", "vi", "--source", f"tw={centre}", "--source", f"lc={province}"]
    assert main([*argv, "publish", "--out", str(out)]) == 0
    assert {p.name for p in (out / "source").glob("*.html")} == {"tw.html", "lc.html"}
    assert "Tổng hợp: tw, lc" in (out / "index.html").read_text("utf-8")
    capsys.readouterr()
    # One that cannot be read: the others published, it is named, and the exit says so.
    missing = ["--source", f"tw={centre}", "--source", f"gone={tmp_path / 'gone.json'}"]
    assert main(["--lang", "vi", *missing, "publish", "--out", str(tmp_path / "two")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("r57tui: gone: ")
    index = (tmp_path / "two" / "index.html").read_text("utf-8")
    assert "Không cộng được (không đọc được): gone" in index


def test_several_sources_take_a_baseline_file_but_no_recorded_meeting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A recorded meeting is one source's: compared with the sources added up, the other
    # sources' tasks would all read as new. A file (an earlier export of them) is taken.
    centre, province = tmp_path / "tw.json", tmp_path / "lc.json"
    centre.write_bytes(to_bytes(CENTRE))
    province.write_bytes(to_bytes(PROVINCE))
    argv = ["--lang", "vi", "--source", f"tw={centre}", "--source", f"lc={province}"]
    out = tmp_path / "site"
    assert main([*argv, "--baseline", "last", "publish", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "các kỳ họp được lưu theo từng nguồn số liệu" in err
    assert not out.exists()
    assert main([*argv, "--baseline", str(centre), "publish", "--out", str(out)]) == 0
    assert (out / "index.html").is_file()
