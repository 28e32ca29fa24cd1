"""The web server behind `r57tui serve`: textual-serve's, with its door locked.

textual-serve gives every websocket that reaches /ws a dashboard process. Here:
- only the dashboard's own page may open it (its Origin), so a page of another site that
  a viewer happens to open cannot start a dashboard and read its figures;
- at most `max_sessions` dashboards run at once; the next browser is told the dashboard
  is full, and nothing is started for it;
- the terminal size a browser asks for is held to MAX_COLUMNS x MAX_ROWS: a dashboard's
  memory grows with its screen;
- the page and everything it uses come from this server, the font included;
- Ctrl+C stops every dashboard within QUIT_GRACE, killing those that do not quit;
- the feed is fetched here, once for every dashboard (web/shared_fetch.py), and the
  environment variables holding its secrets are not passed on to the dashboards.

The dashboards run without a shell, each in its own session (process group), so a
terminal's Ctrl+C reaches the server alone and the server ends them in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from ..i18n.message import Message
from ..i18n.strings import tr
from ..safety import one_line
from .dashboard_service import DashboardService, clamp_size, command_line
from .shared_fetch import SharedFetch

__all__ = ["DashboardServer", "allowed_origins", "clamp_size", "command_line", "origin_of"]

PAGE = Path(__file__).with_name("page")
CLOSE_WAIT = 0.5  # seconds a browser has to answer a websocket's close
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

log = logging.getLogger("textual-serve")


def origin_of(url: str) -> str | None:
    """`scheme://host[:port]` as a browser writes it in an Origin header; None if `url`
    has no host (Origin: null, a file page)."""
    try:
        parts = urlsplit(url.strip())
        host, port = parts.hostname, parts.port
        scheme = parts.scheme.lower()
        if not host or scheme not in ("http", "https"):
            return None
        host = host.encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return None
    if ":" in host:
        host = f"[{host}]"
    default = 443 if scheme == "https" else 80
    return f"{scheme}://{host}" if port in (None, default) else f"{scheme}://{host}:{port}"


def allowed_origins(public_url: str, port: int, loopback: bool) -> frozenset[str]:
    """The pages that may open the websocket: the one at `public_url` and, when serving
    on loopback, this machine's own names for it (only a page of this port can carry
    them)."""
    allowed = {origin_of(public_url)}
    if loopback:
        allowed |= {f"http://{name}:{port}" for name in LOOPBACK_NAMES}
    return frozenset(origin for origin in allowed if origin is not None)


async def _close(websocket: web.WebSocketResponse, code: int = 1000) -> None:
    """Close, waiting a moment at most for the browser's answer (aiohttp would wait
    ten seconds for one that does not answer)."""
    with contextlib.suppress(ConnectionError, TimeoutError):
        await asyncio.wait_for(websocket.close(code=code), CLOSE_WAIT)


def _quiet(send: Callable[[Any], Awaitable[None]]) -> Callable[[Any], Awaitable[None]]:
    """`send`, saying nothing when the browser has already gone (its dashboard is being
    stopped: the rest of what it draws has nowhere to go)."""

    async def sending(data: Any) -> None:
        with contextlib.suppress(ConnectionError):
            await send(data)

    return sending


class _OneLine(logging.Formatter):
    """`r57tui serve: what happened` on one line, printable: a request that is not valid
    HTTP (a control character in a header, say) is one line naming the fault, not a
    traceback quoting what the client sent."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            text = f"{text}: {type(error).__name__}: {str(error).strip()}"
        return f"r57tui serve: {one_line(' '.join(text.split()), 300)}"


