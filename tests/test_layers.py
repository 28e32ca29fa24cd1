"""The import contracts in pyproject.toml, tried on copies of the package with one wrong
import planted: `lint-imports` must fail on each, naming the import, and pass on the
package as it is.

Each case copies r57tui/ and pyproject.toml into tmp_path and runs lint-imports there, so
the copy, not the installed package, is the one analysed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def package_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "r57tui", tmp_path / "r57tui", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def plant(root: Path, module: str, line: str) -> None:
    path = root / module
    text = path.read_text(encoding="utf-8") if path.exists() else '"""Planted."""\n'
    # After the docstring and `from __future__`, where an import may stand.
    path.write_text(f"{text}\n{line}\n", encoding="utf-8")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root), "NO_COLOR": "1"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        check=False,
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_package_as_it_is_keeps_every_contract(tmp_path: Path) -> None:
    result = lint_imports(package_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Layers: each imports only the layers below it KEPT" in result.stdout
    assert "Only r57tui.ui imports textual or rich KEPT" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "chain"),
    [
        # The feed model asking a question of the layer above it.
        ("feed/as_of.py", "from ..rollup import roll_up", "r57tui.feed.as_of -> r57tui.rollup"),
        # A pure question reaching into an output format.
        ("rollup.py", "from .export import FORMATS", "r57tui.rollup -> r57tui.export"),
        # An export format reaching for the settings' wiring.
        (
            "export/meta.py",
            "from ..commands.sources import open_source",
            "r57tui.export.meta -> r57tui.commands.sources",
        ),
        # The words at the bottom importing the settings.
        ("i18n/numbers.py", "from ..config import Cap", "r57tui.i18n.numbers -> r57tui.config"),
        # The web view importing the terminal interface beside it.
        ("web/server.py", "from ..ui import app", "r57tui.web.server -> r57tui.ui"),
    ],
)
def test_an_upward_import_breaks_the_layers(
    tmp_path: Path, module: str, line: str, chain: str
) -> None:
    root = package_copy(tmp_path)
    plant(root / "r57tui", module, line)
    result = lint_imports(root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Layers: each imports only the layers below it BROKEN" in result.stdout
    assert chain in result.stdout


def test_a_new_module_must_be_given_its_layer(tmp_path: Path) -> None:
    root = package_copy(tmp_path)
    plant(root / "r57tui", "reports.py", "from .feed import Feed")
    result = lint_imports(root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "r57tui.reports" in result.stdout


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("views.py", "import textual"),
        ("web/server.py", "from rich.text import Text"),
        # A module nobody listed anywhere: covered all the same.
        ("commands/colours.py", "from textual.color import Color"),
    ],
)
def test_textual_or_rich_outside_the_interface_breaks_its_contract(
    tmp_path: Path, module: str, line: str
) -> None:
    root = package_copy(tmp_path)
    plant(root / "r57tui", module, line)
    result = lint_imports(root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Only r57tui.ui imports textual or rich BROKEN" in result.stdout
    dotted = "r57tui." + module.removesuffix(".py").replace("/", ".")
    assert dotted in result.stdout
