"""The fault matrix of the feed (issue 7): what every kind of bad feed gets.

1. Each case of FEED_FORMAT.md, "What a bad feed gets", as one parametrized case with its
   exact outcome: refused (where, and what names the problem, one line), or loaded with
   the record set aside or flagged (finding code, position, id, reason) and every other
   figure unchanged.
2. Pathological documents: deep nesting, NaN and infinities, numbers written as strings,
   a 1 MB title, a million tasks.
3. A property: any feed, valid or mutated, either loads with figures that add up and
   states that follow the rules, or is refused with one line; never anything else.

tests/test_loader.py pins the individual rules; this file sweeps the space around them.
"""

from __future__ import annotations

import calendar
import copy
import json
import math
import re
import resource
import sys
import time
import unicodedata
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from r57tui.feed import AgencyKind, Feed, FeedError, TaskState, load_feed
from r57tui.indicators import assess
from r57tui.rollup import SHOWN_BUCKETS, Counts, roll_up
from tests.builders import feed_dict, task, to_bytes

settings.register_profile(
    "r57-fault-feeds",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROPERTY = settings.get_profile("r57-fault-feeds")

DONE, LATE, OPEN, OVER = (
    TaskState.COMPLETED,
    TaskState.COMPLETED_LATE,
    TaskState.ON_TIME,
    TaskState.OVERDUE,
)
FINDING_CODES = {
    "invalid", "duplicate", "unknown-agency", "contradiction", "reference", "as-of", "duplicate-key"
}  # fmt: skip
FINDING_WHERE = re.compile(r"^(as_of|(agencies|tasks|indicators)\[\d+\])$")


# --- shared checks --------------------------------------------------------------------


def one_line(text: str) -> bool:
    return len(text.splitlines()) == 1 and "\n" not in text and "\r" not in text


def refused(data: bytes | str) -> FeedError:
    """Load `data`, which must be refused whole, and check the refusal's shape."""
    with pytest.raises(FeedError) as caught:
        load_feed(data)
    error = caught.value
    assert_refusal_shape(error)
    return error


def assert_refusal_shape(error: FeedError) -> None:
    assert str(error) == f"{error.where}: {error.what}"
    for text in (str(error), error.text("vi")):
        assert one_line(text), repr(text)


def deadline_of(due: str | None) -> date | None:
    """The last day a `due` allows, read independently of r57tui/feed/dates.py."""
    if due is None:
        return None
    quarter = re.fullmatch(r"(\d{4})-[Qq]([1-4])", due)
    month = re.fullmatch(r"(\d{4})-(\d{2})", due)
    if quarter or month:
        match = quarter or month
        assert match is not None
        year = int(match[1])
        last_month = int(match[2]) * 3 if quarter else int(match[2])
        return date(year, last_month, calendar.monthrange(year, last_month)[1])
    return date.fromisoformat(due)


def rule(completed: date | None, deadline: date | None, as_of: date) -> TaskState:
    """FEED_FORMAT.md, "State of a task", for a task without a given status."""
    if completed is not None:
        return LATE if deadline is not None and completed > deadline else DONE
    if deadline is not None and deadline < as_of:
        return OVER
    return OPEN


def assert_figures_hold(feed: Feed) -> None:
    """What must hold for any feed that loaded, whatever was wrong with it."""
    rollup = roll_up(feed)
    total = rollup.total
    kept = feed.tasks
    assert total.assigned == len(kept) == total.completed + total.on_time + total.overdue
    assert total.completed == total.completed_on_time + total.completed_late
    assert set(rollup.by_agency) == set(feed.agencies)
    assert sum(rollup.by_agency.values(), Counts()) == total
    assert sum(rollup.by_kind.values(), Counts()) == total
    assert sum(rollup.by_group.values(), Counts()) == total
    assert len({t.id for t in kept}) == len(kept), "a duplicate id was kept"
    as_of = feed.as_of_date
    for t in kept:
        assert isinstance(t.state, TaskState)
        assert t.state in (DONE, LATE, OPEN, OVER)
        assert t.agency in feed.agencies
        if t.status is None:
            assert t.state is rule(t.completed, deadline_of(t.due), as_of), t
            if t.due is None:
                assert t.state is not OVER  # ongoing: never overdue
        else:
            assert t.state is t.status
        assert 0 <= (t.progress if t.progress is not None else 0) <= 100
    for bucket in SHOWN_BUCKETS:
        percent = total.share(bucket).percent(1)
        assert percent is None or percent.is_finite()
    for indicator in feed.indicators:
        numbers = [indicator.value, indicator.target, indicator.baseline]
        numbers += [point.value for point in indicator.history]
        assert all(math.isfinite(n) for n in numbers if n is not None), indicator
        standing = assess(indicator)
        assert all(math.isfinite(v) for v in standing.series)
        assert standing.change is None or standing.change.is_finite()
    for finding in feed.findings:
        assert finding.code in FINDING_CODES
        assert FINDING_WHERE.match(finding.where), finding.where
        assert one_line(finding.message), repr(finding.message)


def outcome(data: bytes | str) -> tuple[Any, ...]:
    """Everything a load decides, comparable between two loads."""
    try:
        feed = load_feed(data)
    except FeedError as error:
        return ("refused", str(error))
    return (
        "loaded",
        feed.as_of,
        feed.title,
        [(a.id, a.name, a.kind) for a in feed.agencies.values()],
        [(t.id, t.title, t.agency, t.state, t.deadline) for t in feed.tasks],
        [(i.id, i.value, i.target, i.history) for i in feed.indicators],
        [(f.code, f.where, f.record_id, f.message) for f in feed.findings],
    )


def through_record_path(text: str) -> str:
    """The same document, with an ignored key whose `\\u` escape forces the loader off its
    one-pass fast path onto the record-by-record one (the loader's own switch). It goes
    last, so that a line and column in the document stay where they were."""
    assert text.startswith("{")
    assert text.endswith("}")
    pad = '"x-pad":"\\u0041"}'
    return text[:-1] + ("" if text.strip() == "{}" else ",") + pad


# --- 1. what a bad feed gets: refused whole -------------------------------------------

ENVELOPE = b'"format":"r57-feed","version":1,"as_of":"2025-10-15"'


def doc(body: bytes) -> bytes:
    return b"{" + body + b"}"


REFUSALS = [
    # Not JSON: where is the line and column.
    ("not-json-word", b"not json", "line 1, column 2", "not JSON: expected ident"),
    ("not-json-truncated", doc(ENVELOPE + b',"tasks":[')[:-1], "line 1, column 63", "EOF"),
    (
        "not-json-trailing-comma",
        b'{"format": "r57-feed",\n "version": 1,\n "as_of": "2025-10-15",\n "tasks": [],\n}',
        "line 5, column 1",
        "not JSON: trailing comma",
    ),
    ("not-json-single-quotes", b"{'format': 'r57-feed'}", "line 1, column 2", "not JSON"),
    ("not-json-missing-colon", b'{"format" "r57-feed"}', "line 1, column 11", "not JSON"),
    (
        "not-json-two-documents",
        doc(ENVELOPE + b',"tasks":[]') + b"\n{}",
        "line 2, column 1",
        "not JSON: trailing characters",
    ),
    ("not-json-empty", b"", "document", "empty: no JSON at all"),
    ("not-json-blank", b" \t\r\n", "document", "empty: no JSON at all"),
    ("not-json-bom-only", b"\xef\xbb\xbf", "document", "empty: no JSON at all"),
    ("not-json-utf16", "{}".encode("utf-16"), "byte 0", "not UTF-8 text (byte 0xff)"),
    ("not-json-latin1", doc(b'"title":"L\xe0o Cai"'), "byte 11", "not UTF-8 text (byte 0xe0)"),
    # Not an object.
    ("array", b"[1, 2]", "document", "a JSON array, not an object: not an r57 feed"),
    ("string", b'"r57-feed"', "document", "a JSON string, not an object"),
    ("number", b"57", "document", "a JSON number, not an object"),
    ("null", b"null", "document", "a JSON null, not an object"),
    ("boolean", b"true", "document", "a JSON boolean, not an object"),
    # Wrong format.
    ("format-missing", doc(b'"version":1,"as_of":"2025-10-15","tasks":[]'), "format", "missing"),
    (
        "format-other",
        doc(b'"format":"csv","version":1,"as_of":"2025-10-15","tasks":[]'),
        "format",
        "is 'csv', not 'r57-feed': not an r57 feed",
    ),
    (
        "format-case",
        doc(b'"format":"R57-FEED","version":1,"as_of":"2025-10-15","tasks":[]'),
        "format",
        "is 'R57-FEED', not 'r57-feed'",
    ),
    (
        "format-null",
        doc(b'"format":null,"version":1,"as_of":"2025-10-15","tasks":[]'),
        "format",
        "is None",
    ),
    # Unsupported version.
    (
        "version-missing",
        doc(b'"format":"r57-feed","as_of":"2025-10-15","tasks":[]'),
        "version",
        "missing",
    ),
    (
        "version-newer",
        doc(b'"format":"r57-feed","version":2,"as_of":"2025-10-15","tasks":[]'),
        "version",
        "2 is newer than this r57tui reads (1): update r57tui",
    ),
    (
        "version-huge",
        doc(b'"format":"r57-feed","version":100000000000000000000,"as_of":"2025-10-15","tasks":[]'),
        "version",
        "is newer than this r57tui reads",
    ),
    (
        "version-zero",
        doc(b'"format":"r57-feed","version":0,"as_of":"2025-10-15","tasks":[]'),
        "version",
        "0 is not a version of the r57 feed",
    ),
    (
        "version-negative",
        doc(b'"format":"r57-feed","version":-1,"as_of":"2025-10-15","tasks":[]'),
        "version",
        "-1 is not a version of the r57 feed",
    ),
    (
        "version-string",
        doc(b'"format":"r57-feed","version":"1","as_of":"2025-10-15","tasks":[]'),
        "version",
        "must be a whole number, not '1'",
    ),
    (
        "version-fraction",
        doc(b'"format":"r57-feed","version":1.5,"as_of":"2025-10-15","tasks":[]'),
        "version",
        "must be a whole number, not 1.5",
    ),
    (
        "version-null",
        doc(b'"format":"r57-feed","version":null,"as_of":"2025-10-15","tasks":[]'),
        "version",
        "must be a whole number, not None",
    ),
    (
        "version-nan",
        doc(b'"format":"r57-feed","version":NaN,"as_of":"2025-10-15","tasks":[]'),
        "version",
        "must be a whole number, not nan",
    ),
    # No as_of (or one that is no moment at all).
    ("as_of-missing", doc(b'"format":"r57-feed","version":1,"tasks":[]'), "as_of", "missing"),
    (
        "as_of-null",
        doc(b'"format":"r57-feed","version":1,"as_of":null,"tasks":[]'),
        "as_of",
        "not None",
    ),
    (
        "as_of-empty",
        doc(b'"format":"r57-feed","version":1,"as_of":"","tasks":[]'),
        "as_of",
        "ISO 8601",
    ),
    (
        "as_of-number",
        doc(b'"format":"r57-feed","version":1,"as_of":20251015,"tasks":[]'),
        "as_of",
        "not 20251015",
    ),
    (
        "as_of-quarter",
        doc(b'"format":"r57-feed","version":1,"as_of":"2025-Q3","tasks":[]'),
        "as_of",
        "'2025-Q3' is not",
    ),
    (
        "as_of-month-13",
        doc(b'"format":"r57-feed","version":1,"as_of":"2025-13-01","tasks":[]'),
        "as_of",
        "ISO 8601",
    ),
    (
        "as_of-hour-25",
        doc(b'"format":"r57-feed","version":1,"as_of":"2025-10-15T25:00","tasks":[]'),
        "as_of",
        "ISO 8601",
    ),
    (
        "as_of-year-0",
        doc(b'"format":"r57-feed","version":1,"as_of":"0000-01-01","tasks":[]'),
        "as_of",
        "ISO 8601",
    ),
    # A feed must list its tasks, and a section is a list.
    ("tasks-missing", doc(ENVELOPE), "tasks", "missing: a feed must list its tasks"),
    ("tasks-null", doc(ENVELOPE + b',"tasks":null'), "tasks", "missing"),
    ("tasks-object", doc(ENVELOPE + b',"tasks":{}'), "tasks", "must be a list, not a JSON object"),
    (
        "agencies-string",
        doc(ENVELOPE + b',"tasks":[],"agencies":"BKHCN"'),
        "agencies",
        "must be a list",
    ),
    (
        "indicators-number",
        doc(ENVELOPE + b',"tasks":[],"indicators":5'),
        "indicators",
        "must be a list",
    ),
]


@pytest.mark.parametrize(
    ("data", "where", "what"), [case[1:] for case in REFUSALS], ids=[case[0] for case in REFUSALS]
)
def test_a_refused_feed_says_exactly_where_and_what(data: bytes, where: str, what: str) -> None:
    error = refused(data)
    assert error.where == where, str(error)
    assert what in error.what, str(error)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    # Handed the text instead of the bytes, the loader says the same.
    assert str(refused(text)) == str(error)


# --- 1. what a bad feed gets: one record set aside or flagged ---------------------------
#
# A base feed whose figures are known, with a marker finding in each section, after the
# place a bad record is inserted: the marker's position must count the record set aside.

BASE_AGENCIES = [
    {"id": "BKHCN", "name": "Bộ Khoa học và Công nghệ", "kind": "ministry"},
    {"id": "LAI-CHAU", "name": "Lai Châu", "kind": "locality"},
    {"id": "SUB", "name": "Cục Thông tin", "kind": "branch", "parent": "GONE"},  # reference
]
BASE_TASKS = [
    task("G1", "BKHCN", due="2025-06-30", completed="2025-06-12"),  # completed
    task("G2", "BKHCN", due="2025-06-30", completed="2025-07-01"),  # completed late
    task("G3", "LAI-CHAU", due="2025-Q3"),  # overdue (2025-09-30)
    task("G4", "LAI-CHAU", due=None, progress=70),  # ongoing: on time
    task("G5", "SUB", due="2025-12"),  # on time
    task("G6", "BKHCN", due="2025-01-31", status="on_time"),  # given; contradiction
]
BASE_INDICATORS = [
    {
        "id": "gdp-share",
        "name": "Đóng góp của KHCN, ĐMST và CĐS vào GDP",
        "unit": "%",
        "value": 16.0,
        "target": 20,
        "history": [{"period": "2025-Q1", "value": 15.1}, {"period": "2025-Q2", "value": 15.6}],
    },
    {"id": "dvc", "name": "Dịch vụ công trực tuyến toàn trình", "value": 85, "agency": "NOWHERE"},
]
BASE_STATES = {
    "G1": ("BKHCN", DONE),
    "G2": ("BKHCN", LATE),
    "G3": ("LAI-CHAU", OVER),
    "G4": ("LAI-CHAU", OPEN),
    "G5": ("SUB", OPEN),
    "G6": ("BKHCN", OPEN),
}
BASE_FINDINGS = {
    ("reference", "agencies", 2, "SUB"),
    ("contradiction", "tasks", 5, "G6"),
    ("reference", "indicators", 1, "dvc"),
}
INSERT_AT = {"agencies": 1, "tasks": 2, "indicators": 1}


def base_document() -> dict[str, Any]:
    return feed_dict(
        copy.deepcopy(BASE_TASKS),
        agencies=copy.deepcopy(BASE_AGENCIES),
        indicators=copy.deepcopy(BASE_INDICATORS),
    )


def counts_of(states: dict[str, tuple[str, TaskState]], agency: str | None = None) -> Counts:
    tally = [0, 0, 0, 0]
    for lead, state in states.values():
        if agency is None or lead == agency:
            tally[[DONE, LATE, OPEN, OVER].index(state)] += 1
    return Counts.of(tally)


def test_the_base_feed_of_the_matrix_is_what_it_says() -> None:
    feed = load_feed(to_bytes(base_document()))
    assert {t.id: (t.agency, t.state) for t in feed.tasks} == BASE_STATES
    assert {(f.code, f.where, f.record_id) for f in feed.findings} == {
        (code, f"{section}[{index}]", record_id)
        for code, section, index, record_id in BASE_FINDINGS
    }
    assert roll_up(feed).total == Counts(1, 1, 3, 1)


def invalid(section: str, record: Any, record_id: str | None, reason: str) -> tuple:
    return (section, record, "invalid", record_id, reason, {})


RECORD_CASES = {
    # A task that does not validate: a missing or bad id, title or agency.
    "task-id-missing": invalid("tasks", {"title": "x", "agency": "BKHCN"}, None, "id: required"),
    "task-id-empty": invalid("tasks", task(""), "", "id: must not be empty"),
    "task-id-number": invalid("tasks", task(17), None, "id: must be text (got 17)"),
    "task-id-too-long": invalid("tasks", task("X" * 201), "X" * 201, "id: must be at most 200"),
    "task-title-missing": invalid(
        "tasks", {"id": "B1", "agency": "BKHCN"}, "B1", "title: required"
    ),
    "task-title-empty": invalid("tasks", task("B1", title=""), "B1", "title: must not be empty"),
    "task-agency-missing": invalid("tasks", {"id": "B1", "title": "x"}, "B1", "agency: required"),
    "task-agency-object": invalid(
        "tasks", task("B1", agency={"id": "BKHCN"}), "B1", "agency: must be text"
    ),
    # A date that is not a date.
    "task-due-word": invalid(
        "tasks", task("B1", due="soon"), "B1", "due: 'soon' is not a date (YYYY-MM-DD), a month"
    ),
    "task-due-feb-30": invalid(
        "tasks", task("B1", due="2025-02-30"), "B1", "due: '2025-02-30' is not a real date"
    ),
    "task-due-month-13": invalid(
        "tasks", task("B1", due="2025-13"), "B1", "due: month 13 is not 01-12"
    ),
    "task-due-quarter-5": invalid(
        "tasks", task("B1", due="2025-Q5"), "B1", "'2025-Q5' is not a date"
    ),
    "task-due-slashes": invalid("tasks", task("B1", due="30/09/2025"), "B1", "is not a date"),
    "task-due-month-year-0": invalid(
        "tasks", task("B1", due="0000-09"), "B1", "due: year must be at least 0001"
    ),
    # BUG: a quarter of year 0 raises ValueError out of load_feed (see the report).
    "task-due-quarter-year-0": invalid("tasks", task("B1", due="0000-Q3"), "B1", "due: "),
    "task-due-number": invalid("tasks", task("B1", due=20250930), "B1", "due: must be text"),
    "task-completed-word": invalid(
        "tasks",
        task("B1", completed="yesterday"),
        "B1",
        "completed: must be a date (YYYY-MM-DD) (got 'yesterday')",
    ),
    "task-completed-june-31": invalid(
        "tasks", task("B1", completed="2025-06-31"), "B1", "completed: must be a date"
    ),
    "task-assigned-dmy": invalid(
        "tasks", task("B1", assigned="09/01/2025"), "B1", "assigned: must be a date"
    ),
    "task-note-date": invalid(
        "tasks",
        task("B1", notes=[{"date": "2025-10-01", "text": "ok"}, {"date": "mid-Oct", "text": "x"}]),
        "B1",
        "notes.1.date: must be a date",
    ),
    # Progress 140, and its relatives.
    "task-progress-140": invalid(
        "tasks", task("B1", progress=140), "B1", "progress: must be at most 100 (got 140)"
    ),
    "task-progress-negative": invalid(
        "tasks", task("B1", progress=-1), "B1", "progress: must be at least 0 (got -1)"
    ),
    "task-progress-fraction": invalid(
        "tasks", task("B1", progress=70.5), "B1", "progress: must be a whole number (got 70.5)"
    ),
    "task-progress-string": invalid(
        "tasks", task("B1", progress="70"), "B1", "progress: must be a whole number (got '70')"
    ),
    "task-progress-boolean": invalid(
        "tasks", task("B1", progress=True), "B1", "progress: must be a whole number (got True)"
    ),
    "task-status-unknown": invalid(
        "tasks", task("B1", status="done"), "B1", "status: must be one of 'completed'"
    ),
    "task-key-task-string": invalid(
        "tasks", task("B1", key_task="yes"), "B1", "key_task: must be true or false (got 'yes')"
    ),
    "task-co-agencies-string": invalid(
        "tasks", task("B1", co_agencies="BKHCN"), "B1", "co_agencies: must be a list"
    ),
    "task-notes-object": invalid(
        "tasks", task("B1", notes={"text": "x"}), "B1", "notes: must be a list"
    ),
    "task-not-an-object": invalid("tasks", "B1", None, "must be an object"),
    "task-null": invalid("tasks", None, None, "must be an object"),
    "task-list": invalid("tasks", [task("B1")], None, "must be an object"),
    # An agency that does not validate.
    "agency-id-missing": invalid("agencies", {"name": "Bộ Tài chính"}, None, "id: required"),
    "agency-name-missing": invalid("agencies", {"id": "BTC"}, "BTC", "name: required"),
    "agency-name-empty": invalid("agencies", {"id": "BTC", "name": ""}, "BTC", "must not be empty"),
    "agency-kind-unknown": invalid(
        "agencies",
        {"id": "BTC", "name": "Bộ Tài chính", "kind": "province"},
        "BTC",
        "kind: must be one of 'ministry', 'branch', 'locality', 'party', 'other'",
    ),
    "agency-aliases-string": invalid(
        "agencies",
        {"id": "TQ", "name": "Tuyên Quang", "aliases": "Hà Giang"},
        "TQ",
        "aliases: must be a list",
    ),
    "agency-not-an-object": invalid("agencies", "BTC", None, "must be an object"),
    # An indicator that does not validate.
    "indicator-value-missing": invalid(
        "indicators", {"id": "i9", "name": "Số hóa hồ sơ"}, "i9", "value: required"
    ),
    "indicator-value-string": invalid(
        "indicators",
        {"id": "i9", "name": "x", "value": "16.0"},
        "i9",
        "value: must be a number (got '16.0')",
    ),
    "indicator-value-boolean": invalid(
        "indicators", {"id": "i9", "name": "x", "value": True}, "i9", "value: must be a number"
    ),
    "indicator-target-string": invalid(
        "indicators",
        {"id": "i9", "name": "x", "value": 1, "target": "20"},
        "i9",
        "target: must be a number",
    ),
    "indicator-direction-unknown": invalid(
        "indicators",
        {"id": "i9", "name": "x", "value": 1, "direction": "sideways"},
        "i9",
        "direction: must be one of 'up', 'down'",
    ),
    "indicator-history-point": invalid(
        "indicators",
        {"id": "i9", "name": "x", "value": 1, "history": [{"value": 1}]},
        "i9",
        "history.0.period: required",
    ),
    "indicator-name-missing": invalid(
        "indicators", {"id": "i9", "value": 1}, "i9", "name: required"
    ),
    "indicator-id-missing": invalid("indicators", {"name": "x", "value": 1}, None, "id: required"),
    # A duplicate id: the first is kept, the second listed.
    "task-duplicate": (
        "tasks",
        task("G1", "LAI-CHAU", title="the second G1", due="2020-01-01"),
        "duplicate",
        "G1",
        "the id appears earlier; the first is kept, this one set aside",
        {},
    ),
    "agency-duplicate": (
        "agencies",
        {"id": "BKHCN", "name": "Impostor", "kind": "locality"},
        "duplicate",
        "BKHCN",
        "the first is kept",
        {},
    ),
    "indicator-duplicate": (
        "indicators",
        {"id": "gdp-share", "name": "Impostor", "value": 99},
        "duplicate",
        "gdp-share",
        "the first is kept",
        {},
    ),
    # A task whose agency is not among the agencies: kept, the agency created.
    "task-unknown-agency": (
        "tasks",
        task("N1", "VNPT", due="2025-10-01"),
        "unknown-agency",
        "N1",
        "agency 'VNPT' is not among the agencies (1 task names it); "
        "created it, kind other, so its tasks are counted",
        {"N1": ("VNPT", OVER)},
    ),
}


@pytest.mark.parametrize(
    ("section", "record", "code", "record_id", "reason", "kept_too"),
    list(RECORD_CASES.values()),
    ids=list(RECORD_CASES),
)
def test_a_bad_record_is_listed_and_the_rest_loads(
    section: str,
    record: Any,
    code: str,
    record_id: str | None,
    reason: str,
    kept_too: dict[str, tuple[str, TaskState]],
) -> None:
    document = base_document()
    at = INSERT_AT[section]
    document[section].insert(at, record)
    feed = load_feed(to_bytes(document))

    # The one finding for the record, where it stood, with its id and the reason.
    ours = [f for f in feed.findings if f.where == f"{section}[{at}]"]
    assert len(ours) == 1, [str(f) for f in feed.findings]
    [finding] = ours
    assert (finding.code, finding.record_id) == (code, record_id)
    assert reason in finding.message, finding.message
    # The base feed's own findings, at positions that count the record.
    others = {(f.code, f.where, f.record_id) for f in feed.findings if f is not finding}
    assert others == {
        (c, f"{s}[{i + (s == section and i >= at)}]", r) for c, s, i, r in BASE_FINDINGS
    }

    # The rest loads, with the first of each id kept as it was.
    states = {**BASE_STATES, **kept_too}
    assert {t.id: (t.agency, t.state) for t in feed.tasks} == states
    assert [t.title for t in feed.tasks if t.id == "G1"] == ["Task G1"]
    assert list(feed.agencies)[:3] == ["BKHCN", "LAI-CHAU", "SUB"]
    assert feed.agencies["BKHCN"].kind is AgencyKind.MINISTRY
    assert feed.agencies["BKHCN"].name == "Bộ Khoa học và Công nghệ"
    assert [(i.id, i.value) for i in feed.indicators] == [("gdp-share", 16.0), ("dvc", 85)]

    # And the figures: every agency, every kind, the total.
    rollup = roll_up(feed)
    for agency_id in feed.agencies:
        assert rollup.by_agency[agency_id] == counts_of(states, agency_id), agency_id
    assert rollup.total == counts_of(states)
    assert rollup.by_kind[AgencyKind.MINISTRY] == counts_of(states, "BKHCN")
    assert rollup.by_kind[AgencyKind.LOCALITY] == counts_of(states, "LAI-CHAU")
    assert rollup.by_kind[AgencyKind.BRANCH] == counts_of(states, "SUB")
    assert rollup.by_kind[AgencyKind.OTHER] == counts_of(states, "VNPT")
    if "VNPT" in feed.agencies:
        created = feed.agencies["VNPT"]
        assert (created.name, created.kind) == ("VNPT", AgencyKind.OTHER)
        assert feed.created_agencies == {"VNPT"}
    assert_figures_hold(feed)


def test_every_kind_of_bad_record_at_once_keeps_every_position() -> None:
    document = base_document()
    bad = [
        case
        for name, case in RECORD_CASES.items()
        if case[2] == "invalid" and name != "task-due-quarter-year-0"  # a bug of its own
    ]
    for section in ("agencies", "tasks", "indicators"):
        records = [case[1] for case in bad if case[0] == section]
        document[section] = records + document[section]  # every bad one before the base
    feed = load_feed(to_bytes(document))
    expected = set()
    for section in ("agencies", "tasks", "indicators"):
        ahead = sum(1 for case in bad if case[0] == section)
        expected |= {(f"{section}[{i}]", "invalid") for i in range(ahead)}
        expected |= {(f"{s}[{i + ahead}]", c) for c, s, i, _ in BASE_FINDINGS if s == section}
    assert {(f.where, f.code) for f in feed.findings} == expected
    assert {t.id: (t.agency, t.state) for t in feed.tasks} == BASE_STATES
    assert roll_up(feed).total == Counts(1, 1, 3, 1)
    assert_figures_hold(feed)


# --- 2. pathological documents ----------------------------------------------------------

HEAD = b"{" + ENVELOPE + b',"tasks":['


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000,
        b"{" + b'"a":{' * 100_000,
        HEAD + b'{"a":' * 100_000,
        HEAD + b"[" * 100_000,
        HEAD + b'{"a":' * 100_000 + b"1" + b"}" * 100_000 + b"]}",  # well formed, all closed
        HEAD + b"[" * 100_000 + b"]" * 100_000 + b"]}",
        doc(ENVELOPE + b',"tasks":[],"x-extra":' + b"[" * 1_000 + b"]" * 1_000),  # an ignored key
    ],
    ids=[
        "arrays",
        "objects",
        "objects-in-tasks",
        "arrays-in-tasks",
        "closed-objects-in-tasks",
        "closed-arrays-in-tasks",
        "closed-1000-in-an-ignored-key",
    ],
)
def test_deep_nesting_is_refused_in_one_line(data: bytes) -> None:
    for form in (data, data.decode()):
        error = refused(form)
        assert re.fullmatch(r"line 1, column \d+", error.where), str(error)
        assert error.what == "not JSON: nested too deeply to be a feed"
    assert sys.getrecursionlimit() < 100_000  # the test would prove nothing otherwise


