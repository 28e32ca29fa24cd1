"""A feed's task orders and search texts, made once per feed and interface language and
shared by every task list of that feed (`Feed.memo`)."""

from __future__ import annotations

import weakref
from bisect import bisect_left
from collections.abc import Callable, Iterable
from datetime import date
from itertools import compress, repeat
from operator import contains, itemgetter
from typing import TYPE_CHECKING, Any, cast

from ..feed import Feed, Task, TaskState
from ..i18n.collation import sort_key
from ..i18n.search import fold_fields
from ..rollup import Counts, counts_of_slots, state_slot
from ..task_delta import TaskDelta
from .agencies import agency_haystack
from .search_text import spaced
from .sorts import Sort

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

# Urgency: overdue longest first, then open tasks due soonest, then the completed.
_STATE_RANK = {
    TaskState.OVERDUE: 0,
    TaskState.ON_TIME: 1,
    TaskState.COMPLETED_LATE: 2,
    TaskState.COMPLETED: 3,
}
TASK_SORTS: tuple[Sort, ...] = (
    Sort("urgency", "most urgent first", False, "least urgent first"),
    Sort("due", "due date ↑", False, "due date ↓"),
    Sort("id", "id", False, "id ↓"),
    Sort("state", "state", False, "state ↓"),
    Sort("progress", "progress ↑", False, "progress ↓"),
    Sort("agency", "agency A–Z", False, "agency Z–A"),
    Sort("title", "title A–Z", False, "title Z–A"),
)
_FAR = 10**6


def _urgency_number(task: Task) -> int:
    """`_urgency` as one number."""
    past = task.days_past_due
    return _STATE_RANK[task.state] * 4 * _FAR + (_FAR if past is None else -past)


_NO_DATE = date.max.toordinal() + 1


def _due_number(task: Task) -> int:
    return _NO_DATE if task.deadline is None else task.deadline.toordinal()


def _text_of(task: Task, agencies: dict[str, str]) -> str:
    """A task's search text before spacing; `agencies`: each agency's search text."""
    # One join, not two +: each copies the text, and a title may be 40 MB.
    return " ".join(
        (
            # An owner is at most 200 characters (the loader's rule).
            fold_fields(task.id, task.title, task.source, task.group, task.owner),
            agencies.get(task.agency, ""),
        )
    )


def picked(flags: bytes | bytearray, positions: list[int]) -> Iterable[int]:
    """`flags` at each of `positions`, in one call into C when there are several."""
    if len(positions) < 2:
        return [flags[position] for position in positions]
    return cast(tuple[int, ...], itemgetter(*positions)(flags))


def _urgency(task: Task) -> tuple[int, int]:
    past = task.days_past_due
    return (_STATE_RANK[task.state], -past if past is not None else _FAR)


