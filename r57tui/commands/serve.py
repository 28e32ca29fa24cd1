"""`r57tui serve`: the dashboard in web browsers, with textual-serve.

textual-serve serves one page; every browser that opens it gets its own dashboard process,
driven over a websocket (r57tui/web/server.py: who may open it, how many, how large). That
process runs `python -m r57tui --read-only` plus the global options given before `serve`,
as separate arguments (no shell in between).

The feed is fetched here, once for all the dashboards (web/shared_fetch.py), into a
private folder this process makes and removes; each dashboard reads that folder
(`--shared-feed`), under the source's own label (`--source-label`). So the headers and
their secrets are needed here only: the `${NAME}` variables they name are kept out of
the dashboards' environment, and were never on their command line.

Loopback unless --host says otherwise (then a one-line warning). The address and the
config are checked before anything is served, so a mistake fails once, at once, with the
usual one line and exit 2 — not in every browser that connects.

textual-serve is imported inside the functions: the rest of r57tui never pays for it.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import socket
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import ConfigError, Settings, header_variables
from ..i18n.message import Message

if TYPE_CHECKING:
    from ..sources.shared import SharedFolder

TITLE = "r57tui"


def dashboard_argv(
    args: argparse.Namespace,
    python: str = sys.executable,
    shared: tuple[Path, str] | None = None,
) -> list[str]:
    """What each browser's dashboard runs: read-only unless --allow-export, with the
    options given before `serve`; with `shared` (a folder, the source's label), reading
    the feed this process fetched into the folder. `--flag=value`, so a value starting
    with '-' stays a value; paths absolute, so the dashboard finds them whatever its
    directory. `--source` is still given: the dashboard names it in the history."""
    argv = [python, "-m", "r57tui"]
    if not args.allow_export:
        argv.append("--read-only")
    options: list[tuple[str, Any]] = [
        ("--config", _absolute(args.config)),
        # --source given more than once: each again, in its order.
        *(("--source", value) for value in args.source or ()),
        ("--refresh", args.refresh),
        ("--theme", args.theme),
        ("--lang", args.lang),
        ("--baseline", _baseline(args.baseline)),
        ("--history", _absolute(args.history)),
    ]
    argv += [f"{flag}={value}" for flag, value in options if value is not None]
    if args.present:
        argv.append("--present")
    if shared is not None:
        folder, label = shared
        argv += [f"--shared-feed={folder}", f"--source-label={label}"]
    return argv


def _absolute(path: Path | None) -> Path | None:
    return None if path is None else path.expanduser().absolute()


def _baseline(value: str | None) -> str | Path | None:
    """A history entry (last, previous, a date) as given; a file's path made absolute."""
    from ..baseline import BaselineError
    from ..history import is_history_ref

    try:
        if value is None or is_history_ref(value) is not None:
            return value
    except BaselineError as exc:  # a date that is not one: said once, here
        raise ConfigError(exc.message) from None
    return _absolute(Path(value))


def check_dashboard(settings: Settings, theme_flag: str | None) -> None:
    """What the dashboard checks before its screen, checked once here (ConfigError)."""
    from .sources import open_source

    # The source first: its mistakes (an address, a header, a CA bundle) are the common
    # ones, and are told before the interface's modules are loaded for the rest.
    source = open_source(settings.source, settings)
    asyncio.run(source.aclose())
    from ..ui.app import check_keymap, choose_theme, theme_folders
    from ..ui.themes import load_themes

    check_keymap(settings)
    choose_theme(load_themes(theme_folders(settings)), settings, theme_flag)


def check_address(host: str, port: int, public_url: str | None = None) -> list[str]:
    """Bind every address `host` names on `port`, and let go: a port in use, or an address
    not this machine's, fails here (ConfigError) before anything is printed. The addresses."""
    where = f"{host}:{port}"
    if not 0 < port < 65536:
        raise ConfigError(Message.of("--port: {port} is not a port number (1-65535)", port=port))
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as exc:
        raise _cannot_listen(where, exc) from None
    addresses = sorted({str(address[0]) for *_, address in found})
    if public_url is None and any(_ip(address).is_unspecified for address in addresses):
        # The page tells each browser where its websocket is: 0.0.0.0 is nowhere.
        raise ConfigError(
            Message.of(
                "--host {host} means every address: give this machine's address on the "
                "meeting network, or --public-url",
                host=host,
            )
        )
    try:
        for family, kind, proto, _, address in found:
            with socket.socket(family, kind, proto) as probe:
                if os.name == "posix":  # as aiohttp binds: a port in TIME_WAIT is free
                    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
    except OSError as exc:
        raise _cannot_listen(where, exc) from None
    return addresses


def _cannot_listen(where: str, exc: OSError) -> ConfigError:
    reason = exc.strerror or type(exc).__name__
    message = Message.of("cannot listen on {address}: {reason}", address=where, reason=reason)
    return ConfigError(message)


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    return ipaddress.ip_address(address.split("%", maxsplit=1)[0])  # fe80::1%eth0


def serve(args: argparse.Namespace, settings: Settings, language: str, max_sessions: int) -> int:
    """Serve until Ctrl+C (or SIGTERM); 0 then. Raises ConfigError for an address that
    cannot be served on, or no private folder for the feed."""
    host, port = args.host, args.port
    addresses = check_address(host, port, args.public_url)
    public_url = (args.public_url or _url(host, port)).rstrip("/")
    loopback = all(_ip(address).is_loopback for address in addresses)
    folder = _shared_folder()
    try:
        return _serve(args, settings, folder, public_url, loopback, language, max_sessions)
    finally:
        folder.remove()  # also when serving ends in an error: nothing left in /tmp


def _shared_folder() -> SharedFolder:
    from ..sources.shared import SharedFolder

    try:
        return SharedFolder.create()
    except OSError as exc:
        raise ConfigError(
            Message.of(
                "cannot make a private folder for the feed in {folder}: {reason}",
                folder=tempfile.gettempdir(),
                reason=exc.strerror or type(exc).__name__,
            )
        ) from None


def _serve(
    args: argparse.Namespace,
    settings: Settings,
    folder: SharedFolder,
    public_url: str,
    loopback: bool,
    language: str,
    max_sessions: int,
) -> int:
    from ..web.server import DashboardServer
    from ..web.shared_fetch import SharedFetch
    from .sources import open_source

    host, port = args.host, args.port
    source = open_source(settings.source, settings)
    server = DashboardServer(
        dashboard_argv(args, shared=(folder.path, source.label)),
        host=host,
        port=port,
        public_url=public_url,
        loopback=loopback,
        max_sessions=max_sessions,
        language=language,
        title=TITLE,
        shared=SharedFetch(source, folder, settings.refresh, language),
        hidden_env=header_variables(settings),
    )
    if args.allow_export:
        serving = Message.of(
            "Serving the dashboard, exports on, at {url} (each browser gets its own; files "
            "are written on this machine). Ctrl+C stops.",
            url=f"{public_url}/",
        )
    else:
        serving = Message.of(
            "Serving the dashboard, read-only, at {url} (each browser gets its own). Ctrl+C stops.",
            url=f"{public_url}/",
        )
    print(serving.text(language), flush=True)
    if not loopback:
        warning = Message.of(
            "warning: anyone who can reach {address} sees the dashboard", address=host
        )
        print(f"r57tui: {warning.text(language)}", file=sys.stderr, flush=True)
    try:
        server.serve()
    except OSError as exc:  # taken since check_address
        raise _cannot_listen(f"{host}:{port}", exc) from None
    return 0


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"
