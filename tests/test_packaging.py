"""What an install holds: the explicit package list in pyproject.toml (needed to install
themes/ as r57tui.themes) names every package of the source tree; constraints.txt pins
every package installed; the licences ship in the wheel, and so do the translation
catalogues, which the interface reads from where it installs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

from r57tui import __version__
from r57tui.export.png import FONT_FILES

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
    # The fonts the PNG pictures are drawn with, and their licences, install too.
    fonts = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "r57tui" / "export" / "fonts").iterdir()
    }
    assert {f"r57tui/export/fonts/{path.name}" for path in FONT_FILES} <= fonts <= shipped
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


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not name==version"
            pins[_name(name)] = version
    return pins


def _needed(name: str, extras: tuple[str, ...] = (), seen: set[str] | None = None) -> set[str]:
    """`name` and every distribution it needs in this environment, with its `extras`."""
    seen = set() if seen is None else seen
    if _name(name) in seen:
        return seen
    seen.add(_name(name))
    for text in metadata.requires(name) or ():
        req = Requirement(text)
        wanted = (
            req.marker is None
            or req.marker.evaluate({"extra": ""})
            or any(req.marker.evaluate({"extra": extra}) for extra in extras)
        )
        if wanted:
            _needed(req.name, tuple(req.extras), seen)
    return seen


def test_constraints_pin_everything_installed_within_the_declared_ranges() -> None:
    pins = _pins()
    needed = _needed("r57tui", ("test",)) - {"r57tui"}
    assert needed <= pins.keys(), f"not pinned in constraints.txt: {sorted(needed - pins.keys())}"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    for text in declared:
        req = Requirement(text)
        assert req.specifier.contains(pins[_name(req.name)]), (text, pins[_name(req.name)])
    # The suite runs on what the README's commands install (`pip install -c constraints.txt`);
    # after upgrading a package by hand, make the file again as the README says.
    installed = {name: metadata.version(name) for name in needed}
    assert {name: pins[name] for name in needed} == installed


def test_textual_serve_is_bounded_to_the_minor_version_whose_privates_we_override() -> None:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    serve = next(Requirement(d) for d in dependencies if Requirement(d).name == "textual-serve")
    assert not serve.specifier.contains("1.2.0")
    assert serve.specifier.contains(metadata.version("textual-serve"))
    web = ROOT / "r57tui" / "web"
    source = "".join(
        (web / name).read_text(encoding="utf-8") for name in ("server.py", "dashboard_service.py")
    )
    assert "def _open_app_process" in source  # why it is bounded; drop the bound with it


def test_the_wheel_ships_the_licence_files_and_the_changelog_has_the_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    shipped = {path for pattern in project["license-files"] for path in ROOT.glob(pattern)}
    assert shipped == {
        ROOT / "LICENSE",
        *(ROOT / "r57tui" / "web" / "page").glob("LICENSE-*.txt"),
        *(ROOT / "r57tui" / "export" / "fonts").glob("LICENSE-*.txt"),
    }
    assert len(shipped) == 5
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert project["license"].split(" AND ")[0] == "MIT"
    assert "urls" not in project  # none until there is a real address (no placeholder)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {__version__}" in changelog
