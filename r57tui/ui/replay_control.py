"""Replay: the whole dashboard at the state of a recorded meeting, and back to live.

While a meeting is replayed every screen draws its figures (the app's `snapshot` is the
replay's), the status line and the headline say "REPLAY: as of … — recorded meeting, not
live" in a style of their own, and live refresh goes on underneath without showing:
its figures wait until the replay ends. `<` and `>` step to the meeting before or after,
Enter on a meeting of the trends screen replays it, `N` comes back to live.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from functools import cached_property
from typing import Any, Protocol

from textual.app import App

from ..baseline import Baseline
from ..config import Settings
from ..feed import Feed, FeedError
from ..history import Entry, HistoryError, HistoryStore
from ..i18n.dates import format_as_of
from ..i18n.strings import tr
from ..rollup import roll_up
from .baseline_control import BaselineControl
from .dashboard import dashboard
from .history_control import HistoryControl
from .live import LiveRefresh, with_baseline
from .snapshot import Snapshot
from .status import StatusFacts


class SourceInView(Protocol):
    """What the replay asks of the sources (sources_control.py): which is in view, and
    whether there are several."""

    current: int | None

    @property
    def several(self) -> bool: ...


ALL = None  # the consolidated view, where a source's index would be (sources_control.py)


class ReplayControl:
    """The meeting replayed, if any: its entry and the snapshot its feed makes."""

    def __init__(
        self,
        app: App[Any],
        settings: Settings,
        language: str,
        *,
        store: Callable[[], HistoryStore],
        live: Callable[[], Snapshot | None],
        baseline: Callable[[], Baseline | None],
        redraw: Callable[[], None],
    ) -> None:
        self.app = app
        self.settings = settings
        self.language = language
        self._store, self._live, self._baseline, self._redraw = store, live, baseline, redraw
        self.entry: Entry | None = None
        self._snapshot: Snapshot | None = None
        self._loading = False

    @property
    def snapshot(self) -> Snapshot | None:
        """The replayed meeting's figures, compared with the baseline in use (one picked
        or stopped while replaying too); None while live."""
        if self._snapshot is not None:
            baseline = self._baseline()
            if baseline is not None and baseline.feed.as_of >= self._snapshot.feed.as_of:
                # A meeting recorded after the one replayed tells nothing "since": Q2
                # "since Q3" would read as a fall. Q2 is shown as it stood, uncompared.
                baseline = None
            with_baseline(self._snapshot, baseline)
        return self._snapshot

    @property
    def on(self) -> bool:
        return self.entry is not None

    def as_of_text(self) -> str | None:
        """The replayed meeting's as-of, as the status line writes dates; None: live."""
        if self.snapshot is None:
            return None
        return format_as_of(self.snapshot.feed.as_of_date, language=self.language)

    def show(self, entry: Entry) -> None:
        """Replay `entry`: its feed is read off the event loop, then every screen redraws."""
        if self._loading:
            return
        self._loading = True
        dashboard(self.app).render_status()  # "reading the recorded meeting…" meanwhile
        store = self._store()

        def made() -> Snapshot:
            feed: Feed = store.feed(entry)
            rollup = roll_up(
                feed,
                due_soon_days=self.settings.due_soon_days,
                at_risk_days=self.settings.at_risk_days,
            )
            return Snapshot(feed, rollup)

        async def load() -> None:
            try:
                snapshot = await asyncio.to_thread(made)
            except (HistoryError, FeedError) as exc:
                self.app.notify(
                    exc.text(self.language),
                    title=tr("The recorded meeting cannot be shown", self.language),
                    severity="error",
                    timeout=12,
                )
                dashboard(self.app).render_status()
                return
            finally:
                self._loading = False
            self.entry, self._snapshot = entry, snapshot
            self._redraw()

        self.app.run_worker(load(), group="replay", exit_on_error=False)

    def step(self, step: int) -> None:
        """The meeting before (`step` -1) or after (+1) the one in view; after the newest,
        live again. From live, -1 is the newest meeting recorded before the live figures."""
        lang = self.language
        try:
            entries = self._store().entries()
        except HistoryError as exc:
            self.app.notify(exc.text(lang), severity="error", timeout=12)
            return
        target = _stepped(entries, self.entry, self._live(), step)
        if target is not None:
            self.show(target)
        elif self.on and step > 0:
            self.live_again()
        elif not entries:
            self.app.notify(
                tr("No meetings recorded yet: L records the figures in view.", lang),
                severity="warning",
            )
        else:
            words = "This is the first recorded meeting." if step < 0 else "Already live."
            self.app.notify(tr(words, lang))

    def live_again(self) -> None:
        if not self.on:
            return
        self.entry = self._snapshot = None
        self._redraw()
        self.app.notify(tr("Back to the live figures.", self.language))

    def status_facts(self, facts: StatusFacts) -> StatusFacts:
        """What the status line says: the live source's facts, or the replayed meeting's;
        while a meeting is read (seconds for a national feed), that it is being read."""
        if self._loading and self._snapshot is None:
            reading = tr("reading the recorded meeting…", self.language)
            return replace(facts, health=replace(facts.health, refreshing=True, activity=reading))
        if self.snapshot is None:
            return facts
        feed = self.snapshot.feed
        as_of = self.as_of_text() or ""
        return replace(
            facts, title=feed.title or "", as_of=as_of, findings=len(feed.findings), replay=True
        )


