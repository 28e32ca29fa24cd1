"""The early warning in words: why a task is at risk ("due 30/11/2025, 40% done, 75% of
the time gone"), and the at-risk figure of a scope. The rule itself is the roll-up's
(`rollup.judge_risk`); this says it, for the screen, the deck and the exports alike."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..feed import Feed, Task
from ..groups import AGENCY_GROUPS
from ..i18n.dates import format_due
from ..i18n.message import Message
from ..i18n.numbers import format_percent
from ..risk import Risk, judge_risk
from ..rollup import Rollup
from .scopes import Scope


def risk_message(risk: Risk, language: str, *, with_due: bool = True) -> Message:
    """The reason as a message: the deadline as the feed wrote it (unless the row says it
    already: `with_due=False`), then what was done against the time gone, or that nothing
    was reported."""
    gone = (
        None if risk.time_gone is None else format_percent(risk.time_gone.percent(0), 0, language)
    )
    if risk.progress is None:
        if gone is None:
            said = Message.of("no progress reported")
        else:
            said = Message.of("no progress reported, {gone} of the time gone", gone=gone)
    else:
        done = format_percent(Decimal(risk.progress), 0, language)
        said = Message.of("{done} done, {gone} of the time gone", done=done, gone=gone)
    if not with_due:
        return said
    return Message.of("due {due}, {reason}", due=format_due(risk.due, language), reason=said)


def risk_reason(
    task: Task, as_of: date, days: int, language: str, *, with_due: bool = True
) -> str | None:
    """Why `task` is at risk, in `language`; None when it is not."""
    risk = judge_risk(task, as_of, days)
    if risk is None:
        return None
    return risk_message(risk, language, with_due=with_due).text(language)


def reasons_by_id(rollup: Rollup, language: str, *, with_due: bool = True) -> dict[str, str]:
    """Why each task at risk is, by its id: for the list of them and its exports."""
    as_of, days = rollup.as_of, rollup.at_risk_days
    return {
        task.id: reason
        for task in rollup.at_risk
        if (reason := risk_reason(task, as_of, days, language, with_due=with_due)) is not None
    }


class RiskReasons:
    """Why each task at risk is, by id, in one language: said once per roll-up, not at
    each keystroke of a list; with its due date (said whole) or without (a row whose
    days left say it)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._said: tuple[Rollup, dict[bool, dict[str, str]]] | None = None

    def of(self, rollup: Rollup, *, with_due: bool) -> dict[str, str]:
        if self._said is None or self._said[0] is not rollup:
            self._said = (rollup, {})
        said = self._said[1]
        if with_due not in said:
            said[with_due] = reasons_by_id(rollup, self.language, with_due=with_due)
        return said[with_due]


def at_risk_count(scope: Scope, feed: Feed, rollup: Rollup) -> int:
    """How many of a scope's tasks are at risk, from the roll-up."""
    if scope.kind == "agency":
        return rollup.at_risk_by_agency.get(scope.key, 0)
    if scope.kind == "group":
        return rollup.at_risk_of_kinds(AGENCY_GROUPS[scope.key] or frozenset())
    if scope.kind == "all":
        return len(rollup.at_risk)
    return sum(1 for task in rollup.at_risk if scope.admits(feed, task))
