"""The lists and screens the main screen opens with one key each: the tasks of the group
in view (g), all tasks (a), due soon (d), at risk (w), the findings (f) and the chart of
the agencies as shown (v). Apart from MainScreen, which holds the tables and panels."""

from __future__ import annotations

from ..views import Scope, StateFilter
from .screen_base import TableScreen


class MainOpenings(TableScreen):
    """The main screen's one-key openings, of the group or the owners' tab in view."""

    group: str  # the group tab in view (MainScreen sets it)
    by_owner: bool  # the owners' tab is in view

    def _scope(self) -> Scope:
        """The tasks the table in view counts: the group's, or all of them by owner."""
        return Scope.everything() if self.by_owner else Scope.group(self.group)

    def action_group_tasks(self) -> None:
        self.r57.open_tasks(self._scope(), StateFilter.ALL)

    def action_all_tasks(self) -> None:
        self.r57.open_tasks(Scope.everything(), StateFilter.ALL)

    def action_due_soon(self) -> None:
        self.r57.open_tasks(self._scope(), StateFilter.DUE_SOON)

    def action_at_risk(self) -> None:
        self.r57.open_tasks(self._scope(), StateFilter.AT_RISK)

    def action_findings(self) -> None:
        self.r57.open_findings()

    def action_chart(self) -> None:
        if not self.by_owner:  # the chart pictures agencies, not owners
            self.r57.open_chart(self.group, tuple(self.r57.settings.show_kinds), self.query_text)
