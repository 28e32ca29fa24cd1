"""Format-neutral tables: what an export holds, built by the same views as the screen.

A `TableSpec` says which table and how it is filtered and sorted (the dashboard makes one
from the view on screen, the `export` command from its flags); `build_table` turns it into
a `Table` of typed cells. Every count comes from the roll-up and every percentage is the
roll-up's, rounded as on screen, so an export and the screen can never disagree.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from ..baseline import ChangeKind, Comparison
from ..feed import Feed
from ..groups import GROUP_TITLES
from ..i18n.dates import format_date
from ..i18n.strings import tr
from ..rollup import Bucket, Counts, Rollup, Share
from ..views import (
    AGENCY_SORTS,
    TASK_SORTS,
    Scope,
    TaskList,
    agency_rows,
    change_list,
    describe,
    owner_rows,
    scope_title,
)
from ..views.owners import NO_OWNER_LABEL, owners_total
from ..views.sorts import order_of
from ..views.words import KIND_WORDS, STATE_WORDS
from .at_risk_table import at_risk_column, at_risk_table
from .count_cells import PERCENT_DECIMALS, count_columns, counts_cells
from .indicator_tables import history_table, indicators_table
from .notes import note_cells, note_columns
from .sources_table import sources_table
from .table_model import (
    Cell,
    Column,
    NotesChoice,
    Table,
    TableSpec,
)
from .trend_table import trend_table


# Percentages are shown with no decimals on screen; exports use the same rounding.
def _ratio(share: Share) -> Fraction | None:
    return Fraction(share.part, share.whole) if share.whole > 0 else None


def _exact(counts: list[Counts]) -> MappingProxyType[str, tuple[Fraction | None, ...]]:
    """The exact ratios behind the rounded percentages of rows with these `counts`."""
    return MappingProxyType(
        {
            "percent_completed": tuple(_ratio(c.share(Bucket.COMPLETED)) for c in counts),
            "overdue_rate": tuple(_ratio(c.overdue_rate) for c in counts),
        }
    )


def _suffix(spec: TableSpec, sort_label: str, lang: str) -> str:
    text = f"{tr('sorted by', lang)} {tr(sort_label, lang)}"
    if spec.query:
        text += f", {tr('filter', lang)} “{spec.query}”"
    return text


def _change_columns(comparison: Comparison, lang: str) -> tuple[Column, ...]:
    since = format_date(comparison.baseline.feed.as_of_date, lang)
    return (
        Column("completed_change", f"{tr('Completed', lang)} ± {since}", "change"),
        Column("overdue_change", f"{tr('Overdue', lang)} ± {since}", "change"),
    )


def _change_cells(moved: dict[Bucket, int]) -> tuple[Cell, ...]:
    return (moved.get(Bucket.COMPLETED, 0), moved.get(Bucket.OVERDUE, 0))


def _words(words: dict[Any, str], lang: str) -> tuple[tuple[str, str], ...]:
    """An id column's words in `lang`, for the documents people read."""
    return tuple((str(key.value), tr(word, lang)) for key, word in words.items())


def agencies_table(
    spec: TableSpec,
    feed: Feed,
    rollup: Rollup,
    lang: str,
    comparison: Comparison | None = None,
) -> Table:
    sort = order_of(spec.sort or AGENCY_SORTS[0].id)
    rows = agency_rows(
        feed,
        rollup,
        group=spec.group,
        kinds=spec.kinds,
        query=spec.query,
        sort=sort,
        language=lang,
    )
    columns = (
        Column("agency_id", tr("Id", lang)),
        Column("agency", tr("Agency", lang)),
        Column("kind", tr("Kind", lang), words=_words(KIND_WORDS, lang)),
        *count_columns(lang),
        Column("overdue_rate", tr("% overdue", lang), "percent"),
        at_risk_column(lang),
        *(_change_columns(comparison, lang) if comparison else ()),
    )
    body = [
        (
            row.agency.id,
            row.agency.display_name(lang),
            row.agency.kind.value,
            *counts_cells(row.counts),
            _rate(row.counts),
            row.at_risk,
            *(_change_cells(comparison.of_agency(row.agency.id)) if comparison else ()),
        )
        for row in rows
    ]
    total = sum((row.counts for row in rows), Counts())
    at_risk = sum(row.at_risk for row in rows)
    totals: tuple[Cell, ...] = ("", tr("Total", lang), "", *counts_cells(total), _rate(total))
    totals += (at_risk,)
    if comparison:
        # The change of the rows shown (a filter or a group shows a part): their total now
        # against theirs in the baseline.
        before = comparison.baseline.rollup.by_agency
        then = sum((before.get(row.agency.id, Counts()) for row in rows), Counts())
        totals += _change_cells(total.change_since(then))
    label = tr(GROUP_TITLES[spec.group], lang)
    return Table(
        "agencies",
        f"{label} — {_suffix(spec, sort.label(AGENCY_SORTS), lang)}",
        columns,
        body,
        totals=totals,
        highlight="overdue",
        exact=_exact([*(row.counts for row in rows), total]),
    )


