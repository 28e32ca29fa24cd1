"""The explicit package list in pyproject.toml (needed to install themes/ as r57tui.themes)
names every package of the source tree, so nothing is left out of an install."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_and_themes_map_to_the_top_folder() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    in_tree = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "r57tui").rglob("__init__.py")
    }
    assert set(config["packages"]) == in_tree | {"r57tui.themes"}
    assert config["package-dir"] == {"r57tui.themes": "themes"}
    assert (ROOT / "themes" / "__init__.py").is_file()
