"""Blocking work off the event loop that never holds up quitting.

`asyncio.to_thread` runs on the loop's default executor, which `asyncio.run` joins when
the app ends, and whose threads the interpreter joins again at exit: `q` pressed while a
source reads a slow disk or validates a big feed would leave the person waiting, the
dashboard gone, for the work nobody wants any more. Here each call gets its own daemon
thread, which nothing joins: quitting ends the process whatever the thread is doing. Its
result, if the app is still there, reaches the awaiting coroutine through the loop.

Only work that writes nothing belongs here (reading and checking a feed): a daemon
thread is stopped where it stands when the process ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


async def off_loop(func: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """`func(*args, **kwargs)` in a daemon thread; its result or its exception."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()
    context = contextvars.copy_context()

    def deliver(result: Any, error: BaseException | None) -> None:  # on the loop
        if future.cancelled():  # the coroutine was cancelled (the app is quitting)
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)

    def run() -> None:
        result, error = None, None
        try:
            result = context.run(func, *args, **kwargs)
        except BaseException as exc:  # handed to the awaiting coroutine, which re-raises
            error = exc
        # A closed loop: the app has ended and nobody is waiting for this any more.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(deliver, result, error)

    name = f"r57tui-{getattr(func, '__name__', 'work')}"
    threading.Thread(target=run, name=name, daemon=True).start()
    return await future
