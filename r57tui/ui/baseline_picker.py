"""`B`: pick the baseline among the meetings of the history and the JSON snapshots of the
export folder, each newest first, or stop comparing."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ..baseline import Baseline
from ..history import Entry, HistoryError
from ..i18n.dates import format_as_of
from ..i18n.numbers import format_int
from ..i18n.strings import tr, ui_text
from ..safety import one_line

NO_BASELINE = "-"
SHOWN = 200  # the newest files; a folder of years of exports stays quick to open


def snapshots_in(folder: Path) -> list[tuple[float, Path]]:
    """The JSON files of a folder with their modification times, newest first; an
    unreadable folder has none."""
    found: list[tuple[float, Path]] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith((".json", ".json.gz")) and entry.is_file():
                    found.append((entry.stat().st_mtime, Path(entry.path)))
    except OSError:
        return []
    found.sort(key=lambda item: (-item[0], item[1].name))
    return found[:SHOWN]


class BaselinePicker(ModalScreen[Path | Entry | bool | None]):
    """Dismissed with a path or a history entry (compare with it), None (stop comparing) or
    False (cancel)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", ui_text("Cancel"), id="cancel_baseline"),
    ]
    DEFAULT_CSS = """
    BaselinePicker { align: center middle; }
    BaselinePicker > Vertical {
        width: 90; max-width: 100%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    BaselinePicker OptionList { height: auto; max-height: 20; }
    BaselinePicker .folder { color: $text-muted; }
    """

    def __init__(
        self,
        folder: Path,
        current: Baseline | None,
        language: str,
        meetings: list[Entry] | HistoryError | None = None,
    ) -> None:
        super().__init__()
        self.folder = folder
        self.current = current
        self.language = language
        # The history's meetings, newest first; a history that cannot be read is said.
        self.meetings = [] if not isinstance(meetings, list) else meetings[::-1][:SHOWN]
        self.history_error = meetings if isinstance(meetings, HistoryError) else None
        # Each file's time as the folder was read: not asked of the disk again.
        self.snapshots = snapshots_in(folder)
        self.paths = [path for _, path in self.snapshots]

    def compose(self) -> ComposeResult:
        lang = self.language
        options: list[Option] = []
        if self.current is not None:
            options.append(
                Option(
                    f"{tr('Stop comparing', lang)} ({one_line(self.current.label, 60)})",
                    id=NO_BASELINE,
                )
            )
        for i, meeting in enumerate(self.meetings):
            options.append(Option(self._meeting(meeting), id=f"h{i}"))
        for i, (modified, path) in enumerate(self.snapshots):
            when = datetime.fromtimestamp(modified).strftime("%Y-%m-%d %H:%M")
            # A file name is shown as text, never read as markup.
            options.append(Option(Text(f"{when}  {one_line(path.name, 70)}"), id=str(i)))
        with Vertical():
            heading = (
                "Compare with a recorded meeting or a snapshot (since the last meeting)"
                if self.meetings
                else "Compare with an earlier snapshot (since the last meeting)"
            )
            yield Label(tr(heading, lang))
            if self.history_error is not None:
                yield Label(Text(one_line(self.history_error.text(lang), 86)), classes="folder")
            yield Label(Text(one_line(str(self.folder), 86)), classes="folder")
            if not self.paths and not self.meetings:
                yield Label(
                    tr("No JSON snapshots here yet: export one with E (JSON snapshot).", lang)
                )
            yield OptionList(*options, id="snapshots")

    def _meeting(self, meeting: Entry) -> Text:
        """A history entry: its as-of, its title and its figures (as text, never markup),
        whole: it wraps rather than being cut where the list is narrow."""
        lang = self.language
        total = meeting.total
        figures = tr("{assigned} assigned, {overdue} overdue", lang).format(
            assigned=format_int(total.assigned, lang), overdue=format_int(total.overdue, lang)
        )
        when = format_as_of(meeting.as_of_value, language=lang)
        title = f" · {one_line(meeting.title, 160)}" if meeting.title else ""
        return Text(f"{tr('Recorded meeting', lang)}: {when}{title} · {figures}")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#snapshots")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id
        if chosen == NO_BASELINE:
            self.dismiss(None)
        elif chosen is not None and chosen.startswith("h"):
            self.dismiss(self.meetings[int(chosen[1:])])
        elif chosen is not None:
            self.dismiss(self.paths[int(chosen)])

    def action_cancel(self) -> None:
        self.dismiss(False)
