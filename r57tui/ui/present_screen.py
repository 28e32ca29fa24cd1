"""Presentation mode (P, or --present): the headline figures in block letters, for a projector.

No header, footer or table: a title line saying what the slide is, a small line with the
as-of date and, while the feed is failing, STALE (a stale figure is never shown as live),
then assigned, completed, on time and overdue, with the same percentages as the headline.
The figures take the room the slide has, all at one size: the largest that fits them all
(big_figures.py), each a count and its percentage on one line or, when that lets the
glyphs grow, on two.

Slides: the whole feed, then each agency group (`cycle = "groups"`) or the `top` agencies
with the most overdue tasks (`cycle = "overdue"`). They cycle every `present.seconds`; any
key stops the cycle on the slide shown (Escape and P leave at once), ←/→ then move between
slides and space cycles again. New figures redraw the slide on screen, like every
DataScreen. The line under the title says the figures' date and health in words
(slide_status.py); notifications wait until the deck is left (held_notices.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.timer import Timer
from textual.widgets import Static

from ..feed import AgencyKind, Feed
from ..i18n.numbers import format_int, format_percent
from ..i18n.strings import tr, ui_text
from ..rollup import Bucket, Rollup
from ..safety import one_line
from ..views import AGENCY_GROUPS, Scope, agency_rows
from .app_bindings import APP_BINDINGS
from .big_figures import BigFigure
from .binding_kinds import LeavesSlides, ids_of
from .main_screen import GROUP_LABELS
from .marks import SYMBOLS, ThemeColours
from .redraw import update_text
from .screen_base import DataScreen
from .slide_status import SlideStatus

# The headline's figures, in its order and with its rounding (whole percentages).
FIGURES = (
    ("assigned", Bucket.ASSIGNED, "Assigned"),
    ("completed", Bucket.COMPLETED, "Completed"),
    ("on_time", Bucket.ON_TIME, "On time"),
    ("overdue", Bucket.OVERDUE, "Overdue"),
)
PERCENT_DECIMALS = 0  # as Headline: a slide never says 43.2% where the dashboard says 43%
TITLE_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Slide:
    """One slide: whose figures, and its title (an agency's name is feed data)."""

    scope: Scope
    title: str
    rank: int = 0  # place among the agencies with most overdue tasks; 0: not ranked
    ranked: int = 0  # how many agencies are ranked


def make_slides(
    feed: Feed,
    rollup: Rollup,
    *,
    cycle: str,
    top: int,
    kinds: Iterable[str],
    language: str,
) -> list[Slide]:
    """The whole feed, then the groups, or the `top` agencies by overdue tasks.

    Groups with no task, or none of whose kinds are shown (`show_kinds`), are left out.
    Agencies: most overdue first, ties in alphabetical order of the name shown; agencies
    with nothing overdue are left out.
    """
    shown = {AgencyKind(kind) for kind in kinds}
    slides = [Slide(Scope.everything(), feed.title or tr("All agencies", language))]
    if cycle == "groups":
        for group, label in GROUP_LABELS.items():
            group_kinds = AGENCY_GROUPS[group]
            if group_kinds is None or not group_kinds & shown:
                continue
            scope = Scope.group(group)
            if scope.counts(feed, rollup).assigned:
                slides.append(Slide(scope, tr(label, language)))
        return slides
    rows = [
        row
        for row in agency_rows(feed, rollup, kinds=shown, sort="name", language=language)
        if row.counts.overdue
    ]
    rows.sort(key=lambda row: row.counts.overdue, reverse=True)  # stable: ties stay A–Z
    chosen = rows[:top]
    for rank, row in enumerate(chosen, 1):
        name = row.agency.display_name(language)
        slides.append(Slide(Scope.agency(row.agency.id), name, rank, len(chosen)))
    return slides


class Figure(Vertical):
    """One headline figure: its name, then the count and its share of assigned in block
    letters as large as the slide's figures all fit, then a note."""

    def __init__(self, name: str, colours: ThemeColours) -> None:
        super().__init__(id=f"{name}-figure", classes="figure")
        self.figure = name
        self.colours = colours

    def compose(self) -> ComposeResult:
        yield Static("", id=f"{self.figure}-label", classes="figure-label")
        meaning = None if self.figure == "assigned" else self.figure
        yield BigFigure(id=self.figure, colours=self.colours, meaning=meaning, group="headline")
        yield Static("", id=f"{self.figure}-note", classes="figure-note")


class PresentScreen(DataScreen):
    DEFAULT_CSS = """
    PresentScreen { layout: vertical; align: center middle; padding: 0 2; }
    #slide-title { width: 100%; height: auto; text-align: center; text-style: bold; }
    #slide-status {
        width: 100%; height: auto; text-align: center; background: transparent;
        color: $text-muted; margin-bottom: 1;
    }
    #figures { width: 100%; height: 1fr; grid-size: 2; grid-rows: 1fr; grid-gutter: 1 2; }
    .figure { width: 1fr; height: 1fr; }
    .figure-label, .figure-note { width: 100%; height: 1; text-align: center; }
    .figure-note { color: $text-muted; }
    #slide-note, #slide-dots, #slide-hint {
        width: 100%; height: auto; text-align: center; color: $text-muted;
    }
    #slide-note { margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        LeavesSlides("escape", "back", ui_text("Leave presentation"), id="back"),
        Binding("left", "previous_slide", ui_text("Previous slide"), id="previous_slide"),
        Binding("right", "next_slide", ui_text("Next slide"), id="next_slide"),
        Binding("space", "resume_cycle", ui_text("Resume cycle"), id="resume_cycle"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.slides: list[Slide] = []
        self.index = 0
        self.cycling = False
        self.seconds: float | None = None  # None: settings.present.seconds
        self._cycle_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="slide-title")
        yield SlideStatus(self.language, self.colours, id="slide-status")
        with Grid(id="figures"):
            for name, _, _ in FIGURES:
                yield Figure(name, self.colours)
        yield Static("", id="slide-note")
        yield Static("", id="slide-dots")
        yield Static("", id="slide-hint")

    def on_mount(self) -> None:
        # DataScreen.on_mount runs after this by itself: the figures, then the status.
        self.r57.held_notices.take_off()  # no notification on a slide (held_notices.py)
        self.start_cycle()

    def on_unmount(self) -> None:
        self.r57.held_notices.release()  # the deck is left: what waited is shown

    # The cycle ------------------------------------------------------------------------

    @property
    def period(self) -> float:
        return self.seconds if self.seconds is not None else self.r57.settings.present.seconds

    def start_cycle(self) -> None:
        """Move to the next slide every `period` seconds from now."""
        if self._cycle_timer is not None:
            self._cycle_timer.stop()
        self.cycling = True
        self._cycle_timer = self.set_interval(self.period, self._advance)
        self._show_hint()

    def stop_cycle(self) -> None:
        if self._cycle_timer is not None:
            self._cycle_timer.stop()
            self._cycle_timer = None
        self.cycling = False
        self._show_hint()

    def _advance(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        if self.slides:
            self.index = (self.index + step) % len(self.slides)
        self._draw()

    def on_key(self, event: events.Key) -> None:
        """While cycling, a key only stops the cycle, except one that leaves."""
        if not self.cycling:
            return
        self.stop_cycle()
        active = self.active_bindings.get(event.key)
        if active is not None and active.binding.id in _LEAVING:
            return  # its binding runs next and leaves
        event.stop()
        event.prevent_default()

    # Actions --------------------------------------------------------------------------

    def action_next_slide(self) -> None:
        self.stop_cycle()
        self._move(1)

    def action_previous_slide(self) -> None:
        self.stop_cycle()
        self._move(-1)

    def action_resume_cycle(self) -> None:
        self.start_cycle()

    def action_back(self) -> None:
        self.stop_cycle()
        super().action_back()

    # Figures --------------------------------------------------------------------------

    def show_snapshot(self) -> None:
        """New figures (or a new theme): the slides again, keeping the one on screen."""
        if not self.ready:
            return
        snapshot = self.r57.snapshot
        if snapshot is None:
            self._draw()
            return
        present = self.r57.settings.present
        shown = self.slides[self.index].scope if self.slides else None
        self.slides = make_slides(
            snapshot.feed,
            snapshot.rollup,
            cycle=present.cycle,
            top=present.top,
            kinds=self.r57.settings.show_kinds,
            language=self.language,
        )
        scopes = [slide.scope for slide in self.slides]
        self.index = scopes.index(shown) if shown in scopes else min(self.index, len(scopes) - 1)
        self._draw()

    def _draw(self) -> None:
        lang, colours = self.language, self.colours
        snapshot = self.r57.snapshot
        if snapshot is None or not self.slides:
            update_text(self.query_one("#slide-title", Static), "r57tui")
            self._show_hint()
            return
        slide = self.slides[self.index]
        title = Text(one_line(slide.title, TITLE_LIMIT), style="bold")
        if slide.rank:
            title.append(
                f"   ({tr('most overdue', lang)} {slide.rank} / {slide.ranked})", style="not bold"
            )
        update_text(self.query_one("#slide-title", Static), title)
        counts = slide.scope.counts(snapshot.feed, snapshot.rollup)
        for name, bucket, word in FIGURES:
            figure = self.query_one(f"#{name}", BigFigure)
            count = format_int(counts.get(bucket), lang)
            label = self.query_one(f"#{name}-label", Static)
            if bucket is Bucket.ASSIGNED:
                figure.update(count)
                update_text(label, Text(tr(word, lang), style="bold"))
                continue
            share = counts.share(bucket).percent(PERCENT_DECIMALS)
            figure.update(f"{count} {format_percent(share, PERCENT_DECIMALS, lang)}")
            update_text(
                label, Text(f"{SYMBOLS[name]} {tr(word, lang)}", style=colours.state_style(name))
            )
        late = (
            f"{tr('of which', lang)} {format_int(counts.completed_late, lang)} {tr('late', lang)}"
        )
        update_text(self.query_one("#completed-note", Static), late)
        update_text(self.query_one("#slide-note", Static), tr("% of assigned", lang))
        self._show_hint()

    def _show_hint(self) -> None:
        if not self.ready:
            return
        dots = " ".join("●" if i == self.index else "○" for i in range(len(self.slides)))
        update_text(self.query_one("#slide-dots", Static), dots if len(self.slides) > 1 else "")
        hint = (
            ""
            if self.cycling
            else tr("cycle stopped — ←/→ slides, space resumes, Esc leaves", self.language)
        )
        update_text(self.query_one("#slide-hint", Static), hint)


# The keys that leave presentation mode, as declared (the app's P, the screen's escape).
_LEAVING = ids_of([*APP_BINDINGS, *PresentScreen.BINDINGS], LeavesSlides)
