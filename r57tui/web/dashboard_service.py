"""One browser's dashboard under `r57tui serve`: its process, started without a shell in a
process group of its own, given textual-serve's environment without the variables that
hold the feed's secrets, told its size within MAX_COLUMNS x MAX_ROWS, and stopped within
QUIT_GRACE whatever it does."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import signal
import subprocess
from typing import Any

from textual_serve.app_service import AppService
from textual_serve.server import to_int

# Large enough for a 4K screen at the page's font size (3840 x 2160 pixels are about 400
# columns of 9.6 px and 110 rows of 19 px); a bigger screen only costs memory.
MAX_COLUMNS, MAX_ROWS = 400, 150
QUIT_GRACE = 1.0  # seconds the dashboards have to quit on Ctrl+C before they are killed


def command_line(argv: list[str]) -> str:
    """`argv` as one line, as a shell would take it (textual-serve's `command`)."""
    if os.name == "nt":
        return subprocess.list2cmdline(argv)
    return shlex.join(argv)


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A terminal size a browser asked for, as whole cells within the limits."""

    def cells(value: object, default: int, limit: int) -> int:
        number = to_int(value, default) if isinstance(value, str) else value
        if not isinstance(number, int) or isinstance(number, bool):
            number = default
        return min(max(number, 1), limit)

    return cells(width, 80, MAX_COLUMNS), cells(height, 24, MAX_ROWS)


class DashboardService(AppService):
    """One browser's dashboard: started without a shell in a process group of its own,
    told its size within the limits, and stopped within QUIT_GRACE whatever it does."""

    def __init__(
        self, argv: list[str], hidden_env: frozenset[str] = frozenset(), **kwargs: Any
    ) -> None:
        super().__init__(command_line(argv), **kwargs)
        self.argv = argv
        self.hidden_env = hidden_env

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self.environment(width, height),
            start_new_session=os.name == "posix",
        )
        self._process = process
        self._stdin = process.stdin
        return process

    def environment(self, width: int, height: int) -> dict[str, str]:
        """textual-serve's environment for the dashboard, without the secrets' variables."""
        environment = self._build_environment(width=width, height=height)
        return {name: value for name, value in environment.items() if name not in self.hidden_env}

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*clamp_size(width, height))

    async def stop(self) -> None:
        process, task = self._process, self._task
        if process is None or task is None:
            return
        self._task = None
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if process.returncode is None:
            await self.send_meta({"type": "quit"})
        try:
            await asyncio.wait_for(asyncio.shield(process.wait()), QUIT_GRACE)
        except TimeoutError:
            _kill(process.pid)
            await process.wait()
        with contextlib.suppress(Exception):  # what the browser was still sent: gone with it
            await task


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if os.name == "posix":
            os.killpg(pid, signal.SIGKILL)  # the dashboard and anything it started
        else:
            os.kill(pid, signal.SIGTERM)
