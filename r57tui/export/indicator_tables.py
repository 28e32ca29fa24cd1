"""The indicators' tables: the indicators as the panel shows them, and one indicator's
values by period as its screen lists them."""

from __future__ import annotations

from ..feed import Feed
from ..i18n.strings import tr
from ..indicators import assess
from ..views import SortOrder
from ..views.indicators import INDICATOR_SORTS, history_points, indicator_rows
from ..views.sorts import order_of
from .table_model import Cell, Column, Table, TableSpec


def indicators_table(feed: Feed, lang: str, spec: TableSpec | None = None) -> Table:
    """The indicators as the panel shows them: its filter and its sort (a sort of another
    table's, from a command line naming one for every table, leaves the feed's order)."""
    columns = (
        Column("id", tr("Id", lang)),
        Column("indicator", tr("Indicator", lang)),
        Column("value", tr("Value", lang), "number"),
        Column("unit", tr("Unit", lang)),
        Column("period", tr("Period", lang)),
        Column("target", tr("Target", lang), "number"),
        Column("direction", tr("Better when", lang)),
        Column("mark", tr("Against target", lang)),
        Column("change", tr("Change", lang), "change"),
        Column("previous_period", tr("Previous period", lang)),
    )
    body: list[tuple[Cell, ...]] = []
    order = order_of(spec.sort) if spec is not None and spec.sort is not None else None
    if order is None or order.key not in {sort.id for sort in INDICATOR_SORTS}:
        order = SortOrder(INDICATOR_SORTS[0].id)
    shown = indicator_rows(
        feed.indicators, query=spec.query if spec else "", sort=order, language=lang
    )
    for item in shown:
        standing = assess(item)
        body.append(
            (
                item.id,
                item.display_name(lang),
                item.value,
                item.unit_for(lang),
                item.period,
                item.target,
                tr("higher" if item.direction.value == "up" else "lower", lang),
                "" if standing.rag.value == "none" else tr(standing.rag.value, lang),
                standing.change,
                standing.previous.period if standing.previous else None,
            )
        )
    return Table("indicators", tr("Indicators", lang), columns, body)


def history_table(feed: Feed, lang: str, indicator_id: str) -> Table:
    """An indicator's values by period, oldest first, with the change since the period
    before, as its screen lists them (empty when the feed no longer has it)."""
    columns = (
        Column("period", tr("Period", lang)),
        Column("value", tr("Value", lang), "number"),
        Column("unit", tr("Unit", lang)),
        Column("change", tr("Change", lang), "change"),
    )
    found = next((item for item in feed.indicators if item.id == indicator_id), None)
    if found is None:
        return Table("history", tr("History", lang), columns, [])
    body: list[tuple[Cell, ...]] = [
        (point.period, point.value, found.unit_for(lang), point.change)
        for point in history_points(found)
    ]
    title = f"{tr('History', lang)} — {found.display_name(lang)}"
    return Table("history", title, columns, body)
