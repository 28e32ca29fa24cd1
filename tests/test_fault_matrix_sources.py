"""The fault matrix for sources: every way a feed's server or file can fail, tried for real.

Each fault runs the same cycle against a real HTTPS server on 127.0.0.1 or real files:
a good feed, then the fault (one line that says where and what, with the secret header
value nowhere: not in the message, a log record or a traceback), then the fault ends
(the same bytes: unchanged; new bytes: the new feed). A second test runs the whole list
through the dashboard: the last good figures stay on screen, marked stale, and come back.
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import os
import shutil
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import trustme

from r57tui.commands.sources import open_source
from r57tui.config import HttpSettings, Settings
from r57tui.sources import Failed, FileSource, NewFeed, Source, Unchanged
from r57tui.ui.app import R57App
from tests.builders import feed_dict, task, to_bytes
from tests.httpserver import Handler, ScriptedServer
from tests.pilot import settle, text_of

SECRET = "tok-FAULT-9c41e0-SECRET"
TIMEOUT = 1.0
CAP = 200_000
GOOD_A = to_bytes(feed_dict([task("T1"), task("T2", due="2025-01-31"), task("T3")]))
GOOD_B = to_bytes(feed_dict([task("T1"), task("T2", due="2025-01-31"), task("T3"), task("T4")]))


# HTTP ------------------------------------------------------------------------------


class FaultyServer(ScriptedServer):
    """HTTPS on 127.0.0.1 serving `body` with an ETag, or misbehaving as `fault` says."""

    def __init__(self, authority: trustme.CA, port: int = 0) -> None:
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        authority.issue_cert("127.0.0.1").configure_cert(self.context)
        self.body = GOOD_A
        self.fault: Callable[[Handler], None] | None = None
        self.connections: list[socket.socket] = []
        super().__init__(self._respond, tls=self.context, port=port)

    def _respond(self, h: Handler) -> None:
        if self.fault is not None:
            self.fault(h)
            return
        etag = f'"{hash(self.body) & 0xFFFFFFFF:x}"'
        if h.headers.get("If-None-Match") == etag:
            h.send(304, headers={"ETag": etag}, content_type=None)
        else:
            h.send(200, self.body, headers={"ETag": etag})

    def get_request(self) -> tuple[socket.socket, object]:
        connection, address = super().get_request()
        self.connections.append(connection)
        return connection, address

    def stop(self) -> None:
        """Down like a dead process: listening socket and open connections closed."""
        self.__exit__()
        self.drop_connections()

    def drop_connections(self) -> None:
        for connection in self.connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self.connections.clear()

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client gave up on a slow answer: a broken pipe here is the point


def _slow(h: Handler) -> None:
    time.sleep(TIMEOUT * 2.5)
    h.send(200, GOOD_A)


def _drip(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Length", str(len(GOOD_A)))
    h.end_headers()
    for byte in GOOD_A[: int(TIMEOUT * 2.5 / 0.05)]:
        h.wfile.write(bytes([byte]))
        h.wfile.flush()
        time.sleep(0.05)


def _status(code: int) -> Callable[[Handler], None]:
    return lambda h: h.send(code, b"<html>error page</html>", "text/html")


def _bare_304(h: Handler) -> None:
    h.send(304, content_type=None)


def _chunked_over_cap(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    piece = b" " * 10_000
    for _ in range(CAP // len(piece) + 5):
        h.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
    h.wfile.write(b"0\r\n\r\n")


@dataclass(frozen=True)
class HttpFault:
    name: str
    expect: str  # words the one-line message must hold
    respond: Callable[[Handler], None] | None = None
    reaches_server: bool = True
    after_a_good_answer: bool = True  # False: the fault meets a source's first request


def _redirect(location: Callable[[FaultyServer], str]) -> Callable[[Handler], None]:
    return lambda h: h.send(302, headers={"Location": location(h.server)})  # type: ignore[arg-type]


HTTP_FAULTS = [
    HttpFault("connection refused", "connection refused", reaches_server=False),
    HttpFault(
        "name does not resolve",
        "could not be resolved",
        reaches_server=False,
        after_a_good_answer=False,
    ),
    HttpFault("timeout", f"no complete answer within {TIMEOUT:g} s", _slow),
    HttpFault("slow drip", f"no complete answer within {TIMEOUT:g} s", _drip),
    HttpFault("HTTP 401", "HTTP 401 Unauthorized: the server wants credentials", _status(401)),
    HttpFault("HTTP 403", "HTTP 403 Forbidden: the server refused these credentials", _status(403)),
    HttpFault("HTTP 404", "HTTP 404 Not Found: there is no feed at this address", _status(404)),
    HttpFault("HTTP 500", "HTTP 500 Internal Server Error: the server failed", _status(500)),
    HttpFault("HTTP 503", "HTTP 503 Service Unavailable: the server is unavailable", _status(503)),
    HttpFault(
        "HTTP 304 to a request without validators",
        "HTTP 304: expected 200",
        _bare_304,
        after_a_good_answer=False,
    ),
    HttpFault(
        "wrong content type (a login page)",
        "the server sent a web page (text/html)",
        lambda h: h.send(200, b"<html><form>login</form></html>", "text/html"),
    ),
    HttpFault(
        "JSON that is not a feed",
        "document: a JSON array, not an object",
        lambda h: h.send(200, b"[1, 2, 3]"),
    ),
    HttpFault(
        "broken gzip",
        "(bad gzip)",
        lambda h: h.send(200, b"\x1f\x8b\x08\x00garbage", headers={"Content-Encoding": "gzip"}),
    ),
    HttpFault(
        "gzip cut short",
        "the compressed answer is cut short (bad gzip)",
        lambda h: h.send(200, gzip.compress(GOOD_A)[:-30], headers={"Content-Encoding": "gzip"}),
    ),
    HttpFault(
        "unknown content encoding",
        "unsupported Content-Encoding 'br'",
        lambda h: h.send(200, b"xx", headers={"Content-Encoding": "br"}),
    ),
    HttpFault(
        "body over the cap (declared)",
        "larger than the cap",
        lambda h: h.send(200, b" " * (CAP + 1)),
    ),
    HttpFault("body over the cap (chunked)", "larger than the cap", _chunked_over_cap),
    HttpFault(
        "gzip bomb over the cap",
        "larger than the cap",
        lambda h: h.send(200, b" " * (CAP * 50), gzip_body=True),
    ),
    HttpFault(
        "redirect to another host",
        "redirected to https://localhost",
        _redirect(lambda s: f"https://localhost:{s.port}/feed.json"),
    ),
    HttpFault(
        "redirect to plain http",
        "redirected to http://127.0.0.1",
        _redirect(lambda s: f"http://127.0.0.1:{s.port}/feed.json"),
    ),
    HttpFault("redirect without a location", "redirect without a location", lambda h: h.send(302)),
    HttpFault(
        "redirect loop",
        "more than 5 redirects",
        _redirect(lambda s: f"https://127.0.0.1:{s.port}/feed.json"),
    ),
    HttpFault("TLS: self-signed certificate", "TLS failed: the certificate"),
]


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def bundle(tmp_path: Path, authority: trustme.CA) -> Path:
    path = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def secret_env(monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("R57_FAULT_TOKEN", SECRET)
    return Settings(
        http=HttpSettings(
            headers={
                "Authorization": "Bearer ${R57_FAULT_TOKEN}",
                "X-Api-Key": "${R57_FAULT_TOKEN}",
            },
            timeout=TIMEOUT,
            max_bytes=CAP,
        )
    )


class HttpFaults:
    """Turns a fault on and off around one server, restarting it where the fault needs."""

    def __init__(self, authority: trustme.CA, bundle: Path, settings: Settings) -> None:
        self.authority = authority
        self.server = FaultyServer(authority).__enter__()
        self.port = self.server.port
        self.settings = settings.model_copy(
            update={"http": settings.http.model_copy(update={"ca_bundle": bundle})}
        )

    def source(self, fault: HttpFault | None = None) -> Source:
        host = "feed.invalid" if fault and fault.name == "name does not resolve" else "127.0.0.1"
        url = f"https://{host}:{self.port}/feed.json"
        return open_source(url, self.settings)

    def start(self, fault: HttpFault) -> None:
        if fault.name == "connection refused":
            self.server.stop()
        elif fault.name.startswith("TLS"):
            stranger = trustme.CA()  # not in the bundle: as good as self-signed
            stranger.issue_cert("127.0.0.1").configure_cert(self.server.context)
            self.server.drop_connections()  # the next request needs a new handshake
        else:
            self.server.fault = fault.respond

    def end(self, body: bytes) -> None:
        if self.server.socket.fileno() == -1:  # it was stopped: start again on its port
            self.server = FaultyServer(self.authority, port=self.port).__enter__()
        self.authority.issue_cert("127.0.0.1").configure_cert(self.server.context)
        self.server.fault = None
        self.server.body = body

    def close(self) -> None:
        if self.server.socket.fileno() != -1:
            self.server.stop()


@pytest.fixture
def http_faults(authority: trustme.CA, bundle: Path, secret_env: Settings) -> Iterator[HttpFaults]:
    faults = HttpFaults(authority, bundle, secret_env)
    yield faults
    faults.close()


def assert_secret_nowhere(update: object, source: Source, caplog: pytest.LogCaptureFixture) -> None:
    assert SECRET not in repr(update)
    assert SECRET not in repr(vars(source))
    for record in caplog.records:
        assert SECRET not in record.getMessage()
        assert SECRET not in (record.exc_text or "")
        assert SECRET not in logging.Formatter().format(record)


def assert_one_line_failure(update: object, expect: str) -> Failed:
    assert isinstance(update, Failed), update
    assert expect in update.message
    assert "\n" not in update.message
    assert "\r" not in update.message
    assert len(update.message) < 400
    return update


@pytest.mark.parametrize("fault", HTTP_FAULTS, ids=lambda f: f.name)
async def test_http_fault_says_what_keeps_the_secret_and_recovers(
    fault: HttpFault, http_faults: HttpFaults, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    source = http_faults.source(fault)
    try:
        if fault.after_a_good_answer:
            first = await source.poll()
            assert isinstance(first, NewFeed)
            assert len(first.feed.tasks) == 3
        http_faults.start(fault)
        requests_before = len(http_faults.server.requests)
        failed = assert_one_line_failure(await source.poll(), fault.expect)
        if fault.reaches_server and not fault.name.startswith("TLS"):
            sent = http_faults.server.requests[requests_before:]
            assert sent
            assert sent[0]["authorization"] == f"Bearer {SECRET}"
        assert failed.message.startswith(("https://", "127.0.0.1", "feed.invalid"))
        assert_secret_nowhere(failed, source, caplog)
        if fault.name == "name does not resolve":
            return  # a name cannot be made to resolve from a test: the cycle ends here
        http_faults.end(GOOD_A)
        again = await source.poll()  # the same bytes as before the fault
        assert isinstance(again, Unchanged | NewFeed)
        http_faults.end(GOOD_B)
        recovered = await source.poll()
        assert isinstance(recovered, NewFeed)
        assert len(recovered.feed.tasks) == 4
        assert_secret_nowhere(recovered, source, caplog)
    finally:
        await source.aclose()


async def test_a_304_answering_a_conditional_request_is_unchanged_not_a_fault(
    http_faults: HttpFaults,
) -> None:
    source = http_faults.source()
    try:
        assert isinstance(await source.poll(), NewFeed)
        assert isinstance(await source.poll(), Unchanged)
        assert "if-none-match" in http_faults.server.requests[-1]
    finally:
        await source.aclose()


async def test_gzip_and_a_text_plain_feed_are_not_faults(http_faults: HttpFaults) -> None:
    source = http_faults.source()
    try:
        http_faults.server.fault = lambda h: h.send(200, GOOD_A, gzip_body=True)
        gzipped = await source.poll()
        assert isinstance(gzipped, NewFeed)
        assert len(gzipped.feed.tasks) == 3
        http_faults.server.fault = lambda h: h.send(200, GOOD_B, "text/plain")
        plain = await source.poll()
        assert isinstance(plain, NewFeed)
        assert len(plain.feed.tasks) == 4
    finally:
        await source.aclose()


# Files -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FileFault:
    name: str
    expect: str | None  # None: not a fault, the feed loads
    make: Callable[[Path], None]


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _unreadable(path: Path) -> None:
    # Reading /proc/self/mem from offset 0 fails with EIO: a file that exists and cannot
    # be read, even for root (chmod 000 means nothing to root, which CI may be).
    path.unlink()
    path.symlink_to("/proc/self/mem")


def _loop(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.name)


def _write(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


FILE_FAULTS = [
    FileFault("missing", "feed.json: file not found", lambda p: p.unlink()),
    FileFault("a folder", "feed.json: is a folder, not a feed file", _folder),
    FileFault(
        "unreadable (EIO)", "feed.json: cannot read the file (Input/output error)", _unreadable
    ),
    FileFault("symlink loop", "feed.json: cannot read the file (Too many levels", _loop),
    FileFault("empty", "feed.json: document: empty", _write(b"")),
    FileFault("only whitespace", "feed.json: document: empty", _write(b" \n\t ")),
    FileFault("truncated", "feed.json: line 1, column", _write(GOOD_A[: len(GOOD_A) // 2])),
    FileFault("not UTF-8", "feed.json: byte 2: not UTF-8 text", _write(b'{"\xff": 1}')),
    FileFault("gzip cut short", "not valid gzip", _write(gzip.compress(GOOD_A)[:-20])),
    FileFault("gzip corrupt", "not valid gzip", _write(b"\x1f\x8bnot gzip at all")),
    FileFault("UTF-8 BOM", None, _write(b"\xef\xbb\xbf" + GOOD_B)),
    FileFault("gzipped", None, _write(gzip.compress(GOOD_B))),
]


def _restore(path: Path, data: bytes) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    path.write_bytes(data)
    # A new mtime even on a coarse clock, so the source reads it again.
    stamp = time.time_ns() + 2_000_000_000
    os.utime(path, ns=(stamp, stamp))


@pytest.mark.parametrize("fault", FILE_FAULTS, ids=lambda f: f.name)
async def test_file_fault_says_what_and_recovers(fault: FileFault, tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(GOOD_A)
    source = FileSource(path)
    first = await source.poll()
    assert isinstance(first, NewFeed)
    fault.make(path)
    if not path.is_symlink() and path.exists():
        stamp = time.time_ns() + 1_000_000_000
        os.utime(path, ns=(stamp, stamp))
    update = await source.poll()
    if fault.expect is None:
        assert isinstance(update, NewFeed)
        assert len(update.feed.tasks) == 4
        return
    assert_one_line_failure(update, fault.expect)
    assert isinstance(await source.poll(), Failed)  # still failing, still one line
    _restore(path, GOOD_B)
    recovered = await source.poll()
    assert isinstance(recovered, NewFeed)
    assert len(recovered.feed.tasks) == 4


@pytest.mark.serial  # races a writer thread: a second worker would change the race
async def test_a_file_replaced_while_it_is_read_never_gives_a_wrong_feed(tmp_path: Path) -> None:
    """A writer replaces and rewrites the file as fast as it can while it is polled: each
    poll gives one of the two whole feeds, or "changed while it was read" — nothing else."""
    padding = b" " * 2_000_000  # a read long enough to be overtaken
    versions = {3: GOOD_A[:-1] + padding + b"}", 4: GOOD_B[:-1] + padding + b"}"}
    path = tmp_path / "feed.json"
    path.write_bytes(versions[3])
    stop = threading.Event()

    def writer() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            data = versions[3 if n % 2 else 4]
            if n % 3:
                temp = tmp_path / "next.json"
                temp.write_bytes(data)
                os.replace(temp, path)  # replaced whole
            else:
                with open(path, "r+b") as handle:  # rewritten in place
                    handle.write(data)
                    handle.truncate(len(data))

    thread = threading.Thread(target=writer, daemon=True)
    source = FileSource(path)
    outcomes: dict[str, int] = {}
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            update = await source.poll()
            if isinstance(update, NewFeed):
                assert len(update.feed.tasks) in versions
                key = "feed"
            elif isinstance(update, Failed):
                assert "changed while it was read" in update.message, update.message
                key = "changed"
            else:
                key = "unchanged"
            outcomes[key] = outcomes.get(key, 0) + 1
            if outcomes.get("changed", 0) >= 3 and outcomes.get("feed", 0) >= 3:
                break
    finally:
        stop.set()
        thread.join(timeout=5)
    assert outcomes.get("changed", 0) >= 3, outcomes
    assert outcomes.get("feed", 0) >= 3, outcomes


# The dashboard through every fault -------------------------------------------------


async def _poll(app: R57App, pilot) -> None:
    await pilot.press("r")
    for _ in range(200):
        await pilot.pause(0.02)
        if not app.live.polling:
            break
    await settle(app, pilot)


async def test_the_dashboard_keeps_its_figures_through_every_fault(
    http_faults: HttpFaults, tmp_path: Path
) -> None:
    """Every HTTP fault, then every file fault, through one running dashboard: the
    figures on screen never change or vanish during a fault, the status says STALE with
    the reason, and the next good answer clears it."""
    app = R57App(
        http_faults.settings.model_copy(update={"refresh": 0.0, "language": "en"}),
        http_faults.source(),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        good = text_of(app, "#headline")
        assert "3 assigned" in good
        for fault in HTTP_FAULTS:
            if not fault.after_a_good_answer:
                continue  # a first-request fault: covered above
            http_faults.start(fault)
            await _poll(app, pilot)
            status = text_of(app, "#status")
            assert "STALE" in status, (fault.name, status)
            assert text_of(app, "#headline") == good, fault.name
            assert SECRET not in status
            http_faults.end(GOOD_A)
            await _poll(app, pilot)
            assert "STALE" not in text_of(app, "#status"), fault.name
            assert text_of(app, "#headline") == good
    path = tmp_path / "feed.json"
    path.write_bytes(GOOD_A)
    app = R57App(Settings(refresh=0.0, language="en"), FileSource(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        good = text_of(app, "#headline")
        for fault in FILE_FAULTS:
            if fault.expect is None:
                continue
            fault.make(path)
            if not path.is_symlink() and path.exists():
                stamp = time.time_ns() + 1_000_000_000
                os.utime(path, ns=(stamp, stamp))
            await _poll(app, pilot)
            assert "STALE" in text_of(app, "#status"), fault.name
            assert text_of(app, "#headline") == good, fault.name
            _restore(path, GOOD_A)
            await _poll(app, pilot)
            assert "STALE" not in text_of(app, "#status"), fault.name
            assert text_of(app, "#headline") == good
