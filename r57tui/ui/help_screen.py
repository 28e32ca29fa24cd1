"""`?` and F1: the keys of the screen you are on, read from its live bindings (so a key
remapped in the config shows as remapped)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..i18n.strings import tr, ui_text

_MOVES = {"cursor_up", "cursor_down", "page_up", "page_down", "scroll_top", "scroll_bottom"}


def binding_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    """(keys, what they do) for every binding active on `screen`, one row per action."""
    rows: dict[str, tuple[list[str], str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or not active.enabled:
            continue
        # Ours all have an id; of Textual's own, only the moves a reader needs.
        if binding.id is None and binding.action not in _MOVES:
            continue
        name = binding.action
        keys, _ = rows.setdefault(name, ([], binding.description))
        display = binding.key_display or screen.app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    return [(" / ".join(keys), description) for keys, description in rows.values()]


def filters_rule(language: str) -> str:
    """Whether a filter survives leaving a list: one rule for every screen (navigation.py
    and each screen's opening keep it)."""
    return tr(
        "Filters (state, filter by…, text) stay while you read a list and when you come "
        "back to it from a task; a list opened again starts with none.",
        language,
    )


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "dismiss", ui_text("Close"), id="close_help"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 64; max-width: 100%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(
        self, rows: list[tuple[str, str]], language: str, notes: tuple[str, ...] = ()
    ) -> None:
        super().__init__()
        self.rows = rows
        self.language = language
        self.notes = notes  # how the screen's keys work together (English: catalogue keys)

    def compose(self) -> ComposeResult:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        for keys, description in self.rows:
            grid.add_row(Text(keys), Text(tr(description, self.language)))
        title = Text(tr("Keys on this screen", self.language), style="bold")
        hint = Text(tr("ctrl+p opens the command palette. Escape closes this.", self.language))
        rule = Text(filters_rule(self.language))
        with VerticalScroll():
            yield Static(title)
            yield Static(grid)
            for note in self.notes:
                yield Static(Text(tr(note, self.language)), classes="note")
            yield Static(rule, classes="rule")
            yield Static(hint, classes="hint")
