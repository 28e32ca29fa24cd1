"""Facets: the ways a committee slices a task list beside its scope, state and text filter —
thematic group, source document, key tasks only, a co-operating agency, the owner, and
of several sources added up, the source a task came from — as
one immutable value, the values each facet takes in a feed, and the filters in words.

A facet set to "" (`NONE`) keeps the tasks that have no such value: no group, no source,
no owner (the loader makes a blank one absent, so "" is never a value of a feed).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import cast

from ..consolidation import SEPARATOR
from ..feed import Feed, Task
from ..i18n.collation import sort_key
from ..i18n.strings import tr
from ..safety import one_line
from .scopes import StateFilter

NONE = ""  # a facet's value for "not given"
# A value quoted from the feed in a headline is cut to this many characters.
_QUOTED_CHARS = 60


@dataclass(frozen=True, slots=True)
class Facets:
    """Which tasks a list keeps, each facet alone or with the others (all must hold).
    None: the facet is off. The default keeps every task."""

    group: str | None = None  # the thematic group (`group`), or NONE
    source: str | None = None  # the document that assigned the task, or NONE
    key_only: bool = False  # key (trọng tâm) tasks only
    co_agency: str | None = None  # an agency id: the tasks it co-operates on (phối hợp)
    owner: str | None = None  # the member in charge, or NONE
    # Of several sources added up: the source (its name) a task came from. The
    # consolidated feed's ids are `<source>:<own id>` (consolidation.py), so the task says.
    feed: str | None = None

    @property
    def is_empty(self) -> bool:
        return self == NO_FACETS

    def admits(self, task: Task) -> bool:
        if self.key_only and not task.key_task:
            return False
        if self.group is not None and (task.group or NONE) != self.group:
            return False
        if self.source is not None and (task.source or NONE) != self.source:
            return False
        if self.owner is not None and (task.owner or NONE) != self.owner:
            return False
        if self.feed is not None and feed_of(task) != self.feed:
            return False
        return self.co_agency is None or self.co_agency in task.co_agencies

    def replaced(self, **changes: object) -> Facets:
        """These facets with some changed (`None` turns one off)."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def mask(self, tasks: list[Task]) -> bytearray:
        """1 for each task (by position) these facets keep."""
        if self.is_empty:
            return bytearray(b"\1" * len(tasks))
        admits = self.admits
        return bytearray(map(admits, tasks))


NO_FACETS = Facets()


def feed_of(task: Task) -> str:
    """The source a task of a consolidated feed came from (its id's `<source>:`)."""
    return task.id.partition(SEPARATOR)[0]


def describe(
    feed: Feed,
    facets: Facets,
    language: str,
    *,
    state: StateFilter = StateFilter.ALL,
    query: str = "",
) -> str:
    """The active filters in words, for a list's headline, e.g. "Nhiệm vụ trọng tâm ·
    nhóm Hạ tầng số · Nghị quyết 71/NQ-CP"; "" when none is on. Values from the feed are
    quoted as plain, printable text (the caller shows it as text, never as markup)."""
    return " · ".join(filter_words(feed, facets, language, state=state, query=query))


def filter_words(
    feed: Feed,
    facets: Facets,
    language: str,
    *,
    state: StateFilter = StateFilter.ALL,
    query: str = "",
) -> list[str]:
    """Each active filter in words, in the order a report would name them."""
    lang = language
    words: list[str] = []
    if facets.feed is not None:
        words.append(tr("feed {name}", lang).format(name=_quoted(facets.feed)))
    if facets.key_only:
        words.append(tr("Key tasks", lang))
    if facets.group is not None:
        words.append(
            tr("no thematic group", lang)
            if facets.group == NONE
            else tr("group {group}", lang).format(group=_quoted(facets.group))
        )
    if facets.source is not None:
        words.append(
            tr("no source document", lang) if facets.source == NONE else _quoted(facets.source)
        )
    if facets.co_agency is not None:
        name = _quoted(feed.agency_name(facets.co_agency, lang))
        words.append(tr("{agency} co-operating", lang).format(agency=name))
    if facets.owner is not None:
        words.append(
            tr("no owner", lang)
            if facets.owner == NONE
            else tr("owner {owner}", lang).format(owner=_quoted(facets.owner))
        )
    if state is not StateFilter.ALL:
        words.append(tr(state.value.replace("_", " "), lang))
    if query.strip():
        words.append(f"{tr('filter', lang)} “{_quoted(query.strip())}”")
    return words


