"""Several named sources polled together (issue 24): concurrently, at most `parallel` at
a time, each with its own conditional requests (an HTTP source's ETag and
Last-Modified, a file's modification time and size), so an unchanged source costs a
request and no parse; the last good feed of each kept, marked stale while its source
fails; and the parts added up again only when one of them changed.

No screen and no settings here: the dashboard and the headless commands (`check`,
`export`) hand it the sources `commands.sources.open_sources` opened.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .consolidation import Consolidated, SourceFeed, consolidate
from .feed import Feed
from .sources import Failed, NewFeed, Update
from .sources.gc_policy import collector_paused
from .sources.named import NamedSource

# Enough to keep 34 provincial servers busy without opening a connection to each at once.
DEFAULT_PARALLEL = 8


@dataclass(frozen=True, slots=True)
class Polled:
    """One source's answer to a poll of all."""

    name: str
    label: str  # the source's own label: a file name or a host
    update: Update


class Several:
    """Named sources, polled together; their last good feeds, added up."""

    def __init__(self, named: Sequence[NamedSource], parallel: int = DEFAULT_PARALLEL) -> None:
        names = [source.name for source in named]
        if len(set(names)) != len(names):
            raise ValueError("two sources have the same name")
        self.named = tuple(named)
        self._parallel = parallel
        self._feeds: dict[str, Feed] = {}
        self._failing: set[str] = set()
        self._consolidated: Consolidated | None = None

    async def poll(self, names: Iterable[str] | None = None) -> list[Polled]:
        """Poll the sources named (None: all) at once, `parallel` at a time; each answer
        in the sources' order."""
        wanted = None if names is None else set(names)
        chosen = [s for s in self.named if wanted is None or s.name in wanted]
        # Made here, on the loop that polls (a semaphore belongs to one loop).
        gate = asyncio.Semaphore(self._parallel)

        async def one(named: NamedSource) -> Polled:
            async with gate:
                return Polled(named.name, named.source.label, await named.source.poll())

        answers = await asyncio.gather(*(one(named) for named in chosen))
        for answer in answers:
            self._take(answer)
        return list(answers)

    def _take(self, answer: Polled) -> None:
        failing = isinstance(answer.update, Failed)
        if (answer.name in self._failing) != failing:
            self._failing ^= {answer.name}
            self._consolidated = None
        if isinstance(answer.update, NewFeed):
            self._feeds[answer.name] = answer.update.feed
            self._consolidated = None

    def parts(self) -> list[SourceFeed]:
        """Each source that has given a feed: its last good one, stale while it fails."""
        return [
            SourceFeed(s.name, self._feeds[s.name], stale=s.name in self._failing)
            for s in self.named
            if s.name in self._feeds
        ]

    def consolidated(self) -> Consolidated | None:
        """The parts added up (None before any source gave a feed); made again only after
        a source gave a new feed or began or stopped failing."""
        if self._consolidated is None and self._feeds:
            # Thousands of fresh tasks (a changed source's, renamed): no cycles to find.
            with collector_paused():
                self._consolidated = consolidate(self.parts())
        return self._consolidated

    async def aclose(self) -> None:
        await asyncio.gather(*(named.source.aclose() for named in self.named))


async def poll_once(named: Sequence[NamedSource]) -> tuple[list[Polled], Consolidated | None]:
    """Every source polled once, then closed: for the headless commands."""
    several = Several(named)
    try:
        answers = await several.poll()
    finally:
        await several.aclose()
    return answers, several.consolidated()


__all__ = ["DEFAULT_PARALLEL", "Polled", "Several", "poll_once"]
