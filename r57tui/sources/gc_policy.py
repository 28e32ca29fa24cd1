"""How a load treats the interpreter's garbage collector: a runtime policy of the app and
the commands, applied around `load_feed` wherever a feed is loaded (`Source`, the
baseline), so the feed package stays a pure model.

A feed is a tree of fresh, acyclic objects: the cyclic collector would scan the growing
heap again and again while they are made (a third of the load time at 100k tasks) and
find nothing. So it is paused during a load; reference counting still frees everything.

After a big feed is made, its million objects would be scanned by every full collection
for as long as it is shown, landing in the middle of a keystroke or a refresh.
`gc.freeze()` moves them out of the collector's sight; reference counting still frees
them when the next feed replaces this one. The collection before a whole load makes sure
no garbage that only the collector can free (a cycle) is frozen with them; it is cheap
because the last feed is frozen too, and done before the load because after it the new
feed would be scanned.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from ..feed import Feed, load_feed
from ..feed.loader import load_changed
from .parallel_check import helped

# A document longer than this (about 8,000 tasks) is a big feed: frozen once made.
FREEZE_ABOVE = 2_000_000


def load_feed_managed(
    data: bytes | str, previous: Feed | None = None, *, for_refresh: bool = False
) -> Feed:
    """`load_feed`, with the collector paused while it runs and a big feed frozen."""
    big = len(data) > FREEZE_ABOVE
    if previous is not None:
        with collector_paused():
            made = load_changed(data, previous, for_refresh)
        if made is not None:
            feed, fresh = made
            FREEZER.made(fresh, len(feed.tasks), big=big)
            return feed
    if big:
        gc.collect()
    with collector_paused(), helped(data) as keys_once:
        try:
            return load_feed(data, for_refresh=for_refresh, keys_once=keys_once)
        finally:
            if big:
                FREEZER.freeze(collect=False)


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector paused while fresh acyclic objects are made (a load, or several
    feeds' tasks added up), as a load is."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Freezer:
    """Freezes once enough objects are new.

    A refresh that reuses the last feed's tasks makes only the changed ones: its
    collection before freezing (tens of milliseconds on a busy interpreter) would cost
    more than the few new objects it hides. Those are frozen with the next freeze, once
    tasks made since the last one reach a tenth of a big feed.
    """

    def __init__(self) -> None:
        self.unfrozen = 0  # tasks made since the last freeze (threads may race: a guide)

    def freeze(self, collect: bool = True) -> None:
        if collect:
            gc.collect()
        gc.freeze()
        self.unfrozen = 0

    def made(self, tasks: int, of: int, big: bool) -> None:
        """A refresh made `tasks` of a feed of `of` anew (`big`: one that is frozen)."""
        if big:
            self.unfrozen += tasks
            if self.unfrozen > of // 10:
                self.freeze()


FREEZER = Freezer()
