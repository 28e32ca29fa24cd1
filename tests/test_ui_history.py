"""The history on the dashboard, driven with Pilot on real files: L records the feed in
view (once; a second press says it is there), a served dashboard records nothing, B lists
the recorded meetings, and `--baseline previous` compares with the meeting before the
last."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console
from textual.widgets import OptionList, Static

from r57tui.commands.sources import open_source
from r57tui.config import ExportSettings, HistorySettings, Settings
from r57tui.feed import load_feed
from r57tui.history import HistoryStore
from r57tui.ui.baseline_picker import BaselinePicker
from r57tui.ui.help_screen import HelpScreen
from tests.builders import to_bytes
from tests.pilot import RecordingApp
from tests.test_history_store import demo_doc, quarter
from tests.test_ui_baseline import choose, settled, since_line

SIZE = (120, 40)


def app_for(
    tmp_path: Path, language: str = "en", read_only: bool = False, **kwargs: object
) -> RecordingApp:
    settings = Settings(
        language=language,
        export=ExportSettings(folder=tmp_path / "exports"),
        history=HistorySettings(path=tmp_path / "h.sqlite3"),
    )
    return RecordingApp(
        settings,
        open_source(None),
        read_only=read_only,
        state_file=tmp_path / "state.toml",
        **kwargs,  # type: ignore[arg-type]
    )


def earlier_meetings(path: Path) -> HistoryStore:
    store = HistoryStore(path)
    for as_of in ("2025-04-15T08:00:00+07:00", "2025-07-15T08:00:00+07:00"):
        store.record(load_feed(to_bytes(quarter(demo_doc(), as_of))), "demo")
    return store


async def test_l_records_the_feed_in_view_once_and_says_so(tmp_path: Path) -> None:
    app = app_for(tmp_path, language="vi")
    store = HistoryStore(tmp_path / "h.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("L")
        await settled(app, pilot)
        [entry] = store.entries()
        assert (entry.as_of, entry.source) == ("2025-10-15T08:00:00+07:00", "demo")
        assert entry.total.overdue == 86
        notice = app.notices[-1]
        assert notice.title == "Đã lưu vào lịch sử"
        assert notice.message == "Đã lưu số liệu đến 15/10/2025 08:00 (h.sqlite3)."
        await pilot.press("L")
        await settled(app, pilot)
        assert len(store.entries()) == 1
        assert app.notices[-1].title == "Đã có trong lịch sử"
        assert app.notices[-1].message.endswith("không ghi thêm.")


async def test_l_into_a_damaged_history_says_why_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    path.write_text("not a database", encoding="utf-8")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("L")
        await settled(app, pilot)
        notice = app.notices[-1]
        assert notice.title == "Not recorded in the history"
        assert notice.severity == "error"
        assert "not a history file" in notice.message
    assert path.read_text(encoding="utf-8") == "not a database"


async def test_a_served_dashboard_records_nothing(tmp_path: Path) -> None:
    app = app_for(tmp_path, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("L")
        await settled(app, pilot)
        assert app.notices[-1].message == "Read-only: exports are off in this dashboard"
    assert not (tmp_path / "h.sqlite3").exists()


async def test_the_help_lists_l(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
        for widget in app.screen.query(Static):
            console.print(widget.content)
        assert re.search(r"\bL\s+Record in the history\b", console.export_text())


async def test_b_lists_the_recorded_meetings_newest_first_and_compares_with_one(
    tmp_path: Path,
) -> None:
    earlier_meetings(tmp_path / "h.sqlite3")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("B")
        assert isinstance(app.screen, BaselinePicker)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(2)]
        assert prompts[0].startswith("Recorded meeting: 2025-07-15 08:00 · Ban Chỉ đạo")
        assert prompts[0].endswith(" · 1,132 assigned, 26 overdue")
        assert prompts[1].startswith("Recorded meeting: 2025-04-15 08:00")
        await choose(app, pilot, 1)
        assert app.baseline is not None
        assert app.baseline.feed.as_of_date.isoformat() == "2025-04-15"
        assert app.baseline.label == "h.sqlite3"
        assert since_line(app) is not None
        assert since_line(app).startswith("Since 2025-04-15:")  # type: ignore[union-attr]


async def test_baseline_previous_compares_with_the_meeting_before_the_last(
    tmp_path: Path,
) -> None:
    earlier_meetings(tmp_path / "h.sqlite3")
    app = app_for(tmp_path, language="vi", baseline="previous")
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        assert app.baseline is not None
        assert app.baseline.feed.as_of_date.isoformat() == "2025-04-15"
        assert since_line(app).startswith("Từ 15/04/2025:")  # type: ignore[union-attr]


async def test_an_unknown_entry_is_one_notice_and_no_comparison(tmp_path: Path) -> None:
    earlier_meetings(tmp_path / "h.sqlite3")
    app = app_for(tmp_path, baseline="2025-01-15")
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        assert app.baseline is None
        notice = app.notices[-1]
        assert notice.title == "Baseline not used"
        assert notice.message.endswith(
            "no snapshot of 2025-01-15; it holds: 2025-07-15, 2025-04-15"
        )
