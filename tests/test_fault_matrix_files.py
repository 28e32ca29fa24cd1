"""Fault matrix: things that are not feed files, the one size cap, and `q` while a source
is busy.

A named pipe, a device, a socket or a folder — each also behind a symlink — given as the
feed, through the file source, `r57tui check` and `r57tui --baseline … export`: refused
at once in one line naming the file and what it is, never blocking, never reading
/dev/zero until memory runs out. A small gzip that expands to gigabytes is refused with
bounded memory. The real dashboard in a pseudo-terminal quits on `q` whatever the source
is doing (a FIFO, a feed being checked, a baseline being read, an HTTP answer dripping)
and gives the terminal back.

Every command runs in a subprocess with a time bound (and a memory bound where the old
code read without end), so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import resource
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from r57tui.commands.sources import open_source
from r57tui.config import Cap, ConfigError, load_settings
from r57tui.sources import Failed, NewFeed
from r57tui.sources.feed_file import FeedFileError, gunzip
from tests.builders import feed_dict, task, to_bytes
from tests.httpserver import Handler, ScriptedServer
from tests.test_fault_matrix_process import child_env
from tests.test_fault_matrix_terminal import Terminal

# One worker makes this file's walk or fixtures once (the suite runs --dist loadgroup).
pytestmark = pytest.mark.xdist_group("test_fault_matrix_files")

ROOT = Path(__file__).resolve().parents[1]
FEED = to_bytes(feed_dict([task("T1"), task("T2", due="2025-01-31")]))
BOUND = 30  # seconds any one command may take before the test calls it a hang
MEMORY = 2 * 1024**3  # address space of each command: the old code read /dev/zero without end
MIB = 1024 * 1024
CAP = 64 * MIB


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8"}
    env.pop("LC_ALL", None)
    return subprocess.run(
        [sys.executable, "-m", "r57tui", *argv],
        capture_output=True,
        check=False,
        text=True,
        timeout=BOUND,
        cwd=cwd,
        env=env,
        preexec_fn=_limit_memory,
        start_new_session=True,  # no controlling terminal: /dev/tty is what a service sees
    )


# The things that are not feed files ---------------------------------------------------

WHAT = {
    "fifo": "is a named pipe (FIFO), not a feed file",
    "dev-zero": "is a device, not a feed file",
    "dev-urandom": "is a device, not a feed file",
    "dev-null": "is a device, not a feed file",
    "dev-tty": "is a device, not a feed file",
    "block-device": "is a device, not a feed file",
    "socket": "is a socket, not a feed file",
    "folder": "is a folder, not a feed file",
}
KINDS = [(kind, link) for kind in WHAT for link in (False, True)]


def make(kind: str, folder: Path) -> Path:
    path = folder / f"{kind}.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind.startswith("dev-"):
        path.symlink_to(f"/dev/{kind.removeprefix('dev-')}")  # the device itself, named .json
    elif kind == "block-device":
        os.mknod(path, 0o600 | stat.S_IFBLK, os.makedev(7, 250))  # a loop device node
    elif kind == "socket":
        listening = socket.socket(socket.AF_UNIX)
        listening.bind(str(path))
        listening.listen()
        _SOCKETS.append(listening)
    elif kind == "folder":
        path.mkdir()
    return path


_SOCKETS: list[socket.socket] = []


@pytest.fixture(scope="module")
def not_files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, bool], Path]]:
    """Each kind in a folder of its own, as itself and behind a symlink `link-to-….json`."""
    paths = {}
    for kind, link in KINDS:
        folder = tmp_path_factory.mktemp(f"{kind}-{'link' if link else 'plain'}")
        target = make(kind, folder)
        if link:
            (folder / f"link-to-{kind}.json").symlink_to(target)
            target = folder / f"link-to-{kind}.json"
        (folder / "feed.json").write_bytes(FEED)
        paths[kind, link] = target
    yield paths
    for listening in _SOCKETS:
        listening.close()


def ids(case: tuple[str, bool]) -> str:
    return f"{case[0]}{'-via-symlink' if case[1] else ''}"


POLL_ALL = """
import asyncio, json, os, sys
from pathlib import Path
from r57tui.sources import FileSource

