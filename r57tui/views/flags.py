"""The flags a task list filters by beside the states: due soon and at risk, each a part
of the on-time tasks that a task's deadline (and progress) picks, never a state."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..feed import Feed, Task
from ..risk import is_due_soon, judge_risk
from .scopes import StateFilter


class FlaggedTasks:
    """Which of a feed's tasks each flag picks, by position in `feed.tasks`, made once.

    From the roll-up's lists when given (`Rollup.due_soon`, `Rollup.at_risk`: a few
    thousand at most, where judging all 100k again costs 50 ms), else judged here with
    the roll-up's own rules and horizons.
    """

    def __init__(
        self,
        feed: Feed,
        position_of: Callable[[str], int | None],
        days: dict[StateFilter, int],
        listed: dict[StateFilter, Sequence[Task] | None],
    ) -> None:
        self.feed = feed
        self._position_of = position_of
        self.days = days  # each flag's horizon, in days after as-of
        self._listed = listed
        self._masks: dict[StateFilter, bytearray] = {}

    def mask(self, flag: StateFilter) -> bytearray:
        """1 for each task of the feed (by position) that `flag` picks."""
        mask = self._masks.get(flag)
        if mask is None:
            tasks = self.feed.tasks
            listed = self._listed.get(flag)
            if listed is None:
                as_of, days = self.feed.as_of_date, self.days[flag]
                if flag is StateFilter.AT_RISK:
                    mask = bytearray(judge_risk(t, as_of, days) is not None for t in tasks)
                else:
                    mask = bytearray(is_due_soon(t, as_of, days) for t in tasks)
            else:
                mask = bytearray(len(tasks))
                for task in listed:
                    position = self._position_of(task.id)
                    if position is not None and tasks[position] is task:
                        mask[position] = 1
            self._masks[flag] = mask
        return mask
