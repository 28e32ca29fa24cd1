"""The `r57tui` command: the dashboard, and the headless commands beside it.

Imports are made inside each command, so `r57tui check` never pays for Textual and
the dashboard never waits for anything it does not use. The config's too (pydantic):
the dashboard pauses the garbage collector for its start (startup.py) before it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .commands.parser import build_parser
from .i18n.message import Message
from .i18n.strings import default_language
from .startup import collector_paused
from .terminal import missing_terminal, say

if TYPE_CHECKING:
    from .config import Settings

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports it
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as for any command whose reader went away


def _settings(args: argparse.Namespace, overrides: dict[str, Any] | None = None) -> Settings:
    from .config import find_config, load_settings

    return load_settings(find_config(args.config), overrides)


def _source_flags(args: argparse.Namespace) -> dict[str, Any]:
    """What `--source` (given once or more) sets: the one source, or the named sources."""
    from .commands.sources import source_overrides

    return source_overrides(getattr(args, "source", None))


def _dashboard_settings(args: argparse.Namespace) -> Settings:
    """The settings of a dashboard (run here or served): the config and these flags."""
    return _settings(args, {**_source_flags(args), "refresh": args.refresh, "language": args.lang})


def _one_source(settings: Settings, command: str) -> Settings:
    """`settings`, refused in one line when they name several sources (`[[sources]]` or
    --source given more than once) for a command that reads one: it would otherwise read
    the demo, `source` being unset then."""
    from .config import ConfigError

    if settings.sources:
        raise ConfigError(
            Message.of(
                "{command} reads one source at a time: give --source once "
                "(several sources are read by the dashboard, check, export and publish)",
                command=command,
            )
        )
    return settings


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        # The dashboard's start, before its first import (startup.py).
        with collector_paused(args.command is None):
            return _run(args)
    except KeyboardInterrupt:  # Ctrl+C before the dashboard handles it, or in a command
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `r57tui export | head -1`: the reader has gone
        # Python would raise it again flushing standard output at exit.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _run(args: argparse.Namespace) -> int:
    from .config import ConfigError

    try:
        if args.command == "check":
            from .commands.check import run_check

            settings = _settings(args)
            language = args.lang or settings.language or default_language()
            return run_check(args.feed, settings, args.json, language=language)
        if args.command == "schema":
            from .schema import feed_schema_json

            sys.stdout.write(feed_schema_json())
            return 0
        if args.command == "demo-feed":
            return _demo_feed(args.file, args.lang or default_language())
        if args.command == "demo-server":
            return _demo_server(args)
        if args.command == "serve":
            return _serve(args)
        if args.command == "export":
            return _export(args)
        if args.command == "publish":
            return _publish(args)
        if args.command == "snapshot":
            from .commands.history import run_snapshot

            # Several sources: one snapshot each, under each one's name.
            settings = _settings(args, {**_source_flags(args), "language": args.lang})
            return run_snapshot(settings, args.history, args.keep_feed)
        if args.command == "history":
            from .commands.history import run_history

            return run_history(_settings(args, {"language": args.lang}), args.history, args.json)
        settings = _dashboard_settings(args)
        from .commands.sources import open_shared, open_source, open_sources
        from .sources.named import NamedSource

        if args.shared_feed is not None:  # a dashboard of `serve`: the feed it fetched
            shared = open_shared(args.shared_feed, args.source_label, settings)
            sources = [NamedSource(shared.label, shared, settings.refresh)]
        elif settings.sources:  # several named sources
            sources = open_sources(settings)  # fails early on a missing variable
        else:
            one = open_source(settings.source, settings, label=args.source_label)
            sources = [NamedSource(one.label, one, settings.refresh)]
        from .i18n.strings import set_interface_language

        # Before the interface is imported: its key descriptions are fixed with its classes.
        set_interface_language(settings.language or default_language())
        from .ui.app import dashboard_app, run_app

        app = dashboard_app(
            settings,
            sources,
            theme_flag=args.theme,
            baseline=args.baseline,
            history=args.history,
            present=args.present,
            read_only=args.read_only,
        )
        # After the config's own checks (a mistake there says so first, terminal or not),
        # before anything is drawn: without a terminal, Textual would draw into nowhere.
        missing = missing_terminal()
        if missing is not None:
            import asyncio  # here: --help and the headless commands never need it

            for named in sources:
                asyncio.run(named.source.aclose())
            say(f"r57tui: {missing.text(settings.language or default_language())}")
            return EXIT_USAGE
        return run_app(app)
    except ConfigError as exc:
        print(f"r57tui: {exc.text(_error_language(args))}", file=sys.stderr)
        return EXIT_USAGE


def _error_language(args: argparse.Namespace) -> str:
    """--lang, else the config's language if the config itself is readable, else the locale."""
    from .config import ConfigError

    if args.lang:
        return args.lang
    try:
        configured = _settings(args).language
    except ConfigError:
        configured = None
    return configured or default_language()


