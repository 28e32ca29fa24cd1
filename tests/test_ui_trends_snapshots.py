"""SVG snapshots of the trends screen (four quarterly meetings of the demo recorded) and
of the main screen replaying the second, at 80×24 and 120×40, in Vietnamese and English.
Update them with `.venv/bin/pytest tests/test_ui_trends_snapshots.py --snapshot-update`
and look at the SVGs."""

from __future__ import annotations

from pathlib import Path

import pytest

from r57tui.commands.sources import open_source
from r57tui.config import HistorySettings, Settings
from tests.pilot import RecordingApp
from tests.test_ui_snapshots import LANGUAGES, _freeze_status, _settled
from tests.test_ui_trends import record_quarters

SIZES = [(80, 24), (120, 40)]
# What is pressed on the main screen: the trends; a replay of the meeting of 15/04/2025.
SCREENS: dict[str, tuple[str, ...]] = {
    "trends": ("T",),
    "replay": ("less_than_sign", "less_than_sign"),
}


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("history") / "h.sqlite3"
    record_quarters(path)
    return path


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, history, screen, size, language) -> None:
    async def run_before(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in SCREENS[screen]:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        _freeze_status(pilot.app)
        await _settled(pilot)

    app = RecordingApp(
        Settings(language=language, history=HistorySettings(path=history)), open_source(None)
    )
    assert snap_compare(app, terminal_size=size, run_before=run_before)
