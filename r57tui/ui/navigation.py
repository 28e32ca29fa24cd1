"""Going to a task list: the big ones are made once and kept, but each opening starts
without filters, as a new list would (help_screen.filters_rule)."""

from __future__ import annotations

from typing import Any

from textual.app import App

from ..views import Scope, StateFilter
from .tasks_screen import TasksScreen


def open_tasks(app: App[Any], scope: Scope, state: StateFilter | None = None) -> None:
    """A task list; `state` chooses its state filter (due soon from the panel)."""
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