NON_FINITE = ["NaN", "Infinity", "-Infinity"]
# Where a number can stand, as a record with `@` for the number, and the reason's path.
NUMBER_PLACES = {
    "indicator-value": ("indicators", '{"id":"i9","name":"x","value":@}', "value"),
    "indicator-target": ("indicators", '{"id":"i9","name":"x","value":1,"target":@}', "target"),
    "indicator-baseline": (
        "indicators",
        '{"id":"i9","name":"x","value":1,"baseline":@}',
        "baseline",
    ),
    "indicator-history": (
        "indicators",
        '{"id":"i9","name":"x","value":1,"history":[{"period":"Q1","value":1},'
        '{"period":"Q2","value":@}]}',
        "history.1.value",
    ),
    "task-progress": ("tasks", '{"id":"B1","title":"x","agency":"BKHCN","progress":@}', "progress"),
}


def with_record(section: str, record_json: str) -> bytes:
    """The base feed with one record, written as JSON text, inserted where the matrix does."""
    document = base_document()
    marker = "@@record@@"
    document[section].insert(INSERT_AT[section], marker)
    return to_bytes(document).replace(json.dumps(marker).encode(), record_json.encode())


@pytest.mark.parametrize("number", NON_FINITE)
@pytest.mark.parametrize("place", list(NUMBER_PLACES))
def test_nan_and_infinity_are_set_aside_never_a_figure(place: str, number: str) -> None:
    section, record, path = NUMBER_PLACES[place]
    feed = load_feed(with_record(section, record.replace("@", number)))
    at = f"{section}[{INSERT_AT[section]}]"
    [finding] = [f for f in feed.findings if f.where == at]
    assert finding.code == "invalid"
    assert finding.record_id == ("i9" if section == "indicators" else "B1")
    assert f"{path}: must be a " in finding.message, finding.message
    assert "i9" not in {i.id for i in feed.indicators}
    assert "B1" not in {t.id for t in feed.tasks}
    assert {t.id: t.state for t in feed.tasks} == {k: s for k, (_, s) in BASE_STATES.items()}
    assert roll_up(feed).total == Counts(1, 1, 3, 1)
    assert_figures_hold(feed)  # every number finite, every share finite


