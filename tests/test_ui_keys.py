"""Keys: help of the current screen, the command palette, and remapping by binding id."""

from __future__ import annotations

import pytest

from r57tui.cli import main
from r57tui.config import ConfigError, Settings
from r57tui.ui.app import check_keymap
from r57tui.ui.help_screen import HelpScreen
from r57tui.ui.keys import bindings
from r57tui.ui.tasks_screen import TasksScreen
from tests.pilot import demo_app, settle


def help_text(app) -> str:
    return "\n".join(f"{keys} {what}" for keys, what in app.screen.rows)


async def test_question_mark_and_f1_show_the_keys_of_the_current_screen() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        main_help = help_text(app)
        for expected in ("Filter", "Sort", "All tasks", "Findings", "Refresh", "Quit"):
            assert expected in main_help
        assert "Overdue" not in main_help
        await pilot.press("escape")
        await pilot.press("enter", "f1")
        assert isinstance(app.screen, HelpScreen)
        agency_help = help_text(app)
        assert "3 Overdue" in agency_help
        assert "0 All" in agency_help
        await pilot.press("escape")
        assert isinstance(app.screen, TasksScreen)


@pytest.mark.parametrize("language", ["en", "vi"])
async def test_the_footer_shows_the_help_key_at_80_columns(language: str) -> None:
    # Past the right edge a key is not seen: the footer keeps to what fits, `?` first
    # of the app's keys, so a new user can always find every other key. (Footer keys
    # are found by their widget's type name: Textual keeps FooterKey in a private module.)
    app = demo_app(language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for key in ("", "a", "enter"):  # main screen, all tasks, one task
            if key:
                await pilot.press(key)
                await settle(app, pilot)
            shown = {k.key: k.region for k in app.screen.query("FooterKey")}
            assert "question_mark" in shown, type(app.screen).__name__
            assert shown["question_mark"].right <= 80, type(app.screen).__name__
            assert len(shown) <= 10  # not 21 widgets, most off the screen


async def test_every_binding_has_an_id() -> None:
    found = bindings()
    assert len(found) > 15
    assert all(binding.id for binding in found)


async def test_keys_table_remaps_by_binding_id() -> None:
    app = demo_app(keys={"all_tasks": "t", "show_overdue": "o"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        assert not isinstance(app.screen, TasksScreen)
        await pilot.press("t")
        assert isinstance(app.screen, TasksScreen)
        await pilot.press("o")
        assert app.screen.state == "overdue"
        await pilot.press("question_mark")
        assert "o Overdue" in help_text(app)


def test_unknown_binding_id_is_refused_before_the_screen_opens(tmp_path, capsys) -> None:
    with pytest.raises(ConfigError, match="no binding 'refrsh'"):
        check_keymap(Settings(keys={"refrsh": "f5"}))
    config = tmp_path / "r57tui.toml"
    config.write_text('[keys]\nrefrsh = "f5"\n')
    assert main(["--config", str(config)]) == 2
    assert "no binding 'refrsh'" in capsys.readouterr().err


async def test_palette_jumps_to_an_agency_by_name_without_diacritics() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"dien bien")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen)
        assert app.screen.scope.key == "DIEN-BIEN"


async def test_palette_offers_the_screens_actions() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        commands = [command.title for command in app.get_system_commands(app.screen)]
        for expected in ("All tasks", "Findings", "Sort", "Refresh", "Pause", "Keys", "Quit"):
            assert expected in commands
        await pilot.press("ctrl+p", *"all tasks")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen)
        assert app.screen.scope.kind == "all"


def test_config_example_lists_every_binding_id() -> None:
    from pathlib import Path

    example = (Path(__file__).parents[1] / "config.example.toml").read_text(encoding="utf-8")
    keys_section = example[example.index("[keys]") :]
    for binding in bindings():
        assert f"{binding.id} = " in keys_section, binding.id
