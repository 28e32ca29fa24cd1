"""Fault matrix, issue 16: a key written twice in one JSON object.

JSON allows it and every fast parser keeps the last value without a word, so a second
`"tasks"` made the first list vanish. FEED_FORMAT.md: twice at the top level refuses the
feed, naming the key and the line; twice inside a record sets that record aside as a
finding. Two keys are the same when they read the same: escapes decoded, then NFC (as all
feed text is read).

An oracle built on the standard library's `json.loads(object_pairs_hook=...)` says what
each generated feed must get, and every way through the loader (the one-pass path, the
record-by-record path, a refresh reusing records) must get exactly that.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from r57tui.feed import Feed, FeedError, load_feed, loader, refresh
from r57tui.i18n.strings import tr
from tests.builders import feed_dict, task

SECTIONS = ("agencies", "tasks", "indicators")


class Pairs(list):
    """A JSON object as written: its pairs in order, the same key as often as written."""


def dump(node: Any, escaped: frozenset[int] = frozenset()) -> str:
    """JSON text of a tree of `Pairs`, lists and scalars; keys whose id() is in `escaped`
    are written with their first character as a \\u escape."""
    if isinstance(node, Pairs):
        return (
            "{" + ",".join(f"{_key(k, id(k) in escaped)}:{dump(v, escaped)}" for k, v in node) + "}"
        )
    if isinstance(node, list):
        return "[" + ",".join(dump(item, escaped) for item in node) + "]"
    return json.dumps(node, ensure_ascii=False)


def _key(key: str, escaped: bool) -> str:
    if escaped and key:
        return f'"\\u{ord(key[0]):04x}' + json.dumps(key[1:], ensure_ascii=False)[1:]
    return json.dumps(key, ensure_ascii=False)


def pairs_of(value: Any) -> Any:
    if isinstance(value, dict):
        return Pairs((k, pairs_of(v)) for k, v in value.items())
    if isinstance(value, list):
        return [pairs_of(item) for item in value]
    return value


# --- the oracle ---------------------------------------------------------------------


def oracle(text: str) -> tuple[str | None, dict[tuple[str, int], str]]:
    """(the first key written twice outside any record, or None; for each record with a
    key twice, the first such key), from the standard library's parser."""
    document = json.loads(text, object_pairs_hook=Pairs)
    outside: list[str] = []
    records: dict[tuple[str, int], str] = {}

    def walk(node: Any, tag: tuple[str, int] | None) -> None:
        if isinstance(node, Pairs):
            seen: set[str] = set()
            for key, value in node:
                same = unicodedata.normalize("NFC", key)
                if same in seen:
                    if tag is None:
                        outside.append(same)
                    else:
                        records.setdefault(tag, same)
                seen.add(same)
                walk(value, tag)
        elif isinstance(node, list):
            for item in node:
                walk(item, tag)

    assert isinstance(document, Pairs)
    seen_top: set[str] = set()
    for key, value in document:
        same = unicodedata.normalize("NFC", key)
        if same in seen_top:
            outside.append(same)
        seen_top.add(same)
        if same in SECTIONS and isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (same, index))
        else:
            walk(value, None)
    return (outside[0] if outside else None), records


# --- generated feeds with keys written twice ----------------------------------------

