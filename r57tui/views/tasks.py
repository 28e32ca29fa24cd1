"""The list of one scope, state filter, facets and text filter over a feed's shared orders
and search texts (feed_index.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..feed import Feed, Task
from ..i18n.search import Matcher
from ..rollup import DEFAULT_AT_RISK_DAYS, DEFAULT_DUE_SOON_DAYS, Counts, Rollup, count_states
from .facets import NO_FACETS, Facets
from .feed_index import TASK_SORTS, feed_index, picked
from .flags import FlaggedTasks
from .scopes import Scope, StateFilter
from .sorts import SortOrder, order_of, sort_by_id
from .task_measures import TaskMeasures, feed_measures

if TYPE_CHECKING:
    pass


class TaskList:
    """The tasks of one scope in a feed, ready to filter and sort many times.

    Orders and search texts come from the feed's `FeedIndex`; a list only remembers which
    of the feed's tasks its scope admits.
    """

    def __init__(
        self,
        feed: Feed,
        scope: Scope,
        language: str = "vi",
        due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
        due_soon: Sequence[Task] | None = None,
        *,
        at_risk_days: int = DEFAULT_AT_RISK_DAYS,
        at_risk: Sequence[Task] | None = None,
    ) -> None:
        """`due_soon`: the feed's tasks due soon within `due_soon_days`, when the feed's
        roll-up has listed them already (`Rollup.due_soon`): not judged again; `at_risk`
        likewise (`Rollup.at_risk`, within `at_risk_days`)."""
        self.feed = feed
        self.scope = scope
        self.language = language
        self.due_soon_days = due_soon_days
        self.at_risk_days = at_risk_days
        self._index = feed_index(feed, language)
        self._flags = FlaggedTasks(
            feed,
            self._index.position_of,
            {StateFilter.DUE_SOON: due_soon_days, StateFilter.AT_RISK: at_risk_days},
            {StateFilter.DUE_SOON: due_soon, StateFilter.AT_RISK: at_risk},
        )
        self._flag_counts: dict[StateFilter, int] = {}
        # The last text filter: (state, order, facets), its matcher and the positions kept.
        self._last: tuple[tuple[object, ...], Matcher, list[int]] | None = None
        self._facets: tuple[Facets, bytearray] | None = None  # the last facets' mask
        self._counts: Counts | None = None  # the figures without facets or text filter
        # The tasks a filter keeps in every state, for the last (query, facets): the
        # headline's figures and the flags' counts of one keystroke read them once.
        self._kept: tuple[tuple[str, Facets], list[int]] | None = None
        self._measures: TaskMeasures | None = None
        if scope.kind == "all":
            self._admitted: bytearray | None = None
            self.tasks = feed.tasks
        else:
            admitted = bytearray(len(feed.tasks))
            for i, task in enumerate(feed.tasks):
                if scope.admits(feed, task):
                    admitted[i] = 1
            self._admitted = admitted
            self.tasks = [task for task, inside in zip(feed.tasks, admitted, strict=True) if inside]

    @classmethod
    def of_rollup(cls, feed: Feed, scope: Scope, language: str, rollup: Rollup) -> TaskList:
        """The list, its due-soon and at-risk tasks as the feed's roll-up judged them, and
        its figures as the roll-up counted them (`counts`)."""
        made = cls(
            feed,
            scope,
            language,
            rollup.due_soon_days,
            rollup.due_soon,
            at_risk_days=rollup.at_risk_days,
            at_risk=rollup.at_risk,
        )
        made._counts = scope.counts(feed, rollup)
        return made

    def measures(self) -> TaskMeasures:
        """What this list's columns are sized from (the feed's own for all tasks)."""
        if self._admitted is None:
            return feed_measures(self.feed)
        if self._measures is None:
            self._measures = TaskMeasures.of(self.tasks)
        return self._measures

    def flag_mask(self, flag: StateFilter) -> bytearray:
        """1 for each task of the feed (by position) that `flag` (due soon, at risk)
        picks."""
        return self._flags.mask(flag)

    def flag_count(self, flag: StateFilter, facets: Facets = NO_FACETS, query: str = "") -> int:
        """How many of this list's tasks `flag` picks (of those the facets and the text
        filter keep, when given)."""
        if not facets.is_empty or query.strip():
            mask = self.flag_mask(flag)
            return bytes(picked(mask, self._kept_by(query, facets))).count(1)
        # Asked at every redraw of a list (each keystroke): counted once per feed.
        count = self._flag_counts.get(flag)
        if count is None:
            mask = self.flag_mask(flag)
            if self._admitted is None:
                count = mask.count(1)
            else:
                count = sum(
                    1 for soon, inside in zip(mask, self._admitted, strict=True) if soon and inside
                )
            self._flag_counts[flag] = count
        return count

    def due_soon_mask(self) -> bytearray:
        """1 for each task of the feed (by position) that is due soon."""
        return self.flag_mask(StateFilter.DUE_SOON)

    def due_soon_count(self, facets: Facets = NO_FACETS, query: str = "") -> int:
        """How many of this list's tasks are due soon (of those the facets and the text
        filter keep, when given)."""
        return self.flag_count(StateFilter.DUE_SOON, facets, query)

    def at_risk_count(self, facets: Facets = NO_FACETS, query: str = "") -> int:
        """How many of this list's tasks are at risk (as `due_soon_count`)."""
        return self.flag_count(StateFilter.AT_RISK, facets, query)

    def position_of(self, task_id: str) -> int | None:
        """Where the task with this id stands in `feed.tasks` (any task of the feed)."""
        return self._index.position_of(task_id)

    def facet_mask(self, facets: Facets) -> bytearray:
        """1 for each task of the feed (by position) that `facets` keep (the last kept)."""
        made = self._facets
        if made is None or made[0] != facets:
            made = self._facets = (facets, facets.mask(self.feed.tasks))
        return made[1]

    def counts(self, facets: Facets = NO_FACETS, query: str = "") -> Counts:
        """The figures of the tasks shown in every state with these facets and this text
        filter: a faceted list's headline (the state filter then picks one of them).
        Without either they are the scope's figures in the roll-up."""
        if facets.is_empty and not query.strip():
            if self._counts is None:  # asked at each redraw: counted once
                self._counts = count_states(self.tasks)
            return self._counts
        return self._index.counts_at(self._kept_by(query, facets))

    def _kept_by(self, query: str, facets: Facets) -> list[int]:
        """Where the tasks this text filter and these facets keep stand, in any state:
        what a filtered list's figures are counted over."""
        made = self._kept
        if made is None or made[0] != (query, facets):
            made = self._kept = ((query, facets), self.positions(query=query, facets=facets))
        return made[1]

    def rows(
        self,
        state: StateFilter = StateFilter.ALL,
        query: str = "",
        sort: str | SortOrder = "urgency",
        facets: Facets = NO_FACETS,
    ) -> list[Task]:
        """The tasks shown for this state filter, text filter, sort and facets, in order."""
        positions = self.positions(state, query, sort, facets)
        return list(map(self.feed.tasks.__getitem__, positions))

    def positions(
        self,
        state: StateFilter = StateFilter.ALL,
        query: str = "",
        sort: str | SortOrder = "urgency",
        facets: Facets = NO_FACETS,
    ) -> list[int]:
        """As `rows`, but where the tasks stand in `feed.tasks`: a list of 100k tasks in
        sorted order touches 100k objects scattered in memory (25 ms); positions do not.
        The list returned may be the index's own: do not change it."""
        # Sorted once per feed and sort; a filter keystroke only walks that order.
        tasks = self.feed.tasks
        by = order_of(sort)
        order = self._index.order(sort_by_id(TASK_SORTS, by.key).id, by.reversed)
        inside = self._admitted
        kept = None if facets.is_empty else self.facet_mask(facets)
        matcher = Matcher(query)
        every = state is StateFilter.ALL
        admits: Callable[[int], object]  # true for a task the state filter lets through
        if state.is_flag:
            admits = self.flag_mask(state).__getitem__
        else:

            def in_state(i: int) -> bool:
                return state.admits(tasks[i].state)

            admits = in_state

        def chosen() -> list[int]:
            """The order, as far as the scope and the state filter go."""
            if every and inside is None and kept is None:
                return order
            return [
                i
                for i in order
                if (inside is None or inside[i])
                and (kept is None or kept[i])
                and (every or admits(i))
            ]

        if matcher.is_blank:
            return chosen()
        last = self._last
        if last is not None and last[0] == (state, by, facets) and last[1].folded == matcher.folded:
            return last[2]  # the same words again (the figures and the rows of one keystroke)
        if last is not None and last[0] == (state, by, facets) and matcher.narrows(last[1]):
            candidates = last[2]  # typed on from the last query: test its results only
        else:
            candidates = chosen()
        for word in matcher.words:
            candidates = self._index.holding(word, candidates)
        self._last = ((state, by, facets), matcher, candidates)
        return candidates
