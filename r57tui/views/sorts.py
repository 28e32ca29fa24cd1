"""The ways a table can be ordered, named by the ids configs and exports use, and the
order a table is in: a sort and its direction (`SortOrder`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sort:
    """One way to order a table: `id` is what configs and exports name it by;
    `descending` is its first direction (most overdue first, names A–Z)."""

    id: str
    label: str
    descending: bool
    reversed_label: str = ""  # its label when it runs the other way ("overdue ↑")


def sort_by_id(sorts: tuple[Sort, ...], sort_id: str) -> Sort:
    for sort in sorts:
        if sort.id == sort_id:
            return sort
    raise ValueError(f"unknown sort {sort_id!r}; one of {', '.join(s.id for s in sorts)}")


def next_sort(sorts: tuple[Sort, ...], sort_id: str) -> str:
    ids = [sort.id for sort in sorts]
    return ids[(ids.index(sort_id) + 1) % len(ids)]


@dataclass(frozen=True, slots=True)
class SortOrder:
    """A table's order: a sort by its id, and whether it runs the other way from that
    sort's first direction. The same key pressed again reverses it (`applied`); a table's
    header shows which way it runs (`arrow`)."""

    key: str
    reversed: bool = False

    def applied(self, key: str) -> SortOrder:
        """The order after the sort `key` is chosen: the same sort reversed, or `key` in
        its first direction."""
        return SortOrder(key, not self.reversed) if key == self.key else SortOrder(key)

    def descending(self, sorts: tuple[Sort, ...]) -> bool:
        return sort_by_id(sorts, self.key).descending != self.reversed

    def label(self, sorts: tuple[Sort, ...]) -> str:
        """What the order is called (English: the catalogue's key), e.g. "overdue ↑"."""
        sort = sort_by_id(sorts, self.key)
        return (sort.reversed_label or sort.label) if self.reversed else sort.label

    def arrow(self, sorts: tuple[Sort, ...]) -> str:
        """`↓` when the largest (or the last in A–Z) comes first, else `↑`."""
        return "↓" if self.descending(sorts) else "↑"


def order_of(sort: str | SortOrder) -> SortOrder:
    """A sort id as the order it names, in its first direction."""
    return sort if isinstance(sort, SortOrder) else SortOrder(sort)
