"""The bodies of the deck's slides that are lines rather than big figures: the most
overdue agencies as labelled bars, the agencies that moved most since the last meeting,
the indicators, due soon by agency. Each is drawn for the room the slide has (`width`
cells, `height` lines), names whole or in their short forms (name_forms), and what does
not fit said in a last line, never cut silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.cells import cell_len
from rich.text import Text

from ..config import Settings
from ..feed import Agency, Direction, Indicator
from ..i18n.message import Message
from ..i18n.numbers import format_int, format_percent
from ..i18n.strings import tr
from ..indicators import assess
from ..views import AgencyRow
from ..views.deck import (
    DueSoonRow,
    Mover,
    Slide,
    due_soon_by_agency,
    most_overdue,
    scope_indicators,
)
from ..views.indicators import number, with_unit
from .due_soon import figure_words
from .indicator_panel import RAG_MARKS, indicator_lines
from .marks import ThemeColours, signed
from .name_forms import cut, fit_name, name_widths
from .snapshot import Snapshot

GAP = "  "
BAR = "█"
# The widest a name column takes of a line: the bars need room to be seen.
NAME_SHARE = 0.45


def _name_column(agencies: Sequence[Agency], width: int, language: str) -> int:
    """As wide as the longest name, else its short form, within NAME_SHARE of the line."""
    widest = max(name_widths(a.display_name(language), a.short, language)[0] for a in agencies)
    return max(min(widest, int(width * NAME_SHARE)), 8)


def _name(agency: Agency, width: int, language: str) -> str:
    name = fit_name(agency.display_name(language), agency.short, width, language)
    return name + " " * (width - cell_len(name))


def _more(left: int, language: str, colours: ThemeColours) -> Text:
    words = Message.of("… and {count} more", count=format_int(left, language))
    return Text(words.text(language), style=colours.style("muted"))


def _spaced(lines: list[Text], height: int) -> list[Text]:
    """A blank line between rows when the slide has room for it: easier read from afar."""
    if len(lines) * 2 - 1 > height:
        return lines
    spaced: list[Text] = []
    for line in lines:
        spaced += [line, Text()] if spaced or line is not lines[-1] else [line]
    return spaced[: len(lines) * 2 - 1]


def _rows_that_fit(count: int, height: int) -> int:
    """How many rows fit in `height` lines with a last line for those left out."""
    return count if count <= height else max(height - 1, 0)


def overdue_bars(
    rows: Sequence[AgencyRow], width: int, height: int, language: str, colours: ThemeColours
) -> Text:
    """Each agency's name, a bar as long as its overdue count (the first's the longest),
    its overdue count and its % overdue (of its assigned)."""
    lang, style = language, colours.style
    if not rows:
        return Text(tr("No overdue task", lang), style=style("good", bold=True))
    counts = [format_int(row.counts.overdue, lang) for row in rows]
    rates = [format_percent(row.counts.overdue_rate.percent(0), 0, lang) for row in rows]
    count_w, rate_w = max(map(len, counts)), max(map(len, rates))
    rate_head = tr("% overdue", lang)
    rate_w = max(rate_w, cell_len(rate_head))
    name_w = _name_column([row.agency for row in rows], width, lang)
    bar_w = max(width - name_w - count_w - rate_w - 3 * len(GAP), 1)
    most = max(row.counts.overdue for row in rows)
    head = Text(" " * (width - rate_w) + rate_head.rjust(rate_w), style=style("muted"))
    shown = _rows_that_fit(len(rows), height - 1)
    lines = []
    for row, count, rate in zip(rows[:shown], counts, rates, strict=False):
        line = Text(_name(row.agency, name_w, lang) + GAP)
        length = max(round(bar_w * row.counts.overdue / most), 1)
        line.append(BAR * length, style=colours["overdue"])
        line.append(" " * (bar_w - length) + GAP)
        line.append(count.rjust(count_w), style=style("overdue", bold=True))
        line.append(GAP + rate.rjust(rate_w))
        lines.append(line)
    if shown < len(rows):
        lines.append(_more(len(rows) - shown, lang, colours))
    return Text("\n").join([head, *_spaced(lines, height - 1)])


def movers_text(
    movers: Sequence[Mover], width: int, height: int, language: str, colours: ThemeColours
) -> Text:
    """The agencies that moved most since the baseline: +N completed, ±N overdue."""
    lang, style = language, colours.style
    if not movers or height < 2:
        return Text()
    done = [f"{signed(m.completed, lang)} {tr('completed', lang)}" for m in movers]
    late = [f"{signed(m.overdue, lang)} {tr('overdue', lang)}" for m in movers]
    done_w, late_w = max(map(cell_len, done)), max(map(cell_len, late))
    name_w = max(min(width - done_w - late_w - 2 * len(GAP), 60), 8)
    name_w = min(name_w, _name_column([m.agency for m in movers], width, lang))
    heading = Text(tr("Moved most", lang), style=style("muted", bold=True))
    shown = _rows_that_fit(len(movers), height - 1)
    lines = [heading]
    for mover, completed, overdue in zip(movers[:shown], done, late, strict=False):
        line = Text(_name(mover.agency, name_w, lang) + GAP)
        line.append(completed.ljust(done_w), style=style("completed") if mover.completed else "")
        worse = style("bad") if mover.overdue > 0 else style("good")
        line.append(GAP + overdue.ljust(late_w), style=worse if mover.overdue else "")
        lines.append(line)
    if shown < len(movers):
        lines.append(_more(len(movers) - shown, lang, colours))
    return Text("\n").join(lines)


def _indicator_figures(item: Indicator, language: str, colours: ThemeColours) -> Text:
    """Value, target (≥ or ≤: which way is better) and its word, the change since the
    previous period."""
    lang, style = language, colours.style
    standing = assess(item)
    _, word, meaning = RAG_MARKS[standing.rag]
    figures = Text(GAP)
    figures.append(with_unit(number(item.value, lang), item.unit_for(lang)), style="bold")
    if item.target is not None:
        sign = "≥" if item.direction is Direction.UP else "≤"
        figures.append(f"{GAP}{tr('target', lang)} {sign}{number(item.target, lang, item.value)} ")
        figures.append(tr(word, lang), style=style(meaning, bold=True) if meaning else "")
    if standing.change is not None:
        arrow = "▲" if standing.change > 0 else "▼" if standing.change < 0 else "="
        good = {True: style("good"), False: style("bad"), None: style("muted")}[standing.improved]
        figures.append(GAP)
        figures.append(f"{arrow}{number(float(abs(standing.change)), lang)}", style=good)
    return figures


def _indicator_lines(
    items: Sequence[Indicator], width: int, language: str, colours: ThemeColours
) -> list[Text]:
    """One line each: mark, name (cut with … when it must be), then its figures, the
    names as wide as one another so the figures start in one column."""
    figures = [_indicator_figures(item, language, colours) for item in items]
    figures_w = max(text.cell_len for text in figures)
    names = [item.display_name(language) for item in items]
    name_w = max(min(width - 2 - figures_w, max(map(cell_len, names))), 8)
    lines = []
    for item, name, text in zip(items, names, figures, strict=True):
        mark, _, meaning = RAG_MARKS[assess(item).rag]
        # The mark alone in its colour: as the line's base style it would colour the rest.
        line = Text()
        line.append(f"{mark} ", style=colours.style(meaning, bold=True) if meaning else "")
        shown = cut(name, name_w)
        line.append(shown + " " * (name_w - cell_len(shown)), style="bold")
        lines.append(line.append_text(text))
    return lines


def indicators_text(
    items: Sequence[Indicator], width: int, height: int, language: str, colours: ThemeColours
) -> Text:
    """Each indicator with its value, target (which way is better: ≥ or ≤), mark and
    change: its name whole over its figures where the slide has the lines, else one line
    each."""
    wrapped = [indicator_lines(item, assess(item), language, colours, width) for item in items]
    if sum(map(len, wrapped)) + len(items) - 1 <= height:
        return Text("\n\n").join(Text("\n").join(lines) for lines in wrapped)
    shown = _rows_that_fit(len(items), height)
    lines = _indicator_lines(items[:shown], width, language, colours)
    if shown < len(items):
        lines.append(_more(len(items) - shown, language, colours))
    return Text("\n").join(_spaced(lines, height))


def due_soon_text(
    rows: Sequence[DueSoonRow],
    as_of: date,
    width: int,
    height: int,
    language: str,
    colours: ThemeColours,
) -> Text:
    """By lead agency, most first: how many tasks fall due within the horizon, and when
    the first of them does, in the due-soon panel's words."""
    lang, style = language, colours.style
    if not rows:
        return Text(tr("No open task falls due soon", lang), style=style("good", bold=True))
    words = [figure_words(row.count, (row.first - as_of).days, lang) for row in rows]
    tasks_w = max(cell_len(f"{count} {noun}") for count, noun, _ in words)
    due_w = max(cell_len(due) for _, _, due in words)
    figures_w = tasks_w + 3 + due_w
    name_w = max(min(width - figures_w - len(GAP), 60), 8)
    name_w = min(name_w, _name_column([row.agency for row in rows], width, lang))
    shown = _rows_that_fit(len(rows), height)
    lines = []
    for row, (count, noun, due) in zip(rows[:shown], words, strict=False):
        line = Text(_name(row.agency, name_w, lang) + GAP)
        line.append(" " * (tasks_w - cell_len(f"{count} {noun}")))
        line.append(count, style=style("notice", bold=True))
        line.append(f" {noun}")
        line.append(" · ", style=style("muted"))
        line.append(due)
        lines.append(line)
    if shown < len(rows):
        lines.append(_more(len(rows) - shown, lang, colours))
    return Text("\n").join(_spaced(lines, height))


