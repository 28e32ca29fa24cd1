"""The report of `r57tui check`: a feed's totals and every finding, as text or JSON.

The command that fetches the feed and prints this is r57tui/commands/check.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .consolidation import Consolidated
from .feed import Feed, Finding
from .groups import GROUPS
from .i18n.dates import format_as_of
from .i18n.message import Message
from .i18n.numbers import format_int, format_percent
from .i18n.strings import tr
from .rollup import Bucket, Counts, Rollup
from .safety import one_line

# "at risk": of the on-time tasks (not a fifth state), after what is already overdue.
_GROUP_COLUMNS = ("assigned", "completed", "%", "on time", "overdue", "at risk")


def report_text(feed: Feed, rollup: Rollup, size: int, language: str = "en") -> str:
    total = rollup.total

    def t(text: str) -> str:
        return tr(text, language)

    def n(value: int) -> str:
        return format_int(value, language)

    def pct(counts: Counts, bucket: Bucket) -> str:
        return format_percent(counts.share(bucket).percent(0), 0, language)

    labels = {key: t(key) for key in ("Assigned", "Completed", "On time", "Overdue")}
    width = max(map(len, labels.values())) + 2
    of_assigned = t("of assigned")
    lines = [
        one_line(feed.title or t("(untitled feed)")),
        " · ".join(
            (
                f"{t('As of')} {format_as_of(feed.as_of, offset=True, language=language)}",
                # What other feeds' same_as name this one by: a secretariat checks it here.
                *(
                    ()
                    if feed.feed_id is None
                    else (Message.of("feed id {id}", id=feed.feed_id).text(language),)
                ),
                f"{n(len(feed.agencies))} {t('agencies')}",
                f"{n(len(feed.indicators))} {t('indicators')}",
                f"{n(size)} {t('bytes')}",
            )
        ),
        "",
        f"{labels['Assigned']:<{width}}{n(total.assigned):>8}",
        f"{labels['Completed']:<{width}}{n(total.completed):>8}  "
        f"{pct(total, Bucket.COMPLETED):>4} {of_assigned}"
        f"  ({Message.of('of which {count} late', count=n(total.completed_late)).text(language)})",
        f"{labels['On time']:<{width}}{n(total.on_time):>8}  "
        f"{pct(total, Bucket.ON_TIME):>4} {of_assigned}",
        f"{labels['Overdue']:<{width}}{n(total.overdue):>8}  "
        f"{pct(total, Bucket.OVERDUE):>4} {of_assigned}",
        Message.of(
            "Due within {days} days: {count} open tasks",
            days=rollup.due_soon_days,
            count=n(len(rollup.due_soon)),
        ).text(language),
        Message.of(
            "Tasks at risk within {days} days: {count} "
            "(on time, behind the time gone or with no progress reported)",
            days=rollup.at_risk_days,
            count=n(len(rollup.at_risk)),
        ).text(language),
        "",
    ]
    headings = [t(key) for key in _GROUP_COLUMNS]
    widths = [max(len(h), 6) + 1 for h in headings]
    kinds = {group.key: group.kinds or frozenset() for group in GROUPS}
    groups = [
        (t(label), counts, rollup.at_risk_of_kinds(kinds[key]))
        for key, (label, counts) in group_counts(rollup).items()
    ]
    first = max(len(t("By group")), *(len(label) + 2 for label, _, _ in groups)) + 2

    def row(start: str, cells: Iterable[str]) -> str:
        return f"{start:<{first}}" + "".join(
            f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)
        )

    lines.append(row(t("By group"), headings))
    for label, counts, at_risk in groups:
        if counts.assigned:
            percent = format_percent(counts.share(Bucket.COMPLETED).percent(0), 0, language)
            lines.append(
                row(
                    f"  {label}",
                    (
                        n(counts.assigned),
                        n(counts.completed),
                        percent,
                        n(counts.on_time),
                        n(counts.overdue),
                        n(at_risk),
                    ),
                )
            )
    lines.append("")
    if feed.findings:
        lines.append(
            Message.of("{count} data-quality findings:", count=n(len(feed.findings))).text(language)
        )
        lines.extend(
            "  " + one_line(finding_line(finding, language), 300) for finding in feed.findings
        )
    else:
        lines.append(t("No data-quality findings."))
    return "\n".join(lines) + "\n"


def finding_line(finding: Finding, language: str) -> str:
    """`tasks[3] (T-7): what is wrong`, in `language`."""
    who = f" ({finding.record_id})" if finding.record_id else ""
    return f"{finding.where}{who}: {finding.text(language)}"


def group_counts(rollup: Rollup) -> dict[str, tuple[str, Counts]]:
    """Each agency group's label and counts, as the dashboard's tabs group them."""
    return {
        group.key: (group.label, sum((rollup.by_kind[kind] for kind in group.kinds), Counts()))
        for group in GROUPS
        if group.kinds is not None
    }


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
        "feed_id": feed.feed_id,
        "as_of": feed.as_of.isoformat(),
        "bytes": size,
        "totals": counts_json(rollup.total),
        # The dashboard's groups (Party bodies under "other"), by `export --kind`'s keys;
        # by_kind keeps each of the feed's five kinds apart, for scripts that read it.
        "by_agency_group": {
            key: counts_json(counts) for key, (_, counts) in group_counts(rollup).items()
        },
        "by_kind": {kind.value: counts_json(counts) for kind, counts in rollup.by_kind.items()},
        "agencies": len(feed.agencies),
        "indicators": len(feed.indicators),
        "due_soon": {"days": rollup.due_soon_days, "tasks": len(rollup.due_soon)},
        # The early warning (docs/feed-format.md, "At risk"): of the on-time tasks, so
        # not added to the totals; agencies with none are left out.
        "at_risk": {
            "days": rollup.at_risk_days,
            "tasks": len(rollup.at_risk),
            "by_agency_group": {
                group.key: rollup.at_risk_of_kinds(group.kinds)
                for group in GROUPS
                if group.kinds is not None
            },
            "by_agency": dict(rollup.at_risk_by_agency),
            "ids": [task.id for task in rollup.at_risk],
        },
        "findings": [
            {"code": f.code, "where": f.where, "id": f.record_id, "message": f.message}
            for f in feed.findings
        ],
    }


def several_text(
    reports: list[tuple[str, str | None]],
    consolidated: Consolidated,
    missing: list[str],
    rollup: Rollup,
    size: int,
    language: str = "en",
) -> str:
    """Each source's report (or why it could not be read), then the consolidated one:
    which sources it adds up, each one's as-of when they differ, the tasks counted once."""
    lines: list[str] = []
    for name, report in reports:
        lines.append(f"━━ {Message.of('Source {name}', name=name).text(language)} ━━")
        lines.append(report if report is not None else "")
    names = ", ".join(part.name for part in consolidated.parts)
    lines.append(f"━━ {Message.of('Consolidated: {names}', names=names).text(language)} ━━")
    if consolidated.mixed_dates:
        dates = "; ".join(
            f"{name} {format_as_of(as_of, offset=True, language=language)}"
            for name, as_of in consolidated.as_of_by_source.items()
        )
        lines.append(Message.of("Figures of different dates: {dates}", dates=dates).text(language))
    if consolidated.duplicates:
        lines.append(
            Message.of(
                "{count} tasks counted once, as the same task in another source",
                count=format_int(len(consolidated.duplicates), language),
            ).text(language)
        )
    if missing:
        lines.append(
            Message.of("Not added up (could not be read): {names}", names=", ".join(missing)).text(
                language
            )
        )
    lines.append(report_text(consolidated.feed, rollup, size, language))
    return "\n".join(lines)


def several_json(
    sources: list[dict[str, Any]], consolidated: Consolidated, rollup: Rollup, size: int
) -> dict[str, Any]:
    """`check --json` of several sources: each one's report, and the consolidated."""
    whole = report_json(consolidated.feed, rollup, size)
    failed = any(source["status"] == "refused" for source in sources)
    return {
        "status": "findings" if failed or consolidated.feed.findings else "clean",
        "sources": sources,
        "consolidated": {
            **whole,
            "sources": [part.name for part in consolidated.parts],
            "as_of_by_source": {
                name: as_of.isoformat() for name, as_of in consolidated.as_of_by_source.items()
            },
            "mixed_dates": consolidated.mixed_dates,
            "counted_once": dict(consolidated.duplicates),
            "missing": [s["name"] for s in sources if s["status"] == "refused"],
        },
    }