NOTE = {"date": "2025-09-01", "text": "họp"}
EXTRA_KEYS = ["ghi_chú", unicodedata.normalize("NFD", "ghi_chú"), "x"]


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    tasks = []
    for i in range(draw(st.integers(0, 6))):
        fields: dict[str, Any] = {"due": draw(st.sampled_from(["2025-10-31", "2025-Q3"]))}
        if draw(st.booleans()):
            fields["notes"] = [dict(NOTE)] * draw(st.integers(1, 2))
        if draw(st.booleans()):
            fields["extra"] = {"a": 1, "b": [{"c": 2}]}
        tasks.append(task(f"T{draw(st.integers(0, 4))}{i}", **fields))
    indicators = [
        {
            "id": f"I{i}",
            "name": "Chỉ số",
            "value": 1.5,
            "history": [{"period": "2025-Q1", "value": 1.0}, {"period": "2025-Q2", "value": 1.2}],
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    return feed_dict(tasks, indicators=indicators, meta={"by": "hệ thống", "v": [1, {"k": 2}]})


def objects_in(node: Any) -> list[Pairs]:
    found = [node] if isinstance(node, Pairs) else []
    children = [v for _, v in node] if isinstance(node, Pairs) else node
    if isinstance(children, list):
        for child in children:
            found += objects_in(child)
    return found


@st.composite
def twice_feeds(draw: st.DrawFn) -> tuple[str, str]:
    """(the feed as first written, the same with keys written twice here and there). The
    records neither touches are written byte for byte the same: a refresh reuses them."""
    before = pairs_of(draw(documents()))
    escaped: set[int] = set()
    first = dump(before)
    after = pairs_of(json.loads(first))
    for _ in range(draw(st.integers(1, 3))):
        objects = [o for o in objects_in(after) if o]
        target = draw(st.sampled_from(objects))
        key, value = draw(st.sampled_from(list(target)))
        how = draw(st.sampled_from(["same", "escaped", "nfd-nfc", "other-value"]))
        if how == "nfd-nfc":
            target.append((EXTRA_KEYS[0], 1))
            key = EXTRA_KEYS[1]
        elif how == "escaped":
            key = str(key)  # a new object, so that only this one is written escaped
            escaped.add(id(key))
        elif how == "other-value":
            value = draw(st.sampled_from([None, "x", 7, [], {"y": 1}]))
        if isinstance(value, dict):
            value = pairs_of(value)
        target.insert(draw(st.integers(0, len(target))), (key, value))
    return first, dump(after, frozenset(escaped))


def described(feed: Feed) -> tuple[Any, ...]:
    return (
        feed.as_of,
        feed.title,
        feed.agencies,
        feed.tasks,
        feed.indicators,
        [(f.code, f.where, f.record_id, f.message) for f in feed.findings],
        feed.created_agencies,
    )


def whole(data: bytes) -> tuple[Any, ...] | str:
    try:
        return described(load_feed(data))
    except FeedError as exc:
        return f"refused: {exc}"


def by_record(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...] | str:
    with monkeypatch.context() as patched:
        patched.setattr(loader, "decode_whole", lambda _text: None)
        return whole(data)


def refreshed(data: bytes, previous: Feed) -> tuple[Any, ...] | str:
    try:
        return described(load_feed(data, previous, for_refresh=True))
    except FeedError as exc:
        return f"refused: {exc}"


TWICE = re.compile(r'the key "(?P<key>[^"]*)" is written twice')


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=twice_feeds())
def test_every_load_path_gives_what_the_oracle_says(
    case: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, text = case
    monkeypatch.setattr(refresh, "_MOST_FRESH", 1.0)  # reuse even when most records change
    data = text.encode()
    outside, records = oracle(text)
    got = whole(data)
    previous = load_feed(first.encode(), for_refresh=True)
    assert by_record(data, monkeypatch) == got
    assert refreshed(data, previous) == got
    if outside is not None:
        assert isinstance(got, str)
        assert got.startswith("refused: line ")
        match = TWICE.search(got)
        assert match, got
        assert match["key"] == outside, got
        return
    assert not isinstance(got, str), got
    feed = load_feed(data)
    twice = {
        (f.where, TWICE.search(f.message)["key"])  # type: ignore[index]
        for f in feed.findings
        if f.code == "duplicate-key"
    }
    assert twice == {(f"{s}[{i}]", key) for (s, i), key in records.items()}
    # The rest loads as if those records had been left out where they stood.
    cleaned = pairs_of(json.loads(text))
    for section, index in records:
        dict(cleaned)[section][index] = "set aside"
    alike = load_feed(dump(cleaned).encode())
    places = {f"{s}[{i}]" for s, i in records}
    assert (feed.agencies, feed.tasks, feed.indicators) == (
        alike.agencies,
        alike.tasks,
        alike.indicators,
    )
    assert [f for f in feed.findings if f.where not in places] == [
        f for f in alike.findings if f.where not in places
    ]


# --- the concrete cases -------------------------------------------------------------

AGENCY = {"id": "BKHCN", "name": "Bộ Khoa học và Công nghệ", "kind": "ministry"}


def pretty(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def line_of(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Line and column (from 1) where `needle` starts for the `occurrence`-th time."""
    at = -1
    for _ in range(occurrence):
        at = text.index(needle, at + 1)
    line_start = text.rfind("\n", 0, at) + 1
    return text.count("\n", 0, at) + 1, at - line_start + 1


def test_tasks_twice_at_the_top_level_is_refused_naming_the_key_and_its_line() -> None:
    # The issue: 1,132 tasks, then a second "tasks" with 10; today the 1,132 vanish.
    many = [task(f"T-{i:04d}", due="2025-10-31") for i in range(1132)]
    text = pretty(feed_dict(many))
    second = json.dumps([task(f"T-9{i:03d}") for i in range(10)], ensure_ascii=False)
    text = text[: text.rindex("}")] + f',\n  "tasks": {second}\n}}'
    line, column = line_of(text, '"tasks"', 2)
    with pytest.raises(FeedError) as refused:
        load_feed(text.encode())
    assert str(refused.value) == f'line {line}, column {column}: the key "tasks" is written twice'
    assert refused.value.text("vi") == f'dòng {line}, cột {column}: khóa "tasks" bị ghi hai lần'
    assert "\n" not in str(refused.value)


def test_any_top_level_key_twice_is_refused_even_one_this_version_ignores() -> None:
    # A newer r57tui may read that key: a feed must read the same to both.
    text = pretty(feed_dict([task("T1")], generator="a"))
    text = text.replace('"generator": "a"', '"generator": "a",\n  "generator": "b"')
    with pytest.raises(FeedError, match='the key "generator" is written twice'):
        load_feed(text.encode())


def set_aside(text: str) -> list[tuple[str, str | None, str]]:
    feed = load_feed(text.encode())
    return [(f.where, f.record_id, f.message) for f in feed.findings if f.code == "duplicate-key"]


def test_id_twice_in_a_task_sets_that_task_aside_with_its_line() -> None:
    text = pretty(feed_dict([task("T1"), task("T2"), task("T3")], agencies=[AGENCY]))
    text = text.replace('"id": "T2",', '"id": "T2",\n      "id": "T2b",')
    line, column = line_of(text, '"id": "T2b"')
    assert set_aside(text) == [
        (
            "tasks[1]",
            "T2b",
            f'set aside: the key "id" is written twice (line {line}, column {column})',
        )
    ]
    assert [t.id for t in load_feed(text.encode()).tasks] == ["T1", "T3"]


def test_text_twice_in_a_note_sets_its_task_aside() -> None:
    notes = [{"date": "2025-09-01", "text": "a"}, {"date": "2025-10-01", "text": "b"}]
    text = pretty(feed_dict([task("T1"), task("T2", notes=notes)], agencies=[AGENCY]))
    text = text.replace('"text": "b"', '"text": "b", "text": "c"')
    line, column = line_of(text, '"text": "c"')
    assert set_aside(text) == [
        (
            "tasks[1]",
            "T2",
            f'set aside: the key "text" is written twice (line {line}, column {column})',
        )
    ]


def test_name_twice_in_an_agency_sets_that_agency_aside() -> None:
    agencies = [AGENCY, {"id": "LAI-CHAU", "name": "Lai Châu", "kind": "locality"}]
    text = pretty(feed_dict([task("T1")], agencies=agencies))
    text = text.replace('"name": "Lai Châu"', '"name": "Lai Châu",\n      "name": "Điện Biên"')
    feed = load_feed(text.encode())
    assert [(f.where, f.record_id) for f in feed.findings if f.code == "duplicate-key"] == [
        ("agencies[1]", "LAI-CHAU")
    ]
    assert "LAI-CHAU" not in feed.agencies


def test_value_twice_in_an_indicator_history_entry_sets_the_indicator_aside() -> None:
    indicator = {
        "id": "gdp-share",
        "name": "GDP",
        "value": 16.0,
        "history": [{"period": "2025-Q1", "value": 15.1}],
    }
    text = pretty(feed_dict([task("T1")], agencies=[AGENCY], indicators=[indicator]))
    text = text.replace('"value": 15.1', '"value": 15.1, "value": 99')
    feed = load_feed(text.encode())
    [(where, record_id, message)] = set_aside(text)
    assert (where, record_id) == ("indicators[0]", "gdp-share")
    assert 'the key "value" is written twice' in message
    assert feed.indicators == []


def test_a_key_and_the_same_key_escaped_are_one_key() -> None:
    text = pretty(feed_dict([task("T1"), task("T2")], agencies=[AGENCY]))
    text = text.replace('"id": "T2",', '"id": "T2",\n      "\\u0069d": "T9",')
    line, column = line_of(text, '"\\u0069d"')
    assert set_aside(text) == [
        (
            "tasks[1]",
            "T9",
            f'set aside: the key "id" is written twice (line {line}, column {column})',
        )
    ]


def test_a_key_in_nfd_and_the_same_key_in_nfc_are_one_key() -> None:
    # All feed text is read as NFC: the two would silently become one.
    nfc, nfd = "ghi_chú", unicodedata.normalize("NFD", "ghi_chú")
    assert nfc != nfd
    for written in (nfd, json.dumps(nfd)[1:-1]):  # as UTF-8, and as \u escapes
        text = pretty(feed_dict([task("T1", **{nfc: 1})], agencies=[AGENCY]))
        text = text.replace(f'"{nfc}": 1', f'"{nfc}": 1, "{written}": 2')
        [(where, record_id, message)] = set_aside(text)
        assert (where, record_id) == ("tasks[0]", "T1")
        assert f'the key "{nfc}" is written twice' in message


def test_a_key_twice_in_a_part_that_is_not_a_record_refuses_the_feed() -> None:
    text = pretty(feed_dict([task("T1")], meta={"a": 1}))
    text = text.replace('"a": 1', '"a": 1, "a": 2')
    with pytest.raises(FeedError, match='the key "a" is written twice'):
        load_feed(text.encode())


def test_a_key_shown_in_a_message_never_controls_the_terminal() -> None:
    written = json.dumps("\x1b]0;owned\x07\u202e", ensure_ascii=False)
    text = pretty(feed_dict([task("T1")], agencies=[AGENCY]))
    text = text.replace('"id": "T1",', f'"id": "T1", {written}: 1, {written}: 2,')
    [(_, _, message)] = set_aside(text)
    assert "\x1b" not in message
    assert "\u202e" not in message
    assert '"\\u001b]0;owned\\u0007\\u202e"' in message


# --- through the commands a person runs -------------------------------------------------


def run_check(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "r57tui", *args, "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_check_refuses_tasks_twice_with_one_line_and_exit_2(tmp_path: Path) -> None:
    text = pretty(feed_dict([task("T1"), task("T2")]))
    text = text[: text.rindex("}")] + ',\n  "tasks": []\n}'
    path = tmp_path / "feed.json"
    path.write_text(text, encoding="utf-8")
    line, column = line_of(text, '"tasks"', 2)
    result = run_check(path, "--lang", "en")
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        f'line {line}, column {column}: the key "tasks" is written twice'
    )
    assert len(result.stderr.strip().splitlines()) == 1
    result = run_check(path, "--lang", "vi")
    assert result.returncode == 2
    assert f'dòng {line}, cột {column}: khóa "tasks" bị ghi hai lần' in result.stderr
    assert "Traceback" not in result.stderr


def test_check_lists_a_record_with_a_key_twice_as_a_finding(tmp_path: Path) -> None:
    text = pretty(feed_dict([task("T1"), task("T2")], agencies=[AGENCY]))
    text = text.replace('"title": "Task T2",', '"title": "Task T2",\n      "title": "x",')
    path = tmp_path / "feed.json"
    path.write_text(text, encoding="utf-8")
    result = run_check(path, "--lang", "vi")
    assert result.returncode == 1, result.stderr
    assert 'tasks[1] (T2): bị loại ra: khóa "title" bị ghi hai lần (dòng 21, cột 7)' in (
        result.stdout
    )
    report = json.loads(
        subprocess.run(
            [sys.executable, "-m", "r57tui", "check", "--json", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        ).stdout
    )
    [finding] = report["findings"]
    assert (finding["code"], finding["where"], finding["id"]) == ("duplicate-key", "tasks[1]", "T2")


def test_the_exported_findings_table_names_the_finding_in_vietnamese(tmp_path: Path) -> None:
    text = pretty(feed_dict([task("T1"), task("T2")], agencies=[AGENCY]))
    text = text.replace('"agency": "BKHCN"', '"agency": "BKHCN", "agency": "BKHCN"', 1)
    path = tmp_path / "feed.json"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    export = ["export", "--format", "csv", "--table", "findings", "--out", str(out)]
    result = subprocess.run(
        [sys.executable, "-m", "r57tui", "--source", str(path), "--lang", "vi", *export],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    [written] = out.glob("*.csv")
    table = written.read_text(encoding="utf-8-sig")
    assert tr("key written twice", "vi") == "trùng khóa"
    assert "trùng khóa" in table
    assert 'khóa ""agency"" bị ghi hai lần' in table  # CSV doubles the quotes


def test_records_with_a_key_twice_are_found_among_thousands(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Records are checked a thousand at a time: one in the second thousand, one last.
    text = pretty(feed_dict([task(f"T{i:04d}") for i in range(2500)], agencies=[AGENCY]))
    text = text.replace('"id": "T1500",', '"id": "T1500", "id": "T1500",')
    text = text.replace('"title": "Task T2499",', '"title": "Task T2499", "title": "x",')
    first, last = line_of(text, '"id": "T1500"', 2), line_of(text, '"title": "x"')
    data = text.encode()
    feed = load_feed(data)
    where = "set aside: the key {} is written twice (line {}, column {})"
    assert [(f.where, f.record_id, f.message) for f in feed.findings] == [
        ("tasks[1500]", "T1500", where.format('"id"', *first)),
        ("tasks[2499]", "T2499", where.format('"title"', *last)),
    ]
    assert len(feed.tasks) == 2498
    assert by_record(data, monkeypatch) == whole(data)
    monkeypatch.setattr(refresh, "_MOST_FRESH", 1.0)
    previous = load_feed(
        pretty(feed_dict([task(f"T{i:04d}") for i in range(2500)])).encode(), for_refresh=True
    )
    assert refreshed(data, previous) == whole(data)


# --- the dashboard, live, against a real server on 127.0.0.1 ---------------------------


async def test_the_dashboard_lists_the_record_and_keeps_its_figures_when_tasks_is_twice() -> None:
    from r57tui.commands.sources import open_source
    from r57tui.config import Settings
    from r57tui.demo.server import FeedBody, FeedServer
    from r57tui.ui.app import R57App
    from r57tui.ui.findings_screen import FindingsScreen
    from tests.pilot import settle, text_of

    text = pretty(feed_dict([task("T1"), task("T2"), task("T3")], agencies=[AGENCY]))
    text = text.replace('"agency": "BKHCN"', '"agency": "BKHCN", "agency": "X"', 1)
    body = FeedBody(text.encode())
    server = FeedServer(body).start()
    try:
        settings = Settings(language="vi", refresh=0.3, source=server.url)
        app = R57App(settings, open_source(server.url, settings))
        # 160 columns: the status line is one line, and at 120 the reason is cut with "…"
        # beside the findings badge (the outage's notification carries it whole).
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(app, pilot)
            assert "2 nhiệm vụ" in text_of(app, "#headline")  # T1 set aside
            await pilot.press("f")
            assert isinstance(app.screen, FindingsScreen)
            shown = "\n".join(
                str(app.screen.query_one("VirtualTable").render_line(y)) for y in range(4)
            )
            assert "trùng khóa" in shown
            await pilot.press("escape")
            tasks_twice = text[: text.rindex("}")] + ',\n  "tasks": []\n}'
            body.set(tasks_twice.encode())
            line, column = line_of(tasks_twice, '"tasks"', 2)
            for _ in range(100):
                if "SỐ LIỆU CŨ" in text_of(app, "#status"):
                    break
                await pilot.pause(0.05)
            await settle(app, pilot)
            status = " ".join(text_of(app, "#status").split())
            assert f'dòng {line}, cột {column}: khóa "tasks" bị ghi hai lần' in status
            assert "2 nhiệm vụ" in text_of(app, "#headline")  # the last good figures stay
    finally:
        server.stop()
