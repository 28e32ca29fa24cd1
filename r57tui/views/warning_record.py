"""How good the early warning has been: of the tasks at risk at an earlier meeting, how
many turned overdue since, were completed, are still on time, or left the feed — for the
whole feed and for each lead agency. The earlier meeting's at-risk list is its own roll-up's
(`Rollup.at_risk`, judged against its own as-of); today's states are the feed's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from ..feed import Feed, TaskState
from ..history import HistoryStore
from ..i18n.dates import format_date
from ..i18n.message import Message
from ..i18n.numbers import format_int
from ..rollup import Rollup, roll_up

_COMPLETED = (TaskState.COMPLETED, TaskState.COMPLETED_LATE)


@dataclass(frozen=True, slots=True)
class WarningRecord:
    meeting: date  # the as-of of the meeting whose warning is judged
    flagged: int  # tasks at risk then
    overdue: int  # of them, overdue now
    completed: int  # completed since (on time or late)
    on_time: int  # still open within their deadline
    gone: int  # no longer in today's feed
    # Each lead agency with a task at risk then: (at risk then, overdue now).
    by_agency: Mapping[str, tuple[int, int]]


def warning_record(before: Rollup, now: Feed) -> WarningRecord:
    """Judge `before`'s at-risk list by the states of today's feed `now`."""
    states = {task.id: task.state for task in now.tasks}
    counts = {"overdue": 0, "completed": 0, "on_time": 0, "gone": 0}
    by_agency: dict[str, list[int]] = {}
    for task in before.at_risk:
        state = states.get(task.id)
        if state is None:
            counts["gone"] += 1
        elif state is TaskState.OVERDUE:
            counts["overdue"] += 1
        elif state in _COMPLETED:
            counts["completed"] += 1
        else:
            counts["on_time"] += 1
        tally = by_agency.setdefault(task.agency, [0, 0])
        tally[0] += 1
        tally[1] += state is TaskState.OVERDUE
    return WarningRecord(
        before.as_of,
        len(before.at_risk),
        counts["overdue"],
        counts["completed"],
        counts["on_time"],
        counts["gone"],
        MappingProxyType({agency: (a, b) for agency, (a, b) in by_agency.items()}),
    )


def warning_words(record: WarningRecord, language: str) -> str:
    """One sentence for the trends screen: what became of the earlier meeting's warning."""
    when = format_date(record.meeting, language)
    if record.flagged == 0:
        return Message.of("No task was at risk at the meeting of {date}.", date=when).text(language)
    said = Message.of(
        "Early warning at the meeting of {date}: {count} tasks at risk; since then {overdue} "
        "turned overdue, {completed} were completed, {on_time} are still on time.",
        date=when,
        count=format_int(record.flagged, language),
        overdue=format_int(record.overdue, language),
        completed=format_int(record.completed, language),
        on_time=format_int(record.on_time, language),
    ).text(language)
    if record.gone:
        gone = Message.of(
            "{gone} are no longer in the feed.", gone=format_int(record.gone, language)
        ).text(language)
        said = f"{said} {gone}"
    return said


def earlier_warning(store: HistoryStore, now: Feed, at_risk_days: int) -> WarningRecord | None:
    """The warning of the newest recorded meeting before `now`'s as-of, judged by `now`;
    None when no meeting was recorded before it. Reads that meeting's feed back (a
    national snapshot is 100k tasks): call it off the event loop."""
    earlier = [entry for entry in store.entries() if entry.as_of_date < now.as_of_date]
    if not earlier:
        return None
    then = store.feed(earlier[-1])
    return warning_record(roll_up(then, at_risk_days=at_risk_days), now)
