"""The history store: its size per snapshot and its speed, each figure beside its target.

    python bench/bench_history.py              # the demo (1,132 tasks) and 100k tasks
    python bench/bench_history.py --days 1000  # a longer run of daily snapshots

Measured on real files in a temporary folder:

* bytes per snapshot of the demo: the first (every record is new) and each later one of
  a run of daily snapshots (as-of one day later each, 2% of the tasks' progress moved);
* bytes of a 100k-task snapshot (bench/feeds.py), the first and a second with 1% moved;
* time to add a snapshot of 100k tasks (the whole transaction: the check of the file,
  records, counts, states), best of three;
* time to read every agency's counts across 100 snapshots of the demo (the trends a
  screen draws), what the trends screen works out when it opens (the whole feed's and
  every agency's figures, the agencies' rows by movement, the last meeting's warning and
  every meeting's), and to read one snapshot back as a baseline;
* the whole trends screen opening over those 100 snapshots, the app driven headless at
  120×40 with a feed a day after the last snapshot: from the key `T` to the first frame
  drawn with the figures (the meetings, the agencies with their warnings column).
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from feeds import feed_file  # noqa: E402

from r57tui.demo import demo_feed_path  # noqa: E402
from r57tui.feed import load_feed  # noqa: E402
from r57tui.history import HistoryStore  # noqa: E402
from r57tui.history.choice import entry_baseline  # noqa: E402
from r57tui.views.trends import agency_trends, national_rows, trend_history  # noqa: E402
from r57tui.views.warning_record import warning_records  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"


def report(what: str, figure: str, target: str, met: bool | None) -> None:
    verdict = {True: "met", False: "MISSED", None: ""}[met]
    print(f"  {what:<58} {figure:>12}   target {target:<10} {verdict}", flush=True)


def day_of(doc: dict[str, Any], day: int, rng: random.Random) -> bytes:
    """The demo `day` days on: a later as-of, and the progress of 2% of its tasks moved."""
    moved = copy.deepcopy(doc)
    as_of = date(2025, 10, 15) + timedelta(days=day)
    moved["as_of"] = f"{as_of.isoformat()}T08:00:00+07:00"
    for item in rng.sample(moved["tasks"], len(moved["tasks"]) // 50):
        if "completed" not in item:
            item["progress"] = min(100, item.get("progress", 0) + rng.randint(1, 10))
    return json.dumps(moved, ensure_ascii=False).encode()


def the_demo(folder: Path, days: int) -> None:
    doc = json.loads(demo_feed_path().read_bytes())
    path = folder / "demo.sqlite3"
    store = HistoryStore(path)
    rng = random.Random(57)
    store.record(load_feed(day_of(doc, 0, rng)), "demo")
    first = path.stat().st_size
    report("demo: bytes of the first snapshot (every record new)", f"{first:,}", "", None)
    for day in range(1, days):
        store.record(load_feed(day_of(doc, day, rng)), "demo")
    later = (path.stat().st_size - first) / (days - 1)
    report(
        f"demo: bytes per later snapshot ({days} daily)",
        f"{later:,.0f}",
        "≤ 20,000",
        later <= 20_000,
    )
    report(
        f"demo: whole file after {days} snapshots",
        f"{path.stat().st_size / 1e6:,.1f} MB",
        "",
        None,
    )
    hundred = folder / "demo-100.sqlite3"
    if days != 100:
        store = HistoryStore(hundred)
        for day in range(100):
            store.record(load_feed(day_of(doc, day, rng)), "demo")
    else:
        store = HistoryStore(path)
    best = min(_timed(lambda: store.counts("agency")) for _ in range(5))
    agencies = store.counts("agency")
    assert all(len(by) == 100 for by in agencies.values())
    report(
        f"demo: every agency's counts across 100 snapshots ({len(agencies)})",
        f"{best * 1000:,.1f} ms",
        "≤ 200 ms",
        best <= 0.2,
    )
    # What the trends screen (T) reads and works out when it opens, beside the live feed:
    # the whole feed's and every agency's figures across the meetings, the agencies'
    # rows sorted by movement, and the last meeting's warning judged by the live feed.
    live = load_feed(day_of(doc, 100, rng))

    def trends_screen() -> None:
        history = trend_history(store, live)
        national_rows(history.total)
        agency_trends(history.agencies, history.names, language="vi")
        warning_records(store, live, 30)

    best = min(_timed(trends_screen) for _ in range(3))
    report(
        "demo: the trends screen's figures across 100 snapshots",
        f"{best * 1000:,.0f} ms",
        "≤ 1,000 ms",
        best <= 1.0,
    )
    opened = [
        asyncio.run(_open_trends(store.path, day_of(doc, 100, rng), folder)) for _ in range(3)
    ]
    report(
        "demo: the trends screen opened, T to its first frame (app)",
        f"{min(opened) * 1000:,.0f}–{max(opened) * 1000:,.0f} ms",
        "≤ 1,000 ms",
        max(opened) <= 1.0,
    )
    entry = store.entries()[0]
    best = min(_timed(lambda: entry_baseline(store, entry)) for _ in range(3))
    report(
        "demo: one snapshot read back as a baseline",
        f"{best * 1000:,.0f} ms",
        "≤ 500 ms",
        best <= 0.5,
    )


async def _open_trends(history: Path, live: bytes, folder: Path) -> float:
    """Seconds from pressing T on the dashboard (the live feed shown) to the trends
    screen's first frame with its figures: the history read, the warnings judged, the
    tables filled, and the screen drawn once after (`pilot.pause` returns when the app
    has processed what was pending, its refresh included)."""
    from r57tui.commands.sources import open_source
    from r57tui.config import HistorySettings, Settings
    from r57tui.ui.app import R57App
    from r57tui.ui.trend_tables import TrendTable
    from r57tui.ui.trends_screen import TrendsScreen

    feed = folder / "live.json"
    feed.write_bytes(live)
    settings = Settings(language="vi", history=HistorySettings(path=history))
    app = R57App(settings, open_source(str(feed)), state_file=folder / "state.json")

    def drawn() -> bool:
        screen = app.screen
        return (
            isinstance(screen, TrendsScreen)
            and not screen.has_class("-empty")
            and screen.warnings is not None
            and screen.query_one(TrendTable).row_count > 0
        )

    async with app.run_test(size=(120, 40)) as pilot:
        while app.snapshot is None:
            await pilot.pause(0.01)
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("T")
        while not drawn():
            await asyncio.sleep(0.005)  # not a pause: it would draw in between
        await pilot.pause()
        return time.perf_counter() - start


def the_100k(folder: Path) -> None:
    raw = feed_file(DATA, 100_000).read_bytes()
    feed = load_feed(raw)
    doc = json.loads(raw)
    rng = random.Random(8)
    for item in rng.sample(doc["tasks"], 1000):
        if "completed" not in item:
            item["progress"] = min(100, item.get("progress", 0) + 5)
    doc["as_of"] = "2025-10-16T08:00:00+07:00"
    second = load_feed(json.dumps(doc, ensure_ascii=False).encode())
    times = []
    for run in range(3):
        path = folder / f"big-{run}.sqlite3"
        store = HistoryStore(path)
        times.append(_timed(lambda store=store: store.record(feed, "big")))
    first = path.stat().st_size
    report("100k: bytes of the first snapshot", f"{first / 1e6:,.1f} MB", "", None)
    times_second = _timed(lambda: store.record(second, "big"))
    later = path.stat().st_size - first
    report("100k: bytes of a second (1% moved)", f"{later / 1e6:,.2f} MB", "≤ 2 MB", later <= 2e6)
    best = min(times)
    report("100k: time to add the first snapshot", f"{best:,.2f} s", "≤ 5 s", best <= 5)
    report(
        "100k: time to add a second (1% moved)",
        f"{times_second:,.2f} s",
        "≤ 5 s",
        times_second <= 5,
    )


def _timed(call: Any) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=100, help="daily demo snapshots (100)")
    parser.add_argument("--no-100k", action="store_true", help="the demo only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="r57-history-") as temporary:
        folder = Path(temporary)
        the_demo(folder, args.days)
        if not args.no_100k:
            the_100k(folder)


if __name__ == "__main__":
    main()
