"""`L`: record the feed in view in the history of meetings, off the event loop, and say
what was done — recorded, already there, or why not — in one notice."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App

from ..config import Settings
from ..history import HistoryError, HistoryStore, Recorded, history_path, source_name
from ..i18n.message import Message
from ..i18n.strings import tr
from .snapshot import Snapshot


class HistoryControl:
    """Records snapshots of the feed on screen (`snapshot` gives it) as coming from the
    settings' source."""

    def __init__(
        self,
        app: App[Any],
        settings: Settings,
        history: Path | None,
        language: str,
        *,
        snapshot: Callable[[], Snapshot | None],
    ) -> None:
        self.app = app
        # --history, else the config's `[history] path`, else the user data folder's.
        self.store = HistoryStore(
            history.expanduser() if history is not None else history_path(settings)
        )
        self.source = source_name(settings.source)
        self.language = language
        self._snapshot = snapshot
        self._writing = False

    def record(self) -> None:
        snapshot = self._snapshot()
        lang = self.language
        if snapshot is None:
            self.app.notify(tr("No figures yet to record.", lang), severity="warning")
            return
        if self._writing:  # a second press while the first is written
            return
        self._writing = True

        async def write() -> None:
            try:
                # A thread the app waits for on quitting: a snapshot is written whole.
                done = await asyncio.to_thread(self.store.record, snapshot.feed, self.source)
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
