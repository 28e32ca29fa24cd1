"""A task list: id, title, state, due, days overdue or left, progress, source."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, overload

from rich.text import Text

from ..feed import Task, TaskState
from ..i18n.dates import format_due
from ..i18n.numbers import format_int
from ..i18n.strings import tr
from ..safety import one_line
from .marks import ThemeColours
from .virtual_table import Cells, Column, VirtualTable

# Column keys are the ids of the sorts in views.TASK_SORTS where one applies.
COLUMNS = [
    ("id", "Id"),
    ("title", "Title"),
    ("state", "State"),
    ("days", "Days"),
    ("due", "Due"),
    ("progress", "Progress"),
    ("agency", "Lead agency"),
    ("source", "Source"),
]
TITLE_WIDTH = 48
_ID, _AGENCY, _SOURCE, _DAYS = (
    attrgetter(name) for name in ("id", "agency", "source", "days_past_due")
)


def days_text(task: Task, language: str, colours: ThemeColours) -> Text:
    """`12 d overdue` for an overdue task, `5 d left` for an open one, nothing otherwise."""
    if task.days_overdue is not None:
        return Text(
            f"{format_int(task.days_overdue, language)} {tr('d overdue', language)}",
            style=colours.style("overdue", bold=True),
        )
    if task.days_left is not None:
        return Text(f"{format_int(task.days_left, language)} {tr('d left', language)}")
    return Text("")


def due_text(task: Task, language: str) -> Text:
    """The due date as the feed gave it (a month or a quarter stays so); none: ongoing."""
    if task.due is None:
        return Text(tr("ongoing", language), style="dim")
    return Text(one_line(format_due(task.due, language), 12))


class TaskKeys(Sequence[str]):
    """The row keys (task ids) of tasks shown by their positions in the feed's list.

    A filter keystroke on 100k tasks gives a new order of positions; a list of the ids in
    that order would touch 100k task objects scattered in memory (tens of ms). Ids are
    read only for the rows asked for: the ones drawn, the cursor's.
    """

    __slots__ = ("_position_of", "positions", "tasks")

    def __init__(
        self,
        tasks: Sequence[Task],
        positions: Sequence[int],
        position_of: Callable[[str], int | None],
    ) -> None:
        self.tasks = tasks  # the feed's tasks
        self.positions = positions  # the rows, as positions in `tasks`
        self._position_of = position_of  # a task id -> its position in `tasks`

    def __len__(self) -> int:
        return len(self.positions)

    @overload
    def __getitem__(self, row: int) -> str: ...
    @overload
    def __getitem__(self, row: slice) -> list[str]: ...
    def __getitem__(self, row: int | slice) -> str | list[str]:
        if isinstance(row, slice):
            return [self.tasks[p].id for p in self.positions[row]]
        return self.tasks[self.positions[row]].id

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TaskKeys):
            return NotImplemented
        return other.tasks is self.tasks and (
            other.positions is self.positions or other.positions == self.positions
        )

    __hash__ = None  # type: ignore[assignment]

    def index(self, key: object, start: int = 0, stop: int | None = None) -> int:
        position = self._position_of(key) if isinstance(key, str) else None
        if position is None:
            raise ValueError(key)
        return self.positions.index(position, start, len(self) if stop is None else stop)

    def task(self, key: str) -> Task:
        position = self._position_of(key)
        if position is None:
            raise KeyError(key)
        return self.tasks[position]


class TaskTable(VirtualTable):
    """Tasks, drawn only as they come into view; columns sized once per list of tasks."""

    def __init__(
        self, language: str, colours: ThemeColours, *, with_agency: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.with_agency = with_agency
        self.language = language
        self.colours = colours
        self.title_width = TITLE_WIDTH
        self.agency_names: dict[str, str] = {}
        self._universe: Sequence[Task] | None = None  # every task the list can show
        self._rows: TaskKeys | None = None
        self._changed: frozenset[str] = frozenset()
        self._widths: dict[str, int] = {}
        self._fit_width = 120

    def fit(self, width: int) -> None:
        """Give the title column what `width` leaves after id, state, days, due and
        progress, so those stay in view; the rows in view are drawn again."""
        self._fit_width = width
        self._set_columns()

    def _title_width(self) -> int:
        headings = dict(COLUMNS)
        fixed = sum(
            max(self._widths.get(key, 10), len(tr(headings[key], self.language))) + 2
            for key in ("id", "state", "days", "due", "progress")
        )
        # At 80 columns the due date matters more than the rest of a long title.
        return max(14, min(80, self._fit_width - fixed - 6))  # 6: borders and scrollbar

    def show_tasks(
        self,
        rows: TaskKeys,
        changed: frozenset[str] = frozenset(),
        universe: Sequence[Task] | None = None,
    ) -> None:
        """Show the tasks `rows` gives, in its order; `universe` is every task this list
        can show (the scope's), from which the columns are sized once, so a filter does
        not move them."""
        universe = [rows.task(key) for key in rows] if universe is None else universe
        if universe is not self._universe:
            self._universe = universe
            self._measure(universe)
        self._changed = changed
        self._rows = rows
        self.show(rows, self._cells_for)

    def _cells_for(self, key: str) -> Cells:
        assert self._rows is not None
        return self._cells_of_task(self._rows.task(key), key in self._changed)

    def _measure(self, tasks: Sequence[Task]) -> None:
        # map/attrgetter keep the loops over 100k tasks in C.
        lang = self.language
        most_days = max(map(abs, filter(None, map(_DAYS, tasks))), default=0)
        days = max(
            len(f"{format_int(most_days, lang)} {tr(word, lang)}")
            for word in ("d overdue", "d left")
        )
        agencies = {self.agency_names.get(a, a) for a in set(map(_AGENCY, tasks))}
        self._widths = {
            "id": min(24, max(map(len, map(_ID, tasks)), default=0)),
            "state": max(self.colours.state_text(s, lang).cell_len for s in TaskState) + 2,
            "days": days,
            "due": max(10, len(tr("ongoing", lang))),
            "progress": 4,
            "agency": min(24, max(map(len, agencies), default=0)),
            "source": min(20, max(map(len, filter(None, map(_SOURCE, tasks))), default=0)),
        }
        self._set_columns()

    def _set_columns(self) -> None:
        lang = self.language
        self.title_width = self._title_width()
        columns = []
        for key, label in COLUMNS:
            if key == "agency" and not self.with_agency:
                continue
            heading = tr(label, lang)
            width = self.title_width if key == "title" else self._widths.get(key, 8)
            columns.append(Column(key, heading, max(width, len(heading)), key == "progress"))
        self.set_columns(columns)

    def _cells_of_task(self, task: Task, changed: bool) -> Cells:
        lang = self.language
        progress = "" if task.progress is None else f"{format_int(round(task.progress), lang)}%"
        state = self.colours.state_text(task.state, lang)
        if changed:
            state.append(" ●", style=self.colours.style("notice", bold=True))
        cells = [
            Text(one_line(task.id, 24), style="bold" if task.key_task else ""),
            Text(one_line(task.title, self.title_width)),
            state,
            days_text(task, lang, self.colours),
            due_text(task, lang),
            Text(progress),
        ]
        if self.with_agency:
            cells.append(Text(one_line(self.agency_names.get(task.agency, task.agency), 24)))
        cells.append(Text(one_line(task.source or "", 20), style=self.colours.style("muted")))
        return tuple(cells)
