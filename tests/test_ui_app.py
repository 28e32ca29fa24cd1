"""The dashboard, driven with Textual's Pilot."""

from __future__ import annotations

from pathlib import Path

from r57tui.config import Settings
from r57tui.demo.server import FeedBody, FeedServer
from r57tui.sources import open_source
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.app import R57App
from tests.builders import feed_dict, task, to_bytes


async def settle(app: R57App, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def headline_text(app: R57App) -> str:
    return str(app.query_one("#headline").render())


def status_text(app: R57App) -> str:
    return str(app.query_one("#status").render())


async def test_opens_on_the_demo_with_the_meeting_figures() -> None:
    app = R57App(Settings(language="en"), open_source(None))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        text = headline_text(app)
        assert "1,132 assigned" in text
        assert "Completed 485 (43%)" in text
        assert "On time 561 (50%)" in text
        assert "Overdue 86 (8%)" in text
        table = app.query_one(AgencyTable)
        assert table.row_count == 69
        # Default sort: most overdue first.
        first = table.current_key()
        assert app.rollup.by_agency[first].overdue == max(
            c.overdue for c in app.rollup.by_agency.values()
        )
        assert "live" in status_text(app)
        await pilot.press("q")
    assert app.return_code == 0


async def test_kind_tabs_filter_rows_and_totals() -> None:
    app = R57App(Settings(language="en"), open_source(None))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()
        table = app.query_one(AgencyTable)
        assert table.kind_tab == "locality"
        assert table.row_count == 34
        localities = app.rollup.by_kind["locality"]
        assert f"{localities.assigned:,} assigned" in headline_text(app)
        totals = str(app.query_one("#totals").render())
        assert f"Localities: 34 agencies · total {localities.assigned:,} assigned" in totals


async def test_sort_cycles_and_keeps_the_cursor_on_the_same_agency() -> None:
    app = R57App(Settings(language="en"), open_source(None))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.query_one(AgencyTable)
        await pilot.press("down", "down", "down")
        chosen = table.current_key()
        await pilot.press("s")
        assert "% completed" in str(app.query_one("#totals").render())
        assert table.current_key() == chosen


async def test_feed_text_is_shown_literally() -> None:
    app = R57App(
        Settings(language="en"),
        open_source(None),
    )
    hostile = feed_dict(
        [task("T1", agency="X")],
        title="[bold red]Chỉ đạo[/] \x1b[2J",
        agencies=[{"id": "X", "name": "[reverse]Tỉnh X[/reverse]"}],
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        from r57tui.feed import load_feed
        from r57tui.sources import NewFeed

        app.apply_update(NewFeed(load_feed(to_bytes(hostile)), 0))
        await pilot.pause()
        assert "[bold red]Chỉ đạo[/] <U+001B>[2J" in status_text(app)
        row = app.query_one(AgencyTable).get_row("X")
        assert str(row[0]) == "[reverse]Tỉnh X[/reverse]"


async def test_live_refresh_updates_goes_stale_and_recovers(tmp_path: Path) -> None:
    good = to_bytes(feed_dict([task("T1", due="2025-12-31"), task("T2", "LAI-CHAU")]))
    body = FeedBody(good)
    server = FeedServer(body).start()
    try:
        settings = Settings(language="en", refresh=0.2, source=server.url)
        app = R57App(settings, open_source(server.url, settings))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            table = app.query_one(AgencyTable)
            table.move_cursor(row=table.get_row_index("LAI-CHAU"))
            assert "2 assigned" in headline_text(app)
            # The feed changes: a task completes, one is added; the cursor stays.
            body.set(
                to_bytes(
                    feed_dict(
                        [
                            task("T1", due="2025-12-31", completed="2025-10-01"),
                            task("T2", "LAI-CHAU"),
                            task("T3", "LAI-CHAU", due="2025-01-31"),
                        ]
                    )
                )
            )
            await pilot.pause(0.6)
            await settle(app, pilot)
            assert "3 assigned" in headline_text(app)
            assert "Overdue 1" in headline_text(app)
            assert table.current_key() == "LAI-CHAU"
            # The feed breaks: figures stay, marked stale with the reason.
            body.set(b'{"format": "r57-feed", "version": 9, "as_of": "2025-10-15", "tasks": []}')
            await pilot.pause(0.6)
            await settle(app, pilot)
            assert "3 assigned" in headline_text(app)
            assert "STALE" in status_text(app)
            assert "version: 9 is newer" in status_text(app)
            # It comes back by itself.
            body.set(good)
            await pilot.pause(0.6)
            await settle(app, pilot)
            assert "STALE" not in status_text(app)
            assert "2 assigned" in headline_text(app)
            assert table.current_key() == "LAI-CHAU"
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
            assert "paused" in status_text(app)
            before = server.requests
            await pilot.pause(0.6)
            assert server.requests == before
            await pilot.press("p")
            await settle(app, pilot)
            assert server.requests > before
    finally:
        server.stop()


async def test_a_refused_feed_at_start_does_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text("{not json")
    app = R57App(Settings(language="en"), open_source(str(path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "STALE" in status_text(app)
        assert "feed.json: line 1, column" in status_text(app)
        assert app.query_one(AgencyTable).row_count == 0
