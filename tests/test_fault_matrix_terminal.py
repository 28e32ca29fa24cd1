"""Feed text never controls the terminal (issue 7).

A feed is data from another system: none of its text may reach the terminal as a control
sequence (clear the screen, set the window title, write the clipboard with OSC 52, ask the
terminal to type a cursor report into the app), none of it is read as Rich/Textual markup,
and a spreadsheet never runs any of it as a formula.

- The real app, run in a pseudo-terminal on a feed whose every text field is hostile, with
  every screen that shows feed text opened: the bytes it writes hold none of the feed's
  sequences, and the feed's text is on screen, markup literal, controls made visible. The
  same run on a clean copy of the feed is the control: a sequence asserted absent is one
  Textual itself does not write.
- The same feed through Pilot, screen by screen, widget by widget.
- `r57tui export` as CSV and XLSX over every text column, with every formula start.
"""

from __future__ import annotations

import csv
import fcntl
import html
import io
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
import time
import unicodedata
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from rich.table import Table
from rich.text import Text
from textual.command import CommandPalette
from textual.widgets import OptionList, Static

from r57tui.cli import main
from r57tui.export.xlsx_print import SHEET_TITLES
from r57tui.i18n.strings import tr
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.findings_screen import FindingsScreen, FindingsTable
from r57tui.ui.main_screen import MainScreen
from r57tui.ui.name_forms import short_form
from r57tui.ui.task_screen import TaskScreen
from r57tui.ui.task_table import TaskTable
from r57tui.ui.tasks_screen import TasksScreen
from tests.builders import feed_dict, task, to_bytes
from tests.pilot import demo_app, feed_update, indicator_text, settle, text_of

# Serial: the real program in a terminal or as a server, with deadlines that hold on
# a quiet machine; the suite runs these after the rest, not beside a second worker.
pytestmark = pytest.mark.serial

# The hostile feed ----------------------------------------------------------------------

# Each control sequence is followed by a marker word naming it and, after a dash, the field
# it sits in (the tag): `<sequence><marker>` can only come from the feed, and a leak names
# its field. Terminators (BEL, ST) come after the marker, as in a real attack.
PIECES = (
    "\x1b[2JCSI2J-{tag}",  # clear the screen
    "\x1b[31mCSI31-{tag}",  # colour
    "\x1b[6nCSI6N-{tag}",  # device status report: the terminal types an answer into stdin
    "\x1b]0;PWNED-TITLE-{tag}\x07",  # OSC 0: set the window title
    "\x1b]52;c;UFdORUQ=\x07OSC52-{tag}",  # OSC 52: write "PWNED" to the clipboard
    "\x07BEL-{tag}",
    "\x08BS-{tag}",
    "\rCR-{tag}",
    "\x00NUL-{tag}",
    "\x9b31mC1CSI-{tag}",  # C1 CSI
    "\x9d0;PWNED-C1-{tag}\x9c",  # C1 OSC ... ST
    "\x85NEL-{tag}",  # C1 next line
    "\u202eRLO-{tag}",  # right-to-left override
    "\u2066LRI-{tag}",  # left-to-right isolate
    "\u200bZWSP-{tag}",  # zero-width space
    "\u2060WJ-{tag}",  # word joiner
    "\ufeffBOM-{tag}",  # zero-width no-break space
)
MARKUP = "[bold red]X-{tag}[/] [link=file:///etc/passwd]y-{tag}[/link]"


def hostile(tag: str) -> str:
    """The tag, Rich markup, then every sequence: the start of the text shows in a narrow cell."""
    return " ".join([tag, MARKUP.format(tag=tag), *(piece.format(tag=tag) for piece in PIECES)])


def short_hostile(tag: str) -> str:
    """For ids (at most 200 characters)."""
    return f"{tag} [b]X-{tag}[/b] \x1b]0;PWNED-TITLE-{tag}\x07 \x9b31mC1CSI-{tag} \u202eRLO-{tag}"


# 20 kB of text, with a title-setting sequence every 44 characters.
LONG = "LONG20K " + ("long text \x1b]0;PWNED-TITLE-LONG\x07 more text " * 500)[:20_000]

AGENCY_ID = short_hostile("AID")
TASK_ID = short_hostile("TID")
UNKNOWN_AGENCY_ID = short_hostile("UNKAG")  # named by a task, not listed: created, a finding
BAD_TASK_ID = short_hostile("BADID")  # progress 140: set aside, a finding
INDICATOR_ID = short_hostile("IID")


