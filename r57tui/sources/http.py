"""A feed over HTTP(S): conditional GET, gzip, a size cap, safe redirects, secret headers.

Messages name the host and path, never a header value or a query string: a bearer token
set from the environment must not reach the screen, a log or the minutes.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import zlib
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from .base import Failed, Source, Unchanged

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_REDIRECTS = 5
_HTML = ("text/html", "application/xhtml+xml")
_REASONS = {
    401: "the server wants credentials: check [http.headers] and their environment variables",
    403: "the server refused these credentials",
    404: "there is no feed at this address",
    408: "the server timed out waiting for the request",
    429: "too many requests: the server asks to slow down",
    500: "the server failed; it will be asked again",
    502: "a gateway in front of the server failed; it will be asked again",
    503: "the server is unavailable for now; it will be asked again",
    504: "a gateway timed out; it will be asked again",
}


def redact(url: str) -> str:
    """scheme://host[:port]/path: no user, password, query or fragment."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


class Secret(str):
    """A header value from the environment: its repr never shows it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "Secret('***')"


class HttpSource(Source):
    def __init__(
        self,
        url: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        headers: dict[str, str] | None = None,
        ca_bundle: Path | None = None,
    ) -> None:
        parts = urlsplit(url)
        super().__init__(parts.hostname or url)
        self.url = url
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._headers = {name: Secret(value) for name, value in (headers or {}).items()}
        self._ca_bundle = ca_bundle
        self._client: httpx.AsyncClient | None = None
        self._validators: dict[str, str] = {}  # If-None-Match / If-Modified-Since

    def _where(self, url: str | None = None) -> str:
        return redact(url or self.url)

    def _make_client(self) -> httpx.AsyncClient:
        context = ssl.create_default_context(
            cafile=str(self._ca_bundle) if self._ca_bundle else None
        )
        return httpx.AsyncClient(
            verify=context,
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,
            headers={"Accept": "application/json", "Accept-Encoding": "gzip", **self._headers},
            trust_env=False,
        )

    async def _fetch(self) -> bytes | Unchanged | Failed:
        if self._client is None:
            try:
                self._client = self._make_client()
            except (OSError, ssl.SSLError) as exc:
                return Failed(f"CA bundle {self._ca_bundle}: cannot be used ({_ssl_reason(exc)})")
        url = self.url
        try:
            async with asyncio.timeout(self.timeout):
                for _ in range(MAX_REDIRECTS + 1):
                    got = await self._get(self._client, url)
                    if not isinstance(got, str):
                        return got
                    url = got
                return Failed(f"{self._where()}: more than {MAX_REDIRECTS} redirects")
        except TimeoutError:
            return Failed(f"{self._where(url)}: no complete answer within {self.timeout:g} s")
        except httpx.HTTPError as exc:
            return Failed(f"{self._where(url)}: {_describe(exc)}")

    async def _get(self, client: httpx.AsyncClient, url: str) -> bytes | Unchanged | Failed | str:
        """One request: the body, Unchanged, Failed, or the URL a redirect points to."""
        async with client.stream("GET", url, headers=self._validators) as response:
            status = response.status_code
            if status == 304:
                return Unchanged()
            if status in (301, 302, 303, 307, 308):
                return _redirect_target(url, response)
            if status >= 400:
                reason = _REASONS.get(status, "the server refused the request")
                phrase = response.reason_phrase
                return Failed(f"{self._where(url)}: HTTP {status} {phrase}: {reason}")
            if status != 200:
                return Failed(f"{self._where(url)}: HTTP {status}: expected 200 with the feed")
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type in _HTML:
                return Failed(
                    f"{self._where(url)}: the server sent a web page ({content_type}), "
                    "not a feed: a login page or a proxy error?"
                )
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                return self._too_big(url)
            encoding = response.headers.get("content-encoding", "identity").strip().lower()
            if encoding not in ("identity", "gzip", "x-gzip"):
                return Failed(f"{self._where(url)}: unsupported Content-Encoding {encoding!r}")
            body = await self._read_body(response, gzipped=encoding != "identity")
            if isinstance(body, Failed):
                return body
            if len(body) > self.max_bytes:
                return self._too_big(url)
            self._validators = {
                request_header: response.headers[response_header]
                for response_header, request_header in (
                    ("etag", "If-None-Match"),
                    ("last-modified", "If-Modified-Since"),
                )
                if response_header in response.headers
            }
            return bytes(body)

    async def _read_body(self, response: httpx.Response, gzipped: bool) -> bytearray | Failed:
        """The body, decompressed here rather than by httpx: a truncated gzip stream must be
        an error (httpx returns what it got), and the cap must hold for the decoded bytes
        however well they compress."""
        body = bytearray()
        inflate = zlib.decompressobj(wbits=31) if gzipped else None
        async for chunk in response.aiter_raw():
            if inflate is None:
                body += chunk
            else:
                try:
                    body += inflate.decompress(chunk, self.max_bytes + 1 - len(body))
                except zlib.error:
                    return Failed(f"{self._where()}: the compressed answer is corrupt (bad gzip)")
            if len(body) > self.max_bytes:
                return body
        if inflate is not None and not inflate.eof:
            if len(body) > self.max_bytes or inflate.unconsumed_tail:
                return body + b"\0"  # more was left than the cap allows
            return Failed(f"{self._where()}: the compressed answer is cut short (bad gzip)")
        return body

    def _too_big(self, url: str) -> Failed:
        return Failed(
            f"{self._where(url)}: the feed is larger than the cap of {_mib(self.max_bytes)} "
            "(http.max_bytes)"
        )

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def _redirect_target(url: str, response: httpx.Response) -> str | Failed:
    location = response.headers.get("location")
    if not location:
        return Failed(f"{redact(url)}: HTTP {response.status_code} redirect without a location")
    target = urljoin(url, location)
    here, there = urlsplit(url), urlsplit(target)
    if there.scheme != "https" or there.hostname != here.hostname:
        return Failed(
            f"{redact(url)}: redirected to {redact(target)}; only redirects to https on "
            "the same host are followed"
        )
    return target


def _describe(exc: httpx.HTTPError) -> str:
    causes = _causes(exc)
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return "connection refused: is the server running?"
    if any(isinstance(cause, socket.gaierror) for cause in causes):
        return "the host name could not be resolved"
    tls = [cause for cause in causes if isinstance(cause, ssl.SSLError)]
    if tls:
        return f"TLS failed: {_ssl_reason(tls[0])}"
    if isinstance(exc, httpx.TimeoutException):
        return "no answer in time"
    if isinstance(exc, httpx.ConnectError):
        return "cannot connect"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the server broke off the answer"
    if isinstance(exc, httpx.ReadError):
        return "the connection failed while reading the answer"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "not an http:// or https:// address"
    return f"request failed ({type(exc).__name__})"


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(chain) < 8:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _ssl_reason(exc: BaseException) -> str:
    text = str(exc).lower()
    for needle, reason in (
        ("self-signed", "the certificate is self-signed and not trusted (http.ca_bundle?)"),
        ("self signed", "the certificate is self-signed and not trusted (http.ca_bundle?)"),
        ("expired", "the certificate has expired"),
        ("hostname mismatch", "the certificate is for another host"),
        ("unable to get local issuer", "the certificate's issuer is not trusted (http.ca_bundle?)"),
        ("certificate verify failed", "the certificate is not trusted"),
        ("no such file", "file not found"),
    ):
        if needle in text:
            return reason
    return "handshake failed"


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB"
