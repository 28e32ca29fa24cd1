"""Live refresh against a real local HTTP server whose feed changes, fails and recovers."""

from __future__ import annotations

from r57tui.commands.sources import open_source
from r57tui.config import Settings
from r57tui.demo.server import FeedBody, FeedServer
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.app import R57App
from r57tui.ui.task_table import TaskTable
from r57tui.ui.tasks_screen import TasksScreen
from tests.builders import feed_dict, task, to_bytes
from tests.pilot import RecordingApp, settle, text_of


async def wait_for_poll(app: R57App, pilot, server: FeedServer) -> None:
    """Wait until the app has polled the server at least once more, and settled."""
    before = server.requests
    for _ in range(100):
        await pilot.pause(0.05)
        if server.requests > before and not app.live.polling:
            break
    await settle(app, pilot)


async def test_refresh_changes_marks_goes_stale_and_recovers_keeping_the_cursor() -> None:
    good = to_bytes(
        feed_dict([task("T1", due="2025-12-31"), task("T2", "LAI-CHAU"), task("T4", "LAI-CHAU")])
    )
    body = FeedBody(good)
    server = FeedServer(body).start()
    try:
        settings = Settings(language="en", refresh=0.3, source=server.url)
        app = RecordingApp(settings, open_source(server.url, settings))
        # Long enough that a slow machine still sees the marks, short enough to wait out.
        app.live.mark_seconds = 3.0
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            agencies = app.screen.query_one(AgencyTable)
            agencies.move_to_key("LAI-CHAU")
            await pilot.press("enter")
            assert isinstance(app.screen, TasksScreen)
            tasks = app.screen.query_one(TaskTable)
            tasks.move_to_key("T4")
            assert "2 assigned" in text_of(app, "#headline")
            # The feed changes: T3 joins Lai Châu, overdue; the cursor stays on T4.
            body.set(
                to_bytes(
                    feed_dict(
                        [
                            task("T1", due="2025-12-31", completed="2025-10-01"),
                            task("T2", "LAI-CHAU"),
                            task("T3", "LAI-CHAU", due="2025-01-31"),
                            task("T4", "LAI-CHAU"),
                        ]
                    )
                )
            )
            await wait_for_poll(app, pilot, server)
            headline = text_of(app, "#headline")
            assert "3 assigned +1" in headline
            assert "Overdue 1 (33%) +1" in headline
            assert tasks.current_key() == "T4"
            assert tasks.row_count == 3
            assert "●" in str(tasks.get_row("T3")[2])  # the changed task is marked
            # The main screen underneath was redrawn too, with its marks.
            row = agencies.get_row("LAI-CHAU")
            assert str(row[1]).startswith("! 1 +1")
            assert agencies.current_key() == "LAI-CHAU"
            # The marks go after a while, by themselves.
            for _ in range(80):
                if "+1" not in text_of(app, "#headline"):
                    break
                await pilot.pause(0.1)
            assert "+1" not in text_of(app, "#headline")
            assert "3 assigned" in text_of(app, "#headline")
            # The feed breaks: figures stay, marked stale with the reason, notified once.
            body.set(b'{"format": "r57-feed", "version": 9, "as_of": "2025-10-15", "tasks": []}')
            await wait_for_poll(app, pilot, server)
            await wait_for_poll(app, pilot, server)
            assert "3 assigned" in text_of(app, "#headline")
            status = text_of(app, "#status")
            assert "STALE" in status
            assert "version: 9 is newer" in status
            errors = [n for n in app.notices if n.severity == "error"]
            assert len(errors) == 1
            # It comes back by itself; the cursor never moved.
            body.set(good)
            await wait_for_poll(app, pilot, server)
            assert "STALE" not in text_of(app, "#status")
            assert "2 assigned −1" in text_of(app, "#headline")
            assert tasks.current_key() == "T4"
            assert tasks.has_focus
    finally:
        server.stop()


async def test_an_unchanged_source_costs_no_redraw() -> None:
    body = FeedBody(to_bytes(feed_dict([task("T1")])))
    server = FeedServer(body).start()
    try:
        settings = Settings(language="en", refresh=0.2)
        app = R57App(settings, open_source(server.url, settings))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            snapshot = app.snapshot
            await wait_for_poll(app, pilot, server)
            await wait_for_poll(app, pilot, server)
            assert app.snapshot is snapshot  # no new feed object: nothing parsed or redrawn
            assert "live" in text_of(app, "#status")
    finally:
        server.stop()


async def test_pause_stops_live_refresh() -> None:
    body = FeedBody(to_bytes(feed_dict([task("T1")])))
    server = FeedServer(body).start()
    try:
        settings = Settings(language="en", refresh=0.2)
        app = R57App(settings, open_source(server.url, settings))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("p")
            assert "paused" in text_of(app, "#status")
            before = server.requests
            await pilot.pause(0.6)
            assert server.requests == before
            await pilot.press("p")
            await settle(app, pilot)
            assert server.requests > before
            await pilot.press("r")
            await settle(app, pilot)
            assert "live" in text_of(app, "#status")
    finally:
        server.stop()


async def test_a_list_a_filter_narrows_shows_no_marks_of_its_whole_scope() -> None:
    # The marks of a refresh are the scope's: beside the filtered list's own figures,
    # "1 assigned +1" would say a task joined the one the filter keeps.
    before = [task("T2", "LAI-CHAU"), task("T4", "LAI-CHAU")]
    body = FeedBody(to_bytes(feed_dict(before)))
    server = FeedServer(body).start()
    try:
        settings = Settings(language="en", refresh=0.3, source=server.url)
        app = RecordingApp(settings, open_source(server.url, settings))
        app.live.mark_seconds = 30.0
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            app.screen.query_one(AgencyTable).move_to_key("LAI-CHAU")
            await pilot.press("enter", "slash", "T", "4", "enter")
            await settle(app, pilot)
            assert "1 assigned" in text_of(app, "#headline")
            joined = [*before, task("T3", "LAI-CHAU", due="2025-01-31")]
            body.set(to_bytes(feed_dict(joined)))
            await wait_for_poll(app, pilot, server)
            assert app.screen.query_one(TaskTable).row_count == 1
            headline = text_of(app, "#headline")
            assert "1 assigned" in headline
            assert "+1" not in headline
            # Without the filter, the scope's marks are its own figures'.
            await pilot.press("slash", "ctrl+u", "enter")
            await settle(app, pilot)
            assert "3 assigned +1" in text_of(app, "#headline")
    finally:
        server.stop()
