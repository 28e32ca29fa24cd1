"""The faster loader against the loader it replaced (tests/reference_loader.py), on the
same bytes: every record, derived state, finding (in both languages), refusal and figure
the same, whichever way the load goes (alone, or with a helper process answering whether
a key is written twice: sources/parallel_check.py)."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from r57tui.check import report_json, report_text
from r57tui.feed import Feed, FeedError, load_feed
from r57tui.feed.envelope import clean
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
        return (
            type(value).__name__,
            tuple(shape(getattr(value, f.name)) for f in dataclasses.fields(value)),
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
        # The way with a helper process: validated straight from JSON, the text and keys
        # checked apart.
        helped = described(lambda: load_feed(as_bytes, clean=lambda: clean(as_bytes)))
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
        assert asked() is clean(data)


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