def owners_table(
    spec: TableSpec, rollup: Rollup, lang: str, comparison: Comparison | None = None
) -> Table:
    """The tasks by owner (the member in charge), as the main screen's owners' tab shows
    them: the agencies' figures, the tasks without an owner last in name order."""
    sort = order_of(spec.sort or AGENCY_SORTS[0].id)
    rows = owner_rows(rollup, query=spec.query, sort=sort, language=lang)
    columns = (
        Column("owner", tr("Owner", lang)),
        *count_columns(lang),
        Column("overdue_rate", tr("% overdue", lang), "percent"),
        at_risk_column(lang),
        *(_change_columns(comparison, lang) if comparison else ()),
    )
    body = [
        (
            row.label(lang),
            *counts_cells(row.counts),
            _rate(row.counts),
            row.at_risk,
            *(_change_cells(comparison.of_owner(row.owner)) if comparison else ()),
        )
        for row in rows
    ]
    total = owners_total(rows)
    at_risk = sum(row.at_risk for row in rows)
    totals: tuple[Cell, ...] = (tr("Total", lang), *counts_cells(total), _rate(total), at_risk)
    if comparison:
        before = comparison.baseline.rollup.by_owner
        then = sum((before.get(row.owner, Counts()) for row in rows), Counts())
        totals += _change_cells(total.change_since(then))
    return Table(
        "owners",
        f"{tr('By owner', lang)} — {_suffix(spec, sort.label(AGENCY_SORTS), lang)}",
        columns,
        body,
        totals=totals,
        highlight="overdue",
        exact=_exact([*(row.counts for row in rows), total]),
    )


def _rate(counts: Counts) -> Decimal | None:
    return counts.overdue_rate.percent(PERCENT_DECIMALS)


def tasks_table(spec: TableSpec, feed: Feed, rollup: Rollup, lang: str) -> Table:
    sort = order_of(spec.sort or TASK_SORTS[0].id)
    # Due soon and at risk as the roll-up judged them, within their horizons (the settings).
    listing = TaskList.of_rollup(feed, spec.scope, lang, rollup)
    tasks = listing.rows(spec.state, spec.query, sort, spec.facets)
    columns = (
        Column("id", tr("Id", lang)),
        Column("title", tr("Title", lang)),
        Column("agency_id", tr("Lead agency id", lang)),
        Column("agency", tr("Lead agency", lang)),
        Column("owner", tr("Owner", lang)),
        Column("state", tr("State", lang), words=_words(STATE_WORDS, lang)),
        Column("due", tr("Due", lang)),
        Column("deadline", tr("Deadline", lang), "date"),
        Column("days_overdue", tr("Days overdue", lang), "int"),
        Column("days_left", tr("Days left", lang), "int"),
        Column("progress", tr("Progress %", lang), "int"),
        Column("completed", tr("Completed on", lang), "date"),
        Column("co_agencies", tr("Co-agencies", lang)),
        Column("source", tr("Source", lang)),
        Column("group", tr("Group", lang)),
        Column("key_task", tr("Key task", lang)),
        *note_columns(spec.notes, lang),
    )
    # Several sources: each row says which, and its id there (`T-0001` in two sources).
    several = spec.consolidated if spec.consolidated and len(spec.consolidated.parts) > 1 else None
    if several is not None:
        columns = (Column("feed_source", tr("Data source", lang)), *columns)
    body: list[tuple[Cell, ...]] = [
        (
            *(several.origin_of(task.id) if several is not None else (task.id,)),
            task.title,
            task.agency,
            feed.agency_name(task.agency, lang),
            task.owner,
            task.state.value,
            task.due,
            task.deadline,
            task.days_overdue,
            task.days_left,
            task.progress,
            task.completed,
            "; ".join(feed.agency_name(a, lang) for a in task.co_agencies),
            task.source,
            task.group,
            tr("yes", lang) if task.key_task else "",
            *note_cells(task, spec.notes, lang),
        )
        for task in tasks
    ]
    if spec.scope.kind == "agency":
        where = feed.agency_name(spec.scope.key, lang)
    elif spec.scope.kind == "group":
        where = tr(GROUP_TITLES[spec.scope.key], lang)
    elif spec.scope.kind == "owner":
        where = spec.scope.owner_name or tr(NO_OWNER_LABEL, lang)
    else:
        where = tr("All tasks", lang)
    # The facets and the state in words, as the list's headline says them (the text
    # filter is named by the suffix).
    filters = describe(feed, spec.facets, lang, state=spec.state)
    if filters:
        where += f", {filters}"
    return Table(
        "tasks",
        f"{where} — {_suffix(spec, sort.label(TASK_SORTS), lang)}",
        columns,
        body,
        highlight="days_overdue",
    )


