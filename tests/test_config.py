from __future__ import annotations

from pathlib import Path

import pytest

from r57tui.config import (
    ConfigError,
    Settings,
    find_config,
    load_settings,
    resolve_headers,
)

ROOT = Path(__file__).parents[1]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "r57tui.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_config_loads_and_sets_every_key(monkeypatch: pytest.MonkeyPatch) -> None:
    path = ROOT / "config.example.toml"
    settings = load_settings(path)
    assert settings.source is None  # as copied, the demo feed; its own feed is commented
    assert settings.refresh == 30
    assert settings.language == "vi"
    assert settings.http.headers == {}
    assert settings.export.folder == ROOT / "exports"  # relative to the file
    monkeypatch.delenv("R57_TOKEN", raising=False)
    assert resolve_headers(settings) == {}


def test_the_example_configs_commented_http_lines_load_when_uncommented(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    shown = ('# source = "https://', "# [http.headers]", "# Authorization = ")
    lines = [line[2:] if line.startswith(shown) else line for line in text.splitlines()]
    settings = load_settings(write(tmp_path, "\n".join(lines) + "\n"))
    assert settings.source == "https://r57.example.gov.vn/feed.json"
    assert settings.http.headers == {"Authorization": "Bearer ${R57_TOKEN}"}
    monkeypatch.setenv("R57_TOKEN", "s3cret")
    assert resolve_headers(settings) == {"Authorization": "Bearer s3cret"}


def test_every_settings_key_is_documented_in_the_example() -> None:
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"{name} =" in text or f"[{name}]" in text, name
    for section in ("http", "export"):
        model = Settings.model_fields[section].annotation
        for name in model.model_fields:
            assert f"{name} =" in text or f"[{section}.{name}]" in text, f"{section}.{name}"


def test_no_config_means_the_demo_defaults() -> None:
    settings = load_settings(None)
    assert settings.source is None
    assert settings.due_soon_days == 14
    assert settings.http.max_bytes == 64 * 1024 * 1024


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("refesh = 5\n", "unknown key 'refesh' (did you mean 'refresh'?)"),
        ("[http]\ntimout = 5\n", "unknown key 'http.timout' (did you mean 'http.timeout'?)"),
        ("colour = 'red'\n", "unknown key 'colour'"),
        ("refresh = 'often'\n", "refresh:"),
        ("refresh = -1\n", "refresh:"),
        ("language = 'fr'\n", "language:"),
        ("show_kinds = ['province']\n", "show_kinds.0:"),
        ("refresh = \n", "not valid TOML"),
    ],
)
def test_a_bad_config_names_the_file_and_the_key(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert message.startswith(str(path)), message
    assert expected in message, message


def test_flags_override_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "refresh = 60\nsource = 'feed.json'\n")
    settings = load_settings(path, {"refresh": 5, "source": None})
    assert settings.refresh == 5
    assert settings.source == str(tmp_path / "feed.json")  # None: not given, file stays


def test_a_bad_flag_is_reported_like_a_bad_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="refresh"):
        load_settings(None, {"refresh": -3})


def test_lookup_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    assert find_config(None) is None
    user = home / "r57tui" / "config.toml"
    user.parent.mkdir(parents=True)
    user.write_text("refresh = 1\n")
    assert find_config(None) == user
    (tmp_path / "r57tui.toml").write_text("refresh = 2\n")
    assert find_config(None) == Path("r57tui.toml")
    explicit = tmp_path / "other.toml"
    explicit.write_text("")
    assert find_config(explicit) == explicit
    with pytest.raises(ConfigError, match="not found"):
        find_config(tmp_path / "missing.toml")


def test_a_missing_environment_variable_is_named_but_no_value_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("R57_NOPE", raising=False)
    settings = load_settings(write(tmp_path, '[http.headers]\nX-Key = "${R57_NOPE}"\n'))
    with pytest.raises(ConfigError, match=r"http.headers.X-Key: environment variable R57_NOPE"):
        resolve_headers(settings)
