"""A refresh reuses the records the last feed validated: never a different result.

`load_feed(new, previous)` must give exactly what `load_feed(new)` gives (every task
with its state, deadline and days, every finding with its place, agencies, indicators),
and must leave `previous` as it was: it is still on screen while the new one is made.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from r57tui.feed import Feed, FeedError, load_feed, refresh
from tests.builders import feed_dict, task, to_bytes

REFRESHES = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,  # always_reuse is the same for every input
    ],
)


def described(feed: Feed) -> tuple[Any, ...]:
    """All a feed shows: tasks compare every field, the loader's derived ones too."""
    return (
        feed.as_of,
        feed.title,
        feed.agencies,
        feed.tasks,
        feed.indicators,
        [(f.code, f.where, f.record_id, f.message) for f in feed.findings],
        feed.created_agencies,
    )


def loaded(data: bytes, previous: Feed | None = None) -> tuple[Any, ...] | str:
    try:
        return described(load_feed(data, previous, for_refresh=True))
    except FeedError as exc:
        return f"refused: {exc}"


def whole(data: bytes) -> tuple[Any, ...] | str:
    try:
        return described(load_feed(data))
    except FeedError as exc:
        return f"refused: {exc}"


# --- what a producer may write and change ------------------------------------------

NFD = unicodedata.normalize("NFD", "Chuyển đổi số")
TITLES = ["Chuyển đổi số", NFD, "Tiêu đề\x01 (escaped)", "x", ""]  # "" is invalid
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "title": st.sampled_from(TITLES),
        "agency": st.sampled_from(["BKHCN", "LAI-CHAU", "NEW-AGENCY"]),
        "due": st.sampled_from(["2025-10-14", "2025-10-15", "2025-Q3", "2025-10", "2025-13", None]),
        "completed": st.sampled_from(["2025-06-12", "2025-10-01", "2025-11-30", None]),
        "status": st.sampled_from(["completed", "overdue", "on_time", "done", None]),
        "progress": st.sampled_from([0, 50, 100, 150, "50"]),
        "co_agencies": st.sampled_from([[], ["LAI-CHAU"], ["NOWHERE"]]),
        "key_task": st.sampled_from([True, False, 1]),
        "notes": st.sampled_from([[], [{"date": "2025-09-01", "text": "họp"}], [{"x": 1}]]),
    },
)
TASKS = st.lists(
    st.tuples(
        st.sampled_from([f"T{i}" for i in range(12)]),
        st.sampled_from(["2025-10-15", "2025-10-31", "2025-Q3"]),
        FIELDS,
    ),
    max_size=14,
).map(lambda rows: [task(task_id, **{"due": due, **fields}) for task_id, due, fields in rows])

EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("change"), st.integers(0, 20), FIELDS),
        st.tuples(st.just("drop"), st.integers(0, 20)),
        st.tuples(st.just("insert"), st.integers(0, 20), st.sampled_from(["T3", "T20"]), FIELDS),
        st.tuples(st.just("swap"), st.integers(0, 20), st.integers(0, 20)),
        st.tuples(st.just("duplicate"), st.integers(0, 20)),
        st.tuples(st.just("title"), st.sampled_from(["Họp quý IV", NFD, 7])),
        st.tuples(st.just("agencies"), st.sampled_from([[], "none", [{"id": "BKHCN"}]])),
        st.tuples(st.just("version"), st.sampled_from([2, "1"])),
        st.tuples(st.just("junk"), st.sampled_from([b"\xff", b"[", b"NaN"])),
        # A key written twice: the first key of the n-th object, once more before it.
        st.tuples(st.just("twice"), st.integers(0, 60), st.sampled_from([b"null", b'"x"'])),
    ),
    max_size=4,
)


# An object's first key (a `{"` is never inside a string: there `"` is written `\"`).
OBJECT_START = re.compile(rb'\{(?P<key>"(?:[^"\\]|\\.)*")\s*:')


def edited(document: dict[str, Any], edits: list[tuple[Any, ...]]) -> bytes:
    document = json.loads(json.dumps(document))
    tasks = document["tasks"]
    junk = b""
    twice = []
    for edit in edits:
        kind, *args = edit
        at = args[0] % len(tasks) if tasks and isinstance(args[0], int) else None
        if kind == "change" and at is not None:
            tasks[at] = {**tasks[at], **args[1]}
        elif kind == "drop" and at is not None:
            del tasks[at]
        elif kind == "insert":
            tasks.insert(args[0] % (len(tasks) + 1), task(args[1], **args[2]))
        elif kind == "swap" and at is not None:
            other = args[1] % len(tasks)
            tasks[at], tasks[other] = tasks[other], tasks[at]
        elif kind == "duplicate" and at is not None:
            tasks.append(dict(tasks[at]))
        elif kind == "as_of":
            document["as_of"] = args[0]
        elif kind == "title":
            document["title"] = args[0]
        elif kind == "agencies":
            document["agencies"] = args[0]
        elif kind == "version":
            document["version"] = args[0]
        elif kind == "junk":
            junk = args[0]
        elif kind == "twice":
            twice.append(args)
    data = to_bytes(document)
    for nth, value in twice:
        if starts := list(OBJECT_START.finditer(data)):
            at = starts[nth % len(starts)]
            data = (
                data[: at.start() + 1] + at["key"] + b": " + value + b", " + data[at.start() + 1 :]
            )
    if junk == b"\xff":  # bad UTF-8 where nothing is parsed: an unknown top-level key
        return data[:-1] + b', "extra": "' + junk + b'"}'
    return data[:-1] + b', "extra": ' + junk + b"}" if junk else data


