"""`E`: choose the format, the scope (this view or every table), the notes of task tables
(the latest, or all) and the folder, then export."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet

from ..export import FORMATS, NotesChoice
from ..i18n.strings import tr, ui_text
from .export_choice import ExportChoice


class ExportDialog(ModalScreen[ExportChoice | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", ui_text("Cancel"), id="cancel_export"),
    ]
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%; border: thick $accent;
        background: $surface; padding: 0 1; overflow-y: auto;
    }
    ExportDialog RadioSet, ExportDialog Checkbox { width: 100%; }
    ExportDialog Horizontal { height: auto; align-horizontal: right; }
    ExportDialog Button { margin-left: 1; }
    """

    def __init__(
        self, fmt: str, folder: Path, view: str, language: str, notes: NotesChoice = "latest"
    ) -> None:
        super().__init__()
        self.fmt = fmt
        self.notes = notes
        self.folder = folder
        self.view = view
        self.language = language

    def compose(self) -> ComposeResult:
        lang = self.language
        with Vertical():
            yield Label(tr("Export", lang), classes="title")
            with RadioSet(id="format"):
                for form in FORMATS.values():
                    yield RadioButton(tr(form.label, lang), value=form.id == self.fmt, name=form.id)
            with RadioSet(id="scope"):
                yield RadioButton(f"{tr('This view', lang)}: {self.view}", value=True, name="view")
                yield RadioButton(
                    tr("Every table (agencies, tasks, indicators, findings)", lang), name="all"
                )
            yield Checkbox(
                tr("All notes of each task, newest first", lang),
                self.notes == "all",
                id="notes",
            )
            yield Label(tr("Folder", lang))
            yield Input(str(self.folder), id="folder")
            with Horizontal():
                yield Button(tr("Cancel", lang), id="cancel")
                yield Button(tr("Export", lang), variant="primary", id="export")

    def on_mount(self) -> None:
        self.query_one("#format", RadioSet).focus()

    def _choice(self) -> ExportChoice:
        chosen = self.query_one("#format", RadioSet).pressed_button
        fmt = chosen.name if chosen is not None and chosen.name else self.fmt
        scope = self.query_one("#scope", RadioSet).pressed_button
        folder = Path(self.query_one("#folder", Input).value.strip() or str(self.folder))
        notes: NotesChoice = "all" if self.query_one("#notes", Checkbox).value else "latest"
        every = scope is not None and scope.name == "all"
        return ExportChoice(fmt, every, folder.expanduser(), notes)

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#folder")
    def _export(self) -> None:
        self.dismiss(self._choice())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
