"""The published site (`build_site`, `publish --out`): its pages read back with an HTML
parser, feed text kept as data, nothing fetched from anywhere but the site, written into
a folder whole and only when it changed, and served by a real web server."""

from __future__ import annotations

import asyncio
import gzip
import re
import threading
import urllib.request
from collections.abc import Iterator
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from r57tui.cli import main
from r57tui.commands.publish import watch
from r57tui.demo import demo_feed_path
from r57tui.feed import Feed, load_feed
from r57tui.sources import FileSource
from r57tui.web.pages import agency_slugs
from r57tui.web.site_files import PublishError, write_site
from r57tui.web.site_model import Site, SiteInput, build_site
from tests.builders import feed_dict, task, to_bytes

HOSTILE = "<script>alert('x')</script> \"Sở\" & \u202egnitset"
AGENCIES = [
    {"id": "../x", "name": HOSTILE, "kind": "locality"},
    {"id": "A/B", "name": "Bộ A/B", "kind": "ministry"},
    {"id": "Đà Nẵng 1", "name": "Đà Nẵng", "kind": "locality"},
    {"id": "BKHCN", "name": "Bộ Khoa học và Công nghệ", "kind": "ministry"},
]


def _feed() -> Feed:
    tasks = [
        task(
            "T1", agency="../x", due="2025-06-30", notes=[{"date": "2025-10-01", "text": HOSTILE}]
        ),
        task("T2", agency="A/B", due="2025-12-31"),
        task("T3", agency="Đà Nẵng 1", due="2025-10-20", completed="2025-10-01"),
        task("T4", agency="BKHCN", due="2025-10-20"),
    ]
    return load_feed(to_bytes(feed_dict(tasks, agencies=AGENCIES)))


