"""`r57tui check`: load a feed headless, print its totals and every finding.

Exit codes: 0 loaded clean, 1 loaded with findings, 2 refused (message on stderr).
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any, TextIO

from .config import Settings
from .feed import AgencyKind, Feed
from .i18n.dates import format_as_of
from .i18n.numbers import format_int, format_percent
from .rollup import Bucket, Counts, Rollup, roll_up
from .safety import one_line
from .sources import Failed, fetch_once

EXIT_CLEAN, EXIT_FINDINGS, EXIT_REFUSED = 0, 1, 2
_KIND_LABELS = {
    AgencyKind.MINISTRY: "Ministries",
    AgencyKind.BRANCH: "Branches",
    AgencyKind.LOCALITY: "Localities",
    AgencyKind.PARTY: "Party bodies",
    AgencyKind.OTHER: "Other",
}


def run_check(location: str, settings: Settings, as_json: bool, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    update, _ = asyncio.run(fetch_once(location, settings))
    if isinstance(update, Failed):
        print(one_line(update.message, 1000), file=sys.stderr)
        if as_json:
            json.dump({"status": "refused", "error": update.message}, out, ensure_ascii=False)
            out.write("\n")
        return EXIT_REFUSED
    feed = update.feed
    rollup = roll_up(feed, due_soon_days=settings.due_soon_days)
    if as_json:
        json.dump(report_json(feed, rollup, update.size), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(report_text(feed, rollup, update.size))
    return EXIT_FINDINGS if feed.findings else EXIT_CLEAN


def report_text(feed: Feed, rollup: Rollup, size: int, language: str = "en") -> str:
    total = rollup.total

    def n(value: int) -> str:
        return format_int(value, language)

    def pct(counts: Counts, bucket: Bucket) -> str:
        return format_percent(counts.share(bucket).percent(0), 0, language)

    lines = [
        one_line(feed.title or "(untitled feed)"),
        f"As of {format_as_of(feed.as_of, offset=True)} · {n(len(feed.agencies))} agencies · "
        f"{n(len(feed.indicators))} indicators · {n(size)} bytes",
        "",
        f"Assigned   {n(total.assigned):>8}",
        f"Completed  {n(total.completed):>8}  {pct(total, Bucket.COMPLETED):>4} of assigned"
        f"  ({n(total.completed_late)} of them late)",
        f"On time    {n(total.on_time):>8}  {pct(total, Bucket.ON_TIME):>4} of assigned",
        f"Overdue    {n(total.overdue):>8}  {pct(total, Bucket.OVERDUE):>4} of assigned",
        f"Due within {rollup.due_soon_days} days: {n(len(rollup.due_soon))} open tasks",
        "",
        f"{'By kind':<14}{'assigned':>9}{'completed':>10}{'%':>5}{'on time':>9}{'overdue':>9}",
    ]
    for kind, counts in rollup.by_kind.items():
        if counts.assigned:
            lines.append(_kind_row(_KIND_LABELS[kind], counts, language))
    lines.append("")
    if feed.findings:
        lines.append(f"{n(len(feed.findings))} data-quality findings:")
        lines.extend("  " + one_line(str(finding), 300) for finding in feed.findings)
    else:
        lines.append("No data-quality findings.")
    return "\n".join(lines) + "\n"


def _kind_row(label: str, counts: Counts, language: str) -> str:
    def n(value: int) -> str:
        return format_int(value, language)

    percent = format_percent(counts.share(Bucket.COMPLETED).percent(0), 0, language)
    return (
        f"  {label:<12}{n(counts.assigned):>9}{n(counts.completed):>10}{percent:>5}"
        f"{n(counts.on_time):>9}{n(counts.overdue):>9}"
    )


def counts_json(counts: Counts) -> dict[str, Any]:
    percent = counts.share(Bucket.COMPLETED).percent(1)
    return {
        "assigned": counts.assigned,
        "completed": counts.completed,
        "completed_late": counts.completed_late,
        "on_time": counts.on_time,
        "overdue": counts.overdue,
        "percent_completed_of_assigned": None if percent is None else float(percent),
    }


def report_json(feed: Feed, rollup: Rollup, size: int) -> dict[str, Any]:
    return {
        "status": "findings" if feed.findings else "clean",
        "title": feed.title,
        "as_of": feed.as_of.isoformat(),
        "bytes": size,
        "totals": counts_json(rollup.total),
        "by_kind": {kind.value: counts_json(counts) for kind, counts in rollup.by_kind.items()},
        "agencies": len(feed.agencies),
        "indicators": len(feed.indicators),
        "due_soon": {"days": rollup.due_soon_days, "tasks": len(rollup.due_soon)},
        "findings": [
            {"code": f.code, "where": f.where, "id": f.record_id, "message": f.message}
            for f in feed.findings
        ],
    }
