"""The dashboard application: status line, headline figures, agencies by kind, live refresh.

Live refresh follows one rule: never two fetches at once, and the next one is scheduled
when the previous one ends (`set_timer`, not `set_interval`), so a slow source is never
piled up on. A failed refresh keeps the last good figures on screen, marked stale.
"""

from __future__ import annotations

import time
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widgets import Footer, Static, Tab, Tabs

from ..config import Settings
from ..feed import Feed
from ..i18n.dates import format_as_of
from ..i18n.numbers import format_int
from ..rollup import Counts, Rollup, roll_up
from ..sources import Failed, NewFeed, Source, Unchanged, Update
from .agencies import KIND_TABS, SORTS, AgencyTable
from .headline import Headline
from .status import Health, StatusLine


class R57App(App[int]):
    TITLE = "r57tui"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("p", "pause", "Pause/resume", id="pause"),
        Binding("s", "cycle_sort", "Sort", id="sort"),
        Binding("right_square_bracket", "next_kind", "Next kind", id="next_kind"),
        Binding("left_square_bracket", "previous_kind", "Previous kind", id="previous_kind"),
    ]

    def __init__(self, settings: Settings, source: Source) -> None:
        super().__init__()
        self.settings = settings
        self.source = source
        self.language = settings.language or "en"
        self.feed: Feed | None = None
        self.rollup: Rollup | None = None
        self.health = Health(paused=settings.refresh == 0)
        self._polling = False
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield Headline(self.language, id="headline")
        yield Tabs(*(Tab(label, id=key) for key, (label, _) in KIND_TABS.items()), id="kinds")
        yield AgencyTable(self.language, id="agencies")
        yield Static("", id="totals")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(AgencyTable).focus()
        self.set_interval(1.0, self._render_status)
        self._poll_now()

    # Live refresh -------------------------------------------------------------------

    def _poll_now(self) -> None:
        if self._polling:
            return
        self._polling = True
        self.health.refreshing = True
        self._render_status()
        self.run_worker(self._poll(), group="poll", exit_on_error=False)

    async def _poll(self) -> None:
        try:
            update = await self.source.poll()
        finally:
            self._polling = False
            self.health.refreshing = False
        self.apply_update(update)
        self._schedule_next()

    def _schedule_next(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.health.paused and self.settings.refresh > 0:
            self._timer = self.set_timer(self.settings.refresh, self._poll_now)

    def apply_update(self, update: Update) -> None:
        """Take what a poll brought: new figures, nothing new, or a failure."""
        now = time.monotonic()
        if isinstance(update, Failed):
            if self.health.error is None:
                self.health.failing_since = now
                self.notify(update.message, title="Feed not updated", severity="error")
            self.health.error = update.message
        else:
            if self.health.error is not None:
                self.notify("The feed is back.", title="Recovered")
            self.health.error = None
            self.health.failing_since = None
            self.health.refreshed_at = now
            if isinstance(update, NewFeed):
                self.feed = update.feed
                self.rollup = roll_up(update.feed, due_soon_days=self.settings.due_soon_days)
                self._render_figures()
            assert isinstance(update, NewFeed | Unchanged)
        self._render_status()

    # Rendering ----------------------------------------------------------------------

    def _render_status(self) -> None:
        status = self.query_one(StatusLine)
        if self.feed is None:
            status.render_status("r57tui", "–", self.source.label, self.health)
        else:
            status.render_status(
                self.feed.title or "", format_as_of(self.feed.as_of), self.source.label, self.health
            )

    def _render_figures(self) -> None:
        if self.feed is None or self.rollup is None:
            return
        table = self.query_one(AgencyTable)
        rows = table.rows_for(self.feed, self.rollup, set(self.settings.show_kinds))
        table.show(rows)
        label = KIND_TABS[table.kind_tab][0]
        in_view = sum((counts for _, counts in rows), Counts())
        headline_counts = self.rollup.total if table.kind_tab == "all" else in_view
        self.query_one(Headline).show(headline_counts, "All agencies" if label == "All" else label)
        n = format_int
        self.query_one("#totals", Static).update(
            f"{label}: {n(len(rows), self.language)} agencies · total "
            f"{n(in_view.assigned, self.language)} assigned, "
            f"{n(in_view.completed, self.language)} completed, "
            f"{n(in_view.on_time, self.language)} on time, "
            f"{n(in_view.overdue, self.language)} overdue · sorted by "
            f"{SORTS[table.sort_index].label}"
        )

    # Actions ------------------------------------------------------------------------

    def action_refresh(self) -> None:
        self._poll_now()

    def action_pause(self) -> None:
        self.health.paused = not self.health.paused
        if self.health.paused:
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            self.notify("Live refresh paused; p resumes.")
        else:
            self._poll_now()
        self._render_status()

    def action_cycle_sort(self) -> None:
        table = self.query_one(AgencyTable)
        table.sort_index = (table.sort_index + 1) % len(SORTS)
        self._render_figures()

    def action_next_kind(self) -> None:
        self.query_one(Tabs).action_next_tab()

    def action_previous_kind(self) -> None:
        self.query_one(Tabs).action_previous_tab()

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab is None or event.tab.id is None:
            return
        self.query_one(AgencyTable).kind_tab = event.tab.id
        self._render_figures()

    async def on_unmount(self) -> None:
        await self.source.aclose()


def run_app(settings: Settings, source: Source) -> int:
    return R57App(settings, source).run() or 0