@pytest.mark.parametrize(
    ("place", "written", "reason"),
    [
        ("task-progress", '"70"', "progress: must be a whole number (got '70')"),
        ("task-progress", '"70.0"', "progress: must be a whole number"),
        ("indicator-value", '"16.0"', "value: must be a number (got '16.0')"),
        ("indicator-value", '"16,0"', "value: must be a number"),
        ("indicator-target", '"20"', "target: must be a number (got '20')"),
        ("indicator-baseline", '"1e3"', "baseline: must be a number"),
        ("indicator-history", '"15.1"', "history.1.value: must be a number (got '15.1')"),
        ("indicator-value", "null", "value: must be a number"),
        ("indicator-value", "1e400", "value: must be a finite number"),  # overflows to inf
    ],
)
def test_numbers_are_strict_a_string_is_no_number(place: str, written: str, reason: str) -> None:
    section, record, _ = NUMBER_PLACES[place]
    feed = load_feed(with_record(section, record.replace("@", written)))
    at = f"{section}[{INSERT_AT[section]}]"
    [finding] = [f for f in feed.findings if f.where == at]
    assert finding.code == "invalid"
    assert reason in finding.message, finding.message
    assert roll_up(feed).total == Counts(1, 1, 3, 1)
    assert_figures_hold(feed)


