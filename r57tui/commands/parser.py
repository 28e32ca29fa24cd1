"""The `r57tui` command line: every flag of the dashboard and of each headless command,
apart from r57tui/cli.py, which runs what it parses. Only argparse and the settings'
names are imported here, so parsing costs nothing a command does not use."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .. import __version__
from ..groups import GROUP_KEYS


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


def _publish_command(commands: Any) -> None:
    """`publish`: the dashboard as web pages."""
    publish = commands.add_parser(
        "publish",
        help="the dashboard as web pages, for many viewers",
        description="The dashboard as web pages (the headline, agencies by group, "
        "indicators, due soon, the changes since --baseline, a page per agency): --out "
        "writes them into a folder for any web server, --serve serves them from this "
        "machine, one reading of the feed for every viewer, and open pages learn of new "
        "figures at once. The options given before `publish` (--config, --source, "
        "--refresh, --lang, --baseline) are the pages'.",
    )
    publish.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="write the site into this folder, atomically (files of ours only)",
    )
    publish.add_argument(
        "--watch",
        action="store_true",
        help="with --out: look at the source every refresh and write the site again when "
        "the feed changed (Ctrl+C ends)",
    )
    publish.add_argument(
        "--serve", action="store_true", help="serve the pages over HTTP until Ctrl+C"
    )
    publish.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default loopback: this machine)"
    )
    publish.add_argument("--port", type=int, default=8058, help="port (default 8058)")
    _history(publish)
    _common(publish)


def _demo_server_command(commands: Any) -> None:
    """`demo-server`: the demo feed over HTTP, moving."""
    server = commands.add_parser("demo-server", help="serve the demo feed over HTTP, moving")
    server.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback)")
    server.add_argument("--port", type=int, default=8057, help="port (default 8057)")
    server.add_argument(
        "--interval", type=float, default=5.0, help="seconds between steps (0: never move)"
    )


def _served_dashboard(parser: argparse.ArgumentParser) -> None:
    """What `serve` gives each browser's dashboard: read-only; and, not for people, the
    folder holding the feed `serve` fetched (sources/shared.py) and the name to show for
    the source it came from."""
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="no exports and nothing written (what `serve` runs for each browser)",
    )
    parser.add_argument("--shared-feed", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--source-label", help=argparse.SUPPRESS)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="r57tui",
        description="Dashboard of Resolution 57-NQ/TW tasks for steering-committee meetings.",
    )
    parser.add_argument("--version", action="version", version=f"r57tui {__version__}")
    _common(parser, top=True)
    parser.add_argument(
        "--source",
        action="append",
        metavar="[NAME=]PATH-or-URL",
        help="feed file or URL (default: demo; demo-dien-bien: the bundled provincial feed); "
        "more than once for several sources, each NAME=PATH-or-URL or named by its label",
    )
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
    _served_dashboard(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="load a feed, print totals and findings",
        description="Load each feed and print its totals and findings; with several, each "
        "source's results then the consolidated totals.",
    )
    check.add_argument(
        "feed",
        nargs="+",
        metavar="[NAME=]FEED-or-URL",
        help="feed file or http(s) URL (demo, demo-dien-bien: the bundled feeds); several "
        "for several sources, each NAME=FEED or named by its label",
    )
    check.add_argument("--json", action="store_true", help="print a JSON report")
    _common(check)

    commands.add_parser("schema", help="print the feed's JSON Schema")

    _history_commands(commands)
    _publish_command(commands)

    _demo_feed_command(commands)

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
            "at_risk",
            "indicators",
            "findings",
            "changes",
            "trend",
            "sources",
            "all",
        ),
        help="which table (default all; owners: the tasks by owner; at_risk: the tasks at "
        "risk, each with why; changes: the tasks that changed since --baseline; trend: each "
        "recorded meeting's figures, the whole feed's and each agency's, from the history; "
        "sources: each source's counts, with several)",
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
        choices=("all", "completed", "on_time", "overdue", "due_soon", "at_risk"),
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

    _demo_server_command(commands)

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


def _demo_feed_command(commands: Any) -> None:
    """`demo-feed`: a copy of the bundled demo feed."""
    sample = commands.add_parser(
        "demo-feed",
        help="write the bundled demo feed to a file, to try check and export on",
        description="Write the bundled demo feed to FILE (never over an existing file).",
    )
    sample.add_argument("file", type=Path, metavar="FILE", help="where to write it")