class FeedIndex:
    """Orders and search texts of a feed's tasks, made once per feed and shared by every
    task list of it (all tasks, a group, an agency) — and warmed off the event loop when a
    feed arrives (`warm`), so the first view or keystroke does not pay for them.

    Orders are lists of positions in `feed.tasks`.
    """

    def __init__(self, feed: Feed, language: str) -> None:
        # Weak: the feed holds its index (`feed_index`), and a cycle between them would
        # keep a replaced feed until a collection, never once it is frozen (gc_policy).
        self._feed = weakref.ref(feed)
        self.language = language
        self._orders: dict[str, list[int]] = {}
        self._texts: list[str] | None = None  # each task's folded search text
        self._slots: bytes | None = None  # each task's state_slot
        # The last feed's texts and the positions replaced since (`carried`).
        self._texts_before: tuple[list[str], tuple[int, ...]] | None = None
        self._positions: dict[str, int] | None = None  # task id -> position
        self._found: dict[str, bytearray] = {}  # word -> 1 for each task it is found in
        self._agency_keys: dict[str, tuple[str, ...]] = {}

    @property
    def feed(self) -> Feed:
        feed = self._feed()
        if feed is None:  # whoever holds an index holds its feed: not expected
            raise ReferenceError("the feed of this index was dropped")
        return feed

    def warm(self) -> None:
        """Make the default order, the search text, the id map and the states' slots now
        (from a thread)."""
        self.order(TASK_SORTS[0].id)
        self._search_texts()
        self.position_of("")
        self.state_slots()

    def state_slots(self) -> bytes:
        """Each task's `state_slot`, by position: a filtered list's figures are counted
        from these in C, without reading the 100k task objects scattered in memory."""
        if self._slots is None:
            self._slots = bytes(map(state_slot, self.feed.tasks))
        return self._slots

    def counts_at(self, positions: list[int]) -> Counts:
        """The figures of the tasks at these positions."""
        return counts_of_slots(bytes(picked(self.state_slots(), positions)))

    def position_of(self, task_id: str) -> int | None:
        """Where the task with this id stands in `feed.tasks`."""
        if self._positions is None:
            self._positions = {task.id: i for i, task in enumerate(self.feed.tasks)}
        return self._positions.get(task_id)

    def order(self, sort_id: str, reverse: bool = False) -> list[int]:
        """The positions in `sort_id`'s order, or that order reversed (the same sort key
        pressed again)."""
        if reverse:
            backwards = self._orders.get(f"-{sort_id}")
            if backwards is None:
                backwards = self._orders[f"-{sort_id}"] = self.order(sort_id)[::-1]
            return backwards
        order = self._orders.get(sort_id)
        if order is None:
            tasks = self.feed.tasks
            if sort_id in ("urgency", "due"):
                order = self._by_numbers(sort_id)
            else:
                keys = self._keys(sort_id)
                order = sorted(range(len(tasks)), key=keys.__getitem__)
            self._orders[sort_id] = order
        return order

    def _by_numbers(self, sort_id: str) -> list[int]:
        """The two sorts every list opens with, as stable passes on plain numbers (least
        significant first): 100k tuple comparisons cost several times more."""
        tasks = self.feed.tasks
        order = sorted(range(len(tasks)), key=[t.id for t in tasks].__getitem__)
        urgency = list(map(_urgency_number, tasks))
        order.sort(key=urgency.__getitem__)
        if sort_id == "due":
            due = list(map(_due_number, tasks))
            order.sort(key=due.__getitem__)
        return order

    def _key_of(self, sort_id: str) -> Callable[[Task], Any]:
        """A task's whole key in `sort_id`'s order: every order ends with the task's id,
        unique in a feed, so the keys give the one order the sorts above give."""
        rank = _STATE_RANK
        if sort_id == "urgency":
            return lambda t: (_urgency_number(t), t.id)
        if sort_id == "due":
            return lambda t: (_due_number(t), _urgency_number(t), t.id)
        if sort_id == "state":
            return lambda t: (rank[t.state], t.id)
        if sort_id == "progress":
            return lambda t: (t.progress is None, t.progress or 0, t.id)
        if sort_id == "agency":
            agency = self._agency_key
            return lambda t: (agency(t.agency), _urgency(t), t.id)
        if sort_id == "title":
            return lambda t: (sort_key(t.title), t.id)
        return lambda t: t.id

    def carried(self, delta: TaskDelta) -> FeedIndex:
        """This index (of `delta.before`) made for the refreshed feed `delta.after`: the
        orders and search texts made so far, with the replaced tasks taken out and put
        back where they now belong; the id map as it is (each replaced task kept its id
        and position). What the whole feed would give, in the time of the few tasks."""
        index = FeedIndex(delta.after, self.language)
        index._positions = self._positions  # never written once made: shared
        index._agency_keys = self._agency_keys.copy()  # the same agencies
        tasks = delta.after.tasks
        moved = delta.replaced
        if (made_slots := self._slots) is not None:
            slots = bytearray(made_slots)
            for position in moved:
                slots[position] = state_slot(tasks[position])
            index._slots = bytes(slots)
        keep = bytearray(b"\1") * len(tasks)
        for position in moved:
            keep[position] = 0
        # Copies: the event loop may add to the last feed's index while this runs.
        for sort_id, order in list(self._orders.items()):
            if sort_id.startswith("-"):  # a reversed order: reversed again when asked
                continue
            key = self._key_of(sort_id)

            def key_at(position: int, key: Callable[[Task], Any] = key) -> Any:
                return key(tasks[position])

            kept = list(compress(order, picked(keep, order)))
            made: list[int] = []
            start = 0
            for position in sorted(moved, key=key_at):
                at = bisect_left(kept, key_at(position), key=key_at)
                made += kept[start:at]
                made.append(position)
                start = at
            made += kept[start:]
            index._orders[sort_id] = made
        # The search texts once asked for (after the frame: by the warming thread).
        if (made_texts := self._texts) is not None:
            index._texts_before = (made_texts, moved)
        return index

    def _keys(self, sort_id: str) -> list[SupportsRichComparison]:
        """Sort keys for the sorts not done by `_by_numbers`."""
        tasks = self.feed.tasks
        rank = _STATE_RANK
        if sort_id == "state":
            return [(rank[t.state], t.id) for t in tasks]
        if sort_id == "progress":
            return [(t.progress is None, t.progress or 0, t.id) for t in tasks]
        if sort_id == "agency":
            agency = self._agency_key
            return [(agency(t.agency), _urgency(t), t.id) for t in tasks]
        if sort_id == "title":
            return [(sort_key(t.title), t.id) for t in tasks]
        return [t.id for t in tasks]

    def _agency_key(self, agency_id: str) -> tuple[str, ...]:
        key = self._agency_keys.get(agency_id)
        if key is None:
            key = self._agency_keys[agency_id] = sort_key(
                self.feed.agency_name(agency_id, self.language)
            )
        return key

    def _agency_texts(self) -> dict[str, str]:
        return {
            agency_id: agency_haystack(agency) for agency_id, agency in self.feed.agencies.items()
        }

    def _search_texts(self) -> list[str]:
        if self._texts is None:
            agencies = self._agency_texts()
            tasks = self.feed.tasks
            before = self._texts_before
            if before is None:
                texts = spaced([_text_of(task, agencies) for task in tasks])
            else:  # the last feed's, with the replaced tasks' made again
                texts, moved = list(before[0]), before[1]
                made = spaced([_text_of(tasks[position], agencies) for position in moved])
                for position, text in zip(moved, made, strict=True):
                    texts[position] = text
            self._texts, self._texts_before = texts, None
        return self._texts

    @staticmethod
    def _needle(word: str) -> str:
        # The word is read as the text was: "57-nq/tw" is looked for as "57 nq tw".
        return " " + " ".join("".join(c if c.isalnum() else " " for c in word).split())

    def found(self, word: str) -> bytearray:
        """1 for each task (by position) where `word` starts a word of its search text.

        One `in` per task, the loop in C (`map`): about 10 ms at 100k tasks however many
        tasks hold the word.
        """
        mask = self._found.get(word)
        if mask is not None:
            return mask
        texts, needle = self._search_texts(), self._needle(word)
        if needle == " ":  # only punctuation: nothing left to look for
            mask = bytearray(b"\1" * len(texts))
        else:
            mask = bytearray(map(contains, texts, repeat(needle)))
        if len(self._found) > 64:
            self._found.clear()
        self._found[word] = mask
        return mask

    def holding(self, word: str, candidates: list[int]) -> list[int]:
        """The positions among `candidates` (in their order) whose text holds `word`."""
        texts = self._search_texts()
        if len(candidates) * 4 >= len(texts) or word in self._found:
            return list(compress(candidates, map(self.found(word).__getitem__, candidates)))
        # Few candidates (typing on narrows the last result): test only those.
        needle = self._needle(word)
        if needle == " ":
            return list(candidates)
        return list(
            compress(candidates, map(contains, map(texts.__getitem__, candidates), repeat(needle)))
        )


def feed_index(feed: Feed, language: str) -> FeedIndex:
    """The index of this feed in an interface language. The feed holds it (`Feed.memo`):
    it lives exactly as long as the feed, and the refresh thread and the event loop asking
    at once get the same one (`setdefault` is atomic), where a module-wide cache written
    from both could hand each its own."""
    key = (FeedIndex, language)
    index = feed.memo.get(key)
    if index is None:
        index = feed.memo.setdefault(key, FeedIndex(feed, language))
    return cast(FeedIndex, index)
