"""The main screen: headline figures, agencies by group (or the tasks by owner, when the
feed names owners), indicators, and the ways in.

At 120 columns and wider the agencies and the indicators stand side by side; narrower,
one panel shows at a time and Tab switches between them.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import DataTable, Static, Tab, Tabs

from ..export import TableSpec
from ..feed import Agency
from ..groups import GROUP_LABELS
from ..i18n.numbers import format_int
from ..i18n.strings import tr, ui_text
from ..rollup import Counts, Rollup
from ..views import AGENCY_SORTS, AgencyRow, OwnerRow, Scope, StateFilter, agency_rows, owner_rows
from ..views.at_risk import at_risk_count
from .agencies import BAR_ROOM, AgencyTable, owner_key
from .binding_kinds import FooterPair
from .cursor_line import CursorLine, cursor_text
from .due_soon import DueSoonTable, due_soon_title
from .filter_bar import FilterBar
from .fitting import FittedLine, Part
from .footer import KeysFooter
from .headline import Headline, since_baseline
from .indicator_panel import IndicatorFilter, IndicatorPanel
from .keyed_table import KeyedTable
from .main_openings import MainOpenings
from .redraw import update_text
from .status import StatusLine
from .table_messages import Drill

WIDE = 120
# The side column (indicators above, due soon below), beside the agencies at WIDE columns
# and more, takes a share of the width: SIDE_SHARE of it, down to SIDE_LEAST while the
# agencies table cannot show every name whole, and what that table leaves when it can
# (the bar first, if the side keeps its share beside it).
SIDE_SHARE = 0.3
SIDE_LEAST = 38
# The tab after the groups, offered while the feed names owners: the tasks by owner.
OWNERS_TAB = "owners"


def side_width(width: int, agencies_natural: int, bar: int) -> int:
    """The side column's width beside an agencies table that needs `agencies_natural`
    to show every column whole, and `bar` more for its bars."""
    share = round(width * SIDE_SHARE)
    left = width - agencies_natural
    if left < share:
        return max(SIDE_LEAST, left)
    return left - bar if left - bar >= share else left


def split(table: AgencyTable, panel: Widget, width: int, natural: int) -> bool:
    """The agencies `table` fitted beside the side column `panel` (at WIDE columns and
    more; narrower, each takes the whole width in turn). True when the table's rows must
    be drawn again."""
    if width < WIDE:
        panel.styles.width = None  # the stylesheet's: the whole width, one panel at a time
        return table.fit(width)
    side = side_width(width, natural, BAR_ROOM)
    changed = table.fit(width - side)
    # Columns that gave way for whole names can leave room no other column fits in: the
    # side column takes it, rather than a blank band beside the table.
    used = table.used_width()
    side += max(0, width - side - used) if used else 0
    panel.styles.width = side
    return table.fit(width - side) or changed


class MainScreen(MainOpenings):
    CSS_PATH = "main_screen.tcss"
    SORTS = AGENCY_SORTS
    COLUMN_SORTS: ClassVar[dict[str, str]] = {"agency": "name"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text("Clear filter"), show=False, id="back"),
        Binding("slash", "filter", ui_text("Filter"), id="filter"),
        Binding("s", "cycle_sort", ui_text("Sort"), id="sort"),
        # In the footer as one entry, "[ ] Group": the tabs are not keys by themselves.
        FooterPair(
            "left_square_bracket",
            "previous_group",
            ui_text("Prev group"),
            id="previous_group",
        ),
        FooterPair(
            "right_square_bracket",
            "next_group",
            ui_text("Next group"),
            id="next_group",
            footer=ui_text("Group"),
        ),
        Binding("g", "group_tasks", ui_text("Group tasks"), show=False, id="group_tasks"),
        Binding("a", "all_tasks", ui_text("All tasks"), id="all_tasks"),
        # The status line shows "⚠ 3 findings (f)" when there are any: not in the footer.
        Binding("f", "findings", ui_text("Findings"), show=False, id="findings"),
        Binding("d", "due_soon", ui_text("Due soon"), id="due_soon"),
        Binding("w", "at_risk", ui_text("At risk"), id="at_risk"),
        Binding("v", "chart", ui_text("Chart"), id="chart"),
        Binding("tab", "next_panel", ui_text("Panel"), show=False, id="next_panel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.group = "all"
        self.by_owner = False  # the owners' tab: the tasks by owner, not by agency
        self._owners: dict[str, OwnerRow] = {}  # the owner rows shown, by row key
        self.panel = "agencies"
        # The snapshot and colours the side panels were drawn with.
        self._panels_of: tuple[object, dict[str, str]] | None = None
        self._natural = 0  # the agencies table's natural width the split was made for

    def main_table(self) -> KeyedTable:
        return self.query_one(AgencyTable)

    def export_spec(self) -> TableSpec:
        """The agencies as shown (group, filter, sort), or the indicators when they have focus."""
        indicators = self.query_one(IndicatorPanel)
        if indicators.has_focus:
            return TableSpec("indicators", query=indicators.query_text, sort=indicators.sort_id)
        if self.by_owner:
            return TableSpec("owners", query=self.query_text, sort=self.sort)
        return TableSpec(
            "agencies",
            group=self.group,
            kinds=tuple(self.r57.settings.show_kinds),
            query=self.query_text,
            sort=self.sort,
        )

    def changes_scope(self) -> Scope:
        return Scope.group(self.group)  # the group in view

    def compose(self) -> ComposeResult:
        lang, colours = self.language, self.colours
        # The layout for the terminal's width, before the panels are first styled: set
        # on the first resize instead, it styled every widget of the screen again.
        self.set_class(self.app.size.width >= WIDE, "-wide", update=False)
        yield StatusLine(lang, colours, id="status")
        yield Headline(lang, colours, id="headline")
        with Horizontal(id="panels"):
            with Vertical(id="agencies-panel"):
                yield Tabs(
                    *(Tab(tr(label, lang), id=key) for key, label in GROUP_LABELS.items()),
                    id="groups",
                )
                yield AgencyTable(lang, colours, id="agencies")
                yield CursorLine("", id="cursor-line")
                yield FittedLine(id="totals")
            with Vertical(id="indicators-panel"):
                yield FittedLine(id="indicators-title")
                yield IndicatorPanel(lang, colours, id="indicators")
                yield Static("", id="due-soon-title")
                yield DueSoonTable(lang, colours, id="due-soon")
        yield FilterBar(tr("Filter agencies: name, former name or id", lang), id="filter")
        yield IndicatorFilter(tr("Filter indicators: name or id", lang), id="indicator-filter")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(AgencyTable).focus()
        # DataScreen.on_mount runs after this by itself (Textual calls each class's handler).

    # Layout ---------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        wide = event.size.width >= WIDE
        self.set_class(wide, "-wide")
        self.set_class(not wide and self.panel == "indicators", "-show-indicators")
        if self._split(event.size.width):
            self.show_snapshot()

    def _split(self, width: int) -> bool:
        """Share the width between the agencies and the side column; fit the agencies.
        True when the agencies' rows must be drawn again."""
        table = self.query_one(AgencyTable)
        self._natural = table.natural_width()
        return split(table, self.query_one("#indicators-panel"), width, self._natural)

    def action_next_panel(self) -> None:
        # Agencies, then indicators, then due soon (the last two share the right column).
        order = ("agencies", "indicators", "due_soon")
        self.panel = order[(order.index(self.panel) + 1) % len(order)]
        narrow = not self.has_class("-wide")
        self.set_class(narrow and self.panel != "agencies", "-show-indicators")
        if self.panel == "indicators":
            self.query_one(IndicatorPanel).focus()
        elif self.panel == "due_soon":
            self.query_one(DueSoonTable).focus()
        else:
            self.query_one(AgencyTable).focus()

    # Figures --------------------------------------------------------------------------

    def show_snapshot(self) -> None:
        snapshot = self.r57.snapshot
        if snapshot is None or not self.ready:
            return
        feed, rollup, lang = snapshot.feed, snapshot.rollup, self.language
        offer_owners(self.query_one(Tabs), rollup, lang, self.group)
        table = self.query_one(AgencyTable)
        table.mark_sorted(*(self.sorted_column() or (None,)))
        changes = snapshot.live_changes()
        comparison = snapshot.comparison
        rows: list[AgencyRow] | list[OwnerRow]
        if self.by_owner:
            rows = owner_rows(rollup, query=self.query_text, sort=self.sort, language=lang)
            self._owners = {owner_key(row.owner): row for row in rows}
            table.set_owners(rollup.by_owner)
            moved = {owner_key(o): c for o, c in changes.by_owner.items()} if changes else None
        else:
            rows = agency_rows(
                feed,
                rollup,
                group=self.group,
                kinds=self.r57.settings.show_kinds,
                query=self.query_text,
                sort=self.sort,
                language=lang,
            )
            table.set_agencies(feed.agencies.values())
            moved = changes.by_agency if changes else None
        table.show_rows(rows, moved, comparison)
        if table.natural_width() != self._natural:
            # New names, wider figures or the baseline's columns: share the width again.
            self._natural = table.natural_width()
            if self._split(self.size.width):
                table.show_rows(rows, moved, comparison)
        scope = self._scope()
        label = tr(view_label(self.group, by_owner=self.by_owner), lang)
        moved_here = scope.changes(changes) if changes else None
        since, at_risk = since_baseline(comparison, scope, lang), at_risk_count(scope, feed, rollup)
        self.query_one(Headline).show(
            scope.counts(feed, rollup), label, moved_here, since, at_risk=at_risk
        )
        in_view = sum((row.counts for row in rows), Counts())
        noun = "owners" if self.by_owner else "agencies"
        self.query_one("#totals", FittedLine).show_parts(
            totals_parts(len(rows), in_view, lang, noun) + self.view_notes()
        )
        # Not at every keystroke of the agency filter: new figures or colours only.
        drawn, colours = self._panels_of, self.colours.table
        if drawn is None or drawn[0] is not snapshot or drawn[1] != colours:
            self._panels_of = (snapshot, colours)
            self.query_one(IndicatorPanel).show_indicators(feed.indicators)
            update_text(self.query_one("#due-soon-title", Static), due_soon_title(rollup, lang))
            self.query_one(DueSoonTable).show_due_soon(feed, rollup)

    # Actions --------------------------------------------------------------------------

    def action_next_group(self) -> None:
        self.query_one(Tabs).action_next_tab()

    def action_previous_group(self) -> None:
        self.query_one(Tabs).action_previous_tab()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "chart":
            return not self.by_owner  # the chart pictures agencies, not owners
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        if self.query_text:
            self.query_text = ""
            self.query_one(FilterBar).value = ""
            self.show_snapshot()

    @on(Tabs.TabActivated, "#groups")
    def _group_chosen(self, event: Tabs.TabActivated) -> None:
        if event.tab is None or event.tab.id is None:
            return
        self.by_owner = event.tab.id == OWNERS_TAB
        if not self.by_owner:
            self.group = event.tab.id
        self.refresh_bindings()
        self.show_snapshot()

    @on(DataTable.RowHighlighted, "#agencies")
    def _cursor_moved(self, event: DataTable.RowHighlighted) -> None:
        # The whole name of the agency the eye is on, whatever its column shows.
        snapshot = self.r57.snapshot
        key = event.row_key.value
        if self.by_owner and key in self._owners:
            # The owner's whole name (the feed's text).
            owner = self._owners[key].label(self.language)
            self.query_one(CursorLine).show_text(cursor_text("", first=owner))
            return
        if snapshot is not None and key is not None and key in snapshot.feed.agencies:
            line = agency_line(snapshot.feed.agencies[key], self.language)
            self.query_one(CursorLine).show_text(line)

    @on(KeyedTable.Drill, "#due-soon")
    def _open_due_soon(self, event: Drill) -> None:
        self.r57.open_tasks(Scope.agency(event.key), StateFilter.DUE_SOON)

    @on(KeyedTable.Drill, "#indicators")
    def _open_indicator(self, event: Drill) -> None:
        self.r57.open_indicator(event.key)

    @on(KeyedTable.Drill, "#agencies")
    def _open_agency(self, event: Drill) -> None:
        owner = self._owners.get(event.key) if self.by_owner else None
        if owner is not None:
            self.r57.open_tasks(owner.scope)
        elif not self.by_owner:
            self.r57.open_tasks(Scope.agency(event.key))


