"""Each indicator's history against its target across the recorded meetings: the value
each meeting recorded, the latest, the target that meeting gave, and whether that latest
value meets it (the red/amber/green rule of indicators.py).

No textual. The trends screen's indicators table and its chart read these; every figure is
one the history recorded (`HistoryStore.indicator_values`), never the feed's own history
points, so a row is what the meetings saw.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..feed import Indicator
from ..history import Entry, IndicatorPoint
from ..i18n.search import Matcher
from ..indicators import Rag, rag
from .indicators import indicator_haystack


@dataclass(frozen=True, slots=True)
class IndicatorTrend:
    """An indicator (named, with its unit and direction, as the feed on screen gives it)
    and the meetings that recorded it, oldest first."""

    indicator: Indicator
    points: tuple[tuple[Entry, IndicatorPoint], ...]

    @property
    def latest(self) -> IndicatorPoint:
        return self.points[-1][1]

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(point.value for _, point in self.points)

    @property
    def standing(self) -> Rag:
        """The latest recorded value against the target recorded with it."""
        latest = self.latest
        return rag(latest.value, latest.target, self.indicator.direction)


def indicator_trends(
    entries: Iterable[Entry],
    values: Mapping[str, Sequence[IndicatorPoint]],
    indicators: Sequence[Indicator],
    *,
    query: str = "",
) -> list[IndicatorTrend]:
    """The indicators of the feed on screen that the history recorded, in the feed's
    order, matching `query`; one the history has but the feed no longer names is left
    out (its name, unit and direction are the feed's)."""
    by_id = {entry.id: entry for entry in entries}
    matcher = Matcher(query)
    rows = []
    for indicator in indicators:
        recorded = [
            (by_id[point.snapshot_id], point)
            for point in values.get(indicator.id, ())
            if point.snapshot_id in by_id
        ]
        if not recorded:
            continue
        if not matcher.is_blank and not matcher.matches_folded(indicator_haystack(indicator)):
            continue
        rows.append(IndicatorTrend(indicator, tuple(recorded)))
    return rows
