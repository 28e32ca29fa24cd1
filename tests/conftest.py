"""Every test gets its own empty user config and data dirs, so nothing the developer has
there (a config, user themes, a remembered theme, a history of meetings) changes a result,
and no test writes there; and an English locale, so the interface language is the same on
every machine."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _own_config_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home: Path = tmp_path_factory.mktemp("config-home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data-home")))
    monkeypatch.delenv("NO_COLOR", raising=False)
    # The interface language follows the locale when not configured: make it English.
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return home


@pytest.fixture
def small_feeds_reuse(monkeypatch: pytest.MonkeyPatch) -> None:
    """A refresh reuses the last feed's tasks however many changed: small feeds change by
    more than the share either path takes, so the path under test is the one made from
    the last feed (tests/test_rollup_since.py, tests/test_views_carried.py)."""
    from r57tui import task_delta
    from r57tui.feed import refresh

    monkeypatch.setattr(refresh, "_MOST_FRESH", 1.0)
    monkeypatch.setattr(task_delta, "MOST_REPLACED", 1.0)
