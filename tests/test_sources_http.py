"""The HTTP source against real servers on 127.0.0.1 (no mocked transport)."""

from __future__ import annotations

import ssl
import threading
import time
from pathlib import Path

import pytest
import trustme

from r57tui.commands.sources import open_source
from r57tui.config import load_settings
from r57tui.demo.server import FeedBody, FeedServer
from r57tui.sources import Failed, NewFeed, Unchanged
from r57tui.sources.http import HttpSource, redact
from tests.builders import feed_dict, task, to_bytes
from tests.httpserver import Handler, ScriptedServer

FEED = to_bytes(feed_dict([task("T1", due="2025-Q3"), task("T2")]))
SECRET = "tok-7f3a9c1e-SECRET"


def serve(body: bytes = FEED, **kwargs) -> ScriptedServer:
    return ScriptedServer(lambda h: h.send(200, body, **kwargs))


async def poll_once(source: HttpSource):
    try:
        return await source.poll()
    finally:
        await source.aclose()


async def test_conditional_get_costs_no_parse_and_a_change_is_seen() -> None:
    body = FeedBody(FEED)
    server = FeedServer(body).start()
    try:
        source = HttpSource(server.url)
        first = await source.poll()
        assert isinstance(first, NewFeed)
        assert len(first.feed.tasks) == 2
        assert isinstance(await source.poll(), Unchanged)  # 304
        body.set(to_bytes(feed_dict([task("T1")])))
        third = await source.poll()
        assert isinstance(third, NewFeed)
        assert len(third.feed.tasks) == 1
        await source.aclose()
    finally:
        server.stop()


async def test_a_server_without_validators_still_costs_no_parse_when_unchanged() -> None:
    with serve() as server:
        source = HttpSource(server.url())
        assert isinstance(await source.poll(), NewFeed)
        assert isinstance(await source.poll(), Unchanged)  # same bytes: not parsed again
        await source.aclose()
        assert "if-none-match" not in server.requests[1]


async def test_gzip_is_decoded() -> None:
    with serve(gzip_body=True) as server:
        update = await poll_once(HttpSource(server.url()))
    assert isinstance(update, NewFeed)
    assert len(update.feed.tasks) == 2
    assert "gzip" in server.requests[0]["accept-encoding"]


async def test_broken_gzip_is_a_clear_failure() -> None:
    def respond(h: Handler) -> None:
        h.send(200, b"\x1f\x8b\x08\x00garbage", headers={"Content-Encoding": "gzip"})

    with ScriptedServer(respond) as server:
        update = await poll_once(HttpSource(server.url()))
    assert isinstance(update, Failed)
    assert "gzip" in update.message


@pytest.mark.parametrize(
    ("status", "words"),
    [(401, "credentials"), (403, "refused"), (404, "no feed"), (500, "failed"), (503, "unavail")],
)
async def test_http_errors_say_what(status: int, words: str) -> None:
    with ScriptedServer(lambda h: h.send(status, b"<html>oops</html>", "text/html")) as server:
        update = await poll_once(HttpSource(server.url()))
    assert isinstance(update, Failed)
    assert f"HTTP {status}" in update.message
    assert words in update.message
    assert "\n" not in update.message


async def test_an_html_page_is_not_a_feed() -> None:
    with ScriptedServer(lambda h: h.send(200, b"<html>login</html>", "text/html")) as server:
        update = await poll_once(HttpSource(server.url()))
    assert isinstance(update, Failed)
    assert "web page" in update.message


async def test_a_bad_feed_over_http_says_where() -> None:
    with ScriptedServer(lambda h: h.send(200, b'{"format": "r57-feed",}')) as server:
        update = await poll_once(HttpSource(server.url()))
    assert isinstance(update, Failed)
    assert update.message.startswith("127.0.0.1: line 1, column")


@pytest.mark.parametrize("declared", [True, False])
async def test_the_size_cap_is_enforced_while_streaming(declared: bool) -> None:
    big = b" " * 5000 + FEED

    def respond(h: Handler) -> None:
        if declared:
            h.send(200, big)
        else:  # no Content-Length: chunked, so only counting the stream catches it
            h.send_response(200)
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            for start in range(0, len(big), 1000):
                piece = big[start : start + 1000]
                h.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            h.wfile.write(b"0\r\n\r\n")

    with ScriptedServer(respond) as server:
        update = await poll_once(HttpSource(server.url(), max_bytes=4096))
    assert isinstance(update, Failed)
    assert "larger than the cap of 0.00390625 MiB" in update.message


