"""`r57tui check`: load a feed headless, print its totals and every finding.

Exit codes: 0 loaded clean, 1 loaded with findings, 2 refused (message on stderr). The
report's words are r57tui/check.py's; here, the feed is fetched as the settings say.

Several feeds (`check A B …`, each `NAME=LOCATION` or named by its label): each one's
report, then the consolidated; 0 when all are clean, 1 when any loaded with findings (or
adding them up found some) or one failed while others loaded, 2 when none loaded.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any, TextIO

from ..addresses import shown
from ..check import report_json, report_text, several_json, several_text
from ..config import Settings, SourceSettings
from ..rollup import roll_up
from ..safety import one_line
from ..several import poll_once
from ..sources import Failed, NewFeed, Unchanged
from .sources import fetch_once, open_sources, source_overrides

EXIT_CLEAN, EXIT_FINDINGS, EXIT_REFUSED = 0, 1, 2


def run_check(
    locations: str | list[str],
    settings: Settings,
    as_json: bool,
    out: TextIO | None = None,
    language: str = "en",
) -> int:
    """Print the report (text in `language`; JSON always English, for machines)."""
    out = out or sys.stdout
    flags = source_overrides(locations)
    if "source" in flags:
        return _check_one(flags["source"], settings, as_json, out, language)
    named = [SourceSettings(**entry) for entry in flags["sources"]]
    return _check_several(settings.model_copy(update={"sources": named}), as_json, out, language)


def _check_one(location: str, settings: Settings, as_json: bool, out: TextIO, language: str) -> int:
    update, _ = asyncio.run(fetch_once(location, settings))
    if isinstance(update, Failed):
        print(one_line(update.text(language), 1000), file=sys.stderr)
        if as_json:
            json.dump({"status": "refused", "error": update.message}, out, ensure_ascii=False)
            out.write("\n")
        return EXIT_REFUSED
    feed = update.feed
    rollup = roll_up(feed, due_soon_days=settings.due_soon_days, at_risk_days=settings.at_risk_days)
    if as_json:
        json.dump(report_json(feed, rollup, update.size), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(report_text(feed, rollup, update.size, language))
    return EXIT_FINDINGS if feed.findings else EXIT_CLEAN


def _check_several(settings: Settings, as_json: bool, out: TextIO, language: str) -> int:
    answers, consolidated = asyncio.run(poll_once(open_sources(settings)))
    where = {named.name: shown(named.location) for named in settings.sources}
    days = {"due_soon_days": settings.due_soon_days, "at_risk_days": settings.at_risk_days}
    texts: list[tuple[str, str | None]] = []
    reports: list[dict[str, Any]] = []
    size = 0
    for answer in answers:
        update = answer.update
        if isinstance(update, NewFeed):
            rollup = roll_up(update.feed, **days)
            size += update.size
            texts.append((answer.name, report_text(update.feed, rollup, update.size, language)))
            report = report_json(update.feed, rollup, update.size)
        else:
            assert not isinstance(update, Unchanged)  # a first poll has nothing to compare with
            line = one_line(f"{answer.name}: {update.text(language)}", 1000)
            print(line, file=sys.stderr)
            texts.append((answer.name, f"✗ {one_line(update.text(language), 1000)}\n"))
            report = {"status": "refused", "error": update.message}
        reports.append({"name": answer.name, "location": where[answer.name], **report})
    if consolidated is None:
        if as_json:
            json.dump({"status": "refused", "sources": reports}, out, ensure_ascii=False, indent=2)
            out.write("\n")
        return EXIT_REFUSED
    rollup = roll_up(consolidated.feed, **days)
    missing = [r["name"] for r in reports if r["status"] == "refused"]
    if as_json:
        report = several_json(reports, consolidated, rollup, size)
        json.dump(report, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(several_text(texts, consolidated, missing, rollup, size, language))
    return EXIT_FINDINGS if missing or consolidated.feed.findings else EXIT_CLEAN