def agency_line(agency: Agency, lang: str) -> Text:
    """The whole name of the agency under the cursor, with the feed's short form, which
    its column may show (English: in plain letters)."""
    short = agency.short if agency.short and (lang != "en" or agency.short.isascii()) else ""
    return cursor_text(short, first=agency.display_name(lang))


def view_label(group: str, *, by_owner: bool) -> str:
    """What the table in view is (English: the catalogue's key), for the headline."""
    if by_owner:
        return "By owner"
    return "All agencies" if group == "all" else GROUP_LABELS[group]


def offer_owners(tabs: Tabs, rollup: Rollup, language: str, group: str) -> None:
    """The owners' tab, while the feed names owners (a feed without them has none); when
    it goes while chosen, the group shown before it comes back."""
    has_owners = any(owner is not None for owner in rollup.by_owner)
    offered = bool(tabs.query(f"#{OWNERS_TAB}"))
    if has_owners and not offered:
        tabs.add_tab(Tab(tr("Owners", language), id=OWNERS_TAB))
    elif offered and not has_owners:
        if tabs.active == OWNERS_TAB:
            tabs.active = group
        tabs.remove_tab(OWNERS_TAB)


def totals_parts(rows: int, in_view: Counts, lang: str, noun: str = "agencies") -> list[Part]:
    """`69 agencies · total 1,132 assigned, 485 completed, 561 on time, 86 overdue` (or
    `40 owners · …`): on one line, on time gives way first, then completed, then the sort
    (`view_notes`), then overdue, then the total."""
    n = format_int
    return [
        Part(Text(f"{n(rows, lang)} {tr(noun, lang)}"), lead=""),
        Part(
            Text(f"{tr('total', lang)} {n(in_view.assigned, lang)} {tr('assigned', lang)}"), drop=3
        ),
        Part(Text(f"{n(in_view.completed, lang)} {tr('completed', lang)}"), drop=6, lead=", "),
        Part(Text(f"{n(in_view.on_time, lang)} {tr('on time', lang)}"), drop=7, lead=", "),
        Part(Text(f"{n(in_view.overdue, lang)} {tr('overdue', lang)}"), drop=4, lead=", "),
    ]