async def one(path):
    try:
        update = await asyncio.wait_for(FileSource(Path(path)).poll(), 10)
    except TimeoutError:
        return "still reading after 10 s", ""
    except Exception as exc:
        return type(exc).__name__, ""
    return type(update).__name__, getattr(update, "message", "")

async def main():
    return [await one(path) for path in sys.argv[1:]]

print(json.dumps(asyncio.run(main())), flush=True)
os._exit(0)  # a thread still blocked on a pipe would hold up a normal exit
"""


@pytest.fixture(scope="module")
def polled(not_files) -> dict[tuple[str, bool], tuple[str, str]]:
    """FileSource.poll() of every kind, in one subprocess bounded in time and memory."""
    cases = list(not_files)
    done = subprocess.run(
        [sys.executable, "-c", POLL_ALL, *(str(not_files[case]) for case in cases)],
        capture_output=True,
        check=False,
        text=True,
        timeout=BOUND * 8,
        preexec_fn=_limit_memory,
        start_new_session=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return {
        case: tuple(answer) for case, answer in zip(cases, json.loads(done.stdout), strict=True)
    }


@pytest.mark.parametrize("case", KINDS, ids=ids)
def test_file_source_refuses_what_is_not_a_feed_file(case, not_files, polled) -> None:
    kind, answer = polled[case]
    assert kind == "Failed"
    assert answer == f"{not_files[case].name}: {WHAT[case[0]]}"


@pytest.fixture(scope="module")
def commands(not_files) -> dict[tuple[str, str, bool], subprocess.CompletedProcess[str]]:
    """`check PATH` and `--baseline PATH export` for every kind, two at a time."""

    def one(job: tuple[str, str, bool]) -> subprocess.CompletedProcess[str]:
        how, *case = job
        path = not_files[tuple(case)]
        out = path.parent / "exports"
        argv = ["check", path.name] if how == "check" else [
            "--source", "feed.json", "--baseline", path.name, "export", "--out", str(out)
        ]  # fmt: skip
        try:
            return run(*argv, cwd=path.parent)
        except subprocess.TimeoutExpired:
            return subprocess.CompletedProcess(argv, -1, "", f"still running after {BOUND} s")

    jobs = [(how, kind, link) for how in ("check", "baseline") for kind, link in KINDS]
    with ThreadPoolExecutor(2) as pool:
        return dict(zip(jobs, pool.map(one, jobs), strict=True))


@pytest.mark.parametrize("how", ["check", "baseline"])
@pytest.mark.parametrize("case", KINDS, ids=ids)
def test_commands_refuse_what_is_not_a_feed_file_in_one_line(case, how, not_files, commands):
    done = commands[(how, *case)]
    name = not_files[case].name
    said = done.stderr.strip()
    assert done.returncode == 2, (done.returncode, said[-500:])
    assert "Traceback" not in done.stderr
    assert len(said.splitlines()) == 1, said
    what = WHAT[case[0]]
    expected = f"{name}: {what}" if how == "check" else f"r57tui: baseline {name}: {what}"
    assert said == expected
    assert done.stdout == ""
    assert not (not_files[case].parent / "exports").exists()  # nothing written


def test_the_refusal_is_in_vietnamese_too(not_files) -> None:
    path = not_files["fifo", False]
    done = run("--lang", "vi", "check", path.name, cwd=path.parent)
    assert done.returncode == 2
    assert done.stderr.strip() == "fifo.json: là đường ống có tên (FIFO), không phải tệp số liệu"
    path = not_files["dev-zero", True]
    done = run("--lang", "vi", "--source", "feed.json", "--baseline", path.name, "export",
               cwd=path.parent)  # fmt: skip
    assert done.returncode == 2
    said = done.stderr.strip()
    assert said == "r57tui: mốc so sánh link-to-dev-zero.json: là thiết bị, không phải tệp số liệu"


# The one cap, and the gzip bomb ---------------------------------------------------------


def gzip_bomb(path: Path, gigabytes: int) -> int:
    """A valid .gz of `gigabytes` GiB of zeros: members of 256 MiB each (gzip allows
    several; each compresses to about 250 kB), the first alone four times the cap."""
    member = gzip.compress(bytes(256 * 1024 * 1024), 6)
    path.write_bytes(member * (gigabytes * 4))
    return path.stat().st_size


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bomb")
    path = folder / "feed.json.gz"
    size = gzip_bomb(path, 3)
    assert size < 4 * 1024 * 1024  # a few MB on disk, 3 GiB once decompressed
    (folder / "feed.json").write_bytes(FEED)
    return path


PEAK = """
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "r57tui", *sys.argv[1:]], capture_output=True,
                      text=True, timeout=60)
