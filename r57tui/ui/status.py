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
from .fitting import Part, fit_line, shorten
from .marks import ThemeColours
from .redraw import stays_one_row


def replay_words(as_of: str, language: str) -> str:
    """What the status line and the headline say while a recorded meeting is replayed."""
    return Message.of("REPLAY: as of {as_of} — recorded meeting, not live", as_of=as_of).text(
        language
    )


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


# The fewest cells the title and a stale source's error shorten to before the line is cut.
TITLE_MIN = 16
ERROR_MIN = 16


@dataclass(frozen=True)
class SourcesSummary:
    """How several sources are: `3 sources`, and each failing group's names and what
    they are (`("province, web", "stale")`), in the interface language."""

    count: str
    failing: tuple[tuple[str, str], ...] = ()
    note: str | None = None  # the consolidated view's: the feeds' as-of dates differ

    def text(self) -> str:
        note = [f" · {self.note}"] if self.note else []
        failing = [f" · ✗ {names} ({label})" for names, label in self.failing]
        return "".join([self.count, *note, *failing])


@dataclass(frozen=True)
class StatusFacts:
    title: str
    as_of: str
    source: str
    health: Health
    findings: int = 0
    has_figures: bool = True  # False until a first feed loads: nothing is "stale" yet
    replay: bool = False  # a recorded meeting is on screen, not the live figures
    # With several sources: how they all are ("2 sources · ✗ province (stale)"); None: one.
    sources: SourcesSummary | None = None


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
        width = self.content_size.width or max(self.app.size.width - 2, 1)
        self._show(fit_line(status_parts(facts, self.language, self.colours, width), width))

    def _show(self, text: Text) -> None:
        # Once a second "3 s ago" becomes "4 s ago", and a refresh says "reading…",
        # "checking…", then "live": a line that was one row and stays one row is
        # repainted without laying the whole screen out again. A layout costs 50-130 ms
        # on a screen of 100k tasks (the footer's keys are measured again), and during a
        # refresh it takes the interpreter from the loader. Not `update_text`: the same
        # text must still be laid out when the line's width changed (a new screen's line
        # first renders before it knows its width, and wraps).
        self.update(text, layout=not stays_one_row(self, text))


# Narrower than this, the title of one of several sources gives way to its name and the
# others' health; wider, it is shortened beside them.
SEVERAL_TITLE_WIDTH = 100


def gives_way(facts: StatusFacts, width: int) -> bool:
    """With several sources on a narrow line, the title of the one in view gives way to
    its name; the consolidated view's title (no one source) is what it is."""
    return facts.sources is not None and bool(facts.source) and width < SEVERAL_TITLE_WIDTH


def status_parts(facts: StatusFacts, lang: str, colours: ThemeColours, width: int) -> list[Part]:
    """The status line's parts, each with the order it gives way in: a long title keeps
    to three fifths of the line, then the refresh's age goes, then the source, then the title
    shortens further (by words, with an ellipsis), then a stale source's error. When the
    source fails, why matters more than the title: the title goes before the error
    shortens. The as-of date, the health and the findings stay."""
    health, style = facts.health, colours.style
    now = time.monotonic()
    title = shorten(
        Text(one_line(facts.title or tr("(untitled feed)", lang), 200)),
        max(width * 3 // 5, TITLE_MIN),
    ).plain
    parts = [
        Part(
            Text(title, style="bold"),
            lead="",
            shrink=TITLE_MIN,
            # A failing source's reason, a replayed meeting's words, or (narrow) which of
            # several sources is in view and how the others are, before the title.
            drop=1 if health.error is not None or facts.replay or gives_way(facts, width) else 0,
        ),
    ]
    if facts.replay:
        # The as-of and the words that it is not live, as one part that never gives way.
        words = replay_words(facts.as_of, lang)
        parts.append(Part(Text(words, style=style("notice", bold=True, reverse=True))))
    else:
        parts.append(Part(Text(f"{tr('as of', lang)} {facts.as_of}")))
    # With several sources, the one in view is named by its short name, which stays.
    several = facts.sources is not None
    if facts.source:  # the consolidated view has no one source: its title says so
        source = one_line(facts.source, 40 if several else 60)
        parts.append(Part(Text(source), drop=0 if several else 2))
    if facts.replay:
        pass  # the source's health is not what is on screen
    elif health.error is not None:
        since = ago(now - health.failing_since, lang) if health.failing_since else ""
        label = tr("STALE" if facts.has_figures else "NO FIGURES", lang)
        parts.append(Part(Text(f"✗ {label}", style=style("bad", bold=True, reverse=True))))
        why = f"{tr('since', lang)} {since}: {one_line(health.error, 160)}"
        parts.append(Part(Text(why, style=style("bad")), lead=" ", shrink=ERROR_MIN))
    elif health.went_back_to is not None:
        went = f"↶ {went_back_text(health, lang)}"
        parts.append(Part(Text(went, style=style("notice", bold=True))))
    elif health.refreshing:
        parts.append(
            Part(Text(f"⟳ {health.activity or tr('refreshing…', lang)}", style=style("notice")))
        )
    elif health.paused:
        parts.append(Part(Text(f"⏸ {tr('paused', lang)}", style=style("notice", bold=True))))
    elif health.refreshed_at is not None:
        parts.append(Part(Text(f"● {tr('live', lang)}", style=style("good", bold=True))))
        age = f"({tr('refreshed', lang)} {ago(now - health.refreshed_at, lang)})"
        parts.append(Part(Text(age), drop=3, lead=" "))
    else:
        parts.append(Part(Text(tr("loading…", lang), style=style("notice"))))
    if facts.sources is not None:
        # Which source fails matters more than the title: the title gives way first, then
        # what the failing ones are, then the count; their names stay.
        summary = facts.sources
        # Wide, they stay and the title shortens beside them; narrow, they give way.
        gives = 2 if width < SEVERAL_TITLE_WIDTH else 0
        notice = style("notice", bold=True)
        parts.append(Part(Text(summary.count, style=notice), lead="  ", drop=gives))
        if summary.note:
            parts.append(Part(Text(summary.note, style=notice), drop=gives))
        for names, label in summary.failing:
            failing = Text(f"✗ {one_line(names, 120)}", style=style("bad", bold=True))
            parts.append(Part(failing, shrink=ERROR_MIN))
            parts.append(Part(Text(f"({label})", style=style("bad")), lead=" ", drop=gives))
    if facts.findings:
        badge = f"⚠ {format_int(facts.findings, lang)} {tr('findings', lang)} (f)"
        parts.append(Part(Text(badge, style=style("notice", bold=True, reverse=True)), lead="  "))
    return parts
