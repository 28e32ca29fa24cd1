"""`F` in a task list: filter it by thematic group, source document, key tasks only, a
co-operating agency or owner (in the consolidated view, by source too) — each value with
how many of the list's tasks have it.

Enter on a value sets that facet (on the value already chosen: turns it off); the other
facets, the state key and the text filter stay. The picker is dismissed with the new
facets, or None when cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ..i18n.numbers import format_int
from ..i18n.strings import tr, ui_text
from ..safety import one_line
from ..views.facets import NO_FACETS, NONE, Facets, FacetValue, FacetValues
from .fitting import shorten

CHOSEN = "✓ "  # before the value a facet is set to
_PICKER_WIDTH = 90  # cells, at most: the screen's width less the border otherwise


class FacetPicker(ModalScreen[Facets | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", ui_text("Cancel"), id="cancel_facets"),
    ]
    DEFAULT_CSS = """
    FacetPicker { align: center middle; }
    FacetPicker > Vertical {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    FacetPicker OptionList { height: auto; max-height: 1fr; }
    """

    def __init__(
        self,
        facets: Facets,
        values: FacetValues,
        agency_name: Callable[[str], str],
        language: str,
    ) -> None:
        """`values`: the facets' values among the list's tasks; `agency_name`: a
        co-agency's name as the list shows it."""
        super().__init__()
        self.facets = facets
        self.values = values
        self.agency_name = agency_name
        self.language = language
        self.choices: list[Facets] = []  # what Enter on each option (by its id) gives

    def _width(self) -> int:
        # The option's line: the picker's width less its border and padding, the list's
        # border and padding, and the scroll bar.
        return max(min(_PICKER_WIDTH, self.app.size.width) - 12, 20)

    def _option(self, label: str, count: int | None, chosen: bool, gives: Facets) -> Option:
        """One line: the mark when chosen, the value, its count right-aligned."""
        figure = "" if count is None else format_int(count, self.language)
        mark = CHOSEN if chosen else "  "
        room = self._width() - len(mark) - len(figure) - 1
        name = shorten(Text(one_line(label, 400)), room)
        # One row each, whatever the list's exact width: never wrapped under itself.
        line = Text(mark, style="bold", no_wrap=True, overflow="ellipsis").append_text(name)
        line.append(" " * max(room - name.cell_len + 1, 1))
        line.append(figure)
        self.choices.append(gives)
        return Option(line, id=str(len(self.choices) - 1))

    def _section(
        self,
        heading: str,
        values: tuple[FacetValue, ...],
        current: str | None,
        field: str,
        label: Callable[[str], str],
    ) -> list[Option]:
        if not values:
            return []
        options = [Option(Text(tr(heading, self.language), style="bold underline"), disabled=True)]
        for each in values:
            chosen = current == each.value
            gives = self.facets.replaced(**{field: None if chosen else each.value})
            options.append(self._option(label(each.value), each.count, chosen, gives))
        return options

    def options(self) -> list[Option]:
        lang, facets, values = self.language, self.facets, self.values
        self.choices = []
        options: list[Option] = []
        if not facets.is_empty:
            clear = tr("Clear: every task of the list", lang)
            options.append(self._option(clear, None, False, NO_FACETS))
        options.append(
            self._option(
                tr("Key tasks only", lang),
                values.key_tasks,
                facets.key_only,
                facets.replaced(key_only=not facets.key_only),
            )
        )

        def given(none_words: str) -> Callable[[str], str]:
            return lambda value: f"({tr(none_words, lang)})" if value == NONE else value

        # Of several sources added up: narrow to one without leaving the consolidated view.
        options += self._section("Feed", values.feeds, facets.feed, "feed", str)
        options += self._section(
            "Group", values.groups, facets.group, "group", given("no thematic group")
        )
        options += self._section(
            "Source", values.sources, facets.source, "source", given("no source document")
        )
        options += self._section(
            "Co-agencies", values.co_agencies, facets.co_agency, "co_agency", self.agency_name
        )
        options += self._section("Owner", values.owners, facets.owner, "owner", given("no owner"))
        return options

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(tr("Filter the list by", self.language), style="bold"))
            yield OptionList(*self.options(), id="facet-values")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#facet-values")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self.choices[int(event.option.id)])

    def action_cancel(self) -> None:
        self.dismiss(None)
