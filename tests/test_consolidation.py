"""Several feeds added up (r57tui/consolidation.py): ids kept apart by source, agencies
merged with a finding when feeds disagree, the same task counted once, mixed dates said,
and the property that the consolidated counts are the parts' sum minus the duplicates."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from r57tui.consolidation import SourceFeed, consolidate
from r57tui.feed import TaskState, load_feed
from r57tui.rollup import Counts, count_states, roll_up
from tests.builders import feed_dict, task, to_bytes


def _feed(tasks: list[dict], **top: object):  # type: ignore[no-untyped-def]
    return load_feed(to_bytes(feed_dict(tasks, **top)))


def test_one_source_is_that_feed_itself() -> None:
    feed = _feed([task("T-1")])
    made = consolidate([SourceFeed("demo", feed)])
    assert made.feed is feed
    assert made.origin["T-1"] == ("demo", "T-1")
    assert not made.mixed_dates


def test_ids_kept_apart_agencies_merged_and_disagreement_found() -> None:
    centre = _feed(
        [task("T-1", due="2025-01-31"), task("T-2", "LAI-CHAU")],
        indicators=[{"id": "gdp", "name": "GDP", "value": 1.0}],
    )
    province = _feed(
        [task("T-1", "LAI-CHAU", completed="2025-09-01"), task("T-9", "SO-KHCN")],
        as_of="2025-10-10",
        agencies=[{"id": "LAI-CHAU", "name": "Tỉnh Lai Châu", "kind": "locality"}],
        indicators=[{"id": "gdp", "name": "GRDP", "value": 2.0}],
    )
    made = consolidate([SourceFeed("trung-uong", centre), SourceFeed("Lai Châu", province)])
    ids = [t.id for t in made.feed.tasks]
    assert ids == ["trung-uong:T-1", "trung-uong:T-2", "Lai Châu:T-1", "Lai Châu:T-9"]
    assert made.origin["Lai Châu:T-1"] == ("Lai Châu", "T-1")
    # Each keeps the state its own feed judged: the centre's T-1 overdue, the province's done.
    states = {t.id: t.state for t in made.feed.tasks}
    assert states["trung-uong:T-1"] is TaskState.OVERDUE
    assert states["Lai Châu:T-1"] is TaskState.COMPLETED
    # The agency listed first is the one named; the other listing is a finding.
    assert made.feed.agencies["LAI-CHAU"].name == "Lai Châu"
    disagreements = [f for f in made.feed.findings if f.code == "disagreement"]
    assert [(f.where, f.record_id) for f in disagreements] == [("Lai Châu › agencies", "LAI-CHAU")]
    assert "Tỉnh Lai Châu" in disagreements[0].message
    # An agency only made up for a task's unknown id: kept, and still said to be made up.
    assert "SO-KHCN" in made.feed.agencies
    assert "SO-KHCN" in made.feed.created_agencies
    # Each part's findings kept, placed in their source.
    assert any(
        f.where.startswith("Lai Châu › ") and f.code == "unknown-agency" for f in made.feed.findings
    )
    assert [i.id for i in made.feed.indicators] == ["trung-uong:gdp", "Lai Châu:gdp"]
    assert made.mixed_dates
    assert made.as_of_by_source["Lai Châu"].isoformat() == "2025-10-10"


def test_the_same_task_is_counted_once_and_a_state_disagreement_found() -> None:
    centre = _feed([task("T-1", "LAI-CHAU", due="2025-01-31"), task("T-2", "LAI-CHAU")])
    province = _feed(
        [
            task("P-1", "LAI-CHAU", same_as="trung-uong:T-1", completed="2025-09-01"),
            task("P-2", "LAI-CHAU", same_as="trung-uong:T-2"),
            task("P-3", "LAI-CHAU", same_as="trung-uong:T-404"),
            task("P-4", "LAI-CHAU", same_as="elsewhere:T-1"),
        ]
    )
    made = consolidate([SourceFeed("trung-uong", centre), SourceFeed("tinh", province)])
    assert dict(made.duplicates) == {"tinh:P-1": "trung-uong:T-1", "tinh:P-2": "trung-uong:T-2"}
    assert [t.id for t in made.feed.tasks] == [
        "trung-uong:T-1",
        "trung-uong:T-2",
        "tinh:P-3",
        "tinh:P-4",
    ]
    assert roll_up(made.feed).total.assigned == 4
    found = {(f.code, f.record_id) for f in made.feed.findings}
    # P-1 says completed where the centre's copy is overdue; P-3 names no task; P-4 names
    # no feed added up (it may be a copy counted twice: said, not silent).
    assert found == {("disagreement", "P-1"), ("reference", "P-3"), ("reference", "P-4")}


def test_a_loop_of_same_as_keeps_one() -> None:
    one = _feed([task("A", same_as="b:B")])
    other = _feed([task("B", same_as="a:A")])
    made = consolidate([SourceFeed("a", one), SourceFeed("b", other)])
    assert [t.id for t in made.feed.tasks] == ["a:A"]
    assert dict(made.duplicates) == {"b:B": "a:A"}


_STATES = st.sampled_from(
    [{"completed": "2025-01-01"}, {"due": "2025-01-31"}, {"due": "2026-01-31"}, {}]
)


@settings(max_examples=40, deadline=None)
@given(
    sizes=st.lists(st.lists(_STATES, max_size=6), min_size=2, max_size=4),
    links=st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 5), st.integers(0, 3), st.integers(0, 5)),
        max_size=6,
    ),
)
def test_consolidated_counts_are_the_parts_sum_minus_the_duplicates(sizes, links) -> None:  # type: ignore[no-untyped-def]
    documents = [[task(f"T-{i}", **state) for i, state in enumerate(part)] for part in sizes]
    for source, index, other, other_index in links:
        if source < len(documents) and index < len(documents[source]) and other < len(documents):
            documents[source][index]["same_as"] = f"s{other}:T-{other_index}"
    parts = [SourceFeed(f"s{n}", _feed(tasks)) for n, tasks in enumerate(documents)]
    made = consolidate(parts)
    # Independent arithmetic on the parts: each part's counts, less the tasks counted as
    # another's (each in the state its own feed gave it).
    expected = Counts()
    for part in parts:
        expected += count_states(part.feed.tasks)
    gone = set(made.duplicates)
    by_key = {f"{p.name}:{t.id}": t for p in parts for t in p.feed.tasks}
    minus = count_states(by_key[key] for key in gone)
    total = roll_up(made.feed).total
    assert total == Counts(
        expected.completed_on_time - minus.completed_on_time,
        expected.completed_late - minus.completed_late,
        expected.on_time - minus.on_time,
        expected.overdue - minus.overdue,
    )
    assert len(made.feed.tasks) == sum(len(p.feed.tasks) for p in parts) - len(gone)
    assert list(made.origin) == [t.id for t in made.feed.tasks]
    assert len(made.origin) == len(made.feed.tasks)
