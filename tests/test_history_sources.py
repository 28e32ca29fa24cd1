"""The history with several sources, on a real SQLite file: each source's trends,
baselines and indicators read its own snapshots only (a national and a provincial
meeting never alternate in one trend); `r57tui snapshot` records each source, and
`r57tui history` says which source each snapshot is of; the dashboard replays and
records the source in view, and each source from the consolidated view, whose task
lists narrow to one source with a facet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from r57tui.cli import main
from r57tui.commands.sources import open_sources
from r57tui.config import HistorySettings, Settings, SourceSettings
from r57tui.consolidation import SourceFeed, consolidate
from r57tui.feed import load_feed
from r57tui.history import TOTAL, HistoryStore, SourceKey, baseline_from, source_keys
from r57tui.ui.trends_screen import TrendsScreen
from r57tui.views.facets import Facets, describe, facet_values
from tests.builders import feed_dict, task, to_bytes
from tests.pilot import RecordingApp, settle
from tests.test_ui_sources import pick

CENTRE = SourceKey("trung-uong", "https://example.org/feed.json")
PROVINCE = SourceKey("tỉnh", "/data/dien-bien.json")


def _feed(as_of: str, overdue: int, *, value: float) -> dict[str, Any]:
    """`overdue` tasks past their deadline and one open on time; one indicator."""
    tasks = [task(f"T-{n}", due="2025-01-01") for n in range(overdue)]
    tasks.append(task("T-open", due="2030-01-01"))
    indicator = {"id": "ind", "name": "Tỷ lệ", "unit": "%", "value": value, "target": 80}
    return feed_dict(tasks, as_of=as_of, indicators=[indicator])


def _record(store: HistoryStore, source: SourceKey | str, as_of: str, overdue: int) -> bool:
    doc = _feed(f"{as_of}T08:00:00+07:00", overdue, value=float(overdue))
    return store.record(load_feed(to_bytes(doc)), source).new


def test_each_source_reads_its_own_history(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    # Before the sources had names, the centre's address was recorded alone; a file of
    # another quarter alone too (one source read alone: a new file each meeting).
    assert _record(store, CENTRE.address, "2025-01-15", 1)
    assert _record(store, "/tmp/q2.json", "2025-04-15", 2)
    # Then both, meeting by meeting: the centre's figures and the province's alternate.
    for as_of, centre, province in (("2025-07-15", 3, 30), ("2025-10-15", 4, 40)):
        assert _record(store, CENTRE, as_of, centre)
        assert _record(store, PROVINCE, as_of, province)
    assert len(store.entries()) == 6  # every snapshot, as `r57tui history` lists them

    def overdue(source: SourceKey | None) -> list[int | None]:
        series = store.of(source).trends(TOTAL).series[None]
        return [None if counts is None else counts.overdue for counts in series]

    assert overdue(CENTRE) == [1, 3, 4]  # its name's and its address's before it had one
    assert overdue(PROVINCE) == [30, 40]
    assert overdue(SourceKey(None, "/tmp/q4.json")) == [1, 2]  # read alone: the unnamed
    assert overdue(SourceKey(None, PROVINCE.address)) == [1, 2]  # never a named one's
    values = store.of(PROVINCE).indicator_values()["ind"]
    assert [point.value for point in values] == [30.0, 40.0]
    assert list(store.of(PROVINCE).counts("agency")["BKHCN"].values())[-1].overdue == 40
    # The baselines: `last` and `previous` of the source in question.
    path = store.path
    assert baseline_from("last", path, source=PROVINCE).rollup.total.overdue == 40
    assert baseline_from("previous", path, source=PROVINCE).rollup.total.overdue == 30
    assert baseline_from("previous", path, source=CENTRE).rollup.total.overdue == 3
    assert baseline_from("15/01/2025", path, source=CENTRE).rollup.total.overdue == 1
    # The same as-of again in a source's history is the usual no-op, under either form.
    assert not _record(store, CENTRE, "2025-01-15", 1)
    assert not _record(store, PROVINCE, "2025-10-15", 40)
    assert _record(store, PROVINCE, "2025-01-15", 10)  # the centre's day is not its own


def test_a_recorded_source_reads_back_as_it_was_written() -> None:
    for key in (CENTRE, PROVINCE, SourceKey(None, "/a=b/feed.json"), SourceKey(None, "demo")):
        assert SourceKey.of_text(key.text) == key
    assert SourceKey.of_text("https://x.org/f.json?a=b").name is None
    assert (CENTRE.short, SourceKey(None, "/data/q1.json").short) == ("trung-uong", "q1.json")


def test_snapshot_records_each_source_and_history_names_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    centre, province = tmp_path / "centre.json", tmp_path / "tinh.json"
    centre.write_bytes(to_bytes(_feed("2025-10-15T08:00:00+07:00", 2, value=1.0)))
    province.write_bytes(to_bytes(_feed("2025-10-14", 5, value=2.0)))
    history = str(tmp_path / "h.sqlite3")
    argv = ["--lang", "en", "--source", f"centre={centre}", "--source", f"tinh={province}"]
    assert main([*argv, "snapshot", "--history", history]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("centre: Recorded in the history: the figures as of 2025-10-15")
    assert out[1].startswith("tinh: Recorded in the history: the figures as of 2025-10-14")
    assert main([*argv, "snapshot", "--history", history]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[:2] for line in out] == [
        ["centre", " Already in the history"],
        ["tinh", " Already in the history"],
    ]
    store = HistoryStore(Path(history))
    assert [e.source for e in store.entries()] == [f"tinh={province}", f"centre={centre}"]
    assert main(["--lang", "vi", "history", "--history", history]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Nguồn số liệu" in lines[2]
    assert lines[3].split()[:3] == ["14/10/2025", "tinh", "6"]  # its source, its figures
    assert lines[4].split()[:4] == ["15/10/2025", "08:00", "centre", "3"]
    # Several added up have no meetings of their own: the trend is refused in one line.
    assert main([*argv, "export", "--table", "trend", "--history", history]) == 2
    err = capsys.readouterr().err
    assert err.startswith("r57tui: the meetings are recorded per source: give --source once")
    assert err.count("\n") == 1
    # A source that cannot be read is said under its name; the others are recorded.
    province.unlink()
    assert main([*argv, "snapshot", "--history", history]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("r57tui: tinh: ")
    assert captured.out.startswith("centre: Already in the history")


async def test_the_dashboard_reads_and_records_the_history_of_the_source_in_view(
    tmp_path: Path,
) -> None:
    """Replay steps through the meetings of the source in view; the consolidated view
    records each source with L (said in one notice) and says T is per source."""
    centre, province = tmp_path / "centre.json", tmp_path / "tinh.json"
    centre.write_bytes(to_bytes(_feed("2025-10-15T08:00:00+07:00", 2, value=1.0)))
    province.write_bytes(to_bytes(_feed("2025-10-14T08:00:00+07:00", 5, value=2.0)))
    settings = Settings(
        language="en",
        refresh=0,
        history=HistorySettings(path=tmp_path / "h.sqlite3"),
        sources=[
            SourceSettings(name="centre", location=str(centre)),
            SourceSettings(name="tinh", location=str(province)),
        ],
    )
    store = HistoryStore(tmp_path / "h.sqlite3")
    centre_key, province_key = source_keys(settings)
    # The province's earlier meeting is the newer of the two: read across sources, the
    # centre would step back into the province's figures.
    _record(store, centre_key, "2025-07-15", 1)
    _record(store, province_key, "2025-08-01", 4)
    app = RecordingApp(settings, open_sources(settings))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("less_than_sign")
        await settle(app, pilot)
        assert app.snapshot is not None
        assert app.snapshot.rollup.total.overdue == 1  # the centre's July meeting
        await pick(app, pilot, "down")  # the province: the centre's replay has ended
        assert not app.replay.on
        await pilot.press("less_than_sign")
        await settle(app, pilot)
        assert app.snapshot.rollup.total.overdue == 4
        await pilot.press("N")
        await pick(app, pilot, "down")  # all sources
        await pilot.press("T")
        await settle(app, pilot)
        assert not isinstance(app.screen, TrendsScreen)
        assert app.notices[-1].message.startswith("Meetings are recorded per source: press x")
        said = len(app.notices)
        await pilot.press("L")
        await settle(app, pilot)
        assert len(app.notices) == said + 1  # one notice for both
        assert app.notices[-1].title == "Recorded in the history"
        assert app.notices[-1].message.splitlines() == [
            "centre: The figures as of 2025-10-15 08:00 are recorded (h.sqlite3).",
            "tinh: The figures as of 2025-10-14 08:00 are recorded (h.sqlite3).",
        ]
        assert [e.total.overdue for e in store.of(centre_key).entries()] == [1, 2]
        assert [e.total.overdue for e in store.of(province_key).entries()] == [4, 5]
        await pilot.press("L")
        await settle(app, pilot)
        assert app.notices[-1].title == "Already in the history"
        assert len(store.entries()) == 4


def test_the_consolidated_lists_narrow_to_one_source_with_a_facet() -> None:
    parts = [
        SourceFeed("centre", load_feed(to_bytes(_feed("2025-10-15", 2, value=1.0)))),
        SourceFeed("tinh", load_feed(to_bytes(_feed("2025-10-14", 3, value=1.0)))),
    ]
    feed = consolidate(parts).feed
    values = facet_values(feed, "vi", by_feed=True)
    assert [(each.value, each.count) for each in values.feeds] == [("centre", 3), ("tinh", 4)]
    assert facet_values(feed, "vi").feeds == ()  # one source's lists: no such facet
    kept = Facets(feed="tinh").mask(feed.tasks)
    assert [task.id for task, keep in zip(feed.tasks, kept, strict=True) if keep] == [
        "tinh:T-0",
        "tinh:T-1",
        "tinh:T-2",
        "tinh:T-open",
    ]
    assert describe(feed, Facets(feed="tinh", key_only=True), "vi").startswith("nguồn tinh · ")
