"""SIGTERM, SIGHUP and SIGINT end the dashboard the way `q` does.

Left to Python, SIGTERM and SIGHUP kill the process where it stands: the terminal stays
in the alternate screen with mouse reporting on, no cursor and no echo. And SIGINT
cancelled asyncio's main task, which exited 0. So, while the app's event loop runs,
each of them asks the app to exit with 128 + the signal's number (143, 129, 130, as a
shell reports a process a signal ended), and Textual's driver leaves application mode
on its own stop path: the screen, the mouse, bracketed paste, the cursor and the tty's
modes are given back exactly as when the user presses `q`.

The signal handlers only pass the signal's number to a thread of ours through a pipe,
which asks the app to exit on its event loop: that works wherever the main thread is,
even blocked writing to a terminal that stopped reading (a frozen window), where a
handler of the event loop's would never run. A second signal while the app is exiting
changes nothing (the first one's code stands); one after the terminal is given back
ends the process at once. If the app has not left within a grace (5 s; 2 s after a
hangup, when there is no terminal left to give back), the process ends anyway, with
the same code.

SIGHUP is what a hung-up terminal (a closed ssh session or window) sends: the app
exits instead of drawing to a terminal nobody reads. SIGTSTP and SIGCONT (Ctrl+Z, `fg`)
stay Textual's own, and so does Ctrl+C typed as a key (the driver turns off the tty's
ISIG, so it is a key, not a SIGINT).

A dashboard served to a browser (`r57tui serve`, Textual's web driver on pipes) has no
terminal to hang up: if its server is killed outright, its input just ends and nobody
would ever close it. It watches its parent instead, and ends as on a hangup when the
server is gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from textual.app import App

from ..terminal import DRIVER_VARIABLE

EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
# Seconds the app has to leave on its own stop path before the process ends anyway. After
# a hangup that path writes to a terminal that is gone, and those writes can block for
# good (Textual's writer queue fills once its thread has died on the error), so a hangup
# gets little time; there is nothing left to give back.
GRACE: dict[int, float] = {signal.SIGHUP: 2.0}
DEFAULT_GRACE = 5.0


def exit_code(signum: int) -> int:
    """What a shell reports for a process ended by signal `signum`."""
    return 128 + signum


class ExitOnSignal:
    """The first signal asks `app` to exit with its code, and ends the process anyway if
    the app has not left within the grace.

    The signal's own handler only writes the signal's number to a pipe: that is safe
    wherever the main thread is, even blocked writing to a terminal that stopped reading,
    where a handler of the event loop's would never run. A thread of ours reads it, asks
    the app to exit on its loop, and waits out the grace."""

    def __init__(self, app: App[Any], loop: asyncio.AbstractEventLoop) -> None:
        self.app = app
        self.loop = loop
        self.received: int | None = None
        self._read, self._write = os.pipe()
        self._watcher = threading.Thread(target=self._watch, name="exit-on-signal", daemon=True)
        self._watcher.start()

    def __call__(self, signum: int, frame: object = None) -> None:
        with contextlib.suppress(OSError):
            os.write(self._write, bytes([signum]))

    def _watch(self) -> None:
        try:
            got = os.read(self._read, 1)
        finally:
            os.close(self._read)
        if not got:  # closed: the app ended without a signal
            return
        signum = self.received = got[0]
        code = exit_code(signum)
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            self.loop.call_soon_threadsafe(partial(self.app.exit, return_code=code))
        time.sleep(GRACE.get(signum, DEFAULT_GRACE))
        os._exit(code)

    def close(self) -> None:
        """No more signals to take (the terminal is given back)."""
        os.close(self._write)


@contextmanager
def exit_on_signals(app: App[Any]) -> Iterator[ExitOnSignal]:
    """While the running loop runs `app`: SIGTERM, SIGHUP and SIGINT make it exit.

    A signal the process was started ignoring (`nohup`, a job a script put in the
    background) stays ignored, as the one who started it asked."""
    loop = asyncio.get_running_loop()
    handler = ExitOnSignal(app, loop)
    handled = [s for s in EXIT_SIGNALS if signal.getsignal(s) is not signal.SIG_IGN]
    for signum in handled:
        signal.signal(signum, handler)
    watch = ParentWatch(loop, handler) if os.environ.get(DRIVER_VARIABLE) else None
    try:
        yield handler
    finally:
        if watch is not None:
            watch.stop()
        for signum in handled:
            # The terminal is given back by now: a later signal ends the process at
            # once, which the shell reports as 128 + n too (SIGINT would otherwise raise
            # KeyboardInterrupt wherever the exit has got to).
            signal.signal(signum, signal.SIG_DFL)
        handler.close()


class ParentWatch:
    """Served: once a second, whether the server that started us is still our parent; if
    not (it was killed, we were handed to init), exit as on a hangup."""

    def __init__(self, loop: asyncio.AbstractEventLoop, handler: ExitOnSignal) -> None:
        self.loop = loop
        self.handler = handler
        self.parent = os.getppid()
        self.next = loop.call_later(1.0, self.check)

    def check(self) -> None:
        if os.getppid() != self.parent:
            self.handler(signal.SIGHUP)
            return
        self.next = self.loop.call_later(1.0, self.check)

    def stop(self) -> None:
        self.next.cancel()
