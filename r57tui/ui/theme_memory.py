"""Which theme the dashboard starts with, and remembering the one kept (state.toml)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.theme import Theme
from textual.timer import Timer

from ..app_state import load_state, remember
from ..config import ConfigError, Settings, user_config_dir
from ..i18n.message import Message
from ..i18n.strings import tr
from .marks import ThemeColours
from .themes import DEFAULT_THEME, LoadedThemes


def theme_folders(settings: Settings) -> list[Path]:
    """Where user themes are looked for: the config dir's themes/, and `themes_dir`."""
    folders = [user_config_dir() / "themes"]
    if settings.themes_dir is not None:
        folders.append(settings.themes_dir)
    return folders


def choose_theme(
    themes: LoadedThemes,
    settings: Settings,
    flag: str | None = None,
    state_file: Path | None = None,
) -> str:
    """`--theme`, else the theme last chosen with t or the palette, else the config's,
    else the default. A named theme that does not exist is a ConfigError (exit 2)."""
    names = themes.names
    for given, what in ((flag, "--theme"), (settings.theme, settings.where("theme"))):
        if given is not None and given not in names:
            raise ConfigError(
                Message.of(
                    "{what}: no theme {name}; themes: {names}",
                    what=what,
                    name=repr(given),
                    names=", ".join(names),
                )
            )
    if flag is not None:
        return flag
    remembered = load_state(state_file).get("theme")
    if isinstance(remembered, str) and remembered in names:
        return remembered
    if settings.theme is not None:
        return settings.theme
    return DEFAULT_THEME if DEFAULT_THEME in names else names[0]


def next_theme(names: list[str], current: str) -> str | None:
    """The theme `t` moves to (the first after an unknown one); None with no themes."""
    if not names:
        return None
    at = names.index(current) if current in names else -1
    return names[(at + 1) % len(names)]


class ThemeMemory:
    """The themes offered, the colours of the one in use, and remembering the one kept.

    The theme is remembered a second after the last change: the palette previews themes
    as you move through them, and only the one kept is written. `writes` is asked each
    time (a read-only dashboard changes the theme on screen, writes nothing); `redraw`
    redraws every screen in the new colours."""

    DELAY = 1.0

    def __init__(
        self,
        app: App[Any],
        themes: LoadedThemes,
        colours: ThemeColours,
        state_file: Path | None,
        *,
        writes: Callable[[], bool],
        redraw: Callable[[], None],
    ) -> None:
        self.app = app
        self.themes = themes
        self.colours = colours
        self.state_file = state_file  # None: the user config dir
        self._writes, self._redraw = writes, redraw
        self._timer: Timer | None = None
        for loaded in themes.themes:
            app.register_theme(loaded)

    def start(self, language: str) -> None:
        """Once mounted: the theme's colours, and the theme files that were skipped."""
        self.colours.apply(self.app.theme_variables)
        self.app.theme_changed_signal.subscribe(self.app, self._changed)
        if self.themes.problems:
            self.app.notify(
                "\n".join(self.themes.problems),
                title=tr("Theme files skipped", language),
                severity="warning",
                timeout=15,
            )

    def cycle(self, language: str, *, say: bool = True) -> None:
        """t: the next theme, said in a short notification (unless `say` is False)."""
        name = next_theme(self.themes.names, self.app.theme)
        if name is not None:
            self.app.theme = name
            if say:
                self.app.notify(name, title=tr("Theme", language), timeout=2)

    def _changed(self, theme: Theme) -> None:
        self.colours.apply(self.app.theme_variables)
        self._redraw()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(self.DELAY, self.remember)

    def remember(self) -> None:
        if not self._writes():
            return
        problem = remember("theme", self.app.theme, self.state_file)
        if problem is not None:
            self.app.notify(problem, severity="warning")
