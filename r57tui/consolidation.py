"""Several feeds added up into one, honestly (issue 24; docs/feed-format.md, "Several
feeds").

Pure: the parts' feeds in, one `Feed` out that every view, export and screen reads as it
reads a single feed, with where each task came from. The rules:

* one part is that feed itself, unchanged: one source stays the simple case;
* task ids are per source: with several parts each task's id is `<source>:<its id>`
  (a source's name holds no `:`), and `origin` gives the source and the id back;
* the same agency id in two feeds is one agency, described by the first part whose
  `agencies` list it (an agency a loader only made up for an unknown id gives way to a
  listed one); two listings that disagree on its name or kind are a finding;
* a task whose `same_as` names a task of another part (`<feed>:<task id>`, the feed by
  its own `feed_id`, else by its source's name) is that task: counted once, as the task
  it names; a disagreement on its state is a finding, and so is a `same_as` that names
  no part at all (it may be a copy counted twice);
* each task keeps its state as its own feed judged it, against its own `as_of`; the
  consolidated `as_of` is the latest, and `mixed_dates` says when they differ;
* indicators are kept per source: id `<source>:<id>`, the name led by the source's;
* each part's findings are kept, their place led by the source's name.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from types import MappingProxyType

import msgspec

from .feed.loaded import Feed, Finding
from .feed.models import Agency, Indicator, Task
from .feed.states import renamed
from .i18n.message import Message

# What separates a source's name from its own id in a consolidated id, and in `same_as`.
SEPARATOR = ":"


@dataclass(frozen=True, slots=True)
class SourceFeed:
    """One named source's feed, as last loaded, and whether it is stale (its last fetch
    failed, so these are its last good figures)."""

    name: str
    feed: Feed
    stale: bool = False


@dataclass(frozen=True, slots=True)
class Consolidated:
    """The parts added up: one Feed every view, export and screen reads as it reads a
    single feed, and where each of its tasks came from."""

    feed: Feed
    parts: tuple[SourceFeed, ...]
    # The consolidated feed's task id -> the source's name (and the task's own id there).
    origin: Mapping[str, tuple[str, str]] = field(default_factory=lambda: MappingProxyType({}))
    # Each source's own as-of, in the parts' order.
    as_of_by_source: Mapping[str, datetime | date] = field(
        default_factory=lambda: MappingProxyType({})
    )
    # A task counted once as another (its `same_as`): its id here -> the id it counts as.
    duplicates: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def stale_parts(self) -> tuple[str, ...]:
        return tuple(part.name for part in self.parts if part.stale)

    @property
    def mixed_dates(self) -> bool:
        """The parts' figures are of different days: a figure adding them up says so."""
        return len({part.feed.as_of_date for part in self.parts}) > 1

    def origin_of(self, task_id: str) -> tuple[str, str]:
        """The source and own id of any task added up here, one counted once included
        (its consolidated id is `<source>:<own id>`, a source's name holding no `:`)."""
        found = self.origin.get(task_id)
        if found is not None:
            return found
        name, _, own = task_id.partition(SEPARATOR)
        return name, own

    def source_of(self, task_id: str) -> str | None:
        """The name of the source a task of the consolidated feed came from."""
        found = self.origin.get(task_id)
        return None if found is None else found[0]


def consolidate(parts: Sequence[SourceFeed]) -> Consolidated:
    """The parts as one feed (see the module's note)."""
    if not parts:
        raise ValueError("nothing to consolidate")
    as_of_by_source = MappingProxyType({part.name: part.feed.as_of for part in parts})
    if len(parts) == 1:
        only = parts[0]
        single = {task.id: (only.name, task.id) for task in only.feed.tasks}
        return Consolidated(
            only.feed, (only,), MappingProxyType(single), as_of_by_source, MappingProxyType({})
        )
    findings: list[Finding] = []
    agencies, created = _agencies(parts, findings)
    tasks: list[Task] = []
    by_source: dict[str, _Part] = {}
    for part in parts:
        made = by_source[part.name] = _part(part)
        tasks.extend(made.tasks)
    duplicates = _same_tasks(by_source, _feeds_named(parts, findings), findings)
    if duplicates:
        tasks = [task for task in tasks if task.id not in duplicates]
    origin = _Origin(by_source, frozenset(duplicates), len(tasks))
    indicators = [
        _indicator(part.name, indicator) for part in parts for indicator in part.feed.indicators
    ]
    own = [_placed(part.name, finding) for part in parts for finding in part.feed.findings]
    latest = max(parts, key=lambda part: part.feed.as_of_date).feed
    feed = Feed(
        as_of=latest.as_of,
        # The sources' names: each feed's own title is its part's, in `parts`.
        title=" + ".join(part.name for part in parts),
        agencies=agencies,
        tasks=tasks,
        indicators=indicators,
        findings=own + findings,
        created_agencies=frozenset(created),
    )
    return Consolidated(
        feed,
        tuple(parts),
        origin,
        as_of_by_source,
        MappingProxyType(duplicates),
    )


