"""The words the screen and the documents give a task's state and an agency's kind (in
English, translated where shown): no reader of either ever sees an internal id."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

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

# Beside every state's colour a symbol, so a state is never told by colour alone (a
# monochrome projector, a colour-blind reader, a page printed in grey), and the colours
# by meaning before a theme is applied: the screen draws with them, and so do the
# documents' charts.
STATE_SYMBOLS: Mapping[str, str] = MappingProxyType(
    {"completed": "✓", "completed_late": "✓", "on_time": "◷", "overdue": "!"}
)
STATE_COLOURS: Mapping[str, str] = MappingProxyType(
    {
        "completed": "#4EBF71",
        "completed_late": "#9ACD68",
        "on_time": "#5AA9FF",
        "overdue": "#F05A5A",
    }
)
