"""Presentation mode (P, or --present): a deck of slides for a projector, each one message.

`P` presents what is in view (`screen_base.view_in`, the scope `c` lists the changes
of): the whole feed from the main screen, the group of the tab chosen, an agency from
its list or a task of it, an owner from theirs; from the due-soon list it opens on the
due-soon slide, from the changes list on since-the-last-meeting. The deck is
`[present] slides` (views/deck.py says which have something to say for the scope):
the headline figures in block letters as large as the slide allows (big_figures.py),
what moved since the last meeting, the most overdue agencies as bars, the indicators, due
soon by agency.

No header, footer or table: a title line saying what the slide is, the scope and the
as-of date small under it and, while the feed is failing, that the figures are not
updated, in words (slide_status.py: a stale figure is never shown as live, and no
address or error text reaches a slide). Notifications wait until the deck is left
(held_notices.py). Slides cycle every `present.seconds`; ←/→ step, 1–9 jump, space pauses
and resumes; another key stops the cycle on the slide shown (Escape and P leave at once).
The deck's place shows in a corner ("3/6"). New figures redraw the slide on screen, like
every DataScreen.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Static

from ..i18n.dates import format_as_of
from ..i18n.message import Message
from ..i18n.numbers import format_int, format_percent
from ..i18n.strings import tr
from ..rollup import Bucket, Counts
from ..safety import one_line
from ..views import Scope, scope_title
from ..views.at_risk import at_risk_count
from ..views.deck import make_deck, since_last_meeting, slide_title
from .big_figures import BigFigure
from .marks import SYMBOLS, ThemeColours
from .redraw import update_text
from .slide_cycle import SlideCycle
from .slide_status import SlideStatus
from .slides import as_block, movers_text, slide_body, wrapped_lines

# The headline's figures, in its order and with its rounding (whole percentages).
FIGURES = (
    ("assigned", Bucket.ASSIGNED, "Assigned"),
    ("completed", Bucket.COMPLETED, "Completed"),
    ("on_time", Bucket.ON_TIME, "On time"),
    ("overdue", Bucket.OVERDUE, "Overdue"),
)
# Since the last meeting's figures: what moved in completed and in overdue.
MOVED = (("more_completed", "completed", "Completed"), ("more_overdue", "overdue", "Overdue"))
PERCENT_DECIMALS = 0  # as Headline: a slide never says 43.2% where the dashboard says 43%
TITLE_LIMIT = 200
# Lines of a slide that are neither its body nor its title and scope: the status and its
# margin, the body's margin, the note and its margin, the hint, the position.
CHROME_LINES = 7
MOVED_LINES = 6  # since the last meeting's block digits, with their labels
BODY_WIDEST = 130  # a line longer than this is hard to follow across a projected screen


class Figure(Vertical):
    """One figure of a slide: its name, then the figure in block letters as large as the
    figures of its `group` all fit, then a note. `meaning`: the theme colour it is drawn
    in (a state), None for the text's."""

    def __init__(self, name: str, colours: ThemeColours, meaning: str | None, group: str) -> None:
        super().__init__(id=f"{name}-figure", classes="figure")
        self.figure = name
        self.colours = colours
        self.meaning = meaning
        self.group = group

    def compose(self) -> ComposeResult:
        yield Static("", id=f"{self.figure}-label", classes="figure-label")
        yield BigFigure(
            id=self.figure, colours=self.colours, meaning=self.meaning, group=self.group
        )
        yield Static("", id=f"{self.figure}-note", classes="figure-note")


