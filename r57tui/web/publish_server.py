"""The web server behind `r57tui publish --serve`: the site from memory, to many viewers.

- Only the pages of the site are served: a URL is looked up in `Site.pages` (a dict),
  never opened as a file, so `/../pyproject.toml` is just a page that does not exist.
- Read-only: GET and HEAD; anything else is 405.
- Each page goes with its ETag and Last-Modified; a browser's copy that is still right
  gets a 304 and no body. HTML is revalidated each time, assets kept a day; gzip, made
  once per version, for a browser that takes it.
- /events: Server-Sent Events. Each open page waits on the one beacon (site_feed.Beacon)
  and is sent `id: <version>` / `data: <version>` when the site changes, a comment at each
  keepalive, and at once the current version if it comes back knowing an older one
  (Last-Event-ID). At most `max_viewers` streams at once; the next is told 503.
- With an access key (web/access.py), nothing is served without it: 401 and a page in
  the interface language saying how to get in.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import re
import sys
import time

from aiohttp import web

from ..i18n.message import Message
from ..i18n.strings import tr
from ..safety import one_line
from .access import COOKIE, QUERY, AccessKey, Verdict
from .served_pages import ServedPage, accepts_gzip, not_modified, page_key
from .site_feed import SiteFeed

EVENTS = "/events"
RETRY_MS = 3000  # how soon a page whose stream broke opens it again
SHUTDOWN_GRACE = 1.0  # seconds open requests have to end on Ctrl+C
BACKLOG = 1024  # connections waiting to be accepted: hundreds of viewers arrive at once
REFUSAL_LOG_EVERY = 60.0  # seconds: a crowd turned away is one line a minute, not one each
# What every answer carries: nothing but this server's own, never framed by another site,
# no address (nor a key in it) sent to another.
SAFE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' "
        "'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'"
    ),
}

log = logging.getLogger("r57tui.publish")


class PublishServer:
    """The handlers, over a SiteFeed that keeps the site up to date."""

    def __init__(
        self, feed: SiteFeed, *, language: str, access: AccessKey | None, max_viewers: int
    ) -> None:
        self.feed = feed
        self.language = language
        self.access = access
        self.max_viewers = max_viewers
        self.viewers = 0  # event streams open
        self._last_refusal = float("-inf")

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self.handle)
        return app

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if request.method not in ("GET", "HEAD"):
            return self.notice(
                405, Message.of("This site can only be read."), {"Allow": "GET, HEAD"}
            )
        if self.access is not None:
            refused = self.check_access(request, self.access)
            if refused is not None:
                return refused
        if request.path == EVENTS:
            return await self.events(request)
        site = self.feed.site
        if site is None:
            return self.notice(
                503,
                Message.of(
                    "The figures could not be read yet. This page will try again in a moment."
                ),
                {"Retry-After": "10", "Refresh": "10"},
            )
        page = site.pages.get(page_key(request.path))
        if page is None:
            return self.notice(404, Message.of("There is no such page on this site."))
        return self.send(request, page)

    def check_access(self, request: web.Request, access: AccessKey) -> web.StreamResponse | None:
        verdict = access.judge(
            request.query.get(QUERY),
            request.cookies.get(COOKIE),
            request.headers.get("Authorization"),
        )
        if verdict is Verdict.LET_IN:
            return None
        if verdict is Verdict.SET_COOKIE:
            rest = {name: value for name, value in request.query.items() if name != QUERY}
            where = str(request.rel_url.with_query(rest))
            response = web.Response(status=303, headers={**SAFE_HEADERS, "Location": where})
            response.set_cookie(
                COOKIE, access.cookie_value, httponly=True, samesite="Strict", path="/"
            )
            return response
        return self.notice(
            401,
            Message.of(
                "This dashboard is open only to those given its access key. Open the "
                "address the secretariat sent you, with its key."
            ),
            {"WWW-Authenticate": 'Bearer realm="r57tui"'},
        )

    def send(self, request: web.Request, page: ServedPage) -> web.Response:
        gzipped = page.gzipped is not None and accepts_gzip(request.headers.get("Accept-Encoding"))
        headers = {
            **SAFE_HEADERS,
            "ETag": page.etag_gzip if gzipped else page.etag,
            "Last-Modified": page.last_modified,
            "Cache-Control": page.cache_control,
            "Vary": "Accept-Encoding",
        }
        if not_modified(
            page, request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since")
        ):
            return web.Response(status=304, headers=headers)
        headers["Content-Type"] = page.content_type
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        body = page.gzipped if gzipped and page.gzipped is not None else page.body
        return web.Response(body=body, headers=headers)

    def notice(
        self, status: int, message: Message, headers: dict[str, str] | None = None
    ) -> web.Response:
        """A short page in the interface language: why nothing else is shown."""
        language = self.language
        said = html.escape(message.text(language))
        title = html.escape(tr("Resolution 57 dashboard", language))
        body = (
            f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title><style>body{{font:1.5rem/1.5 sans-serif;margin:2rem;"
            f"max-width:50rem}}</style></head><body><h1>{title}</h1><p>{said}</p></body></html>"
        )
        return web.Response(
            status=status,
            body=body.encode(),
            headers={
                **SAFE_HEADERS,
                **(headers or {}),
                "Content-Type": "text/html; charset=utf-8",
                "Cache-Control": "no-store",
            },
        )

    # Server-Sent Events ------------------------------------------------------------

    async def events(self, request: web.Request) -> web.StreamResponse:
        if self.viewers >= self.max_viewers:
            self._turned_away()
            return web.Response(
                status=503,
                text=Message.of(
                    "Too many viewers at once (at most {count}): open the page again in a moment.",
                    count=self.max_viewers,
                ).text(self.language),
                headers={**SAFE_HEADERS, "Retry-After": "30", "Cache-Control": "no-store"},
            )
        response = web.StreamResponse(
            headers={
                **SAFE_HEADERS,
                "Content-Type": "text/event-stream; charset=utf-8",
                "Cache-Control": "no-store",
                "X-Accel-Buffering": "no",  # a reverse proxy passes each event on at once
            }
        )
        if request.method == "HEAD":
            await response.prepare(request)
            return response
        self.viewers += 1
        try:
            await response.prepare(request)
            await self._stream(response, request.headers.get("Last-Event-ID"))
        except (ConnectionError, asyncio.CancelledError):
            pass  # the viewer went away, or the server is stopping
        finally:
            self.viewers -= 1
        return response

    async def _stream(self, response: web.StreamResponse, known: str | None) -> None:
        beacon = self.feed.beacon
        opening = f"retry: {RETRY_MS}\n"
        sent = known
        version = self.feed.version
        if version and version != known:  # new, or back from an older version
            opening += _event(version)
            sent = version
        else:
            opening += "\n"
        await response.write(opening.encode())
        while True:
            generation = beacon.generation
            await beacon.after(generation)
            if beacon.closing:
                return
            version = self.feed.version
            if version and version != sent:
                await response.write(_event(version).encode())
                sent = version
            else:
                await response.write(b": keepalive\n\n")

    def _turned_away(self) -> None:
        now = time.monotonic()
        if now - self._last_refusal >= REFUSAL_LOG_EVERY:
            self._last_refusal = now
            log.warning(
                "%s",
                Message.of(
                    "turned viewers away: {count} pages are open already (publish.max_viewers)",
                    count=self.max_viewers,
                ).text(self.language),
            )


def _event(version: str) -> str:
    return f"id: {version}\ndata: {version}\n\n"


class _OneLine(logging.Formatter):
    """`r57tui publish: what happened`, one printable line; an access key that a request
    carried in its address is masked, should any line quote one."""

    _KEY = re.compile(r"(?i)\b(key=|bearer\s+)[^\s&;\"']+")

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            text = f"{text}: {type(error).__name__}: {str(error).strip()}"
        text = self._KEY.sub(r"\1***", " ".join(text.split()))
        return f"r57tui publish: {one_line(text, 300)}"


def quiet_logging() -> None:
    """What the server has to say, one line each on stderr; no line per request."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    for name, level in (("r57tui.publish", logging.INFO), ("aiohttp", logging.ERROR)):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.handlers[:] = [handler]
        logger.propagate = False


async def run_server(
    server: PublishServer, host: str, port: int, stop: asyncio.Event, ready: asyncio.Event
) -> None:
    """Serve until `stop` is set: the feed polled, kept alive, served; then every stream
    told to end, and the port let go."""
    runner = web.AppRunner(
        server.app(), access_log=None, handle_signals=False, shutdown_timeout=SHUTDOWN_GRACE
    )
    await runner.setup()
    feed = server.feed
    tasks: list[asyncio.Task[None]] = []
    try:
        site = web.TCPSite(runner, host, port, backlog=BACKLOG)
        await site.start()
        tasks = [asyncio.create_task(feed.run()), asyncio.create_task(feed.keepalive())]
        ready.set()
        await stop.wait()
    finally:
        feed.beacon.close()  # every open stream ends at its next turn
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await runner.cleanup()
        await feed.aclose()


__all__ = ["EVENTS", "PublishServer", "quiet_logging", "run_server"]
