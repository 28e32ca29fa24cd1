"""The dashboard application (for now the totals of the feed; panels come next)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Static

from ..config import Settings
from ..feed import Feed
from ..i18n.numbers import format_int, format_percent
from ..rollup import Bucket, roll_up
from ..safety import one_line
from ..sources import Failed, NewFeed, Source


class R57App(App[int]):
    TITLE = "r57tui"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("r", "refresh", "Refresh", id="refresh"),
    ]

    def __init__(self, settings: Settings, source: Source) -> None:
        super().__init__()
        self.settings = settings
        self.source = source
        self.feed: Feed | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="totals", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        self.run_worker(self._poll(), exclusive=True, group="poll")

    async def _poll(self) -> None:
        update = await self.source.poll()
        totals = self.query_one("#totals", Static)
        if isinstance(update, Failed):
            totals.update(one_line(update.message, 300))
        elif isinstance(update, NewFeed):
            self.feed = update.feed
            totals.update(self._totals_text(update.feed))

    def _totals_text(self, feed: Feed) -> str:
        total = roll_up(feed, due_soon_days=self.settings.due_soon_days).total
        percent = format_percent(total.share(Bucket.COMPLETED).percent(0))
        return "\n".join(
            [
                one_line(feed.title or ""),
                f"As of {feed.as_of.isoformat()}",
                f"Assigned {format_int(total.assigned)}",
                f"Completed {format_int(total.completed)} ({percent} of assigned)",
                f"On time {format_int(total.on_time)}",
                f"Overdue {format_int(total.overdue)}",
            ]
        )

    async def on_unmount(self) -> None:
        await self.source.aclose()


def run_app(settings: Settings, source: Source) -> int:
    return R57App(settings, source).run() or 0