class DashboardServer(Server):
    """textual-serve's server with the door locked (see the module's docstring); quiet:
    its logo, the command it runs and a line per request are not printed; what it refuses
    is, one line on stderr, in the interface language."""

    def __init__(
        self,
        argv: list[str],
        *,
        host: str,
        port: int,
        public_url: str,
        loopback: bool,
        max_sessions: int,
        language: str,
        title: str,
        shared: SharedFetch | None = None,
        hidden_env: frozenset[str] = frozenset(),
    ) -> None:
        """`shared`: the fetch the dashboards read (their argv names its folder);
        `hidden_env`: variables not passed on to them."""
        super().__init__(
            command_line(argv), host=host, port=port, title=title, public_url=public_url
        )
        self.argv = argv
        self.origins = allowed_origins(public_url, port, loopback)
        self.max_sessions = max_sessions
        self.language = language
        self.shared = shared
        self.hidden_env = hidden_env
        self.sessions: dict[asyncio.Task[Any], DashboardService | None] = {}
        self.page = jinja2.Environment(
            loader=jinja2.FileSystemLoader(PAGE), autoescape=True
        ).get_template("index.html")
        secure = public_url.lower().startswith("https:")
        self.websocket_url = ("wss:" if secure else "ws:") + public_url.split(":", 1)[1] + "/ws"
        # The websocket's origin, for the page's content policy (its scheme is ws, wss).
        where = (origin_of(public_url) or "").partition(":")[2]
        self.websocket_origin = ("wss:" if secure else "ws:") + where

    def initialize_logging(self) -> None:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_OneLine())
        for name in ("textual-serve", "aiohttp"):
            logger = logging.getLogger(name)
            logger.setLevel(logging.WARNING)
            logger.addHandler(handler)
            logger.propagate = False

    async def _make_app(self) -> web.Application:
        app = web.Application()
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
                web.static("/assets", PAGE, name="assets"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: object) -> None:
        """`serve` has printed its one line. The terminal closing (SIGHUP) stops the
        server as Ctrl+C does: the dashboards, in sessions of their own, would not hear
        it and would run on without it."""
        if os.name == "posix":
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.request_exit)
        if self.shared is not None:
            self.shared.start()

    # The page ----------------------------------------------------------------------

    async def handle_index(self, request: web.Request) -> web.Response:
        full = self.is_full()
        if full:
            self.refuse(self.turned_away())
        language = self.language
        html = self.page.render(
            lang=language,
            title=self.title,
            full=full,
            full_text=self.full_message().text(language),
            try_again=tr("Try again", language),
            start=tr("Start", language),
            ended=tr("The session has ended.", language),
            restart=tr("Open again", language),
            websocket_url=self.websocket_url,
            font_size=min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 48),
        )
        headers = {
            "Content-Security-Policy": self.content_policy(),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        }
        if full:
            headers["Retry-After"] = "30"
        return web.Response(
            text=html, content_type="text/html", status=503 if full else 200, headers=headers
        )

    def content_policy(self) -> str:
        """The page may load only from this server and talk only to its websocket."""
        return (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; "
            f"connect-src 'self' {self.websocket_origin}; frame-ancestors 'none'; base-uri 'none'; "
            "form-action 'none'; object-src 'none'"
        )

    # The websocket -----------------------------------------------------------------

    def is_full(self) -> bool:
        return len(self.sessions) >= self.max_sessions

    def full_message(self) -> Message:
        return Message.of(
            "The dashboard is full (at most {count} viewers at once). Try again in a "
            "moment, or ask the secretariat.",
            count=self.max_sessions,
        )

    def turned_away(self) -> Message:
        return Message.of(
            "turned a browser away: the dashboard is full (max_sessions = {count})",
            count=self.max_sessions,
        )

    def refuse(self, message: Message) -> None:
        log.warning("%s", message.text(self.language))

    # textual-serve annotates its handler as giving a WebSocketResponse; aiohttp takes any
    # response from a handler, and a refused connection gets a plain 403.
    async def handle_websocket(  # type: ignore[override]
        self, request: web.Request
    ) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is None:
            # Browsers always send one; a client that sends none is no page of ours.
            self.refuse(Message.of("refused a connection without an Origin header"))
            return web.Response(status=403, text="Forbidden: no Origin header\n")
        if origin_of(origin) not in self.origins:
            self.refuse(
                Message.of(
                    "refused a connection from {origin}: not this dashboard's page",
                    origin=repr(one_line(origin, 120)),
                )
            )
            return web.Response(status=403, text="Forbidden: not this dashboard's page\n")
        if self.is_full():
            return await self.turn_away(request)
        session = asyncio.current_task()
        assert session is not None
        self.sessions[session] = None  # counted before anything is awaited
        self.count_viewers()
        websocket = web.WebSocketResponse(heartbeat=15)
        width, height = clamp_size(request.query.get("width"), request.query.get("height"))
        try:
            await websocket.prepare(request)
            if self.shared is not None:
                await self.shared.ready()  # the feed as it is now, before its dashboard
            service = self.sessions[session] = DashboardService(
                self.argv,
                self.hidden_env,
                write_bytes=_quiet(websocket.send_bytes),
                write_str=_quiet(websocket.send_str),
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except (asyncio.CancelledError, ConnectionError):
            pass  # Ctrl+C, or the browser went away
        finally:
            ended = self.sessions.pop(session, None)
            self.count_viewers()
            if ended is not None:
                await ended.stop()
            await _close(websocket)
        return websocket

    def count_viewers(self) -> None:
        if self.shared is not None:
            self.shared.viewers(len(self.sessions))

    async def turn_away(self, request: web.Request) -> web.WebSocketResponse:
        """The dashboard is full: say so in the browser's terminal, and close."""
        self.refuse(self.turned_away())
        websocket = web.WebSocketResponse()
        await websocket.prepare(request)
        text = self.full_message().text(self.language)
        with contextlib.suppress(ConnectionError):
            await websocket.send_bytes(f"\x1b[2J\x1b[H\r\n  {text}\r\n".encode())
        await _close(websocket, code=1013)  # 1013: try again later
        return websocket

    async def _process_messages(
        self, websocket: web.WebSocketResponse, app_service: AppService
    ) -> None:
        """textual-serve's messages from the browser; one that is not of their form is
        ignored (textual-serve would end the session with a traceback in the log)."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                size = clamp_size(data.get("width"), data.get("height"))
                await app_service.set_terminal_size(*size)
            elif kind == "ping" and isinstance(data, str):
                await websocket.send_json(["pong", data[:64]])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    async def on_shutdown(self, app: object) -> None:
        # aiohttp would wait for each open websocket: every dashboard is told to quit at
        # once (those that do not are killed after QUIT_GRACE), then their sessions end.
        services = [service for service in self.sessions.values() if service is not None]
        await asyncio.gather(*(service.stop() for service in services), return_exceptions=True)
        for session in list(self.sessions):
            session.cancel()
        if self.shared is not None:
            await self.shared.stop()
