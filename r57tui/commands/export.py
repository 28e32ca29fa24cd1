"""`r57tui export`: the dashboard's snapshot tables, headless, for scripts and cron.

Several sources (--source given more than once, or the config's [[sources]]): their
consolidated tables, a source column in the tasks table and a sources table; a source
that cannot be read is said on stderr, the others written, and the exit code is 1.

Exit codes: 0 written, 1 the feed was refused, the folder not writable or a table longer
than the format holds (message on stderr), 2 usage. Paths written go to stdout; a note of
cells shortened to fit the format goes to stderr.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TextIO

from ..baseline import BaselineError, compare
from ..config import ConfigError, Settings, export_folder
from ..export import (
    FORMATS,
    TABLE_NAMES,
    TABLE_NAMES_WITH_BASELINE,
    ExportError,
    ExportMeta,
    NotesChoice,
    ReportOptions,
    TableSpec,
    export_files,
)
from ..feed import Feed, FeedError
from ..history import (
    NOWHERE,
    HistoryError,
    HistoryStore,
    baseline_from,
    history_path,
    names_meeting,
    source_keys,
)
from ..i18n.message import Message
from ..i18n.strings import default_language
from ..rollup import roll_up
from ..safety import one_line
from ..several import poll_once
from ..sources import Failed
from ..views import (
    AGENCY_GROUPS,
    AGENCY_SORTS,
    NO_FACETS,
    TASK_SORTS,
    Facets,
    Scope,
    SortOrder,
    StateFilter,
)
from ..views.trends import trend_history
from .sources import fetch_once, open_sources


@dataclass(frozen=True)
class ExportArgs:
    table: str = "all"
    fmt: str | None = None
    kind: str = "all"
    agency: str | None = None
    state: str = "all"
    query: str = ""
    facets: Facets = NO_FACETS  # the tasks table's facets (--task-group, --owner …)
    sort: str | None = None
    reverse: bool = False  # --reverse: the sort the other way
    out: Path | None = None
    delimiter: str | None = None
    notes: NotesChoice | None = None  # --notes: latest or all (None: the config's export.notes)
    # --baseline: the changes since this earlier feed, or this history entry (last,
    # previous, a date) of the history file (--history, else the config's).
    baseline: str | None = None
    history: Path | None = None


def specs_for(args: ExportArgs, settings: Settings) -> list[TableSpec]:
    """The tables the flags ask for; a bad combination raises ConfigError (exit 2)."""
    if args.kind not in AGENCY_GROUPS:
        raise ConfigError(_not_one_of("--kind", args.kind, AGENCY_GROUPS))
    try:
        state = StateFilter(args.state)
    except ValueError:
        choices = [s.value for s in StateFilter]
        raise ConfigError(_not_one_of("--state", args.state, choices)) from None
    if args.table == "changes" and args.baseline is None:
        raise ConfigError(
            Message.of(
                "--table changes: needs --baseline (an earlier feed file, "
                "or a recorded meeting: last, previous or its date)"
            )
        )
    every = TABLE_NAMES_WITH_BASELINE if args.baseline is not None else TABLE_NAMES
    if settings.sources:  # several sources: each one's counts too, after the agencies
        every = (every[0], "sources", *every[1:])
    names = every if args.table == "all" else (args.table,)
    scope = Scope.agency(args.agency) if args.agency is not None else Scope.group(args.kind)
    notes: NotesChoice = args.notes or settings.export.notes
    specs = []
    for name in names:
        sort = None
        # The owners sort as the agencies do (the same columns).
        if args.sort is not None and name in ("agencies", "owners", "tasks"):
            sorts = TASK_SORTS if name == "tasks" else AGENCY_SORTS
            if args.sort not in {s.id for s in sorts}:
                if args.table != "all":
                    ids = ", ".join(s.id for s in sorts)
                    raise ConfigError(
                        Message.of(
                            "--sort: {sort} does not sort {table}; one of {ids}",
                            sort=repr(args.sort),
                            table=name,
                            ids=ids,
                        )
                    )
            else:
                sort = args.sort
        order: str | SortOrder | None = sort
        if args.reverse and name in ("agencies", "owners", "tasks"):
            first = (TASK_SORTS if name == "tasks" else AGENCY_SORTS)[0].id
            order = SortOrder(sort or first, reversed=True)
        specs.append(
            TableSpec(
                name,  # type: ignore[arg-type]
                group=args.kind,
                kinds=tuple(settings.show_kinds),
                query=args.query,
                sort=order,
                scope=scope,
                state=state,
                facets=args.facets,
                notes=notes,
            )
        )
    return specs


def _not_one_of(flag: str, value: object, choices: Iterable[str]) -> Message:
    return Message.of(
        "{flag}: {value} is not one of {choices}",
        flag=flag,
        value=repr(value),
        choices=", ".join(choices),
    )


def _load(
    settings: Settings, specs: list[TableSpec], language: str
) -> tuple[Feed, str, list[TableSpec], bool] | None:
    """The feed to export, its source's label, the specs with the sources added up when
    there are several, and whether one of those could not be read (said on stderr).
    None when there is nothing to export (also said)."""
    if not settings.sources:
        update, label = asyncio.run(fetch_once(settings.source, settings))
        if isinstance(update, Failed):
            print(f"r57tui: {one_line(update.text(language), 1000)}", file=sys.stderr)
            return None
        return update.feed, label, specs, False
    answers, consolidated = asyncio.run(poll_once(open_sources(settings)))
    missing = False
    for answer in answers:
        if isinstance(answer.update, Failed):
            missing = True
            line = one_line(f"{answer.name}: {answer.update.text(language)}", 1000)
            print(f"r57tui: {line}", file=sys.stderr)
    if consolidated is None:
        return None
    specs = [replace(spec, consolidated=consolidated) for spec in specs]
    label = consolidated.feed.title or ""
    if consolidated.mixed_dates:  # each row's as-of is the latest: say each source's own
        label = " + ".join(
            f"{name} {as_of.isoformat()[:10]}"
            for name, as_of in consolidated.as_of_by_source.items()
        )
    return consolidated.feed, label, specs, missing


def run_export(args: ExportArgs, settings: Settings, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    specs = specs_for(args, settings)
    fmt = args.fmt or settings.export.format
    if fmt not in FORMATS:
        raise ConfigError(_not_one_of("--format", fmt, FORMATS))
    language = settings.language or default_language()
    loaded = _load(settings, specs, language)
    if loaded is None:
        return 1
    feed, label, specs, missing = loaded
    if args.agency is not None and args.agency not in feed.agencies:
        raise ConfigError(Message.of("--agency: no agency {id} in the feed", id=repr(args.agency)))
    co_agency = args.facets.co_agency
    if co_agency is not None and co_agency not in feed.agencies:
        raise ConfigError(Message.of("--co-agency: no agency {id} in the feed", id=repr(co_agency)))
    rollup = roll_up(feed, due_soon_days=settings.due_soon_days, at_risk_days=settings.at_risk_days)
    comparison = None
    # The meetings are each source's: several added up have none of their own.
    key = NOWHERE if settings.sources else source_keys(settings)[0]
    if settings.sources and (
        any(spec.table == "trend" for spec in specs)
        or (args.baseline is not None and names_meeting(args.baseline))
    ):
        raise ConfigError(
            Message.of(
                "the meetings are recorded per source: give --source once for the trend "
                "or a recorded meeting as the baseline (a baseline file may be given)"
            )
        )
    if args.baseline is not None:
        try:
            history = args.history.expanduser() if args.history else history_path(settings)
            baseline = baseline_from(
                args.baseline, history, settings.due_soon_days, settings.cap, key
            )
        except BaselineError as exc:
            raise ConfigError(exc.message) from None
        comparison = compare(baseline, feed, rollup)
    if any(spec.table == "trend" for spec in specs):
        try:
            history = args.history.expanduser() if args.history else history_path(settings)
            trend = trend_history(HistoryStore(history, key), feed)
        except (HistoryError, FeedError) as exc:
            print(f"r57tui: {one_line(exc.text(language), 1000)}", file=sys.stderr)
            return 1
        specs = [replace(spec, trend=trend) if spec.table == "trend" else spec for spec in specs]
    meta = ExportMeta(
        feed.title or "",
        feed.as_of,
        label,
        datetime.now().astimezone(),
        language,
        baseline=comparison.baseline.label if comparison else None,
        baseline_as_of=comparison.baseline.feed.as_of if comparison else None,
    )
    folder = args.out if args.out is not None else export_folder(settings)
    try:
        exported = export_files(
            specs,
            feed,
            rollup,
            meta,
            fmt=fmt,
            folder=folder,
            delimiter=args.delimiter or settings.export.csv_delimiter,
            comparison=comparison,
            report=ReportOptions.of(settings, args.history, key),
        )
    except ExportError as exc:
        print(f"r57tui: {exc.text(language)}", file=sys.stderr)
        return 1
    for path in exported.paths:
        print(path, file=out)
    if exported.shortened is not None:
        # On stderr: stdout stays the list of paths, for scripts.
        print(f"r57tui: {exported.shortened.text(language)}", file=sys.stderr)
    # Written without a source that could not be read (said above): not the whole picture.
    return 1 if missing else 0
