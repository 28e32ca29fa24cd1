"""A feed that moves: each step a day passes, some open tasks complete, indicators drift.

Deterministic for a given seed and step, so a test can predict nothing more than what
it needs: that the feed stays valid, its totals add up, and it changes.
"""

from __future__ import annotations

import copy
import json
import random
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..indicators import decimals_of


class DemoSimulation:
    def __init__(self, document: dict[str, Any], seed: int = 57) -> None:
        self._document = copy.deepcopy(document)
        self._seed = seed
        self.step = 0

    @classmethod
    def from_file(cls, path: Path, seed: int = 57) -> DemoSimulation:
        return cls(json.loads(path.read_text(encoding="utf-8")), seed)

    @property
    def document(self) -> dict[str, Any]:
        return self._document

    def advance(self) -> None:
        """One step: the next day of the quarter."""
        self.step += 1
        rng = random.Random(self._seed * 100_003 + self.step)
        as_of = _next_day(self._document["as_of"])
        self._document["as_of"] = as_of.isoformat()
        today = as_of.date() if isinstance(as_of, datetime) else as_of
        open_tasks = [task for task in self._document["tasks"] if not task.get("completed")]
        for task in rng.sample(open_tasks, k=min(len(open_tasks), rng.randint(1, 4))):
            task["completed"] = today.isoformat()
            task.pop("status", None)  # the dates speak for it now
            task.pop("progress", None)
        for indicator in self._document.get("indicators", []):
            _drift(indicator, rng)

    def to_bytes(self) -> bytes:
        return json.dumps(self._document, ensure_ascii=False, separators=(",", ":")).encode()


def _next_day(text: str) -> datetime | date:
    if len(text) == 10:
        return date.fromisoformat(text) + timedelta(days=1)
    return datetime.fromisoformat(text) + timedelta(days=1)


def _drift(indicator: dict[str, Any], rng: random.Random) -> None:
    value = indicator.get("value")
    if not isinstance(value, int | float) or isinstance(value, bool):
        return
    better = -1 if indicator.get("direction") == "down" else 1
    # Mostly a small improvement, sometimes a small setback: about 0.5% of the value.
    change = better * rng.uniform(-0.3, 1.0) * max(abs(value), 1) * 0.005
    # As precise as the figure was: 84 platforms stay whole, 36.11% keeps two decimals.
    if isinstance(value, int):
        indicator["value"] = max(round(value + change), 0)
    else:
        indicator["value"] = round(max(value + change, 0), max(decimals_of(value), 1))
