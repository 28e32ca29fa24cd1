"""Several named sources (`[[sources]]`): one live poller each, the one in view, and the
consolidated view that adds them up.

Each source is polled by its own `LiveRefresh`, on its own refresh, so a slow or dead
source never holds up the others, and a failed one keeps its last good figures, marked
stale, while the others stay live.

Each source is shown in a Textual mode of its own (the first in the app's "main" mode,
so one source is exactly the dashboard it always was), and the consolidated view in
another: a mode keeps its own stack of screens, so switching away and back finds the
source's screen, cursor, tab and filters as they were left, with no state copied out
and back in by hand (which every screen's own widgets would have to learn). A mode's
screens are drawn again from that source's figures when it comes back into view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import Any, Protocol

from textual.app import App
from textual.worker import Worker, WorkerState

from ..baseline import Baseline
from ..config import Settings
from ..consolidation import Consolidated, SourceFeed, consolidate
from ..history import NOWHERE, SourceKey, source_keys, source_name
from ..i18n.dates import format_as_of
from ..i18n.strings import tr
from ..rollup import roll_up
from ..sources.detached import off_loop
from ..sources.named import NamedSource
from .dashboard import dashboard
from .exports_control import Exports
from .live import LiveRefresh
from .main_screen import MainScreen
from .snapshot import Snapshot
from .source_health import SourceState, as_of_dates_differ, summary
from .status import Health, StatusFacts


class Replay(Protocol):
    """What switching source asks of the replay (replay_control.py): to end it, since a
    meeting replayed is the source left's."""

    def live_again(self) -> None: ...


MAIN_MODE = "main"
CONSOLIDATE = "consolidate"  # the workers' group that adds the sources up
CONSOLIDATED_MODE = "consolidated"
ALL = None  # the consolidated view, where a source's index would be


class SourcesControl:
    """The pollers, which source is in view (an index, or ALL: the consolidated view),
    and the consolidated figures, made again only when a part's feed or health moved."""

    def __init__(
        self,
        app: App[Any],
        named: Sequence[NamedSource],
        settings: Settings,
        language: str,
        *,
        redraw: Callable[[], None],
        status: Callable[[], None],
        baseline: Callable[[int], Baseline | None],
    ) -> None:
        if not named:
            raise ValueError("no source")
        self.settings = settings
        self.language = language
        self.app = app
        self.names = [each.name for each in named]
        self._redraw, self._status = redraw, status
        self.pollers = [
            LiveRefresh(
                app,
                each.source,
                settings.model_copy(update={"refresh": each.refresh}),
                language,
                redraw=partial(self._redrawn, index),
                status=status,
                baseline=partial(baseline, index),  # each source compared with its own
                group="poll" if index == 0 else f"poll-{index}",
            )
            for index, each in enumerate(named)
        ]
        self.keys = history_keys(named, settings)
        self.current: int | None = 0
        self._made: tuple[object, ...] = ()
        self._consolidated: Snapshot | None = None
        self.consolidated_parts: Consolidated | None = None
        # Each source beyond the first, and their sum, in a mode of its own: its own
        # screens, cursor and filters when it comes back into view.
        for mode in self.modes():
            app.add_mode(mode, MainScreen)

    @property
    def several(self) -> bool:
        return len(self.pollers) > 1

    @property
    def live(self) -> LiveRefresh:
        """The poller of the source in view (the first in the consolidated view)."""
        return self.pollers[self.current or 0]

    @property
    def snapshot(self) -> Snapshot | None:
        return self.live.snapshot if self.current is not ALL else self.consolidated()

    @property
    def key(self) -> SourceKey:
        """The source in view as the history knows it (the consolidated view: NOWHERE)."""
        return self.key_of(self.current)

    def key_of(self, index: int | None) -> SourceKey:
        return NOWHERE if index is ALL else self.keys[index]

    def to_record(self) -> list[tuple[SourceKey, Snapshot | None]]:
        """What L records: the live figures of the source in view, or of each source."""
        if self.current is not ALL:
            return [(self.key, self.live.snapshot)]
        return [(key, poller.snapshot) for key, poller in zip(self.keys, self.pollers, strict=True)]

    def mode(self, index: int | None) -> str:
        if index is ALL:
            return CONSOLIDATED_MODE
        return MAIN_MODE if index == 0 else f"source-{index}"

    def modes(self) -> list[str]:
        """The modes beyond "main" that several sources need."""
        if not self.several:
            return []
        return [self.mode(index) for index in range(1, len(self.pollers))] + [CONSOLIDATED_MODE]

    def label(self) -> str:
        """The source in view as an export names it: its address (one source: as ever),
        or the consolidated view and the names of what it adds up."""
        if self.current is not ALL:
            named = f"{self.names[self.current or 0]}: " if self.several else ""
            return f"{named}{self.live.source.label}"
        title = tr("All sources (consolidated)", self.language)
        return f"{title}: {', '.join(self.names)}"

    def states(self) -> list[SourceState]:
        return [
            SourceState(name, poller.snapshot, poller.health)
            for name, poller in zip(self.names, self.pollers, strict=True)
        ]

    def poller_of(self, group: str | None) -> LiveRefresh | None:
        return next((each for each in self.pollers if each.group == group), None)

    def _redrawn(self, index: int) -> None:
        # A source's new figures are drawn when it is in view, or when the consolidated
        # view (which adds it in) is.
        if self.current == index or self.current is ALL:
            self._redraw()

    def consolidated(self) -> Snapshot | None:
        """The loaded sources added up (stale ones included, marked); None until one
        loaded. Made again, off the event loop, when a part's feed or staleness changed:
        until then the last one made stays in view."""
        states = [state for state in self.states() if state.snapshot is not None]
        key = tuple((id(state.snapshot), state.stale) for state in states)
        if key != self._made:
            self._made = key
            parts = [
                SourceFeed(state.name, state.snapshot.feed, state.stale)
                for state in states
                if state.snapshot is not None
            ]
            if not parts:
                self._consolidated = self.consolidated_parts = None
            else:
                self.app.run_worker(self._build(key, parts), group=CONSOLIDATE, exit_on_error=False)
        return self._consolidated

    async def _build(self, key: tuple[object, ...], parts: list[SourceFeed]) -> None:
        previous = self._consolidated

        def made() -> tuple[Consolidated, Snapshot]:
            added = consolidate(parts)
            rollup = roll_up(
                added.feed,
                due_soon_days=self.settings.due_soon_days,
                at_risk_days=self.settings.at_risk_days,
            )
            snapshot = Snapshot.after(previous, added.feed, rollup)
            snapshot.origin = added.origin
            return added, snapshot

        made_now = await off_loop(made)
        if key != self._made:
            return  # a part moved meanwhile: the next one is on its way
        self.consolidated_parts, self._consolidated = made_now
        from .source_picker import SourcePicker  # here: the start does not draw it

        for screen in self.app.screen_stack:
            if isinstance(screen, SourcePicker):  # opened before they were ready
                screen.show_consolidated(self._consolidated)
        if self.current is ALL:
            self._redraw()
            self._status()

    def facts(self) -> StatusFacts:
        """What the status line says: one source's facts as ever; with several, the one
        in view's under its name, or the consolidated view's, and how they all are."""
        if not self.several:
            return self.live.facts()
        lang = self.language
        words = summary(self.states(), lang, self.current)
        if self.current is not ALL:
            facts = self.live.facts()
            return replace(facts, source=self.names[self.current or 0], sources=words)
        snapshot = self.consolidated()
        healths = [poller.facts().health for poller in self.pollers]
        health = Health(
            refreshed_at=max((h.refreshed_at for h in healths if h.refreshed_at), default=None),
            refreshing=any(h.refreshing for h in healths),
            paused=all(h.paused for h in healths),
        )
        title = tr("All sources (consolidated)", lang)
        if snapshot is None or self.consolidated_parts is None:
            return StatusFacts(title, "–", "", health, has_figures=False, sources=words)
        parts = self.consolidated_parts.parts
        as_of = format_as_of(snapshot.feed.as_of, language=lang)
        if words is not None and as_of_dates_differ([part.feed for part in parts]):
            words = replace(words, note=tr("as-of dates differ", lang))
        return StatusFacts(
            title,
            as_of,
            "",  # no one source: the title says so, the summary names any stale part
            health,
            len(snapshot.feed.findings),
            sources=words,
        )


