"""The explicit package list in pyproject.toml (needed to install themes/ as r57tui.themes)
names every package of the source tree, so nothing is left out of an install; the wheel
ships the translation catalogues, and the interface reads them from where it installs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
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


def _build_wheel(tmp_path: Path) -> Path:
    """The wheel setuptools builds from a copy of the source tree (nothing written here)."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", *(p.name for p in ROOT.glob("LICEN[CS]E*"))):
        shutil.copy2(ROOT / name, source / name)
    for folder in ("r57tui", "themes"):
        shutil.copytree(
            ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    out = tmp_path / "wheel"
    built = subprocess.run(
        [
            sys.executable,
            "-c",
            f"from setuptools import build_meta; build_meta.build_wheel({str(out)!r})",
        ],
        cwd=source,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = out.glob("r57tui-*.whl")
    return wheel


def test_the_wheel_ships_the_translation_catalogues_and_reads_them(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    catalogues = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "r57tui" / "i18n" / "locale").rglob("*")
        if path.is_file()
    }
    assert "r57tui/i18n/locale/vi/LC_MESSAGES/r57tui.po" in catalogues
    assert "r57tui/i18n/locale/vi/LC_MESSAGES/r57tui.mo" in catalogues
    with zipfile.ZipFile(wheel) as archive:
        shipped = set(archive.namelist())
        archive.extractall(tmp_path / "installed")
    assert catalogues <= shipped
    # Installed from the wheel, away from the source tree, the interface speaks Vietnamese.
    said = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]);"
            "from r57tui.i18n.strings import tr, missing; import r57tui;"
            "print(tr('Overdue', 'vi'), missing(), r57tui.__file__)",
            str(tmp_path / "installed"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert said == f"Quá hạn set() {tmp_path / 'installed' / 'r57tui' / '__init__.py'}\n"
