"""SVG snapshots of each slide of the deck (the headline, since the last meeting, most
overdue, the indicators, due soon), against an earlier meeting, at 80×24, 120×40 and
160×45 in Vietnamese, and at 80×24 (the tightest) in English. Each is reached as a
secretariat member would, `P` then the slide's number (which pauses the cycle).

Update them with `.venv/bin/pytest tests/test_ui_deck_snapshots.py --snapshot-update`
and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from r57tui.commands.sources import open_source
from r57tui.config import Settings
from tests.builders import to_bytes
from tests.pilot import RecordingApp
from tests.test_baseline import demo_doc, meeting_baseline_doc
from tests.test_ui_snapshots import _freeze_status, _settled

SLIDES = ["headline", "changes", "overdue", "indicators", "due_soon"]
# language-columns x rows
CASES = ["vi-80x24", "vi-120x40", "vi-160x45", "en-80x24"]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("baseline") / "earlier-meeting.json"
    path.write_bytes(to_bytes(meeting_baseline_doc(demo_doc())))
    return path


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("slide", SLIDES)
def test_slide(snap_compare, baseline, slide, case) -> None:
    language, _, dimensions = case.partition("-")
    columns, rows = (int(n) for n in dimensions.split("x"))

    async def run_before(pilot) -> None:
        for _ in range(2):  # the feed, then the baseline read against it
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("P", str(SLIDES.index(slide) + 1))
        # The slide alone: what notices show on it is another matter, tested apart.
        pilot.app.clear_notifications()
        _freeze_status(pilot.app)
        await _settled(pilot)

    app = RecordingApp(
        Settings(language=language),  # type: ignore[arg-type]
        open_source(None),
        baseline=baseline,
    )
    assert snap_compare(app, terminal_size=(columns, rows), run_before=run_before)
