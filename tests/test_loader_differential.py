"""The faster loader against the loader it replaced (tests/reference_loader.py), on the
same bytes: every record, derived state, finding (in both languages), refusal and figure
the same, whichever way the load goes (alone, or with a helper process answering whether
a key is written twice: sources/parallel_check.py)."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import unicodedata
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from r57tui.check import report_json, report_text
from r57tui.feed import Feed, FeedError, TaskState, envelope, load_feed, refresh
from r57tui.feed.keys import written_twice
from r57tui.rollup import roll_up
from r57tui.sources import gc_policy, parallel_check
from tests import reference_loader
from tests.builders import feed_dict, task
from tests.test_fault_matrix_dupkeys import twice_feeds
from tests.test_fault_matrix_feeds import mutated_feeds, valid_feeds

ROOT = Path(__file__).resolve().parents[1]
FEW = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def shape(value: Any) -> Any:
    """A value with the type of every part, so that 1 and 1.0, or a str and an enum of the
    same text, differ."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # pydantic's records (the reference's), field by field, each field named
        return (
            type(value).__name__,
            tuple((f.name, shape(getattr(value, f.name))) for f in dataclasses.fields(value)),
        )
    if isinstance(value, msgspec.Struct):  # the records a load gives now
        return (
            type(value).__name__,
            tuple((name, shape(getattr(value, name))) for name in value.__struct_fields__),
        )
    if isinstance(value, list | tuple):
        return [shape(item) for item in value]
    if isinstance(value, dict):
        return [(shape(key), shape(item)) for key, item in value.items()]
    if isinstance(value, Enum):
        return (type(value).__name__, value.value)
    return (type(value).__name__, value)


def described(load: Callable[[], Feed]) -> Any:
    """Everything a load decides and what the meeting is shown of it."""
    try:
        feed = load()
    except FeedError as error:
        return ("refused", str(error), error.text("vi"), error.where, error.what)
    rollup = roll_up(feed)
    return (
        "loaded",
        shape(feed.as_of),
        shape(feed.title),
        shape(feed.agencies),
        shape(feed.tasks),
        shape(feed.indicators),
        [(f.code, f.where, f.record_id, f.text("en"), f.text("vi")) for f in feed.findings],
        sorted(feed.created_agencies),
        report_json(feed, rollup, 0),
        report_text(feed, rollup, 0, "vi"),
    )


def assert_same_as_the_reference(data: bytes | str) -> None:
    expected = described(lambda: reference_loader.load_feed(data))
    assert described(lambda: load_feed(data)) == expected
    as_bytes = data if isinstance(data, bytes) else None
    if as_bytes is not None:
        # The way with a helper process: decoded while the keys are checked apart.
        helped = described(
            lambda: load_feed(as_bytes, keys_once=lambda: not written_twice(as_bytes))
        )
        assert helped == expected


@FEW
@given(document=valid_feeds(), ascii_only=st.booleans())
def test_a_valid_feed_loads_as_the_reference_loads_it(
    document: dict[str, Any], ascii_only: bool
) -> None:
    assert_same_as_the_reference(json.dumps(document, ensure_ascii=ascii_only).encode())


@FEW
@given(case=mutated_feeds())
def test_a_mutated_feed_loads_or_is_refused_as_the_reference_does(
    case: tuple[str, bytes | str],
) -> None:
    text, final = case
    assert_same_as_the_reference(text.encode())
    assert_same_as_the_reference(final)


@FEW
@given(case=twice_feeds())
def test_keys_written_twice_are_found_as_the_reference_finds_them(case: tuple[str, str]) -> None:
    first, after = case
    assert_same_as_the_reference(first.encode())
    assert_same_as_the_reference(after.encode())


# --- the helper process itself --------------------------------------------------------


def _feed(twice: bytes = b"") -> bytes:
    """A feed with tasks enough to be worth a helper, a key written twice where asked:
    `record` inside a task, `outside` at the top level."""
    document = feed_dict([task(f"T{i}", due="2025-10-01") for i in range(40)])
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    if twice == b"record":
        return data.replace(b'{"id":"T7",', b'{"id":"T7","id":"T7",', 1)
    if twice == b"outside":
        return data.replace(b'"version":1,', b'"version":1,"version":1,', 1)
    return data


