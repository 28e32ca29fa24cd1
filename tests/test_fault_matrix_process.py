"""The dashboard as a process: signals, suspend and resume, and no terminal at all (issue 16).

- The real app in a pseudo-terminal that is its controlling terminal, on the demo feed:
  SIGTERM, SIGHUP and SIGINT give the terminal back exactly as `q` does (the same bytes
  after the last frame, and the tty's modes as they were before it started) and exit
  128 + the signal's number; a burst of signals while it exits leaves no traceback; a
  terminal that hangs up (its other end closed, as a closed ssh session or window) ends
  it; SIGTSTP and SIGCONT (`fg`) leave and resume the screen, which is drawn whole
  again; Ctrl+C typed as a key still only says how to quit.
- Without a terminal (standard input /dev/null or closed, standard output a pipe or a
  file, standard error a file, everything pipes): exit 2, one line on standard error,
  nothing drawn, nothing on standard output.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

# Serial: the real program in a terminal or as a server, with deadlines that hold on
# a quiet machine; the suite runs these after the rest, not beside a second worker.
pytestmark = [
    pytest.mark.serial,
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and ptys"),
]

COLUMNS, LINES = 120, 40
DRAWN = b"All agencies:"  # the main screen's headline, on the demo feed in English
ALT_SCREEN_ON = b"\x1b[?1049h"
# The first thing Textual's driver writes when it leaves application mode (bracketed
# paste off); what follows it, to the end, is how the terminal is given back.
STOP_STARTS = b"\x1b[?2004l"
GIVEN_BACK = {
    "alternate screen off": b"\x1b[?1049l",
    "cursor shown": b"\x1b[?25h",
    "mouse reporting off": b"\x1b[?1000l",
    "mouse SGR reports off": b"\x1b[?1006l",
    "bracketed paste off": b"\x1b[?2004l",
    "kitty keyboard protocol off": b"\x1b[<u",
}
# How Textual's suspend ends (its stop path, without what only an exit adds).
CURSOR_SHOWN_FOCUS_OFF = b"\x1b[?25h\x1b[?1004l"
START = 30.0  # bounds on waits for a condition, generous for a loaded machine
EXIT = 30.0


def child_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "LC_"))}
    env.pop("NO_COLOR", None)
    env.update(
        LANG="C.UTF-8",
        TERM="xterm-256color",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
    )
    return env


def _default_signals() -> None:
    """In the child: the signals the tests send get their default dispositions. A suite
    started under nohup or from a background job passes its ignored SIGHUP and SIGINT on
    to its children, and r57tui rightly keeps a disposition it was started with."""
    for each in (signal.SIGHUP, signal.SIGINT, signal.SIGTERM):
        signal.signal(each, signal.SIG_DFL)


def _take_terminal() -> None:
    """In the child, after setsid: the pty on its standard input becomes its controlling
    terminal, as a shell's terminal is (so a hangup sends it SIGHUP)."""
    _default_signals()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Dashboard:
    """`r57tui --lang en` on the demo feed, on a pseudo-terminal of COLUMNS x LINES that
    is its controlling terminal. Reads happen only when asked (no thread), so closing
    the terminal's end really hangs it up."""

    def __init__(self, home: Path, *args: str) -> None:
        self.master, self.slave = pty.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.modes_before = termios.tcgetattr(self.slave)
        argv = [sys.executable, "-m", "r57tui", "--lang", "en", *args]
        self.process = subprocess.Popen(
            argv,
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            env=child_env(home),
            cwd=home,
            start_new_session=True,
            # Popen has no option that gives the child a controlling terminal; this
            # runs one ioctl between fork and exec.
            preexec_fn=_take_terminal,  # noqa: PLW1509
        )
        self.output = bytearray()

    def read(self, timeout: float) -> bool:
        """Read what has been written within `timeout`; False if nothing was."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: every writer is gone
            return False
        self.output.extend(data)
        return bool(data)

    def wait_until(self, done: Callable[[bytes], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not done(bytes(self.output)):
            if time.monotonic() > deadline:
                tail = bytes(self.output[-300:])
                raise AssertionError(f"never {what}; exit {self.process.poll()}; {tail!r}")
            self.read(0.1)

    def wait_drawn(self, since: int = 0) -> None:
        self.wait_until(
            lambda out: ALT_SCREEN_ON in out[since:] and DRAWN in out[since:],
            START,
            "drew the main screen",
        )

    def wait_exit(self) -> int:
        """The exit code (negative: killed by that signal); everything written is read."""
        deadline = time.monotonic() + EXIT
        while self.process.poll() is None:
            if time.monotonic() > deadline:
                self.process.kill()
                self.process.wait()
                raise AssertionError(f"did not exit; {bytes(self.output[-300:])!r}")
            self.read(0.1)
        self.modes_after = termios.tcgetattr(self.slave)
        os.close(self.slave)  # the last writer: reads now end in EIO once drained
        while self.read(5.0):
            pass
        return self.process.returncode

    def wait_stopped(self) -> None:
        """Until the process is stopped (SIGSTOP), reading all the while: a terminal
        nobody reads blocks its writer."""
        deadline = time.monotonic() + EXIT
        while True:
            pid, status = os.waitpid(self.process.pid, os.WUNTRACED | os.WNOHANG)
            if pid and os.WIFSTOPPED(status):
                return
            assert pid == 0, f"ended instead of stopping: {status}"
            assert time.monotonic() < deadline, "never stopped"
            self.read(0.1)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for fd in (self.master, self.slave):
            with contextlib.suppress(OSError):
                os.close(fd)

    def given_back(self) -> bytes:
        """What was written from the start of leaving application mode to the end."""
        out = bytes(self.output)
        at = out.rfind(STOP_STARTS)
        assert at >= 0, f"the terminal was never given back: {out[-300:]!r}"
        return out[at:]


@pytest.fixture
def dashboard(tmp_path: Path):
    started: list[Dashboard] = []

    def start(*args: str) -> Dashboard:
        home = tmp_path / f"run{len(started)}"
        home.mkdir()
        started.append(Dashboard(home, *args))
        return started[-1]

    yield start
    for one in started:
        one.close()


@pytest.fixture(scope="module")
def quit_with_q(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """How `q` gives the terminal back: the bytes after the last frame."""
    run = Dashboard(tmp_path_factory.mktemp("quit-with-q"))
    try:
        run.wait_drawn()
        os.write(run.master, b"q")
        assert run.wait_exit() == 0
        assert run.modes_after == run.modes_before
        return run.given_back()
    finally:
        run.close()


def assert_given_back_as_q(run: Dashboard, quit_with_q: bytes) -> None:
    tail = run.given_back()
    for what, sequence in GIVEN_BACK.items():
        assert sequence in tail, what
    assert tail == quit_with_q
    assert run.modes_after == run.modes_before, "the tty's modes were not restored"
    assert b"Traceback" not in run.output


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_signal_gives_the_terminal_back_as_q_does(
    dashboard, quit_with_q: bytes, signum: int, code: int
) -> None:
    run = dashboard()
    run.wait_drawn()
    run.process.send_signal(signum)
    assert run.wait_exit() == code
    assert_given_back_as_q(run, quit_with_q)


def test_more_signals_while_it_exits_leave_no_traceback(dashboard, quit_with_q: bytes) -> None:
    run = dashboard()
    run.wait_drawn()
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        run.process.send_signal(signum)
    code = run.wait_exit()
    # The code of the first one received: signals pending together are delivered lowest
    # number first, so on a busy machine that may be SIGHUP or SIGINT rather than the
    # first sent. Or, if a later one came after the terminal was given back, that one
    # ended the process (a shell shows 128 + n for either).
    sent = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
    assert code in {128 + s for s in sent} | {-s for s in sent}, code
    assert_given_back_as_q(run, quit_with_q)


def test_a_terminal_that_hangs_up_ends_the_dashboard(dashboard) -> None:
    run = dashboard()
    run.wait_drawn()
    os.close(run.master)  # the window closed, the ssh session dropped
    run.master = os.open(os.devnull, os.O_RDONLY)  # (for close() at the end)
    try:
        code = run.process.wait(timeout=EXIT)
    except subprocess.TimeoutExpired:
        pytest.fail("the dashboard went on after its terminal hung up")
    assert code == 129  # 128 + SIGHUP: it exited through its own stop path


def test_a_terminal_that_stopped_reading_still_lets_a_signal_end_it(dashboard) -> None:
    # A frozen window: the terminal takes no more output, so the app's writes, and the
    # stop path that gives the terminal back, block for good. SIGTERM must still end it.
    run = dashboard()
    run.wait_drawn()
    termios.tcflow(run.slave, termios.TCOOFF)
    for step in range(12):
        # Full redraws, paced (signals sent at once would merge into one), until the
        # app's writer is blocked and its queue of frames is full; nothing to observe
        # from outside while the output is stopped.
        size = struct.pack("HHHH", LINES, COLUMNS - 10 * (step % 3), 0, 0)
        fcntl.ioctl(run.slave, termios.TIOCSWINSZ, size)
        os.killpg(run.process.pid, signal.SIGWINCH)
        time.sleep(0.3)
    run.process.send_signal(signal.SIGTERM)
    try:
        code = run.process.wait(timeout=EXIT)
    except subprocess.TimeoutExpired:
        pytest.fail("a signal could not end the dashboard while its terminal was frozen")
    assert code == 143
    termios.tcflow(run.slave, termios.TCOON)


def test_suspend_and_fg_give_the_terminal_back_then_redraw_the_whole_screen(
    dashboard, quit_with_q: bytes
) -> None:
    run = dashboard()
    run.wait_drawn()
    run.process.send_signal(signal.SIGTSTP)  # what a shell's Ctrl+Z sends
    run.wait_stopped()
    # Textual's own suspend: application mode left as on the stop path (no exit yet).
    run.wait_until(
        lambda out: (
            STOP_STARTS in out
            and out.endswith(GIVEN_BACK["alternate screen off"] + CURSOR_SHOWN_FOCUS_OFF)
        ),
        START,
        "gave the terminal back",
    )
    assert all(sequence in run.given_back() for sequence in GIVEN_BACK.values())
    assert termios.tcgetattr(run.slave) == run.modes_before  # the shell can be used
    resumed = len(run.output)
    run.process.send_signal(signal.SIGCONT)  # fg
    run.wait_drawn(since=resumed)  # the whole screen again, not just what changed
    run.process.send_signal(signal.SIGTERM)
    assert run.wait_exit() == 143
    assert_given_back_as_q(run, quit_with_q)


def test_ctrl_c_typed_says_how_to_quit_and_sigint_still_ends_it(
    dashboard, quit_with_q: bytes
) -> None:
    run = dashboard()
    run.wait_drawn()
    since = len(run.output)
    os.write(run.master, b"\x03")  # a key: the driver turns the tty's ISIG off
    run.wait_until(
        lambda out: b"Press q to quit" in re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", out[since:]),
        START,
        "said how to quit",
    )
    assert run.process.poll() is None
    run.process.send_signal(signal.SIGINT)  # kill -INT from another shell
    assert run.wait_exit() == 130
    assert_given_back_as_q(run, quit_with_q)


# Without a terminal --------------------------------------------------------------------

NO_TERMINAL = "r57tui: the dashboard needs a terminal, and {stream} is not one; without a screen, use r57tui check FEED or r57tui export"  # noqa: E501


def _close_stdin() -> None:
    os.close(0)


@pytest.mark.parametrize(
    ("case", "stream"),
    [
        ("stdin /dev/null", "standard input"),
        ("stdin closed", "standard input"),
        ("stdout a pipe", "standard output"),
        ("stdout a file", "standard output"),
        ("stderr a file", "standard error"),
        ("all pipes", "standard input"),
    ],
)
def test_without_a_terminal_one_line_and_exit_2(case: str, stream: str, tmp_path: Path) -> None:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    out_file, err_file = tmp_path / "stdout", tmp_path / "stderr"
    streams: dict[str, object] = {"stdin": slave, "stdout": slave, "stderr": slave}
    preexec = None
    with out_file.open("wb") as out, err_file.open("wb") as err:
        if case == "stdin /dev/null":
            streams["stdin"] = subprocess.DEVNULL
        elif case == "stdin closed":
            preexec = _close_stdin
        elif case == "stdout a pipe":
            streams["stdout"] = subprocess.PIPE
        elif case == "stdout a file":
            streams["stdout"] = out
        elif case == "stderr a file":
            streams["stderr"] = err
        else:
            streams = {"stdin": subprocess.DEVNULL, "stdout": out, "stderr": err}
        process = subprocess.Popen(
            [sys.executable, "-m", "r57tui", "--lang", "en"],
            env=child_env(tmp_path),
            cwd=tmp_path,
            start_new_session=True,
            preexec_fn=preexec,  # noqa: PLW1509 - closes fd 0, nothing else
            **streams,  # type: ignore[arg-type]
        )
        os.close(slave)
        written = bytearray()
        try:
            stdout, _ = process.communicate(timeout=EXIT)
            code = process.returncode
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            pytest.fail(f"{case}: still running (drawing into nowhere)")
        finally:
            while select.select([master], [], [], 0)[0]:
                try:
                    written.extend(os.read(master, 65536))
                except OSError:
                    break
            os.close(master)
    stdout = (stdout or b"") + out_file.read_bytes()
    on_pty = bytes(written).replace(b"\r\n", b"\n")
    error = err_file.read_bytes() if case in ("stderr a file", "all pipes") else on_pty
    assert code == 2, (case, error[-300:])
    assert error.decode() == NO_TERMINAL.format(stream=stream) + "\n"
    assert stdout == b""
    if error is not on_pty:
        assert on_pty == b""  # nothing drawn on the terminal there is
    assert b"\x1b" not in error


def test_without_a_terminal_in_vietnamese(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "r57tui", "--lang", "vi"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=child_env(tmp_path),
        cwd=tmp_path,
        timeout=EXIT,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode() == (
        "r57tui: bảng điều khiển cần chạy trong một terminal (cửa sổ dòng lệnh), nhưng đầu "
        "vào chuẩn không phải là terminal; khi không có màn hình, hãy dùng r57tui check "
        "TỆP hoặc r57tui export\n"
    )


# The headless commands ---------------------------------------------------------------


def test_ctrl_c_during_a_headless_command_exits_130_without_a_traceback(tmp_path: Path) -> None:
    with socket.socket() as server:  # a feed server that takes the request, never answers
        server.bind(("127.0.0.1", 0))
        server.listen()
        url = f"http://127.0.0.1:{server.getsockname()[1]}/feed.json"
        process = subprocess.Popen(
            [sys.executable, "-m", "r57tui", "check", url],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env(tmp_path),
            cwd=tmp_path,
            preexec_fn=_default_signals,  # noqa: PLW1509
        )
        server.settimeout(EXIT)
        connection, _ = server.accept()  # the command is waiting for the answer
        with connection:
            process.send_signal(signal.SIGINT)
            stdout, stderr = process.communicate(timeout=EXIT)
    assert process.returncode == 130, stderr
    assert b"Traceback" not in stderr
    assert stdout == b""


def test_a_reader_that_goes_away_exits_141_without_a_traceback(tmp_path: Path) -> None:
    """`r57tui export | head -0`: the files are written, the paths cannot be printed."""
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "r57tui", "export", "--format", "csv", "--out", str(out)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(tmp_path),
        cwd=tmp_path,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # before it prints a path
    stderr = process.stderr.read()
    assert process.wait(timeout=EXIT) == 141, stderr
    assert b"Traceback" not in stderr
    assert stderr == b""
    assert len(list(out.glob("*.csv"))) > 1


async def test_ctrl_c_says_which_key_quits_in_the_interface_language() -> None:
    # Textual's own hint is English with markup, which the app's plain notify showed raw
    # ("Press [b]ctrl+q[/b] to quit the app") even under --lang vi.
    from textual.app import Notify
    from textual.message import Message

    from tests.pilot import demo_app, settle

    said: list[str] = []

    def hook(message: Message) -> None:
        if isinstance(message, Notify):
            said.append(f"{message.notification.title}: {message.notification.message}")

    app = demo_app(language="vi", refresh=0)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await settle(app, pilot)
        said.clear()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert said == ["Bạn muốn thoát?: Nhấn q để thoát"]
        assert app.is_running
