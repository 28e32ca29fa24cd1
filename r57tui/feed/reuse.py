"""What a feed loaded for refreshing keeps for the next load: its task records as written
and the `Task` each gave (see `refresh.py`, which takes them), and where each kept record
stood in its section once bad ones were set aside."""

from __future__ import annotations

from .models import Task
from .records import NotSplitError, array_items, top_parts


class Positions:
    """Where each kept record stood in the feed, after bad ones were set aside."""

    def __init__(self, kept: list[int] | None = None) -> None:
        self._kept = kept

    def __call__(self, index: int) -> int:
        return index if self._kept is None else self._kept[index]


class Reuse:
    """The task records as written and the Tasks validated from them, in feed order, until
    made into a map (splitting and hashing 100k records costs 0.1 s: not before the
    first figures are on screen)."""

    __slots__ = ("_map", "_tasks", "_written", "at", "expected")

    def __init__(
        self,
        written: bytes | str | list[bytes],
        tasks: list[Task],
        at: Positions,
        expected: int,
    ) -> None:
        self._written: bytes | str | list[bytes] | None = written
        self._tasks: list[Task] | None = tasks
        self.at = at  # where each validated task's record stands among the records
        self.expected = expected  # how many task records the feed has
        self._map: dict[bytes, Task] | None = None

    def records(self) -> dict[bytes, Task]:
        made = self._map
        if made is None:
            written, tasks, at = self._written, self._tasks, self.at
            if written is None or tasks is None:  # another thread made it just now
                return self._map or {}
            records = written if isinstance(written, list) else task_records(written)
            if records is None or len(records) != self.expected:
                made = {}  # not split as validated: nothing to reuse (a guard)
            elif len(tasks) == len(records):
                made = dict(zip(records, tasks, strict=True))
            else:
                made = {records[at(index)]: task for index, task in enumerate(tasks)}
            self._map, self._written, self._tasks = made, None, None
        return made


def task_records(text: str | bytes) -> list[bytes] | None:
    """Each task record as written, or None when the document is not an object with a
    list of tasks (the whole load then says what is wrong)."""
    try:
        return array_items(top_parts(text)["tasks"])
    except (NotSplitError, KeyError):
        return None
