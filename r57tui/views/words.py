"""The words the screen and the documents give a task's state and an agency's kind (in
English, translated where shown): no reader of either ever sees an internal id."""

from __future__ import annotations

from ..feed import TaskState
from ..groups import AgencyKind

STATE_WORDS: dict[TaskState, str] = {
    TaskState.COMPLETED: "completed",
    TaskState.COMPLETED_LATE: "completed late",
    TaskState.ON_TIME: "on time",
    TaskState.OVERDUE: "overdue",
}

KIND_WORDS: dict[AgencyKind, str] = {
    AgencyKind.MINISTRY: "ministry",
    AgencyKind.BRANCH: "branch",
    AgencyKind.LOCALITY: "locality",
    AgencyKind.PARTY: "Party body",
    AgencyKind.OTHER: "other",
}
