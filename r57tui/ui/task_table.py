"""A task list: id, title, state, due, days overdue or left, progress, source."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, overload

from rich.cells import cell_len
from rich.text import Text

from ..feed import Task, TaskState
from ..i18n.dates import format_due
from ..i18n.numbers import format_int
from ..i18n.strings import tr
from ..safety import one_line
from ..views.shown import latest_note
from ..views.task_measures import TaskMeasures
from .column_widths import ColumnNeed, fit_columns
from .marks import ThemeColours
from .name_forms import cut, fit_name, name_widths
from .virtual_table import Cells, Column, VirtualTable

# Column keys are the ids of the sorts in views.TASK_SORTS where one applies.
COLUMNS = [
    # Several sources added up: which source the task came from.
    ("feed", "Feed"),
    ("id", "Id"),
    ("title", "Title"),
    # In the list of tasks at risk: why each is (the rule's words), after its title.
    ("reason", "Why at risk"),
    ("state", "State"),
    ("days", "Days"),
    ("due", "Due"),
    ("progress", "Progress"),
    ("agency", "Lead agency"),
    ("source", "Source"),
    ("note", "Latest note"),
]
# A title wider than this is read under the table (the cursor's row) or in the task.
# A title keeps this much when an agency's name is made whole beside it; the due date
# (60), progress (30) and source (50) make way for that name first.
TITLE_FLOOR = 36
AGENCY_OVER = 65
# The title is the text a person reads: the due date, progress and source make way for
# it to keep this much (the days overdue or left say when; the task, the rest).
TITLE_READS = 24
TITLE_CAP = 120
# The latest note is why a task is late. In one agency's list it is worth more whole
# than the due date, progress and source (they make way for it at a projector's width,
# as they do for an agency's name in the other lists); where the lead agency's name is
# shown it takes only the room the other columns leave whole (`extra`). Narrower than
# NOTE_LEAST, it goes: the line under the table says it whole for the cursor's task.
NOTE_CAP = 160
NOTE_OVER = 65
NOTE_LEAST = 24
# "đã làm 70%, đã qua 100% thời gian": a reason is read whole in its row down to this.
REASON_LEAST = 34


def days_text(task: Task, language: str, colours: ThemeColours) -> Text:
    """`12 d overdue` for an overdue task, `5 d left` for an open one, nothing otherwise."""
    if task.days_overdue is not None:
        return Text(
            f"{format_int(task.days_overdue, language)} {tr('d overdue', language)}",
            style=colours.style("overdue", bold=True),
        )
    if task.days_left == 0:
        return Text(tr("due today", language))  # "0 d left" reads as already late
    if task.days_left is not None:
        return Text(f"{format_int(task.days_left, language)} {tr('d left', language)}")
    return Text("")


def due_text(task: Task, language: str) -> Text:
    """The due date as the feed gave it (a month or a quarter stays so); none: ongoing."""
    if task.due is None:
        return Text(tr("ongoing", language), style="dim")
    return Text(one_line(format_due(task.due, language), 12))


def origin_of(origin: Mapping[str, tuple[str, str]] | None, task: Task) -> tuple[str, str]:
    """A task's source and its own id there (the consolidated view); none: its id."""
    return origin.get(task.id, ("", task.id)) if origin else ("", task.id)


