"""A feed names itself (`feed_id`), and another feed's `same_as` names it by that, not by
the name a reader gives its source (issue 24; docs/feed-format.md, "Several feeds"): the
bundled demos add up to 1,166 whatever the sources are called; a `same_as` that names no
feed added up is a finding, never a silent double count; one feed read alone stays quiet;
a `feed_id` that cannot be one is set aside in one line, and the rest loads."""

from __future__ import annotations

from functools import cache

import pytest

from r57tui.check import report_json, report_text
from r57tui.consolidation import SourceFeed, consolidate
from r57tui.export.json_format import feed_document
from r57tui.feed import Feed, load_feed
from r57tui.rollup import roll_up
from r57tui.schema import feed_schema
from tests.builders import feed_dict, task, to_bytes


@cache
def _demo(name: str) -> Feed:
    from r57tui.demo import bundled_feed_path

    return load_feed(bundled_feed_path(name).read_bytes())


def _feed(tasks: list[dict], **top: object) -> Feed:  # type: ignore[type-arg]
    return load_feed(to_bytes(feed_dict(tasks, **top)))


@pytest.mark.parametrize(
    ("national", "provincial"),
    [("demo", "demo-dien-bien"), ("trung-uong", "tinh"), ("Trung ương", "Điện Biên")],
)
def test_the_demos_add_up_to_1166_whatever_the_reader_names_them(
    national: str, provincial: str
) -> None:
    made = consolidate(
        [SourceFeed(national, _demo("demo")), SourceFeed(provincial, _demo("demo-dien-bien"))]
    )
    assert roll_up(made.feed).total.assigned == 1132 + 36 - 2 == 1166
    assert set(made.duplicates.values()) == {f"{national}:T-0473", f"{national}:T-0615"}
    assert made.feed.findings == []


def test_same_as_names_the_feed_id_first_then_a_source_name() -> None:
    centre = _feed([task("T-1"), task("T-2")], feed_id="bcd-tw-57")
    other = _feed([task("T-1"), task("T-2")])  # no feed_id: known by its reader's name
    province = _feed(
        [
            task("P-1", same_as="bcd-tw-57:T-1"),  # the centre, by its own id
            task("P-2", same_as="khac:T-2"),  # the other, by the reader's name
            task("P-3", same_as="tw:T-2"),  # the centre, by the name the reader agreed
        ]
    )
    # A source the reader happens to name as the centre's feed_id: the feed_id wins.
    made = consolidate(
        [
            SourceFeed("tw", centre),
            SourceFeed("bcd-tw-57", _feed([task("T-1")])),
            SourceFeed("khac", other),
            SourceFeed("tinh", province),
        ]
    )
    assert dict(made.duplicates) == {
        "tinh:P-1": "tw:T-1",
        "tinh:P-2": "khac:T-2",
        "tinh:P-3": "tw:T-2",
    }
    assert made.feed.findings == []


def test_a_same_as_naming_no_feed_added_up_is_a_finding_and_counted_here() -> None:
    centre = _feed([task("T-1")], feed_id="bcd-tw-57")
    province = _feed(
        [task("P-1", same_as="bcd-tw-75:T-1"), task("P-2", same_as="T-1"), task("P-3")]
    )
    made = consolidate([SourceFeed("trung-uong", centre), SourceFeed("tinh", province)])
    assert roll_up(made.feed).total.assigned == 4  # nothing counted once
    assert not made.duplicates
    found = [(f.code, f.where, f.record_id) for f in made.feed.findings]
    assert found == [("reference", "tinh › tasks", "P-1"), ("reference", "tinh › tasks", "P-2")]
    first = made.feed.findings[0]
    assert first.message == (
        "same_as 'bcd-tw-75:T-1' names no feed added up: counted here, may be counted twice"
    )
    assert "có thể bị tính hai lần" in first.text("vi")
    assert "'bcd-tw-75:T-1'" in first.text("vi")


def test_one_feed_read_alone_says_nothing_of_its_same_as() -> None:
    province = _feed([task("P-1", same_as="bcd-tw-57:T-1")], feed_id="dien-bien-57")
    assert consolidate([SourceFeed("tinh", province)]).feed.findings == []
    assert _demo("demo-dien-bien").findings == []


def test_two_feeds_giving_one_feed_id_is_a_finding_and_the_first_is_named() -> None:
    one = _feed([task("T-1")], feed_id="tinh-57")
    two = _feed([task("T-1")], feed_id="tinh-57")
    copy = _feed([task("C-1", same_as="tinh-57:T-1")])
    made = consolidate([SourceFeed("a", one), SourceFeed("b", two), SourceFeed("c", copy)])
    assert dict(made.duplicates) == {"c:C-1": "a:T-1"}
    assert [(f.code, f.where, f.record_id) for f in made.feed.findings] == [
        ("duplicate", "b › feed_id", "tinh-57")
    ]
    assert "a" in made.feed.findings[0].message


@pytest.mark.parametrize(
    "value",
    ["bcd tw 57", "bcd:tw", "-bcd", "bcd.", "điện-biên", "x" * 65, "", "a\n", 57, ["a"]],
)
def test_a_feed_id_that_cannot_be_one_is_set_aside_in_one_line(value: object) -> None:
    document = feed_dict([task("T-1"), task("T-2")], feed_id=value)
    feed = load_feed(to_bytes(document))
    assert feed.feed_id is None
    assert len(feed.tasks) == 2  # the rest loads
    assert [(f.code, f.where) for f in feed.findings] == [("invalid", "feed_id")]
    for language in ("en", "vi"):
        line = str(feed.findings[0]) if language == "en" else feed.findings[0].text("vi")
        assert "\n" not in line
    assert "is not a feed id" in feed.findings[0].message
    # A refresh that reuses the tasks reads the top level the same way.
    again = load_feed(to_bytes(document), previous=load_feed(to_bytes(document), for_refresh=True))
    assert (again.feed_id, [f.where for f in again.findings]) == (None, ["feed_id"])


@pytest.mark.parametrize("value", ["bcd-tw-57", "B", "Dien_Bien.2025", "x" * 64])
def test_a_feed_id_is_read_shown_by_check_and_in_the_schema(value: str) -> None:
    feed = _feed([task("T-1")], feed_id=value)
    assert (feed.feed_id, feed.findings) == (value, [])
    rollup = roll_up(feed)
    assert report_json(feed, rollup, 0)["feed_id"] == value
    assert f"mã định danh {value}" in report_text(feed, rollup, 0, "vi").splitlines()[1]
    # The JSON snapshot is a loadable feed: read back as a source, it is still this feed.
    assert load_feed(to_bytes(feed_document(feed))).feed_id == value
    schema = feed_schema()["properties"]["feed_id"]["anyOf"][0]  # type: ignore[index]
    assert schema["pattern"].startswith("^[A-Za-z0-9]")
    assert schema["maxLength"] == 64
