"""The agencies table: a row per lead agency, from `views.agency_rows`, updated by key;
or, by owner, a row per member in charge (`views.owner_rows`) with the same columns.

Every figure is a roll-up figure; nothing is counted here. Figures that moved at the last
refresh carry their change (+3, −1) for a few seconds. The sorted column's heading
carries the order's arrow.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.text import Text

from ..baseline import Comparison
from ..feed import Agency
from ..i18n.numbers import format_int, format_percent
from ..i18n.strings import tr
from ..rollup import Bucket, Counts
from ..views import AgencyRow, OwnerRow
from .column_widths import ColumnNeed, fit_columns
from .keyed_table import KeyedTable
from .marks import ThemeColours, signed
from .name_forms import cut, fit_name, name_widths, readable_width, wrap_title

# What a meeting looks at first comes first, so it is visible even at 80 columns.
# Column keys are the ids of the sorts in views.AGENCY_SORTS ("agency" sorts by name).
COLUMNS = [
    ("agency", "Agency"),
    ("overdue", "Overdue"),
    ("overdue_rate", "% overdue"),
    ("at_risk", "At risk"),
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
BAR_ROOM = BAR + 2  # with its padding
# By owner, the name column's heading.
OWNER_HEADING = "Owner"
# An owner's row key: the owner, apart from any agency id and from the tasks without one.
NO_OWNER_KEY = "no-owner"


def owner_key(owner: str | None) -> str:
    return NO_OWNER_KEY if owner is None else f"owner:{owner}"


CountedRow = AgencyRow | OwnerRow


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


FIGURE_WIDTH = 4  # "! 12" (a change mark "+3" widens a column for a few seconds)
# The least a name gets before the bar, then the least important figures, make way: a
# short form reads, but a name whole reads better.
NAME_MINIMUM = 20
# What a meeting looks at first stays longest (column_widths.py drops the lowest first).
# A name whole is worth more than the completed-late, on-time and completed columns (the
# headline and the exports keep those figures; the share completed stays): at 160 columns
# an English name of 63 letters fits beside the overdue count, its rate and the arrow of
# the sorted column's heading.
NAME_OVER = 62
PRIORITIES = {
    "agency": 100,
    "overdue": 90,
    "percent": 80,
    # Below assigned (the rate's denominator), above completed: at 80 columns the
    # overdue count, its rate and what it is of all stay.
    "overdue_rate": 65,
    # The early warning, beside what is already overdue: at 80 columns every figure above
    # fits with it; at 160 it makes way (after completed) only for a name that would
    # otherwise be cut: an English name that reads in its usual abbreviations (the
    # demo's 66 letters in 57) keeps it, as the rule for names says.
    "at_risk": 61,
    "assigned": 70,
    "completed": 60,
    # With a baseline, what moved is the point: above completed (a name whole does not
    # take them).
    "since_overdue": 64,
    "since_completed": 63,
    "on_time": 50,
    "late": 40,
    "bar": 10,
}
# An owner's title wraps over at most this many lines in a column too narrow for it.
OWNER_LINES = 4
# The column the rows are sorted by stays while the count assigned does: a sort whose
# column is gone says nothing ("Nguy cơ ↓" at 80 columns).
SORTED_PRIORITY = 71


class AgencyTable(KeyedTable):
    """Lead agencies (or owners) with their counts; with a baseline, what moved since it.
    Columns are fitted to the width (column_widths.py): names take the slack, the bar
    goes first."""

    def __init__(self, language: str, colours: ThemeColours, **kwargs: object) -> None:
        self.language = language
        self.with_changes = False  # while a baseline is compared
        self.by_owner = False  # rows of owners, not of agencies
        self.sorted: tuple[str, str] | None = None  # the sorted column's key and arrow
        super().__init__(self._columns_for(), **kwargs)
        self.colours = colours
        self._width = 0
        # Every agency of the feed (not only those shown, so a filter moves nothing):
        # id -> (its name in the language, the feed's short form).
        self._names: dict[str, tuple[str, str | None]] = {}
        self._name_widths = (0, 0)  # the widest whole name, the widest short form
        self._readable = 0  # the least width every name reads as itself in (readable_width)
        self._wrapped = False  # owners' titles wrapped over lines: their column too narrow
        self._figures: dict[str, int] = {}  # the widest figure of each column shown
        self._plain_figures: dict[str, int] = {}  # the same without the change marks

    def _columns_for(self) -> list[tuple[str, str]]:
        # With the change columns, on time and late make way (the headline and every
        # export keep them): the agency's name must stay readable beside the indicators.
        changes, language = self.with_changes, self.language
        dropped = {"bar", "on_time", "late"} if changes else {"bar"}
        labels = dict(COLUMNS, agency=OWNER_HEADING) if self.by_owner else dict(COLUMNS)
        columns = [(key, tr(labels[key], language)) for key, _ in COLUMNS if key not in dropped]
        if changes:
            columns += [(key, tr(label, language)) for key, label in CHANGE_COLUMNS]
        if self.sorted is not None:
            # The arrow after the heading: "Quá hạn ↓".
            column, arrow = self.sorted
            columns = [
                (key, f"{label} {arrow}" if key == column else label) for key, label in columns
            ]
        columns.append(("bar", ""))
        return columns

    def mark_sorted(self, column: str | None, arrow: str = "") -> None:
        """The column the rows are sorted by, and which way (drawn at the next rows)."""
        self.sorted = None if column is None else (column, arrow)

    def set_agencies(self, agencies: Iterable[Agency]) -> bool:
        """The feed's agencies, whose names size the name column; True when they changed."""
        self.by_owner = False
        return self._set_names({a.id: (a.display_name(self.language), a.short) for a in agencies})

    def set_owners(self, owners: Iterable[str | None]) -> bool:
        """Rows of owners from now on: every owner of the feed (not only those shown, so a
        filter moves nothing) sizes the name column; True when they changed."""
        self.by_owner = True
        return self._set_names(
            {owner_key(o): (OwnerRow(o, Counts()).label(self.language), None) for o in owners}
        )

    def _set_names(self, names: dict[str, tuple[str, str | None]]) -> bool:
        if names == self._names:
            return False
        self._names = names
        whole, short, self._readable = name_measures(names, self.by_owner, self.language)
        self._name_widths = (whole, short)
        return True

    def _needs(self, *, plain: bool = False) -> list[ColumnNeed]:
        figures = self._plain_figures if plain else self._figures
        needs = []
        for key, label in self._columns_for():
            heading = cell_len(label)
            if key == "agency":
                whole, short = self._name_widths
                least = max(min(whole, NAME_MINIMUM), min(short, 14), heading)
                natural = max(whole, heading)
                needs.append(
                    ColumnNeed(
                        key,
                        natural,
                        minimum=least,
                        priority=PRIORITIES[key],
                        flexible=True,
                        whole_over=NAME_OVER,
                        readable=self._readable,
                    )
                )
            elif key == "bar":
                needs.append(ColumnNeed(key, BAR, priority=PRIORITIES[key], extra=True))
            else:
                natural = max(heading, FIGURE_WIDTH, figures.get(key, 0))
                priority = PRIORITIES[key]
                if self.sorted is not None and self.sorted[0] == key:
                    priority = max(priority, SORTED_PRIORITY)
                needs.append(ColumnNeed(key, natural, priority=priority))
        return needs

    def natural_width(self) -> int:
        """The width that shows every column whole, but the bar (with the scrollbar's room)."""
        return (
            sum(need.natural + 2 for need in self._needs(plain=True) if need.key != "bar")
            + self.styles.scrollbar_size_vertical
        )

    def used_width(self) -> int:
        """The width the columns as fitted take (with the scrollbar's room): less than the
        width fitted to when a column gave way and what it left fits no other; 0 before
        the first fit."""
        if not self._widths:
            return 0
        return sum(width + 2 for width in self._widths.values()) + (
            self.styles.scrollbar_size_vertical
        )

    def fit(self, width: int) -> bool:
        """Fit the columns to `width` cells. True when the rows must be drawn again."""
        self._width = width
        return self._refit()

    def _refit(self) -> bool:
        available = (self._width or 80) - self.styles.scrollbar_size_vertical
        widths = fit_columns(self._needs(), available)
        columns = [(key, label) for key, label in self._columns_for() if key in widths]
        changed = columns != self._columns or widths != self._widths
        self.set_columns(columns, widths=widths)
        return changed

    def show_rows(
        self,
        rows: Sequence[CountedRow],
        changes: dict[str, dict[Bucket, int]] | None = None,
        since: Comparison | None = None,
    ) -> None:
        """Agency or owner rows (as the names last set). `changes`: what moved at the last
        refresh, by row key (marks for a few seconds); `since`: the comparison with the
        baseline, whose change columns show while it is set."""
        self.with_changes = since is not None
        changes = changes or {}
        keys = [key for key, _ in self._columns_for()]
        row_keys = [row_key(row) for row in rows]
        moved_since = [None if since is None else _since(since, row) for row in rows]

        def cells_of(marks: bool) -> list[tuple[str, dict[str, Text]]]:
            return [
                (
                    key,
                    dict(
                        zip(
                            keys,
                            self._cells_of(row, changes.get(key, {}) if marks else {}, moved),
                            strict=True,
                        )
                    ),
                )
                for key, row, moved in zip(row_keys, rows, moved_since, strict=True)
            ]

        cells = cells_of(marks=True)
        self._figures = self._widest(cells, keys)
        # The split beside the indicators is sized without the marks of the last refresh,
        # which come and go: the panels stay put.
        self._plain_figures = (
            self._widest(cells_of(marks=False), keys) if changes else self._figures
        )
        self._refit()
        name_width = self._widths.get("agency", 24)
        shown = [key for key, _ in self._columns]
        lang = self.language
        # An owner is told apart by the end of the title ("… tỉnh Hà Tĩnh phụ trách …"),
        # and has no short form: too narrow for the longest, each title wraps whole over
        # the lines it takes (up to OWNER_LINES), as the names of the charts do.
        self._wrapped = self.by_owner and name_width < self._name_widths[0]
        rows_shown = []
        for (key, row_cells), row in zip(cells, rows, strict=True):
            name, short = self._names.get(key) or _name_of(row, lang)
            if self._wrapped:
                shown_name = wrap_title(name, name_width, OWNER_LINES)
            elif self.by_owner:
                shown_name = cut(name, name_width)
            else:
                shown_name = fit_name(name, short, name_width, lang)
            row_cells["agency"] = Text(shown_name)
            rows_shown.append((key, tuple(row_cells[column] for column in shown)))
        self.show(rows_shown)

    def row_height(self) -> int | None:
        return None if self._wrapped else 1

    @staticmethod
    def _widest(cells: list[tuple[str, dict[str, Text]]], keys: list[str]) -> dict[str, int]:
        return {
            key: max((row[key].cell_len for _, row in cells), default=0)
            for key in keys
            if key not in ("agency", "bar")
        }

    def _cells_of(
        self, row: CountedRow, moved: dict[Bucket, int], since: dict[Bucket, int] | None
    ) -> tuple[Text, ...]:
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
        rate = format_percent(counts.overdue_rate.percent(0), 0, lang)
        at_risk = Text(
            format_int(row.at_risk, lang),
            style=colours.style("notice", bold=True) if row.at_risk else colours.style("muted"),
        )
        cells: tuple[Text, ...] = (
            Text(""),  # the name, fitted to its column once the widths are known
            overdue,
            Text(rate),
            at_risk,
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
        return (*cells, mini_bar(counts, colours))


def name_measures(
    names: dict[str, tuple[str, str | None]], by_owner: bool, language: str
) -> tuple[int, int, int]:
    """The widest whole name, the widest short form, and the least width every name reads
    as itself in (`readable_width`)."""
    # An owner is a person's title as the feed writes it: cut after a word, never made
    # initials ("GĐCATĐB" names no one), and never abbreviated: it reads whole only.
    widths = [
        (name_widths(name, None, language)[0], 0)
        if by_owner
        else name_widths(name, short, language)
        for name, short in names.values()
    ]
    whole = max((each for each, _ in widths), default=0)
    short = max((each for _, each in widths), default=0)
    readable = max(
        (whole if by_owner else readable_width(name, language) for name, _ in names.values()),
        default=0,
    )
    return whole, short, readable


def row_key(row: CountedRow) -> str:
    """A row's key in the table: the agency's id, or the owner's key."""
    return row.agency.id if isinstance(row, AgencyRow) else owner_key(row.owner)


def _name_of(row: CountedRow, language: str) -> tuple[str, str | None]:
    if isinstance(row, AgencyRow):
        return row.agency.display_name(language), row.agency.short
    return row.label(language), None


def _since(since: Comparison, row: CountedRow) -> dict[Bucket, int]:
    if isinstance(row, AgencyRow):
        return since.of_agency(row.agency.id)
    return since.of_owner(row.owner)
