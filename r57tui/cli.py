"""The `r57tui` command: the dashboard, and the headless commands beside it.

Imports are made inside each command, so `r57tui check` never pays for Textual and
the dashboard never waits for anything it does not use.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .config import MAX_SERVE_SESSIONS, ConfigError, Settings, find_config, load_settings
from .groups import GROUP_KEYS
from .i18n.message import Message
from .i18n.strings import default_language
from .terminal import missing_terminal, say

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports it
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as for any command whose reader went away


def _common(parser: argparse.ArgumentParser, top: bool = False) -> None:
    # A subcommand's --config must not reset one given before the subcommand: argparse
    # would write the subparser's default over it (`r57tui --config X check` ignored X).
    parser.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="config file (TOML)",
        default=None if top else argparse.SUPPRESS,
    )


def _history(parser: argparse.ArgumentParser, top: bool = False) -> None:
    parser.add_argument(
        "--history",
        type=Path,
        metavar="PATH",
        help="the history file (default: [history] path, else history.sqlite3 in the user "
        "data folder)",
        default=None if top else argparse.SUPPRESS,
    )


def _history_commands(commands: Any) -> None:
    """`snapshot` and `history`: the history of meetings."""
    snapshot = commands.add_parser(
        "snapshot",
        help="record the feed in the history of meetings",
        description="Record the feed (--source, else the config's; default the demo) in "
        "the history: its counts, indicators and task states. The same as-of and source "
        "again writes nothing, and says so.",
    )
    snapshot.add_argument(
        "--source", metavar="PATH-or-URL", default=argparse.SUPPRESS, help="feed file or URL"
    )
    snapshot.add_argument(
        "--keep-feed", action="store_true", help="keep the whole feed too (compressed)"
    )
    _history(snapshot)
    _common(snapshot)

    listing = commands.add_parser(
        "history", help="list the snapshots recorded (as-of, title, totals)"
    )
    listing.add_argument("--json", action="store_true", help="print them as JSON")
    _history(listing)
    _common(listing)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="r57tui",
        description="Dashboard of Resolution 57-NQ/TW tasks for steering-committee meetings.",
    )
    parser.add_argument("--version", action="version", version=f"r57tui {__version__}")
    _common(parser, top=True)
    parser.add_argument("--source", metavar="PATH-or-URL", help="feed file or URL (default: demo)")
    parser.add_argument("--refresh", type=float, metavar="SECONDS", help="refresh interval")
    parser.add_argument("--theme", metavar="NAME", help="colour theme")
    parser.add_argument("--lang", choices=("vi", "en"), help="interface language")
    parser.add_argument(
        "--baseline",
        metavar="FILE-or-ENTRY",
        help="compare with this earlier feed or JSON snapshot, or a history entry: last, "
        "previous, or a date (yyyy-mm-dd or dd/mm/yyyy)",
    )
    _history(parser, top=True)
    parser.add_argument(
        "--present", action="store_true", help="start in presentation mode (large figures)"
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="no exports and nothing written (what `serve` runs for each browser)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="load a feed, print totals and findings")
    check.add_argument("feed", metavar="FEED-or-URL", help="feed file or http(s) URL")
    check.add_argument("--json", action="store_true", help="print a JSON report")
    _common(check)

    commands.add_parser("schema", help="print the feed's JSON Schema")

    _history_commands(commands)

    sample = commands.add_parser(
        "demo-feed",
        help="write the bundled demo feed to a file, to try check and export on",
        description="Write the bundled demo feed to FILE (never over an existing file).",
    )
    sample.add_argument("file", type=Path, metavar="FILE", help="where to write it")

    export = commands.add_parser(
        "export",
        help="write snapshot tables (csv, xlsx, md, json, html) or the Word report (docx) "
        "without the screen",
        description="Write the dashboard's tables to files, as the dashboard's e key does. "
        "The source is --source (before the command) or the config's; default the demo.",
    )
    export.add_argument(
        "--format",
        dest="fmt",
        choices=("csv", "xlsx", "md", "json", "html", "docx"),
        help="file format (default: the config's export.format, else xlsx); docx: the "
        "report by Decree 30, scoped by --kind, --agency, --state, with --table's tables "
        "as appendices",
    )
    export.add_argument(
        "--table",
        default="all",
        choices=(
            "agencies",
            "owners",
            "tasks",
            "indicators",
            "findings",
            "changes",
            "trend",
            "all",
        ),
        help="which table (default all; owners: the tasks by owner; changes: the tasks "
        "that changed since --baseline; trend: each recorded meeting's figures, the whole "
        "feed's and each agency's, from the history)",
    )
    export.add_argument(
        "--kind",
        default="all",
        choices=GROUP_KEYS,
        help="agency group, for the agencies and tasks tables",
    )
    export.add_argument("--agency", metavar="ID", help="one lead agency's tasks")
    export.add_argument(
        "--state",
        default="all",
        choices=("all", "completed", "on_time", "overdue", "due_soon"),
        help="tasks in this state only",
    )
    export.add_argument(
        "--filter",
        dest="query",
        default="",
        metavar="TEXT",
        help="text filter, as / on screen (diacritics ignored)",
    )
    export.add_argument("--task-group", metavar="TEXT", help="tasks of this thematic group only")
    export.add_argument(
        "--document", metavar="TEXT", help="tasks assigned by this source document only"
    )
    export.add_argument("--key-tasks", action="store_true", help="key tasks only")
    export.add_argument(
        "--co-agency", metavar="ID", help="tasks this agency co-operates on (phối hợp) only"
    )
    export.add_argument("--owner", metavar="TEXT", help="tasks of this owner (member in charge)")
    export.add_argument("--sort", metavar="SORT", help="sort id, e.g. overdue, name, due")
    export.add_argument(
        "--reverse", action="store_true", help="the sort the other way (as its key pressed again)"
    )
    export.add_argument("--out", type=Path, metavar="DIR", help="folder (default: export.folder)")
    export.add_argument("--delimiter", metavar="CHAR", help="CSV delimiter, e.g. ';'")
    export.add_argument(
        "--notes",
        choices=("latest", "all"),
        help="task tables: the latest note and its date, or all of a task's notes, newest "
        "first (default: the config's export.notes, else latest)",
    )
    _history(export)
    _common(export)

    server = commands.add_parser("demo-server", help="serve the demo feed over HTTP, moving")
    server.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback)")
    server.add_argument("--port", type=int, default=8057, help="port (default 8057)")
    server.add_argument(
        "--interval", type=float, default=5.0, help="seconds between steps (0: never move)"
    )

    served = commands.add_parser(
        "serve",
        help="the dashboard in web browsers (textual-serve), read-only",
        description="Serve the dashboard to web browsers: each browser that opens the page "
        "gets its own dashboard, read-only unless --allow-export. The options given before "
        "`serve` (--config, --source, --refresh, --theme, --lang, --baseline, --present) "
        "are the served dashboard's.",
    )
    served.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default loopback: this machine)"
    )
    served.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    served.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers open, when not http://HOST:PORT (behind a reverse proxy)",
    )
    served.add_argument(
        "--allow-export",
        action="store_true",
        help="let the dashboards export (files are written on this machine)",
    )
    served.add_argument(
        "--max-sessions",
        type=int,
        metavar="N",
        help="browsers served at once, a dashboard each (default: [serve] max_sessions, 20)",
    )
    _common(served)
    return parser


def _settings(args: argparse.Namespace, overrides: dict[str, Any] | None = None) -> Settings:
    return load_settings(find_config(args.config), overrides)


def _dashboard_settings(args: argparse.Namespace) -> Settings:
    """The settings of a dashboard (run here or served): the config and these flags."""
    return _settings(args, {"source": args.source, "refresh": args.refresh, "language": args.lang})


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:  # Ctrl+C before the dashboard handles it, or in a command
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `r57tui export | head -1`: the reader has gone
        # Python would raise it again flushing standard output at exit.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _run(args: argparse.Namespace) -> int:
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
        if args.command == "snapshot":
            from .commands.history import run_snapshot

            settings = _settings(args, {"source": args.source, "language": args.lang})
            return run_snapshot(settings, args.history, args.keep_feed)
        if args.command == "history":
            from .commands.history import run_history

            return run_history(_settings(args, {"language": args.lang}), args.history, args.json)
        settings = _dashboard_settings(args)
        from .commands.sources import open_source

        source = open_source(settings.source, settings)  # fails early on a missing variable
        from .i18n.strings import set_interface_language

        # Before the interface is imported: its key descriptions are fixed with its classes.
        set_interface_language(settings.language or default_language())
        from .ui.app import dashboard_app, run_app

        app = dashboard_app(
            settings,
            source,
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
            asyncio.run(source.aclose())
            say(f"r57tui: {missing.text(settings.language or default_language())}")
            return EXIT_USAGE
        return run_app(app)
    except ConfigError as exc:
        print(f"r57tui: {exc.text(_error_language(args))}", file=sys.stderr)
        return EXIT_USAGE


def _error_language(args: argparse.Namespace) -> str:
    """--lang, else the config's language if the config itself is readable, else the locale."""
    if args.lang:
        return args.lang
    try:
        configured = _settings(args).language
    except ConfigError:
        configured = None
    return configured or default_language()


def _export(args: argparse.Namespace) -> int:
    from .commands.export import ExportArgs, run_export
    from .views import Facets

    if args.delimiter is not None and len(args.delimiter) != 1:
        raise ConfigError(
            Message.of("--delimiter: one character, not {value}", value=repr(args.delimiter))
        )
    settings = _settings(args, {"source": args.source, "language": args.lang})
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

    settings = _dashboard_settings(args)
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
    return serve(args, settings.language or default_language(), max_sessions)


def _demo_feed(path: Path, language: str) -> int:
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
