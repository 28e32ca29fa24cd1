"""The tasks at risk as an export table: the at-risk list (`w`) with each task's reason in
words, the same rule and words as the screen (views/at_risk.py)."""

from __future__ import annotations

from fractions import Fraction
from types import MappingProxyType

from ..feed import Feed
from ..groups import GROUP_TITLES
from ..i18n.strings import tr
from ..risk import judge_risk
from ..rollup import Rollup
from ..views import TASK_SORTS, StateFilter, TaskList, describe
from ..views.at_risk import risk_message
from ..views.owners import NO_OWNER_LABEL
from ..views.sorts import order_of
from .table_model import Cell, Column, Table, TableSpec


def at_risk_column(lang: str) -> Column:
    """The agencies' and owners' count of tasks at risk, of their on-time tasks."""
    return Column("at_risk", tr("At risk", lang), "int")


def at_risk_table(spec: TableSpec, feed: Feed, rollup: Rollup, lang: str) -> Table:
    """The tasks of `spec`'s scope at risk (whatever its state filter), with its facets,
    text filter and sort: one row per task, its reason last."""
    sort = order_of(spec.sort or TASK_SORTS[0].id)
    listing = TaskList.of_rollup(feed, spec.scope, lang, rollup)
    tasks = listing.rows(StateFilter.AT_RISK, spec.query, sort, spec.facets)
    columns = (
        Column("id", tr("Id", lang)),
        Column("title", tr("Title", lang)),
        Column("agency_id", tr("Lead agency id", lang)),
        Column("agency", tr("Lead agency", lang)),
        Column("owner", tr("Owner", lang)),
        Column("due", tr("Due", lang)),
        Column("deadline", tr("Deadline", lang), "date"),
        Column("days_left", tr("Days left", lang), "int"),
        Column("progress", tr("Progress %", lang), "int"),
        Column("time_gone", tr("% of the time gone", lang), "percent"),
        Column("reason", tr("Why at risk", lang)),
    )
    body: list[tuple[Cell, ...]] = []
    exact: list[Fraction | None] = []  # the time gone, exactly (a workbook stores it)
    for task in tasks:
        risk = judge_risk(task, rollup.as_of, rollup.at_risk_days)
        if risk is None:  # the roll-up listed it: not expected
            continue
        gone = risk.time_gone.percent(0) if risk.time_gone is not None else None
        share = risk.time_gone
        exact.append(None if share is None else Fraction(share.part, share.whole))
        body.append(
            (
                task.id,
                task.title,
                task.agency,
                feed.agency_name(task.agency, lang),
                task.owner,
                task.due,
                task.deadline,
                task.days_left,
                task.progress,
                gone,
                risk_message(risk, lang).text(lang),
            )
        )
    scope = spec.scope
    if scope.kind == "agency":
        where = feed.agency_name(scope.key, lang)
    elif scope.kind == "group":
        where = tr(GROUP_TITLES[scope.key], lang)
    elif scope.kind == "owner":
        where = scope.owner_name or tr(NO_OWNER_LABEL, lang)
    else:
        where = tr("All tasks", lang)
    filters = describe(feed, spec.facets, lang)
    if filters:
        where += f", {filters}"
    days = rollup.at_risk_days
    title = (
        f"{tr('Tasks at risk', lang)} — {where} — "
        f"{tr('due within {days} days', lang).format(days=days)}, "
        f"{tr('sorted by', lang)} {tr(sort.label(TASK_SORTS), lang)}"
    )
    if spec.query:
        title += f", {tr('filter', lang)} “{spec.query}”"
    return Table(
        "at_risk", title, columns, body, exact=MappingProxyType({"time_gone": tuple(exact)})
    )