def hostile_document(text: Callable[[str], str] = hostile, long_text: str = LONG) -> dict[str, Any]:
    """Every text field of a feed hostile (`text` = a plain function gives the clean twin)."""
    ids = {
        key: value if text is hostile else f"{key}-plain"
        for key, value in (
            ("agency", AGENCY_ID),
            ("task", TASK_ID),
            ("unknown", UNKNOWN_AGENCY_ID),
            ("bad", BAD_TASK_ID),
            ("indicator", INDICATOR_ID),
        )
    }
    return feed_dict(
        [
            # Most overdue: first in every task list, and its agency first among agencies.
            task(
                ids["task"],
                ids["agency"],
                title=text("TTITLE"),
                source=text("TSOURCE"),
                group=text("TGROUP"),
                due="2025-01-31",
                co_agencies=["BKHCN"],
                notes=[
                    {"date": "2025-10-01", "text": text("TNOTE")},
                    {"date": "2025-10-02", "text": long_text},
                ],
            ),
            task("T-LONG", ids["agency"], title=long_text, source=long_text, due="2025-02-28"),
            task(
                "T-UNKNOWN", ids["unknown"], title="Task of an agency not listed", due="2025-09-30"
            ),
            task(ids["bad"], title=text("TBADTITLE"), progress=140),
            task("T-PLAIN", "BKHCN", title="A plain task", due="2026-06-30"),
        ],
        title=text("FTITLE"),
        agencies=[
            {
                "id": ids["agency"],
                "name": text("ANAMEVI"),
                "name_en": text("ANAMEEN"),
                "short": text("ASHORT"),
                "aliases": [text("AALIAS")],
                "kind": "locality",
            },
            {"id": "BKHCN", "name": "Bộ Khoa học và Công nghệ", "kind": "ministry"},
        ],
        indicators=[
            {
                "id": ids["indicator"],
                "name": text("INAMEVI"),
                "name_en": text("INAMEEN"),
                "unit": text("IUNIT"),
                "value": 2.0,
                "target": 3.0,
                "period": text("IPERIOD"),
                "history": [{"period": text("IHIST"), "value": 1.0}],
                "note": text("INOTE"),
            }
        ],
    )


def plain(tag: str) -> str:
    return f"{tag} plain text standing where the hostile text stands, about as long as it is"


# What "made visible" means, written independently of r57tui.safety: every control (C0, DEL,
# C1), format (bidi, zero-width, BOM) or line/paragraph separator character as <U+XXXX>.
def invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def visible(text: str) -> str:
    return "".join(f"<U+{ord(c):04X}>" if invisible(c) else c for c in text)


def raw_controls(text: str) -> list[str]:
    """The control/format characters in rendered text (a newline between lines is fine)."""
    return sorted({f"U+{ord(c):04X}" for c in text if c != "\n" and invisible(c)})


# 1. The real app in a pseudo-terminal ------------------------------------------------

COLUMNS, LINES = 120, 40

# The feed's own sequences as they would arrive if a field leaked: BEL, BS and CR are
# stripped by Rich's Text, so a leaked OSC arrives without its BEL. Each is followed by its
# marker word, which only the feed writes.
LEAKS = {
    "CSI 2J (clear screen)": b"\x1b[2JCSI2J-",
    "CSI 31m (colour)": b"\x1b[31mCSI31-",
    "CSI 6n (cursor report request)": b"\x1b[6nCSI6N-",
    "OSC 0 (window title)": b"\x1b]0;PWNED-TITLE-",
    "OSC 52 (clipboard write)": b"\x1b]52;c;UFdORUQ=",
    "BEL": b"\x07BEL-",
    "BS": b"\x08BS-",
    "CR": b"\rCR-",
    "NUL": b"\x00NUL-",
    "C1 CSI": "\x9b31mC1CSI-".encode(),
    "C1 OSC": "\x9d0;PWNED-C1-".encode(),
    "C1 NEL": "\x85NEL-".encode(),
    "RLO": "\u202eRLO-".encode(),
    "LRI": "\u2066LRI-".encode(),
    "ZWSP": "\u200bZWSP-".encode(),
    "WJ": "\u2060WJ-".encode(),
    "BOM": "\ufeffBOM-".encode(),
}
# Sequences that must not appear at all, wherever from; each is checked only if the clean
# run shows Textual does not write it itself (it did not, with Textual 8.2).
NEVER = {
    "OSC 0 (window title)": b"\x1b]0;",
    "OSC 2 (window title)": b"\x1b]2;",
    "OSC 52 (clipboard)": b"\x1b]52;",
    "CSI 2J (clear screen)": b"\x1b[2J",
    "CSI 6n (cursor report request)": b"\x1b[6n",
    "NUL": b"\x00",
    "BS": b"\x08",
}
# Characters that must not appear at all in the decoded output (C1, bidi, zero-width).
NEVER_CHARS = [chr(c) for c in range(0x80, 0xA0)] + [
    "\u202e",
    "\u2066",
    "\u200b",
    "\u2060",
    "\ufeff",
]


@dataclass
class Run:
    output: bytes = b""
    returncode: int | None = None
    timeouts: list[str] = field(default_factory=list)
    steps: list[tuple[int, str]] = field(default_factory=list)  # output offset, step

    def step_at(self, offset: int) -> str:
        """The step whose output holds `offset`."""
        return max(((at, what) for at, what in self.steps if at <= offset), default=(0, "start"))[1]