@pytest.mark.parametrize("escaped", [False, True], ids=["literal", "escaped"])
def test_a_1_mb_title_loads_intact(escaped: bool) -> None:
    line = "Kết nối hạ tầng số đến 96 xã — Điện Biên, Lai Châu, Sơn La; "
    big = line * (1_000_000 // len(line.encode()) + 1)
    assert len(big.encode()) > 1_000_000
    document = feed_dict([task("T1", title=big), task("T2")], title=big)
    data = json.dumps(document, ensure_ascii=escaped).encode()  # escaped: the record path
    feed = load_feed(data)
    assert feed.title == big
    assert [t.title for t in feed.tasks] == [big, "Task T2"]
    assert feed.findings == []
    assert roll_up(feed).total.assigned == 2


# The shapes of the million tasks, each with the state it must get as of 2025-10-15.
MILLION_SHAPES = [
    ('"due":"2025-06-30","completed":"2025-06-12"', DONE),
    ('"due":"2025-06-30","completed":"2025-07-01","progress":100', LATE),
    ('"due":"2025-Q3","key_task":true', OVER),
    ('"due":null,"group":"Hạ tầng số"', OPEN),
    ('"due":"2025-12","progress":40,"co_agencies":["A00"]', OPEN),
    ('"due":"2025-10-14","notes":[{"date":"2025-10-01","text":"Đang trình"}]', OVER),
    ('"status":"completed"', DONE),
    ('"due":"2025-10-15","source":"Nghị quyết 71/NQ-CP"', OPEN),
]
KINDS = ["ministry", "branch", "locality", "party", "other"]


def million_task_feed(tasks: int, agencies: int = 63) -> bytes:
    """Compact JSON of `tasks` tasks, made as bytes in one pass (about 100 bytes a task;
    bytes, not str: Vietnamese text would make a str of the whole body 2 bytes a char)."""
    ids = [f"A{i:02d}" for i in range(agencies)]
    head = (
        '{"format":"r57-feed","version":1,"as_of":"2025-10-15T08:00:00+07:00",'
        '"title":"Một triệu nhiệm vụ","agencies":['
        + ",".join(
            f'{{"id":"{a}","name":"Cơ quan {a}","kind":"{KINDS[i % len(KINDS)]}"}}'
            for i, a in enumerate(ids)
        )
        + '],"tasks":['
    ).encode()
    record = '{"id":"T%07d","title":"Nhiệm vụ %d","agency":"%s",%s}'.encode()
    agency = [a.encode() for a in ids]
    shapes = [shape.encode() for shape, _ in MILLION_SHAPES]
    n = len(shapes)
    body = b",".join([record % (i, i, agency[i % agencies], shapes[i % n]) for i in range(tasks)])
    return head + body + b"]}"


def test_a_million_tasks_load_and_add_up() -> None:
    tasks = 1_000_000
    started = time.perf_counter()
    data = million_task_feed(tasks)
    made = time.perf_counter()
    feed = load_feed(data)
    loaded = time.perf_counter()
    del data
    rollup = roll_up(feed)
    rolled = time.perf_counter()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    total = rollup.total
    assert len(feed.tasks) == total.assigned == tasks
    assert total.completed + total.on_time + total.overdue == tasks
    expected = [0, 0, 0, 0]
    for i in range(len(MILLION_SHAPES)):
        shape_count = tasks // len(MILLION_SHAPES) + (i < tasks % len(MILLION_SHAPES))
        expected[[DONE, LATE, OPEN, OVER].index(MILLION_SHAPES[i][1])] += shape_count
    assert total == Counts.of(expected)
    assert sum(rollup.by_agency.values(), Counts()) == total
    assert sum(rollup.by_kind.values(), Counts()) == total
    assert feed.findings == []
    assert feed.tasks[-1].id == f"T{tasks - 1:07d}"
    print(
        f"\n1M tasks: generate {made - started:.1f} s, load_feed {loaded - made:.1f} s, "
        f"roll_up {rolled - loaded:.1f} s, peak RSS {peak_mib:,.0f} MiB"
    )
    assert peak_mib < 3 * 1024


# --- 3. the property: loads and adds up, or one line ------------------------------------

AGENCY_POOL = ["BKHCN", "BTC", "NHNN", "LAI-CHAU", "DIEN-BIEN", "VNPT", "Đ-NẴNG"]
ID_CHARS = "ABCĐƠƯ-0123456789"
as_of_dates = st.dates(date(2024, 6, 1), date(2026, 6, 30))
task_dates = st.dates(date(2024, 1, 1), date(2026, 12, 31))
iso = task_dates.map(date.isoformat)


@st.composite
def dues(draw: st.DrawFn) -> str | None:
    day = draw(task_dates)
    return draw(
        st.sampled_from(
            [
                None,
                day.isoformat(),
                f"{day.year:04d}-{day.month:02d}",
                f"{day.year:04d}-Q{(day.month + 2) // 3}",
                f"{day.year:04d}-q{(day.month + 2) // 3}",
            ]
        )
    )


@st.composite
def as_ofs(draw: st.DrawFn) -> str:
    day = draw(as_of_dates).isoformat()
    clock = draw(st.sampled_from(["", "T00:00:00", "T08:00:00", "T23:59:59.5"]))
    zone = draw(st.sampled_from(["+07:00", "Z", "-12:00", "+14:00", ""])) if clock else ""
    return day + clock + zone


texts = st.text(max_size=12)
names = st.text(min_size=1, max_size=12)
finite = st.one_of(st.integers(-(10**12), 10**12), st.floats(allow_nan=False, allow_infinity=False))

task_records = st.fixed_dictionaries(
    {"title": names, "agency": st.sampled_from(AGENCY_POOL)},
    optional={
        "co_agencies": st.lists(st.sampled_from(AGENCY_POOL), max_size=3),
        "source": texts,
        "group": st.sampled_from(["Thể chế", "Hạ tầng số", "Đề án 06"]),
        "key_task": st.booleans(),
        "assigned": iso,
        "due": dues(),
        "completed": st.one_of(st.none(), iso),
        "status": st.sampled_from([s.value for s in TaskState]),
        "progress": st.integers(0, 100),
        "notes": st.lists(st.fixed_dictionaries({"date": iso, "text": texts}), max_size=2),
        "x-colour": texts,  # unknown keys are ignored
    },
)
indicator_records = st.fixed_dictionaries(
    {"name": names, "value": finite},
    optional={
        "name_en": texts,
        "unit": st.sampled_from(["%", "hồ sơ", "tỷ đồng"]),
        "period": st.sampled_from(["2025-Q1", "2025-Q2", "2025-Q3"]),
        "target": finite,
        "baseline": finite,
        "direction": st.sampled_from(["up", "down"]),
        "agency": st.sampled_from(AGENCY_POOL),
        "history": st.lists(
            st.fixed_dictionaries(
                {"period": st.sampled_from(["2025-Q1", "2025-Q2", "2025-Q3"]), "value": finite}
            ),
            max_size=3,
        ),
    },
)


@st.composite
def valid_feeds(draw: st.DrawFn) -> dict[str, Any]:
    declared = draw(st.lists(st.sampled_from(AGENCY_POOL), unique=True, max_size=5))
    agencies = [
        {
            "id": agency_id,
            "name": draw(names),
            "kind": draw(st.sampled_from([k.value for k in AgencyKind])),
            **draw(st.fixed_dictionaries({}, optional={"name_en": texts, "short": texts})),
        }
        for agency_id in declared
    ]
    tasks = draw(st.lists(task_records, max_size=12))
    task_ids = draw(
        st.lists(
            st.text(ID_CHARS, min_size=1, max_size=6),
            min_size=len(tasks),
            max_size=len(tasks),
            unique=True,
        )
    )
    indicators = draw(st.lists(indicator_records, max_size=3))
    indicator_ids = draw(
        st.lists(
            st.text(ID_CHARS, min_size=1, max_size=4),
            min_size=len(indicators),
            max_size=len(indicators),
            unique=True,
        )
    )
    document: dict[str, Any] = {
        "format": "r57-feed",
        "version": 1,
        "as_of": draw(as_ofs()),
        "tasks": [{"id": i, **t} for i, t in zip(task_ids, tasks, strict=True)],
    }
    if agencies or draw(st.booleans()):
        document["agencies"] = agencies
    if indicators or draw(st.booleans()):
        document["indicators"] = [
            {"id": i, **record} for i, record in zip(indicator_ids, indicators, strict=True)
        ]
    if draw(st.booleans()):
        document["title"] = draw(texts)
    return document


def expected_state(record: dict[str, Any], as_of: date) -> TaskState:
    if record.get("status") is not None:
        return TaskState(record["status"])
    completed = record.get("completed")
    return rule(
        date.fromisoformat(completed) if completed else None,
        deadline_of(record.get("due")),
        as_of,
    )


@PROPERTY
@given(document=valid_feeds(), ascii_only=st.booleans())
def test_a_valid_feed_loads_with_the_states_the_rules_give(
    document: dict[str, Any], ascii_only: bool
) -> None:
    text = json.dumps(document, ensure_ascii=ascii_only)
    feed = load_feed(text.encode())
    as_of = date.fromisoformat(document["as_of"][:10])
    assert feed.as_of_date == as_of
    records = document["tasks"]
    assert [t.id for t in feed.tasks] == [r["id"] for r in records]
    for loaded, record in zip(feed.tasks, records, strict=True):
        assert loaded.title == unicodedata.normalize("NFC", record["title"])
        assert loaded.state is expected_state(record, as_of), record
    declared = {a["id"] for a in document.get("agencies", [])}
    named = {r["agency"] for r in records}
    assert feed.created_agencies == named - declared
    assert not {f.code for f in feed.findings} & {"invalid", "duplicate"}
    assert len(feed.indicators) == len(document.get("indicators", []))
    rollup = roll_up(feed)
    for agency_id in declared | named:
        mine = [expected_state(r, as_of) for r in records if r["agency"] == agency_id]
        assert rollup.by_agency[agency_id] == Counts(
            *(mine.count(s) for s in (DONE, LATE, OPEN, OVER))
        )
    assert_figures_hold(feed)
    # Both ways through the loader give the same feed.
    assert outcome(through_record_path(text).encode()) == outcome(text.encode())


# What a mutation may put in place of a value.
ODD_VALUES = [
    None, 0, 1, -1, 1.0, 1.5, 140, 10**30, True, False, "", "x", "70", "16.0", "\n",
    [], {}, [None], {"id": None}, float("nan"), float("inf"), float("-inf"),
    "r57-feed", "completed", "overdue", "BKHCN", "e\u0301", "\u202e", "\x00",
]  # fmt: skip
ODD_ENVELOPE = {
    "format": ["R57-FEED", "r57-feed ", None, 57],
    "version": [True, 1.0, "1", 2, 0, None, 1.5, float("nan")],
    "as_of": ["2025-Q3", "20251015xx", "2025-10-15T25:00", "0001-01-01", "9999-12-31", 20251015],
}
ODD_DATES = [
    "0000-Q1", "0000-Q4", "0000-12", "2025-00", "2025-13", "2025-02-30", "2025-Q0", "2025-Q5",
    "2025-q3", "9999-Q4", "9999-12-31", "0001-01-01", "2025-10-15T08:00:00", "Q3/2025", "",
]  # fmt: skip
DATE_KEYS = {"due", "completed", "assigned", "date"}
REQUIRED = {"format", "version", "as_of", "tasks", "id", "title", "agency", "name", "value"}
SECTIONS = ("agencies", "tasks", "indicators")
MUTATIONS = [
    "drop", "drop-required", "retype", "envelope", "date", "duplicate", "unknown-agency",
    "swap", "nest", "nan",
]  # fmt: skip


def paths_in(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths_in(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths_in(value, (*prefix, index))
    return found


def parent_of(document: Any, path: tuple) -> Any:
    for step in path[:-1]:
        document = document[step]
    return document


def mutate(draw: st.DrawFn, document: dict[str, Any]) -> None:
    """One mutation of the document, in place."""
    kind = draw(st.sampled_from(MUTATIONS))
    paths = [p for p in paths_in(document) if p]
    keyed = [p for p in paths if isinstance(p[-1], str)]
    if kind == "drop-required":
        keyed = [p for p in keyed if p[-1] in REQUIRED]
    elif kind == "date":
        keyed = [p for p in keyed if p[-1] in DATE_KEYS]
    if kind in ("drop", "drop-required") and keyed:
        path = draw(st.sampled_from(keyed))
        del parent_of(document, path)[path[-1]]
    elif kind == "retype" and paths:
        path = draw(st.sampled_from(paths))
        parent_of(document, path)[path[-1]] = copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))
    elif kind == "envelope":
        key = draw(st.sampled_from(sorted(ODD_ENVELOPE)))
        document[key] = draw(st.sampled_from(ODD_ENVELOPE[key]))
    elif kind == "date" and keyed:
        path = draw(st.sampled_from(keyed))
        parent_of(document, path)[path[-1]] = draw(st.sampled_from(ODD_DATES))
    elif kind == "duplicate":
        sections = [s for s in SECTIONS if isinstance(document.get(s), list) and document[s]]
        if sections:
            records = document[draw(st.sampled_from(sections))]
            copied = copy.deepcopy(draw(st.sampled_from(records)))
            records.insert(draw(st.integers(0, len(records))), copied)
    elif kind == "unknown-agency":
        records = document.get("tasks")
        if isinstance(records, list) and records:
            record = draw(st.sampled_from(records))
            if isinstance(record, dict):
                record["agency"] = draw(st.text(min_size=1, max_size=8))
    elif kind == "swap" and paths:
        first, second = draw(st.sampled_from(paths)), draw(st.sampled_from(paths))
        if first[: len(second)] != second and second[: len(first)] != first:
            a, b = parent_of(document, first), parent_of(document, second)
            a[first[-1]], b[second[-1]] = b[second[-1]], a[first[-1]]
    elif kind == "nest" and paths:
        path = draw(st.sampled_from(paths))
        value: Any = parent_of(document, path)[path[-1]]
        for _ in range(draw(st.integers(1, 300))):
            value = [value]
        parent_of(document, path)[path[-1]] = value
    elif kind == "nan" and paths:
        path = draw(st.sampled_from(paths))
        parent_of(document, path)[path[-1]] = draw(st.sampled_from(NON_FINITE_FLOATS))


NON_FINITE_FLOATS = [float("nan"), float("inf"), float("-inf")]


# An object's first key (a `{"` is never inside a string: there `"` is written `\"`).
OBJECT_START = re.compile(r'\{(?P<key>"(?:[^"\\]|\\.)*")\s*:')


def mutate_text(draw: st.DrawFn, text: str) -> str:
    kind = draw(st.sampled_from(["garbage", "truncate", "deep", "bom", "twice"]))
    at = draw(st.integers(0, len(text)))
    if kind == "twice":  # the first key of an object written once more, before it
        starts = list(OBJECT_START.finditer(text))
        if not starts:
            return text
        start = draw(st.sampled_from(starts))
        value = draw(st.sampled_from(["null", '"x"', "[]"]))
        return f"{text[: start.start() + 1]}{start['key']}: {value}, {text[start.start() + 1 :]}"
    if kind == "garbage":
        garbage = draw(
            st.one_of(
                st.text(max_size=4),
                st.text('{}[]":,\\ \n\t\x00', min_size=1, max_size=3),
                st.text(st.characters(categories=["Cs"]), min_size=1, max_size=1),  # surrogates
            )
        )
        return text[:at] + garbage + text[at:]
    if kind == "truncate":
        return text[:at]
    if kind == "deep":
        opener = draw(st.sampled_from(["[", '{"a":']))
        return text[:at] + opener * draw(st.sampled_from([300, 100_000])) + text[at:]
    return "\ufeff" + text


@st.composite
def mutated_feeds(draw: st.DrawFn) -> tuple[str, bytes | str]:
    """A valid feed mutated: its JSON text after the record-level mutations, and the
    input finally handed to the loader (bytes, or text) after the text-level ones."""
    document = draw(valid_feeds())
    for _ in range(draw(st.integers(1, 3))):
        mutate(draw, document)
    text = json.dumps(document, ensure_ascii=False, allow_nan=True)
    final = text
    for _ in range(draw(st.integers(0, 2))):
        final = mutate_text(draw, final)
    if draw(st.booleans()):
        return text, final
    return text, final.encode("utf-8", "surrogatepass")


def assert_loads_and_adds_up_or_one_line(data: bytes | str) -> None:
    try:
        feed = load_feed(data)
    except FeedError as error:
        assert_refusal_shape(error)
        return
    # Anything but FeedError propagates: the property is broken.
    assert_figures_hold(feed)


@PROPERTY
@given(case=mutated_feeds())
def test_any_feed_loads_and_adds_up_or_is_refused_in_one_line(
    case: tuple[str, bytes | str],
) -> None:
    text, final = case
    # The outcome must not depend on the way through the loader.
    assert outcome(through_record_path(text).encode()) == outcome(text.encode())
    assert_loads_and_adds_up_or_one_line(text.encode())
    assert_loads_and_adds_up_or_one_line(final)


# --- the bugs, one reproducer each ------------------------------------------------------


@pytest.mark.parametrize("quarter", ["0000-Q1", "0000-Q4", "0000-q2"])
def test_a_quarter_of_year_0_is_set_aside_not_a_crash(quarter: str) -> None:
    feed = load_feed(to_bytes(feed_dict([task("T1", due=quarter), task("T2")])))
    [finding] = feed.findings
    assert (finding.code, finding.where, finding.record_id) == ("invalid", "tasks[0]", "T1")
    assert [t.id for t in feed.tasks] == ["T2"]


def test_text_with_a_lone_surrogate_is_refused_not_a_type_error() -> None:
    text = to_bytes(feed_dict([task("T1")])).decode().replace("Task T1", "Task \ud800")
    refused(text)


@pytest.mark.parametrize("version", ["true", "1.0"])
def test_the_version_is_judged_the_same_on_both_paths(version: str) -> None:
    # A clean feed takes the one-pass path; one bad record sends the same envelope down the
    # record-by-record path. The envelope must get the same answer either way.
    clean = (
        b'{"format":"r57-feed","version":' + version.encode() + b',"as_of":"2025-10-15",'
        b'"tasks":[{"id":"T1","title":"x","agency":"A"}]}'
    )
    with_bad_record = clean.replace(
        b"]}", b',{"id":"T2","title":"x","agency":"A","progress":140}]}'
    )
    assert outcome(clean)[0] == outcome(with_bad_record)[0], (
        outcome(clean),
        outcome(with_bad_record),
    )


@pytest.mark.parametrize("as_of", ["9999-12-31", "9999-12-18", "9999-12-31T23:59:59-12:00"])
def test_a_feed_as_of_the_last_days_of_9999_rolls_up(as_of: str) -> None:
    # It loads (an as_of is any ISO date); counting it must not overflow the calendar.
    feed = load_feed(to_bytes(feed_dict([task("T1", due="9999-12-31")], as_of=as_of)))
    assert roll_up(feed).total.assigned == 1
