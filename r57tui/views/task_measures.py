"""What a task list's columns are sized from: the longest title, id, source and latest
note, the most days late or left, the agencies and the states the list holds.

Kept as counts of each value rather than as the largest, so that a refresh which
replaced a few tasks takes them out and puts them back (`after`) and still knows the
largest exactly: at 100k tasks, measuring the whole list again is a pass over every task
object (tens of milliseconds) between a refresh and its frame.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, cast

from ..feed import Feed, Task, TaskState
from ..task_delta import TaskDelta
from .shown import latest_note

_ID, _TITLE, _AGENCY, _SOURCE, _DAYS, _STATE, _NOTES = (
    attrgetter(name)
    for name in ("id", "title", "agency", "source", "days_past_due", "state", "notes")
)


def _note_lengths(tasks: Iterable[Task]) -> Iterable[int]:
    # Only tasks with notes are read for their latest (few of 100k; the filter in C).
    for task in filter(_NOTES, tasks):
        note = latest_note(task)
        if note is not None:
            yield len(note.text)


def _counted(tasks: Sequence[Task]) -> tuple[Counter[object], ...]:
    return (
        Counter(map(abs, filter(None, map(_DAYS, tasks)))),
        Counter(map(_AGENCY, tasks)),
        Counter(map(_STATE, tasks)),
        Counter(map(len, map(_TITLE, tasks))),
        Counter(map(len, map(_ID, tasks))),
        Counter(map(len, filter(None, map(_SOURCE, tasks)))),
        Counter(_note_lengths(tasks)),
    )


@dataclass(frozen=True, slots=True)
class TaskMeasures:
    """Counts of each measured value among a list's tasks (never changed once made)."""

    days: Counter[int]  # days late or left, of the tasks with any
    agencies: Counter[str]
    states: Counter[TaskState]
    titles: Counter[int]  # lengths
    ids: Counter[int]
    sources: Counter[int]  # of the tasks with a source
    notes: Counter[int]  # of each task's latest note, for the tasks with one

    @classmethod
    def of(cls, tasks: Sequence[Task]) -> TaskMeasures:
        return cls(*cast(tuple[Any, ...], _counted(tasks)))

    def after(self, gone: Sequence[Task], came: Sequence[Task]) -> TaskMeasures:
        """These measures with the tasks `gone` taken out and those that `came` put in."""
        counted: tuple[Counter[Any], ...] = (
            *(self.days, self.agencies, self.states, self.titles),
            *(self.ids, self.sources, self.notes),
        )
        made = []
        for counts, out, into in zip(counted, _counted(gone), _counted(came), strict=True):
            now: Counter[object] = Counter(counts)
            now.subtract(out)
            now.update(into)
            made.append(+now)  # without the values no task holds any more
        return TaskMeasures(*cast(list[Any], made))

    @property
    def most_days(self) -> int:
        return max(self.days, default=0)

    @property
    def agency_ids(self) -> set[str]:
        return set(self.agencies)

    @property
    def state_set(self) -> set[TaskState]:
        return set(self.states)

    @property
    def longest_title(self) -> int:
        return max(self.titles, default=0)

    @property
    def longest_id(self) -> int:
        return max(self.ids, default=0)

    @property
    def longest_source(self) -> int:
        return max(self.sources, default=0)

    @property
    def longest_note(self) -> int:
        return max(self.notes, default=0)


def feed_measures(feed: Feed) -> TaskMeasures:
    """The measures of all the feed's tasks, held by the feed (`Feed.memo`): every list
    of all tasks reads the same."""
    made = feed.memo.get(TaskMeasures)
    if made is None:
        made = feed.memo.setdefault(TaskMeasures, TaskMeasures.of(feed.tasks))
    return cast(TaskMeasures, made)


def carry_measures(delta: TaskDelta) -> None:
    """The refreshed feed's measures from the last feed's, when they were made."""
    made = delta.before.memo.get(TaskMeasures)
    if made is not None and TaskMeasures not in delta.after.memo:
        old, new = delta.before.tasks, delta.after.tasks
        gone = [old[position] for position in delta.replaced]
        came = [new[position] for position in delta.replaced]
        delta.after.memo.setdefault(TaskMeasures, cast(TaskMeasures, made).after(gone, came))
