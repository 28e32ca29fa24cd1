"""SVG snapshots of every screen a meeting reads, at 80×24, 120×40 and 160×45, in
Vietnamese and English: the main screen, a task list (all tasks), a task, the due-soon
list, the changes list (against an earlier meeting), the findings list, an indicator (its
history as bars and as a line) and the charts (agencies ranked, groups' shares).

Update them after an intended change of the screens with
`.venv/bin/pytest tests/test_ui_snapshots.py --snapshot-update`, and look at the SVGs
(the report pytest writes on failure shows old and new side by side).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from r57tui.commands.sources import open_source
from r57tui.config import Settings
from tests.builders import to_bytes
from tests.pilot import RecordingApp
from tests.test_baseline import demo_doc, meeting_baseline_doc

SIZES = [(80, 24), (120, 40), (160, 45)]
LANGUAGES = ["vi", "en"]

# What is pressed on the main screen to reach each screen.
SCREENS: dict[str, tuple[str, ...]] = {
    "main": (),
    "all_tasks": ("a",),
    "task": (),  # T-0017, opened as Enter on its row opens it (typing its id costs seconds)
    "due_soon": ("d",),
    "at_risk": ("w",),  # each row with why; the cursor's reason whole under the table
    "changes": ("c",),
    "findings": ("f",),
    "indicator": ("tab", "enter"),  # the first indicator, opened from the panel
    "indicator_line": ("tab", "enter", "v"),  # its history as a line
    "chart": ("v",),  # the agencies ranked by overdue
    "chart_shares": ("v", "v"),  # each group's tasks by state
}


def _freeze_status(app) -> None:
    # "refreshed 0 s ago" whatever the machine's speed: a refresh time in the future reads
    # as 0 s ago (ages are never negative), so the status line's once-a-second redraw
    # during a slow settle cannot turn it into "1 s ago".
    app.health.refreshed_at = time.monotonic() + 3600
    app.render_status()


async def _settled(pilot) -> None:
    """Until the screen stops changing: a table lays its columns out to its rows on a
    later idle, later still on a busy machine (the due-soon panel's header was caught
    narrower than its rows once, in a run beside other work)."""
    await pilot.pause()
    before, same = None, 0
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        now = pilot.app.export_screenshot()
        same = same + 1 if now == before else 0
        if same == 2:  # three frames alike: a side panel laid out again on a later idle
            return
        before = now
        await pilot.pause(0.05)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("baseline") / "earlier-meeting.json"
    path.write_bytes(to_bytes(meeting_baseline_doc(demo_doc())))
    return path


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, baseline, screen, size, language) -> None:
    async def run_before(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if SCREENS[screen]:
            await pilot.press(*SCREENS[screen])
            await pilot.app.workers.wait_for_complete()
        if screen == "task":
            pilot.app.open_task("T-0017")
        _freeze_status(pilot.app)
        await _settled(pilot)

    # Only the changes list is opened against an earlier meeting: the other screens are
    # as a meeting without one sees them.
    app = RecordingApp(
        Settings(language=language),
        open_source(None),
        baseline=baseline if screen == "changes" else None,
    )
    assert snap_compare(app, terminal_size=size, run_before=run_before)
