"""The headline figures, as a meeting report quotes them: assigned, completed, on time, overdue.

Percentages are of assigned tasks, and the line says so. Figures that moved at the last
refresh carry their change (+3, −1) for a few seconds.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from ..baseline import Comparison
from ..i18n.dates import format_date
from ..i18n.message import Message
from ..i18n.numbers import format_int, format_percent
from ..i18n.strings import tr
from ..rollup import Bucket, Counts
from ..safety import one_line
from ..views import Scope
from .dashboard import dashboard
from .fitting import Part, fit_line, flow
from .marks import SYMBOLS, ThemeColours, signed
from .redraw import update_text
from .status import replay_words

BAR_WIDTH = 40
# (when, moved): the baseline's as-of date and what moved in the scope since it.
Since = tuple[str, dict[Bucket, int]]


def share_bar(counts: Counts, colours: ThemeColours, width: int = BAR_WIDTH) -> Text:
    """A bar of the three shares of assigned, each part drawn with its own symbol."""
    bar = Text()
    if counts.assigned == 0:
        return bar.append("·" * width, style="dim")
    parts = [
        ("completed", counts.completed),
        ("on_time", counts.on_time),
        ("overdue", counts.overdue),
    ]
    # A non-zero share is always visible; the rounding difference goes to the largest part.
    cells = [max(round(value * width / counts.assigned), 1 if value else 0) for _, value in parts]
    largest = cells.index(max(cells))
    cells[largest] += width - sum(cells)
    for (name, _), size in zip(parts, cells, strict=True):
        bar.append(("█" if name != "overdue" else "▓") * size, style=colours.state_style(name))
    return bar


def since_baseline(comparison: Comparison | None, scope: Scope, language: str) -> Since | None:
    """What a headline says of the baseline for a scope, or None without one."""
    if comparison is None:
        return None
    return format_date(comparison.baseline.feed.as_of_date, language), scope.changes(
        comparison.changes
    )


class Headline(Static):
    """Four figures and a bar; all numbers come from the roll-up.

    Each label with its figure is one unit that never breaks; the units flow over at most
    `ROWS` lines, broken only between them. Every figure keeps room after its unit for a
    change mark (+3, −1), drawn or not, so neither the headline's height nor any figure's
    column moves when marks come and go. Too narrow, words give way in a fixed order:
    "% of assigned" beside the bar, then the scope's title (its short form first), then
    the completed-late figure.
    """

    DEFAULT_CSS = """
    Headline { height: auto; padding: 0 1; }
    """
    ROWS = 2  # lines of figures before words give way

    def __init__(self, language: str, colours: ThemeColours, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.language = language
        self.colours = colours
        self._shown: tuple[Counts, str, str | None, Moved, Since | None] | None = None
        self._filters: list[Part] = []  # a filtered list's first line: what it shows
        self._at_risk: int | None = None  # of the on-time tasks; None: not said

    def on_resize(self) -> None:
        if self._shown is not None:
            self._draw(*self._shown)

    def show(
        self,
        counts: Counts,
        label: str = "All agencies",
        moved: dict[Bucket, int] | None = None,
        since: Since | None = None,
        short: str | None = None,
        filters: list[Part] | None = None,
        at_risk: int | None = None,
    ) -> None:
        """`moved`: what changed at the last refresh (marks for a few seconds); `since`:
        what changed since the baseline, a line of its own for as long as it is set;
        `short`: the scope's short name, shown when the whole one leaves no room;
        `filters`: a filtered list's line before the figures ("4 of 8 tasks shown —
        overdue"), fitted to one line; `at_risk`: how many of the on-time tasks are at
        risk, said after them."""
        self._filters = filters or []
        self._at_risk = at_risk
        self._shown = (counts, label, short, moved or {}, since)
        self._draw(*self._shown)

    def _width(self) -> int:
        # Before its first layout a headline is as wide as the screen, less its padding.
        return self.content_size.width or max(self.app.size.width - 2, 1)

    def _draw(
        self, counts: Counts, label: str, short: str | None, moved: Moved, since: Since | None
    ) -> None:
        width = self._width()
        text = Text("\n").join(
            [
                *self._replay_line(width),
                *([fit_line(self._filters, width)] if self._filters else []),
                *figure_lines(
                    counts, label, short, moved, width, self.language, self.colours, self._at_risk
                ),
                bar_line(counts, width, self.language, self.colours),
                *([since_line(since, width, self.language, self.colours)] if since else []),
            ]
        )
        update_text(self, text)

    def _replay_line(self, width: int) -> list[Text]:
        """A recorded meeting on screen, not the live figures: said above the figures, in
        the status line's replay style, with the way back. Where the way back has no room
        beside the words, the line would only say again what the status line above says
        in the same style, and takes a row a 24-row screen needs: none."""
        as_of = dashboard(self.app).replay_as_of()
        if not as_of:
            return []
        style = self.colours.style("notice", bold=True, reverse=True)
        words = Text(replay_words(as_of, self.language), style=style)
        back = Text(f"({tr('N: back to live', self.language)})")
        if words.cell_len + 2 + back.cell_len > width:
            return []
        return [fit_line([Part(words, lead=""), Part(back, lead="  ")], width)]


Moved = dict[Bucket, int]


def mark_room(figure: int) -> int:
    """The cells kept after a unit for its change mark: " +9" or " +99", as many digits as
    the figure has up to two (a larger change widens its line while it shows)."""
    return 2 + min(len(str(abs(figure))), 2)


def late_words(figure: str, lang: str) -> str:
    """`of which 42 late`: whole on its own, wherever the line breaks."""
    return Message.of("of which {count} late", count=figure).text(lang)


def _unit(
    parts: list[tuple[str, str]],
    bucket: Bucket,
    counts: Counts,
    moved: Moved,
    lang: str,
    colours: ThemeColours,
) -> Text:
    text = Text()
    for words, style in parts:
        text.append(words, style=style)
    room = mark_room(counts.get(bucket))
    if moved.get(bucket):
        mark = Text(" ").append_text(colours.change_text(moved[bucket], lang))
        text.append_text(mark)
        room -= mark.cell_len
    return text.append(" " * max(room, 0))


def figure_lines(
    counts: Counts,
    label: str,
    short: str | None,
    moved: Moved,
    width: int,
    lang: str,
    colours: ThemeColours,
    at_risk: int | None = None,
) -> list[Text]:
    """The figures as whole units over at most Headline.ROWS lines of `width` cells.

    The lines are planned without the marks (whose room is kept), then drawn with them:
    the same words on the same lines whether marks show or not. Only a mark wider than
    its room that would push a line past the width makes the lines planned again."""
    plain = unit_tries(counts, label, short, {}, lang, colours, at_risk)
    marked = unit_tries(counts, label, short, moved, lang, colours, at_risk)
    for units, drawn in zip(plain, marked, strict=True):
        split = balanced_split(units, width, Headline.ROWS)
        if split is not None:
            lines = split_lines(drawn, split)
            if all(line.cell_len <= width for line in lines):
                return lines
            again = balanced_split(drawn, width, Headline.ROWS)
            return split_lines(drawn, again) if again is not None else flow(drawn, width)
    # Narrower than any of that: whole units on as many lines as they need.
    return flow(marked[-1], width)


def unit_tries(
    counts: Counts,
    label: str,
    short: str | None,
    moved: Moved,
    lang: str,
    colours: ThemeColours,
    at_risk: int | None = None,
) -> list[list[Part]]:
    """The headline's units, then the same with fewer words, in the order they give way:
    the title, its short form, no title, no completed-late figure, no at-risk figure."""
    n = format_int

    def unit(parts: list[tuple[str, str]], bucket: Bucket) -> Text:
        return _unit(parts, bucket, counts, moved, lang, colours)

    def state(bucket: Bucket, name: str, word: str) -> Text:
        style = colours.state_style(name)
        share = format_percent(counts.share(bucket).percent(0), 0, lang)
        figure = f"{SYMBOLS[name]} {tr(word, lang)} {n(counts.get(bucket), lang)}"
        return unit([(figure, style), (f" ({share})", "")], bucket)

    assigned = unit(
        [(f"{n(counts.assigned, lang)} {tr('assigned', lang)}", "bold")], Bucket.ASSIGNED
    )
    late_figure = late_words(n(counts.completed_late, lang), lang)
    late = Part(
        unit([(late_figure, colours.style("muted"))], Bucket.COMPLETED_LATE), lead=GAP, glued=True
    )
    # A flag on some of the on-time tasks, said of them: the four figures still add up.
    risk = (
        None
        if at_risk is None
        else Part(
            Text(at_risk_words(n(at_risk, lang), lang), style=colours.style("notice")).append(
                " " * mark_room(at_risk)  # as every unit keeps: the same gap to the next
            ),
            lead=" ",
            glued=True,
        )
    )
    states = [
        Part(state(Bucket.COMPLETED, "completed", "Completed"), lead=GAP),
        late,
        Part(state(Bucket.ON_TIME, "on_time", "On time"), lead=GAP),
        *([risk] if risk is not None else []),
        Part(state(Bucket.OVERDUE, "overdue", "Overdue"), lead=GAP),
    ]
    # The label may be an agency's name from the feed: made printable and cut.
    labels = [one_line(label, 60)] + ([one_line(short, 20)] if short else []) + [None]
    tries = [(name, states) for name in labels] + [(None, [p for p in states if p is not late])]
    if risk is not None:
        tries.append((None, [p for p in states if p is not late and p is not risk]))
    return [
        [
            *([Part(Text(f"{name}:", style="bold"), lead="")] if name else []),
            Part(assigned, lead=" " if name else ""),
            *kept,
        ]
        for name, kept in tries
    ]


GAP = " "  # the mark's room before it spaces the units


def at_risk_words(figure: str, lang: str) -> str:
    """`of which 14 at risk`, after the on-time figure: whole wherever the line breaks."""
    return Message.of("of which {count} at risk", count=figure).text(lang)


def balanced_split(units: list[Part], width: int, rows: int) -> int | None:
    """Where to break the units: 0 when they fit on one line, else the break that puts
    them on two lines as even as they can be (never before a glued unit); None when
    they do not fit in `rows` lines so."""
    if _line(units).cell_len <= width:
        return 0
    if rows < 2:
        return None
    best: tuple[int, int] | None = None  # (longest line, split)
    for split in range(1, len(units)):
        if units[split].glued:
            continue
        longest = max(_line(units[:split]).cell_len, _line(units[split:]).cell_len)
        if longest <= width and (best is None or longest < best[0]):
            best = (longest, split)
    return best[1] if best else None


def split_lines(units: list[Part], split: int) -> list[Text]:
    return [_line(units)] if split == 0 else [_line(units[:split]), _line(units[split:])]


def _line(units: list[Part]) -> Text:
    return flow(units, 10**6)[0]


def bar_line(counts: Counts, width: int, lang: str, colours: ThemeColours) -> Text:
    """The bar of the three shares and "% of assigned": the words give way first, then
    the bar narrows."""
    note = f"  {tr('% of assigned', lang)}"
    bar_width = min(BAR_WIDTH, width)
    line = share_bar(counts, colours, bar_width)
    if bar_width + cell_len(note) <= width:
        line.append(note, style=colours.style("muted"))
    return line


def since_line(since: Since, width: int, lang: str, colours: ThemeColours) -> Text:
    """`Since 15/07/2025: +2 assigned · +15 completed …` on one line; the hint to `c` gives
    way first."""
    when, delta = since
    parts = [Part(Text(f"{tr('Since', lang)} {when}:", style="bold"), lead="")]
    for bucket, name, word in (
        (Bucket.ASSIGNED, "", "assigned"),
        (Bucket.COMPLETED, "completed", "completed"),
        (Bucket.ON_TIME, "on_time", "on time"),
        (Bucket.OVERDUE, "overdue", "overdue"),
    ):
        change = signed(delta.get(bucket, 0), lang)
        style = colours.state_style(name) if name else ""
        lead = " " if bucket is Bucket.ASSIGNED else " · "
        parts.append(Part(Text(f"{change} {tr(word, lang)}", style=style), lead=lead))
    hint = Text(f"({tr('c: the tasks that changed', lang)})", style=colours.style("muted"))
    parts.append(Part(hint, drop=1, lead="  "))
    return fit_line(parts, width)
