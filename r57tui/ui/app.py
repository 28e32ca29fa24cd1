"""The dashboard application: it wires the collaborators that do the work and owns the
keys.

Live refresh (live.py), the baseline (baseline_control.py), recording in the history
(history_control.py), the trends and replay of recorded meetings (replay_control.py),
exports and screenshots
(exports_control.py), the read-only policy (read_only.py), the theme kept
(theme_memory.py), the palette's commands (system_commands.py) and feed-health notices
(feed_notices.py) each live in their own module; the app holds one of each, routes its
actions and Textual's hooks to them, and draws. Screens reach the app only through the
`Dashboard` protocol (dashboard.py), never by importing this module.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.binding import BindingType
from textual.command import Provider
from textual.notifications import Notify, SeverityLevel
from textual.screen import Screen

from ..baseline import Baseline
from ..config import Settings
from ..export import TableSpec
from ..i18n.strings import default_language, tr
from ..sources import Source, Update
from ..sources.named import NamedSource
from ..views import Scope
from .app_bindings import APP_BINDINGS
from .baseline_control import BaselineControl
from .exit_signals import exit_on_signals
from .exports_control import Exports
from .held_notices import HeldNotices
from .history_control import HistoryControl
from .keys import bindings, check_keymap, quit_hint
from .main_screen import MainScreen
from .marks import ThemeColours
from .navigation import ScreenOpening
from .palette import PALETTE_PROVIDERS
from .read_only import ReadOnly
from .replay_control import ReplayControl, Replaying
from .screen_base import DataScreen, redraw_stack
from .snapshot import Snapshot
from .sources_control import SourcesControl, SourceSwitching
from .status import Health, StatusLine
from .system_commands import PaletteOpening
from .theme_memory import ThemeMemory, choose_theme, theme_folders
from .themes import APP_VARIABLES, LoadedThemes, load_themes

__all__ = ["R57App", "check_keymap", "choose_theme", "dashboard_app", "run_app", "theme_folders"]


class R57App(ScreenOpening, PaletteOpening, SourceSwitching, Replaying):
    TITLE = "r57tui"
    # The file's whole path: a relative one is read beside the module of the class
    # running, a subclass's in the tests.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    # Textual's own provider replaced by ours, which folds diacritics and finds
    # agencies, owners, indicators and tasks too (palette.py).
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = PALETTE_PROVIDERS
    # A mode, not get_default_screen(): Textual loads a screen's CSS_PATH only for screens
    # it installs itself, and the default screen is not one of them.
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {"main": MainScreen}
    DEFAULT_MODE = "main"
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS
    sources: SourcesControl
    replay: ReplayControl

    def __init__(
        self,
        settings: Settings,
        sources: Source | Sequence[NamedSource],
        *,
        themes: LoadedThemes | None = None,
        theme: str | None = None,
        state_file: Path | None = None,
        baseline: Path | str | None = None,
        history: Path | None = None,
        present: bool = False,
        read_only: bool = False,
    ) -> None:
        super().__init__()
        # --baseline: the earlier feed compared with; --present: start presenting;
        # --read-only: no exports and nothing written (a served dashboard).
        self.baseline_path = baseline
        self.start_presenting = present
        self.settings = settings
        # One source as it always was (a bare Source: the tests, `serve`); several named
        # ones each polled on their own, one in view at a time (sources_control.py).
        if isinstance(sources, Source):
            sources = [NamedSource(sources.label, sources, settings.refresh)]
        self.source = sources[0].source
        self.language = lang = settings.language or default_language()
        self.themes = themes if themes is not None else load_themes(theme_folders(settings))
        self.colours = ThemeColours()
        self.theme_memory = ThemeMemory(
            self,
            self.themes,
            self.colours,
            state_file,
            writes=lambda: not self.read_only,
            redraw=self._redraw,
        )
        self.theme = theme or choose_theme(self.themes, settings, None, state_file)
        # While the slides are shown, notifications wait for the deck to be left.
        self.held_notices = HeldNotices(self, self.presenting)
        self.policy = ReadOnly(read_only, bindings, settings.keys, lang, self.notify)
        self.sources = SourcesControl(
            self,
            sources,
            settings,
            lang,
            redraw=self.show_snapshot,
            status=self.render_status,
            baseline=lambda index: self.baselines.of(index),  # noqa: PLW0108 (made below)
        )
        # L records the live figures (never a replayed meeting's) in --history or the
        # config's; the trends, baselines and replay read the history of the source in view.
        self.history = HistoryControl(
            self,
            settings,
            history,
            lang,
            figures=self.sources.to_record,
            key=lambda: self.sources.key,
        )
        self.baselines = BaselineControl(
            self,
            settings,
            lang,
            history=self.history.path,
            snapshot=lambda: self.snapshot,
            redraw=self.show_snapshot,
            current=lambda: self.sources.current,
            key_of=self.sources.key_of,
        )
        self.exports = Exports(
            self,
            settings,
            lang,
            self.sources.label(),
            snapshot=lambda: self.snapshot,
            baseline=lambda: self.baseline,
            refused=self.policy.refuses,
        )

    # What tests and screens read, held by the collaborators -------------------------

    @property
    def read_only(self) -> bool:
        return self.policy.on

    @read_only.setter
    def read_only(self, on: bool) -> None:
        self.policy.on = on

    @property
    def snapshot(self) -> Snapshot | None:
        return self.replay.snapshot or self.sources.snapshot  # a recorded meeting's, or live

    @property
    def health(self) -> Health:
        return self.live.health

    @property
    def baseline(self) -> Baseline | None:
        return self.baselines.baseline

    @property
    def last_exports(self) -> list[Path]:
        return self.exports.last_exports

    def apply_update(self, update: Update, prepared: Snapshot | None = None) -> None:
        self.live.apply_update(update, prepared)

    def use_baseline(self, choice: Path | str | None) -> None:
        self.baselines.use(choice)

    def export_view(
        self, specs: list[TableSpec], fmt: str | None = None, folder: Path | None = None
    ) -> None:
        self.exports.view(specs, fmt, folder)

    def open_export_dialog(self, spec: TableSpec) -> None:
        self.exports.dialog(spec)

    def export_report(self, scope: Scope) -> None:
        self.exports.report(scope)

    # Start and hooks ----------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Textual's own themes, offered by the palette too, lack the app's colours.
        return {**super().get_theme_variable_defaults(), **APP_VARIABLES}

    def on_mount(self) -> None:
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        self.theme_memory.start(self.language)
        self.app_resume_signal.subscribe(self, self._repaint_after_resume)
        self.set_interval(1.0, self.render_status)
        if self.start_presenting:  # --present: "loading…" on the slide until figures come
            self.open_slides()
        self.start_polling()
        if self.baseline_path is not None:
            self.use_baseline(self.baseline_path)

    def _repaint_after_resume(self, app: object) -> None:
        # Back from Ctrl+Z / SIGTSTP (`fg`): the driver opens a fresh alternate screen,
        # and Textual repaints it only after its own App.suspend, so only what changed
        # (the status line's clock) was drawn on an otherwise empty screen.
        self.refresh(layout=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Read-only: no screenshot key in the footer, the help or the palette (DataScreen
        # hides e and E the same way); nor B (the folder it lists is the secretariat's).
        # One source: no switcher, so no word of sources anywhere.
        if action == "switch_source":
            return self.sources.several
        return self.policy.allows(action)

    def on_key(self, event: events.Key) -> None:
        # Read-only: the export keys are hidden, so they would do nothing; one pressed
        # from habit says why instead. (This runs before the app tries its bindings.)
        if isinstance(self.screen, DataScreen):
            self.policy.key_pressed(event.key)

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        # Textual's own screenshot (its palette command) writes a file too.
        if self.policy.refuses():
            return None
        return super().deliver_screenshot(filename, path, time_format)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Textual's notify, but plain text by default: our messages quote feed values,
        addresses and paths, which must never be read as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def on_notify(self, message: Notify) -> None:
        # Every notification, ours and Textual's (FeedNotices posts Notify itself), passes
        # here before Textual shows it; one held waits for the deck to be left.
        if self.held_notices.offer(message.notification):
            message.prevent_default()

    # Drawing ----------------------------------------------------------------------------

    def _redraw(self) -> None:
        self.show_snapshot()
        self.render_status()

    def show_snapshot(self) -> None:
        """Every screen on the stack redraws, so going back shows current figures; those
        in view first (screen_base.redraw_stack)."""
        redraw_stack(self)

    def render_status(self) -> None:
        facts = self.replay.status_facts(self.sources.facts())
        for screen in self.screen_stack:
            for line in screen.query(StatusLine):
                line.render_status(facts)

    # Actions ------------------------------------------------------------------------

    def action_save_svg(self) -> None:
        self.exports.screenshot()

    def action_cycle_theme(self) -> None:
        # On a slide the new colours say it; the theme's name is not for the room.
        self.theme_memory.cycle(self.language, say=not self.presenting())

    def action_pick_baseline(self) -> None:
        if not self.read_only and not self.said_per_source():
            self.baselines.pick()

    def action_record_history(self) -> None:
        if not self.policy.refuses():
            self.history.record()

    def action_help_quit(self) -> None:
        """Ctrl+C, pressed from habit: say which key quits, in the interface language.
        (Textual's own says it in English with markup, which our plain notify shows raw.)"""
        hint = quit_hint(self, self.active_bindings.values(), self.language)
        if hint is not None:
            self.notify(hint, title=tr("Do you want to quit?", self.language))


def dashboard_app(
    settings: Settings,
    sources: Source | Sequence[NamedSource],
    theme_flag: str | None = None,
    *,
    baseline: Path | str | None = None,
    history: Path | None = None,
    present: bool = False,
    read_only: bool = False,
) -> R57App:
    """The dashboard, its keys and theme checked (ConfigError); nothing drawn yet."""
    check_keymap(settings)
    themes = load_themes(theme_folders(settings))
    theme = choose_theme(themes, settings, theme_flag)
    return R57App(
        settings,
        sources,
        themes=themes,
        theme=theme,
        baseline=baseline,
        history=history,
        present=present,
        read_only=read_only,
    )


def run_app(app: R57App) -> int:
    """Run the dashboard until it exits: its exit code."""
    asyncio.run(_run_until_exit(app))
    return app.return_code or 0  # 1 after a crash (run() itself returns None then)


async def _run_until_exit(app: R57App) -> None:
    """`app.run()`, with SIGTERM, SIGHUP and SIGINT ending it as `q` does."""
    with exit_on_signals(app):
        await app.run_async()
