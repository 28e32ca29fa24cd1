"""Several sources as the one thing `publish` polls (issue 24): `SiteSources.poll` polls
them all together (several.Several: concurrently, each with its own conditional
requests) and answers as one source would, so `publish --watch` and `publish --serve`
poll it as they poll one source:

* `NewFeed` (the consolidated feed) when a part changed, or began or stopped failing:
  the site is built again; `consolidated` and `missing` then hold what it shows;
* `Unchanged` when no part did: nothing is built, nothing written;
* `Failed` only while no source has ever given a feed.

A source that fails keeps its last good figures, marked stale, while the others stay
live; each source's fault is said once (`say`), until it changes, and its coming back
once.
"""

from __future__ import annotations

from collections.abc import Callable

from ..consolidation import Consolidated
from ..i18n.message import Message
from ..safety import one_line
from ..several import Several
from ..sources import Failed, NewFeed, Unchanged, Update, WentBack


class SiteSources:
    """The named sources of a site, polled together; what the site is to show of them."""

    def __init__(self, several: Several, say: Callable[[str], None], language: str) -> None:
        self.several = several
        self.say = say
        self.language = language
        self.label = " + ".join(named.name for named in several.named)
        self.consolidated: Consolidated | None = None
        # The sources failing that never gave a feed: named on the pages, not added up.
        self.missing: tuple[str, ...] = ()
        self.faults = 0  # sources failing at the last poll
        self._said: dict[str, str] = {}

    async def poll(self) -> Update:
        answers = await self.several.poll()
        failing = []
        for answer in answers:
            update = answer.update
            if isinstance(update, Failed | WentBack):
                line = one_line(f"{answer.name}: {update.text(self.language)}", 1000)
                if self._said.get(answer.name) != line:
                    self.say(line)
                self._said[answer.name] = line
                if isinstance(update, Failed):
                    failing.append(answer.name)
            elif self._said.pop(answer.name, None) is not None:  # answering again
                self.say(
                    Message.of(
                        "{name} is read again; its figures are current", name=answer.name
                    ).text(self.language)
                )
        self.faults = len(failing)
        loaded = {part.name for part in self.several.parts()}
        missing = tuple(name for name in failing if name not in loaded)
        consolidated = self.several.consolidated()  # the same object while nothing changed
        if consolidated is None:
            names = ", ".join(named.name for named in self.several.named)
            return Failed.of("no source could be read: {names}", names=names)
        changed = consolidated is not self.consolidated or missing != self.missing
        self.consolidated, self.missing = consolidated, missing
        return NewFeed(consolidated.feed, 0) if changed else Unchanged()

    async def aclose(self) -> None:
        await self.several.aclose()


__all__ = ["SiteSources"]
