"""Presentation mode's cycle and keys: the slides move on every `present.seconds`; ←/→
step, 1–9 jump, space pauses and resumes; while cycling, another key only stops the cycle
on the slide shown (Escape and P leave at once)."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.timer import Timer

from ..i18n.strings import ui_text
from ..views.deck import Slide
from .app_bindings import APP_BINDINGS
from .binding_kinds import LeavesSlides, ids_of
from .screen_base import DataScreen

DECK_BINDINGS: list[BindingType] = [
    LeavesSlides("escape", "back", ui_text("Leave presentation"), id="back"),
    Binding("left", "previous_slide", ui_text("Previous slide"), id="previous_slide"),
    Binding("right", "next_slide", ui_text("Next slide"), id="next_slide"),
    Binding("space", "resume_cycle", ui_text("Pause or resume"), id="resume_cycle"),
]
# The keys that leave presentation mode, as declared (the app's P, the screen's escape).
_LEAVING = ids_of([*APP_BINDINGS, *DECK_BINDINGS], LeavesSlides)
# The keys that act while the deck cycles: they step, pause or leave.
_OWN_KEYS = _LEAVING | {"previous_slide", "next_slide", "resume_cycle"}


class SlideCycle(DataScreen):
    """A deck's place (`index` in `slides`) and its cycle; the screen draws the slide."""

    BINDINGS: ClassVar[list[BindingType]] = DECK_BINDINGS

    def __init__(self) -> None:
        super().__init__()
        self.slides: list[Slide] = []
        self.index = 0
        self.cycling = False
        self.seconds: float | None = None  # None: settings.present.seconds
        self._cycle_timer: Timer | None = None

    def on_mount(self) -> None:
        # DataScreen.on_mount runs after this by itself: the figures, then the status.
        self.r57.held_notices.take_off()  # no notification on a slide (held_notices.py)
        self.start_cycle()

    def on_unmount(self) -> None:
        self.r57.held_notices.release()  # the deck is left: what waited is shown

    def _draw(self) -> None:
        """The slide at `index`, drawn by the screen."""

    def _show_hint(self) -> None:
        """The place in the deck and whether it cycles, shown by the screen."""

    @property
    def period(self) -> float:
        return self.seconds if self.seconds is not None else self.r57.settings.present.seconds

    def start_cycle(self) -> None:
        """Move to the next slide every `period` seconds from now."""
        if self._cycle_timer is not None:
            self._cycle_timer.stop()
        self.cycling = True
        self._cycle_timer = self.set_interval(self.period, self._advance)
        self._show_hint()

    def stop_cycle(self) -> None:
        if self._cycle_timer is not None:
            self._cycle_timer.stop()
            self._cycle_timer = None
        self.cycling = False
        self._show_hint()

    def _advance(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        if self.slides:
            self.index = (self.index + step) % len(self.slides)
        self._draw()

    def on_key(self, event: events.Key) -> None:
        """1–9 jump to a slide; while cycling, a key that is not the deck's own only stops
        the cycle, except one that leaves."""
        if event.character is not None and event.character in "123456789":
            event.stop()
            event.prevent_default()
            self.jump(int(event.character) - 1)
            return
        if not self.cycling:
            return
        active = self.active_bindings.get(event.key)
        if active is not None and active.binding.id in _OWN_KEYS:
            return  # its binding runs next: it steps, pauses or leaves
        self.stop_cycle()
        event.stop()
        event.prevent_default()

    def jump(self, index: int) -> None:
        """To slide `index` (from 0), if the deck has it; the cycle stops there."""
        self.stop_cycle()
        if index < len(self.slides):
            self.index = index
            self._draw()

    # Actions --------------------------------------------------------------------------

    def action_next_slide(self) -> None:
        self.stop_cycle()
        self._move(1)

    def action_previous_slide(self) -> None:
        self.stop_cycle()
        self._move(-1)

    def action_resume_cycle(self) -> None:
        """Space: pause the cycle, or resume it."""
        if self.cycling:
            self.stop_cycle()
        else:
            self.start_cycle()

    def action_back(self) -> None:
        self.stop_cycle()
        super().action_back()
