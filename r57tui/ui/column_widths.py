"""One width policy for every table: which columns show, and how wide each is.

A column says how much it matters (`priority`), the least it can be shown in (`minimum`),
what it needs to show everything (`natural`: its widest heading or cell) and whether it
takes the slack (`flexible`: names and titles). Given the width there is:

- while even the minimums do not fit, the least important column goes (the last of
  equals first), so what a meeting looks at first stays on screen at 80 columns;
- every column gets its minimum; then a flexible column with a `floor` (a title) grows
  to it, before the short columns take their room past their content (a state's room for
  a change mark); then fixed columns grow to their natural width, most important first;
- what is left goes to the flexible columns by their `weight`, none past its natural
  width (a name shown whole needs no more), so one long title cannot take everything;
- an `extra` column (a decoration such as a bar) shows only in what is left once every
  other column is whole: it never costs a name a letter;
- a column with `whole_over` (the agencies' names) is worth more whole than the columns
  of a priority below it: they make way, the least important first, when that lets it
  be whole (and only then: no column goes for a name that would still be cut). Whole
  means `readable` when given: the width from which every value reads as itself (an
  English name in its usual abbreviations, "Central Comm. for … Educ. and …"), so no
  column goes for the last few letters of a name that reads already.

Pure: the tables measure their text and draw it; this only does the sums. `stops` and
`next_stop` are where horizontal scrolling stops: at column boundaries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class ColumnNeed:
    key: str
    natural: int  # the widest heading or cell
    minimum: int | None = None  # None: the natural width (a figure is never cut)
    priority: int = 0  # higher stays longer
    flexible: bool = False  # takes the slack: names, titles
    weight: int = 1  # a flexible column's share of the slack
    extra: bool = False  # only in room left when the others are whole
    whole_over: int | None = None  # columns of a lower priority make way for it whole
    floor: int = 0  # a flexible column is not cut below this for another one whole
    readable: int | None = None  # whole_over's aim: every value reads from here; None: natural

    @property
    def least(self) -> int:
        natural = max(self.natural, 1)
        return natural if self.minimum is None else max(1, min(self.minimum, natural))

    @property
    def whole(self) -> int:
        """The width a `whole_over` column makes others give way for."""
        natural = max(self.natural, 1)
        return natural if self.readable is None else max(self.least, min(self.readable, natural))


def fit_columns(needs: Sequence[ColumnNeed], available: int, padding: int = 2) -> dict[str, int]:
    """Each shown column's width (padding not included), in the order given; a column
    left out was dropped. `padding` is what each column adds around its text."""
    kept = _whole_names(tuple(n for n in needs if not n.extra), available, padding)
    widths = _fit(kept, available, padding)
    spare = available - sum(w + padding for w in widths.values())
    for need in sorted((n for n in needs if n.extra), key=lambda n: -n.priority):
        if need.least + padding <= spare:
            widths[need.key] = min(need.natural, spare - padding)
            spare -= widths[need.key] + padding
    return {n.key: widths[n.key] for n in needs if n.key in widths}


def _whole_names(
    needs: tuple[ColumnNeed, ...], available: int, padding: int
) -> tuple[ColumnNeed, ...]:
    """The columns to fit: all of them, or, for each `whole_over` column that would be
    cut (the most important first: a title before a name), the same with that column
    whole (`ColumnNeed.whole`) and as few of lower priority as that takes — if every
    column of its priority or above stays and every other flexible column keeps its
    `floor` (a name is not made whole at the price of an unreadable title). Past whole,
    it takes its share of the slack as before."""
    kept = needs
    for need in sorted((n for n in needs if n.whole_over is not None), key=lambda n: -n.priority):
        over = need.whole_over
        assert over is not None
        widths = _fit(kept, available, padding)
        if widths.get(need.key, need.natural) >= need.whole:
            continue
        whole = replace(need, minimum=need.whole)
        trial = [whole if n.key == need.key else n for n in kept]
        while True:
            fitted = _fit(trial, available, padding)
            if _keeps(kept, fitted, need.key, over) and fitted.get(need.key, 0) >= need.whole:
                kept = tuple(trial)
                break
            yielding = [n for n in trial if n.priority < over]
            if not yielding:
                break
            lowest = min(n.priority for n in yielding)
            trial.remove([n for n in yielding if n.priority == lowest][-1])
    return kept


def _keeps(needs: Sequence[ColumnNeed], fitted: dict[str, int], key: str, over: int) -> bool:
    """Every column of priority `over` or more is shown, and every flexible one but `key`
    (the one made whole) at its floor at least."""
    return all(
        n.key in fitted
        and (not n.flexible or n.key == key or fitted[n.key] >= min(n.floor, n.natural))
        for n in needs
        if n.priority >= over
    )


def _fit(needs: Sequence[ColumnNeed], available: int, padding: int) -> dict[str, int]:
    kept = list(needs)
    while len(kept) > 1 and sum(n.least + padding for n in kept) > available:
        lowest = min(n.priority for n in kept)
        last = max(i for i, n in enumerate(kept) if n.priority == lowest)
        del kept[last]
    if not kept:
        return {}
    widths = {n.key: n.least for n in kept}
    if len(kept) == 1 and kept[0].least + padding > available:
        # The one column left is narrower than its minimum rather than gone.
        widths[kept[0].key] = max(available - padding, 1)
        return widths
    spare = available - sum(w + padding for w in widths.values())
    by_priority = sorted(kept, key=lambda n: -n.priority)  # stable: equals keep their order
    for need in by_priority:  # the text read first: a title up to its floor
        if need.flexible and spare > 0:
            grow = min(spare, max(min(need.floor, need.natural) - widths[need.key], 0))
            widths[need.key] += grow
            spare -= grow
    for need in by_priority:
        if need.flexible or spare <= 0:
            continue
        grow = min(spare, max(need.natural, 1) - widths[need.key])
        widths[need.key] += grow
        spare -= grow
    flexible = [n for n in by_priority if n.flexible]
    while spare > 0:
        hungry = [n for n in flexible if widths[n.key] < n.natural]
        if not hungry:
            break
        total = sum(max(n.weight, 1) for n in hungry)
        given = 0
        for need in hungry:
            share = spare * max(need.weight, 1) // total
            grow = min(share, need.natural - widths[need.key])
            widths[need.key] += grow
            given += grow
        if given == 0:  # shares rounded down to nothing: one cell each, most important first
            for need in hungry:
                if spare - given <= 0:
                    break
                widths[need.key] += 1
                given += 1
        spare -= given
    return widths


def stops(widths: Sequence[int], padding: int = 2) -> list[int]:
    """The x where each column starts, for widths without their padding."""
    x, starts = 0, []
    for width in widths:
        starts.append(x)
        x += width + padding
    return starts


def next_stop(starts: Sequence[int], scroll_x: int, step: int, limit: int) -> int:
    """Where → (`step` 1) or ← (`step` -1) scrolls from `scroll_x`: the next column's
    start, or the previous one's; never past `limit` (the widest scroll) nor below 0."""
    if step > 0:
        ahead = [x for x in starts if x > scroll_x]
        target = ahead[0] if ahead else limit
    else:
        behind = [x for x in starts if x < scroll_x]
        target = behind[-1] if behind else 0
    return max(0, min(target, limit))