def slide_body(
    slide: Slide,
    snapshot: Snapshot,
    settings: Settings,
    width: int,
    height: int,
    language: str,
    colours: ThemeColours,
) -> tuple[Text, str]:
    """The lines of a slide of lines (most overdue, indicators, due soon) and the note
    under them."""
    feed, rollup, lang = snapshot.feed, snapshot.rollup, language
    if slide.kind == "overdue":
        kinds, top = settings.show_kinds, settings.present.top
        ranked = most_overdue(feed, rollup, slide.scope, kinds, top, lang)
        return overdue_bars(ranked, width, height, lang, colours), ""
    if slide.kind == "indicators":
        items = scope_indicators(feed, slide.scope)
        return indicators_text(items, width, height, lang, colours), ""
    if slide.kind == "due_soon":
        rows = due_soon_by_agency(feed, rollup, slide.scope)
        body = due_soon_text(rows, rollup.as_of, width, height, lang, colours)
        days = format_int(rollup.due_soon_days, lang)
        count = format_int(sum(row.count for row in rows), lang)
        open_tasks = tr("open tasks", lang)
        note = f"{tr('Due within', lang)} {days} {tr('days', lang)}: {count} {open_tasks}"
        return body, note
    return Text(), ""


def wrapped_lines(text: str, width: int) -> int:
    """The lines a centred line of text takes at `width` (a word wrapped whole may take one
    more: counted)."""
    if not text:
        return 0
    return -(-cell_len(text) // width) + (1 if cell_len(text) > width else 0)


def as_block(body: Text) -> Text:
    """The lines padded to the longest: centred as one block, their columns aligned."""
    lines = body.split("\n", allow_blank=True)
    widest = max((line.cell_len for line in lines), default=0)
    for line in lines:
        line.pad_right(widest - line.cell_len)
    return Text("\n").join(lines)
