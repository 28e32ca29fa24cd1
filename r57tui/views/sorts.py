"""The ways a table can be ordered, named by the ids configs and exports use."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sort:
    """One way to order a table: `id` is what configs and exports name it by."""

    id: str
    label: str
    descending: bool


def sort_by_id(sorts: tuple[Sort, ...], sort_id: str) -> Sort:
    for sort in sorts:
        if sort.id == sort_id:
            return sort
    raise ValueError(f"unknown sort {sort_id!r}; one of {', '.join(s.id for s in sorts)}")


def next_sort(sorts: tuple[Sort, ...], sort_id: str) -> str:
    ids = [sort.id for sort in sorts]
    return ids[(ids.index(sort_id) + 1) % len(ids)]
