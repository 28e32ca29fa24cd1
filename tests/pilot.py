"""Helpers for driving the dashboard with Textual's Pilot."""

from __future__ import annotations

from typing import Any

from r57tui.config import Settings
from r57tui.feed import load_feed
from r57tui.sources import NewFeed, open_source
from r57tui.ui.app import R57App
from tests.builders import to_bytes


def demo_app(**settings: Any) -> R57App:
    settings.setdefault("language", "en")
    return R57App(Settings(**settings), open_source(None))


async def settle(app: R57App, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def text_of(app: R57App, selector: str) -> str:
    """What a widget of the current screen shows, as plain text."""
    return str(app.screen.query_one(selector).render())


def feed_update(document: dict[str, Any]) -> NewFeed:
    return NewFeed(load_feed(to_bytes(document)), 0)
