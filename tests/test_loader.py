"""The rules of FEED_FORMAT.md, one by one."""

from __future__ import annotations

import gzip
import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from r57tui.feed import FeedError, TaskState, load_feed
from tests.builders import feed_dict, task, to_bytes


def states(document: dict) -> dict[str, TaskState]:
    return {t.id: t.state for t in load_feed(to_bytes(document)).tasks}


def test_the_example_of_the_format_loads_as_documented() -> None:
    text = (Path(__file__).parents[1] / "docs" / "feed-format.md").read_text(encoding="utf-8")
    example = text.split("```json", 1)[1].split("```", 1)[0]
    feed = load_feed(example.encode())
    by_id = {t.id: t for t in feed.tasks}
    assert by_id["T-0001"].state is TaskState.COMPLETED
    assert by_id["T-0002"].state is TaskState.OVERDUE
    assert by_id["T-0002"].days_overdue == 15  # "as of 2025-10-15: 15 days"
    assert feed.indicators[0].history[1].value == 15.6
    assert feed.findings == []


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"due": "2025-06-30", "completed": "2025-06-12"}, TaskState.COMPLETED),
        ({"due": "2025-06-30", "completed": "2025-06-30"}, TaskState.COMPLETED),  # on the day
        ({"due": "2025-06-30", "completed": "2025-07-01"}, TaskState.COMPLETED_LATE),
        ({"completed": "2025-07-01"}, TaskState.COMPLETED),  # no deadline: never late
        ({"due": "2025-10-14"}, TaskState.OVERDUE),
        ({"due": "2025-10-15"}, TaskState.ON_TIME),  # due today is not yet overdue
        ({"due": "2025-Q3"}, TaskState.OVERDUE),  # 2025-09-30
        ({"due": "2025-10"}, TaskState.ON_TIME),  # 2025-10-31
        ({"due": None}, TaskState.ON_TIME),  # ongoing: never overdue
        ({}, TaskState.ON_TIME),
    ],
)
def test_state_is_derived_from_the_dates_against_as_of(fields: dict, expected: TaskState) -> None:
    assert states(feed_dict([task("T1", **fields)]))["T1"] is expected


def test_overdue_is_judged_against_as_of_never_the_wall_clock() -> None:
    old = feed_dict([task("T1", due="2020-01-31")], as_of="2020-01-15")
    feed = load_feed(to_bytes(old))
    assert feed.tasks[0].state is TaskState.ON_TIME
    assert feed.tasks[0].days_left == 16


def test_days_overdue_and_days_left() -> None:
    feed = load_feed(
        to_bytes(feed_dict([task("A", due="2025-10-05"), task("B", due="2025-10-20")]))
    )
    a, b = feed.tasks
    assert (a.days_overdue, a.days_left) == (10, None)
    assert (b.days_overdue, b.days_left) == (None, 5)


def test_a_given_status_is_the_state_even_against_the_dates() -> None:
    document = feed_dict([task("T1", due="2025-01-31", status="on_time")])
    feed = load_feed(to_bytes(document))
    assert feed.tasks[0].state is TaskState.ON_TIME
    [finding] = feed.findings
    assert finding.code == "contradiction"
    assert finding.where == "tasks[0]"
    assert finding.record_id == "T1"
    # The states in words, in either language; the code stays in `code`.
    assert finding.message == "state “on time” counted as given, but the dates say “overdue”"
    assert finding.text("vi") == (
        "trạng thái “trong hạn” được tính như báo cáo, nhưng theo các mốc ngày là “quá hạn”"
    )
    assert "overdue" in finding.message


def test_a_status_the_dates_agree_with_is_no_finding() -> None:
    document = feed_dict(
        [
            task("A", due="2025-01-31", status="overdue"),
            task("B", due="2025-01-31", completed="2025-02-02", status="completed_late"),
            task("C", status="completed"),  # no date: less information, not a contradiction
        ]
    )
    assert load_feed(to_bytes(document)).findings == []