@pytest.fixture
def always_reuse(monkeypatch: pytest.MonkeyPatch) -> None:
    # Small feeds change by more than a quarter at once: reuse anyway, so that the path
    # under test is the reusing one and not the whole load it falls back to.
    monkeypatch.setattr(refresh, "_MOST_FRESH", 1.0)


# The moment the next feed describes: the same, later that day, a day on (every state
# judged again: 2025-10-15 becomes overdue), or not a date (the feed is refused).
AS_OF = st.sampled_from([None, "2025-10-15T17:30:00+07:00", "2025-10-15", "2025-10-16", "Q3"])


@REFRESHES
@given(tasks=TASKS, as_of=AS_OF, first=EDITS, second=EDITS)
def test_a_refresh_gives_what_a_whole_load_gives(
    always_reuse: None, tasks: list[dict[str, Any]], as_of: str | None, first: list, second: list
) -> None:
    before_data = edited(feed_dict(tasks, title="Quý III"), [])
    after_data = edited(feed_dict(tasks, title="Quý III", **_as_of(as_of)), first)
    later_data = edited(json.loads(after_data) if _is_json(after_data) else feed_dict(), second)

    before = load_feed(before_data, for_refresh=True)
    after = loaded(after_data, before)
    assert after == whole(after_data)
    # Compared with a feed of its own: `before` shares Task objects with `after`.
    assert described(before) == whole(before_data), "the feed on screen changed"

    if isinstance(after, str):
        return
    after_feed = load_feed(after_data, before, for_refresh=True)
    assert loaded(later_data, after_feed) == whole(later_data)  # reusing what was reused


def _as_of(value: str | None) -> dict[str, str]:
    return {} if value is None else {"as_of": value}


def _is_json(data: bytes) -> bool:
    try:
        json.loads(data)
    except ValueError:
        return False
    return True


# --- that records are reused, and when they are not ---------------------------------


def _many(count: int = 40, **changed: Any) -> dict[str, Any]:
    tasks = [task(f"T{i:03d}", due="2025-10-31") for i in range(count)]
    for task_id, fields in changed.items():
        tasks[int(task_id[1:])] = {**tasks[int(task_id[1:])], **fields}
    return feed_dict(tasks)


def test_records_written_the_same_keep_their_tasks_and_changed_ones_are_made_anew() -> None:
    before = load_feed(to_bytes(_many()), for_refresh=True)
    after = load_feed(to_bytes(_many(T007={"completed": "2025-10-02"})), before, for_refresh=True)
    same = [a is b for a, b in zip(before.tasks, after.tasks, strict=True)]
    assert same.count(False) == 1
    assert not same[7]
    assert after.tasks[7].state.is_completed
    assert not before.tasks[7].state.is_completed  # the feed on screen is untouched


def test_a_later_time_on_the_same_day_reuses_and_another_day_judges_every_task_again() -> None:
    before = load_feed(to_bytes(_many()), for_refresh=True)
    later = to_bytes({**_many(), "as_of": "2025-10-15T18:00:00+07:00"})
    assert load_feed(later, before).tasks[0] is before.tasks[0]
    next_day = load_feed(to_bytes({**_many(), "as_of": "2025-11-03"}), before)
    assert next_day.tasks[0] is not before.tasks[0]
    assert next_day.tasks[0].state.value == "overdue"
    assert before.tasks[0].state.value == "on_time"


def test_a_feed_written_another_way_is_loaded_whole_with_the_same_figures() -> None:
    before = load_feed(to_bytes(_many()), for_refresh=True)
    compact = json.dumps(_many(), ensure_ascii=True, separators=(",", ":")).encode()
    after = load_feed(compact, before, for_refresh=True)
    assert after.tasks[0] is not before.tasks[0]
    assert described(after) == described(load_feed(compact))


def test_a_feed_loaded_for_a_command_keeps_nothing_to_reuse() -> None:
    # `check`, `export` and a baseline load once: the 26 MB of text is not kept.
    once = load_feed(to_bytes(_many()))
    assert once.reuse is None
    assert once.reusable() == {}
    kept = load_feed(to_bytes(_many()), for_refresh=True)
    assert len(kept.reusable()) == 40


def test_a_refused_refresh_says_what_the_whole_load_says() -> None:
    before = load_feed(to_bytes(_many()), for_refresh=True)
    for data in (
        to_bytes({**_many(), "version": 2}),
        to_bytes(_many())[:-2],
        b"\xef\xbb\xbf" + to_bytes({**_many(), "tasks": {}}),
        to_bytes(_many())[:-1] + b', "x": "\xff"}',
    ):
        with pytest.raises(FeedError) as refreshed:
            load_feed(data, before, for_refresh=True)
        with pytest.raises(FeedError) as alone:
            load_feed(data)
        assert str(refreshed.value) == str(alone.value)
