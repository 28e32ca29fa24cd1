"""The check of a big feed's keys, asked of a helper process on the other core while this
one decodes the feed (`load_feed(keys_once=)`).

A feed is decoded into its records only when no object has a key written twice
(FEED_FORMAT.md), which takes a whole parse of the document with jiter: it costs more
than the decoding itself. With a helper parsing on the other core, the loader decodes,
checks the text and makes the feed meanwhile, and then only waits for the helper's
answer. The answer is the loader's own (`keys.written_twice`, the same call on the same
bytes); when the helper cannot give one (no process could be started, it failed), the
loader works it out itself.

A small feed is loaded without a helper: starting one costs more than it saves. Nor is
one started without a core to spare (one core, or all of them busy): on a busy core the
helper's parse only adds to the time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import BinaryIO

from ..feed.keys import written_twice

# Below this (about 4,000 tasks), the loader alone is as quick.
HELP_FROM = 1_000_000

# `keys.written_twice`, as a program that imports only the standard library and jiter
# (the package's imports would cost it more than a middling feed's parse): the document
# as its standard input, the answer ("1" no key twice, "0" a key twice) on its output.
PROGRAM = """
import sys
import jiter
try:
    jiter.from_json(sys.stdin.buffer.read(), catch_duplicate_keys=True, allow_inf_nan=True)
except ValueError as exc:
    once = not str(exc).startswith("Detected duplicate key")
else:
    once = True
sys.stdout.write("1" if once else "0")
"""


class _Helper:
    """One helper process, given the document and asked once."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        # The document reaches the helper as a file, written whole before it starts: a
        # pipe fed by a thread would wait for this process's validation, which holds the
        # interpreter's lock throughout, so the helper would start only once it was done.
        self._copy = _anonymous_copy(data)
        try:
            # -I: neither the folder it runs in nor the environment's PYTHON* settings
            # are looked at: only the standard library and the installed jiter are imported.
            self._process = subprocess.Popen(
                [sys.executable, "-I", "-c", PROGRAM],
                stdin=self._copy,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except BaseException:
            self._copy.close()
            raise

    def answer(self) -> bool:
        stdout = self._process.stdout
        assert stdout is not None
        said = stdout.read()
        if self._process.wait() == 0 and said in (b"0", b"1"):
            return said == b"1"
        return not written_twice(self._data)

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()
        self._copy.close()


def _anonymous_copy(data: bytes) -> BinaryIO:
    """`data` in a file of no name (in memory where the system allows), at its start."""
    copy: BinaryIO
    try:
        copy = open(os.memfd_create("r57tui-feed", os.MFD_CLOEXEC), "w+b")  # noqa: SIM115
    except (AttributeError, OSError):  # not on Linux: a temporary file, deleted on close
        copy = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        copy.write(data)
        copy.flush()
        copy.seek(0)
    except BaseException:
        copy.close()
        raise
    return copy


def spare_core() -> bool:
    """Whether a core is likely idle for the helper: two or more for this process, and
    fewer processes wanting one over the last minute than there are cores."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows: no load average
        busy = 0.0
    return cores >= 2 and busy < cores


@contextmanager
def helped(data: bytes | str) -> Iterator[Callable[[], bool] | None]:
    """Whether no object of `data` has a key written twice (`keys.written_twice`), as a
    helper process will say (None: no helper for this document). The helper is stopped
    on leaving, answered or not."""
    if not isinstance(data, bytes) or len(data) < HELP_FROM or not spare_core():
        yield None
        return
    try:
        helper = _Helper(data)
    except OSError:  # no process could be started (limits, no interpreter): alone
        yield None
        return
    try:
        yield helper.answer
    finally:
        helper.close()
