"""The status line: feed title, as-of, source and its health (live, refreshing, stale, paused),
and a badge when the feed had data-quality findings."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.widgets import Static

from ..i18n.message import Message
from ..i18n.numbers import format_int
from ..i18n.strings import tr
from ..safety import one_line
from .marks import ThemeColours
from .redraw import stays_one_row


@dataclass
class Health:
    """What the status line says about the source. Times are time.monotonic()."""

    refreshed_at: float | None = None
    refreshing: bool = False
    activity: str | None = None  # what the refresh under way is doing, in the language
    paused: bool = False
    error: str | None = None
    failing_since: float | None = None
    # The source went back to a feed of this as_of; the newer figures stay on screen.
    went_back_to: date | None = None


def went_back_text(health: Health, language: str) -> str:
    """`went back to 2025-10-15 08:00`: beside the as-of and the source on the line, it
    reads whole at 80 columns in both languages."""
    return Message.of("went back to {to}", to=health.went_back_to).text(language)


def ago(seconds: float, language: str = "en") -> str:
    seconds = max(int(seconds), 0)
    if seconds < 60:
        return f"{seconds} {tr('s ago', language)}"
    if seconds < 3600:
        return f"{seconds // 60} {tr('min ago', language)}"
    return f"{seconds // 3600} {tr('h ago', language)}"


@dataclass(frozen=True)
class StatusFacts:
    title: str
    as_of: str
    source: str
    health: Health
    findings: int = 0
    has_figures: bool = True  # False until a first feed loads: nothing is "stale" yet


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: auto; padding: 0 1; background: $panel; }
    """

    def __init__(self, language: str, colours: ThemeColours, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.language = language
        self.colours = colours
        self._facts: StatusFacts | None = None

    def on_resize(self) -> None:
        # The title is cut to the width: a new screen's line learns its width only now.
        if self._facts is not None:
            self.render_status(self._facts)

    def render_status(self, facts: StatusFacts) -> None:
        self._facts = facts
        lang, health, style = self.language, facts.health, self.colours.style
        now = time.monotonic()
        text = Text()
        text.append(f" · {tr('as of', lang)} {facts.as_of} · {one_line(facts.source, 60)} · ")
        if health.error is not None:
            since = ago(now - health.failing_since, lang) if health.failing_since else ""
            label = tr("STALE" if facts.has_figures else "NO FIGURES", lang)
            text.append(f"✗ {label}", style=style("bad", bold=True, reverse=True))
            text.append(
                f" {tr('since', lang)} {since}: {one_line(health.error, 160)}", style=style("bad")
            )
        elif health.went_back_to is not None:
            text.append(f"↶ {went_back_text(health, lang)}", style=style("notice", bold=True))
        elif health.refreshing:
            text.append(f"⟳ {health.activity or tr('refreshing…', lang)}", style=style("notice"))
        elif health.paused:
            text.append(f"⏸ {tr('paused', lang)}", style=style("notice", bold=True))
        elif health.refreshed_at is not None:
            text.append(f"● {tr('live', lang)}", style=style("good", bold=True))
            text.append(f" ({tr('refreshed', lang)} {ago(now - health.refreshed_at, lang)})")
        else:
            text.append(tr("loading…", lang), style=style("notice"))
        if facts.findings:
            text.append("  ")
            text.append(
                f"⚠ {format_int(facts.findings, lang)} {tr('findings', lang)} (f)",
                style=style("notice", bold=True, reverse=True),
            )
        # The title gets what the facts leave on one line (the health matters more).
        # With no room for even a few letters of it (80 columns, Vietnamese), it goes.
        room = self.size.width - 2 - text.cell_len if self.size.width else 80
        if room < 8:
            self._show(text[3:])  # without the leading " · "
            return
        title = one_line(facts.title or tr("(untitled feed)", lang), room)
        self._show(Text(title, style="bold") + text)

    def _show(self, text: Text) -> None:
        # Once a second "3 s ago" becomes "4 s ago", and a refresh says "reading…",
        # "checking…", then "live": a line that was one row and stays one row is
        # repainted without laying the whole screen out again. A layout costs 50-130 ms
        # on a screen of 100k tasks (the footer's keys are measured again), and during a
        # refresh it takes the interpreter from the loader. Not `update_text`: the same
        # text must still be laid out when the line's width changed (a new screen's line
        # first renders before it knows its width, and wraps).
        self.update(text, layout=not stays_one_row(self, text))