def test_a_bad_record_is_set_aside_and_the_rest_loads() -> None:
    document = feed_dict(
        [
            task("T1"),
            task("T2", progress=140),
            {"title": "no id", "agency": "BKHCN"},
            task("T4", due="2025-02-30"),
            task("T5", assigned="yesterday"),
            task("T6", progress="70"),  # a number as a string is not a number
        ]
    )
    feed = load_feed(to_bytes(document))
    assert [t.id for t in feed.tasks] == ["T1"]
    found = {f.where: f for f in feed.findings}
    assert set(found) == {"tasks[1]", "tasks[2]", "tasks[3]", "tasks[4]", "tasks[5]"}
    assert found["tasks[1]"].record_id == "T2"
    assert "progress" in found["tasks[1]"].message
    assert found["tasks[2]"].record_id is None
    assert "id" in found["tasks[2]"].message
    assert "2025-02-30" in found["tasks[3]"].message
    assert "assigned" in found["tasks[4]"].message
    assert all(f.code == "invalid" for f in feed.findings)


def test_bad_agency_and_indicator_records_are_set_aside_too() -> None:
    document = feed_dict(
        [task("T1", agency="LAI-CHAU")],
        agencies=[{"id": "LAI-CHAU", "name": "Lai Châu", "kind": "province"}],
        indicators=[
            {"id": "i1", "name": "GDP share", "value": 16.0},
            {"id": "i2", "name": "no value"},
            {"id": "i3", "name": "NaN", "value": float("nan")},
        ],
    )
    feed = load_feed(json.dumps(document).encode())  # json.dumps writes NaN
    wheres = sorted(f.where for f in feed.findings)
    assert "agencies[0]" in wheres
    assert "indicators[1]" in wheres
    assert "indicators[2]" in wheres
    assert [i.id for i in feed.indicators] == ["i1"]
    # The agency was set aside, so its task created one of kind other.
    assert feed.agencies["LAI-CHAU"].kind == "other"


def test_duplicate_task_keeps_the_first() -> None:
    document = feed_dict([task("T1", title="first"), task("T1", title="second")])
    feed = load_feed(to_bytes(document))
    assert [t.title for t in feed.tasks] == ["first"]
    [finding] = feed.findings
    assert (finding.code, finding.where, finding.record_id) == ("duplicate", "tasks[1]", "T1")


def test_positions_count_the_records_set_aside() -> None:
    document = feed_dict([task("T1", progress=-1), task("T2"), task("T2")])
    feed = load_feed(to_bytes(document))
    assert [f.where for f in feed.findings] == ["tasks[0]", "tasks[2]"]


def test_unknown_agency_is_created_once_as_other_and_listed() -> None:
    document = feed_dict([task("T1", agency="VNPT"), task("T2", agency="VNPT")])
    feed = load_feed(to_bytes(document))
    assert len(feed.tasks) == 2
    agency = feed.agencies["VNPT"]
    assert (agency.kind, agency.name) == ("other", "VNPT")
    assert feed.created_agencies == {"VNPT"}
    [finding] = feed.findings
    assert finding.code == "unknown-agency"
    assert "2 tasks" in finding.message


def test_agencies_may_be_absent() -> None:
    document = feed_dict([task("T1", agency="BKHCN")])
    del document["agencies"]
    feed = load_feed(to_bytes(document))
    assert list(feed.agencies) == ["BKHCN"]


def test_unknown_keys_are_ignored_everywhere() -> None:
    document = feed_dict([task("T1", colour="red", state="completed")], generator="v9")
    document["agencies"][0]["budget"] = 3
    feed = load_feed(to_bytes(document))
    assert feed.findings == []
    assert feed.tasks[0].state is TaskState.ON_TIME  # a feed's "state" key is not the state


def test_text_is_normalised_to_nfc_literal_and_escaped() -> None:
    decomposed = unicodedata.normalize("NFD", "Điện Biên")
    document = feed_dict([task("T1", agency="DB")], agencies=[{"id": "DB", "name": decomposed}])
    for data in (
        json.dumps(document, ensure_ascii=False).encode(),  # literal combining marks
        json.dumps(document, ensure_ascii=True).encode(),  # \u escapes
    ):
        feed = load_feed(data)
        assert feed.agencies["DB"].name == "Điện Biên"
        assert unicodedata.is_normalized("NFC", feed.agencies["DB"].name)


def test_a_leading_bom_is_tolerated() -> None:
    feed = load_feed(b"\xef\xbb\xbf" + to_bytes(feed_dict([task("T1")])))
    assert len(feed.tasks) == 1


