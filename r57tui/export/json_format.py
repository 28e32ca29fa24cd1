"""JSON snapshot: the feed as it was (a valid r57 feed, loadable by the dashboard and by
`r57tui check`), plus the roll-ups and the view — the record of what the meeting saw.

The feed part holds the records as the feed gave them (derived state is not written: it
is derived again on load, from the same as-of date, so it comes out the same). The
snapshot part sits under `r57tui_snapshot`, a key the loader ignores.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import msgspec

from ..feed import FORMAT, VERSION, Feed
from ..feed.models import given_fields
from ..rollup import Counts, Rollup
from .meta import ExportMeta
from .table_model import Table

# Written as \u escapes so the file is safe to `cat`: C1 controls, bidi and zero-width.
_UNSAFE = re.compile("[\u0080-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, msgspec.Struct):
        return _record(value)
    return value


def _record(record: msgspec.Struct) -> dict[str, Any]:
    """The fields a feed gave: defaults (None, empty, false) and derived fields left
    out."""
    out: dict[str, Any] = {}
    for name in given_fields(record):
        value = getattr(record, name)
        if value is None or value == () or value is False:
            continue
        out[name] = _plain(value)
    return out


def _counts(counts: Counts) -> dict[str, int]:
    return {
        "assigned": counts.assigned,
        "completed": counts.completed,
        "completed_on_time": counts.completed_on_time,
        "completed_late": counts.completed_late,
        "on_time": counts.on_time,
        "overdue": counts.overdue,
    }


def feed_document(feed: Feed) -> dict[str, Any]:
    """The feed as an r57 feed document."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "as_of": feed.as_of.isoformat(),
    }
    if feed.title:
        document["title"] = feed.title
    if feed.feed_id is not None:  # read back as a source, other feeds' same_as still name it
        document["feed_id"] = feed.feed_id
    document["agencies"] = [
        _record(agency)
        for agency_id, agency in feed.agencies.items()
        if agency_id not in feed.created_agencies
    ]
    document["tasks"] = [_record(task) for task in feed.tasks]
    document["indicators"] = [_record(indicator) for indicator in feed.indicators]
    return document


def render_json(feed: Feed, rollup: Rollup, tables: list[Table], meta: ExportMeta) -> bytes:
    document = feed_document(feed)
    document["r57tui_snapshot"] = {
        "generated_at": meta.generated_at.isoformat(),
        "source": meta.source,
        # The changes in `views` (the agencies' change columns, the changes table) are
        # since this earlier feed; null without one.
        "baseline": None
        if meta.baseline is None or meta.baseline_as_of is None
        else {"file": meta.baseline, "as_of": meta.baseline_as_of.isoformat()},
        "rollup": {
            "total": _counts(rollup.total),
            "by_kind": {kind.value: _counts(c) for kind, c in rollup.by_kind.items()},
            "by_agency": {agency: _counts(c) for agency, c in rollup.by_agency.items()},
            "key_tasks": _counts(rollup.key_tasks),
            # By the member in charge; "" holds the tasks without one (never an owner:
            # the loader makes a blank owner none).
            "by_owner": {owner or "": _counts(c) for owner, c in rollup.by_owner.items()},
        },
        # `message` in English, as `r57tui check --json` gives it; `text` in the export's
        # language, as the findings table shows it.
        "findings": [
            {
                "code": finding.code,
                "where": finding.where,
                "record_id": finding.record_id,
                "message": finding.message,
                "text": finding.text(meta.language),
            }
            for finding in feed.findings
        ],
        "views": [
            {
                "table": table.name,
                "title": table.title,
                "columns": [column.key for column in table.columns],
                "rows": [[_plain(cell) for cell in row] for row in table.rows],
            }
            for table in tables
        ],
    }
    text = json.dumps(document, ensure_ascii=False, indent=1)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8") + b"\n"
