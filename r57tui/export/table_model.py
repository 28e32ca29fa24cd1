"""The shapes every export is made of: a `Table` of typed cells in `Column`s, and the
`TableSpec` that says which table, filtered and sorted how (the dashboard makes one from
the view on screen, the `export` command from its flags). The tables themselves are built
in tables.py."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Literal

from ..consolidation import Consolidated
from ..views import NO_FACETS, Facets, Scope, SortOrder, StateFilter
from ..views.trends import TrendHistory

TableName = Literal[
    "agencies",
    "owners",
    "tasks",
    "at_risk",
    "indicators",
    "findings",
    "changes",
    "history",
    "trend",
    "sources",
]
TABLE_NAMES: tuple[TableName, ...] = ("agencies", "tasks", "at_risk", "indicators", "findings")
# With a baseline, "every table" also holds the tasks that changed since it.
TABLE_NAMES_WITH_BASELINE: tuple[TableName, ...] = (*TABLE_NAMES, "changes")
# "change": a signed difference (+6, −2, ±0), an int or a number; "ordinal": a row
# number (STT), written plain (1000, never 1.000); "lines": text of several lines (a
# task's notes, one a line), each line kept a line in every format.
CellKind = Literal["text", "int", "number", "percent", "date", "change", "ordinal", "lines"]
NUMERIC_KINDS: tuple[CellKind, ...] = ("int", "number", "percent", "change", "ordinal")
Cell = str | int | float | Decimal | date | None
# A task table's notes: the latest and its date, or every note (`--notes all`).
NotesChoice = Literal["latest", "all"]
NOTES_CHOICES: tuple[NotesChoice, ...] = ("latest", "all")


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    kind: CellKind = "text"
    # An id column's words in the table's language (`on_time` -> "trong hạn"): the JSON
    # snapshot keeps the ids, a document for people writes the words (readable.py).
    words: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    name: TableName
    title: str  # e.g. "Agencies — Localities, sorted by overdue ↓"
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]
    totals: tuple[Cell, ...] | None = None  # a totals row, for the agencies
    highlight: str | None = None  # a column whose non-zero values are flagged (overdue)
    # A percentage column's exact ratios (0 to 1), by column key: one per row, then the
    # totals'. The cells hold the percentage rounded as the screen shows it; a workbook
    # stores the exact ratio and formats it as that percentage.
    exact: Mapping[str, tuple[Fraction | None, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def column(self, key: str) -> int:
        return [column.key for column in self.columns].index(key)


@dataclass(frozen=True, slots=True)
class TableSpec:
    """Which table, filtered and sorted how. Defaults: the whole table, default sort."""

    table: TableName
    group: str = "all"  # agencies: all | ministry | branch | locality | other
    kinds: tuple[str, ...] | None = None  # agencies shown at all (config show_kinds)
    query: str = ""
    sort: str | SortOrder | None = None  # a sort id, or the order on screen (reversed)
    scope: Scope = field(default_factory=Scope.everything)  # tasks
    state: StateFilter = StateFilter.ALL  # tasks
    facets: Facets = NO_FACETS  # tasks: the list's facets, so the file holds what is shown
    change: str = "all"  # changes: all, or one ChangeKind value (the changes list's 0-5)
    indicator: str = ""  # history: the indicator's id
    notes: NotesChoice = "latest"  # tasks, changes: the latest note, or all of them
    # trend: the history's figures, read by whoever asks for the table (None: no history)
    trend: TrendHistory | None = field(default=None, compare=False)
    # Several sources added up (issue 24): the tasks table gains each row's source, and
    # the sources table each source's counts (None: one feed, as before).
    consolidated: Consolidated | None = field(default=None, compare=False)

    @property
    def slug(self) -> str:
        """What the file name says of the view: `tasks-locality-overdue` (sanitised later)."""
        parts: list[str] = [self.table]
        if self.table == "agencies" and self.group != "all":
            parts.append(self.group)
        if self.table in ("tasks", "at_risk", "changes") and self.scope.kind != "all":
            # An owner is a name from the feed, not a file name.
            parts.append("owner" if self.scope.kind == "owner" else self.scope.key)
        if self.table in ("tasks", "at_risk"):
            if self.table == "tasks" and self.state is not StateFilter.ALL:
                parts.append(self.state.value)
            if not self.facets.is_empty:
                parts.append("faceted")
        if self.table == "changes" and self.change != "all":
            parts.append(self.change)
        if self.table == "history":
            parts.append(self.indicator)
        if self.query:
            parts.append("filtered")
        return "-".join(parts)
