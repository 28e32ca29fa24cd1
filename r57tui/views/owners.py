"""The owner rows of a table: the members in charge of tasks, with their counts, as the
agency rows are made (same columns, same sorts), and the scope each opens."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n.collation import sort_key
from ..i18n.search import Matcher, fold_fields
from ..i18n.strings import tr
from ..rollup import Counts, Rollup
from .agencies import sort_counted
from .scopes import Scope
from .sorts import SortOrder

# The row of tasks without an owner: listed last in name order, and named in words.
NO_OWNER_LABEL = "(no owner)"
# What of an owner is folded for the filter (as for an agency's names).
_SEARCHED_CHARS = 1000


@dataclass(frozen=True, slots=True)
class OwnerRow:
    owner: str | None  # None: the tasks no member is in charge of
    counts: Counts
    at_risk: int = 0  # of `counts.on_time`: due before the next meeting and behind

    def label(self, language: str) -> str:
        """The owner as written by the feed (data: shown as text, never markup), or
        "(no owner)" in the interface language."""
        return tr(NO_OWNER_LABEL, language) if self.owner is None else self.owner

    @property
    def scope(self) -> Scope:
        """The task list this row opens (drill-down): that owner's tasks."""
        return Scope.owner(self.owner)


def owner_rows(
    rollup: Rollup,
    *,
    query: str = "",
    sort: str | SortOrder = "overdue",
    language: str = "vi",
    with_no_owner: bool = True,
) -> list[OwnerRow]:
    """Owners with tasks, matching `query`, sorted by `sort` as `agency_rows` sorts.

    Ties (and the `name` sort) follow Vietnamese alphabetical order. The tasks without an
    owner come after every named owner whatever the order: they are a remainder, not a
    member to compare (their 57 overdue would head "most overdue" above every person);
    `with_no_owner=False` leaves that row out.
    """
    matcher = Matcher(query)
    rows = []
    for owner, counts in rollup.by_owner.items():
        if not counts.assigned or (owner is None and not with_no_owner):
            continue
        if not matcher.is_blank:
            label = OwnerRow(owner, counts).label(language)
            if not matcher.matches_folded(fold_fields(label[:_SEARCHED_CHARS])):
                continue
        rows.append(OwnerRow(owner, counts, rollup.at_risk_by_owner.get(owner, 0)))
    rows.sort(key=lambda row: (row.owner is None, sort_key(row.owner)))
    ordered = sort_counted(rows, sort)
    return [row for row in ordered if row.owner is not None] + [
        row for row in ordered if row.owner is None
    ]


def owners_total(rows: list[OwnerRow]) -> Counts:
    """The totals row of the rows shown."""
    return sum((row.counts for row in rows), Counts())
