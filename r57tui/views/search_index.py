"""Search everything: what the command palette finds in a feed — agencies (name, English
name, short name, former names, id), owners, indicators (names, id) and tasks (id, title,
owner, notes) — ignoring case and diacritics, ranked, and cut to a screenful.

Ranking: an exact id (or short name) first, then records where every word of the query
starts a word, then those where every word is found inside a word; within each, by kind
(agencies, then commands — the palette adds those, `Entry` — then indicators, owners,
tasks), then in each kind's own order. Pure (no textual); made once per feed and interface
language (`Feed.memo`), its task texts warmed off the event loop (`warm`).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import IntEnum
from itertools import compress, count, filterfalse, islice, repeat, tee
from operator import contains
from typing import cast

from ..feed import Feed, Note, Task
from ..i18n.collation import sort_key
from ..i18n.search import fold, fold_fields
from .search_text import spaced

# How many hits a query returns at most: a screenful of the palette, whatever the feed.
SCREENFUL = 30
# What of one text (a title, a note, a name) is searched: a note holding a pasted picture
# (tens of MB) would otherwise cost its size in memory again, for no word anyone types.
SEARCHED_CHARS = 2000
# Kinds, in the order their hits are listed within one tier.
KINDS = ("agency", "command", "indicator", "owner", "task")
_KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}
# Up to this many tasks holding a query are all listed (then kept, `_inside`); past it, only
# the first are, which is all a screenful needs.
_ALL_OF_FEW = 4096


class Tier(IntEnum):
    """How well a record matches: lower ranks first."""

    EXACT = 0  # the whole query is its id (or short name)
    WORD = 1  # every query word starts a word of it
    PART = 2  # every query word is inside a word of it
    LOOSE = 3  # the palette's own fuzzy match of a command title (its letters, in order)


@dataclass(frozen=True, slots=True)
class Hit:
    """One record found: its kind, its key (agency id, indicator id, owner, task id, or a
    command's position), the text to show (from the feed: data, never markup), how it
    matched and where it stands among its kind."""

    kind: str
    key: str
    label: str
    tier: Tier
    at: int  # its place in its kind's order; a task's, its position in the feed's tasks


@dataclass(frozen=True, slots=True)
class Entry:
    """A small record searched one by one: its spaced folded text and its exact keys."""

    kind: str
    key: str
    label: str
    text: str  # `spaced` folded fields: " " before every word
    exact: frozenset[str]  # spaced folded ids that match it exactly

    @staticmethod
    def of(
        kind: str, key: str, label: str, fields: Iterable[str | None], exact: Iterable[str | None]
    ) -> Entry:
        cut = [field[:SEARCHED_CHARS] for field in fields if field]
        return Entry(
            kind,
            key,
            label,
            spaced([fold_fields(*cut)])[0],
            frozenset(_spaced(fold(key)) for key in exact if key),
        )


@dataclass(frozen=True, slots=True)
class Query:
    """A query as the index looks for it: its words as needles (" " + word, the word's
    punctuation made spaces, as the texts were), and the whole of it for exact keys."""

    whole: str
    words: tuple[str, ...]  # longest first: the most selective fails soonest

    @staticmethod
    def of(text: str) -> Query:
        folded = fold(text)
        needles = {_spaced(word) for word in folded.split()}
        needles.discard(" ")  # a word of punctuation only: nothing to look for
        return Query(_spaced(folded), tuple(sorted(needles, key=len, reverse=True)))

    @property
    def is_blank(self) -> bool:
        return not self.words

    def tier(self, entry: Entry) -> Tier | None:
        """How `entry` matches this query, or None."""
        if self.whole in entry.exact:
            return Tier.EXACT
        text = entry.text
        if not all(word[1:] in text for word in self.words):
            return None
        if all(word in text for word in self.words):
            return Tier.WORD
        return Tier.PART


def _spaced(folded: str) -> str:
    """ " " + the folded text with every character not a letter or digit a space, squeezed:
    how a word is looked for where a word starts."""
    return " " + " ".join("".join(c if c.isalnum() else " " for c in folded).split())


def ranked(hits: Iterable[Hit], limit: int = SCREENFUL) -> list[Hit]:
    """Hits in rank order (tier, kind, then each kind's own order), at most `limit`."""
    return sorted(hits, key=lambda hit: (hit.tier, _KIND_RANK[hit.kind], hit.at))[:limit]


def match_entries(query: Query, entries: Sequence[Entry]) -> list[Hit]:
    """The entries `query` matches (their place in `entries` their kind's order)."""
    found = []
    for at, entry in enumerate(entries):
        tier = query.tier(entry)
        if tier is not None:
            found.append(Hit(entry.kind, entry.key, entry.label, tier, at))
    return found


class SearchIndex:
    """A feed's records as the palette searches them. The small ones (agencies, owners,
    indicators) are made at once; the tasks' texts on first use or by `warm`.

    A query costs at most two passes over the tasks' texts, each stopping once it has
    enough (`_holding`); typing on from a query with few tasks, none (`_inside`).
    """

    def __init__(self, feed: Feed, language: str) -> None:
        # Weak: the feed holds its index (`search_index`); a cycle would keep a replaced
        # feed until a collection.
        self._feed = weakref.ref(feed)
        self.language = language
        self.entries = self._entries(feed, language)
        self._texts: list[str] | None = None
        self._ids: dict[str, int] | None = None  # spaced folded id -> position
        # The last needles whose tasks were all found, and those tasks' positions.
        self._last: tuple[tuple[str, ...], list[int]] | None = None

    @property
    def feed(self) -> Feed:
        feed = self._feed()
        if feed is None:  # whoever holds an index holds its feed: not expected
            raise ReferenceError("the feed of this index was dropped")
        return feed

    @staticmethod
    def _entries(feed: Feed, language: str) -> list[Entry]:
        leads = dict.fromkeys(task.agency for task in feed.tasks)
        agencies = []
        for agency_id in leads:
            agency = feed.agencies.get(agency_id)
            name = feed.agency_name(agency_id, language)
            if agency is None:
                agencies.append(Entry.of("agency", agency_id, name, (agency_id,), (agency_id,)))
                continue
            fields = (agency.id, agency.name, agency.name_en, agency.short, *agency.aliases)
            agencies.append(Entry.of("agency", agency_id, name, fields, (agency.id, agency.short)))
        agencies.sort(key=lambda entry: sort_key(entry.label))
        indicators = [
            Entry.of(
                "indicator",
                item.id,
                item.display_name(language),
                (item.id, item.name, item.name_en),
                (item.id,),
            )
            for item in feed.indicators
        ]
        owners = sorted(
            {task.owner for task in feed.tasks if task.owner},
            key=sort_key,
        )
        return [
            *agencies,
            *indicators,
            *(Entry.of("owner", owner, owner, (owner,), ()) for owner in owners),
        ]

    def warm(self) -> None:
        """Make the tasks' search texts now (from a thread, once the figures are drawn)."""
        self._task_texts()

    def _task_texts(self) -> list[str]:
        if self._texts is None:
            cut = SEARCHED_CHARS
            tasks = self.feed.tasks
            texts = [
                fold_fields(
                    task.id,
                    task.title[:cut],
                    task.owner,
                    *(note.text[:cut] for note in task.notes),
                )
                for task in tasks
            ]
            self._ids = {_spaced(fold(task.id)): at for at, task in enumerate(tasks)}
            self._texts = spaced(texts)
        return self._texts

    def search(self, query: Query, limit: int = SCREENFUL) -> list[Hit]:
        """The records `query` finds, best first, at most `limit` (commands not included:
        the palette adds its own `Entry`s and ranks them with these, `ranked`)."""
        return ranked(self.hits(query, limit), limit)

    def hits(self, query: Query, limit: int = SCREENFUL) -> list[Hit]:
        """Every small record `query` finds and at most `limit` tasks (the first in the
        feed's order, word starts before insides), unranked."""
        if query.is_blank:
            return []
        found = match_entries(query, self.entries)
        texts = self._task_texts()
        exact = cast(dict[str, int], self._ids).get(query.whole)
        tasks = self.feed.tasks
        if exact is not None:
            found.append(Hit("task", tasks[exact].id, tasks[exact].title, Tier.EXACT, exact))
        words = query.words

        def at_starts(at: int) -> bool:
            text = texts[at]
            return all(word in text for word in words)

        # Every task with each word inside a word: those with each at a word's start are
        # among them, in the same order.
        inside, complete = self._inside(tuple(word[1:] for word in words))
        starts = list(islice(filter(at_starts, inside), limit))
        if len(starts) < limit and not complete:
            starts = list(islice(self._holding(words), limit))
        # Found inside a word only: fewer than `limit` tasks have every word at a word's
        # start when this runs, so it skips fewer than that.
        parts = list(islice(filterfalse(at_starts, inside), limit - len(starts)))
        for tier, positions in ((Tier.WORD, starts), (Tier.PART, parts)):
            for at in positions:
                if at != exact:
                    found.append(Hit("task", tasks[at].id, tasks[at].title, tier, at))
        return found

    def _inside(self, needles: tuple[str, ...]) -> tuple[list[int], bool]:
        """The first positions (`_ALL_OF_FEW` at most) of the tasks whose text holds every
        needle, and whether they are all of them.

        When they are all, they are kept: a query typed on from it (each needle it had is
        inside one it has now) holds only tasks among those, tested one by one — so after
        the key that made the hits few, each key costs a few thousand `in`s at most.
        """
        texts = self._texts or self._task_texts()
        last = self._last
        if last is not None and all(any(old in new for new in needles) for old in last[0]):
            return [at for at in last[1] if all(new in texts[at] for new in needles)], True
        held = list(islice(self._holding(needles), _ALL_OF_FEW))
        complete = len(held) < _ALL_OF_FEW
        if complete:
            self._last = (needles, held)
        return held, complete

    def _holding(self, needles: Sequence[str]) -> Iterator[int]:
        """The positions of the tasks whose text holds every needle, in the feed's order,
        found as they are taken: each `in` is a C loop (`map`, `compress`), the first
        needle's over every text, each next one's over the texts the ones before kept.
        Taking a screenful of a common word stops early; a rare one costs one pass."""
        texts = self._texts or self._task_texts()
        held: Iterator[int] = compress(count(), map(contains, texts, repeat(needles[0])))
        for needle in needles[1:]:
            positions, candidates = tee(held)
            held = compress(
                positions, map(contains, map(texts.__getitem__, candidates), repeat(needle))
            )
        return held


def note_found(task: Task, query: Query) -> Note | None:
    """The note that made `query` find the task, when its id, title and owner alone do
    not hold every word: the palette shows it, or the hit would not say why it is there."""
    words = [word[1:] for word in query.words]
    own = spaced([fold_fields(task.id, task.title[:SEARCHED_CHARS], task.owner)])[0]
    if all(word in own for word in words):
        return None
    notes = [note for note in task.notes if note.text]
    texts = spaced([fold(note.text[:SEARCHED_CHARS]) for note in notes])
    # Every word in one note, else the first note holding any (the words may be spread).
    for wanted in (all, any):
        for note, text in zip(notes, texts, strict=True):
            if wanted(word in text for word in words):
                return note
    return None


def search_index(feed: Feed, language: str) -> SearchIndex:
    """The palette's index of this feed in an interface language, held by the feed
    (`Feed.memo`, as `feed_index`): the warming thread and the palette get the same one."""
    key = (SearchIndex, language)
    index = feed.memo.get(key)
    if index is None:
        index = feed.memo.setdefault(key, SearchIndex(feed, language))
    return cast(SearchIndex, index)
