"""Going places: a task list (the big ones are made once and kept, but each opening
starts without filters, as a new list would: help_screen.filters_rule), a task, the
findings, an indicator, the changes of the list in view, presentation mode, the help."""

from __future__ import annotations

from typing import Any

from textual.app import App

from ..views import Scope, StateFilter
from .screen_base import scope_in_view, view_in

# Each screen is imported where it is opened: the start draws the main screen only.


def open_tasks(app: App[Any], scope: Scope, state: StateFilter | None = None) -> None:
    """A task list; `state` chooses its state filter (due soon from the panel)."""
    from .tasks_screen import TasksScreen

    if scope.kind == "agency":
        app.push_screen(TasksScreen(scope, state or StateFilter.ALL))
        return
    # All tasks and a group's can be 100k rows: their screen is made once and kept
    # (installed), so opening it again costs a redraw, not a new screen.
    name = f"tasks:{scope.kind}:{scope.key}"
    if not app.is_screen_installed(name):
        app.install_screen(TasksScreen(scope), name)
    screen = app.get_screen(name)
    if isinstance(screen, TasksScreen):
        # Opened again, it starts as a new one would (the help's rule); shown on resuming.
        screen.start(state)
    app.push_screen(name)


class ScreenOpening(App[int]):
    """The screens the dashboard opens, by name and by key. A part of R57App."""

    language: str

    def open_tasks(self, scope: Scope, state: StateFilter | None = None) -> None:
        """A task list; `state` chooses its state filter (due soon from the panel)."""
        open_tasks(self, scope, state)

    def open_task(self, task_id: str) -> None:
        from .task_screen import TaskScreen

        self.push_screen(TaskScreen(task_id))

    def open_findings(self) -> None:
        from .findings_screen import FindingsScreen

        self.push_screen(FindingsScreen())

    def open_indicator(self, indicator_id: str) -> None:
        from .indicator_screen import IndicatorScreen

        self.push_screen(IndicatorScreen(indicator_id))

    def open_chart(
        self, group: str = "all", kinds: tuple[str, ...] | None = None, query: str = ""
    ) -> None:
        """The chart of the agencies table in view: its group, kinds and filter."""
        from .chart_screen import ChartScreen

        self.push_screen(ChartScreen(group, kinds, query))

    def action_changes(self) -> None:
        from .changes_screen import ChangesScreen

        if not isinstance(self.screen, ChangesScreen):
            self.push_screen(ChangesScreen(scope_in_view(self.screen_stack)))

    def open_slides(self) -> None:
        """The slides, "loading…" until figures come (`--present`)."""
        from .present_screen import PresentScreen  # here: a start without --present

        self.push_screen(PresentScreen())

    def presenting(self) -> bool:
        """Whether presentation mode is on: a slide on screen, or a dialog over one."""
        from .present_screen import PresentScreen  # here: the first frame needs no slide

        return any(isinstance(screen, PresentScreen) for screen in self.screen_stack)

    def action_present(self) -> None:
        """P: presentation mode, or back from it to the dashboard."""
        from .present_screen import PresentScreen

        if isinstance(self.screen, PresentScreen):
            self.screen.action_back()
        else:
            scope, slide = view_in(self.screen_stack)
            self.push_screen(PresentScreen(scope, slide))

    def action_help(self) -> None:
        from .help_screen import HelpScreen, binding_rows

        if not isinstance(self.screen, HelpScreen):
            notes = getattr(self.screen, "HELP_NOTES", ())
            self.push_screen(HelpScreen(binding_rows(self.screen), self.language, notes))
