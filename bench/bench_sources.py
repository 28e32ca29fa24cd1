"""Several sources: 34 provincial feeds of 10k tasks each, each on its own HTTP server on
127.0.0.1 (the demo server's, with ETag and Last-Modified), polled together and added up.

    python bench/bench_sources.py                  # 34 sources of 10k tasks
    python bench/bench_sources.py --sources 10 --tasks 2000

Measured, each figure printed beside its target (best of three where it says so):

* the first poll of all (every feed fetched and checked) and its consolidation;
* a refresh of all when none changed: each answers 304, nothing is parsed and the
  consolidation is the one already made — target under 2 s;
* one source changed (1% of its tasks completed meanwhile): the refresh of all, then its
  new consolidated figures (the parts added up and rolled up) — target under 1 s after
  its fetch; the refresh itself (fetch and check of the changed feed) is printed too.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from feeds import generate  # noqa: E402

from r57tui.commands.sources import open_sources  # noqa: E402
from r57tui.config import load_settings  # noqa: E402
from r57tui.demo.server import FeedBody, FeedServer  # noqa: E402
from r57tui.rollup import roll_up  # noqa: E402
from r57tui.several import Several  # noqa: E402
from r57tui.sources import NewFeed, Unchanged  # noqa: E402


def _moved(body: bytes, share: float = 0.01) -> bytes:
    """The same feed with `share` of its open tasks completed on the as-of day."""
    document = json.loads(body)
    open_tasks = [t for t in document["tasks"] if "completed" not in t]
    for record in open_tasks[: max(1, int(len(document["tasks"]) * share))]:
        record["completed"] = "2025-10-15"
        record.pop("progress", None)
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def _line(what: str, seconds: float, target: float | None = None) -> None:
    aim = f"   target < {target:.0f} s: {'met' if seconds < target else 'MISSED'}" if target else ""
    print(f"  {what:<58} {seconds * 1000:8.0f} ms{aim}")


async def _run(count: int, tasks: int) -> None:
    print(f"Making {count} feeds of {tasks:,} tasks…", flush=True)
    bodies = [FeedBody(generate(tasks, seed=n)) for n in range(count)]
    servers = [FeedServer(body).start() for body in bodies]
    try:
        with tempfile.TemporaryDirectory() as folder:
            config = Path(folder) / "r57tui.toml"
            config.write_text(
                "".join(
                    f'[[sources]]\nname = "tinh-{n:02d}"\nlocation = "{server.url}"\n'
                    for n, server in enumerate(servers)
                ),
                encoding="utf-8",
            )
            several = Several(open_sources(load_settings(config)))
            print(f"{count} sources, {sum(len(b.get()[0]) for b in bodies) / 1e6:.0f} MB")
            start = time.perf_counter()
            answers = await several.poll()
            made = several.consolidated()
            total = roll_up(made.feed).total if made else None
            _line("first poll of all, added up and rolled up", time.perf_counter() - start)
            assert all(isinstance(a.update, NewFeed) for a in answers)
            print(f"    {total.assigned if total else 0:,} tasks added up")
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                answers = await several.poll()
                same = several.consolidated() is made
                best = min(best, time.perf_counter() - start)
                assert same
                assert all(isinstance(a.update, Unchanged) for a in answers)
            _line("refresh of all, none changed (best of 3)", best, 2)
            bodies[count // 2].set(_moved(bodies[count // 2].get()[0]))
            start = time.perf_counter()
            answers = await several.poll()
            fetched = time.perf_counter()
            changed = [a.name for a in answers if isinstance(a.update, NewFeed)]
            made = several.consolidated()
            added = time.perf_counter()
            assert made is not None
            after = roll_up(made.feed).total
            ready = time.perf_counter()
            _line("refresh of all, one changed (fetched and checked)", fetched - start)
            _line("  added up again (consolidate)", added - fetched)
            _line("  rolled up (roll_up of the consolidated feed)", ready - added)
            _line("  then its new consolidated figures, after its fetch", ready - fetched, 1)
            _line("  the whole: refresh to figures ready", ready - start)
            print(f"    changed: {', '.join(changed)}; completed now {after.completed:,}")
            await several.aclose()
    finally:
        for server in servers:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=34)
    parser.add_argument("--tasks", type=int, default=10_000)
    args = parser.parse_args()
    asyncio.run(_run(args.sources, args.tasks))


if __name__ == "__main__":
    main()