def _agencies(
    parts: Sequence[SourceFeed], findings: list[Finding]
) -> tuple[dict[str, Agency], set[str]]:
    """Every agency once, described by the first part that lists it; the ids no part
    lists (made up by a loader for a task's unknown agency)."""
    merged: dict[str, Agency] = {}
    described_by: dict[str, str] = {}
    for part in parts:
        made_up = part.feed.created_agencies
        for agency_id, agency in part.feed.agencies.items():
            if agency_id in made_up:
                merged.setdefault(agency_id, agency)
                continue
            first = described_by.get(agency_id)
            if first is None:
                merged[agency_id] = agency
                described_by[agency_id] = part.name
            elif _differs(merged[agency_id], agency):
                findings.append(
                    Finding(
                        "disagreement",
                        f"{part.name} › agencies",
                        agency_id,
                        Message.of(
                            "named {name} ({kind}) here, {kept} ({kept_kind}) in {first}, "
                            "whose name is kept",
                            name=repr(agency.name),
                            kind=agency.kind.value,
                            kept=repr(merged[agency_id].name),
                            kept_kind=merged[agency_id].kind.value,
                            first=first,
                        ),
                    )
                )
    return merged, set(merged) - set(described_by)


def _differs(one: Agency, other: Agency) -> bool:
    return one.name != other.name or one.kind is not other.kind


@dataclass(frozen=True, slots=True)
class _Part:
    """A part's tasks under `<source>:<id>`, where each came from, each by its id, and
    those with a `same_as`: made once per feed and name (a refresh that leaves a source
    unchanged keeps its feed, so adding up again costs no copy of its tasks)."""

    tasks: list[Task]
    origin: dict[str, tuple[str, str]]
    by_id: dict[str, Task]
    copies: list[Task]


class _Origin(Mapping[str, tuple[str, str]]):
    """Each consolidated task's source and own id, read from the parts' own maps (one
    map of every task would cost a fifth of a second at 340k tasks, at every change)."""

    def __init__(self, parts: Mapping[str, _Part], gone: frozenset[str], size: int) -> None:
        self._parts = parts
        self._gone = gone
        self._size = size

    def __getitem__(self, task_id: str) -> tuple[str, str]:
        part = self._parts.get(task_id.partition(SEPARATOR)[0])
        if part is None or task_id in self._gone:
            raise KeyError(task_id)
        return part.origin[task_id]

    def __iter__(self) -> Iterator[str]:
        for part in self._parts.values():
            yield from (task_id for task_id in part.origin if task_id not in self._gone)

    def __len__(self) -> int:
        return self._size


def _part(part: SourceFeed) -> _Part:
    key = ("consolidation", part.name)
    made = part.feed.memo.get(key)
    if made is None:
        prefix = part.name + SEPARATOR
        tasks = [renamed(task, prefix + task.id) for task in part.feed.tasks]
        made = part.feed.memo.setdefault(
            key,
            _Part(
                tasks,
                {
                    task.id: (part.name, own.id)
                    for task, own in zip(tasks, part.feed.tasks, strict=True)
                },
                {task.id: task for task in tasks},
                [task for task in tasks if task.same_as is not None],
            ),
        )
    return made


