"""Load-and-roll-up speed and memory of `r57tui check`, beside its peers, in one run.

The peers count the same feed's tasks by agency and state, each as a fresh process:
`orjson.loads` plus a plain-Python count (the least any Python loader must do), DuckDB's
`read_json` and a GROUP BY (C++ on every core), and polars. Runs alternate between the
commands (r57tui, then each peer, then r57tui again...), so a busy moment on the machine
falls on all of them; each figure is the median wall time of `--runs` runs, interpreter
start and imports included, and the peak resident memory of the worst of them.

DuckDB is given the columns it reads: an analyst who knows the feed would, and left to
infer them from the whole 27 MB document it spends most of its time guessing (0.8 s of its
0.9 s at 100k tasks, measured on 2026-11-30). DuckDB and polars are not dependencies of
r57tui: `pip install -c constraints.txt -e
'.[bench]'` installs them; a peer that is not installed is left out of the table.

    python bench/bench_load.py                  # 100k and 1M tasks, 5 runs each
    python bench/bench_load.py --sizes 100000 --runs 5
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from feeds import big_feed_config, feed_file

DATA = Path(__file__).resolve().parent / "data"
# The targets (issue 25): at 100k tasks no slower than DuckDB on the same file; at 1M
# within 1.5 times DuckDB and under 1.3 GiB.
TARGET_RATIO = {100_000: 1.0, 1_000_000: 1.5}
TARGET_MIB = {1_000_000: 1.3 * 1024}

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


DUCKDB = """
import sys
import duckdb

rows = duckdb.connect().execute(
    \"\"\"
    WITH doc AS (
        SELECT CAST(as_of AS DATE) AS as_of, unnest(tasks) AS t
        FROM read_json(
            ?,
            maximum_object_size = 2147483647,
            columns = {
                'as_of': 'VARCHAR',
                'tasks': 'STRUCT(agency VARCHAR, due VARCHAR, completed DATE)[]'
            }
        )
    ), dated AS (
        SELECT t.agency AS agency, t.completed AS completed, as_of,
               CASE WHEN length(t.due) = 10 THEN TRY_CAST(t.due AS DATE) END AS deadline
        FROM doc
    )
    SELECT agency,
           CASE WHEN completed IS NOT NULL THEN
                    CASE WHEN completed > deadline THEN 'late' ELSE 'done' END
                WHEN deadline < as_of THEN 'overdue' ELSE 'on_time' END AS state,
           count(*) AS tasks
    FROM dated GROUP BY ALL
    \"\"\",
    [sys.argv[1]],
).fetchall()
print(sum(row[2] for row in rows))
"""
POLARS = """
import sys
import polars as pl

frame = pl.read_json(sys.argv[1])
as_of = pl.lit(frame["as_of"][0][:10]).str.to_date()
tasks = frame.select(pl.col("tasks").explode()).unnest("tasks")
deadline = pl.when(pl.col("due").str.len_chars() == 10).then(pl.col("due").str.to_date())
state = (
    pl.when(pl.col("completed").is_not_null())
    .then(
        pl.when(deadline.is_not_null() & (pl.col("completed") > pl.col("due")))
        .then(pl.lit("late"))
        .otherwise(pl.lit("done"))
    )
    .when(deadline < as_of)
    .then(pl.lit("overdue"))
    .otherwise(pl.lit("on_time"))
)
print(tasks.group_by(pl.col("agency"), state.alias("state")).len()["len"].sum())
"""


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (MiB) of one process (its own helper
    processes included: the largest of them, if larger)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{command[:3]} failed: {process.stderr.read().decode()[-500:]}")
    return elapsed, usage.ru_maxrss // 1024


def alternating(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, int]]:
    """Each command's median wall seconds and worst peak MiB over `runs` rounds, the
    commands taking turns in each round."""
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(timed(command))
    return {
        name: (statistics.median(r[0] for r in got), max(r[1] for r in got))
        for name, got in results.items()
    }


def peers(path: Path) -> dict[str, list[str]]:
    python = sys.executable
    found = {"orjson + Python": [python, "-c", COUNT + _PRINT_COUNT, str(path)]}
    if importlib.util.find_spec("duckdb"):
        found["DuckDB"] = [python, "-c", DUCKDB, str(path)]
    if importlib.util.find_spec("polars"):
        found["polars"] = [python, "-c", POLARS, str(path)]
    return found


_PRINT_COUNT = "import sys\nprint(count(open(sys.argv[1], 'rb').read()))\n"


def verdict(size: int, wall: float, rss: int, duckdb: float | None) -> str:
    """The targets beside the figures: ratio to DuckDB, peak memory."""
    said = []
    if size in TARGET_RATIO and duckdb:
        ratio, target = wall / duckdb, TARGET_RATIO[size]
        said.append(
            f"{ratio:.2f}x DuckDB (target <= {target}x: {'ok' if ratio <= target else 'MISSED'})"
        )
    if size in TARGET_MIB:
        target = TARGET_MIB[size]
        said.append(f"{rss} MiB (target < {target:.0f}: {'ok' if rss < target else 'MISSED'})")
    return "; ".join(said) or "-"


def in_process(path: Path, runs: int) -> tuple[float, float]:
    """Median seconds of the load and roll-up (as the app and `check` load: their collector
    policy, a helper process where a core is to spare) and of the orjson count's work, in
    this process: imports and interpreter start left out."""
    from r57tui.rollup import roll_up
    from r57tui.sources.gc_policy import load_feed_managed

    namespace: dict = {}
    exec(COUNT, namespace)
    count = namespace["count"]
    ours, ref = [], []
    for _ in range(runs):
        data = path.read_bytes()
        started = time.perf_counter()
        roll_up(load_feed_managed(data, for_refresh=True))
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        count(data)
        ref.append(time.perf_counter() - started)
    return statistics.median(ours), statistics.median(ref)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    config = str(big_feed_config(DATA))
    check = [sys.executable, "-m", "r57tui", "--config", config, "check", "--json"]
    print(f"{os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.2f}")
    print(f"Whole processes, median of {args.runs} alternating runs; peak RSS the worst run's")
    for size in args.sizes:
        path = feed_file(DATA, size)
        commands = {"r57tui check": [*check, str(path)], **peers(path)}
        figures = alternating(commands, args.runs)
        print(f"\n{size:,} tasks, {path.stat().st_size / 1e6:.0f} MB")
        print(f"  {'':<16} {'wall s':>7} {'RSS MiB':>8}  target")
        duckdb = figures.get("DuckDB", (None, 0))[0]
        for name, (wall, rss) in figures.items():
            said = verdict(size, wall, rss, duckdb) if name == "r57tui check" else ""
            print(f"  {name:<16} {wall:>7.3f} {rss:>8}  {said}")
    print("\nIn one process, imports left out: load and roll-up against the orjson count's work")
    for size in [size for size in args.sizes if size <= 100_000]:
        ours, ref = in_process(feed_file(DATA, size), args.runs)
        print(f"  {size:,} tasks: r57tui {ours:.3f} s, orjson + Python {ref:.3f} s")
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
