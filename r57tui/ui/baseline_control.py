"""Since the last meeting: the baseline every figure is compared with — an earlier feed
file, or a meeting of the history — loaded off the event loop, picked with B, or stopped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App

from ..baseline import Baseline, BaselineError, load_baseline
from ..config import Settings, export_folder
from ..history import Entry, HistoryError, HistoryStore, SourceKey, baseline_from
from ..history.choice import entry_baseline
from ..i18n.dates import format_as_of
from ..i18n.strings import tr
from ..sources.detached import off_loop
from .live import with_baseline
from .snapshot import Snapshot


class BaselineControl:
    """The baseline in use for each source (None: not comparing): with several, each is
    compared with its own earlier figures, never another's. `snapshot` gives the figures
    on screen, `redraw` redraws every screen, `current` the source in view (an index;
    None: the consolidated view, which compares with nothing), `key_of` a source as the
    history knows it."""

    def __init__(
        self,
        app: App[Any],
        settings: Settings,
        language: str,
        *,
        history: Path,
        snapshot: Callable[[], Snapshot | None],
        redraw: Callable[[], None],
        current: Callable[[], int | None] = lambda: 0,
        key_of: Callable[[int | None], SourceKey | None] = lambda index: None,
    ) -> None:
        self.app = app
        self.settings = settings
        self.language = language
        self.history = history  # the history file: `--baseline last`, B's meetings
        self._snapshot, self._redraw = snapshot, redraw
        self._current, self._key_of = current, key_of
        self._chosen: dict[int | None, Baseline | None] = {}

    @property
    def baseline(self) -> Baseline | None:
        """The baseline of the source in view."""
        return self._chosen.get(self._current())

    def of(self, index: int | None) -> Baseline | None:
        return self._chosen.get(index)

    def use(self, choice: Path | str | Entry | None) -> None:
        """Compare from now on with this earlier feed or snapshot file, this history entry,
        or what `--baseline` names (a file, `last`, `previous`, a date); None: stop
        comparing. Read and checked in a thread; one that cannot be used is said in one
        line and the comparison in use, if any, stays."""
        index = self._current()  # the source it is for, wherever the reader is when read
        if choice is None:
            self.ready(None, index)
            return
        days, cap, history = self.settings.due_soon_days, self.settings.cap, self.history
        key = self._key_of(index)

        def read() -> Baseline:
            if isinstance(choice, Entry):
                return entry_baseline(HistoryStore(history, key), choice, days)
            if isinstance(choice, str):
                return baseline_from(choice, history, days, cap, key)
            return load_baseline(choice, days, cap)

        async def load() -> None:
            try:
                # In a daemon thread (sources/detached.py): `q` while a big baseline is
                # read and checked quits at once instead of waiting for it.
                baseline = await off_loop(read)
            except BaselineError as exc:
                self.app.notify(
                    exc.text(self.language),
                    title=tr("Baseline not used", self.language),
                    severity="error",
                    timeout=12,
                )
                return
            self.ready(baseline, index)

        self.app.run_worker(load(), group="baseline", exit_on_error=False)

    def ready(self, baseline: Baseline | None, index: int | None = 0) -> None:
        self._chosen[index] = baseline
        if index != self._current():
            return  # read for a source since left: its figures are compared when back
        snapshot = self._snapshot()
        if snapshot is not None:
            with_baseline(snapshot, baseline)
        self._redraw()
        if baseline is not None:
            lang = self.language
            self.app.notify(
                f"{baseline.label}, {tr('as of', lang)} "
                f"{format_as_of(baseline.feed.as_of, language=lang)}",
                title=tr("Comparing with the baseline", lang),
            )

    def pick(self) -> None:
        """B: a meeting of the history or a JSON snapshot of the export folder, newest
        first, or stop comparing."""
        from .baseline_picker import BaselinePicker  # here: the start does not draw it

        def chosen(choice: Path | Entry | bool | None) -> None:
            if choice is False:  # dismissed: keep what is in use
                return
            self.use(choice if isinstance(choice, Path | Entry) else None)

        try:
            store = HistoryStore(self.history, self._key_of(self._current()))
            meetings: list[Entry] | HistoryError = store.entries()
        except HistoryError as exc:
            meetings = exc  # said in the picker, which still lists the files
        self.app.push_screen(
            BaselinePicker(
                export_folder(self.settings), self.baseline, self.language, meetings=meetings
            ),
            chosen,
        )
