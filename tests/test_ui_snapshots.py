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
    await pilot.pause()


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
        await pilot.pause()
        _freeze_status(pilot.app)

    assert snap_compare(demo_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_task_screen(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await _ready(pilot)
        await pilot.press("a", "slash", *"T-0017", "enter", "enter")
        await pilot.pause()
        _freeze_status(pilot.app)

    assert snap_compare(demo_app(), terminal_size=size, run_before=run_before)
