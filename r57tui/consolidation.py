"""Several feeds added up into one (issue 24): the interface, with a first naive body.

INTERFACE STUB: the helper on the consolidation replaces the body (agencies merged with
findings, tasks kept apart by source, the same task in two sources counted once, feeds of
different dates said); the types and signatures below are what the interface codes to.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from .feed.loaded import Feed
from .feed.models import DERIVED_TASK_FIELDS, Indicator, Task


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

    @property
    def stale_parts(self) -> tuple[str, ...]:
        return tuple(part.name for part in self.parts if part.stale)


def consolidate(parts: Sequence[SourceFeed]) -> Consolidated:
    """The parts as one feed. Naive first body: to be replaced (see the module's note)."""
    if not parts:
        raise ValueError("nothing to consolidate")
    agencies = {}
    tasks = []
    indicators: list[Indicator] = []
    findings = []
    origin: dict[str, tuple[str, str]] = {}
    for part in parts:
        agencies.update({k: v for k, v in part.feed.agencies.items() if k not in agencies})
        for task in part.feed.tasks:
            # Keyed by the id the task has in the consolidated feed (one part: its own).
            key = f"{part.name}:{task.id}" if len(parts) > 1 else task.id
            origin[key] = (part.name, task.id)
            tasks.append(_renamed(task, key) if len(parts) > 1 else task)
        # Ids are per source here too: two feeds may both have I-01, and every table keys
        # its rows by id.
        indicators.extend(
            replace(each, id=f"{part.name}:{each.id}") if len(parts) > 1 else each
            for each in part.feed.indicators
        )
        findings.extend(part.feed.findings)
    newest = max(parts, key=lambda p: p.feed.as_of_date).feed
    feed = Feed(
        as_of=newest.as_of,
        title=newest.title,
        agencies=agencies,
        tasks=tasks,
        indicators=indicators,
        findings=findings,
    )
    return Consolidated(feed=feed, parts=tuple(parts), origin=MappingProxyType(origin))


def _renamed(task: Task, key: str) -> Task:
    """The task under its consolidated id, with the state its own feed derived (a plain
    `replace` would reset the derived fields, init=False, to their defaults: every task
    on time)."""
    copy = replace(task, id=key)
    for name in DERIVED_TASK_FIELDS:
        object.__setattr__(copy, name, getattr(task, name))
    return copy


__all__ = ["Consolidated", "SourceFeed", "consolidate"]