@pytest.fixture
def helper_always(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every load helped, whatever its size and the machine's load; what each helper
    answered, in order."""
    monkeypatch.setattr(parallel_check, "HELP_FROM", 0)
    monkeypatch.setattr(parallel_check, "spare_core", lambda: True)
    answers: list[bool] = []
    answer = parallel_check._Helper.answer

    def recorded(self: parallel_check._Helper) -> bool:
        answers.append(answer(self))
        return answers[-1]

    monkeypatch.setattr(parallel_check._Helper, "answer", recorded)
    return answers


@pytest.mark.parametrize("twice", [b"", b"record", b"outside"])
def test_a_helped_load_is_the_reference_load(helper_always: list[bool], twice: bytes) -> None:
    data = _feed(twice)
    assert (b'"id":"T7","id":"T7"' in data) is (twice == b"record")
    expected = described(lambda: reference_loader.load_feed(data))
    assert described(lambda: gc_policy.load_feed_managed(data)) == expected
    assert helper_always == [not twice]  # the helper answered, and said what the loader says


def test_a_helper_that_cannot_answer_leaves_the_check_to_the_loader(
    helper_always: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A program that says nothing: the answer falls back to the loader's own check.
    monkeypatch.setattr(parallel_check, "PROGRAM", "import sys; sys.exit(3)")
    data = _feed(b"record")
    expected = described(lambda: reference_loader.load_feed(data))
    assert described(lambda: gc_policy.load_feed_managed(data)) == expected
    assert helper_always == [False]


@pytest.mark.parametrize(
    "data",
    [
        _feed(),
        _feed(b"record"),
        _feed(b"outside"),
        b"\xef\xbb\xbf" + _feed(),
        _feed().replace(b"Task T1", "Cu\u0309a".encode()),  # NFD: not as written
        _feed().replace(b"Task T1", b"Task \xff"),
        b'{"tasks": [',
    ],
    ids=["clean", "record", "outside", "bom", "nfd", "not-utf8", "not-json"],
)
def test_the_helper_program_says_what_the_loader_would(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel_check, "HELP_FROM", 0)
    monkeypatch.setattr(parallel_check, "spare_core", lambda: True)
    with parallel_check.helped(data) as asked:
        assert asked is not None
        assert asked() is not written_twice(data)


def test_a_small_feed_is_loaded_without_a_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []
    monkeypatch.setattr(parallel_check._Helper, "__init__", lambda self, data: started.append(1))
    data = (ROOT / "r57tui" / "demo" / "demo-feed.json").read_bytes()
    assert len(data) < parallel_check.HELP_FROM
    assert described(lambda: gc_policy.load_feed_managed(data)) == described(
        lambda: reference_loader.load_feed(data)
    )
    assert started == []


@pytest.mark.parametrize(
    ("cores", "load", "spare"),
    [({0}, 0.0, False), ({0, 1}, 0.4, True), ({0, 1}, 1.9, True), ({0, 1}, 2.5, False)],
)
def test_a_helper_only_where_a_core_is_to_spare(
    monkeypatch: pytest.MonkeyPatch, cores: set[int], load: float, spare: bool
) -> None:
    monkeypatch.setattr(parallel_check.os, "sched_getaffinity", lambda _pid: cores)
    monkeypatch.setattr(parallel_check.os, "getloadavg", lambda: (load, load, load))
    assert parallel_check.spare_core() is spare
    monkeypatch.setattr(parallel_check, "HELP_FROM", 0)
    with parallel_check.helped(_feed()) as asked:
        assert (asked is not None) is spare


def test_a_generated_national_feed_loads_as_the_reference_loads_it() -> None:
    # The benchmarks' feed (bench/feeds.py) at 3,000 tasks: every kind of deadline, tasks
    # completed before, on and after it, notes and owners.
    spec = importlib.util.spec_from_file_location("feeds", ROOT / "bench" / "feeds.py")
    assert spec is not None
    assert spec.loader is not None
    feeds = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(feeds)
    assert_same_as_the_reference(feeds.generate(3_000))


# --- where decoding (msgspec) and the contract (pydantic) could part ways -------------


def _one_task(**fields: Any) -> dict[str, Any]:
    # Seven more tasks, so that a refresh that changes only T2 reuses the others.
    others = [task(f"T{i}", due="2025-10-01") for i in range(3, 10)]
    return feed_dict([task("T1", due="2025-10-01"), {**task("T2"), **fields}, *others])


# Each a task field written the way one decoder might take and the other not, or take
# otherwise; the loader must do what the reference does with each.
EDGES: list[tuple[str, dict[str, Any]]] = [
    ("owner-spaces", {"owner": "  Phó Chủ tịch  "}),
    ("owner-blank", {"owner": " \u3000 "}),
    ("owner-nbsp", {"owner": "\xa0Bộ trưởng\u2003"}),
    ("owner-separator", {"owner": "\x1cBộ trưởng\x1f"}),  # Python trims it, pydantic not
    ("owner-empty", {"owner": ""}),
    ("owner-long-spaced", {"owner": " " * 10 + "x" * 195}),  # 195 once trimmed
    ("owner-too-long", {"owner": "x" * 201}),
    ("derived-state", {"state": "completed", "deadline": "2020-01-01", "days_past_due": 9}),
    ("progress-float", {"progress": 70.0}),
    ("progress-bool", {"progress": True}),
    ("progress-big", {"progress": 10**20}),
    ("key-task-int", {"key_task": 1}),
    ("date-time-for-date", {"completed": "2025-09-01T00:00:00"}),
    ("date-bad", {"assigned": "2025-02-30"}),
    ("status-case", {"status": "Completed"}),
    ("same-as-empty", {"same_as": ""}),
    ("notes-null", {"notes": None}),
    ("note-date-time", {"notes": [{"date": "2025-09-01T10:00:00Z", "text": "x"}]}),
    ("co-agencies-string", {"co_agencies": "BTC"}),
    ("title-number", {"title": 7}),
    ("id-201", {"id": "x" * 201}),
]


@pytest.mark.parametrize("fields", [fields for _, fields in EDGES], ids=[n for n, _ in EDGES])
def test_a_field_at_the_decoders_edge_loads_as_the_reference(fields: dict[str, Any]) -> None:
    data = json.dumps(_one_task(**fields), ensure_ascii=False).encode()
    assert_same_as_the_reference(data)
    # A refresh from the feed without it decodes only the changed record.
    previous = load_feed(json.dumps(_one_task(), ensure_ascii=False).encode(), for_refresh=True)
    expected = described(lambda: reference_loader.load_feed(data))
    made = refresh.load_changed(data, previous, for_refresh=True)
    assert made is not None
    assert made[1] == 1
    assert described(lambda: made[0]) == expected


@pytest.mark.parametrize(
    "top",
    [
        {"feed_id": "bad id"},
        {"feed_id": 7},
        {"title": 7},
        {"version": 1.0},
        {"version": True},
        {"format": "r57"},
        {"as_of": 20251015},
        {"agencies": None},
        {"indicators": [{"id": "I", "name": "x", "value": 1}]},  # an int value: 1.0
        {"indicators": [{"id": "I", "name": "x", "value": 1e400}]},
        {"extra": float("nan")},  # NaN, which JSON lacks, in a key the contract ignores
    ],
    ids=lambda top: "-".join(f"{k}={v!r}" for k, v in top.items())[:40],
)
def test_a_top_level_at_the_decoders_edge_loads_as_the_reference(top: dict[str, Any]) -> None:
    document = {**_one_task(), **top}
    text = json.dumps(document, ensure_ascii=False)
    assert_same_as_the_reference(text.encode())
    assert_same_as_the_reference(text)


def test_a_derived_field_in_a_feed_is_never_read() -> None:
    # The decoder knows the derived fields by names no NFC text can hold (models.py).
    data = json.dumps(
        _one_task(status=None, state="completed", deadline="2020-01-01", days_past_due=999)
    ).encode()
    second = load_feed(data).tasks[1]
    assert second.state is TaskState.ON_TIME
    assert second.deadline is None
    assert second.days_past_due is None


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(
            ["a", "e", "\u0301", "\u0323", "\u0302", "ế", "ệ", "\u1100", "\u1161", '"', "{"]
        )
        | st.characters(),
        max_size=40,
    ),
    piece=st.integers(1, 9),
    bom=st.booleans(),
)
@example(text="xe\u0301y", piece=2, bom=False)  # a letter and its accent apart
@example(text="x\u1100\u1161", piece=4, bom=False)  # Hangul jamo that make one syllable
@example(text="ạ\u0302", piece=3, bom=False)  # marks out of order
def test_text_checked_a_piece_at_a_time_is_checked_as_a_whole(
    text: str, piece: int, bom: bool
) -> None:
    try:
        data = ("\ufeff" if bom else "").encode() + text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: not UTF-8 at all
        return
    whole = not bom and unicodedata.is_normalized("NFC", text)
    # Pieces of a few bytes, cut between marks and letters, Hangul jamo and the like.
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(envelope, "_PIECE", piece)
        assert envelope.as_written(data) is whole
        assert envelope.as_written(data + b"\xff") is False
