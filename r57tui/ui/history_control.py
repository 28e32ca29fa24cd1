"""`L`: record the feed in view in the history of meetings (in the consolidated view, each
source's), off the event loop, and say what was done — recorded, already there, or why
not — in one notice."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App

from ..config import Settings
from ..history import HistoryError, HistoryStore, Recorded, SourceKey, history_path
from ..i18n.message import Message
from ..i18n.strings import tr
from .snapshot import Snapshot


class HistoryControl:
    """Records snapshots of the live figures (`figures` gives each source's to record,
    as the history knows it: the one in view, or each in the consolidated view); `key`
    is the source in view, whose history the trends, baselines and replay read."""

    def __init__(
        self,
        app: App[Any],
        settings: Settings,
        history: Path | None,
        language: str,
        *,
        figures: Callable[[], list[tuple[SourceKey, Snapshot | None]]],
        key: Callable[[], SourceKey],
    ) -> None:
        self.app = app
        # --history, else the config's `[history] path`, else the user data folder's.
        self.path = history.expanduser() if history is not None else history_path(settings)
        self.language = language
        self._figures, self._key = figures, key
        self._writing = False

    @property
    def store(self) -> HistoryStore:
        """The history of the source in view."""
        return HistoryStore(self.path, self._key())

    def record(self) -> None:
        lang = self.language
        wanted = self._figures()
        if all(snapshot is None for _, snapshot in wanted):
            self.app.notify(tr("No figures yet to record.", lang), severity="warning")
            return
        if self._writing:  # a second press while the first is written
            return
        self._writing = True
        store = HistoryStore(self.path)

        def write() -> list[tuple[SourceKey, Recorded | None]]:
            # One source after another, each in its own transaction: a source recorded
            # stays recorded if the next cannot be.
            return [
                (key, None if snapshot is None else store.record(snapshot.feed, key))
                for key, snapshot in wanted
            ]

        async def written() -> None:
            try:
                # A thread the app waits for on quitting: a snapshot is written whole.
                done = await asyncio.to_thread(write)
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

        self.app.run_worker(written(), group="history", exit_on_error=False)

    def _said(self, done: list[tuple[SourceKey, Recorded | None]]) -> None:
        """One notice: what was recorded, or already was; with several sources, a line
        each under its name."""
        lang = self.language
        several = len(done) > 1
        lines = []
        for key, recorded in done:
            named = f"{key.name}: " if several and key.name else ""
            lines.append(named + self._words(recorded))
        new = any(recorded is not None and recorded.new for _, recorded in done)
        title = "Recorded in the history" if new else "Already in the history"
        self.app.notify("\n".join(lines), title=tr(title, lang))

    def _words(self, recorded: Recorded | None) -> str:
        lang = self.language
        if recorded is None:
            return tr("No figures yet to record.", lang)
        entry = recorded.entry
        if recorded.new:
            return Message.of(
                "The figures as of {as_of} are recorded ({file}).",
                as_of=entry.as_of_value,
                file=self.path.name,
            ).text(lang)
        return Message.of(
            "The figures as of {as_of} were already recorded on {when}; nothing was written.",
            as_of=entry.as_of_value,
            when=entry.recorded_at.astimezone(),
        ).text(lang)
