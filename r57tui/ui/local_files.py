"""A binding that touches this machine's files, said where the binding is declared."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class LocalFiles(Binding):
    """A key whose action writes a file (`writes`) or lists a folder of this machine: off
    in a read-only (served) dashboard, where any viewer may press it."""

    writes: bool = True


def local_actions(declared: Iterable[Binding]) -> frozenset[str]:
    """The actions of these bindings that touch local files."""
    return frozenset(each.action for each in declared if isinstance(each, LocalFiles))


def writing_ids(declared: Iterable[Binding]) -> frozenset[str]:
    """The binding ids of these bindings whose action writes a file."""
    return frozenset(
        each.id for each in declared if isinstance(each, LocalFiles) and each.writes and each.id
    )