class PresentScreen(SlideCycle):
    DEFAULT_CSS = """
    PresentScreen { layout: vertical; align: center middle; padding: 0 2; }
    #slide-title { width: 100%; height: auto; text-align: center; text-style: bold; }
    #slide-scope, #slide-status {
        width: 100%; height: auto; text-align: center; background: transparent;
        color: $text-muted;
    }
    #slide-status { margin-bottom: 1; }
    #figures, #moved {
        width: 100%; height: 1fr; grid-size: 2; grid-rows: 1fr; grid-gutter: 1 2;
    }
    #moved { grid-size: 2 1; grid-gutter: 1 8; }  /* "+42" and "−22" never read as one */
    .figure { width: 1fr; height: 1fr; }
    .figure-label, .figure-note { width: 100%; height: 1; text-align: center; }
    .figure-note { color: $text-muted; }
    #slide-body { width: 100%; height: auto; text-align: center; margin-top: 1; }
    #slide-note, #slide-hint {
        width: 100%; height: auto; text-align: center; color: $text-muted;
    }
    #slide-note { margin-top: 1; }
    #slide-position {
        dock: bottom; width: 100%; height: 1; text-align: right; color: $text-muted;
    }
    """

    def __init__(self, scope: Scope | None = None, slide: str | None = None) -> None:
        super().__init__()
        self.scope = scope or Scope.everything()
        self.first_slide = slide  # the slide id to open on; None: the deck's first

    def compose(self) -> ComposeResult:
        yield Static("", id="slide-title")
        yield Static("", id="slide-scope")
        yield SlideStatus(self.language, self.colours, id="slide-status")
        with Grid(id="figures"):
            for name, _, _ in FIGURES:
                meaning = None if name == "assigned" else name
                yield Figure(name, self.colours, meaning, "headline")
        with Grid(id="moved"):
            for name, state, _ in MOVED:
                yield Figure(name, self.colours, state, "moved")
        yield Static("", id="slide-body")
        yield Static("", id="slide-note")
        yield Static("", id="slide-hint")
        yield Static("", id="slide-position")

    def on_resize(self) -> None:
        self._draw()  # the lines of a slide are laid out for its room

    # Figures --------------------------------------------------------------------------

    def show_snapshot(self) -> None:
        """New figures (or a new theme): the slides again, keeping the one on screen."""
        if not self.ready:
            return
        snapshot = self.r57.snapshot
        if snapshot is None:
            self._draw()
            return
        ids = self.r57.settings.present.deck
        first = self.first_slide
        if first is not None and first not in ids:
            ids = (*ids, first)  # the slide of the list in view, asked for by P
        shown = self.slides[self.index] if self.slides else None
        self.slides = make_deck(
            snapshot.feed,
            snapshot.rollup,
            snapshot.comparison,
            self.scope,
            ids,
            self.r57.settings.show_kinds,
        )
        kinds = [slide.kind for slide in self.slides]
        if shown in self.slides:
            self.index = self.slides.index(shown)
        elif shown is None and first in kinds:
            self.index = kinds.index(first)
        else:
            self.index = min(self.index, max(len(self.slides) - 1, 0))
        self._draw()

    def _draw(self) -> None:
        if not self.ready:
            return
        snapshot = self.r57.snapshot
        if snapshot is None or not self.slides:
            update_text(self.query_one("#slide-title", Static), "r57tui")
            self._show_parts("headline")
            self._show_hint()
            return
        lang = self.language
        slide = self.slides[self.index]
        feed = snapshot.feed
        title = one_line(slide_title(slide, feed, lang), TITLE_LIMIT)
        update_text(self.query_one("#slide-title", Static), Text(title, style="bold"))
        # The national deck's slides need no scope under their title: it is the default.
        under = "" if slide.kind == "headline" else self._scope_words(slide.scope)
        update_text(self.query_one("#slide-scope", Static), Text(one_line(under, TITLE_LIMIT)))
        self._show_parts(slide.kind)
        room = max(self.size.width - 4, 20)
        width = min(room, BODY_WIDEST)
        taken = CHROME_LINES + wrapped_lines(title, room) + wrapped_lines(under, room)
        height = max(self.size.height - taken, 3)
        body, note = Text(), ""
        if slide.kind == "headline":
            rollup = snapshot.rollup
            self._draw_headline(
                slide.scope.counts(feed, rollup), at_risk_count(slide.scope, feed, rollup)
            )
            note = tr("% of assigned", lang)
        elif slide.kind == "changes" and snapshot.comparison is not None:
            moved = since_last_meeting(feed, snapshot.comparison, slide.scope)
            self._draw_moved(moved.completed, moved.overdue)
            body = movers_text(moved.movers, width, height - MOVED_LINES, lang, self.colours)
            when = format_as_of(snapshot.comparison.baseline.feed.as_of, language=lang)
            note = Message.of("against the figures of {date}", date=when).text(lang)
        else:
            present = self.r57.settings
            body, note = slide_body(slide, snapshot, present, width, height, lang, self.colours)
        update_text(self.query_one("#slide-body", Static), as_block(body))
        update_text(self.query_one("#slide-note", Static), note)
        self._show_hint()

    def _scope_words(self, scope: Scope) -> str:
        snapshot = self.r57.snapshot
        if snapshot is None or scope.kind == "all":
            return ""
        return scope_title(scope, snapshot.feed, self.language)

    def _show_parts(self, kind: str) -> None:
        """The parts of the screen the slide uses; the others take no room."""
        self.query_one("#figures").display = kind == "headline"
        self.query_one("#moved").display = kind == "changes"
        self.query_one("#slide-body").display = kind not in ("headline",)

    def _draw_headline(self, counts: Counts, at_risk: int) -> None:
        """Each figure a count and its share of assigned, as one figure (side by side or
        stacked, whichever draws larger); under on time, how many of them are at risk."""
        lang, colours = self.language, self.colours
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
        # The early warning, said of the on-time figure as the late are of the completed.
        risk = f"{tr('of which', lang)} {format_int(at_risk, lang)} {tr('at risk', lang)}"
        update_text(
            self.query_one("#on_time-note", Static),
            Text(risk, style=colours.style("notice") if at_risk else ""),
        )

    def _draw_moved(self, completed: int, overdue: int) -> None:
        """+N completed, ±N overdue since the baseline, in block letters."""
        lang, colours = self.language, self.colours
        for (name, state, word), delta in zip(MOVED, (completed, overdue), strict=True):
            sign = "+" if delta > 0 else "\u2212" if delta < 0 else "±"
            figure = self.query_one(f"#{name}", BigFigure)
            # Drawn as the news it is: fewer overdue is an improvement, not the red of
            # the overdue state (the label above keeps the state's colour).
            better = delta > 0 if state == "completed" else delta < 0
            figure.meaning = None if not delta else "good" if better else "bad"
            figure.update(sign + format_int(abs(delta), lang))
            figure.refresh()
            label = Text(f"{SYMBOLS[state]} {tr(word, lang)}", style=colours.state_style(state))
            update_text(self.query_one(f"#{name}-label", Static), label)

    def _show_hint(self) -> None:
        if not self.ready:
            return
        position = ""
        if len(self.slides) > 1:
            position = f"{self.index + 1}/{len(self.slides)}"
        update_text(self.query_one("#slide-position", Static), position)
        hint = (
            ""
            if self.cycling
            else tr("paused — ←/→ or 1–9 slides, space resumes, Esc leaves", self.language)
        )
        update_text(self.query_one("#slide-hint", Static), hint)
