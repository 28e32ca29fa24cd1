"""The agencies table: a row per lead agency, by kind, sortable, updated by key.

Rows are keyed by agency id, so a refresh keeps the cursor on the same agency even
when the sort order changes. Every figure is a roll-up figure; nothing is counted here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import DataTable

from ..feed import Agency, AgencyKind, Feed
from ..i18n.numbers import format_int, format_percent
from ..rollup import Bucket, Counts, Rollup
from ..safety import one_line

KIND_TABS: dict[str, tuple[str, frozenset[AgencyKind] | None]] = {
    "all": ("All", None),
    "ministry": ("Ministries", frozenset({AgencyKind.MINISTRY})),
    "branch": ("Branches", frozenset({AgencyKind.BRANCH})),
    "locality": ("Localities", frozenset({AgencyKind.LOCALITY})),
    "other": ("Other", frozenset({AgencyKind.PARTY, AgencyKind.OTHER})),
}


@dataclass(frozen=True)
class SortKey:
    label: str
    key: Callable[[Agency, Counts], object]
    descending: bool


def _percent_done(counts: Counts) -> float:
    share = counts.share(Bucket.COMPLETED)
    return -1.0 if share.whole == 0 else share.part / share.whole


SORTS = [
    SortKey("overdue ↓", lambda a, c: (c.overdue, c.assigned), True),
    SortKey("% completed ↑", lambda a, c: (_percent_done(c), -c.overdue), False),
    SortKey("assigned ↓", lambda a, c: c.assigned, True),
    SortKey("on time ↓", lambda a, c: c.on_time, True),
    SortKey("name", lambda a, c: a.name.casefold(), False),
]

# What a meeting looks at first comes first, so it is visible even at 80 columns.
COLUMNS = [
    ("agency", "Agency"),
    ("overdue", "! Overdue"),
    ("percent", "% done"),
    ("assigned", "Assigned"),
    ("completed", "✓ Done"),
    ("on_time", "◷ On time"),
    ("late", "late"),
    ("bar", ""),
]
BAR = 10
NAME_WIDTH = 30


def mini_bar(counts: Counts) -> Text:
    if counts.assigned == 0:
        return Text("·" * BAR, style="dim")
    done = round(counts.completed * BAR / counts.assigned)
    late = round(counts.overdue * BAR / counts.assigned)
    if counts.overdue and not late:
        late = 1
    done = min(done, BAR - late)
    text = Text("█" * done, style="green")
    text.append("░" * (BAR - done - late), style="blue")
    text.append("▓" * late, style="red")
    return text


class AgencyTable(DataTable[object]):
    """Lead agencies with their counts; `kind_tab` and `sort_index` choose what and how."""

    def __init__(self, language: str = "en", **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.language = language
        self.kind_tab = "all"
        self.sort_index = 0
        self._rows: list[str] = []
        self._cells: dict[str, tuple[object, ...]] = {}

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(label, key=key)

    def rows_for(self, feed: Feed, rollup: Rollup, kinds: set[str]) -> list[tuple[Agency, Counts]]:
        """The rows in view: agencies of the tab's kinds, with tasks, in sort order."""
        wanted = KIND_TABS[self.kind_tab][1]
        rows = [
            (feed.agencies[agency_id], counts)
            for agency_id, counts in rollup.by_agency.items()
            if counts.assigned
            and feed.agencies[agency_id].kind in kinds
            and (wanted is None or feed.agencies[agency_id].kind in wanted)
        ]
        sort = SORTS[self.sort_index]
        # Ties in name order, so the order is stable across refreshes.
        rows.sort(key=lambda row: row[0].name.casefold())
        rows.sort(key=lambda row: sort.key(*row), reverse=sort.descending)
        return rows

    def show(self, rows: list[tuple[Agency, Counts]]) -> None:
        """Show these rows; update cells in place when the rows are the same ones."""
        keys = [agency.id for agency, _ in rows]
        cells = {agency.id: self._cells_of(agency, counts) for agency, counts in rows}
        if keys == self._rows:
            for key in keys:
                if cells[key] != self._cells.get(key):
                    for (column, _), value in zip(COLUMNS, cells[key], strict=True):
                        self.update_cell(key, column, value)
        else:
            current = self.current_key()
            scroll = self.scroll_y
            self.clear()
            for key in keys:
                self.add_row(*cells[key], key=key)
            if current in cells:
                self.move_cursor(row=keys.index(current), animate=False)
            self.scroll_to(y=scroll, animate=False)
        self._rows = keys
        self._cells = cells

    def current_key(self) -> str | None:
        if not self._rows or self.cursor_row < 0 or self.cursor_row >= len(self._rows):
            return None
        return self._rows[self.cursor_row]

    def _cells_of(self, agency: Agency, counts: Counts) -> tuple[object, ...]:
        n = self._n
        overdue = Text(f"! {n(counts.overdue)}", style="bold red") if counts.overdue else Text("0")
        percent = format_percent(counts.share(Bucket.COMPLETED).percent(0), 0, self.language)
        return (
            Text(one_line(agency.display_name(self.language), NAME_WIDTH)),
            Text(overdue.plain, style=overdue.style, justify="right"),
            Text(percent, justify="right"),
            Text(n(counts.assigned), justify="right"),
            Text(n(counts.completed), justify="right"),
            Text(n(counts.on_time), justify="right"),
            Text(n(counts.completed_late), justify="right", style="dim"),
            mini_bar(counts),
        )

    def _n(self, value: int) -> str:
        return format_int(value, self.language)
