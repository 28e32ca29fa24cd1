"""The agencies table: a row per lead agency, from `views.agency_rows`, updated by key.

Every figure is a roll-up figure; nothing is counted here. Figures that moved at the last
refresh carry their change (+3, −1) for a few seconds.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from ..baseline import Comparison
from ..i18n.numbers import format_int, format_percent
from ..i18n.strings import tr
from ..rollup import Bucket, Counts
from ..safety import one_line
from ..views import AgencyRow
from .keyed_table import KeyedTable
from .marks import ThemeColours, signed

# What a meeting looks at first comes first, so it is visible even at 80 columns.
# Column keys are the ids of the sorts in views.AGENCY_SORTS ("agency" sorts by name).
COLUMNS = [
    ("agency", "Agency"),
    ("overdue", "Overdue"),
    ("percent", "% completed"),
    ("assigned", "Assigned"),
    ("completed", "Completed"),
    ("on_time", "On time"),
    ("late", "Completed late"),
    ("bar", ""),
]
# With a baseline, after the figures: what moved since it.
CHANGE_COLUMNS = [("since_completed", "± Completed"), ("since_overdue", "± Overdue")]
BAR = 10
NAME_WIDTH = 30


def mini_bar(counts: Counts, colours: ThemeColours, width: int = BAR) -> Text:
    """Completed, on time and overdue shares of an agency, each with its own symbol."""
    if counts.assigned == 0:
        return Text("·" * width, style=colours.style("muted"))
    done = round(counts.completed * width / counts.assigned)
    late = round(counts.overdue * width / counts.assigned)
    if counts.overdue and not late:
        late = 1
    done = min(done, width - late)
    text = Text("█" * done, style=colours.style("completed"))
    text.append("░" * (width - done - late), style=colours.style("on_time"))
    text.append("▓" * late, style=colours.style("overdue"))
    return text


BAR_COLUMN_WIDTH = BAR + 2  # with its padding
FIGURE_WIDTH = 4  # "! 12" (a change mark "+3" widens a column for a few seconds)


class AgencyTable(KeyedTable):
    """Lead agencies with their counts; with a baseline, what moved since it."""

    def __init__(self, language: str, colours: ThemeColours, **kwargs: object) -> None:
        super().__init__(self._columns_for(language, bar=True, changes=False), **kwargs)
        self.language = language
        self.colours = colours
        self.name_width = NAME_WIDTH
        self.with_bar = True
        self.with_changes = False  # while a baseline is compared
        self._width = 0

    @staticmethod
    def _columns_for(language: str, *, bar: bool, changes: bool) -> list[tuple[str, str]]:
        # With the change columns, on time and late make way (the headline and every
        # export keep them): the agency's name must stay readable beside the indicators.
        dropped = {"bar", "on_time", "late"} if changes else {"bar"}
        columns = [(key, tr(label, language)) for key, label in COLUMNS if key not in dropped]
        if changes:
            columns += [(key, tr(label, language)) for key, label in CHANGE_COLUMNS]
        if bar:
            columns.append(("bar", ""))
        return columns

    def fit(self, width: int) -> bool:
        """Fit the columns to `width` cells: the bar goes first, then the name shortens.
        True when the rows must be drawn again."""
        self._width = width
        # The figure columns are as wide as their headings (longer in Vietnamese), plus
        # padding; then the name's padding and the scrollbar.
        figures = sum(
            max(cell_len(label), FIGURE_WIDTH) + 2
            for key, label in self._columns_for(self.language, bar=False, changes=self.with_changes)
            if key != "agency"
        )
        fixed = figures + 2 + 2
        with_bar = width - fixed - BAR_COLUMN_WIDTH >= 24
        spare = width - fixed - (BAR_COLUMN_WIDTH if with_bar else 0)
        name_width = max(12, min(44, spare))
        changed = (with_bar, name_width) != (self.with_bar, self.name_width)
        self.with_bar, self.name_width = with_bar, name_width
        self.set_columns(
            self._columns_for(self.language, bar=with_bar, changes=self.with_changes),
            force=changed,
        )
        return changed

    def show_rows(
        self,
        rows: list[AgencyRow],
        changes: dict[str, dict[Bucket, int]] | None = None,
        since: Comparison | None = None,
    ) -> None:
        """`changes`: what moved at the last refresh (marks for a few seconds); `since`:
        the comparison with the baseline, whose change columns show while it is set."""
        if (since is not None) != self.with_changes:
            self.with_changes = since is not None
            if self._width:
                self.fit(self._width)
            else:
                self.set_columns(
                    self._columns_for(self.language, bar=self.with_bar, changes=self.with_changes)
                )
        changes = changes or {}
        self.show(
            [
                (
                    row.agency.id,
                    self._cells_of(
                        row,
                        changes.get(row.agency.id, {}),
                        since.of_agency(row.agency.id) if since is not None else None,
                    ),
                )
                for row in rows
            ]
        )

    def _cells_of(
        self, row: AgencyRow, moved: dict[Bucket, int], since: dict[Bucket, int] | None
    ) -> tuple[object, ...]:
        counts, lang, colours = row.counts, self.language, self.colours

        def figure(bucket: Bucket, style: str = "") -> Text:
            text = Text(format_int(counts.get(bucket), lang), style=style)
            return colours.with_change(text, moved.get(bucket), lang)

        overdue = (
            Text("! ", style=colours.style("overdue", bold=True))
            + figure(Bucket.OVERDUE, colours.style("overdue", bold=True))
            if counts.overdue
            else figure(Bucket.OVERDUE)
        )
        percent = format_percent(counts.share(Bucket.COMPLETED).percent(0), 0, lang)
        cells: tuple[Text, ...] = (
            Text(one_line(row.agency.display_name(lang), self.name_width)),
            overdue,
            Text(percent),
            figure(Bucket.ASSIGNED),
            figure(Bucket.COMPLETED),
        )
        if since is None:
            cells += (figure(Bucket.ON_TIME), figure(Bucket.COMPLETED_LATE, colours.style("muted")))
        else:
            done, late = since.get(Bucket.COMPLETED, 0), since.get(Bucket.OVERDUE, 0)
            cells += (
                Text(signed(done, lang), style=colours.style("completed" if done > 0 else "muted")),
                # More overdue than at the baseline is the bad direction.
                Text(
                    signed(late, lang),
                    style=colours.style("overdue", bold=True)
                    if late > 0
                    else colours.style("muted"),
                ),
            )
        for cell in cells[1:]:
            cell.justify = "right"
        return (*cells, mini_bar(counts, colours)) if self.with_bar else cells