def note_need(longest: int, own: bool, heading: int) -> ColumnNeed:
    """The latest note's column: in one agency's list (`own`) it shares the slack and
    reads whole up to NOTE_OVER; beside the lead agency, only in the room every other
    column leaves."""
    return ColumnNeed(
        "note",
        max(min(NOTE_CAP, longest), heading),
        priority=70 if own else 40,
        minimum=min(longest, NOTE_LEAST),
        flexible=own,
        whole_over=NOTE_OVER if own else None,
        extra=not own,
    )


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
    """Tasks, drawn only as they come into view; columns sized once per list of tasks and
    fitted to the width (column_widths.py): the title and the lead agency share what the
    other columns leave, and the agency shows whole, or by its short form, at any width."""

    def __init__(
        self, language: str, colours: ThemeColours, *, with_agency: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.with_agency = with_agency
        self.language = language
        self.colours = colours
        # Agency id -> (its name in the language, the feed's short form).
        self.agency_names: dict[str, tuple[str, str | None]] = {}
        self._universe: Sequence[Task] | None = None  # every task the list can show
        self._rows: TaskKeys | None = None
        self._changed: frozenset[str] = frozenset()
        self._needs: list[ColumnNeed] = []
        self._fit_width = 120
        self.has_notes = False  # a task the list can show has a note
        self.sorted: tuple[str, str] | None = None  # the sorted column's key and arrow
        # Why a task is at risk, while the list shows the tasks at risk (None otherwise).
        self.reasons: Mapping[str, str] | None = None  # task id -> why
        # Several sources added up: task id -> (its source, its own id there); None: one.
        self.origin: Mapping[str, tuple[str, str]] | None = None

    def show_reasons(self, reasons: Mapping[str, str] | None) -> None:
        """Give each row its reason (the tasks at risk, by id) or none: the columns are
        measured again at the next rows when that changes."""
        if reasons is not self.reasons:
            self._universe = None
        self.reasons = reasons

    def show_origin(self, origin: Mapping[str, tuple[str, str]] | None) -> None:
        """Give each row its source and own id there (the consolidated view), or not."""
        if origin is not self.origin:
            self._universe = None
        self.origin = origin

    def mark_sorted(self, column: str | None, arrow: str = "") -> None:
        """The column the rows are sorted by and which way: its heading carries the arrow."""
        marked = None if column is None else (column, arrow)
        if marked != self.sorted:
            self.sorted = marked
            self._set_columns()

    def fit(self, width: int) -> None:
        """Fit the columns to `width` cells; the rows in view are drawn again."""
        self._fit_width = width
        self._set_columns()

    def refit(self) -> None:
        if self.size.width:
            self.fit(self.available_width())

    def show_tasks(
        self,
        rows: TaskKeys,
        changed: frozenset[str] = frozenset(),
        universe: Sequence[Task] | None = None,
        measures: TaskMeasures | None = None,
    ) -> None:
        """Show the tasks `rows` gives, in its order; `universe` is every task this list
        can show (the scope's), from which the columns are sized once, so a filter does
        not move them. `measures`: the universe's, when made already."""
        universe = [rows.task(key) for key in rows] if universe is None else universe
        if universe is not self._universe:
            self._universe = universe
            self._measure(universe, measures or TaskMeasures.of(universe))
        self._changed = changed
        self._rows = rows
        self.show(rows, self._cells_for)

    def _cells_for(self, key: str) -> Cells:
        assert self._rows is not None
        return self._cells_of_task(self._rows.task(key), key in self._changed)

    def task_of(self, key: str) -> Task | None:
        if self._rows is None:
            return None
        try:
            return self._rows.task(key)
        except KeyError:
            return None

    def agency_name(self, agency: str) -> str:
        """The agency's whole name, for the line under the table."""
        return self.agency_names.get(agency, (agency, None))[0]

    def _measure(self, tasks: Sequence[Task], measures: TaskMeasures) -> None:
        lang = self.language
        most_days = measures.most_days
        days = max(
            len(f"{format_int(most_days, lang)} {tr(word, lang)}")
            for word in ("d overdue", "d left")
        )
        agencies = [
            name_widths(name, short, lang)
            for name, short in (self.agency_names.get(a, (a, None)) for a in measures.agency_ids)
        ]
        headings = {key: cell_len(tr(label, lang)) for key, label in COLUMNS}
        # A changed task's state carries " ●" for a few seconds: room for it when there is.
        # Sized for the states the list holds: one agency's list without a task completed
        # late gives "completed late"'s room to the titles.
        states = measures.state_set or set(TaskState)
        state = max(self.colours.state_text(s, lang).cell_len for s in states)
        longest_title = measures.longest_title
        agency_whole = max((whole for whole, _ in agencies), default=0)
        agency_short = max((short for _, short in agencies), default=0)

        def need(key: str, natural: int, priority: int, **more: Any) -> ColumnNeed:
            return ColumnNeed(key, max(natural, headings[key]), priority=priority, **more)

        # The line under the table names the cursor's task by id and whole title: at 80
        # columns the id makes way before the days late and the state.
        # Every task at risk is on time: the reason says more than the state would.
        at_risk = self.reasons is not None
        origins = [origin_of(self.origin, t) for t in tasks] if self.origin else None
        longest_id = (
            measures.longest_id
            if origins is None
            else max((len(own) for _, own in origins), default=0)
        )
        needs = [
            need("id", min(24, longest_id), 80),
            need(
                "title",
                min(TITLE_CAP, longest_title),
                100,
                minimum=16,
                flexible=True,
                weight=2,
                floor=TITLE_FLOOR,
                whole_over=AGENCY_OVER,
                readable=TITLE_READS,
            ),
            *([] if at_risk else [need("state", state + 2, 90, minimum=state)]),
            need("days", days, 85),
            need("due", max(10, len(tr("ongoing", lang))), 60),
            need("progress", 4, 30),
        ]
        if origins is not None:  # where a row came from, in the sources added up
            names = {name for name, _ in origins}
            needs.append(need("feed", min(24, max(map(cell_len, names), default=0)), 90))
        if self.reasons is not None:
            # Whole with its due date on the line under the table; in a row, without it
            # (the days left say it): "70% done, 100% of the time gone" whole even at 80
            # columns, where the days left make way for it.
            longest = max(map(cell_len, self.reasons.values()), default=0)
            needs.append(
                need("reason", longest, 92, minimum=min(longest, REASON_LEAST), flexible=True)
            )
        if self.with_agency:
            # Whose task it is shows at every width: at least the short forms and the
            # heading; past them the agency and the title share the slack evenly.
            least = max(min(agency_short, 12), headings["agency"], 6)
            # Wide enough (a projector's 160 columns), the whole name before the due
            # date, the progress and the source, while the title keeps TITLE_FLOOR.
            needs.append(
                need(
                    "agency",
                    agency_whole,
                    95,
                    minimum=least,
                    flexible=True,
                    weight=2,
                    whole_over=AGENCY_OVER,
                )
            )
        # The source document is text too: it takes a smaller share of the slack. None
        # named: no column (it stood 1 cell wide, empty).
        sources = measures.longest_source
        if sources:
            needs.append(
                need("source", min(32, sources), 50, minimum=min(sources, 12), flexible=True)
            )
        longest_note = measures.longest_note
        if longest_note:
            needs.append(note_need(longest_note, not self.with_agency, headings["note"]))
        self.has_notes = bool(longest_note)
        self._needs = needs
        self._set_columns()

    def _set_columns(self) -> None:
        if not self._needs:
            return
        lang = self.language
        headings = {key: tr(label, lang) for key, label in COLUMNS}
        needs = self._needs
        if self.sorted is not None and self.sorted[0] in headings:
            # "Thời hạn ↑": the sorted column is wide enough for its heading and arrow.
            column, arrow = self.sorted
            headings[column] = f"{headings[column]} {arrow}"
            wide = cell_len(headings[column])
            needs = [
                replace(n, natural=max(n.natural, wide)) if n.key == column else n for n in needs
            ]
        widths = fit_columns(needs, self._fit_width)
        self.set_columns(
            [
                Column(key, cut(headings[key], widths[key]), widths[key], key == "progress")
                for key, _ in COLUMNS
                if key in widths
            ]
        )

    def _cells_of_task(self, task: Task, changed: bool) -> Cells:
        lang = self.language
        widths = {column.key: column.width for column in self._columns}
        progress = "" if task.progress is None else f"{format_int(round(task.progress), lang)}%"
        state = self.colours.state_text(task.state, lang)
        if changed:
            state.append(" ●", style=self.colours.style("notice", bold=True))
        title_width = widths.get("title", TITLE_CAP)
        agency_width = widths.get("agency", 24)
        note = latest_note(task) if "note" in widths else None
        reason = self.reasons.get(task.id) if self.reasons is not None else None
        source, own_id = origin_of(self.origin, task)
        cells = {
            "feed": Text(one_line(source, widths.get("feed", 24))),
            "id": Text(one_line(own_id, 24), style="bold" if task.key_task else ""),
            "title": Text(cut(task.title[: title_width * 4], title_width)),
            "reason": Text(
                cut(reason, widths.get("reason", 40)) if reason else "",
                style=self.colours.style("notice"),
            ),
            "state": state,
            "days": days_text(task, lang, self.colours),
            "due": due_text(task, lang),
            "progress": Text(progress),
            "agency": Text(
                fit_name(
                    *self.agency_names.get(task.agency, (task.agency, None)), agency_width, lang
                )
            ),
            "source": Text(
                cut((task.source or "")[:200], widths.get("source", 24)),
                style=self.colours.style("muted"),
            ),
            "note": Text(cut(note.text[: NOTE_CAP * 4], widths.get("note", 24)) if note else ""),
        }
        return tuple(cells[column.key] for column in self._columns)