def _stepped(
    entries: list[Entry], current: Entry | None, live: Snapshot | None, step: int
) -> Entry | None:
    if current is not None:
        ids = [entry.id for entry in entries]
        if current.id not in ids:
            return entries[-1] if entries and step < 0 else None
        at = ids.index(current.id) + step
        return entries[at] if 0 <= at < len(entries) else None
    if step > 0 or not entries:
        return None
    if live is None:
        return entries[-1]
    # The newest meeting older than the figures on screen (the live feed is often the one
    # just recorded: stepping back from it shows the one before).
    live_day = live.feed.as_of_date
    earlier = [entry for entry in entries if entry.as_of_date < live_day]
    return earlier[-1] if earlier else None


class Replaying(App[int]):
    """The recorded meetings' keys: `T` the trends, `<` `>` a meeting before or after, `N`
    back to live; and what screens ask of the replay. A part of R57App."""

    settings: Settings
    language: str
    history: HistoryControl
    baselines: BaselineControl
    sources: SourceInView

    @property
    def live(self) -> LiveRefresh:
        """The poller of the source in view: R57App's."""
        raise NotImplementedError

    @cached_property
    def replay(self) -> ReplayControl:
        return ReplayControl(
            self,
            self.settings,
            self.language,
            store=lambda: self.history.store,
            live=lambda: self.live.snapshot,
            baseline=lambda: self.baselines.baseline,
            redraw=self._redraw_all,
        )

    def _redraw_all(self) -> None:
        dashboard(self).show_snapshot()
        dashboard(self).render_status()

    def live_figures(self) -> Snapshot | None:
        """The live figures, whatever meeting is replayed: what L records."""
        return self.live.snapshot

    @property
    def history_store(self) -> HistoryStore:
        return self.history.store

    @property
    def replayed_entry(self) -> Entry | None:
        """The recorded meeting on screen; None while live."""
        return self.replay.entry

    def replay_as_of(self) -> str | None:
        """The replayed meeting's as-of, for the headline; None while live."""
        return self.replay.as_of_text()

    def replay_entry(self, entry: Entry) -> None:
        self.replay.show(entry)

    def said_per_source(self) -> bool:
        """In the consolidated view, say that the meetings are each source's (T, B, < and >
        read one source's history) and how to pick one; True when it was said."""
        if self.sources.current is not ALL or not self.sources.several:
            return False
        self.notify(
            tr(
                "Meetings are recorded per source: press x to pick one, then T, B, < or >.",
                self.language,
            ),
            severity="warning",
        )
        return True

    def action_trends(self) -> None:
        # One trends screen: T from an agency's rows opened from it does nothing.
        from .trends_screen import TrendsScreen  # here: the start does not draw it

        opened = any(isinstance(screen, TrendsScreen) for screen in self.screen_stack)
        if not dashboard(self).read_only and not opened and not self.said_per_source():
            self.push_screen(TrendsScreen())

    def action_replay_previous(self) -> None:
        if not dashboard(self).read_only and not self.said_per_source():
            self.replay.step(-1)

    def action_replay_next(self) -> None:
        if not dashboard(self).read_only and not self.said_per_source():
            self.replay.step(1)

    def action_live_again(self) -> None:
        self.replay.live_again()
