"""Whether the dashboard has a terminal to draw on, asked before Textual is imported.

Textual's terminal driver reads keys from standard input and draws on standard error,
and the screen's size comes from standard output. Without a terminal on all three it
draws into nowhere: with input at end of file (`< /dev/null`) its input thread spins a
whole core, with input closed it crashes in a traceback, and `r57tui | cat` or
`r57tui 2> log` send the screen's bytes where nobody sees them. So the command says so
in one line and exits 2 instead.

A driver named in TEXTUAL_DRIVER brings its own input and output: `r57tui serve` (through
textual-serve) runs each browser's dashboard that way, on pipes, with the web driver.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping
from typing import IO

from .i18n.message import Message
from .i18n.strings import Phrase

# The environment variable with which textual-serve (and `textual serve`) names the
# driver its child uses instead of the terminal's.
DRIVER_VARIABLE = "TEXTUAL_DRIVER"


def _is_terminal(stream: IO[str] | None) -> bool:
    if stream is None:  # closed when Python started
        return False
    try:
        return os.isatty(stream.fileno())
    except (OSError, ValueError):
        return False


def missing_terminal(environ: Mapping[str, str] | None = None) -> Message | None:
    """Why the dashboard cannot run here (one line), or None when it can."""
    env = os.environ if environ is None else environ
    if env.get(DRIVER_VARIABLE):
        return None
    streams = (
        (sys.__stdin__, Phrase("standard input")),
        (sys.__stdout__, Phrase("standard output")),
        (sys.__stderr__, Phrase("standard error")),
    )
    for stream, name in streams:
        if not _is_terminal(stream):
            return Message.of(
                "the dashboard needs a terminal, and {stream} is not one; without a "
                "screen, use r57tui check FEED or r57tui export",
                stream=name,
            )
    return None


def say(message: str) -> None:
    """`message` on standard error, if there is one to write to."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError):  # a hung-up terminal, a closed pipe
        print(message, file=sys.stderr, flush=True)
