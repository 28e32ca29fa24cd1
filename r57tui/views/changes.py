"""The changes list: the tasks that changed since the baseline within the scope it was
opened from (an agency's, an owner's, a group's, or all), of one kind or every kind, and
matching the `/` filter as the task lists match it (case and diacritics ignored, a word
found where a word starts).

The dashboard's list and the exports both call `ChangeIndex.select`, so a file written
holds the rows on screen and its figures are theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import contains

from ..baseline import CHANGE_ORDER, ChangeKind, Comparison, TaskChange
from ..feed import Feed
from ..groups import GROUP_TITLES
from ..i18n.search import Matcher, fold_fields
from ..i18n.strings import tr
from .agencies import agency_haystack
from .owners import NO_OWNER_LABEL
from .scopes import Scope
from .search_text import needle, spaced


def feed_of(change: TaskChange, comparison: Comparison, feed: Feed) -> Feed:
    """The feed a changed task is read from: a removed task's is the baseline's."""
    return comparison.baseline.feed if change.now is None else feed


def in_scope(scope: Scope, change: TaskChange, comparison: Comparison, feed: Feed) -> bool:
    """The change's task belongs to the scope as its feed has it (a removed task by its
    lead agency and owner in the baseline)."""
    source = feed_of(change, comparison, feed)
    if scope.kind == "group" and change.task.agency not in source.agencies:
        return False
    return scope.admits(source, change.task)


def scope_title(scope: Scope, feed: Feed, language: str) -> str:
    """The scope in words: the agency's name, the group's, the owner's, or all agencies."""
    if scope.kind == "agency":
        return feed.agency_name(scope.key, language)
    if scope.kind == "group":
        return tr(GROUP_TITLES[scope.key], language)
    if scope.kind == "owner":
        return scope.owner_name or tr(NO_OWNER_LABEL, language)
    return tr(GROUP_TITLES["all"], language)


@dataclass(frozen=True, slots=True)
class ChangeList:
    """The changes of one scope and filter; `shown` the rows of the chosen kind."""

    scope: Scope
    query: str
    kind: ChangeKind | None  # None: every kind
    total: int  # every change since the baseline, whatever the scope and filter
    matching: tuple[TaskChange, ...]  # in the scope and matching the filter, every kind

    @property
    def shown(self) -> tuple[TaskChange, ...]:
        if self.kind is None:
            return self.matching
        return tuple(change for change in self.matching if change.kind is self.kind)

    @property
    def filtered(self) -> bool:
        """A text filter is on (a query of only spaces filters nothing)."""
        return not Matcher(self.query).is_blank

    @property
    def scoped(self) -> bool:
        return self.scope.kind != "all"

    def counted(self) -> dict[ChangeKind, int]:
        """Each kind's count among the changes of the scope and filter."""
        tally = dict.fromkeys(CHANGE_ORDER, 0)
        for change in self.matching:
            tally[change.kind] += 1
        return tally


class ChangeIndex:
    """A comparison's changes with their search texts, each made once and only for the
    changes a filter is asked of (one agency's, not all of a 100k-task feed's): a
    keystroke of the filter walks them, it does not fold them again."""

    def __init__(self, comparison: Comparison, feed: Feed) -> None:
        self.comparison = comparison
        self.feed = feed
        self._texts: dict[int, str] = {}  # position in comparison.tasks -> search text

    def _search_texts(self, positions: list[int]) -> dict[int, str]:
        # What a task list finds a task by: id, title, source, group, owner, and its lead
        # agency's names (the baseline's for a removed task).
        comparison, feed, texts = self.comparison, self.feed, self._texts
        missing = [at for at in positions if at not in texts]
        made = []
        for at in missing:
            change = comparison.tasks[at]
            task = change.task
            agency = feed_of(change, comparison, feed).agencies.get(task.agency)
            haystack = agency_haystack(agency) if agency is not None else task.agency
            own = fold_fields(task.id, task.title, task.source, task.group, task.owner)
            made.append(" ".join((own, haystack)))
        texts.update(zip(missing, spaced(made), strict=True))
        return texts

    def select(
        self, scope: Scope | None = None, kind: ChangeKind | None = None, query: str = ""
    ) -> ChangeList:
        scope = scope or Scope.everything()
        comparison, feed = self.comparison, self.feed
        changes = comparison.tasks
        inside = [
            at
            for at, change in enumerate(changes)
            if scope.kind == "all" or in_scope(scope, change, comparison, feed)
        ]
        needles = [each for each in map(needle, Matcher(query).words) if each != " "]
        if needles:
            texts = self._search_texts(inside)
            inside = [at for at in inside if all(contains(texts[at], n) for n in needles)]
        matching = tuple(changes[at] for at in inside)
        return ChangeList(scope, query, kind, len(changes), matching)


def change_list(
    comparison: Comparison,
    feed: Feed,
    scope: Scope | None = None,
    kind: ChangeKind | None = None,
    query: str = "",
) -> ChangeList:
    """The changes of `scope` (all by default) of `kind` (every kind) matching `query`."""
    return ChangeIndex(comparison, feed).select(scope, kind, query)
