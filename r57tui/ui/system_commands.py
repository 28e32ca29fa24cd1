"""The palette's commands, all in the interface language: every action the dashboard
binds on the current screen, then the few of Textual's own it keeps (the theme picker,
maximize and minimize), retitled in words of ours.

Textual's commands are told apart by what they run, not by their English titles (which a
Textual release may reword). Textual's own bindings (its tables' "Cursor left", the
screen's "Copy selected text", its "palette" key) and any command of Textual's not known
here are left out: they would be English on a Vietnamese screen, and a command a later
Textual adds is offered only once it is looked at and given words here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, partial
from typing import Any

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider

from ..i18n.strings import tr
from .keys import bindings
from .palette import Palette


@cache
def _ours() -> frozenset[tuple[str | None, str]]:
    """What the dashboard declares, by binding id and action (a remapped key keeps both):
    gathered when the palette first asks, since it imports every screen."""
    return frozenset((binding.id, binding.action) for binding in bindings())


def ours(app: App[Any], screen: Screen[Any], language: str) -> Iterable[SystemCommand]:
    """A command for each of the dashboard's actions bound and enabled on the screen,
    once each."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if (binding.id, binding.action) not in _ours():
            continue
        if not binding.description or binding.action in seen or not active.enabled:
            continue
        seen.add(binding.action)
        yield SystemCommand(
            tr(binding.description, language),
            app.get_key_display(binding),
            partial(app.run_action, binding.action, active.node),
        )


def kept(app: App[Any], screen: Screen[Any]) -> dict[Callable[..., Any], tuple[str, str]]:
    """Textual's commands offered, by what they run: the title and help said in ours.

    Its Quit and Keys are left out (our q, and our help screen with the keys of the
    screen in the interface language), and so is its Screenshot, written to Downloads
    (ours, S, writes into the export folder like every export, and is hidden when
    read-only). None of these writes a file, so a read-only dashboard keeps them all."""
    return {
        app.action_change_theme: (
            "Choose a theme",
            "Every theme, each shown on screen as you move to it",
        ),
        screen.action_maximize: ("Maximize", "Show the panel in focus on the whole screen"),
        screen.action_minimize: ("Minimize", "Bring the panel back to its place"),
    }


def palette_commands(
    app: App[Any],
    screen: Screen[Any],
    textual_own: Iterable[SystemCommand],
    language: str,
) -> Iterable[SystemCommand]:
    """Ours, then those of Textual's own that are kept, in the interface language."""
    yield from ours(app, screen, language)
    words = kept(app, screen)
    for command in textual_own:
        found = words.get(command.callback)
        if found is not None:
            title, help_text = found
            yield SystemCommand(
                tr(title, language), tr(help_text, language), command.callback, command.discover
            )


class PaletteOpening(App[int]):
    """How the dashboard opens the palette: its own commands (above) and Textual's
    palette and theme picker with their prompt and "no matches" line in the interface
    language. A part of R57App, kept here beside the commands it lists."""

    language: str

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action bound on the current screen, then the theme picker and maximize."""
        textual_own = super().get_system_commands(screen)
        return palette_commands(self, screen, textual_own, self.language)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(Palette(self.language, "Search for commands…", id="--command-palette"))

    def search_themes(self) -> None:
        self.push_screen(Palette(self.language, "Search for themes…", providers=[ThemeProvider]))
