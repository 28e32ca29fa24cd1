"""The fault matrix for the screen: a terminal squeezed to 40×12 and back on every screen,
and keys pressed as fast as they come while refreshes are under way. Nothing crashes, no
figure goes wrong, and the cursor stays on the row it was on."""

from __future__ import annotations

import re
import threading
import time

from r57tui.commands.sources import open_source
from r57tui.config import Settings
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.app import R57App
from r57tui.ui.export_dialog import ExportDialog
from r57tui.ui.findings_screen import FindingsScreen
from r57tui.ui.help_screen import HelpScreen
from r57tui.ui.task_screen import TaskScreen
from r57tui.ui.task_table import TaskTable
from r57tui.ui.tasks_screen import TasksScreen
from tests.builders import feed_dict, task, to_bytes
from tests.httpserver import Handler, ScriptedServer
from tests.pilot import demo_app, settle, text_of

# The two sizes below any a screen is laid out for, and back: 80×24 itself is walked
# screen by screen in test_ui_chrome.py.
SIZES = [(40, 12), (20, 6), (120, 40)]


async def _squeeze(app: R57App, pilot) -> None:
    """Through the small sizes and back to 120×40, pressing moves at each size."""
    for width, height in SIZES:
        await pilot.resize_terminal(width, height)
        await pilot.pause()
        await pilot.press("up", "down")
        await pilot.pause()


async def test_every_screen_survives_40x12_and_comes_back_with_its_cursor() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        headline = text_of(app, "#headline")
        agencies = app.screen.query_one(AgencyTable)
        agencies.move_to_key("DIEN-BIEN")
        await _squeeze(app, pilot)
        assert agencies.current_key() == "DIEN-BIEN"
        assert text_of(app, "#headline") == headline
        await pilot.press("tab")  # the indicators panel, narrow layout and wide
        await _squeeze(app, pilot)
        await pilot.press("tab")
        await pilot.press("enter")
        assert isinstance(app.screen, TasksScreen)
        tasks = app.screen.query_one(TaskTable)
        tasks.move_to_key(tasks.keys[len(tasks.keys) // 2])
        last = tasks.current_key()
        await _squeeze(app, pilot)
        assert tasks.current_key() == last
        await pilot.press("enter")
        assert isinstance(app.screen, TaskScreen)
        await _squeeze(app, pilot)
        await pilot.press("escape")
        assert tasks.current_key() == last
        await pilot.press("escape", "f")
        assert isinstance(app.screen, FindingsScreen)
        await _squeeze(app, pilot)
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await _squeeze(app, pilot)
        await pilot.press("escape", "E")
        assert isinstance(app.screen, ExportDialog)
        await _squeeze(app, pilot)
        await pilot.press("escape")
        assert agencies.current_key() == "DIEN-BIEN"
        assert text_of(app, "#headline") == headline
        assert app.return_code is None  # still running: nothing raised


def _feed(step: int) -> bytes:
    """A feed that moves with `step`: T1..T60 over two agencies, a few more done each step."""
    tasks = [
        task(
            f"T{n}",
            "LAI-CHAU" if n % 2 else "BKHCN",
            due="2025-09-30" if n % 3 else "2025-12-31",
            completed="2025-09-01" if n <= step * 5 else None,
        )
        for n in range(1, 61)
    ]
    return to_bytes(feed_dict(tasks))


async def test_keys_pressed_fast_during_refreshes_lose_nothing() -> None:
    """The server is slow (0.2 s) and its feed changes at every request; refresh runs every
    0.1 s while keys arrive without pause. The cursor is always on a row, stays on its task
    however the rows reorder, and the figures are those of the last feed served."""
    lock = threading.Lock()
    served: list[int] = []

    def respond(h: Handler) -> None:
        with lock:
            step = len(served) % 12
            served.append(step)
        time.sleep(0.2)
        h.send(200, _feed(step))

    with ScriptedServer(respond) as server:
        settings = Settings(language="en", refresh=0.1, source=server.url())
        app = R57App(settings, open_source(server.url(), settings))
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            agencies = app.screen.query_one(AgencyTable)
            agencies.move_to_key("LAI-CHAU")
            await pilot.press("enter")
            tasks = app.screen.query_one(TaskTable)
            # Keys as fast as they come, moves included, while rows change and reorder.
            for _ in range(3):
                await pilot.press("down", "down", "up", "s", "r", "enter", "escape")
                await pilot.press("question_mark", "escape", "r", "pagedown", "end", "home")
                assert tasks.current_key() is not None
            # Keys that do not move the cursor, while refreshes keep reordering the rows.
            tasks.move_to_key("T31")
            polls = len(served)
            for _ in range(3):
                await pilot.press("s", "r", "enter", "escape", "question_mark", "escape", "r")
            for _ in range(100):
                if len(served) >= polls + 3:
                    break
                await pilot.pause(0.05)
            assert tasks.current_key() == "T31"
            await pilot.press("p")  # pause, and let the last refresh land
            for _ in range(100):
                await pilot.pause(0.05)
                if not app.live.polling:
                    break
            await settle(app, pilot)
            assert len(served) >= polls + 3  # refreshes really ran during the keys
            assert isinstance(app.screen, TasksScreen)
            assert tasks.current_key() == "T31"
            # The figures on screen are those of the last feed served, computed afresh.
            last = app.snapshot.feed
            assert sum(1 for t in last.tasks if t.completed) == min(served[-1] * 5, 60)
            lai = [t for t in last.tasks if t.agency == "LAI-CHAU"]
            done = sum(1 for t in lai if t.completed)
            headline = text_of(app, "#headline")
            assert "30 assigned" in headline
            assert re.search(rf"Completed {done}( [+−]\d+)? \(", headline), headline
            assert app.return_code is None
