"""The app's own keys (R57App.BINDINGS), declared apart from the app so that the keymap
check and the screens can read them without importing the app module."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from ..i18n.strings import ui_text
from .binding_kinds import Kept, LeavesSlides, LocalFiles

# In the footer: the help first (every other key is there, and in the palette),
# presenting, quitting; the rest would only be cut off at the right. The help and
# quitting are kept at any width; the footer's other keys give way (footer.py).
APP_BINDINGS: list[BindingType] = [
    Kept("question_mark,f1", "help", ui_text("Keys"), id="help"),
    LeavesSlides("P", "present", ui_text("Present"), id="present"),
    Kept("q", "quit", ui_text("Quit"), id="quit"),
    Binding("r", "refresh", ui_text("Refresh"), show=False, id="refresh"),
    Binding("p", "pause", ui_text("Pause"), show=False, id="pause"),
    LocalFiles("S", "save_svg", ui_text("Screenshot"), show=False, id="screenshot"),
    Binding("t", "cycle_theme", ui_text("Next theme"), show=False, id="theme"),
    Binding("c", "changes", ui_text("Changes"), show=False, id="changes"),
    # Lists the export folder: not for any viewer of a served dashboard.
    LocalFiles("B", "pick_baseline", ui_text("Baseline"), show=False, id="baseline", writes=False),
    # Writes the history file: not for any viewer of a served dashboard either.
    LocalFiles(
        "L", "record_history", ui_text("Record in the history"), show=False, id="record_history"
    ),
    # The history's trends, and the recorded meetings on every screen: they read the
    # history file, which a viewer of a served dashboard has no business with.
    LocalFiles("T", "trends", ui_text("Trends"), show=False, id="trends", writes=False),
    LocalFiles(
        "less_than_sign",
        "replay_previous",
        ui_text("Previous recorded meeting"),
        show=False,
        id="replay_previous",
        writes=False,
    ),
    LocalFiles(
        "greater_than_sign",
        "replay_next",
        ui_text("Next recorded meeting"),
        show=False,
        id="replay_next",
        writes=False,
    ),
    Binding("N", "live_again", ui_text("Back to live"), show=False, id="live_again"),
    # Several sources: the switcher (hidden with one source, where there is nothing to pick).
    Binding("x", "switch_source", ui_text("Switch source"), show=False, id="switch_source"),
]
