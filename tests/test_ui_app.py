"""The app, driven with Textual's Pilot."""

from __future__ import annotations

from r57tui.config import Settings
from r57tui.sources import open_source
from r57tui.ui.app import R57App


async def test_opens_on_the_demo_with_the_meeting_totals() -> None:
    app = R57App(Settings(), open_source(None))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.query_one("#totals").render())
        assert "Assigned 1,132" in text
        assert "Completed 485 (43% of assigned)" in text
        assert "On time 561" in text
        assert "Overdue 86" in text
        await pilot.press("q")
    assert app.return_code == 0


async def test_a_refused_feed_shows_one_line_and_does_not_crash(tmp_path) -> None:
    path = tmp_path / "feed.json"
    path.write_text("{not json")
    app = R57App(Settings(), open_source(str(path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(app.query_one("#totals").render()).startswith("feed.json: line 1, column")
