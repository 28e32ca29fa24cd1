"""SIGTERM, SIGHUP and SIGINT end the dashboard the way `q` does.

Left to Python, SIGTERM and SIGHUP kill the process where it stands: the terminal stays
in the alternate screen with mouse reporting on, no cursor and no echo. And SIGINT
cancelled asyncio's main task, which exited 0. So, while the app's event loop runs,
each of them asks the app to exit with 128 + the signal's number (143, 129, 130, as a
shell reports a process a signal ended), and Textual's driver leaves application mode
on its own stop path: the screen, the mouse, bracketed paste, the cursor and the tty's
modes are given back exactly as when the user presses `q`.

The handlers are the event loop's (`add_signal_handler`): they run between callbacks,
never in the middle of the app's code, and also wake a loop that sleeps. A second
signal while the app is exiting changes nothing (the first one's code stands); one
after the terminal is given back ends the process at once.

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
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

from textual.app import App

from ..terminal import DRIVER_VARIABLE

EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


def exit_code(signum: int) -> int:
    """What a shell reports for a process ended by signal `signum`."""
    return 128 + signum


class ExitOnSignal:
    """The loop's handler: the first signal asks `app` to exit with its code."""

    def __init__(self, app: App[object]) -> None:
        self.app = app
        self.received: int | None = None

    def __call__(self, signum: int) -> None:
        if self.received is not None:
            return
        self.received = signum
        self.app.exit(return_code=exit_code(signum))


@contextmanager
def exit_on_signals(app: App[object]) -> Iterator[ExitOnSignal]:
    """While the running loop runs `app`: SIGTERM, SIGHUP and SIGINT make it exit.

    A signal the process was started ignoring (`nohup`, a job a script put in the
    background) stays ignored, as the one who started it asked."""
    loop = asyncio.get_running_loop()
    handler = ExitOnSignal(app)
    handled = [s for s in EXIT_SIGNALS if signal.getsignal(s) is not signal.SIG_IGN]
    for signum in handled:
        loop.add_signal_handler(signum, handler, signum)
    watch = ParentWatch(loop, handler) if os.environ.get(DRIVER_VARIABLE) else None
    try:
        yield handler
    finally:
        if watch is not None:
            watch.stop()
        for signum in handled:
            loop.remove_signal_handler(signum)
            # The terminal is given back by now: a later signal ends the process at
            # once, which the shell reports as 128 + n too (SIGINT would otherwise raise
            # KeyboardInterrupt wherever the exit has got to).
            signal.signal(signum, signal.SIG_DFL)


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