class Terminal:
    """A child process on a pseudo-terminal of COLUMNS x LINES; everything it writes is kept."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self._output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:  # EIO: the child's side is closed
                return
            if not data:
                return
            with self._lock:
                self._output.extend(data)

    @property
    def output(self) -> bytes:
        with self._lock:
            return bytes(self._output)

    def wait_for(self, text: bytes, since: int, timeout: float = 8.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.output[since:]:
                return True
            if self.process.poll() is not None:
                time.sleep(0.05)  # the last bytes
                return text in self.output[since:]
            time.sleep(0.02)
        return False

    def press(
        self, keys: bytes, what: str, expect: bytes | None, run: Run, pause: float = 0.15
    ) -> None:
        """Type `keys`; wait until the screen shows `expect` (or a moment, with None)."""
        if self.process.poll() is not None:
            run.timeouts.append(f"{what}: the app had already exited")
            return
        since = len(self.output)
        run.steps.append((since, what))
        os.write(self.master, keys)
        if expect is None:
            time.sleep(pause)
        elif not self.wait_for(expect, since):
            shown = re.sub(rb"\x1b\[[0-?]*[ -/]*[@-~]", b"", self.output[since:])
            run.timeouts.append(f"{what}: never showed {expect!r}; showed {shown[-300:]!r}")

    def finish(self, run: Run) -> Run:
        try:
            run.returncode = self.process.wait(timeout=8)
        except subprocess.TimeoutExpired:
            self.process.kill()
            run.returncode = self.process.wait()
            run.timeouts.append("q: the app did not exit")
        self._reader.join(timeout=5)
        os.close(self.master)
        run.output = self.output
        return run


def drive_the_app(feed: Path, home: Path) -> Run:
    """Open every screen that shows feed text, as a user would, then quit."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "LC_"))}
    env.pop("NO_COLOR", None)
    env.update(
        LANG="C.UTF-8",
        TERM="xterm-256color",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        COLUMNS=str(COLUMNS),
        LINES=str(LINES),
    )
    argv = [sys.executable, "-m", "r57tui", "--source", str(feed), "--refresh", "0"]
    terminal = Terminal([*argv, "--lang", "en"], env, home)
    run = Run()
    try:
        if not terminal.wait_for(b"All agencies:", 0, timeout=15):
            run.timeouts.append("start: the main screen never showed")
        main_screen = b"All agencies:"
        # Escape as the kitty keyboard protocol sends it (Textual asks for it): a lone ESC
        # byte is a key only after a pause, and a busy app reads it and the next key as one.
        escape = b"\x1b[27u"
        detail = b"Co-agencies"
        press = terminal.press
        time.sleep(0.5)  # the first paint is followed by a refit to the window's width
        press(b"\r", "enter: the first agency's tasks", b"showing", run)  # the hostile one
        press(b"\r", "enter: its first task", detail, run)  # the hostile one
        press(escape, "escape: back to the agency's tasks", b"showing", run)
        press(escape, "escape: back to the main screen", main_screen, run)
        press(b"a", "a: all tasks", b"All tasks:", run)
        press(b"\r", "enter: the first task", detail, run)
        press(escape, "escape: back to all tasks", b"showing", run)
        press(escape, "escape: back to the main screen", main_screen, run)
        press(b"f", "f: findings", b"data-quality findings", run)
        press(escape, "escape: back to the main screen", main_screen, run)
        # At 120 columns the indicators stand beside the agencies: Tab moves the focus.
        press(b"\t", "tab: the indicators panel", None, run, pause=0.3)
        press(b"\t", "tab: the agencies", None, run, pause=0.3)
        press(b"?", "?: help", b"Keys on this screen", run)
        press(escape, "escape: close help", main_screen, run)
        # ctrl+p: the palette lists every agency by name (after the system commands);
        # searching then lists the agency again, found by name.
        press(b"\x10", "ctrl+p: the command palette", b"Search for commands", run)
        time.sleep(0.5)
        press(b"ANAMEEN", "typing an agency's name in the palette", b"Go to ", run)
        press(escape, "escape: close the palette", None, run, pause=0.3)
        press(escape, "escape", None, run, pause=0.3)
        press(b"q", "q: quit", None, run, pause=0)
    finally:
        run = terminal.finish(run)
    return run


FIELDS = {
    "FTITLE": "feed title",
    "ANAMEVI": "agency name",
    "ANAMEEN": "agency name_en",
    "ASHORT": "agency short",
    "AALIAS": "agency aliases",
    "AID": "agency id",
    "UNKAG": "agency id named by a task only",
    "TID": "task id",
    "BADID": "id of a set-aside task",
    "TTITLE": "task title",
    "TBADTITLE": "title of a set-aside task",
    "TSOURCE": "task source",
    "TGROUP": "task group",
    "TNOTE": "task note text",
    "LONG": "20 kB task title, source and note",
    "IID": "indicator id",
    "INAMEVI": "indicator name",
    "INAMEEN": "indicator name_en",
    "IUNIT": "indicator unit",
    "IPERIOD": "indicator period",
    "IHIST": "indicator history period",
    "INOTE": "indicator note",
}


def leaks_in(run: Run, clean: bytes) -> list[str]:
    """Every feed sequence in the bytes written to the terminal: what, how often, from
    which field, after which step, and the first one in context."""
    output = run.output
    found, first = [], None
    for name, sequence in LEAKS.items():
        if sequence not in output:
            continue
        pattern = re.escape(sequence) + rb"(?:OSC52-)?([A-Z0-9]+)"
        tags = sorted({m.group(1).decode() for m in re.finditer(pattern, output)})
        fields = [f"{tag} ({FIELDS.get(tag, '?')})" for tag in tags]
        at = output.find(sequence)
        found.append(
            f"{name} x{output.count(sequence)} from {', '.join(fields)}, "
            f"first after the step '{run.step_at(at)}'"
        )
        first = at if first is None else min(first, at)
    for name, sequence in NEVER.items():
        if sequence in output and sequence not in clean:  # (Textual's own are not a leak)
            found.append(f"{name} written at all x{output.count(sequence)}")
    text = output.decode("utf-8", errors="replace")
    raw = [f"U+{ord(c):04X} x{text.count(c)}" for c in NEVER_CHARS if c in text]
    if raw:
        found.append(f"raw characters: {', '.join(raw)}")
    if first is not None:
        found.append(f"first leak in context: {output[max(first - 60, 0) : first + 120]!r}")
    return found


