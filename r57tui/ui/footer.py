"""The footer: the keys of the screen on one line, the help and quitting always among
them. Where the line is too short for every key, the others give way from the right
(the app's own, then the screen's last declared), never cut mid-word at the edge."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.events import Resize
from textual.widgets import Footer

from ..i18n.strings import tr
from .binding_kinds import Kept, footer_words, ids_of
from .dashboard import dashboard

# A compact footer key draws "key description" and a cell of margin after it.
_KEY_SPACING = 2


def key_width(key_display: str, description: str) -> int:
    return cell_len(key_display) + (cell_len(description) + _KEY_SPACING if description else 1)


def keep_to_width(widths: list[int], kept: list[bool], room: int) -> list[bool]:
    """Which keys show: all while they fit; else the ones not kept give way, the rightmost
    first, until the rest fit (the kept ones stay even past the room)."""
    shown = [True] * len(widths)
    for index in reversed(range(len(widths))):
        if sum(w for w, s in zip(widths, shown, strict=True) if s) <= room:
            break
        if not kept[index]:
            shown[index] = False
    return shown


def _declared(classes: Iterable[type]) -> Iterator[BindingType]:
    for cls in classes:
        yield from cls.__dict__.get("BINDINGS", [])


class KeysFooter(Footer):
    """Textual's compact footer, fitted to the width: nothing lies past the right edge."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._width = 0

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width and self._bindings_ready:
            self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        # Textual's own keys (one per action, in its order), then only those that fit.
        # Its key widget's class is private: read by what it holds.
        keys: list[Any] = [w for w in super().compose() if hasattr(w, "key_display")]
        # Textual binds plain copies of the declared bindings: the kind is read from the
        # declarations of the app and the screen, by id.
        declared = list(_declared([*type(self.app).__mro__, *type(self.screen).__mro__]))
        kept_ids = ids_of(declared, Kept)
        paired = footer_words(declared)
        ids = {binding.key: binding.id for _, binding, _, _ in self.screen.active_bindings.values()}
        language = dashboard(self.app).language
        for key in keys:
            # A binding's words are fixed in the language of the process when its class
            # is defined; an app in another language (a test's, a served session's)
            # reads them in its own.
            word = paired.get(ids.get(key.key) or "", key.description)
            key.description = tr(word, language) if word else ""
        self._width = self.size.width or self.app.size.width
        widths = [key_width(key.key_display, key.description) for key in keys]
        kept = [ids.get(key.key) in kept_ids for key in keys]
        shown = keep_to_width(widths, kept, self._width)
        for index, key in enumerate(keys):
            # The first of a pair ("[") goes with the second ("] Group").
            if ids.get(key.key) in paired and not key.description and index + 1 < len(keys):
                shown[index] = shown[index] and shown[index + 1]
        for key, show in zip(keys, shown, strict=True):
            if show:
                # Compact from the start: Textual's key sets it once mounted, and each
                # key was styled again for it, at every redraw of the footer.
                key.set_class(self.compact, "-compact", update=False)
                yield key