def history_keys(named: Sequence[NamedSource], settings: Settings) -> list[SourceKey]:
    """Each source as the history knows it: the config's, by name; one source read alone
    by where it is read from (a source handed in, as tests and `serve` do, by its label)."""
    if len(settings.sources) == len(named) > 0:
        return source_keys(settings)
    if len(named) == 1:
        return [SourceKey(None, source_name(settings.source))]
    return [SourceKey(each.name, each.source.label) for each in named]


class SourceSwitching(App[int]):
    """The sources' pollers started, refreshed, paused and closed together; `x`: the
    sources with their health and totals, and the consolidated view; the one picked comes
    into view with its own screens. A part of R57App."""

    sources: SourcesControl
    exports: Exports
    language: str
    replay: Replay

    @property
    def live(self) -> LiveRefresh:
        return self.sources.live  # the poller of the source in view

    def start_polling(self) -> None:
        for poller in self.sources.pollers:
            poller.source.on_activity = dashboard(self).render_status
            poller.poll_now()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        poller = self.sources.poller_of(event.worker.group)
        if poller is not None:
            poller.poll_raised(event.worker.error)
        elif event.worker.group == CONSOLIDATE:
            # A bug, not a feed problem: said on screen and in the log; each source's own
            # figures are still one key away.
            error = event.worker.error
            self.log.error(f"consolidation failed: {error!r}")
            self.notify(
                f"{type(error).__name__}: {error}",
                title=tr("The sources cannot be added up", self.language),
                severity="error",
            )

    async def on_unmount(self) -> None:
        for poller in self.sources.pollers:
            await poller.source.aclose()

    def action_refresh(self) -> None:
        for poller in self.sources.pollers:
            poller.poll_now()

    def action_pause(self) -> None:
        # Every source pauses and resumes together, said once.
        pause, said = not self.live.health.paused, False
        for poller in self.sources.pollers:
            if poller.health.paused != pause:
                poller.toggle_pause(say=not said)
                said = True

    def action_switch_source(self) -> None:
        if self.sources.several:
            from .source_picker import SourcePicker

            sources = self.sources
            picker = SourcePicker(
                sources.states(), sources.consolidated(), sources.current, self.language
            )
            self.push_screen(picker, self._picked)

    def _picked(self, choice: int | bool | None) -> None:
        if isinstance(choice, bool):
            return  # cancelled
        self.run_worker(self.show_source(choice), group="switch", exit_on_error=False)

    async def show_source(self, index: int | None) -> None:
        """Bring a source (an index; None: the consolidated view) into view, its screens
        drawn again from its current figures."""
        self.replay.live_again()  # a meeting replayed is the source left's
        self.sources.current = index
        self.exports.source = self.sources.label()  # what an export says it is of
        await self.switch_mode(self.sources.mode(index))
        if index is not ALL:
            self.live.compare_again()
        dashboard(self).show_snapshot()
        dashboard(self).render_status()


__all__ = ["ALL", "CONSOLIDATED_MODE", "MAIN_MODE", "SourceSwitching", "SourcesControl"]
