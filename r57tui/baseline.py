"""Since the last meeting: the figures and tasks of today's feed against an earlier one.

A baseline is any earlier feed, or a JSON snapshot the dashboard exported (a snapshot is
a loadable feed: its `r57tui_snapshot` block is ignored by the loader, and every state is
derived again against the snapshot's own `as_of`). The comparison is figure by figure
(`Rollup.changes_since`) and task by task: which tasks were completed, turned overdue,
appeared or disappeared since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from .config import Cap
from .feed import Feed, FeedError, Task, TaskState
from .i18n.message import Message, MessageError
from .i18n.strings import Phrase
from .rollup import DEFAULT_DUE_SOON_DAYS, Bucket, Changes, Rollup, roll_up
from .sources.feed_file import FeedFileError, Unmoved, read_feed_file
from .sources.gc_policy import load_feed_managed


class BaselineError(MessageError):
    """A baseline that cannot be used: one line naming the file and the reason."""


@dataclass(frozen=True, slots=True)
class Baseline:
    feed: Feed
    rollup: Rollup
    label: str  # the file's name, for screens and exports (never a whole path)
    # Its tasks by id: made once, not at every refresh that compares with it.
    by_id: dict[str, Task] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {task.id: task for task in self.feed.tasks})


def load_baseline(
    path: Path, due_soon_days: int = DEFAULT_DUE_SOON_DAYS, cap: Cap | None = None
) -> Baseline:
    """Read an earlier feed or snapshot; BaselineError says which file and why not.

    Read as the feed is (`read_feed_file`): only a regular file, within the one cap."""
    name = path.name or str(path)
    try:
        got = read_feed_file(path, cap or Cap())
    except FeedFileError as exc:
        # A baseline is read once: "it will be read again" would not be true.
        what = Phrase("the file changed while it was read; try again") if exc.retry else exc.what
        raise BaselineError(Message.of("baseline {file}: {what}", file=name, what=what)) from None
    assert not isinstance(got, Unmoved)  # asked without a stamp to compare with
    data, _ = got
    try:
        feed = load_feed_managed(data)
    except FeedError as exc:
        raise BaselineError(
            Message.of("baseline {file}: {what}", file=name, what=exc.message)
        ) from None
    return Baseline(feed, roll_up(feed, due_soon_days=due_soon_days), name)


class ChangeKind(StrEnum):
    """How a task differs from the baseline, in the order a meeting reads them."""

    COMPLETED = "completed"  # newly completed (on time or late)
    OVERDUE = "overdue"  # newly overdue
    NEW = "new"  # not in the baseline
    REMOVED = "removed"  # in the baseline, not now
    OTHER = "other"  # another change of state: reopened, a new deadline, a correction


CHANGE_ORDER = tuple(ChangeKind)


@dataclass(frozen=True, slots=True)
class TaskChange:
    kind: ChangeKind
    task: Task  # as it is now; for a removed task, as it was in the baseline
    was: TaskState | None  # None: new
    now: TaskState | None  # None: removed


@dataclass(frozen=True, slots=True)
class Comparison:
    """Today's feed against a baseline."""

    baseline: Baseline
    changes: Changes  # every figure that moved (totals, by agency, by kind)
    tasks: tuple[TaskChange, ...]  # by kind (CHANGE_ORDER), then as the feeds list them

    def count(self, kind: ChangeKind) -> int:
        return sum(1 for change in self.tasks if change.kind is kind)

    def of_agency(self, agency_id: str) -> dict[Bucket, int]:
        """What moved in one lead agency's figures ({} when nothing did)."""
        return self.changes.by_agency.get(agency_id, {})

    def of_owner(self, owner: str | None) -> dict[Bucket, int]:
        """What moved in one owner's figures (None: the tasks without one)."""
        return self.changes.by_owner.get(owner, {})

    def counted(self) -> dict[ChangeKind, int]:
        tally = dict.fromkeys(CHANGE_ORDER, 0)
        for change in self.tasks:
            tally[change.kind] += 1
        return tally


def compare(baseline: Baseline, feed: Feed, rollup: Rollup) -> Comparison:
    """Every figure and every task that differs between the baseline and `feed`."""
    before = baseline.by_id
    found: dict[ChangeKind, list[TaskChange]] = {kind: [] for kind in CHANGE_ORDER}
    now_ids: set[str] = set()
    for task in feed.tasks:
        now_ids.add(task.id)
        old = before.get(task.id)
        if old is None:
            found[ChangeKind.NEW].append(TaskChange(ChangeKind.NEW, task, None, task.state))
        elif old.state is not task.state:
            kind = _kind_of(old.state, task.state)
            found[kind].append(TaskChange(kind, task, old.state, task.state))
    for task in baseline.feed.tasks:
        if task.id not in now_ids:
            found[ChangeKind.REMOVED].append(TaskChange(ChangeKind.REMOVED, task, task.state, None))
    return Comparison(
        baseline,
        rollup.changes_since(baseline.rollup),
        tuple(change for kind in CHANGE_ORDER for change in found[kind]),
    )


def _kind_of(was: TaskState, now: TaskState) -> ChangeKind:
    if now.is_completed and not was.is_completed:
        return ChangeKind.COMPLETED
    if now is TaskState.OVERDUE:
        return ChangeKind.OVERDUE
    return ChangeKind.OTHER
