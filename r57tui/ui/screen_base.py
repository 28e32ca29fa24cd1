"""What every data screen has: the status line on top, the footer below, and a way to be
told that new figures arrived."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget

from ..export import TableSpec
from ..i18n.strings import tr, ui_text
from ..safety import one_line
from ..views import Scope, Sort, SortOrder, next_sort
from .binding_kinds import LocalFiles, local_actions
from .dashboard import Dashboard, dashboard
from .filter_bar import FilterBar
from .fitting import Part
from .keyed_table import KeyedTable
from .marks import ThemeColours
from .table_messages import SortBy


class DataScreen(Screen[None]):
    """A screen that shows figures from the app's current snapshot."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text("Back"), id="back"),
        LocalFiles("e", "export", ui_text("Export"), id="export"),
        LocalFiles("E", "export_dialog", ui_text("Export as…"), show=False, id="export_dialog"),
        LocalFiles("W", "report", ui_text("Report"), show=False, id="report"),
    ]
    # The actions above that write files.
    _EXPORTS = local_actions(each for each in BINDINGS if isinstance(each, Binding))

    def _compositor_refresh(self) -> None:
        # While the app holds its updates (Textual's batch: the start composes and mounts
        # in one), a frame drawn now would be thrown away unseen: it is left to the next
        # one, which draws what is still marked dirty. At the start that was a whole
        # frame, drawn before the first that reaches the terminal.
        if self.app._batch_count:
            return
        super()._compositor_refresh()

    def export_spec(self) -> TableSpec | None:
        """The table on screen, as the exports build it; None where there is none."""
        return None

    def changes_scope(self) -> Scope | None:
        """Whose changes `c` lists from here; None: those of the screen underneath."""
        return None

    def slide_in_view(self) -> str | None:
        """The slide `P` opens on from here (a slide id); None: the deck's first."""
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "report":
            # The report of what is in view: of the screen's scope, or the one under it.
            return not self.r57.read_only
        if action in self._EXPORTS:
            # Read-only (a served dashboard): hidden; the app says why if pressed.
            return not self.r57.read_only and self.export_spec() is not None
        return True

    def action_export(self) -> None:
        spec = self.export_spec()
        if spec is not None:
            self.r57.export_view([spec])

    def action_report(self) -> None:
        self.r57.export_report(scope_in_view(self.app.screen_stack))

    def action_export_dialog(self) -> None:
        spec = self.export_spec()
        if spec is not None:
            self.r57.open_export_dialog(spec)

    @property
    def r57(self) -> Dashboard:
        return dashboard(self.app)

    @property
    def language(self) -> str:
        return self.r57.language

    @property
    def colours(self) -> ThemeColours:
        return self.r57.colours

    # Set once the widgets exist: a resize or a refresh may come before.
    ready = False

    def show_snapshot(self) -> None:
        """Redraw from `self.r57.snapshot`; keep cursor, scroll, filter and sort."""

    def on_mount(self) -> None:
        self.ready = True
        self.r57.render_status()
        self.show_snapshot()

    def action_back(self) -> None:
        if self is not self.app.screen_stack[0]:
            self.app.pop_screen()


class FilteredScreen(DataScreen):
    """A data screen around one main table that `/` filters as you type (FilterBar):
    Enter keeps the filter and goes back to the table."""

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""

    def main_table(self) -> Widget:
        raise NotImplementedError

    def action_filter(self) -> None:
        bar = self.query_one(FilterBar)
        bar.value = self.query_text
        bar.open()

    @on(FilterBar.Changed)
    def _filter_changed(self, event: FilterBar.Changed) -> None:
        self.query_text = event.value
        self.show_snapshot()

    @on(FilterBar.Done)
    def _filter_done(self) -> None:
        self.main_table().focus()


SORT_NOTE_DROP = 5  # after on time and completed, before overdue and the total


