"""How an indicator stands: its red/amber/green mark against the target, and its change.

Pure. Arithmetic is done in Decimal on the numbers as the feed wrote them, so 73.5 − 70.1
is 3.4, not 3.4000000000000057.

The mark, respecting `direction` (whether a higher value is better):
- green: the target is met (at or above it going up, at or below it going down);
- amber: not met, but within `AMBER_BAND` (10%) of the target;
- red: further from the target than that;
- none: the indicator has no target.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .feed import Direction, HistoryPoint, Indicator

AMBER_BAND = Decimal("0.10")


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Standing:
    rag: Rag
    previous: HistoryPoint | None  # the period before the indicator's own
    change: Decimal | None  # value minus the previous period's value
    improved: bool | None  # the change went the better way (None: no change to judge)
    series: tuple[float, ...]  # history, oldest first, then the current value


def exact(value: float | int) -> Decimal:
    """The number as the feed wrote it (the shortest repr of the parsed float)."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def places(value: Decimal) -> int:
    """The decimals a Decimal is written with, trailing zeros kept (1.20 -> 2)."""
    exponent = value.as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def decimals_of(value: float | int) -> int:
    return places(exact(value).normalize())


def rag(value: float | int, target: float | int | None, direction: Direction) -> Rag:
    if target is None:
        return Rag.NONE
    value_d, target_d = exact(value), exact(target)
    gap = target_d - value_d if direction is Direction.UP else value_d - target_d
    if gap <= 0:
        return Rag.GREEN
    scale = abs(target_d) if target_d else Decimal(1)
    return Rag.AMBER if gap <= AMBER_BAND * scale else Rag.RED


def previous_point(indicator: Indicator) -> HistoryPoint | None:
    """The latest history point of an earlier period than the indicator's own."""
    for point in reversed(indicator.history):
        if indicator.period is None or point.period != indicator.period:
            return point
    return None


def assess(indicator: Indicator) -> Standing:
    previous = previous_point(indicator)
    change = improved = None
    if previous is not None:
        change = exact(indicator.value) - exact(previous.value)
        if change:
            improved = (change > 0) == (indicator.direction is Direction.UP)
    series = [point.value for point in indicator.history if point.period != indicator.period]
    series.append(indicator.value)
    return Standing(
        rag=rag(indicator.value, indicator.target, indicator.direction),
        previous=previous,
        change=change,
        improved=improved,
        series=tuple(float(v) for v in series),
    )