@pytest.fixture(scope="module")
def terminal_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Run]:
    """The hostile feed and its clean twin, each driven through every screen, side by side."""
    folder = tmp_path_factory.mktemp("pty")
    feeds = []
    for name, document in (
        ("hostile", hostile_document()),
        ("clean", hostile_document(plain, "LONG20K " + "long text " * 2000)),
    ):
        (folder / name).mkdir()
        path = folder / name / "feed.json"
        path.write_bytes(to_bytes(document))
        feeds.append((path, folder / name))
    with ThreadPoolExecutor(2) as pool:
        hostile_run, clean_run = pool.map(lambda args: drive_the_app(*args), feeds)
    return hostile_run, clean_run


def test_pty_the_clean_twin_runs_through_every_screen(terminal_runs) -> None:
    """The control: the same keys on a clean feed reach every screen and exit cleanly."""
    _, clean = terminal_runs
    assert clean.timeouts == []
    assert clean.returncode == 0
    assert b"Traceback" not in clean.output
    for name, sequence in LEAKS.items():
        assert sequence not in clean.output, name


def test_pty_no_feed_sequence_reaches_the_terminal(terminal_runs) -> None:
    hostile_run, clean = terminal_runs
    leaks = leaks_in(hostile_run, clean.output)
    assert leaks == [], "feed text reached the terminal raw:\n" + "\n".join(leaks)


def test_pty_the_app_survives_the_hostile_feed_and_exits_0(terminal_runs) -> None:
    hostile_run, _ = terminal_runs
    crash = hostile_run.output.find(b"Traceback")
    if crash != -1:
        # Textual prints the traceback after leaving the alternate screen; its last line
        # is the exception.
        after = re.sub(rb"\x1b\[[0-?]*[ -/]*[@-~]", b"", hostile_run.output[crash:])
        errors = re.findall(rb"^(\w+(?:Error|Exception|Failed): .*)$", after, re.MULTILINE)
        steps = [step.split(";")[0] for step in hostile_run.timeouts]
        code = hostile_run.returncode
        pytest.fail(
            f"the app crashed: {errors[-1].decode(errors='replace') if errors else '?'}; "
            f"after the step '{hostile_run.step_at(crash)}'; steps not answered: {steps}; "
            f"exit code {code}{' although it crashed' if code == 0 else ''}",
            pytrace=False,
        )
    assert hostile_run.timeouts == []
    assert hostile_run.returncode == 0


def test_pty_feed_text_is_shown_literally_with_controls_visible(terminal_runs) -> None:
    hostile_run, _ = terminal_runs
    output = hostile_run.output
    # Markup as text, in the status line, the agency table, the task list and the detail.
    for tag in ("FTITLE", "ANAMEEN", "TTITLE", "TSOURCE", "TGROUP", "TNOTE", "INAMEEN"):
        assert f"[bold red]X-{tag}[/]".encode() in output, tag
    assert b"FTITLE [bold red]X-FTITLE[/] [link=file:///etc/passwd]y-FTITLE" in output
    # Every kind of control, in the task's detail, made visible (the sequence stays
    # readable). The detail folds long values: each form is looked for in four fields, whose
    # different tag lengths put the folds at different places.
    for form in (
        "<U+001B>[2JCSI2J-{tag}",
        "<U+001B>[6nCSI6N-{tag}",
        "<U+001B>]0;PWNED-TITLE-{tag}<U+0007>",
        "<U+001B>]52;c;UFdORUQ=<U+0007>OSC52-{tag}",
        "<U+0007>BEL-{tag}",
        "<U+0008>BS-{tag}",
        "<U+000D>CR-{tag}",
        "<U+0000>NUL-{tag}",
        "<U+009B>31mC1CSI-{tag}",
        "<U+009D>0;PWNED-C1-{tag}<U+009C>",
        "<U+0085>NEL-{tag}",
        "<U+202E>RLO-{tag}",
        "<U+2066>LRI-{tag}",
        "<U+200B>ZWSP-{tag}",
        "<U+2060>WJ-{tag}",
        "<U+FEFF>BOM-{tag}",
    ):
        shown = [form.format(tag=tag) for tag in ("TTITLE", "TSOURCE", "TGROUP", "TNOTE")]
        assert any(text.encode() in output for text in shown), shown[0]
    assert b"LONG20K long text <U+001B>" in output  # the 20 kB title, cut in the task list


# 2. Screen by screen, with Pilot -----------------------------------------------------