class TableScreen(FilteredScreen):
    """A data screen around one main table with a `/` filter and a sort both ways.

    `s` cycles the sorts (each in its first direction), `R` reverses the order shown, a
    click on a column heading sorts by that column and a second click reverses it; the
    sorted column's heading carries the arrow (`sorted_column`). Subclasses set SORTS
    (the first is the default), COLUMN_SORTS (a column key that sorts by a differently
    named sort) and `main_table()`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # `S` saves a picture of the screen (the app's key): the other way is `R`.
        Binding("R", "reverse_sort", ui_text("Reverse sort"), show=False, id="reverse_sort"),
    ]
    # Told in the help (`?`) under the keys, in the app's language (catalogue keys).
    HELP_NOTES: ClassVar[tuple[str, ...]] = (
        "Sorting: s the next sort, R the same sort the other way; a click on a column's "
        "heading sorts by it, a second click the other way. The sorted column's heading "
        "shows ↓ (largest or last first) or ↑.",
    )
    SORTS: ClassVar[tuple[Sort, ...]] = ()
    COLUMN_SORTS: ClassVar[dict[str, str]] = {}

    def __init__(self) -> None:
        super().__init__()
        self.sort = SortOrder(self.SORTS[0].id)

    def sorted_column(self) -> tuple[str, str] | None:
        """The key of the column the table is sorted by and its arrow (`↓` largest or
        last first), for the column's heading; None when no column shows that sort."""
        column = next(
            (key for key, sort in self.COLUMN_SORTS.items() if sort == self.sort.key),
            self.sort.key,
        )
        return column, self.sort.arrow(self.SORTS)

    def view_notes(self) -> list[Part]:
        """`sorted by …` and `filter “…”`, for the totals line: the sort gives way first
        (its column's heading shows it too); the filter, which hides rows, shortens last."""
        lang = self.language
        sort = f"{tr('sorted by', lang)} {tr(self.sort.label(self.SORTS), lang)}"
        notes = [Part(Text(sort), drop=SORT_NOTE_DROP)]
        if self.query_text:
            query = Text(f"{tr('filter', lang)} “{one_line(self.query_text, 200)}”")
            notes.append(Part(query, shrink=12))
        return notes

    def sort_by(self, order: SortOrder) -> None:
        self.sort = order
        self.show_snapshot()

    def action_cycle_sort(self) -> None:
        self.sort_by(SortOrder(next_sort(self.SORTS, self.sort.key)))

    def action_reverse_sort(self) -> None:
        self.sort_by(SortOrder(self.sort.key, not self.sort.reversed))

    @on(KeyedTable.SortBy)
    def _sort_by_column(self, event: SortBy) -> None:
        if event.table is not self.main_table():
            return
        column = self.COLUMN_SORTS.get(event.column, event.column)
        if any(sort.id == column for sort in self.SORTS):
            # The same heading again: the other way.
            self.sort_by(self.sort.applied(column))


def view_in(stack: Sequence[object]) -> tuple[Scope, str | None]:
    """The list in view: the scope of the list on top of the screens (an agency's or
    owner's tasks, the group in view on the main screen), or of the list under a screen
    that has none of its own (a task, the findings), all when there is none; and the
    slide that list is presented as. `c` lists that scope's changes, `P` presents it."""
    for screen in reversed(stack):
        scope = screen.changes_scope() if isinstance(screen, DataScreen) else None
        if scope is not None:
            assert isinstance(screen, DataScreen)
            return scope, screen.slide_in_view()
    return Scope.everything(), None


def scope_in_view(stack: Sequence[object]) -> Scope:
    """What `c` lists the changes of (see `view_in`)."""
    return view_in(stack)[0]


def redraw_stack(app: App[Any]) -> None:
    """Every data screen on the app's stack shows the current figures: those in view now
    (the top one, and those a dialog leaves visible under it), the ones hidden under them
    once that frame is drawn. A screen nobody sees (the dashboard under 100k tasks) does
    not hold up the new figures in view."""
    stack = app.screen_stack
    seen = len(stack) - 1
    while seen > 0 and stack[seen].is_modal:
        seen -= 1
    for screen in stack[seen:]:
        if isinstance(screen, DataScreen):
            screen.show_snapshot()
    hidden = [screen for screen in stack[:seen] if isinstance(screen, DataScreen)]
    if hidden:
        app.call_after_refresh(_show_hidden, app, hidden)


def _show_hidden(app: App[Any], screens: list[DataScreen]) -> None:
    for screen in screens:
        if screen in app.screen_stack:  # not closed since
            screen.show_snapshot()
