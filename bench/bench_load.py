"""Load-and-roll-up speed and memory of `r57tui check`, beside a reference, in one run.

The reference is the least any loader must do: `orjson.loads` of the same file plus a
plain-Python count of the four states by agency. Both run as fresh processes, timed
wall-clock, best of N runs, so interpreter start and imports count on both sides.

    python bench/bench_load.py            # 10k, 100k, 1M tasks
    python bench/bench_load.py --sizes 100000 --runs 5
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from feeds import big_feed_config, feed_file

DATA = Path(__file__).resolve().parent / "data"
TARGET_RATIO = 1.5  # loading and rolling up 100k tasks: within 1.5x the reference

COUNT = """
import orjson
from datetime import date


def count(raw):
    doc = orjson.loads(raw)
    as_of = date.fromisoformat(doc["as_of"][:10])
    counts = {}
    for t in doc["tasks"]:
        c = counts.setdefault(t["agency"], [0, 0, 0, 0])
        due = t.get("due")
        deadline = date.fromisoformat(due) if due and len(due) == 10 else None
        if t.get("completed"):
            c[1 if deadline and t["completed"] > due else 0] += 1
        elif deadline and deadline < as_of:
            c[3] += 1
        else:
            c[2] += 1
    return sum(sum(c) for c in counts.values())
"""
REFERENCE = COUNT + "import sys\nprint(count(open(sys.argv[1], 'rb').read()))\n"


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (MiB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{command[:3]} failed: {process.stderr.read().decode()[-500:]}")
    return elapsed, usage.ru_maxrss // 1024


def best(command: list[str], runs: int) -> tuple[float, int]:
    results = [timed(command) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


def in_process(path: Path, runs: int) -> tuple[float, float]:
    """Best seconds of load_feed + roll_up, and of the reference's work, in this process.
    The load is the app's and `check`'s: with their collector policy around it."""
    from r57tui.rollup import roll_up
    from r57tui.sources.gc_policy import load_feed_managed as load_feed

    namespace: dict = {}
    exec(COUNT, namespace)
    count = namespace["count"]
    ours, ref = [], []
    for _ in range(runs):
        started = time.perf_counter()
        roll_up(load_feed(path.read_bytes()))
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        count(path.read_bytes())
        ref.append(time.perf_counter() - started)
    return min(ours), min(ref)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    config = str(big_feed_config(DATA))
    check = [sys.executable, "-m", "r57tui", "--config", config, "check", "--json"]
    reference = [sys.executable, "-c", REFERENCE]
    startup, _ = best([sys.executable, "-m", "r57tui", "--version"], args.runs)
    print(f"r57tui start-up (--version): {startup:.3f} s")
    print("Whole processes: `r57tui check --json FILE` against `python -c <reference> FILE`")
    print(
        f"{'tasks':>9} {'MB':>6} {'reference s':>12} {'r57tui s':>9} {'ratio':>6} "
        f"{'target':>7} {'RSS MiB':>8}  verdict"
    )
    for size in args.sizes:
        path = feed_file(DATA, size)
        runs = args.runs if size <= 100_000 else 1
        ref, _ = best([*reference, str(path)], runs)
        ours, rss = best([*check, str(path)], runs)
        ratio = ours / ref
        if size == 100_000:
            target, ok = f"<={TARGET_RATIO}x", ratio <= TARGET_RATIO
        elif size >= 1_000_000:
            target, ok = "loads", True  # it got here: the check process exited 0 or 1
        else:
            target, ok = "-", True
        print(
            f"{size:>9,} {path.stat().st_size / 1e6:>6.1f} {ref:>12.3f} {ours:>9.3f} "
            f"{ratio:>5.2f}x {target:>7} {rss:>8}  {'ok' if ok else 'MISSED'}"
        )
    print("\nIn one process, imports excluded: load_feed + roll_up against the reference's work")
    print(f"{'tasks':>9} {'reference s':>12} {'r57tui s':>9} {'ratio':>6} {'target':>7}  verdict")
    for size in [size for size in args.sizes if size <= 100_000]:
        ours, ref = in_process(feed_file(DATA, size), args.runs)
        ratio = ours / ref
        target = f"<={TARGET_RATIO}x" if size == 100_000 else "-"
        verdict = "ok" if size != 100_000 or ratio <= TARGET_RATIO else "MISSED"
        print(f"{size:>9,} {ref:>12.3f} {ours:>9.3f} {ratio:>5.2f}x {target:>7}  {verdict}")


if __name__ == "__main__":
    main()