class _Page(HTMLParser):
    """What a test reads of a page: links, scripts, text, and where <main> is."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.text: list[str] = []
        self.tags: list[str] = []
        self.metas: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if tag == "script":
            self.scripts.append(found)
        if tag in ("a", "link") and found.get("href"):
            self.links.append(str(found["href"]))
        if tag == "meta" and found.get("name"):
            self.metas[str(found["name"])] = str(found.get("content"))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _read(body: bytes) -> _Page:
    page = _Page()
    page.feed(body.decode("utf-8"))
    page.close()
    return page


def _resolve(page: str, href: str) -> str:
    """The site path a relative link of `page` opens."""
    parts = page.split("/")[:-1]
    for piece in re.split(r"[#?]", href, maxsplit=1)[0].split("/"):
        if piece == "..":
            parts.pop()
        elif piece:
            parts.append(piece)
    return "/".join(parts)


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(SiteInput(_feed(), language="vi", baseline=_feed(), live="poll"))


def test_agency_slugs_are_safe_unique_names() -> None:
    ids = ["../x", "A/B", "a-b", "Đà Nẵng 1", "BKHCN", "bkhcn", "...", "LAI-CHAU"]
    slugs = agency_slugs(ids)
    assert len(set(slugs.values())) == len(ids)
    for slug in slugs.values():
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,60}", slug), slug
    assert slugs["LAI-CHAU"] == "lai-chau"  # a plain id keeps its readable name


def test_feed_text_is_data_and_every_link_resolves(site: Site) -> None:
    paths = set(site.pages)
    agency_pages = sorted(p for p in paths if p.startswith("agency/"))
    assert len(agency_pages) == len(AGENCIES)
    for path in ["index.html", *agency_pages]:
        page = _read(site.pages[path].body)
        # The only script is the site's own; the hostile name is text, without its bidi
        # control.
        [script] = page.scripts
        assert _resolve(path, str(script.get("src"))) == "assets/live.js"
        assert page.metas["r57-live"] == "poll"
        for href in page.links:
            if not href.startswith("#"):
                assert _resolve(path, href) in paths, (path, href)
    index = _read(site.pages["index.html"].body)
    text = "".join(index.text)
    # The bidi control is shown as the exports show it, never obeyed.
    assert "<script>alert('x')</script> \"Sở\" & <U+202E>gnitset" in text
    assert "\u202e" not in text
    # Each agency in the table links to its own page.
    slug = agency_slugs(a["id"] for a in AGENCIES)["../x"]
    assert f"agency/{slug}.html" in index.links
    own = "".join(_read(site.pages[f"agency/{slug}.html"].body).text)
    assert "Nhiệm vụ quá hạn" in own
    assert "30/06/2025" in own
    assert "gnitset" in own


def test_nothing_is_fetched_from_outside_the_site(site: Site) -> None:
    # An address with a scheme, one that starts "//host" (another origin), an import or
    # a url() from the root: a comment's "// text" is none of these.
    outside = re.compile(r"(?i)\b(?:https?|ftp|wss?):|(?<![\w/])//[\w.-]|@import|url\(\s*['\"]?/")
    for path, page in site.pages.items():
        if page.content_type.startswith(("text/html", "text/css", "text/javascript")):
            body = page.body.decode("utf-8")
            found = [m.group(0) for m in outside.finditer(body)]
            assert found == [], (path, found)
    assert site.pages["assets/DejaVuSans.ttf"].body[:4] == b"\x00\x01\x00\x00"


def test_vietnamese_figures_as_the_exports_write_them() -> None:
    feed = load_feed(demo_feed_path().read_bytes())
    text = "".join(_read(build_site(SiteInput(feed)).pages["index.html"].body).text)
    assert "1.132" in text
    assert "Quá hạn" in text
    assert "15/10/2025" in text
    english = build_site(SiteInput(feed, language="en")).pages["index.html"].body.decode()
    assert "1,132" in english
    assert "Overdue" in english


def test_stale_figures_say_so_on_every_page() -> None:
    """publish --serve keeps serving the last good figures when the feed fails: each page
    says, under its heading, that they are not up to date."""
    feed = _feed()
    stale = build_site(SiteInput(feed, language="vi", stale=True))
    notice = "Số liệu chưa cập nhật"
    for path, page in stale.pages.items():
        if path.endswith(".html"):
            assert notice in "".join(_read(page.body).text), path
    fresh = build_site(SiteInput(feed, language="vi"))
    assert notice not in fresh.pages["index.html"].body.decode()
    assert fresh.version != stale.version


def _changed(site: Site, path: str, body: bytes) -> dict[str, Any]:
    pages: dict[str, Any] = dict(site.pages)
    pages[path] = type(site.pages[path])(body)
    return pages


def test_written_whole_only_when_changed_never_through_a_link(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert len(write_site(out, site.pages)) == len(site.pages)
    assert write_site(out, site.pages) == []  # unchanged: nothing written
    (out / "notes.txt").write_text("a person's own file")
    gone = next(p for p in site.pages if p.startswith("agency/"))
    smaller = {p: page for p, page in site.pages.items() if p != gone}
    assert write_site(out, smaller) == [gone]  # its index no longer links it
    assert not (out / gone).exists()
    assert (out / "notes.txt").exists()
    assert not list(out.rglob("*.part"))
    # A link in the folder is never followed out of it.
    outside = tmp_path / "outside"
    outside.mkdir()
    (out / "agency").rename(tmp_path / "moved")
    (out / "agency").symlink_to(outside)
    with pytest.raises(PublishError) as refused:
        write_site(out, site.pages)
    assert "agency" in refused.value.text("en")
    assert "\n" not in refused.value.text("en")
    assert list(outside.iterdir()) == []


def test_the_cli_writes_once_and_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "feed.json"
    feed.write_bytes(to_bytes(feed_dict([task("T1")])))
    out = tmp_path / "site"
    argv = ["--lang", "vi", "--source", str(feed), "publish", "--out", str(out)]
    assert main(argv) == 0
    assert (out / "index.html").is_file()
    assert (out / "agency" / "bkhcn.html").is_file()
    # Beside each page the same compressed, for a web server to send as it is.
    index = (out / "index.html").read_bytes()
    assert gzip.decompress((out / "index.html.gz").read_bytes()) == index
    assert "đã ghi" in capsys.readouterr().out
    blocked = tmp_path / "blocked"
    blocked.write_text("x")
    assert main([*argv[:-1], str(blocked)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "blocked" in err
    assert "Traceback" not in err


def test_watch_writes_again_only_when_the_feed_changed(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(to_bytes(feed_dict([task("T1")])))
    published: list[int] = []

    def publish(feed: Feed) -> None:
        published.append(len(feed.tasks))

    async def wait(_: float) -> None:
        if len(published) == 1 and not wait.__dict__.get("moved"):
            wait.__dict__["moved"] = True
            return  # the second look finds the same file
        path.write_bytes(to_bytes(feed_dict([task("T1"), task("T2")])))

    async def run() -> None:
        source = FileSource(path)
        try:
            await watch(source, publish, 1, pytest.fail, "en", rounds=3, wait=wait)
        finally:
            await source.aclose()

    asyncio.run(run())
    assert published == [1, 2]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("published")
    feed = load_feed(demo_feed_path().read_bytes())
    write_site(folder, build_site(SiteInput(feed, language="vi")).pages)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_web_server_serves_the_written_folder(served: str) -> None:
    def get(path: str) -> bytes:
        with urllib.request.urlopen(served + path, timeout=10) as response:
            assert response.status == 200
            return bytes(response.read())

    index = _read(get("index.html"))
    assert "Quá hạn" in "".join(index.text)
    agency = next(link for link in index.links if link.startswith("agency/"))
    page = _read(get(agency))
    assert "Quay lại trang tổng hợp" in "".join(page.text)
    for href in page.links:
        if not href.startswith("#"):
            get(_resolve(agency, href))


def test_an_agency_page_lists_what_the_state_filters_list() -> None:
    from r57tui.export.table_model import TableSpec
    from r57tui.export.tables import build_table
    from r57tui.rollup import roll_up
    from r57tui.views import Scope, StateFilter

    feed = load_feed(demo_feed_path().read_bytes())
    body = build_site(SiteInput(feed)).pages["agency/lai-chau.html"].body.decode()
    rollup = roll_up(feed)
    for state in (StateFilter.OVERDUE, StateFilter.ON_TIME, StateFilter.COMPLETED):
        spec = TableSpec("tasks", scope=Scope.agency("LAI-CHAU"), state=state)
        listed = [row[0] for row in build_table(spec, feed, rollup, "vi").rows]
        section = body[body.index(f'<section id="{state.value}">') :]
        section = section[: section.index("</section>")]
        assert listed
        assert re.findall(r'<td class="id">([^<]+)</td>', section) == listed


def test_watch_says_a_failure_once_until_it_changes(tmp_path: Path) -> None:
    said: list[str] = []

    async def wait(_: float) -> None:
        pass

    async def run() -> None:
        source = FileSource(tmp_path / "missing.json")
        try:
            await watch(source, pytest.fail, 1, said.append, "en", rounds=3, wait=wait)
        finally:
            await source.aclose()

    asyncio.run(run())
    assert len(said) == 1
    assert "missing.json" in said[0]


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_text_colour_reads_at_7_to_1_on_the_page_and_the_panels(site: Site) -> None:
    css = site.pages["assets/site.css"].body.decode()
    colours = dict(re.findall(r"--([a-z]+):\s*(#[0-9A-Fa-f]{6})", css))
    for text_colour in ("fg", "muted", "primary", "done", "ontime", "overdue", "amber"):
        for ground in ("bg", "panel"):
            light, dark = sorted(
                (_luminance(colours[text_colour]), _luminance(colours[ground])), reverse=True
            )
            assert (light + 0.05) / (dark + 0.05) >= 7, (text_colour, ground)
