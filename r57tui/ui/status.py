"""The status line: feed title, as-of, source and its health (live, refreshing, stale, paused)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from ..safety import one_line


@dataclass
class Health:
    """What the status line says about the source. Times are time.monotonic()."""

    refreshed_at: float | None = None
    refreshing: bool = False
    paused: bool = False
    error: str | None = None
    failing_since: float | None = None


def _ago(seconds: float) -> str:
    seconds = max(int(seconds), 0)
    if seconds < 60:
        return f"{seconds} s ago"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    return f"{seconds // 3600} h ago"


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: auto; padding: 0 1; background: $panel; }
    """

    def render_status(self, title: str, as_of: str, source: str, health: Health) -> None:
        now = time.monotonic()
        text = Text(no_wrap=False)
        text.append(one_line(title or "(untitled feed)", 120), style="bold")
        text.append(f"  ·  as of {as_of}  ·  {one_line(source, 60)}  ·  ")
        if health.error is not None:
            since = _ago(now - health.failing_since) if health.failing_since else ""
            text.append("✗ STALE", style="bold reverse red")
            text.append(f" since {since}: {one_line(health.error, 160)}", style="red")
        elif health.refreshing:
            text.append("⟳ refreshing…", style="yellow")
        elif health.paused:
            text.append("⏸ paused", style="bold yellow")
        elif health.refreshed_at is not None:
            text.append("● live", style="bold green")
            text.append(f" (refreshed {_ago(now - health.refreshed_at)})")
        else:
            text.append("loading…", style="yellow")
        self.update(text)
