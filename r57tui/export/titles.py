"""What a table is called where a person reads it: "Overdue tasks of Điện Biên", "Agencies
— Localities". The file written keeps its ASCII-safe slug (`tasks-DIEN-BIEN-overdue`,
`TableSpec.slug`); the export dialog names the view in words, in the interface language."""

from __future__ import annotations

from ..baseline import ChangeKind
from ..feed import Feed
from ..groups import GROUP_TITLES
from ..i18n.message import Message
from ..i18n.strings import tr
from ..views import StateFilter, scope_title
from .table_model import TableSpec
from .tables import CHANGE_LABELS

# A task list by its state filter; "All tasks" when it is neither filtered nor scoped.
TASKS_IN_STATE = {
    StateFilter.ALL: "Tasks",
    StateFilter.COMPLETED: "Completed tasks",
    StateFilter.ON_TIME: "Tasks on time",
    StateFilter.OVERDUE: "Overdue tasks",
    StateFilter.DUE_SOON: "Tasks due soon",
    StateFilter.AT_RISK: "Tasks at risk",
}
TABLE_TITLES = {
    "agencies": "Agencies",
    "owners": "By owner",
    "indicators": "Indicators",
    "findings": "Data-quality findings",
    "changes": "Changes since the baseline",
    "sources": "Sources",
}


def view_title(spec: TableSpec, feed: Feed, language: str) -> str:
    """The view in words, in `language`; a name from the feed as the feed gives it."""
    lang = language
    if spec.table in ("tasks", "at_risk"):
        title = _tasks_title(spec, feed, lang)
    elif spec.table == "history":
        found = next((item for item in feed.indicators if item.id == spec.indicator), None)
        name = found.display_name(lang) if found is not None else spec.indicator
        title = f"{tr('History', lang)} — {name}"
    else:
        title = tr(TABLE_TITLES[spec.table], lang)
        if spec.table == "agencies" and spec.group != "all":
            title += f" — {tr(GROUP_TITLES[spec.group], lang)}"
        if spec.table == "changes" and spec.scope.kind != "all":
            title += f" — {scope_title(spec.scope, feed, lang)}"
        if spec.table == "changes" and spec.change != "all":
            title += f" — {tr(CHANGE_LABELS[ChangeKind(spec.change)], lang)}"
    if spec.query:
        title += f", {tr('filter', lang)} “{spec.query}”"
    return title


def _tasks_title(spec: TableSpec, feed: Feed, lang: str) -> str:
    scope = spec.scope
    state = StateFilter.AT_RISK if spec.table == "at_risk" else spec.state
    if scope.kind == "all" and state is StateFilter.ALL:
        return tr("All tasks", lang)
    tasks = tr(TASKS_IN_STATE[state], lang)
    if scope.kind == "agency":
        agency = feed.agency_name(scope.key, lang)
        return Message.of("{tasks} of {agency}", tasks=tasks, agency=agency).text(lang)
    if scope.kind == "group":
        return f"{tasks} — {tr(GROUP_TITLES[scope.key], lang)}"
    return tasks