@pytest.mark.parametrize(
    ("data", "where", "what"),
    [
        (b"", "document", "empty"),
        (b"   \n", "document", "empty"),
        (b'{"format": "r57-feed",\n  "version": 1,,}', "line 2", "not JSON"),
        (b"[1, 2]", "document", "array, not an object"),
        (b'"r57"', "document", "string, not an object"),
        (b'{"format": "csv", "version": 1, "as_of": "2025-10-15", "tasks": []}', "format", "not"),
        (b'{"version": 1, "as_of": "2025-10-15", "tasks": []}', "format", "missing"),
        (
            b'{"format": "r57-feed", "version": 2, "as_of": "2025-10-15", "tasks": []}',
            "version",
            "newer",
        ),
        (
            b'{"format": "r57-feed", "version": "1", "as_of": "2025-10-15", "tasks": []}',
            "version",
            "whole number",
        ),
        (b'{"format": "r57-feed", "version": 1, "tasks": []}', "as_of", "missing"),
        (b'{"format": "r57-feed", "version": 1, "as_of": "Q3", "tasks": []}', "as_of", "ISO"),
        (b'{"format": "r57-feed", "version": 1, "as_of": "2025-10-15"}', "tasks", "missing"),
        (
            b'{"format": "r57-feed", "version": 1, "as_of": "2025-10-15", "tasks": {}}',
            "tasks",
            "list",
        ),
        (b"\xff\xfe{}", "byte 0", "UTF-8"),
        (b"[" * 100_000, "line 1", "nested too deeply"),
    ],
)
def test_a_refused_feed_says_where_and_what(data: bytes, where: str, what: str) -> None:
    with pytest.raises(FeedError) as caught:
        load_feed(data)
    message = str(caught.value)
    assert message.startswith(where), message
    assert what in message, message
    assert "\n" not in message


def test_json_error_gives_line_and_column() -> None:
    with pytest.raises(FeedError) as caught:
        load_feed(b'{\n  "format": "r57-feed",\n  "version": 1\n  "as_of": 1\n}')
    assert caught.value.where == "line 4, column 3"


def test_as_of_date_and_naive_datetime() -> None:
    assert load_feed(to_bytes(feed_dict(as_of="2025-10-15"))).as_of_date == date(2025, 10, 15)
    feed = load_feed(to_bytes(feed_dict(as_of="2025-10-15T08:00:00")))
    assert [f.code for f in feed.findings] == ["as-of"]


def test_completion_after_as_of_is_a_finding() -> None:
    feed = load_feed(to_bytes(feed_dict([task("T1", completed="2025-12-01")])))
    assert feed.tasks[0].state is TaskState.COMPLETED
    assert [f.code for f in feed.findings] == ["contradiction"]


def test_references_to_unknown_co_agencies_and_parents_are_findings() -> None:
    document = feed_dict([task("T1", co_agencies=["BKHCN", "NOWHERE"])])
    document["agencies"].append({"id": "SUB", "name": "Cục", "parent": "GONE"})
    feed = load_feed(to_bytes(document))
    assert sorted(f.where for f in feed.findings) == ["agencies[2]", "tasks[0]"]
    assert all(f.code == "reference" for f in feed.findings)


def test_gzip_magic_is_not_the_loaders_business() -> None:
    # Sources decompress; the loader is handed JSON text only.
    with pytest.raises(FeedError):
        load_feed(gzip.compress(to_bytes(feed_dict())))


def test_an_indicator_gives_its_unit_in_english_when_the_feed_does() -> None:
    document = feed_dict(
        indicators=[
            {"id": "a", "name": "Hồ sơ", "value": 1, "unit": "triệu hồ sơ",
             "unit_en": "million records"},
            {"id": "b", "name": "Tỷ lệ", "value": 1, "unit": "%"},
            {"id": "c", "name": "Nền tảng", "value": 1, "unit": "nền tảng"},
            {"id": "d", "name": "Số", "value": 1},
        ]
    )  # fmt: skip
    a, b, c, d = load_feed(to_bytes(document)).indicators
    assert (a.unit_for("en"), a.unit_for("vi")) == ("million records", "triệu hồ sơ")
    assert b.unit_for("en") == "%"  # a symbol needs no unit_en
    assert c.unit_for("en") == "nền tảng"  # the feed's word, as written: never guessed
    assert d.unit_for("en") is None