def findings_table(feed: Feed, lang: str) -> Table:
    columns = (
        Column("code", tr("Finding", lang)),
        Column("where", tr("Where", lang)),
        Column("id", tr("Id", lang)),
        Column("message", tr("What", lang)),
    )
    body: list[tuple[Cell, ...]] = [
        (tr(f.kind, lang), f.where, f.record_id, f.text(lang)) for f in feed.findings
    ]
    return Table("findings", tr("Data-quality findings", lang), columns, body)


CHANGE_LABELS = {
    ChangeKind.COMPLETED: "newly completed",
    ChangeKind.OVERDUE: "newly overdue",
    ChangeKind.NEW: "new",
    ChangeKind.REMOVED: "removed",
    ChangeKind.OTHER: "other change",
}


def changes_table(
    feed: Feed,
    comparison: Comparison | None,
    lang: str,
    change: str = "all",
    scope: Scope | None = None,
    query: str = "",
    notes: NotesChoice = "latest",
) -> Table:
    """The tasks that changed state since the baseline (empty without one), as the changes
    list shows them: within `scope`, `change` one kind or all, matching `query`."""
    columns = (
        Column("change", tr("Change", lang), words=_words(CHANGE_LABELS, lang)),
        Column("id", tr("Id", lang)),
        Column("title", tr("Title", lang)),
        Column("agency_id", tr("Lead agency id", lang)),
        Column("agency", tr("Lead agency", lang)),
        Column("was", tr("Was", lang), words=_words(STATE_WORDS, lang)),
        Column("now", tr("Now", lang), words=_words(STATE_WORDS, lang)),
        Column("due", tr("Due", lang)),
        Column("completed", tr("Completed on", lang), "date"),
        *note_columns(notes, lang),
    )
    body: list[tuple[Cell, ...]] = []
    title = tr("Changes since the baseline", lang)
    if comparison is not None:
        base = comparison.baseline
        when = format_date(base.feed.as_of_date, lang)
        title += f" ({base.label}, {tr('as of', lang)} {when})"
        scope = scope or Scope.everything()
        if scope.kind != "all":
            title += f" — {scope_title(scope, feed, lang)}"
        kind = None if change == "all" else ChangeKind(change)
        if kind is not None:
            title += f" — {tr(CHANGE_LABELS[kind], lang)}"
        if query.strip():
            title += f", {tr('filter', lang)} “{query}”"
        for moved in change_list(comparison, feed, scope, kind, query).shown:
            task = moved.task
            names = base.feed if moved.kind is ChangeKind.REMOVED else feed
            body.append(
                (
                    moved.kind.value,
                    task.id,
                    task.title,
                    task.agency,
                    names.agency_name(task.agency, lang),
                    moved.was.value if moved.was else "",
                    moved.now.value if moved.now else "",
                    task.due,
                    task.completed,
                    *note_cells(task, notes, lang),
                )
            )
    return Table("changes", title, columns, body)


def build_table(
    spec: TableSpec,
    feed: Feed,
    rollup: Rollup,
    lang: str,
    comparison: Comparison | None = None,
) -> Table:
    """The table `spec` asks for; with `comparison`, the agencies carry their change
    since the baseline and the changes table lists the tasks."""
    if spec.table == "agencies":
        return agencies_table(spec, feed, rollup, lang, comparison)
    if spec.table == "owners":
        return owners_table(spec, rollup, lang, comparison)
    if spec.table == "tasks":
        return tasks_table(spec, feed, rollup, lang)
    if spec.table == "at_risk":
        return at_risk_table(spec, feed, rollup, lang)
    if spec.table == "indicators":
        return indicators_table(feed, lang, spec)
    if spec.table == "changes":
        return changes_table(
            feed, comparison, lang, spec.change, spec.scope, spec.query, spec.notes
        )
    if spec.table == "history":
        return history_table(feed, lang, spec.indicator)
    if spec.table == "trend":
        return trend_table(spec.trend, lang)
    if spec.table == "sources":
        return sources_table(spec.consolidated, rollup, lang)
    return findings_table(feed, lang)
