"""What a binding is, said where it is declared: a key that touches this machine's files,
a key that leaves presentation mode, a key the footer always keeps. Policies read these
declarations instead of keeping lists of action names.

Textual copies each declared binding into a plain `Binding` when it binds it (one per
key), keeping its id: a running screen tells them apart by id (`ids_of`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class LocalFiles(Binding):
    """A key whose action writes a file (`writes`) or lists a folder of this machine: off
    in a read-only (served) dashboard, where any viewer may press it."""

    writes: bool = True


@dataclass(frozen=True)
class LeavesSlides(Binding):
    """A key that leaves presentation mode: it works even while the slides cycle, when
    any other key first stops the cycle."""


@dataclass(frozen=True)
class Kept(Binding):
    """A key the footer always shows, at any width: the help (every other key is there)
    and quitting. The footer's other keys give way from the right when the line is full."""


@dataclass(frozen=True)
class FooterPair(Binding):
    """One of two keys the footer shows as one entry, `[ ] Group`: the first of the pair
    shows its key alone, the second its key and `footer` (each keeps its own description
    for the help and the palette). The two give way together."""

    footer: str = ""


def footer_words(declared: Iterable[BindingType]) -> dict[str, str]:
    """The footer's word of each key of a pair, by binding id ("": the key alone)."""
    return {each.id: each.footer for each in declared if isinstance(each, FooterPair) and each.id}


def local_actions(declared: Iterable[BindingType]) -> frozenset[str]:
    """The actions of these bindings that touch local files."""
    return frozenset(each.action for each in declared if isinstance(each, LocalFiles))


def writing_ids(declared: Iterable[BindingType]) -> frozenset[str]:
    """The binding ids of these bindings whose action writes a file."""
    return frozenset(
        each.id for each in declared if isinstance(each, LocalFiles) and each.writes and each.id
    )


def ids_of(declared: Iterable[BindingType], kind: type[Binding]) -> frozenset[str]:
    """The ids of these bindings of this kind."""
    return frozenset(each.id for each in declared if isinstance(each, kind) and each.id)
