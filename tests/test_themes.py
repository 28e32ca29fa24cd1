"""Themes: the shipped ones are packaged and legible (WCAG contrast), bad files are skipped
with their reason, t cycles and the choice is remembered without touching the config."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from r57tui.app_state import load_state
from r57tui.cli import main
from r57tui.commands.sources import open_source
from r57tui.config import ConfigError, Settings
from r57tui.ui.agencies import AgencyTable
from r57tui.ui.app import R57App, choose_theme
from r57tui.ui.marks import ThemeColours
from r57tui.ui.themes import (
    APP_VARIABLES,
    ThemeError,
    load_themes,
    shipped_theme_files,
    theme_from_toml,
)
from tests.pilot import RecordingApp, settle, text_of

SHIPPED = load_themes([]).themes
STATE_VARIABLES = ["state-completed", "state-completed-late", "state-on-time", "state-overdue"]
MARK_VARIABLES = ["rag-green", "rag-amber", "rag-red"]


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance."""
    rgb = Color.parse(colour)

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(rgb.r) + 0.7152 * channel(rgb.g) + 0.0722 * channel(rgb.b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_shipped_themes_are_packaged_and_load_cleanly() -> None:
    names = [name for name, _ in shipped_theme_files()]
    assert {"r57-dark.toml", "r57-light.toml", "r57-projector.toml"} <= set(names)
    loaded = load_themes([])
    assert loaded.problems == []
    assert {"r57-dark", "r57-light", "r57-projector"} <= set(loaded.names)
    dark = {theme.name: theme.dark for theme in SHIPPED}
    assert dark["r57-dark"] is True
    assert dark["r57-light"] is False
    assert dark["r57-projector"] is False


@pytest.mark.parametrize("theme", SHIPPED, ids=lambda t: t.name)
def test_text_reads_at_least_4_5_to_1_and_7_to_1_on_the_projector(theme) -> None:
    needed = 7.0 if theme.name == "r57-projector" else 4.5
    for ground in ("background", "surface", "panel"):
        ratio = contrast(theme.foreground, getattr(theme, ground))
        assert ratio >= needed, f"{theme.name}: text on {ground} {ratio:.2f}:1"


@pytest.mark.parametrize("theme", SHIPPED, ids=lambda t: t.name)
def test_state_and_mark_colours_stand_out_3_to_1(theme) -> None:
    for variable in STATE_VARIABLES + MARK_VARIABLES:
        for ground in ("background", "surface"):
            ratio = contrast(theme.variables[variable], getattr(theme, ground))
            assert ratio >= 3.0, f"{theme.name}: {variable} on {ground} {ratio:.2f}:1"


def test_every_shipped_theme_sets_every_app_colour() -> None:
    for name, text in shipped_theme_files():
        assert all(f'{variable} = "' in text for variable in APP_VARIABLES), name


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name = 'x'\nprimary = [", "not TOML"),
        ("name = 'x'\nprimary = '#123456'\nbackgruond = '#000000'", "unknown key 'backgruond'"),
        ("name = 'x'\nprimary = 'notacolour'", "primary = 'notacolour' is not a colour"),
        ("name = 'x'", "primary is missing"),
        ("primary = '#123456'", "name is missing"),
        ("name = 'x'\nprimary = '#123456'\n[variables]\nstate-late = '#fff'", "unknown variable"),
        ("name = 'x'\nprimary = '#123456'\ndark = 'yes'", "dark must be bool"),
    ],
)
def test_a_bad_theme_is_refused_with_its_reason(text: str, problem: str) -> None:
    with pytest.raises(ThemeError, match=r"^my\.toml: ") as caught:
        theme_from_toml(text, "my.toml")
    assert problem in str(caught.value)


def test_a_theme_may_set_the_muted_text_and_the_footer_keys_textual_draws_faint() -> None:
    text = (
        "name = 'x'\nprimary = '#123456'\n[variables]\n"
        "text-muted = '#3D3D3D'\nfooter-key-foreground = '#6E2E00'\n"
    )
    theme = theme_from_toml(text, "my.toml")
    assert theme.variables["text-muted"] == "#3D3D3D"
    assert theme.variables["footer-key-foreground"] == "#6E2E00"
    with pytest.raises(ThemeError, match=r"known: .*text-muted, footer-key-foreground"):
        theme_from_toml("name = 'x'\nprimary = '#123456'\n[variables]\nmuted = '#333'", "x")


