"""What the screens show: the current feed, its roll-up, and what moved at the last refresh."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..baseline import Comparison
from ..feed import Feed, Task
from ..rollup import Changes, Rollup
from ..task_delta import TaskDelta

MARK_SECONDS = 6.0  # how long a changed figure carries its +3 / −1


@dataclass(repr=False)
class Snapshot:
    feed: Feed
    rollup: Rollup
    changes: Changes | None = None  # since the previous refresh
    changed_tasks: frozenset[str] = frozenset()  # new, or in another state than before
    marked_until: float = 0.0
    comparison: Comparison | None = None  # against the baseline, when there is one
    # Several sources added up: each task's source and its own id there (task lists show
    # the source); None for one source's figures.
    origin: Mapping[str, tuple[str, str]] | None = None
    _tasks: dict[str, Task] | None = field(default=None, repr=False)

    @classmethod
    def after(
        cls,
        previous: Snapshot | None,
        feed: Feed,
        rollup: Rollup,
        mark_seconds: float = MARK_SECONDS,
        delta: TaskDelta | None = None,
    ) -> Snapshot:
        """The snapshot of a new feed, with what moved since `previous`. `delta`: which
        tasks of the previous feed this one replaced, when that is known: only those are
        compared (every other is the very same task, in the same state)."""
        if previous is None:
            return cls(feed, rollup)
        changes = rollup.changes_since(previous.rollup)
        if delta is not None and delta.before is previous.feed and delta.after is feed:
            old, new = previous.feed.tasks, feed.tasks
            changed = frozenset(
                new[at].id for at in delta.replaced if old[at].state is not new[at].state
            )
        else:
            before = {task.id: task.state for task in previous.feed.tasks}
            changed = frozenset(
                task.id for task in feed.tasks if before.get(task.id) is not task.state
            )
        return cls(
            feed,
            rollup,
            changes or None,
            changed,
            time.monotonic() + mark_seconds if changes or changed else 0.0,
        )

    def __repr__(self) -> str:
        return f"Snapshot({self.feed!r}, changes={bool(self.changes)})"

    def live_changes(self) -> Changes | None:
        """The changes while their marks are still up, else None."""
        return self.changes if time.monotonic() < self.marked_until else None

    def live_task_changes(self) -> frozenset[str]:
        return self.changed_tasks if time.monotonic() < self.marked_until else frozenset()

    def task(self, task_id: str) -> Task | None:
        if self._tasks is None:
            self._tasks = {task.id: task for task in self.feed.tasks}
        return self._tasks.get(task_id)
