"""The loader as it was before it was made faster (issue 25): the oracle that
tests/test_loader_differential.py holds the product's `load_feed` to.

Only what the faster loader changed is copied here, as it was (the top of the load, and
the whole-feed rules' loop over the tasks, states.py); the rest (the envelope, the
record-by-record validation, the whole-feed rules) is the product's own, unchanged. When a
faster way replaces one of those, its old version is copied here first.

Its records are pydantic's, as they were (r57tui/feed/contract.py), where a load now
gives msgspec Structs decoded in C (models.py): the differential test compares them field
by field. The record-by-record validation is the product's, asked to keep pydantic's
records (`made=`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from pydantic import TypeAdapter

from r57tui.feed.contract import Agency, FeedDocument, Task
from r57tui.feed.dates import DueError, parse_due
from r57tui.feed.envelope import Envelope, decode, envelope_of
from r57tui.feed.keys import parse_checked
from r57tui.feed.loaded import Feed, Finding
from r57tui.feed.models import AgencyKind, TaskState
from r57tui.feed.reuse import Positions
from r57tui.feed.states import _dates_contradict, _duplicate, _settle_indicators, derive_state
from r57tui.feed.validation import SECTIONS, utf8, validate_by_record
from r57tui.i18n.message import Message


def load_feed(data: bytes | str) -> Feed:
    """A first load (no previous feed), as `r57tui.feed.loader.load_feed` made it."""
    text, as_written = decode(data)
    written = data if as_written else text
    document = _validate_whole(written)
    if document is None:
        envelope, sections, findings, _ = validate_by_record(text, None, made=_as_validated)
        return settle(envelope, sections, findings)
    return settle(
        envelope_of(document.__dict__),
        {name: (getattr(document, name), Positions()) for name in SECTIONS},
        [],
    )


DOCUMENT = TypeAdapter(FeedDocument)
_SET_STATE = vars(Task)["state"].__set__
_SET_DEADLINE = vars(Task)["deadline"].__set__
_SET_DAYS_PAST_DUE = vars(Task)["days_past_due"].__set__


def _as_validated(_name: str, records: list[Any]) -> list[Any]:
    return records


def _validate_whole(text: str | bytes) -> FeedDocument | None:
    if b"\\u" in text if isinstance(text, bytes) else "\\u" in text:
        return None
    try:
        return DOCUMENT.validate_python(parse_checked(utf8(text)))
    except ValueError:  # pydantic's ValidationError is a ValueError
        return None


# --- states.py's settle and its loop over the tasks, as they were ---------------------


def settle(
    envelope: Envelope,
    sections: dict[str, tuple[list[Any], Positions]],
    findings: list[Finding],
) -> Feed:
    """Apply the whole-feed rules and derive each task's state."""
    # The envelope as the product reads it now (its own `feed_id` too: issue 24).
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


def _settle_tasks(feed: Feed, tasks: list[Task], at: Positions) -> None:
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
                try:
                    deadline = parse_due(due).deadline
                except DueError as exc:
                    findings.append(
                        Finding(
                            "invalid",
                            f"tasks[{at(index)}]",
                            task_id,
                            Message.of(
                                "set aside: {reasons}",
                                reasons=(Message.of("due: {what}", what=exc.message),),
                            ),
                        )
                    )
                    continue
                resolved = deadlines[due] = (deadline, (as_of - deadline).days)
            deadline, days_past_due = resolved
            if task.days_past_due is None:  # else a Task reused from the last feed: the same
                set_days(task, days_past_due)
                set_deadline(task, deadline)
        seen.add(task_id)
        kept.append(task)
        derived = derive_state(task.completed, deadline, as_of)
        if task.status is None and (task.completed is None or task.completed <= as_of):
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
    if given is not derived and _dates_contradict(given, derived, task):  # type: ignore[arg-type]
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
