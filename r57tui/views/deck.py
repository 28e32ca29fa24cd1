"""Presentation mode's deck: which slides a scope is presented with, and what each says.

A deck is the slides of `[present] slides` that have something to say for the scope in
view (the whole feed, a group, an agency, an owner): since the last meeting only with a
baseline, most overdue only over several agencies, the indicators only when the feed
has some for the scope. Each slide is one message; its figures come from the roll-up
and the baseline's comparison, as the dashboard's do. Pure: the slides' widgets draw
these.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..baseline import Comparison
from ..feed import Agency, AgencyKind, Feed, Indicator
from ..groups import AGENCY_GROUPS, GROUP_TITLES
from ..i18n.strings import tr
from ..rollup import Bucket, Rollup
from .agencies import AgencyRow, agency_rows
from .changes import scope_title
from .scopes import Scope

# How many agencies the since-the-last-meeting slide names, the most moved first.
MOVERS = 5
# The headings of the slides, by id (the headline's is the scope's own name).
HEADINGS = {
    "changes": "Since the last meeting",
    "overdue": "Most overdue",
    "indicators": "Indicators",
    "due_soon": "Due soon",
}


@dataclass(frozen=True, slots=True)
class Slide:
    """One slide: what it shows (a slide id) and whose figures."""

    kind: str
    scope: Scope


@dataclass(frozen=True, slots=True)
class Mover:
    """An agency whose figures moved since the baseline."""

    agency: Agency
    completed: int  # newly completed, net
    overdue: int  # change in its overdue count (negative: fewer)

    @property
    def moved(self) -> int:
        return abs(self.completed) + abs(self.overdue)


@dataclass(frozen=True, slots=True)
class SinceLastMeeting:
    completed: int  # the change in completed tasks since the baseline
    overdue: int  # the change in overdue tasks
    movers: tuple[Mover, ...]  # the agencies that moved most, most first


@dataclass(frozen=True, slots=True)
class DueSoonRow:
    agency: Agency
    count: int  # open tasks due within the horizon
    first: date  # the soonest deadline among them


def _agency_scope(scope: Scope) -> bool:
    return scope.kind in ("all", "group")


def make_deck(
    feed: Feed,
    rollup: Rollup,
    comparison: Comparison | None,
    scope: Scope,
    slide_ids: Iterable[str],
    kinds: Iterable[str],
) -> list[Slide]:
    """The slides of `slide_ids`, in that order, that have something to say of `scope`;
    the headline when none has."""
    shown = {AgencyKind(kind) for kind in kinds}
    slides: list[Slide] = []
    for kind in slide_ids:
        if kind == "headline":
            slides.append(Slide(kind, scope))
        elif kind == "groups":
            if scope.kind != "all":
                continue
            for group, group_kinds in AGENCY_GROUPS.items():
                if group_kinds is None or not group_kinds & shown:
                    continue
                if Scope.group(group).counts(feed, rollup).assigned:
                    slides.append(Slide("headline", Scope.group(group)))
        elif kind == "changes":
            if comparison is not None:
                slides.append(Slide(kind, scope))
        elif kind == "overdue":
            if _agency_scope(scope):
                slides.append(Slide(kind, scope))
        elif kind == "indicators":
            if scope_indicators(feed, scope):
                slides.append(Slide(kind, scope))
        elif kind == "due_soon":
            slides.append(Slide(kind, scope))
    # Never an empty screen: a deck of slides none of which applies (since the last
    # meeting without a baseline) shows the scope's headline.
    return slides or [Slide("headline", scope)]


def slide_title(slide: Slide, feed: Feed, language: str) -> str:
    """The slide's heading: the scope's name for the headline (the feed's title for the
    whole feed), else what the slide shows."""
    if slide.kind == "headline":
        if slide.scope.kind == "all":
            return feed.title or tr(GROUP_TITLES["all"], language)
        return scope_title(slide.scope, feed, language)
    return tr(HEADINGS[slide.kind], language)


def most_overdue(
    feed: Feed, rollup: Rollup, scope: Scope, kinds: Iterable[str], top: int, language: str
) -> list[AgencyRow]:
    """The `top` agencies of the scope with the most overdue tasks (ties: the higher
    overdue rate, then the name); agencies with none overdue are left out."""
    group = scope.key if scope.kind == "group" else "all"
    rows = agency_rows(feed, rollup, group=group, kinds=kinds, sort="name", language=language)
    ranked = [row for row in rows if row.counts.overdue]
    # Stable: at the same count and rate, the name order stays.
    ranked.sort(key=lambda row: (row.counts.overdue, _rate(row)), reverse=True)
    return ranked[:top]


def _rate(row: AgencyRow) -> float:
    share = row.counts.overdue_rate
    return share.part / share.whole if share.whole else 0.0


def since_last_meeting(feed: Feed, comparison: Comparison, scope: Scope) -> SinceLastMeeting:
    """What moved in the scope's figures since the baseline, and the agencies of the
    scope that moved most (completed and overdue together)."""
    moved = scope.changes(comparison.changes)
    movers = []
    for agency_id, change in comparison.changes.by_agency.items():
        agency = feed.agencies.get(agency_id) or comparison.baseline.feed.agencies.get(agency_id)
        if agency is None or not _in_scope(scope, agency):
            continue
        mover = Mover(agency, change.get(Bucket.COMPLETED, 0), change.get(Bucket.OVERDUE, 0))
        if mover.moved:
            movers.append(mover)
    movers.sort(key=lambda mover: (-mover.moved, -mover.completed, mover.agency.id))
    return SinceLastMeeting(
        moved.get(Bucket.COMPLETED, 0),
        moved.get(Bucket.OVERDUE, 0),
        tuple(movers[:MOVERS] if _agency_scope(scope) else ()),
    )


def _in_scope(scope: Scope, agency: Agency) -> bool:
    if scope.kind == "group":
        return agency.kind in (AGENCY_GROUPS[scope.key] or frozenset())
    if scope.kind == "agency":
        return agency.id == scope.key
    return True


def scope_indicators(feed: Feed, scope: Scope) -> Sequence[Indicator]:
    """The indicators of the scope: all for the whole feed, an agency's own (those the
    feed gives it), a group's agencies'; none for an owner."""
    if scope.kind == "all":
        return feed.indicators
    if scope.kind == "owner":
        return ()
    return tuple(
        item
        for item in feed.indicators
        if item.agency is not None
        and item.agency in feed.agencies
        and _in_scope(scope, feed.agencies[item.agency])
    )


def due_soon_by_agency(feed: Feed, rollup: Rollup, scope: Scope) -> list[DueSoonRow]:
    """The scope's open tasks due within the horizon, by lead agency, most first (ties:
    the soonest deadline, then the feed's order)."""
    tally: dict[str, list[date]] = {}
    for task in rollup.due_soon:
        if task.deadline is not None and scope.admits(feed, task):
            tally.setdefault(task.agency, []).append(task.deadline)
    rows = [DueSoonRow(feed.agencies[key], len(dues), min(dues)) for key, dues in tally.items()]
    rows.sort(key=lambda row: (-row.count, row.first, row.agency.id))
    return rows