print(done.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
print(done.stderr, end="")
"""


def peak_of(*argv: str, cwd: Path) -> tuple[int, int, str]:
    """Exit code, peak resident bytes and stderr of `r57tui ARGV`, measured in a fresh
    process whose only child is that command."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *argv],
        capture_output=True,
        check=False,
        text=True,
        timeout=90,
        cwd=cwd,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (8 * 1024**3,) * 2),
    )
    code, peak, said = done.stdout.split("\n", 2)
    return int(code), int(peak), said


@pytest.mark.parametrize("how", ["check", "baseline"])
def test_a_gzip_bomb_is_refused_with_bounded_memory(bomb: Path, how: str) -> None:
    if how == "check":
        code, peak, said = peak_of("check", bomb.name, cwd=bomb.parent)
        expected = "feed.json.gz: the feed is larger than the cap of 64 MiB once decompressed"
    else:
        argv = ("--source", "feed.json", "--baseline", bomb.name, "export", "--out", "x")
        code, peak, said = peak_of(*argv, cwd=bomb.parent)
        expected = (
            "r57tui: baseline feed.json.gz: the feed is larger than the cap of 64 MiB once "
            "decompressed"
        )
    assert code == 2, said[-1000:]
    assert said.strip() == f"{expected} (max_bytes)"
    assert peak < CAP + 200 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB"


@pytest.mark.parametrize(
    "sizes",
    [[0], [1], [MIB - 1], [MIB], [MIB + 1], [3 * MIB], [MIB, 5], [2 * MIB, MIB, 7]],
    ids=str,
)
def test_gunzip_in_steps_gives_what_gzip_gives_and_holds_the_cap_to_the_byte(sizes) -> None:
    """Members of these sizes (random text, so no step ends where a member does), read in
    1 MiB steps: the same bytes as `gzip.decompress`; a cap one byte short refuses."""
    rng = random.Random(57)
    members = [bytes(rng.choices(b"abcdefgh ", k=size)) for size in sizes]
    data = b"".join(gzip.compress(member) for member in members)
    whole = b"".join(members)
    assert gunzip(data, Cap(max(len(whole), 1))) == gzip.decompress(data) == whole
    if len(whole) > 1:
        with pytest.raises(FeedFileError, match="larger than the cap"):
            gunzip(data, Cap(len(whole) - 1))
    with pytest.raises(FeedFileError, match="not valid gzip"):
        gunzip(data[:-1], Cap(len(whole) + 1))


async def test_the_cap_holds_for_a_plain_file_and_a_gzip_file(tmp_path: Path) -> None:
    (tmp_path / "r57tui.toml").write_text("max_bytes = 1000\n")
    settings = load_settings(tmp_path / "r57tui.toml")
    big = to_bytes(feed_dict([task(f"T{i}") for i in range(40)]))
    assert len(big) > 1000
    (tmp_path / "big.json").write_bytes(big)
    (tmp_path / "big.json.gz").write_bytes(gzip.compress(big))
    assert len(gzip.compress(big)) < 1000  # under the cap on disk, over it decompressed
    for name, expected in (
        ("big.json", "big.json: the feed is larger than the cap of 0.000953674 MiB (max_bytes)"),
        (
            "big.json.gz",
            "big.json.gz: the feed is larger than the cap of 0.000953674 MiB once "
            "decompressed (max_bytes)",
        ),
    ):
        update = await open_source(str(tmp_path / name), settings).poll()
        assert isinstance(update, Failed)
        assert update.message == expected
        assert "giới hạn" in update.text("vi")
    # Within the cap, the same feed loads.
    (tmp_path / "small.json.gz").write_bytes(gzip.compress(FEED))
    assert isinstance(await open_source(str(tmp_path / "small.json.gz"), settings).poll(), NewFeed)