def _feeds_named(parts: Sequence[SourceFeed], findings: list[Finding]) -> dict[str, str]:
    """What the part before the `:` of a `same_as` may be -> the source it names: each
    feed's own `feed_id`, which holds whatever a reader calls the source; else the name
    the reader gave the source (a feed without a `feed_id`, or a `same_as` written against
    the name two secretariats agreed). A `feed_id` two parts give names the first; the
    other is a finding."""
    named = {part.name: part.name for part in parts}
    given: dict[str, str] = {}
    for part in parts:
        feed_id = part.feed.feed_id
        if feed_id is None:
            continue
        first = given.setdefault(feed_id, part.name)
        if first != part.name:
            findings.append(
                Finding(
                    "duplicate",
                    f"{part.name} › feed_id",
                    feed_id,
                    Message.of(
                        "the feed id of {first} too: a same_as naming it names {first}",
                        first=first,
                    ),
                )
            )
    return named | given


def _same_tasks(
    by_source: Mapping[str, _Part], named: Mapping[str, str], findings: list[Finding]
) -> dict[str, str]:
    """The tasks counted once as another: each task whose `same_as` names one of the
    consolidation's tasks -> the task it ends at (following `same_as` on; of a loop, the
    first in the consolidated order is kept). `named`: each feed id or source name -> the
    source. A `same_as` that names no part is counted where it is, and said: it may be the
    copy of a task of a feed left out, or a misspelt name."""
    target: dict[str, str] = {}
    for source, made in by_source.items():
        for task in made.copies:
            assert task.same_as is not None
            prefix, _, own_id = task.same_as.partition(SEPARATOR)
            name = named.get(prefix)
            own = made.origin[task.id][1]
            if name is None:
                findings.append(_unknown(source, task, own))
                continue
            kept = f"{name}{SEPARATOR}{own_id}"
            if name != source and kept in by_source[name].by_id:
                target[task.id] = kept
            else:
                findings.append(_broken(source, task, own))
    if not target:
        return {}
    order = list(by_source)

    def place(task_id: str) -> tuple[int, int]:
        source = task_id.partition(SEPARATOR)[0]
        return order.index(source), list(by_source[source].by_id).index(task_id)

    def counted_as(task_id: str) -> str:
        path = [task_id]
        while (step := target.get(path[-1])) is not None:
            if step in path:  # a loop: its first task in the consolidated order is kept
                return min(path[path.index(step) :], key=place)
            path.append(step)
        return path[-1]

    duplicates = {task_id: counted_as(task_id) for task_id in target}
    duplicates = {task_id: kept for task_id, kept in duplicates.items() if kept != task_id}
    task_of = {
        task_id: by_source[task_id.partition(SEPARATOR)[0]].by_id[task_id]
        for pair in duplicates.items()
        for task_id in pair
    }
    for gone, kept in duplicates.items():
        one, other = task_of[gone], task_of[kept]
        if one.state is not other.state:
            findings.append(
                Finding(
                    "disagreement",
                    f"{gone.partition(SEPARATOR)[0]} › tasks",
                    gone.partition(SEPARATOR)[2],
                    Message.of(
                        "the same task as {other}, counted once there: {state} here, "
                        "{other_state} there",
                        other=kept,
                        state=one.state.words,
                        other_state=other.state.words,
                    ),
                )
            )
    return duplicates


def _broken(source: str, task: Task, own_id: str) -> Finding:
    return Finding(
        "reference",
        f"{source} › tasks",
        own_id,
        Message.of(
            "same_as {ref} names no task of another source: counted here",
            ref=repr(task.same_as),
        ),
    )


def _unknown(source: str, task: Task, own_id: str) -> Finding:
    return Finding(
        "reference",
        f"{source} › tasks",
        own_id,
        Message.of(
            "same_as {ref} names no feed added up: counted here, may be counted twice",
            ref=repr(task.same_as),
        ),
    )


def _indicator(source: str, indicator: Indicator) -> Indicator:
    return msgspec.structs.replace(
        indicator,
        id=f"{source}{SEPARATOR}{indicator.id}",
        name=f"{source}: {indicator.name}",
        name_en=None if indicator.name_en is None else f"{source}: {indicator.name_en}",
    )


def _placed(source: str, finding: Finding) -> Finding:
    return replace(finding, where=f"{source} › {finding.where}")


__all__ = ["SEPARATOR", "Consolidated", "SourceFeed", "consolidate"]
