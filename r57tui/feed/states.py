"""The rules that need the whole feed: duplicate ids, unknown agencies and references,
and each task's state, deadline and days against `as_of` (FEED_FORMAT.md, "State of a
task"). Records are frozen once validated: the fields derived here are written while the
load makes the feed, before anyone else sees it (`_SET_STATE`…). A Task a refresh reuses from
the feed on screen already holds them (the same `as_of` date gives the same values) and
is not written at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from msgspec.structs import replace

from ..i18n.message import Message
from .dates import DueError, parse_due
from .envelope import Envelope
from .loaded import Feed, Finding
from .models import Agency, AgencyKind, Indicator, Task, TaskState
from .reuse import Positions

# The writers of a frozen Task's derived fields, for the loader while it makes the feed
# (`task.state = ...` raises): the fields' own setters, which the frozen `__setattr__`
# does not guard, and cheaper to call than `msgspec.structs.force_setattr` on a national
# feed.
# Nothing else in the package writes a record.
_SET_STATE = vars(Task)["state"].__set__
_SET_DEADLINE = vars(Task)["deadline"].__set__
_SET_DAYS_PAST_DUE = vars(Task)["days_past_due"].__set__
_DONE, _LATE = TaskState.COMPLETED, TaskState.COMPLETED_LATE
_OVERDUE, _ON_TIME = TaskState.OVERDUE, TaskState.ON_TIME


def renamed(task: Task, task_id: str) -> Task:
    """The task under another id, its derived fields as its own feed judged them: what a
    consolidation of several feeds lists (each feed's tasks kept apart by source)."""
    return replace(task, id=task_id)


def settle(
    envelope: Envelope,
    sections: dict[str, tuple[list[Any], Positions]],
    findings: list[Finding],
) -> Feed:
    """Apply the whole-feed rules and derive each task's state."""
    as_of = envelope.as_of
    feed = Feed(
        as_of=as_of,
        title=envelope.title,
        agencies={},
        tasks=[],
        indicators=[],
        findings=findings,
        feed_id=envelope.feed_id,
    )
    findings.extend(envelope.findings)
    if isinstance(as_of, datetime) and as_of.tzinfo is None:
        findings.append(
            Finding(
                "as-of",
                "as_of",
                None,
                Message.of("has no UTC offset; read as the feed's local time"),
            )
        )
    _settle_agencies(feed, *sections["agencies"])
    _settle_tasks(feed, *sections["tasks"])
    _settle_indicators(feed, *sections["indicators"])
    return feed


def _settle_agencies(feed: Feed, agencies: Sequence[Agency], at: Positions) -> None:
    for index, agency in enumerate(agencies):
        if agency.id in feed.agencies:
            feed.findings.append(_duplicate("agencies", at(index), agency.id))
        else:
            feed.agencies[agency.id] = agency
    for index, agency in enumerate(agencies):
        if agency.parent is not None and agency.parent not in feed.agencies:
            feed.findings.append(
                Finding(
                    "reference",
                    f"agencies[{at(index)}]",
                    agency.id,
                    Message.of("parent {id} is not among the agencies", id=repr(agency.parent)),
                )
            )


def _settle_tasks(feed: Feed, tasks: Sequence[Task], at: Positions) -> None:
    # The one loop over every task: kept lean, as it runs 100k times on a national feed.
    as_of = feed.as_of_date
    agencies = feed.agencies
    declared = set(agencies)
    findings = feed.findings
    seen: set[str] = set()
    kept: list[Task] = []
    created: dict[str, list[Any]] = {}  # agency id -> [first index, first task id, tasks]
    deadlines: dict[str, tuple[date, int]] = {}  # due text -> (deadline, days past it)
    set_state, set_deadline, set_days = _SET_STATE, _SET_DEADLINE, _SET_DAYS_PAST_DUE
    for index, task in enumerate(tasks):
        task_id = task.id
        if task_id in seen:
            findings.append(_duplicate("tasks", at(index), task_id))
            continue
        due = task.due
        deadline = None
        if due is not None:
            resolved = deadlines.get(due)
            if resolved is None:
                resolved = _resolved(due, as_of, f"tasks[{at(index)}]", task_id, findings)
                if resolved is None:
                    continue
                deadlines[due] = resolved
            deadline, days_past_due = resolved
            if task.days_past_due is None:  # else a Task reused from the last feed: the same
                set_days(task, days_past_due)
                set_deadline(task, deadline)
        seen.add(task_id)
        kept.append(task)
        # derive_state, written out: a call per task is a tenth of this loop.
        completed = task.completed
        if completed is not None:
            derived = _LATE if deadline is not None and completed > deadline else _DONE
        else:
            derived = _OVERDUE if deadline is not None and deadline < as_of else _ON_TIME
        if task.status is None and (completed is None or completed <= as_of):
            if task.state is not derived:
                set_state(task, derived)
        else:
            _given_or_future(task, derived, as_of, at(index), findings)
        agency = task.agency
        if agency not in declared:
            if agency not in created:
                agencies[agency] = Agency(id=agency, name=agency, kind=AgencyKind.OTHER)
                created[agency] = [index, task_id, 0]
            created[agency][2] += 1
        if task.co_agencies:
            for co in task.co_agencies:
                if co not in declared:
                    findings.append(
                        Finding(
                            "reference",
                            f"tasks[{at(index)}]",
                            task_id,
                            Message.of("co-agency {id} is not among the agencies", id=repr(co)),
                        )
                    )
    feed.tasks = kept
    feed.created_agencies = frozenset(created)
    _created_findings(created, at, findings)


def _resolved(
    due: str, as_of: date, where: str, task_id: str, findings: list[Finding]
) -> tuple[date, int] | None:
    """The deadline `due` means and the days from it to `as_of`; None, and the task set
    aside, when it means no day."""
    try:
        deadline = parse_due(due).deadline
    except DueError as exc:
        findings.append(
            Finding(
                "invalid",
                where,
                task_id,
                Message.of(
                    "set aside: {reasons}",
                    reasons=(Message.of("due: {what}", what=exc.message),),
                ),
            )
        )
        return None
    return deadline, (as_of - deadline).days


def _created_findings(
    created: dict[str, list[Any]], at: Positions, findings: list[Finding]
) -> None:
    """A finding for each agency created for the tasks that named it (its first task)."""
    for agency_id, (index, task_id, count) in created.items():
        tasks_named = (
            Message.of("1 task names it")
            if count == 1
            else Message.of("{count} tasks name it", count=count)
        )
        findings.append(
            Finding(
                "unknown-agency",
                f"tasks[{at(index)}]",
                task_id,
                Message.of(
                    "agency {id} is not among the agencies ({named}); "
                    "created it, kind other, so its tasks are counted",
                    id=repr(agency_id),
                    named=tasks_named,
                ),
            )
        )


def derive_state(completed: date | None, deadline: date | None, as_of: date) -> TaskState:
    """The state the dates give (FEED_FORMAT.md, "State of a task")."""
    if completed is not None:
        if deadline is not None and completed > deadline:
            return TaskState.COMPLETED_LATE
        return TaskState.COMPLETED
    if deadline is not None and deadline < as_of:
        return TaskState.OVERDUE
    return TaskState.ON_TIME


def _given_or_future(
    task: Task, derived: TaskState, as_of: date, position: int, findings: list[Finding]
) -> None:
    """The state of a task with a given status or a completion after `as_of`."""
    if task.completed is not None and task.completed > as_of:
        findings.append(
            Finding(
                "contradiction",
                f"tasks[{position}]",
                task.id,
                Message.of(
                    "completed on {completed}, after the date the figures describe ({as_of})",
                    completed=task.completed,
                    as_of=as_of,
                ),
            )
        )
    given = task.status
    state = derived if given is None else given
    if task.state is not state:
        _SET_STATE(task, state)
    if given is None:
        return
    if given is not derived and _dates_contradict(given, derived, task):
        findings.append(
            Finding(
                "contradiction",
                f"tasks[{position}]",
                task.id,
                Message.of(
                    "state “{given}” counted as given, but the dates say “{derived}”",
                    given=given.words,
                    derived=derived.words,
                ),
            )
        )


def _dates_contradict(given: TaskState, derived: TaskState, task: Task) -> bool:
    """Whether the dates say something else, not merely less, than the given status."""
    if given.is_completed and task.completed is None:
        # No completion date is missing information, not a contradiction, except that a
        # task without a deadline cannot be late.
        return given is TaskState.COMPLETED_LATE and task.deadline is None
    return True


def _settle_indicators(feed: Feed, indicators: Sequence[Indicator], at: Positions) -> None:
    seen: set[str] = set()
    for index, indicator in enumerate(indicators):
        if indicator.id in seen:
            feed.findings.append(_duplicate("indicators", at(index), indicator.id))
            continue
        seen.add(indicator.id)
        feed.indicators.append(indicator)
        if indicator.agency is not None and indicator.agency not in feed.agencies:
            feed.findings.append(
                Finding(
                    "reference",
                    f"indicators[{at(index)}]",
                    indicator.id,
                    Message.of("agency {id} is not among the agencies", id=repr(indicator.agency)),
                )
            )


def _duplicate(section: str, index: int, record_id: str) -> Finding:
    return Finding(
        "duplicate",
        f"{section}[{index}]",
        record_id,
        Message.of("the id appears earlier; the first is kept, this one set aside"),
    )