def test_http_max_bytes_alone_still_sets_the_cap_and_both_must_agree(tmp_path: Path) -> None:
    config = tmp_path / "r57tui.toml"
    config.write_text("[http]\nmax_bytes = 1000\n")
    settings = load_settings(config)
    assert (settings.cap.max_bytes, settings.cap.key) == (1000, "http.max_bytes")
    config.write_text("max_bytes = 1000\n[http]\nmax_bytes = 1000\n")
    assert load_settings(config).cap.max_bytes == 1000
    config.write_text("max_bytes = 1000\n[http]\nmax_bytes = 2000\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert str(caught.value).startswith(f"{config}: max_bytes and http.max_bytes give two")
    (tmp_path / "feed.json").write_bytes(FEED)
    done = run("--config", str(config), "check", "feed.json", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "max_bytes and http.max_bytes" in done.stderr


async def test_the_one_cap_holds_for_http_and_names_its_key(tmp_path: Path) -> None:
    body = to_bytes(feed_dict([task(f"T{i}") for i in range(40)]))

    def respond(handler: Handler) -> None:
        handler.send(200, body, gzip_body=True)

    (tmp_path / "r57tui.toml").write_text("max_bytes = 1000\n")
    settings = load_settings(tmp_path / "r57tui.toml")
    with ScriptedServer(respond) as server:
        source = open_source(server.url(), settings)
        try:
            update = await source.poll()
        finally:
            await source.aclose()
    assert isinstance(update, Failed)
    assert update.message == (
        f"http://127.0.0.1:{server.port}/feed.json: the feed is larger than the cap of "
        "0.000953674 MiB once decompressed (max_bytes)"
    )


# q in a real terminal, whatever the source is doing -------------------------------------

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"


# Work that never ends, standing for a feed or baseline that takes long to check: if
# quitting waits for it, the test sees the app never exit.
STUCK = """
import sys, threading
import r57tui.baseline, r57tui.sources.base
def stuck(*args, **kwargs):
    threading.Event().wait()
if sys.argv[1] == "feed":
    r57tui.sources.base.load_feed_managed = stuck
elif sys.argv[1] == "baseline":
    r57tui.baseline.load_feed_managed = stuck
from r57tui.cli import main

sys.exit(main(sys.argv[2:]))
"""


def quit_after(home: Path, argv: list[str], stuck: str, shows: bytes) -> tuple[int | None, bytes]:
    """Start the dashboard, wait until it shows `shows`, press q; its exit code (None: it
    never exited) and everything it wrote after q."""
    terminal = Terminal([sys.executable, "-c", STUCK, stuck, *argv], child_env(home), home)
    try:
        assert terminal.wait_for(shows, 0, timeout=BOUND), terminal.output[-1500:]
        time.sleep(0.3)  # the first paint is followed by a refit to the window's width
        since = len(terminal.output)
        os.write(terminal.master, b"q")
        try:
            code: int | None = terminal.process.wait(timeout=BOUND)
        except subprocess.TimeoutExpired:
            code = None
        return code, terminal.output[since:]
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
            terminal.process.wait()
        terminal._reader.join(timeout=5)
        os.close(terminal.master)


def assert_quit(code: int | None, after_q: bytes) -> None:
    assert code is not None, "q: the app did not exit"
    assert code == 0
    assert LEAVE_ALTERNATE_SCREEN in after_q  # the terminal is given back


@pytest.mark.serial  # a real terminal: run after the rest (pyproject's serial marker)
def test_pty_a_fifo_source_is_refused_on_screen_and_q_quits(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "feed.json")
    argv = ["--source", "feed.json", "--refresh", "0", "--lang", "en"]
    code, after_q = quit_after(tmp_path, argv, "no", b"named pipe (FIFO)")
    assert_quit(code, after_q)


@pytest.mark.serial  # a real terminal: run after the rest (pyproject's serial marker)
def test_pty_a_fifo_baseline_is_refused_on_screen_and_q_quits(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "before.json")
    (tmp_path / "feed.json").write_bytes(FEED)
    argv = ["--source", "feed.json", "--baseline", "before.json", "--refresh", "0", "--lang", "vi"]
    code, after_q = quit_after(tmp_path, argv, "no", "đường ống có tên".encode())
    assert_quit(code, after_q)


@pytest.mark.serial  # a real terminal: run after the rest (pyproject's serial marker)
def test_pty_q_quits_while_a_feed_is_being_checked(tmp_path: Path) -> None:
    (tmp_path / "feed.json").write_bytes(FEED)
    argv = ["--source", "feed.json", "--refresh", "0", "--lang", "en"]
    code, after_q = quit_after(tmp_path, argv, "feed", b"checking")
    assert_quit(code, after_q)


@pytest.mark.serial  # a real terminal: run after the rest (pyproject's serial marker)
def test_pty_q_quits_while_a_baseline_is_being_checked(tmp_path: Path) -> None:
    (tmp_path / "feed.json").write_bytes(FEED)
    (tmp_path / "before.json").write_bytes(FEED)
    argv = ["--source", "feed.json", "--baseline", "before.json", "--refresh", "0", "--lang", "en"]
    code, after_q = quit_after(tmp_path, argv, "baseline", b"All agencies:")
    assert_quit(code, after_q)


@pytest.mark.serial  # a real terminal: run after the rest (pyproject's serial marker)
def test_pty_q_quits_while_an_http_answer_drips(tmp_path: Path) -> None:
    stop = threading.Event()

    def drip(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(10_000_000))
        handler.end_headers()
        for _ in range(1200):  # a byte every 50 ms, for at most a minute
            if stop.wait(0.05):
                return
            try:
                handler.wfile.write(b" ")
                handler.wfile.flush()
            except OSError:
                return

    (tmp_path / "r57tui.toml").write_text("[http]\ntimeout = 600\n")
    with ScriptedServer(drip) as server:
        argv = ["--config", "r57tui.toml", "--source", server.url(), "--refresh", "0"]
        try:
            code, after_q = quit_after(tmp_path, [*argv, "--lang", "en"], "no", b"receiving")
        finally:
            stop.set()
    assert_quit(code, after_q)


async def test_a_file_rewritten_within_one_tick_of_the_clock_is_read_again(
    tmp_path: Path,
) -> None:
    # A filesystem's clock moves in ticks of milliseconds: a file rewritten in place,
    # same size, within the tick of its last write keeps its stamp (mtime, size, inode).
    # The source must not call it unchanged and keep the old figures.
    from r57tui.sources import FileSource, Unchanged

    first = to_bytes(feed_dict([task("T1"), task("T2")]))
    second = first.replace(b'"T2"', b'"T3"')
    assert len(second) == len(first)
    assert second != first
    path = tmp_path / "feed.json"
    path.write_bytes(first)
    source = FileSource(path)
    shown = await source.poll()
    assert isinstance(shown, NewFeed)
    assert [t.id for t in shown.feed.tasks] == ["T1", "T2"]
    written = os.stat(path)
    with open(path, "r+b") as handle:  # in place: the same inode
        handle.write(second)
    os.utime(path, ns=(written.st_atime_ns, written.st_mtime_ns))  # the same tick
    assert os.stat(path).st_mtime_ns == written.st_mtime_ns
    assert os.stat(path).st_ino == written.st_ino
    update = await source.poll()
    assert isinstance(update, NewFeed), update
    assert [t.id for t in update.feed.tasks] == ["T1", "T3"]
    again = await source.poll()  # the same bytes: no new check, no new figures
    assert isinstance(again, Unchanged)
