"""Command palette: the dashboard's commands and a jump to each agency by name, both
found as the filter finds names (`bang mau` finds “Chọn bảng màu”, `dien bien` Điện
Biên), and the palette itself with its prompt and "no matches" line in the interface
language."""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from ..i18n.collation import sort_key
from ..i18n.search import Matcher, fold, fold_fields
from ..i18n.strings import tr
from ..safety import one_line
from ..views import Scope, agency_haystack
from .dashboard import Dashboard, dashboard


class Commands(Provider):
    """The palette's commands (`get_system_commands`: ours, in the interface language), in
    place of Textual's provider, whose fuzzy match needs the diacritics typed."""

    async def discover(self) -> Hits:
        commands = sorted(self.app.get_system_commands(self.screen), key=lambda c: sort_key(c[0]))
        for title, help_text, callback, discover in commands:
            if discover:
                yield DiscoveryHit(Text(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = Matcher(query)
        if matcher.is_blank:
            return
        folded = fold(query)
        for title, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            if matcher.matches_folded(fold_fields(title)):
                score = 1.0 if fold(title).startswith(folded) else 0.7
                yield Hit(score, Text(title), callback, text=title, help=help_text)


class AgencyCommands(Provider):
    """`Go to agency: Điện Biên` for every lead agency of the feed."""

    def _app(self) -> Dashboard:
        return dashboard(self.app)

    def _agencies(self) -> list[tuple[str, str, str]]:
        app = self._app()
        snapshot = app.snapshot
        if snapshot is None:
            return []
        lang = app.language
        rows = [
            (
                agency_id,
                one_line(snapshot.feed.agency_name(agency_id, lang), 60),
                agency_haystack(snapshot.feed.agencies[agency_id]),
            )
            for agency_id, counts in snapshot.rollup.by_agency.items()
            if counts.assigned
        ]
        rows.sort(key=lambda row: sort_key(row[1]))
        return rows

    async def discover(self) -> Hits:
        app = self._app()
        prefix = tr("Go to agency", app.language)
        for agency_id, name, _ in self._agencies():
            # A Text, not a str: Textual reads a str as markup, and a name from the
            # feed such as "[/]" would crash the palette or style itself.
            yield DiscoveryHit(
                Text(f"{prefix}: {name}"),
                partial(app.open_tasks, Scope.agency(agency_id)),
                text=f"{prefix}: {name}",
            )

    async def search(self, query: str) -> Hits:
        app = self._app()
        prefix = tr("Go to agency", app.language)
        matcher = Matcher(query)
        if matcher.is_blank:
            return
        folded = fold(query)
        for agency_id, name, haystack in self._agencies():
            if not matcher.matches_folded(haystack):
                continue
            # Names that start with the query rank first.
            score = 1.0 if fold(name).startswith(folded) else 0.6
            yield Hit(
                score,
                Text(f"{prefix}: {name}"),
                partial(app.open_tasks, Scope.agency(agency_id)),
                text=f"{prefix}: {name}",
                help=tr("Open the agency's tasks", app.language),
            )


class Palette(CommandPalette):
    """Textual's palette, saying its prompt and its "no matches" line in the interface
    language (Textual writes both in English: the prompt is a parameter, the line is not).

    The line is added as Textual adds it, after the same pause; this replaces a method
    of Textual's own (8.x), so tests/test_ui_language_leaks.py, which reads the palette
    with a query that matches nothing, fails if a Textual release goes around it."""

    def __init__(self, language: str, placeholder: str, **kwargs: Any) -> None:
        super().__init__(placeholder=tr(placeholder, language), **kwargs)
        self.language = language

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if not search_value:  # browsing, not searching: nothing to say
                self._list_visible = False
                return
            words = Text(tr("No matches found", self.language), style="not bold")
            self.query_one(CommandList).add_option(
                Option(Align.center(words), disabled=True, id=self._NO_MATCHES)
            )
            self._list_visible = True

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
