"""The app's collaborators, tried without a screen where they can be, and the palette's
handling of Textual's own commands (told apart by what they run, not by their titles)."""

from __future__ import annotations

from datetime import date

import pytest
from rich.text import Text
from textual.app import App
from textual.notifications import Notification

from r57tui.commands.sources import open_source
from r57tui.config import Settings
from r57tui.feed import TaskState
from r57tui.i18n import strings
from r57tui.sources import Failed, NewFeed, Unchanged, WentBack
from r57tui.ui.app import R57App
from r57tui.ui.dashboard import Dashboard
from r57tui.ui.feed_notices import FeedNotices
from r57tui.ui.keys import bindings
from r57tui.ui.live import record
from r57tui.ui.marks import DEFAULT_COLOURS, ThemeColours
from r57tui.ui.read_only import ReadOnly
from r57tui.ui.status import Health
from r57tui.ui.system_commands import palette_commands
from r57tui.ui.theme_memory import next_theme
from tests.builders import feed_dict, task
from tests.pilot import demo_app, feed_update, settle

READ_ONLY = "Read-only: exports are off in this dashboard"


def policy(on: bool, keymap: dict[str, str] | None = None) -> tuple[ReadOnly, list[str]]:
    said: list[str] = []
    return ReadOnly(on, bindings, keymap or {}, "en", said.append), said


def test_read_only_turns_off_what_the_declarations_mark_and_nothing_else() -> None:
    served, said = policy(True)
    writing = ("export", "export_dialog", "report", "save_svg", "record_history")
    for action in (*writing, "pick_baseline"):
        assert not served.allows(action), action
    for action in ("refresh", "pause", "cycle_theme", "help", "quit", "present", "changes"):
        assert served.allows(action), action
    # Pressed from habit, a writing key says why; B (which only lists a folder) is silent.
    assert served.writing_keys == {"e", "E", "W", "S", "L"}
    served.key_pressed("B")
    served.key_pressed("r")
    assert said == []
    served.key_pressed("S")
    assert served.refuses()
    assert said == [READ_ONLY, READ_ONLY]


def test_read_only_follows_keys_remapped_in_the_config() -> None:
    served, said = policy(True, {"screenshot": "ctrl+s,f12", "export": "x"})
    assert served.writing_keys == {"ctrl+s", "f12", "x", "E", "W", "L"}
    served.key_pressed("S")  # no longer the screenshot key
    assert said == []


def test_a_dashboard_that_is_not_read_only_allows_all_and_says_nothing() -> None:
    local, said = policy(False)
    assert all(local.allows(b.action) for b in bindings())
    local.key_pressed("S")
    assert not local.refuses()
    assert said == []


def test_each_app_has_its_own_colours_and_a_theme_changes_only_its_owner() -> None:
    first, second = ThemeColours(), ThemeColours()
    first.apply({"state-overdue": "#101010", "warning": "#202020", "unrelated": "#303030"})
    assert first.style("overdue", bold=True) == "bold #101010"
    assert first.state_style("completed_late") == DEFAULT_COLOURS["completed_late"]
    assert first["notice"] == "#202020"
    assert second["overdue"] == DEFAULT_COLOURS["overdue"]
    assert first.state_text(TaskState.OVERDUE, "en") == Text("! overdue", style="bold #101010")
    changed = first.with_change(Text("12"), -3, "en")
    assert changed.plain == "12 −3"
    assert first.with_change(Text("12"), 0, "en").plain == "12"


def test_a_poll_answer_is_recorded_as_the_status_line_and_one_notice_say_it() -> None:
    posted: list[Notification] = []
    notices = FeedNotices(posted.append, "en", polls=1, seconds=0.0)
    health = Health()
    record(health, notices, Failed("feed.json: gone"), 10.0, "en")
    assert (health.error, health.failing_since) == ("feed.json: gone", 10.0)
    record(health, notices, Failed("feed.json: still gone"), 12.0, "en")
    assert health.failing_since == 10.0  # the outage started at the first failure
    assert [n.severity for n in posted] == ["error"]
    record(health, notices, Unchanged(), 14.0, "en")
    assert (health.error, health.failing_since, health.refreshed_at) == (None, None, 14.0)
    assert [n.title for n in posted] == ["Feed not updated", "Recovered"]
    went = WentBack("feed.json", date(2025, 10, 1), date(2025, 10, 15))
    record(health, notices, went, 20.0, "en")
    assert (health.error, health.went_back_to, health.failing_since) == (None, went.to, 20.0)
    assert posted[-1].severity == "warning"
    record(health, notices, feed_update(feed_dict([task("T1")])), 22.0, "en")
    assert health.went_back_to is None
    assert isinstance(feed_update(feed_dict([task("T1")])), NewFeed)


def test_t_moves_to_the_next_theme_and_round() -> None:
    assert next_theme(["a", "b", "c"], "b") == "c"
    assert next_theme(["a", "b", "c"], "c") == "a"
    assert next_theme(["a", "b"], "textual-dark") == "a"  # a theme of Textual's own
    assert next_theme([], "a") is None


async def test_textuals_own_commands_are_offered_in_our_words_or_not_at_all() -> None:
    app = R57App(Settings(language="en"), open_source(None), read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        # Textual's own commands, retitled as a new release might: told by what they run.
        own = [c._replace(title=f"«{c.title}»") for c in App.get_system_commands(app, app.screen)]
        assert any(c.title == "«Screenshot»" for c in own)
        titles = {c.title for c in palette_commands(app, app.screen, own, "en")}
        assert not any(title.startswith("«") for title in titles)
        assert "Choose a theme" in titles  # the picker, in our words
        # Its screenshot (to Downloads) is never offered: ours, S, writes into the export
        # folder and is hidden when read-only, as here.
        assert "Screenshot" not in titles
        app.read_only = False
        titles = {c.title for c in palette_commands(app, app.screen, own, "en")}
        assert "Screenshot" in titles
        assert not any(title.startswith("«") for title in titles)


async def test_the_palette_offers_one_quit_and_one_keys_in_vietnamese_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Textual's Quit and Keys are superseded by ours (q, and the help screen): told by
    # what they run, so an English "Quit" does not stand beside "Thoát". Textual's own
    # bindings (its tables' "Cursor left", "Copy selected text") are not offered at all.
    monkeypatch.setattr(strings, "_missing", set())
    app = demo_app(language="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        commands = list(app.get_system_commands(app.screen))
        quits = [c for c in commands if c.title in ("Quit", "Thoát")]
        assert [c.title for c in quits] == ["Thoát"]
        titles = {c.title for c in commands}
        assert "Keys" not in titles
        assert "Chọn bảng màu" in titles  # Textual's picker stays, in Vietnamese
        assert not titles & {"Copy selected text", "Cursor left", "palette", "Theme"}
    assert {text for language, text in strings.missing() if language == "vi"} == set()


def as_dashboard(app: R57App) -> Dashboard:
    return app  # a type checker holds R57App to the protocol here


def test_the_app_is_what_screens_are_promised() -> None:
    app = as_dashboard(demo_app())
    members = [name for name in vars(Dashboard) if not name.startswith("_")]
    assert {"snapshot", "colours", "export_view", "open_tasks"} <= set(members)
    assert [name for name in members if not hasattr(app, name)] == []
