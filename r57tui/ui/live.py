"""Live refresh: polling the source and applying what it brings.

One rule: never two fetches at once, and the next one is scheduled when the previous one
ends (`set_timer`, not `set_interval`), so a slow source is never piled up on. A failed
refresh keeps the last good figures on screen, marked stale; so does a feed older than
the one on screen (the status line says the source went back, and to when). An outage is
notified once, however the source flaps (`FeedNotices`); an unchanged source costs no
parse and no redraw.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.notifications import Notification, Notify, SeverityLevel
from textual.timer import Timer

from ..baseline import Baseline, compare
from ..config import Settings
from ..feed import Feed
from ..i18n.dates import format_as_of
from ..i18n.strings import tr
from ..rollup_since import roll_up_since
from ..sources import Failed, NewFeed, Source, Unchanged, Update, WentBack
from ..sources.detached import off_loop
from ..startup import paused, settle
from ..task_delta import task_delta
from ..views import TASK_SORTS, feed_index
from ..views.carried import carry_over
from ..views.search_index import search_index
from ..views.task_measures import feed_measures
from .feed_notices import FeedNotices
from .snapshot import MARK_SECONDS, Snapshot
from .status import Health, StatusFacts

# The start is over once the first answer is on screen: settled a little after the frame
# that shows it, so that frame is written out before the one collection of the start.
SETTLE_AFTER = 0.2


def record(health: Health, notices: FeedNotices, update: Update, now: float, lang: str) -> None:
    """What a poll's answer says about the source: the status line's facts, and the
    feed-health notice when an outage starts or ends."""
    if isinstance(update, Failed | WentBack):
        if health.error is None and health.went_back_to is None:
            health.failing_since = now
        went_back = update.to if isinstance(update, WentBack) else None
        severity: SeverityLevel = "error" if went_back is None else "warning"
        notices.trouble(update.text(lang), now, severity)
        health.error = update.text(lang) if went_back is None else None
        health.went_back_to = went_back
        return
    assert isinstance(update, NewFeed | Unchanged)
    notices.answered(now)
    health.error = None
    health.went_back_to = None
    health.failing_since = None
    health.refreshed_at = now


def with_baseline(snapshot: Snapshot, baseline: Baseline | None) -> None:
    """A snapshot prepared in a thread was compared with the baseline of that moment; a
    baseline picked or stopped since must win."""
    made_with = snapshot.comparison.baseline if snapshot.comparison else None
    if made_with is not baseline:
        snapshot.comparison = (
            compare(baseline, snapshot.feed, snapshot.rollup) if baseline else None
        )


class LiveRefresh:
    """The figures on screen and the health of the source they come from.

    `redraw` redraws every screen, `status` the status lines; `baseline` gives the
    baseline in use (the app's BaselineControl)."""

    def __init__(
        self,
        app: App[Any],
        source: Source,
        settings: Settings,
        language: str,
        *,
        redraw: Callable[[], None],
        status: Callable[[], None],
        baseline: Callable[[], Baseline | None],
        group: str = "poll",
    ) -> None:
        self.app = app
        # The workers' group: with several sources, each poller's own, so a refresh that
        # raised is told to the poller it belongs to.
        self.group = group
        self.source = source
        self.settings = settings
        self.language = language
        self._redraw, self._status, self._baseline = redraw, status, baseline
        self.snapshot: Snapshot | None = None
        self.health = Health(paused=settings.refresh == 0)

        def post(notification: Notification) -> None:
            app.post_message(Notify(notification))

        self.feed_notices = FeedNotices(
            post,
            language,
            on_demand=settings.refresh == 0,
            timeout=app.NOTIFICATION_TIMEOUT,
        )
        self.polling = False
        self.mark_seconds = MARK_SECONDS
        self._timer: Timer | None = None
        self._marks_timer: Timer | None = None

    def compare_again(self) -> None:
        """The figures compared with the baseline in use now (one picked for this source
        while another was in view)."""
        if self.snapshot is not None:
            with_baseline(self.snapshot, self._baseline())

    def poll_now(self) -> None:
        if self.polling:
            return
        self.polling = True
        self.health.refreshing = True
        self._status()
        self.app.run_worker(self._poll(), group=self.group, exit_on_error=False)

    async def _poll(self) -> None:
        prepared: Snapshot | None = None
        try:
            update = await self.source.poll()
            if isinstance(update, NewFeed):
                # Roll-up, what moved, and the default task order, off the event loop too.
                # (A daemon thread, like the source's: `q` does not wait for it.)
                prepared = await off_loop(self.next_snapshot, update.feed)
        finally:
            self.polling = False
            self.health.refreshing = False
        self.apply_update(update, prepared)
        self.schedule_next()

    def next_snapshot(self, feed: Feed) -> Snapshot:
        """The snapshot a new feed makes (safe to call from a thread). A refresh that
        replaced a few tasks of the feed on screen (`task_delta`) has its figures worked
        out from the last ones, for those tasks only."""
        previous = self.snapshot
        delta = task_delta(previous.feed, feed) if previous is not None else None
        rollup = roll_up_since(
            feed,
            previous.rollup if previous is not None else None,
            delta,
            due_soon_days=self.settings.due_soon_days,
            at_risk_days=self.settings.at_risk_days,
        )
        snapshot = Snapshot.after(previous, feed, rollup, self.mark_seconds, delta)
        baseline = self._baseline()
        if baseline is not None:
            snapshot.comparison = compare(baseline, feed, rollup)
        if delta is not None:
            carry_over(delta)  # the orders, search texts and measures of the last feed
        feed_index(feed, self.language).order(TASK_SORTS[0].id)
        return snapshot

    def schedule_next(self) -> None:
        self._stop_timer()
        if not self.health.paused and self.settings.refresh > 0:
            self._timer = self.app.set_timer(self.settings.refresh, self.poll_now)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def apply_update(self, update: Update, prepared: Snapshot | None = None) -> None:
        """Take what a poll brought: new figures, nothing new, a failure, or a feed older
        than the one on screen (kept off it). `prepared` is the new feed's snapshot when it
        was made off the event loop."""
        record(self.health, self.feed_notices, update, time.monotonic(), self.language)
        if isinstance(update, NewFeed):
            self._show_new(update.feed, prepared)
        self._status()
        if paused():  # the collector, paused for the start (startup.py)
            self.app.set_timer(SETTLE_AFTER, settle)

    def _show_new(self, feed: Feed, prepared: Snapshot | None) -> None:
        snapshot = self.snapshot = prepared or self.next_snapshot(feed)
        with_baseline(snapshot, self._baseline())
        self._redraw()
        # The search text, made off the event loop once the figures are drawn, so the
        # first filter keystroke on 100k tasks does not wait for it; the columns' measures
        # and the map of records the next refresh reuses, so it does not wait either. After
        # the frame: the thread would take the interpreter from it.
        index = feed_index(feed, self.language)
        language = self.language

        def warm() -> None:
            index.warm()
            search_index(feed, language).warm()
            feed_measures(feed)
            feed.reusable()

        self.app.call_after_refresh(
            self.app.run_worker, warm, thread=True, group="warm", exit_on_error=False
        )
        if snapshot.marked_until:
            if self._marks_timer is not None:
                self._marks_timer.stop()
            self._marks_timer = self.app.set_timer(self.mark_seconds + 0.05, self._redraw)

    def toggle_pause(self, *, say: bool = True) -> None:
        self.health.paused = not self.health.paused
        if self.health.paused:
            self._stop_timer()
            if say:
                self.app.notify(tr("Live refresh paused; p resumes.", self.language))
        else:
            self.poll_now()
        self._status()

    def facts(self) -> StatusFacts:
        """What the status line says now."""
        activity, health, lang = self.source.activity, self.health, self.language
        health.activity = activity.text(lang) if activity is not None else None
        if self.snapshot is None:
            return StatusFacts("r57tui", "–", self.source.label, health, has_figures=False)
        feed = self.snapshot.feed
        return StatusFacts(
            feed.title or "",
            format_as_of(feed.as_of, language=lang),
            self.source.label,
            health,
            len(feed.findings),
        )

    def poll_raised(self, error: BaseException | None) -> None:
        """A refresh that raised is a bug, not a feed problem (sources answer Failed): say
        so on screen and in the log, keep the last figures, and keep refreshing."""
        self.polling = False
        self.health.refreshing = False
        self.app.log.error(f"refresh failed: {error!r}")
        self.app.notify(
            f"{type(error).__name__}: {error}",
            title=tr("Internal error while refreshing", self.language),
            severity="error",
        )
        self.schedule_next()
