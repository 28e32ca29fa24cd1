"""A part of a whole, as two integers: every percentage the dashboard, the exports and the
report show carries what it is a percentage of, and is rounded one way."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True, slots=True)
class Share:
    """`part` of `whole`, e.g. 485 completed of 1,132 assigned."""

    part: int
    whole: int

    def percent(self, decimals: int = 0) -> Decimal | None:
        """The percentage rounded half up; None when there is nothing to divide by.

        It never rounds to 100 unless the part is the whole, nor to 0 unless the part
        is nothing: 1,131 of 1,132 is not "100% completed" in front of a minister.
        """
        if self.whole <= 0:
            return None
        step = Decimal(1).scaleb(-decimals)
        value = (Decimal(self.part) * 100 / Decimal(self.whole)).quantize(step, ROUND_HALF_UP)
        if value >= 100 and self.part < self.whole:
            return Decimal(100) - step
        if value <= 0 < self.part:
            return step
        return value