def screen_text(app: Any) -> str:
    """The screen as drawn (Textual's own SVG), back to plain text."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def check_screen(app: Any, problems: list[str], where: str) -> str:
    svg = app.export_screenshot()
    if raw_controls(svg):
        problems.append(f"{where}: the drawn screen holds raw {raw_controls(svg)}")
    return screen_text(app)


def check_text(value: object, expected: str, problems: list[str], where: str) -> None:
    """A cell or line shows `expected` exactly (a prefix of it when cut with …), unstyled."""
    if not isinstance(value, Text):
        problems.append(f"{where}: a {type(value).__name__}, not a Text: {value!r:.120}")
        return
    shown = value.plain
    if raw_controls(shown):
        problems.append(f"{where}: raw {raw_controls(shown)} in {shown!r:.160}")
    cut = shown[:-1] if shown.endswith("…") else shown
    if not expected.startswith(cut) or not cut:
        problems.append(f"{where}: shows {shown!r:.160}, expected {expected!r:.160}")
    if any("red" in str(span.style) or "link" in str(span.style) for span in value.spans):
        problems.append(f"{where}: markup was applied: {value.spans!r:.160}")


LANGUAGES = ("en", "vi")


def name_tag(language: str) -> str:
    return "ANAMEEN" if language == "en" else "ANAMEVI"


async def hostile_app(pilot: Any, app: Any) -> None:
    await settle(app, pilot)  # the demo feed first, as on a refresh
    app.apply_update(feed_update(hostile_document()))
    await pilot.pause()


@pytest.mark.parametrize("language", LANGUAGES)
async def test_main_screen_shows_feed_text_literally(language: str) -> None:
    app = demo_app(language=language)
    problems: list[str] = []
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        await hostile_app(pilot, app)
        assert isinstance(app.screen, MainScreen)
        status = text_of(app, "#status")
        # The feed's title, cut to the room the facts leave (less in Vietnamese).
        title = Text(status.split(" · ")[0])
        check_text(title, visible(hostile("FTITLE")), problems, "status line, title")
        if raw_controls(status) or not title.plain.startswith("FTITLE [bold r"):
            problems.append(f"status line: {status!r:.200}")
        headline = text_of(app, "#headline")
        if raw_controls(headline):
            problems.append(f"headline: raw {raw_controls(headline)}")
        agencies = app.screen.query_one(AgencyTable)
        assert agencies.keys[0] == AGENCY_ID
        name = hostile(name_tag(language))
        check_text(agencies.get_row(AGENCY_ID)[0], visible(name), problems, "agency table")
        check_text(
            agencies.get_row(UNKNOWN_AGENCY_ID)[0],
            visible(UNKNOWN_AGENCY_ID),
            problems,
            "agency table, created agency",
        )
        plain = indicator_text(app)
        indicator = "INAMEEN" if language == "en" else "INAMEVI"
        # The name wraps by words at the panel's width: its lines, joined again.
        rows = plain.split("\n")
        figures = next(i for i, row in enumerate(rows) if "IUNIT" in row)
        first = " ".join(row.strip() for row in rows[:figures])
        second = " ".join(row.strip() for row in rows[figures:])
        if raw_controls(plain):
            problems.append(f"indicators: raw {raw_controls(plain)}")
        if f"{indicator} [bold red]X-{indicator}[/]" not in first:
            problems.append(f"indicator name: {first!r:.160}")
        if "IUNIT [bold red]" not in second or "IPERIOD" not in second:
            problems.append(f"indicator unit and period: {second!r:.160}")
        shown = check_screen(app, problems, "main screen")
        # The name column is narrow beside the indicators: the start of the name, cut.
        assert f"{name_tag(language)} [" in shown
        assert title.plain in shown
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_agency_task_list_shows_feed_text_literally(language: str) -> None:
    """Enter on the hostile agency: its name heads the list (the headline's label)."""
    app = demo_app(language=language)
    problems: list[str] = []
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        await hostile_app(pilot, app)
        await pilot.press("enter")
        assert isinstance(app.screen, TasksScreen)
        tasks = app.screen.query_one(TaskTable)
        assert tasks.keys[0] == TASK_ID
        row = tasks.get_row(TASK_ID)
        check_text(row[0], visible(TASK_ID), problems, "task list, id")
        check_text(row[1], visible(hostile("TTITLE")), problems, "task list, title")
        # One agency's list shows the latest note before the source (it gives way first).
        shown = [column.key for column in tasks.columns]
        last = "source" if "source" in shown else "note"
        # Its latest note is the 20 kB one (the hostile note is the earlier).
        expected = visible(hostile("TSOURCE")) if last == "source" else visible(LONG)
        check_text(row[shown.index(last)], expected, problems, f"task list, {last}")
        check_text(tasks.get_row("T-LONG")[1], visible(LONG), problems, "task list, 20 kB title")
        headline = text_of(app, "#headline")
        name = hostile(name_tag(language))
        if raw_controls(headline):
            problems.append(
                f"headline of the agency's task list: raw {raw_controls(headline)} "
                f"in {headline.splitlines()[0]!r:.200}"
            )
        # The headline cuts a label to 60 characters (a 20 kB name must not fill it).
        shown = visible(name) if len(visible(name)) <= 60 else visible(name)[:59] + "…"
        if shown not in headline:
            problems.append("headline: the agency's name is not shown with controls visible")
        if f"[bold red]X-{name_tag(language)}[/]" not in headline:
            problems.append("headline: the markup in the agency's name is not literal")
        check_screen(app, problems, "agency task list")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_all_tasks_and_task_detail_show_every_field_literally(language: str) -> None:
    app = demo_app(language=language)
    problems: list[str] = []
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        await hostile_app(pilot, app)
        await pilot.press("a")
        assert isinstance(app.screen, TasksScreen)
        tasks = app.screen.query_one(TaskTable)
        assert tasks.keys[0] == TASK_ID
        row = tasks.get_row(TASK_ID)
        check_text(row[1], visible(hostile("TTITLE")), problems, "all tasks, title")
        name = hostile(name_tag(language))
        # An English screen shows a non-ASCII short form as initials, none past a few.
        also = short_form(name, hostile("ASHORT"), language)
        # The columns shown depend on the width (the least important make way).
        agency = [column.key for column in tasks.columns].index("agency")
        check_text(row[agency], visible(name), problems, "all tasks, lead agency")
        check_text(
            tasks.get_row("T-UNKNOWN")[agency],
            visible(UNKNOWN_AGENCY_ID),
            problems,
            "all tasks, created agency",
        )
        check_screen(app, problems, "all tasks")
        await pilot.press("enter")
        assert isinstance(app.screen, TaskScreen)
        detail = app.screen.query_one("#detail", Static).content
        assert isinstance(detail, Table)
        labels = [cell.plain for cell in detail.columns[0].cells]
        values = dict(zip(labels, detail.columns[1].cells, strict=True))

        def field(label: str) -> Text:
            return values[tr(label, language)]

        for label, expected in (
            ("Id", visible(TASK_ID)),
            ("Title", visible(hostile("TTITLE"))),
            # The name and the short form the tables use (the feed's id is a code).
            (
                "Lead agency",
                visible(name) if also == name else f"{visible(name)} ({visible(also)})",
            ),
            ("Source", visible(hostile("TSOURCE"))),
            ("Group", visible(hostile("TGROUP"))),
        ):
            check_text(field(label), expected, problems, f"task detail, {label}")
            if field(label).plain != expected:
                problems.append(f"task detail, {label}: not shown in full")
        notes = field("Notes").plain
        if raw_controls(notes):
            problems.append(f"task detail, notes: raw {raw_controls(notes)}")
        for expected in (visible(hostile("TNOTE")), visible(LONG)):
            if expected not in notes:
                problems.append(f"task detail, notes: {expected[:60]!r}… not shown in full")
        shown = check_screen(app, problems, "task detail")
        assert "TTITLE [bold red]X-TTITLE[/] [link=file:///etc/passwd]y-TTITLE[/link]" in shown
        assert "<U+001B>[2JCSI2J-TTITLE" in shown
    assert problems == [], "\n".join(problems)


async def test_findings_show_ids_literally() -> None:
    app = demo_app()
    problems: list[str] = []
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        await hostile_app(pilot, app)
        await pilot.press("f")
        assert isinstance(app.screen, FindingsScreen)
        table = app.screen.query_one(FindingsTable)
        rows = [table.get_row(key) for key in table.keys]
        assert rows
        for row in rows:
            for cell in row:
                if isinstance(cell, Text) and raw_controls(cell.plain):
                    problems.append(
                        f"findings: raw {raw_controls(cell.plain)} in {cell.plain!r:.120}"
                    )
        by_id = {row[2].plain: row for row in rows if isinstance(row[2], Text)}
        # The set-aside task: its id, cut to the column, controls visible.
        [bad] = [row for key, row in by_id.items() if key.startswith("BADID")]
        check_text(bad[2], visible(BAD_TASK_ID), problems, "findings, id of a set-aside task")
        # The agency created for an unknown id: named in the message (as a Python repr).
        message = by_id["T-UNKNOWN"][3].plain
        if "UNKAG [b]X-UNKAG[/b]" not in message:
            problems.append(f"findings: the unknown agency's id is not literal: {message!r}")
        check_screen(app, problems, "findings")
    assert problems == [], "\n".join(problems)


PALETTE_NAMES = {
    "rich-markup": "[bold red]X-PAL[/] Ministry",
    "link-markup": "[link=file:///etc/passwd]y-PAL[/link] Province",
    "unbalanced-markup": "[/] closes nothing",
    "escape-sequence": "\x1b]0;PWNED-TITLE-PAL\x07 \x9b31m \u202eRLO Agency",
}


@pytest.mark.parametrize("name", PALETTE_NAMES.values(), ids=PALETTE_NAMES.keys())
async def test_command_palette_lists_agency_names_literally(name: str) -> None:
    """ctrl+p lists `Go to agency: <name>` for every agency: the name stays text."""
    doc = feed_dict(
        [task("T1", "HOSTILE", due="2025-01-31")],
        agencies=[{"id": "HOSTILE", "name": name, "name_en": name, "kind": "ministry"}],
    )
    app = demo_app()
    prompts: list[str] = []
    try:
        async with app.run_test(size=(COLUMNS, LINES)) as pilot:
            await settle(app, pilot)
            app.apply_update(feed_update(doc))
            await pilot.pause()
            await pilot.press("ctrl+p")
            for _ in range(50):  # the palette gathers its commands in a worker
                await pilot.pause(0.1)
                assert isinstance(app.screen, CommandPalette)
                options = app.screen.query_one(OptionList).options
                prompts = [str(getattr(o.prompt, "plain", o.prompt)) for o in options]
                if any("Go to agency" in prompt for prompt in prompts) or not app.is_running:
                    break
            svg = app.export_screenshot()
    except Exception as exc:  # the crash is what this test reports
        pytest.fail(
            f"the command palette crashed on the agency name {name!r}: {exc}", pytrace=False
        )
    listed = [p.removeprefix("Go to agency: ") for p in prompts if "Go to agency" in p]
    assert listed, prompts
    # The name as text, controls visible (cut to the palette's 60 characters).
    assert any(visible(name).startswith(p.removesuffix("…")) for p in listed), (
        f"the palette shows the agency name {name!r} as {listed!r}: read as markup"
    )
    assert raw_controls(svg) == []


# 3. Exports: never a formula -----------------------------------------------------------

FORMULA_PAYLOADS = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A number column's negative value, and a change's sign (+6), are numbers, not text.
NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")


def formula_document() -> tuple[dict[str, Any], dict[tuple[str, str], set[str]]]:
    """A feed with every text field starting with every payload, and, per (table, column),
    the feed values that column must show (by English header; `tr` gives the Vietnamese)."""
    agencies, tasks, indicators = [], [], []
    want: dict[tuple[str, str], set[str]] = {}

    def put(table: str, column: str, value: str) -> str:
        want.setdefault((table, column), set()).add(value)
        return value

    n = len(FORMULA_PAYLOADS)
    for i, p in enumerate(FORMULA_PAYLOADS):
        agency_id = f"{p}A{i}"
        agencies.append(
            {
                "id": agency_id,
                "name": f"{p}N{i}",
                "name_en": f"{p}E{i}",
                "short": f"{p}S{i}",
                "aliases": [f"{p}L{i}"],
                "kind": "locality",
            }
        )
        tasks.append(
            task(
                f"{p}T{i}",
                agency_id,
                title=p,
                source=f"{p}S{i}",
                group=f"{p}G{i}",
                due="2025-01-31",
                co_agencies=[f"{FORMULA_PAYLOADS[(i + 1) % n]}A{(i + 1) % n}"],
                notes=[{"date": "2025-10-01", "text": p}],
            )
        )
        tasks.append(task(f"{p}U{i}", f"{p}X{i}", title=f"{p}unknown agency {i}"))
        tasks.append(task(f"{p}B{i}", agency_id, title=f"{p}bad {i}", progress=140))
        # Due five days after as-of, no progress reported: at risk, in the at-risk table.
        tasks.append(task(f"{p}R{i}", agency_id, title=f"{p}R{i}", due="2025-10-20"))
        indicators.append(
            {
                "id": f"{p}I{i}",
                "name": f"{p}",
                "name_en": f"{p}M{i}",
                "unit": f"{p}U{i}",
                "value": 2.0,
                "target": 3.0,
                "period": f"{p}P{i}",
                "history": [{"period": f"{p}H{i}", "value": 1.0}],
                "note": f"{p}O{i}",
            }
        )
    document = feed_dict(
        tasks, agencies=agencies, indicators=indicators, title='=HYPERLINK("http://x","y")'
    )
    for i, p in enumerate(FORMULA_PAYLOADS):
        nxt = (i + 1) % n
        for language in LANGUAGES:
            agency_name = f"{p}E{i}" if language == "en" else f"{p}N{i}"
            co_name = (
                f"{FORMULA_PAYLOADS[nxt]}E{nxt}"
                if language == "en"
                else f"{FORMULA_PAYLOADS[nxt]}N{nxt}"
            )
            indicator = f"{p}M{i}" if language == "en" else p
            put(language, "agencies/Agency", agency_name)
            put(language, "tasks/Lead agency", agency_name)
            put(language, "tasks/Co-agencies", co_name)
            put(language, "indicators/Indicator", indicator)
            for table, column, value in (
                ("agencies", "Id", f"{p}A{i}"),
                ("agencies", "Id", f"{p}X{i}"),  # created for the unknown agency
                ("agencies", "Agency", f"{p}X{i}"),
                ("tasks", "Id", f"{p}T{i}"),
                ("tasks", "Id", f"{p}U{i}"),
                ("tasks", "Title", p),
                ("tasks", "Lead agency id", f"{p}A{i}"),
                ("tasks", "Lead agency id", f"{p}X{i}"),
                ("tasks", "Lead agency", f"{p}X{i}"),
                ("tasks", "Source", f"{p}S{i}"),
                ("tasks", "Group", f"{p}G{i}"),
                ("indicators", "Id", f"{p}I{i}"),
                ("indicators", "Unit", f"{p}U{i}"),
                ("indicators", "Period", f"{p}P{i}"),
                ("indicators", "Previous period", f"{p}H{i}"),
                ("findings", "Id", f"{p}B{i}"),
                ("at_risk", "Id", f"{p}R{i}"),
                ("at_risk", "Title", f"{p}R{i}"),
                ("at_risk", "Lead agency id", f"{p}A{i}"),
            ):
                put(language, f"{table}/{column}", value)
    return document, want


def in_spreadsheet(value: str, *, csv_cell: bool) -> str:
    """What a cell holds for a feed value: controls visible; in CSV a formula start gets '."""
    shown = visible(value)
    return "'" + shown if csv_cell and shown.startswith(FORMULA_STARTS) else shown


def run_export(tmp_path: Path, fmt: str, language: str, *flags: str) -> list[Path]:
    document, _ = formula_document()
    feed = tmp_path / "=1+1.json"  # the source label is a column of every CSV row
    feed.write_bytes(to_bytes(document))
    out = tmp_path / "out"
    argv = ["--source", str(feed), "--lang", language, "export", "--format", fmt]
    assert main([*argv, "--out", str(out), *flags]) == 0
    return sorted(out.iterdir())


def wanted(language: str) -> dict[tuple[str, str], set[str]]:
    """(table, header as exported) -> feed values that column must hold."""
    _, want = formula_document()
    result: dict[tuple[str, str], set[str]] = {}
    for (lang, key), values in want.items():
        if lang != language:
            continue
        table, column = key.split("/")
        result.setdefault((table, tr(column, language)), set()).update(values)
    return result


def table_of(path: Path) -> str:
    return next(
        name
        for name in ("agencies", "tasks", "at_risk", "indicators", "findings")
        if f"r57-{name.replace('_', '-')}-" in path.name
    )


def columns_of(rows: list[list[Any]], header_row: int = 0) -> dict[str, list[Any]]:
    header = rows[header_row]
    return {str(h): [row[i] for row in rows[header_row + 1 :]] for i, h in enumerate(header)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_csv_export_never_starts_a_formula_in_any_column(
    tmp_path: Path, language: str, capsys
) -> None:
    paths = run_export(tmp_path, "csv", language)
    capsys.readouterr()
    assert {table_of(p) for p in paths} == {
        "agencies",
        "tasks",
        "at_risk",
        "indicators",
        "findings",
    }
    problems = []
    seen: set[tuple[str, str]] = set()
    want = wanted(language)
    for path in paths:
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
        table = table_of(path)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if cell.startswith(FORMULA_STARTS) and not NUMBER.match(cell):
                    problems.append(f"{path.name} row {r} column {rows[0][c]!r}: {cell!r}")
                if raw_controls(cell):
                    problems.append(
                        f"{path.name} row {r} column {rows[0][c]!r}: raw {raw_controls(cell)}"
                    )
        for header, cells in columns_of(rows).items():
            expected = want.get((table, header))
            if expected is None:
                continue
            seen.add((table, header))
            missing = {in_spreadsheet(v, csv_cell=True) for v in expected} - set(cells)
            if missing:
                problems.append(f"{table}/{header}: missing {sorted(missing)!r}")
        source = columns_of(rows)[tr("Feed source", language)]
        if set(source) != {"'=1+1.json"}:
            problems.append(f"{table}: feed source column {set(source)!r}")
    assert set(want) <= seen, f"columns not exported: {set(want) - seen}"
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_xlsx_export_never_holds_a_formula_in_any_cell(
    tmp_path: Path, language: str, capsys
) -> None:
    """XLSX text cells are strings (never evaluated; not prefixed, by design: README, cells.py),
    with controls visible, so none starts with a tab or CR; no cell anywhere is a formula."""
    [path] = run_export(tmp_path, "xlsx", language)
    capsys.readouterr()
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/") and member.endswith(".xml"):
                xml = archive.read(member)
                assert b"<f>" not in xml, member
                assert b"<f " not in xml, member
    book = openpyxl.load_workbook(path)
    # Sheets are named in the interface language; the charts of the agencies come last.
    tables = ("agencies", "tasks", "at_risk", "indicators", "findings")
    table_of_sheet = {tr(SHEET_TITLES[name], language): name for name in tables}
    assert book.sheetnames == [*table_of_sheet, tr("Charts", language)]
    problems = []
    seen: set[tuple[str, str]] = set()
    want = wanted(language)
    for sheet in book.worksheets:
        cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
        for cell in cells:
            if cell.data_type == "f":
                problems.append(f"{sheet.title}!{cell.coordinate}: a formula {cell.value!r}")
            if isinstance(cell.value, str):
                if cell.data_type != "s":
                    problems.append(f"{sheet.title}!{cell.coordinate}: type {cell.data_type}")
                if cell.value.startswith(("\t", "\r")) or raw_controls(cell.value):
                    problems.append(f"{sheet.title}!{cell.coordinate}: raw control {cell.value!r}")
        if sheet["A1"].value != '=HYPERLINK("http://x","y")' or sheet["A1"].data_type != "s":
            problems.append(f"{sheet.title}!A1: the feed title {sheet['A1'].value!r}")
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        for header, column in columns_of(rows, header_row=6).items():
            expected = want.get((table_of_sheet.get(sheet.title, ""), header))
            if expected is None:
                continue
            seen.add((table_of_sheet[sheet.title], header))
            missing = {in_spreadsheet(v, csv_cell=False) for v in expected} - set(column)
            if missing:
                problems.append(f"{sheet.title}/{header}: missing {sorted(missing)!r}")
    assert set(want) <= seen, f"columns not exported: {set(want) - seen}"
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_xlsx_title_of_one_agency_s_tasks_is_a_string(
    tmp_path: Path, language: str, capsys
) -> None:
    """One agency's tasks: the sheet's title line starts with the agency's name."""
    [path] = run_export(tmp_path, "xlsx", language, "--table", "tasks", "--agency", "=A0")
    capsys.readouterr()
    sheet = openpyxl.load_workbook(path)[tr("Tasks", language)]
    title = sheet["A5"]
    assert title.data_type == "s"
    assert title.value.startswith("=E0 — " if language == "en" else "=N0 — "), title.value
    # After the STT: the overdue task, then the one at risk.
    assert [row[1].value for row in sheet.iter_rows(min_row=8)] == ["=T0", "=R0"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
