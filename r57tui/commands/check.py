"""`r57tui check`: load a feed headless, print its totals and every finding.

Exit codes: 0 loaded clean, 1 loaded with findings, 2 refused (message on stderr). The
report's words are r57tui/check.py's; here, the feed is fetched as the settings say.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import TextIO

from ..check import report_json, report_text
from ..config import Settings
from ..rollup import roll_up
from ..safety import one_line
from ..sources import Failed
from .sources import fetch_once

EXIT_CLEAN, EXIT_FINDINGS, EXIT_REFUSED = 0, 1, 2


def run_check(
    location: str,
    settings: Settings,
    as_json: bool,
    out: TextIO | None = None,
    language: str = "en",
) -> int:
    """Print the report (text in `language`; JSON always English, for machines)."""
    out = out or sys.stdout
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
