"""`x` with several sources: each source with its health, its feed's as-of and totals, and
the consolidated view of them all; Enter brings the one chosen into view.

The same lines are the per-source totals of the consolidated view: source, as-of,
assigned, completed (%), on time, overdue, health. Each source is one option of two
lines (its name and health; its figures), so it reads whole at 80 columns, where a table
of seven columns would cut the reason a source is stale.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ..i18n.message import Message
from ..i18n.strings import tr, ui_text
from ..safety import one_line
from .dashboard import dashboard
from .marks import ThemeColours
from .snapshot import Snapshot
from .source_health import SourceState, TotalsRow, as_of_dates_differ, totals_row, totals_rows

ALL_ID = "all"
# The current source's "▶ " before its name; the figures under the name, indented.
MARK_WIDTH = 2
FIGURES_INDENT = 2


def option_text(
    row: TotalsRow, current: bool, language: str, colours: ThemeColours
) -> RenderableType:
    """`▶ province — ✗ stale since 2 min ago: …` over `as of … · 1,132 assigned · …`:
    feed text (the name, the reason) is data, never markup. A line too long for the
    picker wraps under its own first word (a hanging indent), not under the mark: the
    figures stay apart from the name above them at 80 columns."""
    text = Text()
    text.append(one_line(row.name, 60), style="bold")
    health = colours.style("bad", bold=True) if row.failing else colours.style("good")
    text.append(" — ")
    text.append(f"{row.mark} {row.health}", style=health if row.mark in "✗●" else "")
    figures = Message.of(
        "as of {as_of} · {assigned} assigned · {completed} completed ({share}) · "
        "{on_time} on time · {overdue} overdue",
        as_of=row.as_of,
        assigned=row.assigned,
        completed=row.completed,
        share=row.completed_share,
        on_time=row.on_time,
        overdue=row.overdue,
    ).text(language)
    grid = Table.grid()
    grid.add_column(width=MARK_WIDTH, no_wrap=True)
    grid.add_column()
    grid.add_row(
        Text("▶ " if current else ""),
        Group(text, Padding(Text(figures), (0, 0, 0, FIGURES_INDENT))),
    )
    return grid


class SourcePicker(ModalScreen[int | bool | None]):
    """Dismissed with a source's index, None (the consolidated view) or False (cancel)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,x", "cancel", ui_text("Cancel"), id="cancel_source"),
    ]
    DEFAULT_CSS = """
    SourcePicker { align: center middle; }
    SourcePicker > Vertical {
        width: 100; max-width: 100%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    SourcePicker OptionList { height: auto; max-height: 30; }
    SourcePicker .note { color: $text-muted; }
    """

    def __init__(
        self,
        states: Sequence[SourceState],
        consolidated: Snapshot | None,
        current: int | None,
        language: str,
    ) -> None:
        super().__init__()
        self.states = list(states)
        self.consolidated = consolidated
        self.current = current
        self.language = language

    def compose(self) -> ComposeResult:
        lang, colours = self.language, dashboard(self.app).colours
        rows = totals_rows(self.states, lang)
        options = [
            Option(option_text(row, index == self.current, lang, colours), id=str(index))
            for index, row in enumerate(rows)
        ]
        options.append(Option(self._everything(), id=ALL_ID))
        with Vertical():
            yield Label(tr("Sources: Enter shows one, or all of them added up", lang))
            loaded = [state.snapshot.feed for state in self.states if state.snapshot]
            if as_of_dates_differ(loaded):
                note = (
                    "The sources' as-of dates differ: the figures added up are of different days."
                )
                yield Static(tr(note, lang), classes="note")
            yield OptionList(*options, id="sources")

    def _everything(self) -> RenderableType:
        """The consolidated view's line: its totals, and which of its parts are stale."""
        lang = self.language
        stale = [state.name for state in self.states if state.stale]
        health, mark = tr("live", lang), "●"
        if stale:
            names = ", ".join(one_line(name, 40) for name in stale)
            health, mark = f"{tr('of which stale', lang)}: {names}", "✗"
        title = tr("All sources (consolidated)", lang)
        everything = totals_row(title, self.consolidated, health, lang, mark=mark)
        colours = dashboard(self.app).colours
        return option_text(everything, self.current is None, lang, colours)

    def show_consolidated(self, snapshot: Snapshot | None) -> None:
        """The sources added up, made while the picker was open (they are made off the
        event loop, when first asked)."""
        self.consolidated = snapshot
        self.query_one(OptionList).replace_option_prompt(ALL_ID, self._everything())

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = len(self.states) if self.current is None else self.current
        options.focus()

    @on(OptionList.OptionSelected, "#sources")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id
        if chosen == ALL_ID:
            self.dismiss(None)
        elif chosen is not None:
            self.dismiss(int(chosen))

    def action_cancel(self) -> None:
        self.dismiss(False)


__all__ = ["SourcePicker", "option_text"]
