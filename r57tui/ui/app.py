"""The dashboard application: live refresh, the screens, help, palette and key remapping.

Live refresh follows one rule: never two fetches at once, and the next one is scheduled
when the previous one ends (`set_timer`, not `set_interval`), so a slow source is never
piled up on. A failed refresh keeps the last good figures on screen, marked stale, and
notifies once; an unchanged source costs no parse and no redraw.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from ..app_state import load_state, remember
from ..config import ConfigError, Settings, export_folder, user_config_dir
from ..export import TABLE_NAMES, ExportError, ExportMeta, TableSpec, export
from ..export.files import file_name, write_new
from ..feed import Feed
from ..i18n.dates import format_as_of
from ..i18n.message import Message
from ..i18n.strings import default_language, tr, ui_text
from ..rollup import roll_up
from ..sources import Failed, NewFeed, Source, Unchanged, Update
from ..views import TASK_SORTS, Scope, feed_index
from .export_dialog import ExportChoice, ExportDialog
from .findings_screen import FindingsScreen
from .help_screen import HelpScreen, binding_rows
from .main_screen import MainScreen
from .marks import apply_theme_colours
from .palette import AgencyCommands
from .screen_base import DataScreen
from .snapshot import MARK_SECONDS, Snapshot
from .status import Health, StatusFacts, StatusLine
from .task_screen import TaskScreen
from .tasks_screen import TasksScreen
from .themes import APP_VARIABLES, DEFAULT_THEME, LoadedThemes, load_themes


class R57App(App[int]):
    TITLE = "r57tui"
    COMMANDS = App.COMMANDS | {AgencyCommands}
    # A mode, not get_default_screen(): Textual loads a screen's CSS_PATH only for screens
    # it installs itself, and the default screen is not one of them.
    MODES: ClassVar[dict[str, type[Screen[object]]]] = {"main": MainScreen}  # type: ignore[dict-item]
    DEFAULT_MODE = "main"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", ui_text("Quit"), id="quit"),
        Binding("r", "refresh", ui_text("Refresh"), id="refresh"),
        Binding("p", "pause", ui_text("Pause"), id="pause"),
        Binding("question_mark,f1", "help", ui_text("Keys"), id="help"),
        Binding("S", "save_svg", ui_text("Screenshot"), id="screenshot"),
        Binding("t", "cycle_theme", ui_text("Next theme"), id="theme"),
    ]

    def __init__(
        self,
        settings: Settings,
        source: Source,
        *,
        themes: LoadedThemes | None = None,
        theme: str | None = None,
        state_file: Path | None = None,
        baseline: Path | None = None,
        present: bool = False,
        read_only: bool = False,
    ) -> None:
        super().__init__()
        # --baseline: the earlier feed every figure is compared with (since the last
        # meeting); --present: start in presentation mode; --read-only: no exports and
        # nothing written (a served dashboard).
        self.baseline_path = baseline
        self.start_presenting = present
        self.read_only = read_only
        self.settings = settings
        self.source = source
        # Themes: shipped and the user's, the one to start with, and where the choice is
        # remembered (None: the user config dir).
        self.themes = themes if themes is not None else load_themes(theme_folders(settings))
        for loaded in self.themes.themes:
            self.register_theme(loaded)
        self.theme = theme or choose_theme(self.themes, settings, None, state_file)
        self.state_file = state_file
        self._remember_timer: Timer | None = None
        self.language = settings.language or default_language()
        self.snapshot: Snapshot | None = None
        self.health = Health(paused=settings.refresh == 0)
        self._polling = False
        self._timer: Timer | None = None
        self._marks_timer: Timer | None = None
        self.mark_seconds = MARK_SECONDS
        self.last_exports: list[Path] = []

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Textual's own themes, offered by the palette too, lack the app's colours.
        return {**super().get_theme_variable_defaults(), **APP_VARIABLES}

    def on_mount(self) -> None:
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        apply_theme_colours(self.theme_variables)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.themes.problems:
            self.notify(
                "\n".join(self.themes.problems),
                title=tr("Theme files skipped", self.language),
                severity="warning",
                timeout=15,
            )
        self.set_interval(1.0, self.render_status)
        self.source.on_activity = self.render_status
        self._poll_now()

    # Themes -------------------------------------------------------------------------

    def _theme_changed(self, theme: Theme) -> None:
        apply_theme_colours(self.theme_variables)
        self.show_snapshot()
        self.render_status()
        # The palette previews themes as you move through them: remember the one kept.
        if self._remember_timer is not None:
            self._remember_timer.stop()
        self._remember_timer = self.set_timer(1.0, self._remember_theme)

    def _remember_theme(self) -> None:
        problem = remember("theme", self.theme, self.state_file)
        if problem is not None:
            self.notify(problem, severity="warning")

    def action_cycle_theme(self) -> None:
        names = self.themes.names
        if not names:
            return
        at = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(at + 1) % len(names)]
        self.notify(self.theme, title=tr("Theme", self.language), timeout=2)

    # Live refresh -------------------------------------------------------------------

    def _poll_now(self) -> None:
        if self._polling:
            return
        self._polling = True
        self.health.refreshing = True
        self.render_status()
        self.run_worker(self._poll(), group="poll", exit_on_error=False)

    async def _poll(self) -> None:
        prepared: Snapshot | None = None
        try:
            update = await self.source.poll()
            if isinstance(update, NewFeed):
                # Roll-up, what moved, and the default task order, off the event loop too.
                prepared = await asyncio.to_thread(self.next_snapshot, update.feed)
        finally:
            self._polling = False
            self.health.refreshing = False
        self.apply_update(update, prepared)
        self._schedule_next()

    def next_snapshot(self, feed: Feed) -> Snapshot:
        """The snapshot a new feed makes (safe to call from a thread)."""
        rollup = roll_up(feed, due_soon_days=self.settings.due_soon_days)
        snapshot = Snapshot.after(self.snapshot, feed, rollup, self.mark_seconds)
        feed_index(feed, self.language).order(TASK_SORTS[0].id)
        return snapshot

    def _schedule_next(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.health.paused and self.settings.refresh > 0:
            self._timer = self.set_timer(self.settings.refresh, self._poll_now)

    def apply_update(self, update: Update, prepared: Snapshot | None = None) -> None:
        """Take what a poll brought: new figures, nothing new, or a failure. `prepared` is
        the new feed's snapshot when it was made off the event loop."""
        now = time.monotonic()
        lang = self.language
        if isinstance(update, Failed):
            message = update.text(lang)
            if self.health.error is None:
                self.health.failing_since = now
                self.notify(message, title=tr("Feed not updated", lang), severity="error")
            self.health.error = message
        else:
            assert isinstance(update, NewFeed | Unchanged)
            if self.health.error is not None:
                self.notify(tr("The feed is back.", lang), title=tr("Recovered", lang))
            self.health.error = None
            self.health.failing_since = None
            self.health.refreshed_at = now
            if isinstance(update, NewFeed):
                self.snapshot = prepared or self.next_snapshot(update.feed)
                self.show_snapshot()
                # The search text, made off the event loop after the figures are up, so
                # the first filter keystroke on 100k tasks does not wait for it.
                self.run_worker(
                    feed_index(update.feed, lang).warm,
                    thread=True,
                    group="warm",
                    exit_on_error=False,
                )
                if self.snapshot.marked_until:
                    if self._marks_timer is not None:
                        self._marks_timer.stop()
                    self._marks_timer = self.set_timer(self.mark_seconds + 0.05, self.show_snapshot)
        self.render_status()

    # Rendering ----------------------------------------------------------------------

    def show_snapshot(self) -> None:
        """Every screen on the stack redraws, so going back shows current figures."""
        for screen in self.screen_stack:
            if isinstance(screen, DataScreen):
                screen.show_snapshot()

    def render_status(self) -> None:
        activity = self.source.activity
        self.health.activity = activity.text(self.language) if activity is not None else None
        if self.snapshot is None:
            facts = StatusFacts("r57tui", "–", self.source.label, self.health, has_figures=False)
        else:
            feed = self.snapshot.feed
            facts = StatusFacts(
                feed.title or "",
                format_as_of(feed.as_of, language=self.language),
                self.source.label,
                self.health,
                len(feed.findings),
            )
        for screen in self.screen_stack:
            for line in screen.query(StatusLine):
                line.render_status(facts)

    # Navigation ---------------------------------------------------------------------

    def open_tasks(self, scope: Scope) -> None:
        if scope.kind == "agency":
            self.push_screen(TasksScreen(scope))
            return
        # All tasks and a group's can be 100k rows: their screen is made once and kept
        # (installed), so opening it again costs a redraw, not a new screen.
        name = f"tasks:{scope.kind}:{scope.key}"
        if not self.is_screen_installed(name):
            self.install_screen(TasksScreen(scope), name)
        self.push_screen(name)

    def open_task(self, task_id: str) -> None:
        self.push_screen(TaskScreen(task_id))

    def open_findings(self) -> None:
        self.push_screen(FindingsScreen())

    # Exports ------------------------------------------------------------------------

    def export_meta(self) -> ExportMeta | None:
        if self.snapshot is None:
            return None
        feed = self.snapshot.feed
        return ExportMeta(
            feed.title or "",
            feed.as_of,
            self.source.label,
            datetime.now().astimezone(),
            self.language,
        )

    def export_view(
        self, specs: list[TableSpec], fmt: str | None = None, folder: Path | None = None
    ) -> None:
        """Write the tables in a thread; a notification gives the path, or why not."""
        meta = self.export_meta()
        if meta is None or self.snapshot is None:
            self.notify(tr("No figures to export yet.", self.language), severity="warning")
            return
        snapshot = self.snapshot
        chosen = fmt or self.settings.export.format
        target = folder or export_folder(self.settings)

        def write() -> None:
            try:
                paths = export(
                    specs,
                    snapshot.feed,
                    snapshot.rollup,
                    meta,
                    fmt=chosen,
                    folder=target,
                    delimiter=self.settings.export.csv_delimiter,
                )
            except ExportError as exc:
                self.call_from_thread(
                    self.notify,
                    exc.text(self.language),
                    title=tr("Export failed", self.language),
                    severity="error",
                )
                return
            self.call_from_thread(self._exported, paths)

        self.run_worker(write, thread=True, group="export", exit_on_error=False)

    def _exported(self, paths: list[Path]) -> None:
        self.last_exports = paths
        self.notify(
            "\n".join(str(path.resolve()) for path in paths),
            title=tr("Exported", self.language),
            timeout=10,
        )

    def open_export_dialog(self, spec: TableSpec) -> None:
        view = spec.slug

        def chosen(choice: ExportChoice | None) -> None:
            if choice is None:
                return
            specs = [spec]
            if choice.all_tables:
                specs = [spec if name == spec.table else TableSpec(name) for name in TABLE_NAMES]
            self.export_view(specs, choice.fmt, choice.folder)

        self.push_screen(
            ExportDialog(
                self.settings.export.format, export_folder(self.settings), view, self.language
            ),
            chosen,
        )

    def action_save_svg(self) -> None:
        """The screen as it is, as an SVG (Textual's own), written like every export."""
        meta = self.export_meta()
        svg = self.export_screenshot()
        as_of = meta.as_of if meta else datetime.now().astimezone()
        now = datetime.now().astimezone()
        try:
            path = write_new(
                export_folder(self.settings),
                file_name("screen", as_of, now, "svg"),
                svg.encode("utf-8"),
            )
        except ExportError as exc:
            self.notify(
                exc.text(self.language),
                title=tr("Screenshot failed", self.language),
                severity="error",
            )
            return
        self._exported([path])

    # Actions ------------------------------------------------------------------------

    def action_refresh(self) -> None:
        self._poll_now()

    def action_pause(self) -> None:
        self.health.paused = not self.health.paused
        if self.health.paused:
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            self.notify(tr("Live refresh paused; p resumes.", self.language))
        else:
            self._poll_now()
        self.render_status()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(binding_rows(self.screen), self.language))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action bound on the current screen, then Textual's own (theme, keys…)."""
        seen: set[str] = set()
        titles: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            title = tr(binding.description, self.language)
            titles.add(title)
            yield SystemCommand(
                title,
                self.get_key_display(binding),
                partial(self.run_action, binding.action, active.node),
            )
        for command in super().get_system_commands(screen):
            if command.title not in titles:  # "Quit" and "Keys" are ours already
                yield command

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

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # A refresh that raised is a bug, not a feed problem (sources answer Failed): say
        # so on screen and in the log, keep the last figures, and keep refreshing.
        if event.state is WorkerState.ERROR and event.worker.group == "poll":
            self._polling = False
            self.health.refreshing = False
            error = event.worker.error
            self.log.error(f"refresh failed: {error!r}")
            self.notify(
                f"{type(error).__name__}: {error}",
                title=tr("Internal error while refreshing", self.language),
                severity="error",
            )
            self._schedule_next()

    async def on_unmount(self) -> None:
        await self.source.aclose()


def check_keymap(settings: Settings) -> None:
    """Refuse a `[keys]` table naming a binding the dashboard does not have."""
    from .keys import binding_ids

    known = binding_ids()
    unknown = sorted(set(settings.keys) - known)
    if unknown:
        raise ConfigError(
            Message.of(
                "{where}: no binding {names}; binding ids are {ids}",
                where=settings.where("[keys]"),
                names=", ".join(map(repr, unknown)),
                ids=", ".join(sorted(known)),
            )
        )


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


def run_app(
    settings: Settings,
    source: Source,
    theme_flag: str | None = None,
    *,
    baseline: Path | None = None,
    present: bool = False,
    read_only: bool = False,
) -> int:
    check_keymap(settings)
    themes = load_themes(theme_folders(settings))
    theme = choose_theme(themes, settings, theme_flag)
    app = R57App(
        settings,
        source,
        themes=themes,
        theme=theme,
        baseline=baseline,
        present=present,
        read_only=read_only,
    )
    app.run()
    return app.return_code or 0  # 1 after a crash (run() itself returns None then)
