"""The dashboard application: live refresh, the screens, help, palette and key remapping.

Live refresh follows one rule: never two fetches at once, and the next one is scheduled
when the previous one ends (`set_timer`, not `set_interval`), so a slow source is never
piled up on. A failed refresh keeps the last good figures on screen, marked stale; so
does a feed older than the one on screen (the status line says the source went back, and
to when). An outage is notified once, however the source flaps (`FeedNotices`); an
unchanged source costs no parse and no redraw.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import Notify, SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from ..app_state import load_state, remember
from ..baseline import Baseline, BaselineError, compare, load_baseline
from ..config import ConfigError, Settings, export_folder, user_config_dir
from ..export import (
    TABLE_NAMES,
    TABLE_NAMES_WITH_BASELINE,
    ExportError,
    ExportMeta,
    TableSpec,
    export_files,
)
from ..export.files import file_name, write_new
from ..feed import Feed
from ..i18n.dates import format_as_of
from ..i18n.message import Message
from ..i18n.strings import default_language, tr, ui_text
from ..rollup import roll_up
from ..sources import Failed, NewFeed, Source, Unchanged, Update, WentBack
from ..sources.detached import off_loop
from ..views import TASK_SORTS, Scope, StateFilter, feed_index
from .baseline_picker import BaselinePicker
from .changes_screen import ChangesScreen
from .exit_signals import exit_on_signals
from .export_dialog import ExportChoice, ExportDialog
from .feed_notices import FeedNotices
from .findings_screen import FindingsScreen
from .help_screen import HelpScreen, binding_rows
from .main_screen import MainScreen
from .marks import apply_theme_colours
from .palette import AgencyCommands
from .present_screen import PresentScreen
from .screen_base import DataScreen
from .snapshot import MARK_SECONDS, Snapshot
from .status import Health, StatusFacts, StatusLine
from .task_screen import TaskScreen
from .tasks_screen import TasksScreen
from .themes import APP_VARIABLES, DEFAULT_THEME, LoadedThemes, load_themes

# The bindings that write files: off in read-only mode.
EXPORT_BINDINGS = frozenset({"export", "export_dialog", "screenshot"})


class R57App(App[int]):
    TITLE = "r57tui"
    COMMANDS = App.COMMANDS | {AgencyCommands}
    # A mode, not get_default_screen(): Textual loads a screen's CSS_PATH only for screens
    # it installs itself, and the default screen is not one of them.
    MODES: ClassVar[dict[str, type[Screen[object]]]] = {"main": MainScreen}  # type: ignore[dict-item]
    DEFAULT_MODE = "main"
    BINDINGS: ClassVar[list[BindingType]] = [
        # In the footer: the help first (every other key is there, and in the palette),
        # presenting, quitting; the rest would only be cut off at the right.
        Binding("question_mark,f1", "help", ui_text("Keys"), id="help"),
        Binding("P", "present", ui_text("Present"), id="present"),
        Binding("q", "quit", ui_text("Quit"), id="quit"),
        Binding("r", "refresh", ui_text("Refresh"), show=False, id="refresh"),
        Binding("p", "pause", ui_text("Pause"), show=False, id="pause"),
        Binding("S", "save_svg", ui_text("Screenshot"), show=False, id="screenshot"),
        Binding("t", "cycle_theme", ui_text("Next theme"), show=False, id="theme"),
        Binding("c", "changes", ui_text("Changes"), show=False, id="changes"),
        Binding("B", "pick_baseline", ui_text("Baseline"), show=False, id="baseline"),
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
        self.feed_notices = FeedNotices(
            lambda notification: self.post_message(Notify(notification)),
            self.language,
            on_demand=settings.refresh == 0,
            timeout=self.NOTIFICATION_TIMEOUT,
        )
        self._polling = False
        self._timer: Timer | None = None
        self._marks_timer: Timer | None = None
        self.mark_seconds = MARK_SECONDS
        self.last_exports: list[Path] = []
        self._export_keys = self._keys_of(EXPORT_BINDINGS) if read_only else frozenset()
        self.baseline: Baseline | None = None  # loaded from baseline_path, or picked with B

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Textual's own themes, offered by the palette too, lack the app's colours.
        return {**super().get_theme_variable_defaults(), **APP_VARIABLES}

    def on_mount(self) -> None:
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        apply_theme_colours(self.theme_variables)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.app_resume_signal.subscribe(self, self._repaint_after_resume)
        if self.themes.problems:
            self.notify(
                "\n".join(self.themes.problems),
                title=tr("Theme files skipped", self.language),
                severity="warning",
                timeout=15,
            )
        self.set_interval(1.0, self.render_status)
        self.source.on_activity = self.render_status
        if self.start_presenting:  # --present: "loading…" on the slide until figures come
            self.push_screen(PresentScreen())
        self._poll_now()
        if self.baseline_path is not None:
            self.use_baseline(self.baseline_path)

    def _repaint_after_resume(self, app: object) -> None:
        # Back from Ctrl+Z / SIGTSTP (`fg`): the driver opens a fresh alternate screen,
        # and Textual repaints it only after its own App.suspend, so only what changed
        # (the status line's clock) was drawn on an otherwise empty screen.
        self.refresh(layout=True)

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
        if self.read_only:  # the theme changes on screen; nothing is written
            return
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
                # (A daemon thread, like the source's: `q` does not wait for it.)
                prepared = await off_loop(self.next_snapshot, update.feed)
        finally:
            self._polling = False
            self.health.refreshing = False
        self.apply_update(update, prepared)
        self._schedule_next()

    def next_snapshot(self, feed: Feed) -> Snapshot:
        """The snapshot a new feed makes (safe to call from a thread)."""
        rollup = roll_up(feed, due_soon_days=self.settings.due_soon_days)
        snapshot = Snapshot.after(self.snapshot, feed, rollup, self.mark_seconds)
        baseline = self.baseline
        if baseline is not None:
            snapshot.comparison = compare(baseline, feed, rollup)
        feed_index(feed, self.language).order(TASK_SORTS[0].id)
        return snapshot

    def _schedule_next(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.health.paused and self.settings.refresh > 0:
            self._timer = self.set_timer(self.settings.refresh, self._poll_now)

    def apply_update(self, update: Update, prepared: Snapshot | None = None) -> None:
        """Take what a poll brought: new figures, nothing new, a failure, or a feed older
        than the one on screen (kept off it). `prepared` is the new feed's snapshot when it
        was made off the event loop."""
        now = time.monotonic()
        lang = self.language
        if isinstance(update, Failed | WentBack):
            if self.health.error is None and self.health.went_back_to is None:
                self.health.failing_since = now
            went_back = update.to if isinstance(update, WentBack) else None
            severity: SeverityLevel = "error" if went_back is None else "warning"
            self.feed_notices.trouble(update.text(lang), now, severity)
            self.health.error = update.text(lang) if went_back is None else None
            self.health.went_back_to = went_back
        else:
            assert isinstance(update, NewFeed | Unchanged)
            self.feed_notices.answered(now)
            self.health.error = None
            self.health.went_back_to = None
            self.health.failing_since = None
            self.health.refreshed_at = now
            if isinstance(update, NewFeed):
                self.snapshot = prepared or self.next_snapshot(update.feed)
                self._compare_with_current_baseline(self.snapshot)
                self.show_snapshot()
                # The search text, made off the event loop once the figures are drawn,
                # so the first filter keystroke on 100k tasks does not wait for it; and
                # the map of records the next refresh reuses, so it does not wait either.
                # After the frame: the thread would take the interpreter from it.
                feed, index = update.feed, feed_index(update.feed, lang)

                def warm() -> None:
                    index.warm()
                    feed.reusable()

                self.call_after_refresh(
                    self.run_worker, warm, thread=True, group="warm", exit_on_error=False
                )
                if self.snapshot.marked_until:
                    if self._marks_timer is not None:
                        self._marks_timer.stop()
                    self._marks_timer = self.set_timer(self.mark_seconds + 0.05, self.show_snapshot)
        self.render_status()

    # Since the last meeting ----------------------------------------------------------

    def use_baseline(self, path: Path | None) -> None:
        """Compare with this earlier feed or snapshot from now on (None: stop comparing).
        Read and checked in a thread; a file that cannot be used is said in one line and
        the comparison in use, if any, stays."""
        if path is None:
            self._baseline_ready(None)
            return
        days, cap = self.settings.due_soon_days, self.settings.cap

        async def load() -> None:
            try:
                # In a daemon thread (sources/detached.py): `q` while a big baseline is
                # read and checked quits at once instead of waiting for it.
                baseline = await off_loop(load_baseline, path, days, cap)
            except BaselineError as exc:
                self.notify(
                    exc.text(self.language),
                    title=tr("Baseline not used", self.language),
                    severity="error",
                    timeout=12,
                )
                return
            self._baseline_ready(baseline)

        self.run_worker(load(), group="baseline", exit_on_error=False)

    def _compare_with_current_baseline(self, snapshot: Snapshot) -> None:
        """A snapshot prepared in a thread compared with the baseline of that moment; a
        baseline picked or stopped since must win."""
        made_with = snapshot.comparison.baseline if snapshot.comparison else None
        if made_with is not self.baseline:
            baseline = self.baseline
            snapshot.comparison = (
                compare(baseline, snapshot.feed, snapshot.rollup) if baseline else None
            )

    def _baseline_ready(self, baseline: Baseline | None) -> None:
        self.baseline = baseline
        if self.snapshot is not None:
            self._compare_with_current_baseline(self.snapshot)
        self.show_snapshot()
        if baseline is not None:
            self.notify(
                f"{baseline.label}, {tr('as of', self.language)} "
                f"{format_as_of(baseline.feed.as_of, language=self.language)}",
                title=tr("Comparing with the baseline", self.language),
            )

    def action_changes(self) -> None:
        if not isinstance(self.screen, ChangesScreen):
            self.push_screen(ChangesScreen())

    def action_pick_baseline(self) -> None:
        if self.read_only:
            return

        def chosen(choice: Path | bool | None) -> None:
            if choice is False:  # dismissed: keep what is in use
                return
            self.use_baseline(choice if isinstance(choice, Path) else None)

        self.push_screen(
            BaselinePicker(export_folder(self.settings), self.baseline, self.language), chosen
        )

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

    def open_tasks(self, scope: Scope, state: StateFilter | None = None) -> None:
        """A task list; `state` chooses its state filter (due soon from the panel)."""
        if scope.kind == "agency":
            self.push_screen(TasksScreen(scope, state or StateFilter.ALL))
            return
        # All tasks and a group's can be 100k rows: their screen is made once and kept
        # (installed), so opening it again costs a redraw, not a new screen.
        name = f"tasks:{scope.kind}:{scope.key}"
        if not self.is_screen_installed(name):
            self.install_screen(TasksScreen(scope), name)
        screen = self.get_screen(name)
        if state is not None and isinstance(screen, TasksScreen):
            screen.state = state  # shown when the screen resumes
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
        comparison = self.snapshot.comparison
        return ExportMeta(
            feed.title or "",
            feed.as_of,
            self.source.label,
            datetime.now().astimezone(),
            self.language,
            baseline=comparison.baseline.label if comparison else None,
            baseline_as_of=comparison.baseline.feed.as_of if comparison else None,
        )

    def export_view(
        self, specs: list[TableSpec], fmt: str | None = None, folder: Path | None = None
    ) -> None:
        """Write the tables in a thread; a notification gives the path, or why not."""
        if self.read_only:
            self.exports_off()
            return
        meta = self.export_meta()
        if meta is None or self.snapshot is None:
            self.notify(tr("No figures to export yet.", self.language), severity="warning")
            return
        snapshot = self.snapshot
        chosen = fmt or self.settings.export.format
        target = folder or export_folder(self.settings)

        def write() -> None:
            try:
                exported = export_files(
                    specs,
                    snapshot.feed,
                    snapshot.rollup,
                    meta,
                    fmt=chosen,
                    folder=target,
                    delimiter=self.settings.export.csv_delimiter,
                    comparison=snapshot.comparison,
                )
            except ExportError as exc:
                self.call_from_thread(
                    self.notify,
                    exc.text(self.language),
                    title=tr("Export failed", self.language),
                    severity="error",
                )
                return
            self.call_from_thread(self._exported, exported.paths)
            if exported.shortened is not None:
                self.call_from_thread(self._shortened, exported.shortened)

        self.run_worker(write, thread=True, group="export", exit_on_error=False)

    def _exported(self, paths: list[Path]) -> None:
        self.last_exports = paths
        self.notify(
            "\n".join(str(path.resolve()) for path in paths),
            title=tr("Exported", self.language),
            timeout=10,
        )

    def _shortened(self, where: Message) -> None:
        """Which cells were cut to what the format holds (limits.py)."""
        self.notify(
            where.text(self.language),
            title=tr("Exported, shortened", self.language),
            severity="warning",
            timeout=20,
        )

    def open_export_dialog(self, spec: TableSpec) -> None:
        if self.read_only:
            self.exports_off()
            return
        view = spec.slug

        def chosen(choice: ExportChoice | None) -> None:
            if choice is None:
                return
            specs = [spec]
            if choice.all_tables:
                names = TABLE_NAMES_WITH_BASELINE if self.baseline else TABLE_NAMES
                specs = [spec if name == spec.table else TableSpec(name) for name in names]
            self.export_view(specs, choice.fmt, choice.folder)

        self.push_screen(
            ExportDialog(
                self.settings.export.format, export_folder(self.settings), view, self.language
            ),
            chosen,
        )

    def action_save_svg(self) -> None:
        """The screen as it is, as an SVG (Textual's own), written like every export."""
        if self.read_only:
            self.exports_off()
            return
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

    # Read-only (`--read-only`, what `r57tui serve` runs) ------------------------------

    def exports_off(self) -> None:
        self.notify(tr("Read-only: exports are off in this dashboard", self.language))

    def _keys_of(self, ids: frozenset[str]) -> frozenset[str]:
        """The keys bound to these binding ids, as remapped by the config's [keys]."""
        found: set[str] = set()
        for cls in (R57App, DataScreen):
            for binding in cls.BINDINGS:
                if isinstance(binding, Binding) and binding.id in ids:
                    keys = self.settings.keys.get(binding.id, binding.key)
                    made = Binding.make_bindings([Binding(keys, binding.action)])
                    found.update(each.key for each in made)
        return frozenset(found)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Read-only: no screenshot key in the footer, the help or the palette (DataScreen
        # hides e and E the same way); nor B, which would let any viewer of a served
        # dashboard list the secretariat's export folder (a --baseline given to serve
        # still applies).
        return not (self.read_only and action in ("save_svg", "screenshot", "pick_baseline"))

    def on_key(self, event: events.Key) -> None:
        # Read-only: the export keys are hidden, so they would do nothing; one pressed
        # from habit says why instead. (This runs before the app tries its bindings.)
        if (
            self.read_only
            and event.key in self._export_keys
            and isinstance(self.screen, DataScreen)
        ):
            self.exports_off()

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        # Textual's own screenshot (its palette command) writes a file too.
        if self.read_only:
            self.exports_off()
            return None
        return super().deliver_screenshot(filename, path, time_format)

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

    def action_present(self) -> None:
        """P: presentation mode, or back from it to the dashboard."""
        if isinstance(self.screen, PresentScreen):
            self.screen.action_back()
        else:
            self.push_screen(PresentScreen())

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(binding_rows(self.screen), self.language))

    def action_help_quit(self) -> None:
        """Ctrl+C, pressed from habit: say which key quits, in the interface language.
        (Textual's own says it in English with markup, which our plain notify shows raw.)"""
        quits = [
            active.binding
            for active in self.active_bindings.values()
            if active.binding.action in ("quit", "app.quit")
        ]
        if quits:  # ours (q, or as remapped) before Textual's own ctrl+q
            binding = min(quits, key=lambda binding: binding.id != "quit")
            self.notify(
                Message.of("Press {key} to quit", key=self.get_key_display(binding)).text(
                    self.language
                ),
                title=tr("Do you want to quit?", self.language),
            )

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
            if self.read_only and command.title == "Screenshot":
                continue  # Textual's own: it writes a file
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


def dashboard_app(
    settings: Settings,
    source: Source,
    theme_flag: str | None = None,
    *,
    baseline: Path | None = None,
    present: bool = False,
    read_only: bool = False,
) -> R57App:
    """The dashboard, its keys and theme checked (ConfigError); nothing drawn yet."""
    check_keymap(settings)
    themes = load_themes(theme_folders(settings))
    theme = choose_theme(themes, settings, theme_flag)
    return R57App(
        settings,
        source,
        themes=themes,
        theme=theme,
        baseline=baseline,
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
