"""SVG snapshots of the main, agency and task screens at 80×24 and 120×40.

Update them after an intended change of the screens with
`.venv/bin/pytest tests/test_ui_snapshots.py --snapshot-update`, and look at the SVGs
(the report pytest writes on failure shows old and new side by side).
"""

from __future__ import annotations

import time

import pytest

from tests.pilot import demo_app

SIZES = [(80, 24), (120, 40)]


def _freeze_status(app) -> None:
    # "refreshed 0 s ago" whatever the machine's speed.
    app.health.refreshed_at = time.monotonic()
    app.render_status()


async def _ready(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await _settled(pilot)


async def _settled(pilot) -> None:
    """Until the screen stops changing: a table lays its columns out to its rows on a
    later idle, later still on a busy machine (the due-soon panel's header was caught
    narrower than its rows once, in a run beside other work)."""
    await pilot.pause()
    before = None
    for _ in range(100):
        now = pilot.app.export_screenshot()
        if now == before:
            return
        before = now
        await pilot.pause(0.05)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await _ready(pilot)
        _freeze_status(pilot.app)

    assert snap_compare(demo_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_agency_screen(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await _ready(pilot)
        await pilot.press("enter")
        await _settled(pilot)
        _freeze_status(pilot.app)

    assert snap_compare(demo_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_task_screen(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await _ready(pilot)
        await pilot.press("a", "slash", *"T-0017", "enter", "enter")
        await _settled(pilot)
        _freeze_status(pilot.app)

    assert snap_compare(demo_app(), terminal_size=size, run_before=run_before)
