"""A feed over HTTP(S): conditional GET, gzip, a size cap, safe redirects, secret headers.

Messages name the host and path, never a header value or a query string: a bearer token
set from the environment must not reach the screen, a log or the minutes.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import zlib
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from ..config import DEFAULT_MAX_BYTES, Cap, Secret
from ..i18n.message import Message, MessageError
from ..i18n.strings import Phrase
from .base import Failed, Source, Unchanged, size_text
from .feed_file import too_big

DEFAULT_TIMEOUT = 20.0
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


class CaBundleError(MessageError):
    """http.ca_bundle cannot be used: one line naming the file and why."""


def tls_context(ca_bundle: Path | None) -> ssl.SSLContext:
    """The TLS settings: the system's trusted authorities, or only those in `ca_bundle`
    (a PEM file). A bundle that cannot be used raises CaBundleError saying why: OpenSSL's
    own words ("no certificate or crl found") do not say which of a folder, an empty
    file, a DER file or a private key was given."""
    if ca_bundle is None:
        return ssl.create_default_context()
    try:
        return ssl.create_default_context(cafile=str(ca_bundle))
    except IsADirectoryError:
        what = Message.of("{path} is a folder, not a PEM file", path=str(ca_bundle))
    except FileNotFoundError:
        what = Message.of("{path}: file not found", path=str(ca_bundle))
    except ssl.SSLError as exc:
        what = _bundle_reason(ca_bundle, exc)
    except OSError as exc:
        what = Message.of(
            "{path} cannot be read ({reason})",
            path=str(ca_bundle),
            reason=exc.strerror or type(exc).__name__,
        )
    raise CaBundleError(what)


def _bundle_reason(ca_bundle: Path, exc: ssl.SSLError) -> Message:
    try:
        empty = ca_bundle.stat().st_size == 0
    except OSError:
        empty = False
    if empty:
        return Message.of("{path} is empty: it holds no PEM certificate", path=str(ca_bundle))
    if exc.reason == "NO_CERTIFICATE_OR_CRL_FOUND":
        return Message.of(
            "{path} holds no PEM certificate (a DER file, or a key?)", path=str(ca_bundle)
        )
    return Message.of(
        "{path} holds a PEM certificate that is cut short or corrupt", path=str(ca_bundle)
    )


def url_is_valid(url: str) -> bool:
    """What httpx itself accepts (after `addresses.url_problem`, a last guard): its own
    message would quote the address."""
    try:
        httpx.URL(url)
    except httpx.InvalidURL:
        return False
    return True


class HttpSource(Source):
    def __init__(
        self,
        url: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        headers: Mapping[str, str] | None = None,
        ca_bundle: Path | None = None,
        cap: Cap | None = None,
        label: str | None = None,
    ) -> None:
        """`cap` (the settings' one cap, with its key) wins over `max_bytes`; `label` is
        what the status line shows (default: the host)."""
        parts = urlsplit(url)
        super().__init__(label or parts.hostname or url)
        self.url = url
        self.timeout = timeout
        self.cap = cap or Cap(max_bytes)
        self.max_bytes = self.cap.max_bytes
        self._headers = {name: Secret(value) for name, value in (headers or {}).items()}
        self._ca_bundle = ca_bundle
        self._client: httpx.AsyncClient | None = None
        self._validators: dict[str, str] = {}  # If-None-Match / If-Modified-Since

    def forget(self) -> None:
        self._validators = {}

    def _where(self, url: str | None = None) -> str:
        return redact(url or self.url)

    def _make_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            verify=tls_context(self._ca_bundle),
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,
            headers={"Accept": "application/json", "Accept-Encoding": "gzip", **self._headers},
            trust_env=False,
        )

    async def _fetch(self) -> bytes | Unchanged | Failed:
        if self._client is None:
            try:
                self._client = self._make_client()
            except CaBundleError as exc:  # it was checked when opened: changed since
                return Failed.of("{where}: {what}", where="http.ca_bundle", what=exc.message)
        url = self.url
        try:
            async with asyncio.timeout(self.timeout):
                for _ in range(MAX_REDIRECTS + 1):
                    got = await self._get(self._client, url)
                    if not isinstance(got, str):
                        return got
                    url = got
                return Failed.of(
                    "{where}: more than {count} redirects", where=self._where(), count=MAX_REDIRECTS
                )
        except TimeoutError:
            return Failed.of(
                "{where}: no complete answer within {seconds} s",
                where=self._where(url),
                seconds=f"{self.timeout:g}",
            )
        except httpx.HTTPError as exc:
            what, params = _describe(exc)
            return Failed.of("{where}: " + what, where=self._where(url), **params)

    async def _get(self, client: httpx.AsyncClient, url: str) -> bytes | Unchanged | Failed | str:
        """One request: the body, Unchanged, Failed, or the URL a redirect points to."""
        async with client.stream("GET", url, headers=self._validators) as response:
            status = response.status_code
            if status == 304 and self._validators:
                return Unchanged()  # a 304 to a request that asked for none falls through
            if status in (301, 302, 303, 307, 308):
                return _redirect_target(url, response)
            if status >= 400:
                reason = _REASONS.get(status, "the server refused the request")
                return Failed.of(
                    "{where}: HTTP {status} {phrase}: {reason}",
                    where=self._where(url),
                    status=status,
                    phrase=response.reason_phrase,
                    reason=Phrase(reason),
                )
            if status != 200:
                return Failed.of(
                    "{where}: HTTP {status}: expected 200 with the feed",
                    where=self._where(url),
                    status=status,
                )
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type in _HTML:
                return Failed.of(
                    "{where}: the server sent a web page ({type}), "
                    "not a feed: a login page or a proxy error?",
                    where=self._where(url),
                    type=content_type,
                )
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                return self._too_big(url, compressed=False)
            encoding = response.headers.get("content-encoding", "identity").strip().lower()
            if encoding not in ("identity", "gzip", "x-gzip"):
                return Failed.of(
                    "{where}: unsupported Content-Encoding {encoding}",
                    where=self._where(url),
                    encoding=repr(encoding),
                )
            body = await self._read_body(response, gzipped=encoding != "identity")
            if isinstance(body, Failed):
                return body
            if len(body) > self.max_bytes:
                return self._too_big(url, compressed=encoding != "identity")
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
        received = 0
        async for chunk in response.aiter_raw():
            received += len(chunk)
            self.activity = Message.of("receiving {size}…", size=size_text(received))
            if inflate is None:
                body += chunk
            else:
                try:
                    body += inflate.decompress(chunk, self.max_bytes + 1 - len(body))
                except zlib.error:
                    return Failed.of(
                        "{where}: the compressed answer is corrupt (bad gzip)",
                        where=self._where(),
                    )
            if len(body) > self.max_bytes:
                return body
        if inflate is not None and not inflate.eof:
            if len(body) > self.max_bytes or inflate.unconsumed_tail:
                return body + b"\0"  # more was left than the cap allows
            return Failed.of(
                "{where}: the compressed answer is cut short (bad gzip)", where=self._where()
            )
        return body

    def _too_big(self, url: str, *, compressed: bool) -> Failed:
        return Failed.of(
            "{where}: {what}", where=self._where(url), what=too_big(self.cap, compressed=compressed)
        )

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def _redirect_target(url: str, response: httpx.Response) -> str | Failed:
    location = response.headers.get("location")
    if not location:
        return Failed.of(
            "{where}: HTTP {status} redirect without a location",
            where=redact(url),
            status=response.status_code,
        )
    target = urljoin(url, location)
    here, there = urlsplit(url), urlsplit(target)
    if there.scheme != "https" or there.hostname != here.hostname:
        return Failed.of(
            "{where}: redirected to {target}; only redirects to https on "
            "the same host are followed",
            where=redact(url),
            target=redact(target),
        )
    return target


def _describe(exc: httpx.HTTPError) -> tuple[str, dict[str, object]]:
    """What went wrong, as a message template (after "{where}: ") and its parameters."""
    causes = _causes(exc)
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return "{what}", {"what": Phrase("connection refused: is the server running?")}
    if any(isinstance(cause, socket.gaierror) for cause in causes):
        return "{what}", {"what": Phrase("the host name could not be resolved")}
    tls = [cause for cause in causes if isinstance(cause, ssl.SSLError)]
    if tls:
        return "TLS failed: {reason}", {"reason": _ssl_reason(tls[0])}
    for kind, phrase in (
        (httpx.TimeoutException, "no answer in time"),
        (httpx.ConnectError, "cannot connect"),
        (httpx.RemoteProtocolError, "the server broke off the answer"),
        (httpx.ReadError, "the connection failed while reading the answer"),
        (httpx.UnsupportedProtocol, "not an http:// or https:// address"),
    ):
        if isinstance(exc, kind):
            return "{what}", {"what": Phrase(phrase)}
    return "request failed ({name})", {"name": type(exc).__name__}


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(chain) < 8:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


# OpenSSL's verification results (X509_V_ERR_*), as they are for every host and version.
_VERIFY_CODES = {
    10: "the certificate has expired",
    18: "the certificate is self-signed and not trusted (http.ca_bundle?)",
    19: "the certificate is self-signed and not trusted (http.ca_bundle?)",
    20: "the certificate's issuer is not trusted (http.ca_bundle?)",
    62: "the certificate is for another host",  # a host name
    64: "the certificate is for another host",  # an IP address
}


def _ssl_reason(exc: BaseException) -> Phrase:
    code = getattr(exc, "verify_code", None)
    if code in _VERIFY_CODES:
        return Phrase(_VERIFY_CODES[code])
    text = str(exc).lower()
    for needle, reason in (
        ("self-signed", "the certificate is self-signed and not trusted (http.ca_bundle?)"),
        ("self signed", "the certificate is self-signed and not trusted (http.ca_bundle?)"),
        ("expired", "the certificate has expired"),
        ("hostname mismatch", "the certificate is for another host"),
        ("ip address mismatch", "the certificate is for another host"),
        ("unable to get local issuer", "the certificate's issuer is not trusted (http.ca_bundle?)"),
        ("certificate verify failed", "the certificate is not trusted"),
    ):
        if needle in text:
            return Phrase(reason)
    return Phrase("handshake failed")
