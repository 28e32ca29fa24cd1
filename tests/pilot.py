"""Helpers for driving the dashboard with Textual's Pilot."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.app import Notify
from textual.notifications import Notification
from textual.widgets import Static

from r57tui.commands.sources import open_source
from r57tui.config import Settings
from r57tui.feed import load_feed
from r57tui.sources import NewFeed
from r57tui.ui.app import R57App
from tests.builders import to_bytes


class RecordingApp(R57App):
    """The dashboard, keeping every notification posted to it: Textual's public Notify
    message, instead of reading the app's private list of notifications."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notices: list[Notification] = []

    def on_notify(self, message: Notify) -> None:
        self.notices.append(message.notification)


def demo_app(**settings: Any) -> RecordingApp:
    settings.setdefault("language", "en")
    return RecordingApp(Settings(**settings), open_source(None))


async def settle(app: R57App, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def text_of(app: R57App, selector: str) -> str:
    """What a Static of the current screen holds, as plain text (a Rich table included)."""
    widget = app.screen.query_one(selector, Static)
    console = Console(width=300, file=io.StringIO(), record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


def feed_update(document: dict[str, Any]) -> NewFeed:
    return NewFeed(load_feed(to_bytes(document)), 0)


def indicator_text(app: R57App) -> str:
    """Every row of the indicators panel as laid out for its width, scrolled out of view
    or not: the lines of each indicator, one after another."""
    from r57tui.ui.indicator_panel import IndicatorPanel

    panel = app.screen.query_one(IndicatorPanel)
    return "\n".join(str(getattr(panel.get_row(key)[0], "plain", "")) for key in panel.keys)
