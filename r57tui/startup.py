"""The dashboard's start and the interpreter's garbage collector.

Until its first figures are drawn, the dashboard makes only objects it keeps: modules,
classes, its screens and widgets, the first feed. The cyclic collector would scan that
growing heap again and again while they are made and find almost nothing, a good share
of the time to the first frame. So `r57tui` (the dashboard, run
here or served) starts with it paused, before its first import, and the dashboard
settles once the first answer of its source is on screen: the little garbage made
since is collected once, everything still alive is frozen out of the collector's sight
(as a big feed is, sources/gc_policy.py: later full collections do not scan it again,
and reference counting still frees what is dropped), and the collector runs again.

Nothing here imports anything but the standard library: it is used before the rest is.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


class _Start:
    """Whether the start's pause is on (one per process, as the collector is)."""

    paused = False


_START = _Start()


@contextmanager
def collector_paused(pause: bool = True) -> Iterator[None]:
    """The collector paused for the start (when `pause`, and on), and on again at the
    end of the block if the dashboard never settled (it ended first, or none ran)."""
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    _START.paused = True
    try:
        yield
    finally:
        if _START.paused:
            _START.paused = False
            gc.enable()


def paused() -> bool:
    """Whether the start's pause is still on."""
    return _START.paused


def settle() -> None:
    """The start is over: the garbage made during it collected, what is alive frozen,
    the collector on again. Once; nothing when the start did not pause."""
    if not _START.paused:
        return
    _START.paused = False
    gc.collect()
    gc.freeze()
    gc.enable()
