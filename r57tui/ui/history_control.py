"""`L`: record the feed in view in the history of meetings, off the event loop, and say
what was done — recorded, already there, or why not — in one notice."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App

from ..feed import Feed
from ..history import HistoryError, HistoryStore, Recorded
from ..i18n.message import Message
from ..i18n.strings import tr


class HistoryControl:
    """Records snapshots of the feed on screen (`feed` gives it) as coming from `source`."""

    def __init__(
        self,
        app: App[Any],
        history: Path,
        source: str,
        language: str,
        *,
        feed: Callable[[], Feed | None],
    ) -> None:
        self.app = app
        self.store = HistoryStore(history)
        self.source = source
        self.language = language
        self._feed = feed
        self._writing = False

    def record(self) -> None:
        feed = self._feed()
        lang = self.language
        if feed is None:
            self.app.notify(tr("No figures yet to record.", lang), severity="warning")
            return
        if self._writing:  # a second press while the first is written
            return
        self._writing = True

        async def write() -> None:
            try:
                # A thread the app waits for on quitting: a snapshot is written whole.
                done = await asyncio.to_thread(self.store.record, feed, self.source)
            except HistoryError as exc:
                self.app.notify(
                    exc.text(lang),
                    title=tr("Not recorded in the history", lang),
                    severity="error",
                    timeout=12,
                )
                return
            finally:
                self._writing = False
            self._said(done)

        self.app.run_worker(write(), group="history", exit_on_error=False)

    def _said(self, done: Recorded) -> None:
        lang = self.language
        entry = done.entry
        if done.new:
            self.app.notify(
                Message.of(
                    "The figures as of {as_of} are recorded ({file}).",
                    as_of=entry.as_of_value,
                    file=self.store.path.name,
                ).text(lang),
                title=tr("Recorded in the history", lang),
            )
        else:
            self.app.notify(
                Message.of(
                    "The figures as of {as_of} were already recorded on {when}; nothing "
                    "was written.",
                    as_of=entry.as_of_value,
                    when=entry.recorded_at.astimezone(),
                ).text(lang),
                title=tr("Already in the history", lang),
            )
