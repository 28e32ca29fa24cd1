"""The checks of a big feed's text and keys, asked of a helper process on the other core
while this one decodes the feed (`load_feed(clean=)`).

A feed is decoded into its records only when its text is as written (UTF-8, no BOM, NFC)
and no object has a key written twice (FEED_FORMAT.md). The second takes a whole parse
of the document with jiter, which costs more than the decoding itself. With a helper
doing both checks on the other core, the loader decodes meanwhile and then only waits
for the helper's answer. The answer is the loader's own (`feed.envelope.clean`, the same
checks on the same bytes); when the helper cannot give one (no process could be started,
it failed), the loader works it out itself.

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

from ..feed.envelope import clean

# Below this (about 4,000 tasks), the loader alone is as quick.
HELP_FROM = 1_000_000

# `feed.envelope.clean`, as a program that imports only the standard library and jiter
# (the package's imports would cost it more than its checks of a middling feed): the
# document as its standard input, the answer ("1" clean, "0" not) on its output. A test
# holds its answers to `clean`'s (tests/test_loader_differential.py).
PROGRAM = """
import sys
import unicodedata
import jiter
data = sys.stdin.buffer.read()
clean = not data.startswith(b"\\xef\\xbb\\xbf")
start, size = 0, len(data)
while clean and start < size:
    end = min(start + (1 << 20), size)
    while end < size and data[end] >= 0x80:
        end += 1
    try:
        clean = unicodedata.is_normalized("NFC", data[start:end].decode("utf-8"))
    except ValueError:
        clean = False
    start = end
if clean:
    try:
        jiter.from_json(data, catch_duplicate_keys=True, allow_inf_nan=True)
    except ValueError as exc:
        clean = not str(exc).startswith("Detected duplicate key")
sys.stdout.write("1" if clean else "0")
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
        return clean(self._data)

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
    """Whether `data` is clean (`feed.envelope.clean`), as a helper process will say
    (None: no helper for this document). The helper is stopped on leaving, answered or
    not."""
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
