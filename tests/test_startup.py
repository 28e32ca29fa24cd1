"""The dashboard's start (issue 25, the first frame): the garbage collector paused from
before the first import until the first answer is on screen (startup.py), and nothing
imported before it is needed."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

from r57tui import startup
from r57tui.cli import main
from tests.pilot import demo_app


@pytest.fixture
def collector() -> Iterator[None]:
    """The collector as a test found it: on, nothing frozen, the start not paused."""
    assert gc.isenabled()
    try:
        yield
    finally:
        startup.settle()  # a pause a failed test left on
        gc.unfreeze()
        gc.enable()


class _Cycle:
    """Garbage only the cyclic collector frees."""

    def __init__(self) -> None:
        self.me = self


def test_the_start_pauses_the_collector_and_settling_collects_once_and_freezes(
    collector: None,
) -> None:
    with startup.collector_paused():
        assert not gc.isenabled()
        assert startup.paused()
        garbage = _Cycle()
        freed = weakref.ref(garbage)
        del garbage
        frozen = gc.get_freeze_count()
        startup.settle()
        # The start's garbage freed, what lives frozen, the collector on: and once only.
        assert freed() is None
        assert gc.get_freeze_count() > frozen
        assert gc.isenabled()
        assert not startup.paused()
        gc.unfreeze()
        startup.settle()
        assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_a_start_that_never_settles_turns_the_collector_on_again(collector: None) -> None:
    with pytest.raises(RuntimeError), startup.collector_paused():
        raise RuntimeError("the dashboard ended before its first answer")
    assert gc.isenabled()
    assert not startup.paused()
    with startup.collector_paused(pause=False):  # a headless command: not paused
        assert gc.isenabled()
        assert not startup.paused()


def test_a_collector_already_off_is_left_as_it_was(collector: None) -> None:
    gc.disable()
    with startup.collector_paused():
        assert not startup.paused()  # not ours: settling must not turn it on
        startup.settle()
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_dashboard_reads_its_config_with_the_collector_paused_the_commands_do_not(
    collector: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import r57tui.config

    seen: list[tuple[bool, bool]] = []
    real = r57tui.config.load_settings

    def load_settings(*args: Any, **kwargs: Any) -> Any:
        seen.append((gc.isenabled(), startup.paused()))
        return real(*args, **kwargs)

    monkeypatch.setattr(r57tui.config, "load_settings", load_settings)
    # No terminal (as under pytest, even run with -s): the dashboard stops there, after
    # its config, and returns 2.
    monkeypatch.setattr("r57tui.terminal._is_terminal", lambda stream: False)
    assert main(["--refresh", "0", "--lang", "en"]) == 2
    assert seen == [(False, True)]
    assert gc.isenabled()
    assert not startup.paused()
    seen.clear()
    main(["--lang", "en", "history", "--history", "/nonexistent/history.sqlite3"])
    assert seen == [(True, False)]


async def test_the_dashboard_settles_once_its_first_figures_are_shown(collector: None) -> None:
    with startup.collector_paused():
        app = demo_app()
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(400):  # until the figures are drawn and the start settled
                if app.snapshot is not None and not startup.paused():
                    break
                await pilot.pause(0.02)
            assert app.snapshot is not None
            assert not startup.paused()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0


def test_the_command_line_imports_no_config_interface_or_event_loop_before_its_command() -> None:
    # `r57tui` with no command starts the dashboard: pydantic (the config), Textual and
    # asyncio must come after the collector is paused, and --help needs none of them.
    heavy = ["pydantic", "textual", "rich", "asyncio", "httpx", "r57tui.config", "r57tui.feed"]
    program = (
        "import sys, r57tui.cli\n"
        f"loaded = [name for name in {heavy!r} if name in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr


def test_the_dashboard_is_made_without_importing_the_screens_it_does_not_draw_first() -> None:
    # Its keys are checked and its read-only policy made (each once gathered every
    # screen's bindings), yet only the main screen is imported: the others, their
    # pickers and the export writers come when they are opened.
    later = [
        "r57tui.ui.tasks_screen",
        "r57tui.ui.task_screen",
        "r57tui.ui.changes_screen",
        "r57tui.ui.chart_screen",
        "r57tui.ui.indicator_screen",
        "r57tui.ui.trends_screen",
        "r57tui.ui.present_screen",
        "r57tui.ui.help_screen",
        "r57tui.ui.findings_screen",
        "r57tui.ui.baseline_picker",
        "r57tui.ui.source_picker",
        "r57tui.ui.export_dialog",
        "r57tui.export.formats",
        "r57tui.export.tables",
        "r57tui.export.report_model",
    ]
    program = (
        "import sys\n"
        "from r57tui.commands.sources import open_source\n"
        "from r57tui.config import Settings\n"
        "from r57tui.ui.app import dashboard_app\n"
        "app = dashboard_app(Settings(language='en'), open_source(None))\n"
        "assert not app.read_only and app.policy.allows('export')\n"
        f"loaded = [name for name in {later!r} if name in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