def test_muted_figures_take_the_themes_text_muted_else_riches_dim() -> None:
    colours = ThemeColours()
    assert colours.style("muted") == "dim"
    colours.apply({"text-muted": "#3D3D3D"})
    assert colours.style("muted", bold=True) == "bold #3D3D3D"
    # Textual's own themes: "auto 60%" is no colour Rich can draw; the next theme without
    # one does not keep the last theme's.
    colours.apply({"text-muted": "auto 60%"})
    assert colours.style("muted") == "dim"


def test_bad_user_files_are_listed_once_and_the_good_ones_load(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text("name = 'mine'\nprimary = '#336699'\ndark = false\n")
    (tmp_path / "bad.toml").write_text("name = 'x'\nprimary = 'blue-ish'\n")
    (tmp_path / "broken.toml").write_text("name = ")
    (tmp_path / "notes.txt").write_text("not a theme")
    loaded = load_themes([tmp_path, tmp_path / "missing"])
    assert "mine" in loaded.names
    assert len(loaded.problems) == 2
    assert any("bad.toml: primary = 'blue-ish' is not a colour" in p for p in loaded.problems)
    assert any("broken.toml: not TOML" in p for p in loaded.problems)


async def test_the_app_starts_with_bad_themes_and_says_so_once(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("name = 'x'\nprimary = 'blue-ish'\n")
    settings = Settings(language="en", themes_dir=tmp_path)
    app = RecordingApp(settings, open_source(None))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        warnings = [n for n in app.notices if n.severity == "warning"]
        assert len(warnings) == 1
        assert "bad.toml: primary = 'blue-ish' is not a colour" in warnings[0].message
        assert "1,132 assigned" in text_of(app, "#headline")


async def test_t_cycles_themes_recolours_and_remembers(tmp_path: Path) -> None:
    state = tmp_path / "state.toml"
    config = tmp_path / "r57tui.toml"
    config.write_text('# my notes\ntheme = "r57-dark"\n')
    before = config.read_bytes()
    app = R57App(Settings(language="en", theme="r57-dark"), open_source(None), state_file=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.theme == "r57-dark"
        names = app.themes.names
        await pilot.press("t")
        assert app.theme == names[(names.index("r57-dark") + 1) % len(names)]
        while app.theme != "r57-projector":
            await pilot.press("t")
        await pilot.pause()
        table = app.screen.query_one(AgencyTable)
        overdue_cell = table.get_row(table.keys[0])[1]
        projector = next(t for t in SHIPPED if t.name == "r57-projector").variables
        assert projector["state-overdue"] in str(overdue_cell.spans[0].style).upper()
        await pilot.pause(1.2)
    assert load_state(state) == {"theme": "r57-projector"}
    assert config.read_bytes() == before  # the hand-written config is never rewritten
    # The next start takes the remembered theme over the config's; --theme over both.
    themes = load_themes([])
    assert choose_theme(themes, Settings(theme="r57-dark"), None, state) == "r57-projector"
    assert choose_theme(themes, Settings(theme="r57-dark"), "r57-light", state) == "r57-light"


def test_an_unknown_theme_stops_before_the_screen(tmp_path: Path, capsys) -> None:
    with pytest.raises(ConfigError, match="no theme 'neon'"):
        choose_theme(load_themes([]), Settings(), "neon")
    assert main(["--theme", "neon"]) == 2
    assert "--theme: no theme 'neon'; themes: r57-dark" in capsys.readouterr().err


async def test_no_color_keeps_every_state_readable(monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = R57App(Settings(language="en"), open_source(None))
    assert app.no_color
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        headline = text_of(app, "#headline")
        assert "✓ Completed 485" in headline
        assert "◷ On time 561" in headline
        assert "! Overdue 86" in headline
        cell = app.screen.query_one(AgencyTable).get_row(app.screen.query_one(AgencyTable).keys[0])
        assert str(cell[1]).startswith("! ")


async def test_the_palette_offers_the_theme_picker_and_the_cycle() -> None:
    app = R57App(Settings(language="en"), open_source(None))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Choose a theme" in titles  # Textual's picker, with live preview
        assert "Next theme" in titles
        assert {"r57-dark", "r57-light", "r57-projector"} <= set(app.available_themes)
