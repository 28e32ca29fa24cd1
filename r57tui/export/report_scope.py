"""Whose report the tables asked for make, and which of them go as its appendices: the
`export` command's flags and the dashboard's view say it in table specs, as for every
other format."""

from __future__ import annotations

from collections.abc import Sequence

from ..views import Scope, StateFilter
from .table_model import TableSpec


def report_scope(specs: Sequence[TableSpec]) -> Scope:
    """Whose report the tables asked for make: the scope of a task list (an agency, a
    group, an owner) or of the agencies' group; the whole feed otherwise."""
    for spec in specs:
        if spec.table in ("tasks", "changes") and spec.scope.kind != "all":
            return spec.scope
    for spec in specs:
        if spec.table == "agencies" and spec.group != "all":
            return Scope.group(spec.group)
    return Scope.everything()


def appendix_specs(specs: Sequence[TableSpec], scope: Scope) -> tuple[TableSpec, ...]:
    """The tables asked for that go as appendices: the agencies (not in one agency's
    letter), the owners, the changes, and a task list of an agency or an owner, filtered, or
    asked for alone (every task of the feed or of a group is no appendix: the body has
    their overdue and due soon)."""
    chosen = []
    for spec in specs:
        if (
            (spec.table == "agencies" and scope.kind != "agency")
            or spec.table in ("owners", "changes")
            or (
                spec.table == "tasks"
                and (
                    len(specs) == 1
                    or spec.scope.kind in ("agency", "owner")
                    or spec.state is not StateFilter.ALL
                    or spec.query
                    or not spec.facets.is_empty
                )
            )
        ):
            chosen.append(spec)
    return tuple(chosen)


def report_specs(scope: Scope, kinds: tuple[str, ...] | None = None) -> list[TableSpec]:
    """The tables of the report of `scope` (the dashboard's W): for the whole feed or a
    group, its agencies as the appendix; for an agency or an owner, its tasks — as
    `export --format docx` with `--kind` or `--agency` writes it."""
    if scope.kind in ("all", "group"):
        group = scope.key if scope.kind == "group" else "all"
        return [TableSpec("agencies", group=group, kinds=kinds)]
    return [TableSpec("tasks", kinds=kinds, scope=scope)]