def _quoted(text: str) -> str:
    return one_line(text, _QUOTED_CHARS)


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value a facet takes in a feed ("" (NONE): not given), and how many tasks have
    it."""

    value: str
    count: int


@dataclass(frozen=True, slots=True)
class FacetValues:
    """The values each facet takes in a feed, in Vietnamese alphabetical order (agencies by
    the name shown), "not given" last: what a facet picker lists."""

    groups: tuple[FacetValue, ...]
    sources: tuple[FacetValue, ...]
    owners: tuple[FacetValue, ...]
    co_agencies: tuple[FacetValue, ...]  # agency ids
    key_tasks: int
    feeds: tuple[FacetValue, ...] = ()  # of several sources added up: each one's name


def facet_values(feed: Feed, language: str = "vi", *, by_feed: bool = False) -> FacetValues:
    """The facets' values in `feed`: counted once per feed and language (`Feed.memo`);
    `by_feed`: the feed adds several sources up, each task's source is a facet too."""
    memo_key = (FacetValues, language, by_feed)
    made = feed.memo.get(memo_key)
    if made is None:
        made = feed.memo.setdefault(memo_key, _facet_values(feed, language, by_feed=by_feed))
    return cast(FacetValues, made)


def facet_values_among(
    feed: Feed, tasks: Sequence[Task], language: str = "vi", *, by_feed: bool = False
) -> FacetValues:
    """The facets' values among some of the feed's tasks (one list's scope): what a facet
    picker offers there, each value with the count of those tasks that have it."""
    if tasks is feed.tasks:
        return facet_values(feed, language, by_feed=by_feed)
    return _facet_values(feed, language, tasks, by_feed=by_feed)


def _facet_values(
    feed: Feed, language: str, tasks: Sequence[Task] | None = None, *, by_feed: bool = False
) -> FacetValues:
    tasks = feed.tasks if tasks is None else tasks
    # Counted with C loops (`Counter` over `attrgetter`): 100k tasks in a few tens of ms.
    co: Counter[str] = Counter()
    for task in tasks:
        if task.co_agencies:
            co.update(set(task.co_agencies))
    return FacetValues(
        groups=_ordered(_given(Counter(map(attrgetter("group"), tasks)))),
        sources=_ordered(_given(Counter(map(attrgetter("source"), tasks)))),
        owners=_ordered(_given(Counter(map(attrgetter("owner"), tasks)))),
        co_agencies=_ordered(co, lambda agency: feed.agency_name(agency, language)),
        key_tasks=sum(map(attrgetter("key_task"), tasks)),
        feeds=_ordered(Counter(map(feed_of, tasks))) if by_feed else (),
    )


def _given(counted: Counter[str | None]) -> Counter[str]:
    """The counts with "not given" (None, or "" for a group or source) as NONE."""
    made: Counter[str] = Counter()
    for value, count in counted.items():
        made[value or NONE] += count
    return made


def _ordered(
    counted: Counter[str], name: Callable[[str], str] | None = None
) -> tuple[FacetValue, ...]:
    shown = name or str

    def order(value: str) -> tuple[bool, tuple[str, ...], str]:
        return (value == NONE, sort_key(shown(value)), value)

    return tuple(FacetValue(value, counted[value]) for value in sorted(counted, key=order))
