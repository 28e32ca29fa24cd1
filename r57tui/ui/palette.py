"""Command palette: search everything — agencies (by name, short name, former names),
owners, indicators, tasks (by id, title, owner, notes) and the commands of the screen —
ignoring case and diacritics, so `xuat` finds "Xuất bảng" and `dien bien` Điện Biên.

The searching is the feed's `SearchIndex` (views, pure); this module adds the commands
(the app's `get_system_commands`, matched the same way, then by Textual's own fuzzy
match on the folded title) and turns each hit into a line of the palette and where Enter
goes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from ..feed import Feed
from ..i18n.search import fold
from ..i18n.strings import tr
from ..safety import one_line
from ..views import Scope
from ..views.search_index import (
    Entry,
    Query,
    Tier,
    match_entries,
    note_found,
    ranked,
    search_index,
)
from ..views.search_index import Hit as Found
from .dashboard import dashboard

# A hit's text from the feed is cut to this many characters: one line of the palette.
_SHOWN_CHARS = 200
# The palette's list is the screen's width less its padding and scroll bar: a line cut to
# this (with an ellipsis) never wraps onto a second row.
_PALETTE_MARGIN = 6
# What each kind of hit says before its name, and under it (the catalogue translates).
_PREFIX = {"agency": "Go to agency", "indicator": "Indicator", "owner": "Owner"}
_HELP = {
    "agency": "Open the agency's tasks",
    "indicator": "Open the indicator",
    "owner": "Open the owner's tasks",
}


def literal(text: str) -> str:
    """Feed text as Textual markup that shows exactly it (a hit's help is read as
    markup): each "[" escaped, after `one_line` has made it printable."""
    return text.replace("[", "\\[")


def fitted(text: str, width: int) -> Text:
    """Feed text on one line of `width` cells at most (cut with an ellipsis)."""
    line = Text(one_line(text, _SHOWN_CHARS))
    line.truncate(max(width, 10), overflow="ellipsis")
    return line


def prompt(found: Found, language: str, width: int) -> Text:
    """The palette's line for a hit: "Đến cơ quan: Điện Biên", "Nhiệm vụ T-0004: …".

    A Text, not a str: Textual reads a str as markup, and a name from the feed such as
    "[/]" would crash the palette or style itself.
    """
    if found.kind == "command":
        return fitted(found.label, width)
    if found.kind == "task":
        prefix = tr("Task {id}", language).format(id=one_line(found.key, 40))
    else:
        prefix = tr(_PREFIX[found.kind], language)
    return fitted(f"{prefix}: {one_line(found.label, _SHOWN_CHARS)}", width)


class SearchEverything(Provider):
    """The palette's one provider: every hit ranked together (`views.search_index`)."""

    def _commands(self) -> list[SystemCommand]:
        return list(self.app.get_system_commands(self.screen))

    def _open(self, found: Found, commands: list[SystemCommand]) -> Callable[[], Any]:
        app = dashboard(self.app)
        if found.kind == "command":
            return commands[int(found.key)].callback
        if found.kind == "agency":
            return partial(app.open_tasks, Scope.agency(found.key))
        if found.kind == "owner":
            return partial(app.open_tasks, Scope.owner(found.key))
        if found.kind == "task":
            return partial(app.open_task, found.key)
        return partial(app.open_indicator, found.key)

    async def discover(self) -> Hits:
        """With nothing typed: the commands (as Textual lists them), then every agency."""
        language = dashboard(self.app).language
        for command in sorted(self._commands(), key=lambda command: command.title):
            if command.discover:
                yield DiscoveryHit(Text(command.title), command.callback, help=command.help)
        snapshot = dashboard(self.app).snapshot
        if snapshot is None:
            return
        for entry in search_index(snapshot.feed, language).entries:
            if entry.kind == "agency":
                found = Found(entry.kind, entry.key, entry.label, Tier.WORD, 0)
                line = prompt(found, language, self.app.size.width - _PALETTE_MARGIN)
                yield DiscoveryHit(line, self._open(found, []), text=line.plain)

    async def search(self, query: str) -> Hits:
        language = dashboard(self.app).language
        wanted = Query.of(query)
        if wanted.is_blank:
            return
        commands = self._commands()
        hits = self._command_hits(query, wanted, commands)
        # One feed for the whole answer: a refresh may land while the palette draws it.
        snapshot = dashboard(self.app).snapshot
        feed = snapshot.feed if snapshot is not None else None
        if feed is not None:
            hits.extend(search_index(feed, language).hits(wanted))
        found = ranked(hits)
        width = self.app.size.width - _PALETTE_MARGIN
        lines = [
            (
                hit,
                prompt(hit, language, width),
                self._help(hit, wanted, commands, feed, language, width),
            )
            for hit in found
        ]
        for place, (hit, line, help_text) in enumerate(lines):
            # Scores only order the list (Textual sorts by them): best first.
            yield Hit(
                1.0 - place / (len(lines) + 1),
                line,
                self._open(hit, commands),
                text=line.plain,
                help=help_text,
            )

    @staticmethod
    def _help(
        found: Found,
        wanted: Query,
        commands: list[SystemCommand],
        feed: Feed | None,
        language: str,
        width: int,
    ) -> str:
        """The line under a hit (markup): a command's key; a task's lead agency, state,
        and the note it was found in; else where Enter goes."""
        if found.kind == "command":
            return commands[int(found.key)].help
        if found.kind == "task" and feed is not None:
            task = feed.tasks[found.at]
            agency = one_line(feed.agency_name(task.agency, language), _SHOWN_CHARS)
            state = tr(task.state.value.replace("_", " "), language)
            note = note_found(task, wanted)
            said = ""
            if note is not None:
                said = f" · {tr('Notes', language)}: {one_line(note.text, _SHOWN_CHARS)}"
            return literal(fitted(f"{agency} · {state}{said}", width).plain)
        return tr(_HELP[found.kind], language)

    def _command_hits(
        self, query: str, wanted: Query, commands: list[SystemCommand]
    ) -> list[Found]:
        """The commands the query finds by their words, then those Textual's fuzzy match
        finds (letters in order: "alt" for "All tasks"), on folded titles both."""
        entries = [
            Entry.of("command", str(at), command.title, (command.title,), ())
            for at, command in enumerate(commands)
        ]
        hits = match_entries(wanted, entries)
        matched = {hit.key for hit in hits}
        fuzzy = self.matcher(fold(query))
        for at, command in enumerate(commands):
            if str(at) not in matched and fuzzy.match(fold(command.title)) > 0:
                hits.append(Found("command", str(at), command.title, Tier.LOOSE, at))
        return hits


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


# What the app's palette searches: this provider only (it lists the app's commands too).
PALETTE_PROVIDERS: set[type[Provider] | Callable[[], type[Provider]]] = {SearchEverything}