async def test_a_gzip_bomb_is_capped_on_decoded_bytes() -> None:
    bomb = b'{"format": "r57-feed", "pad": "' + b"x" * 2_000_000 + b'"}'
    with serve(bomb, gzip_body=True) as server:
        update = await poll_once(HttpSource(server.url(), max_bytes=100_000))
    assert isinstance(update, Failed)
    assert "cap" in update.message


async def test_redirects_only_to_https_on_the_same_host() -> None:
    def respond(h: Handler) -> None:
        if h.path == "/feed.json":
            h.send(302, headers={"Location": "/moved.json"})
        else:
            h.send(200, FEED)

    with ScriptedServer(respond) as server:
        update = await poll_once(HttpSource(server.url()))
    assert isinstance(update, Failed)
    assert "redirected to http://127.0.0.1" in update.message
    assert "only" in update.message


async def test_redirect_to_another_host_is_refused(tmp_path: Path) -> None:
    authority = trustme.CA()
    cert = authority.issue_cert("127.0.0.1", "localhost")
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(server_context)
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    port_holder: list[int] = []

    def respond(h: Handler) -> None:
        target = {"/feed.json": "/same.json", "/same.json": None}.get(h.path, "x")
        if h.path == "/feed.json":
            h.send(301, headers={"Location": target})
        elif h.path == "/same.json":
            h.send(200, FEED)
        else:
            h.send(404)

    with ScriptedServer(respond, tls=server_context) as server:
        port_holder.append(server.port)
        ok = await poll_once(HttpSource(server.url(), ca_bundle=bundle))
        assert isinstance(ok, NewFeed)  # https, same host: followed

        def elsewhere(h: Handler) -> None:
            h.send(302, headers={"Location": f"https://localhost:{server.port}/feed.json"})

        server.respond = elsewhere
        refused = await poll_once(HttpSource(server.url(), ca_bundle=bundle))
    assert isinstance(refused, Failed)
    assert "redirected to https://localhost" in refused.message


async def test_tls_with_an_untrusted_certificate_fails_clearly() -> None:
    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server_context)
    with ScriptedServer(lambda h: h.send(200, FEED), tls=server_context) as server:
        update = await poll_once(HttpSource(server.url()))
    assert isinstance(update, Failed)
    assert "TLS failed" in update.message


async def test_connection_refused() -> None:
    with serve() as server:
        url = server.url()
    update = await poll_once(HttpSource(url))
    assert isinstance(update, Failed)
    assert "connection refused" in update.message


async def test_a_slow_drip_is_cut_off_by_the_whole_fetch_timeout() -> None:
    dripped = threading.Event()  # the server got through its 4 s drip

    def respond(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(len(FEED)))
        h.end_headers()
        for byte in FEED[:40]:
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
            time.sleep(0.1)  # the server's pace, not a wait of the test's
        dripped.set()

    with ScriptedServer(respond) as server:
        update = await poll_once(HttpSource(server.url(), timeout=1.0))
        # Given up while the server was still dripping: the timeout is the whole fetch's,
        # not each read's (each byte came well within 1 s).
        assert not dripped.is_set()
    assert isinstance(update, Failed)
    assert "within 1 s" in update.message


async def test_secret_headers_are_sent_and_never_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("R57_TOKEN", SECRET)
    config = tmp_path / "r57tui.toml"
    config.write_text('[http.headers]\nAuthorization = "Bearer ${R57_TOKEN}"\n')
    settings = load_settings(config)
    with ScriptedServer(lambda h: h.send(401, b"no")) as server:
        source = open_source(server.url("/feed.json?key=abc"), settings)
        assert SECRET not in repr(source.__dict__)
        update = await poll_once(source)
    assert server.requests[0]["authorization"] == f"Bearer {SECRET}"
    assert isinstance(update, Failed)
    assert SECRET not in update.message
    assert "key=abc" not in update.message


def test_redact_drops_credentials_query_and_fragment() -> None:
    assert redact("https://user:pw@host.gov.vn:8443/a/feed.json?token=x#y") == (
        "https://host.gov.vn:8443/a/feed.json"
    )


async def test_a_host_that_does_not_resolve() -> None:
    update = await poll_once(HttpSource("http://feed.invalid/feed.json", timeout=5))
    assert isinstance(update, Failed)
    assert update.message == "http://feed.invalid/feed.json: the host name could not be resolved"
