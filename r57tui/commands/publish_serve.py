"""`r57tui publish --serve`: the dashboard as web pages, one process for every viewer.

The settings wired to the server of r57tui/web/publish_server.py: the source the
options before `publish` name (polled once per refresh, whatever the number of viewers),
the interface language, the baseline, the address (loopback unless --host says
otherwise, checked before anything is read), the access key from the environment
variable `[publish] access_key_env` names. The first site is built before the address is
printed, so the one line means the pages are there. Ctrl+C, SIGTERM or the terminal
closing stop it: every open page is let go and the port freed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import re
import signal
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import ConfigError, Settings
from ..feed.loaded import Feed
from ..i18n.message import Message
from .publish import open_polled, published_baseline, site_input
from .serve import _cannot_listen, _ip, _url, check_address

if TYPE_CHECKING:
    from ..web.publish_server import PublishServer

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
OPEN_FILES_WANTED = 65536  # when the hard limit is unlimited


def raise_open_files() -> None:
    """The soft limit of open files raised to the hard one: each viewer holds a socket,
    and the usual soft limit of 1,024 would turn away the 1,000th or so."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        unlimited = resource.RLIM_INFINITY
        wanted = OPEN_FILES_WANTED if hard == unlimited else hard
        if soft != unlimited and soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def access_key(settings: Settings) -> str | None:
    """The key from the environment variable the settings name; None without one. A name
    that is not a variable's, or a variable unset or empty, is a ConfigError naming the
    variable, never its value."""
    name = settings.publish.access_key_env
    if name is None:
        return None
    where = settings.where("publish.access_key_env")
    if not _VARIABLE.fullmatch(name):
        raise ConfigError(
            Message.of(
                "{where}: {name} is not the name of an environment variable (letters, "
                "digits and _)",
                where=where,
                name=repr(name),
            )
        )
    value = os.environ.get(name, "")
    if not value.strip():
        raise ConfigError(
            Message.of("{what}: environment variable {name} is not set", what=where, name=name)
        )
    return value


def publish_serve(args: argparse.Namespace, settings: Settings, language: str) -> int:
    """Serve until Ctrl+C (or SIGTERM, SIGHUP); 0 then. ConfigError for what cannot work."""
    from ..web.access import AccessKey
    from ..web.publish_server import PublishServer, quiet_logging
    from ..web.site_feed import SiteFeed
    from ..web.site_model import SiteInput

    host, port = args.host, args.port
    # Every page's links and its event stream are relative: any address will do.
    addresses = check_address(host, port, public_url=host)
    loopback = all(_ip(address).is_loopback for address in addresses)
    # Every address (0.0.0.0, ::): the URL given is this machine's name, one people can open.
    shown_host = socket.gethostname() if any(_ip(a).is_unspecified for a in addresses) else host
    key = access_key(settings)
    source, label, several = open_polled(settings, _say, language)
    history = Path(args.history) if args.history else None
    baseline = published_baseline(args.baseline, history, settings)

    def made_from(feed: Feed, stale: bool) -> SiteInput:
        return site_input(feed, settings, language, label, baseline, several, "sse", stale)

    feed = SiteFeed(source, made_from, settings.refresh, language)
    server = PublishServer(
        feed,
        language=language,
        access=None if key is None else AccessKey.of(key),
        max_viewers=settings.publish.max_viewers,
    )
    raise_open_files()
    quiet_logging()
    if key is None:
        serving = Message.of(
            "Publishing the dashboard as web pages at {url}: one reading of the feed for "
            "every viewer. Ctrl+C stops.",
            url=f"{_url(shown_host, port)}/",
        )
    else:
        serving = Message.of(
            "Publishing the dashboard as web pages at {url}, open to those given the access "
            "key: one reading of the feed for every viewer. Ctrl+C stops.",
            url=f"{_url(shown_host, port)}/",
        )
    warning = None
    if not loopback and key is None:
        warning = Message.of(
            "warning: anyone who can reach {address} sees the dashboard", address=host
        )
    try:
        asyncio.run(_serve(server, host, port, serving.text(language), warning, language))
    except OSError as exc:  # taken since check_address
        raise _cannot_listen(f"{host}:{port}", exc) from None
    return 0


def _say(line: str) -> None:
    """A source's fault, on the server's log (one line on stderr)."""
    logging.getLogger("r57tui.publish").warning("%s", line)


async def _serve(
    server: PublishServer,
    host: str,
    port: int,
    serving: str,
    warning: Message | None,
    language: str,
) -> None:
    from ..web.publish_server import run_server

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signum, stop.set)
    await server.feed.poll_safely()  # the first site, or the failure the pages will say
    ready = asyncio.Event()
    serving_task = asyncio.create_task(run_server(server, host, port, stop, ready))
    waiting = asyncio.create_task(ready.wait())
    await asyncio.wait({serving_task, waiting}, return_when=asyncio.FIRST_COMPLETED)
    waiting.cancel()
    if ready.is_set():
        print(serving, flush=True)
        if warning is not None:
            print(f"r57tui: {warning.text(language)}", file=sys.stderr, flush=True)
    await serving_task


__all__ = ["access_key", "publish_serve", "raise_open_files"]
