"""A task list: id, title, state, due, days overdue or left, progress, source."""

from __future__ import annotations

from rich.text import Text

from ..feed import Task
from ..i18n.dates import format_due
from ..i18n.numbers import format_int
from ..i18n.strings import tr
from ..safety import one_line
from .keyed_table import KeyedTable
from .marks import state_text, style

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


def days_text(task: Task, language: str) -> Text:
    """`12 d late` for an overdue task, `5 d left` for an open one, nothing otherwise."""
    if task.days_overdue is not None:
        return Text(
            f"{format_int(task.days_overdue, language)} {tr('d late', language)}",
            style=style("overdue", bold=True),
        )
    if task.days_left is not None:
        return Text(f"{format_int(task.days_left, language)} {tr('d left', language)}")
    return Text("")


def due_text(task: Task, language: str) -> Text:
    """The due date as the feed gave it (a month or a quarter stays so); none: ongoing."""
    if task.due is None:
        return Text(tr("ongoing", language), style="dim")
    return Text(one_line(format_due(task.due, language), 12))


# Id, state, days, due and progress with padding and scrollbar take about this many cells;
# the title gets the rest, so state and days stay in view at 80 columns.
FIXED_WIDTH = 66


class TaskTable(KeyedTable):
    def __init__(self, language: str = "en", *, with_agency: bool = True, **kwargs: object) -> None:
        self.with_agency = with_agency
        columns = [
            (key, tr(label, language)) for key, label in COLUMNS if with_agency or key != "agency"
        ]
        super().__init__(columns, **kwargs)
        self.language = language
        self.title_width = TITLE_WIDTH
        self.agency_names: dict[str, str] = {}

    def fit(self, width: int) -> bool:
        """Fit the title column to `width`; True when the rows must be drawn again."""
        title_width = max(24, min(80, width - FIXED_WIDTH))
        if title_width == self.title_width:
            return False
        self.title_width = title_width
        self.set_columns(self._columns, force=True)
        return True

    def show_tasks(self, tasks: list[Task], changed: frozenset[str] = frozenset()) -> None:
        self.show([(task.id, self._cells_of(task, task.id in changed)) for task in tasks])

    def _cells_of(self, task: Task, changed: bool) -> tuple[object, ...]:
        lang = self.language
        progress = "" if task.progress is None else f"{format_int(round(task.progress), lang)}%"
        state = state_text(task.state, lang)
        if changed:
            state.append(" ●", style=style("notice", bold=True))
        cells = [
            Text(one_line(task.id, 24), style="bold" if task.key_task else ""),
            Text(one_line(task.title, self.title_width)),
            state,
            days_text(task, lang),
            due_text(task, lang),
            Text(progress, justify="right"),
        ]
        if self.with_agency:
            cells.append(Text(one_line(self.agency_names.get(task.agency, task.agency), 24)))
        cells.append(Text(one_line(task.source or "", 20), style="dim"))
        return tuple(cells)
