"""The deck's slides and what they say, from feeds built here (views/deck.py, pure)."""

from __future__ import annotations

from r57tui.baseline import Baseline, compare
from r57tui.feed import AgencyKind, load_feed
from r57tui.rollup import roll_up
from r57tui.views import Scope
from r57tui.views.deck import (
    due_soon_by_agency,
    make_deck,
    most_overdue,
    since_last_meeting,
)
from tests.builders import feed_dict, task, to_bytes

KINDS = [kind.value for kind in AgencyKind]
ALL = ["headline", "groups", "changes", "overdue", "indicators", "due_soon"]
LATE = "2025-01-31"  # passed at the builders' as-of
SOON = "2025-10-20"  # within 14 days of it
LATER = "2025-12-31"


def feed_of(*tasks):
    feed = load_feed(to_bytes(feed_dict(list(tasks))))
    return feed, roll_up(feed)


def kinds(slides):
    return [(slide.kind, slide.scope) for slide in slides]


def test_each_scope_gets_the_slides_that_have_something_to_say() -> None:
    feed, rollup = feed_of(task("T1", "BKHCN", due=LATE), task("T2", "LAI-CHAU", due=SOON))
    everything = make_deck(feed, rollup, None, Scope.everything(), ALL, KINDS)
    # No baseline: no since-the-last-meeting; groups without tasks are left out; the
    # built feed has no indicator.
    assert kinds(everything) == [
        ("headline", Scope.everything()),
        ("headline", Scope.group("ministry")),
        ("headline", Scope.group("locality")),
        ("overdue", Scope.everything()),
        ("due_soon", Scope.everything()),
    ]
    agency = make_deck(feed, rollup, None, Scope.agency("LAI-CHAU"), ALL, KINDS)
    assert kinds(agency) == [
        ("headline", Scope.agency("LAI-CHAU")),
        ("due_soon", Scope.agency("LAI-CHAU")),
    ]
    group = make_deck(feed, rollup, None, Scope.group("locality"), ["overdue", "headline"], KINDS)
    assert [slide.kind for slide in group] == ["overdue", "headline"]
    # Nothing to say (no baseline): the headline, never an empty deck.
    alone = make_deck(feed, rollup, None, Scope.agency("BKHCN"), ["changes", "overdue"], KINDS)
    assert kinds(alone) == [("headline", Scope.agency("BKHCN"))]


def test_most_overdue_ranks_by_count_then_rate_and_leaves_out_none_overdue() -> None:
    feed, rollup = feed_of(
        task("T1", "BKHCN", due=LATE),
        task("T2", "BKHCN", due=LATER),
        task("T3", "LAI-CHAU", due=LATE),  # 1 of 1: the same count, a higher rate
        task("T4", "DIEN-BIEN", due=LATER),
        task("T5", "BTC", due=LATE),
        task("T6", "BTC", due=LATE),
    )
    rows = most_overdue(feed, rollup, Scope.everything(), KINDS, 5, "en")
    assert [(row.agency.id, row.counts.overdue) for row in rows] == [
        ("BTC", 2),
        ("LAI-CHAU", 1),
        ("BKHCN", 1),
    ]
    assert [
        row.agency.id for row in most_overdue(feed, rollup, Scope.everything(), KINDS, 1, "en")
    ] == ["BTC"]
    localities = most_overdue(feed, rollup, Scope.group("locality"), KINDS, 5, "en")
    assert [row.agency.id for row in localities] == ["LAI-CHAU"]


def test_since_the_last_meeting_nets_the_moves_and_ranks_the_agencies_that_moved() -> None:
    before, before_rollup = feed_of(
        task("T1", "BKHCN", due=LATER),
        task("T2", "BKHCN", due=LATER),
        task("T3", "LAI-CHAU", due=LATER),
        task("T4", "BTC", due=LATE),
    )
    now, rollup = feed_of(
        task("T1", "BKHCN", due=LATER, completed="2025-10-01"),
        task("T2", "BKHCN", due=LATER, completed="2025-10-02"),
        task("T3", "LAI-CHAU", due=LATE),
        task("T4", "BTC", due=LATE, completed="2025-10-03"),
    )
    comparison = compare(Baseline(before, before_rollup, "base.json"), now, rollup)
    moved = since_last_meeting(now, comparison, Scope.everything())
    assert (moved.completed, moved.overdue) == (3, 0)  # one more overdue, one fewer
    assert [(m.agency.id, m.completed, m.overdue) for m in moved.movers] == [
        ("BKHCN", 2, 0),
        ("BTC", 1, -1),
        ("LAI-CHAU", 0, 1),
    ]
    locality = since_last_meeting(now, comparison, Scope.group("locality"))
    assert (locality.completed, locality.overdue) == (0, 1)
    assert [m.agency.id for m in locality.movers] == ["LAI-CHAU"]
    one = since_last_meeting(now, comparison, Scope.agency("BKHCN"))
    assert (one.completed, one.movers) == (2, ())


def test_due_soon_by_agency_most_first_then_the_soonest() -> None:
    feed, rollup = feed_of(
        task("T1", "BKHCN", due="2025-10-25"),
        task("T2", "LAI-CHAU", due="2025-10-16"),
        task("T3", "BTC", due="2025-10-20"),
        task("T4", "BTC", due="2025-10-28"),
        task("T5", "BKHCN", due=LATER),  # not within the horizon
    )
    rows = due_soon_by_agency(feed, rollup, Scope.everything())
    assert [(row.agency.id, row.count, row.first.isoformat()) for row in rows] == [
        ("BTC", 2, "2025-10-20"),
        ("LAI-CHAU", 1, "2025-10-16"),
        ("BKHCN", 1, "2025-10-25"),
    ]
    assert [row.agency.id for row in due_soon_by_agency(feed, rollup, Scope.agency("BTC"))] == [
        "BTC"
    ]
