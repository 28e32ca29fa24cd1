"""What every data screen has: the status line on top, the footer below, and a way to be
told that new figures arrived."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

if TYPE_CHECKING:
    from .app import R57App


class DataScreen(Screen[None]):
    """A screen that shows figures from the app's current snapshot."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
    ]

    @property
    def r57(self) -> R57App:
        from .app import R57App

        assert isinstance(self.app, R57App)
        return self.app

    @property
    def language(self) -> str:
        return self.r57.language

    # Set once the widgets exist: a resize or a refresh may come before.
    ready = False

    def show_snapshot(self) -> None:
        """Redraw from `self.r57.snapshot`; keep cursor, scroll, filter and sort."""

    def on_mount(self) -> None:
        self.ready = True
        self.r57.render_status()
        self.show_snapshot()

    def action_back(self) -> None:
        if self is not self.app.screen_stack[0]:
            self.app.pop_screen()
