"""How good the early warning has been: of the tasks at risk at an earlier meeting, how
many turned overdue since, were completed, are still on time, or left the feed — for the
whole feed and for each lead agency. The earlier meeting's at-risk list is its own roll-up's
(`Rollup.at_risk`, judged against its own as-of); today's states are the feed's.

And across every recorded meeting (`warning_tally`): each task counted once, flagged at
risk at some meeting (under the lead agency it had then) and, of those, the ones overdue at
a later meeting or in the figures on screen. Each recorded meeting's flags are judged by
the same rule (`rollup.risk_of`) on what the snapshot kept of its tasks, so the history's
feeds are never made again (100 meetings of the demo: one pass over the stored states)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from ..feed import Feed, TaskState
from ..feed.dates import DueError, parse_due
from ..history import HistoryStore, SnapshotTasks
from ..i18n.dates import format_date
from ..i18n.message import Message
from ..i18n.numbers import format_int
from ..risk import risk_of
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
    return judged(before.as_of, ((task.id, task.agency) for task in before.at_risk), now)


def judged(meeting: date, at_risk: Iterable[tuple[str, str]], now: Feed) -> WarningRecord:
    """Judge a meeting's at-risk tasks (id, lead agency) by the states of `now`."""
    states = {task.id: task.state for task in now.tasks}
    counts = {"overdue": 0, "completed": 0, "on_time": 0, "gone": 0}
    by_agency: dict[str, list[int]] = {}
    flagged = 0
    for task_id, agency in at_risk:
        flagged += 1
        state = states.get(task_id)
        if state is None:
            counts["gone"] += 1
        elif state is TaskState.OVERDUE:
            counts["overdue"] += 1
        elif state in _COMPLETED:
            counts["completed"] += 1
        else:
            counts["on_time"] += 1
        tally = by_agency.setdefault(agency, [0, 0])
        tally[0] += 1
        tally[1] += state is TaskState.OVERDUE
    return WarningRecord(
        meeting,
        flagged,
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


# Across every recorded meeting -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeetingFlags:
    """What one meeting says of its tasks: those at risk then (id -> lead agency) and the
    ids overdue then."""

    as_of: date
    at_risk: Mapping[str, str]
    overdue: frozenset[str]


@dataclass(frozen=True, slots=True)
class WarningTally:
    """The warnings of `meetings` (each task once, at the first meeting that flagged it)
    judged by every later meeting and, last, the figures of `judged_by`."""

    meetings: tuple[date, ...]  # the meetings whose flags are counted, oldest first
    judged_by: date
    flagged: int
    overdue: int  # of them, overdue at a later meeting
    # Each lead agency with a task flagged: (flagged, of them overdue later).
    by_agency: Mapping[str, tuple[int, int]]


def warning_tally(meetings: Sequence[MeetingFlags]) -> WarningTally | None:
    """The flags of every meeting but the last, each task counted once under the agency
    the first flag named, judged by the meetings after that flag; None with fewer than
    two meetings (a flag needs a later meeting to be judged by)."""
    if len(meetings) < 2:
        return None
    first_flag: dict[str, tuple[int, str]] = {}
    for index, meeting in enumerate(meetings[:-1]):
        for task_id, agency in meeting.at_risk.items():
            first_flag.setdefault(task_id, (index, agency))
    turned: set[str] = set()
    for index, meeting in enumerate(meetings):
        for task_id in meeting.overdue:
            flag = first_flag.get(task_id)
            if flag is not None and flag[0] < index:
                turned.add(task_id)
    by_agency: dict[str, list[int]] = {}
    for task_id, (_, agency) in first_flag.items():
        tally = by_agency.setdefault(agency, [0, 0])
        tally[0] += 1
        tally[1] += task_id in turned
    return WarningTally(
        tuple(meeting.as_of for meeting in meetings[:-1]),
        meetings[-1].as_of,
        len(first_flag),
        len(turned),
        MappingProxyType({agency: (a, b) for agency, (a, b) in by_agency.items()}),
    )


def feed_flags(feed: Feed, at_risk_days: int) -> MeetingFlags:
    """The flags of the feed on screen, by its own roll-up."""
    at_risk = roll_up(feed, at_risk_days=at_risk_days).at_risk
    return MeetingFlags(
        feed.as_of_date,
        MappingProxyType({task.id: task.agency for task in at_risk}),
        frozenset(task.id for task in feed.tasks if task.state is TaskState.OVERDUE),
    )


def snapshot_flags(snapshots: Iterable[SnapshotTasks], at_risk_days: int) -> list[MeetingFlags]:
    """Each recorded meeting's flags, judged on what it kept of its tasks."""
    deadlines: dict[str, date | None] = {}  # due text -> its last day
    # A record's facts, read once across the snapshots that share it (by its number).
    facts: dict[int, _Facts] = {}
    found = []
    on_time, late = TaskState.ON_TIME, TaskState.OVERDUE
    for snapshot in snapshots:
        as_of = snapshot.entry.as_of_date
        # The horizon as day numbers: most tasks fall outside it and are passed over
        # without calling the rule (100 meetings of the demo are 113,000 tasks).
        first, last = as_of.toordinal(), as_of.toordinal() + at_risk_days
        at_risk: dict[str, str] = {}
        overdue: set[str] = set()
        for ref, record, state, progress in zip(
            snapshot.refs, snapshot.records, snapshot.states, snapshot.progress, strict=True
        ):
            task = facts.get(ref)
            if task is None:
                task = facts[ref] = _facts(record, deadlines)
            if state is late:
                overdue.add(task.id)
            elif state is on_time and first <= task.day <= last:
                risk = risk_of(
                    state, task.deadline, task.due, task.assigned, progress, as_of, at_risk_days
                )
                if risk is not None:
                    at_risk[task.id] = task.agency
        found.append(MeetingFlags(as_of, MappingProxyType(at_risk), frozenset(overdue)))
    return found


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the rule reads of a task's record."""

    id: str
    agency: str
    due: str | None
    deadline: date | None
    assigned: date | None
    day: int  # the deadline's day number; -1 without one (never in a horizon)


def _facts(record: Mapping[str, object], deadlines: dict[str, date | None]) -> _Facts:
    due = record.get("due")
    deadline = None
    if due is not None:
        due = str(due)
        if due not in deadlines:
            deadlines[due] = _deadline(due)
        deadline = deadlines[due]
    assigned = record.get("assigned")
    return _Facts(
        str(record["id"]),
        str(record["agency"]),
        due,
        deadline,
        date.fromisoformat(str(assigned)) if assigned is not None else None,
        deadline.toordinal() if deadline is not None else -1,
    )


def _deadline(due: str) -> date | None:
    try:
        return parse_due(due).deadline
    except DueError:  # the loader refused it when recorded: never in a snapshot
        return None


def warning_history(store: HistoryStore, now: Feed, at_risk_days: int) -> WarningTally | None:
    """The warnings of every meeting recorded before `now`'s as-of, judged by the later
    ones and by `now`; None when none was recorded before it."""
    return warning_records(store, now, at_risk_days)[1]


def warning_records(
    store: HistoryStore, now: Feed, at_risk_days: int
) -> tuple[WarningRecord | None, WarningTally | None]:
    """Both, in one pass over the stored states: the newest earlier meeting's warning
    (`earlier_warning`) and every earlier meeting's (`warning_history`). Reads every
    snapshot's states: call it off the event loop."""
    earlier = [entry for entry in store.entries() if entry.as_of_date < now.as_of_date]
    if not earlier:
        return None, None
    meetings = snapshot_flags(store.task_history(earlier), at_risk_days)
    last = meetings[-1]
    record = judged(last.as_of, last.at_risk.items(), now)
    return record, warning_tally([*meetings, feed_flags(now, at_risk_days)])


def tally_words(tally: WarningTally, language: str, column: str | None = None) -> str:
    """One sentence: which meetings the warnings counted are from, and how many came true;
    `column` the agencies table's heading of them as shown (its short form on a narrow
    screen), else the whole one. Empty for one meeting: `warning_words` says it."""
    lang = language
    if len(tally.meetings) < 2:
        return ""  # one meeting: the sentence of the last meeting's warning says it all
    first, last = tally.meetings[0], tally.meetings[-1]
    meetings = f"{format_date(first, lang)}–{format_date(last, lang)}"
    if not tally.flagged:
        return Message.of(
            "No task was flagged at risk at the {count} meetings ({meetings}).",
            count=format_int(len(tally.meetings), lang),
            meetings=meetings,
        ).text(lang)
    return Message.of(
        "Warnings at {count} meetings ({meetings}): {flagged} tasks flagged at risk; by "
        "{now}, {overdue} of them had turned overdue (“{column}” by agency).",
        count=format_int(len(tally.meetings), lang),
        meetings=meetings,
        now=format_date(tally.judged_by, lang),
        flagged=format_int(tally.flagged, lang),
        overdue=format_int(tally.overdue, lang),
        column=column if column is not None else Message.of(WARNED_COLUMN).text(lang),
    ).text(lang)


# The agencies table's column of the warnings borne out, and its short form.
WARNED_COLUMN = "Flagged → overdue"
WARNED_SHORT = "Flagged"
