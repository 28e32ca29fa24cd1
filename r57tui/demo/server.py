"""`r57tui demo-server`: the demo feed over HTTP on loopback, moving every few seconds.

A real HTTP server (stdlib `ThreadingHTTPServer`) with the behaviour a good feed server
has: ETag and Last-Modified, 304 for a conditional GET that matches, gzip when asked.
The tests start it on a free port: HTTP behaviour is tested against this, not a mock.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Callable
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import demo_feed_path
from .simulation import DemoSimulation

DEFAULT_PORT = 8057
FEED_PATHS = ("/", "/feed.json")


class FeedBody:
    """The bytes being served, with their validators; replaced atomically under a lock."""

    def __init__(self, body: bytes) -> None:
        self._lock = threading.Lock()
        self.set(body)

    def set(self, body: bytes) -> None:
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        with self._lock:
            self._current = (body, etag, formatdate(time.time(), usegmt=True))

    def get(self) -> tuple[bytes, str, str]:
        with self._lock:
            return self._current


class FeedServer(ThreadingHTTPServer):
    """Serves whatever `FeedBody` holds at `/` and `/feed.json`."""

    daemon_threads = True

    def __init__(
        self,
        body: FeedBody,
        host: str = "127.0.0.1",
        port: int = 0,
        before_request: Callable[[], None] | None = None,
    ) -> None:
        super().__init__((host, port), _Handler)
        self.body = body
        self.before_request = before_request
        self.requests = 0
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        assert isinstance(host, str)  # an IP socket's address (bytes only for AF_UNIX)
        return f"http://{host}:{port}/feed.json"

    def start(self) -> FeedServer:
        """Serve in a background thread (for tests and embedding)."""
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    server: FeedServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.server.requests += 1
        if self.path.split("?")[0] not in FEED_PATHS:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")
            return
        if self.server.before_request:
            self.server.before_request()
        body, etag, modified = self.server.body.get()
        headers = {"ETag": etag, "Last-Modified": modified, "Cache-Control": "no-cache"}
        if etag in (self.headers.get("If-None-Match") or ""):
            self._send(HTTPStatus.NOT_MODIFIED, b"", None, headers)
            return
        if "gzip" in (self.headers.get("Accept-Encoding") or ""):
            body = gzip.compress(body, compresslevel=5)
            headers["Content-Encoding"] = "gzip"
        headers["Vary"] = "Accept-Encoding"
        self._send(HTTPStatus.OK, body, "application/json; charset=utf-8", headers)

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        content_type: str | None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if status != HTTPStatus.NOT_MODIFIED:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != HTTPStatus.NOT_MODIFIED:
            self.wfile.write(body)

    def log_message(self, fmt: str, *args: object) -> None:
        pass  # quiet; `r57tui demo-server` prints its own one-line summary


class MovingDemo:
    """Advances a simulation every `interval` seconds, lazily, when a request comes."""

    def __init__(self, simulation: DemoSimulation, body: FeedBody, interval: float) -> None:
        self.simulation = simulation
        self.body = body
        self.interval = interval
        self._start = time.monotonic()
        self._lock = threading.Lock()

    def catch_up(self) -> None:
        if self.interval <= 0:
            return
        due = int((time.monotonic() - self._start) // self.interval)
        with self._lock:
            if due <= self.simulation.step:
                return
            while self.simulation.step < due:
                self.simulation.advance()
            self.body.set(self.simulation.to_bytes())


def demo_server(
    host: str = "127.0.0.1", port: int = DEFAULT_PORT, interval: float = 5.0
) -> tuple[FeedServer, MovingDemo]:
    simulation = DemoSimulation.from_file(demo_feed_path())
    body = FeedBody(simulation.to_bytes())
    moving = MovingDemo(simulation, body, interval)
    return FeedServer(body, host, port, before_request=moving.catch_up), moving
