"""The read-only policy (`--read-only`, what `r57tui serve` runs): nothing written on this
machine and its folders not listed, whoever presses what. Which keys that concerns is said
where each binding is declared (`LocalFiles`, binding_kinds.py), not in a list here."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cached_property

from textual.binding import Binding

from ..i18n.strings import tr
from .binding_kinds import local_actions, writing_ids


class ReadOnly:
    """Whether the dashboard is read-only, and what that turns off. `declared` gives the
    dashboard's bindings, `keymap` is the config's [keys] remapping; `say` shows a line.

    The bindings are asked for only once read-only is on: gathering them imports every
    screen, which a dashboard that may write never needs for its first frame."""

    def __init__(
        self,
        on: bool,
        declared: Callable[[], Iterable[Binding]],
        keymap: Mapping[str, str],
        language: str,
        say: Callable[[str], None],
    ) -> None:
        self.on = on
        self._declared = declared
        self._keymap = keymap
        self.language = language
        self._say = say

    @cached_property
    def _bindings(self) -> list[Binding]:
        return list(self._declared())

    @cached_property
    def actions(self) -> frozenset[str]:
        """The actions read-only turns off."""
        return local_actions(self._bindings)

    @cached_property
    def writing_keys(self) -> frozenset[str]:
        """The keys of the bindings that write, as remapped."""
        return keys_of(self._bindings, writing_ids(self._bindings), self._keymap)

    def allows(self, action: str) -> bool:
        """Whether an action is offered (footer, help, palette)."""
        return not (self.on and action in self.actions)

    def refuses(self) -> bool:
        """Asked before anything is written: read-only says why, and refuses."""
        if self.on:
            self.exports_off()
        return self.on

    def key_pressed(self, key: str) -> None:
        """A hidden export key pressed from habit does nothing: say why instead."""
        if self.on and key in self.writing_keys:
            self.exports_off()

    def exports_off(self) -> None:
        self._say(tr("Read-only: exports are off in this dashboard", self.language))


def keys_of(
    declared: Iterable[Binding], ids: frozenset[str], keymap: Mapping[str, str]
) -> frozenset[str]:
    """The keys bound to these binding ids, as remapped by the config's [keys]."""
    found: set[str] = set()
    for binding in declared:
        if binding.id in ids:
            keys = keymap.get(binding.id, binding.key)
            made = Binding.make_bindings([Binding(keys, binding.action)])
            found.update(each.key for each in made)
    return frozenset(found)