def _export(args: argparse.Namespace) -> int:
    from .commands.export import ExportArgs, run_export
    from .config import ConfigError
    from .views import Facets

    if args.delimiter is not None and len(args.delimiter) != 1:
        raise ConfigError(
            Message.of("--delimiter: one character, not {value}", value=repr(args.delimiter))
        )
    settings = _settings(args, {**_source_flags(args), "language": args.lang})
    return run_export(
        ExportArgs(
            table=args.table,
            fmt=args.fmt,
            kind=args.kind,
            agency=args.agency,
            state=args.state,
            query=args.query,
            facets=Facets(
                group=args.task_group,
                source=args.document,
                key_only=args.key_tasks,
                co_agency=args.co_agency,
                owner=args.owner,
            ),
            sort=args.sort,
            reverse=args.reverse,
            out=args.out,
            delimiter=args.delimiter,
            notes=args.notes,
            baseline=args.baseline,
            history=args.history,
        ),
        settings,
    )


def _serve(args: argparse.Namespace) -> int:
    from .commands.serve import check_dashboard, serve
    from .config import MAX_SERVE_SESSIONS, ConfigError

    settings = _one_source(_dashboard_settings(args), "serve")
    check_dashboard(settings, args.theme)  # a bad config fails here, not in every browser
    max_sessions = settings.serve.max_sessions
    if args.max_sessions is not None:
        if not 1 <= args.max_sessions <= MAX_SERVE_SESSIONS:
            raise ConfigError(
                Message.of(
                    "--max-sessions: {value} is not between 1 and {most}",
                    value=args.max_sessions,
                    most=MAX_SERVE_SESSIONS,
                )
            )
        max_sessions = args.max_sessions
    return serve(args, settings, settings.language or default_language(), max_sessions)


def _publish(args: argparse.Namespace) -> int:
    from .config import ConfigError

    if args.out is not None and args.serve:
        raise ConfigError(Message.of("publish: give --out DIR or --serve, not both"))
    if args.out is not None:
        return _publish_out(args)
    if not args.serve:
        raise ConfigError(
            Message.of("publish: give --out DIR (a folder of pages) or --serve (pages served here)")
        )
    from .commands.publish_serve import publish_serve

    settings = _dashboard_settings(args)  # one source, or several added up
    return publish_serve(args, settings, settings.language or default_language())


def _publish_out(args: argparse.Namespace) -> int:
    from .commands.publish import PublishArgs, run_publish

    # --refresh too: how often --watch and the open pages look for new figures. One
    # source, or several added up.
    settings = _dashboard_settings(args)
    out = args.out.expanduser()
    return run_publish(
        PublishArgs(out=out, watch=args.watch, baseline=args.baseline, history=args.history),
        settings,
    )


def _demo_feed(path: Path, language: str) -> int:
    from .config import ConfigError
    from .demo import write_demo_feed

    try:
        write_demo_feed(path)
    except FileExistsError:
        raise ConfigError(
            Message.of(
                "{path} already exists: the demo feed is never written over a file",
                path=str(path),
            )
        ) from None
    except OSError as exc:
        raise ConfigError(
            Message.of(
                "cannot write {path}: {reason}",
                path=str(path),
                reason=exc.strerror or type(exc).__name__,
            )
        ) from None
    print(Message.of("Wrote the demo feed to {path}", path=str(path)).text(language))
    return 0


def _demo_server(args: argparse.Namespace) -> int:
    from .commands.demo_server import run_demo_server

    return run_demo_server(args.host, args.port, args.interval)


if __name__ == "__main__":
    sys.exit(main())
