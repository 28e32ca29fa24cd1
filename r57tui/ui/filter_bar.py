"""The `/` filter: a one-line input under a table that filters it as you type.

Matching ignores case and diacritics (đ too) and finds agencies by their former names;
see i18n/search.py. Enter keeps the filter and returns to the table; Escape clears it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Input

from ..i18n.strings import ui_text


class FilterBar(Input):
    DEFAULT_CSS = """
    FilterBar { dock: bottom; display: none; height: 3; margin-bottom: 1; }
    FilterBar.-open { display: block; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", ui_text("Clear filter"), id="clear_filter"),
    ]

    class Done(Message):
        """The bar closed: the table should take focus back."""

    def __init__(self, placeholder: str, **kwargs: object) -> None:
        super().__init__(placeholder=placeholder, **kwargs)  # type: ignore[arg-type]

    def validate_virtual_size(self, size: Size) -> Size:
        # Input sets its virtual size to the text's width at every keystroke, and a new
        # virtual size lays the whole screen out (30 ms over a list of 100k tasks, on
        # every keystroke). Text that fits the bar needs no scrolling: one size for all
        # of it; longer text gets its own, and scrolls as Input scrolls it.
        room = self.scrollable_content_region.width
        return Size(room, size.height) if 0 < size.width <= room else size

    def open(self) -> None:
        self.add_class("-open")
        # Focus now, not after the next refresh (`focus()` is deferred): keys typed straight
        # after "/" arrive in the same burst and must land here, not on the screen ("e"
        # would export).
        self.styles.display = "block"
        self.screen.set_focus(self)

    def close(self) -> None:
        self.remove_class("-open")
        self.styles.display = "none"
        self.post_message(self.Done())

    def action_cancel(self) -> None:
        self.value = ""
        self.close()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close()
