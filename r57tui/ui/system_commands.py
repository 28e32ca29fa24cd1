"""The palette's commands: every action bound on the current screen, in the interface
language, then Textual's own (theme, keys…).

Textual's commands are told apart by what they run, not by their English titles (which
the interface does not translate, and a Textual release may reword)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from ..i18n.strings import tr


def ours(app: App[Any], screen: Screen[Any], language: str) -> Iterable[SystemCommand]:
    """A command for each action bound and enabled on the screen, once each."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.action in seen or not active.enabled:
            continue
        seen.add(binding.action)
        yield SystemCommand(
            tr(binding.description, language),
            app.get_key_display(binding),
            partial(app.run_action, binding.action, active.node),
        )


def superseded(app: App[Any], actions: set[str]) -> set[Callable[..., Any]]:
    """Textual's commands that one of ours does already: its Quit (our q) and its Keys
    panel (our help screen, with the keys of the screen in the interface language)."""
    found: set[Callable[..., Any]] = set()
    if "quit" in actions:
        found.add(app.action_quit)
    if "help" in actions:
        found.update((app.action_show_help_panel, app.action_hide_help_panel))
    return found


def writes_nothing(app: App[Any], screen: Screen[Any]) -> set[Callable[..., Any]]:
    """Textual's commands known to write no file. A read-only dashboard offers only
    these: its Screenshot (a file in Downloads) is not, nor is any command a later
    Textual adds until it is looked at."""
    return {
        app.action_change_theme,
        app.action_quit,
        app.action_show_help_panel,
        app.action_hide_help_panel,
        screen.action_minimize,
        screen.action_maximize,
    }


def palette_commands(
    app: App[Any],
    screen: Screen[Any],
    textual_own: Iterable[SystemCommand],
    language: str,
    read_only: bool,
) -> Iterable[SystemCommand]:
    """Ours, then Textual's own that none of ours does already (and, read-only, only
    those that write nothing)."""
    yield from ours(app, screen, language)
    actions = {
        active.binding.action
        for active in screen.active_bindings.values()
        if active.binding.description and active.enabled
    }
    skip = superseded(app, {action.removeprefix("app.") for action in actions})
    allowed = writes_nothing(app, screen)
    for command in textual_own:
        if command.callback in skip:
            continue
        if read_only and command.callback not in allowed:
            continue
        yield command
