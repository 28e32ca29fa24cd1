"""The shape of r57tui/ui, read from its sources: screens never import the app module,
the modules import each other in one direction only (where they are used or at the top,
never for the type checker alone), and none grows past its size."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).parents[1] / "r57tui" / "ui"
PACKAGE = "r57tui.ui"


def modules() -> dict[str, ast.Module]:
    return {path.stem: ast.parse(path.read_text("utf-8")) for path in sorted(UI.glob("*.py"))}


def imported(tree: ast.Module) -> list[tuple[str, ast.stmt]]:
    """Every r57tui.ui module an import anywhere in the tree names, with the statement."""
    found: list[tuple[str, ast.stmt]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 1:  # from .x import y, from . import x
                base = f"{PACKAGE}.{node.module}" if node.module else PACKAGE
            elif node.level == 0 and node.module:
                base = node.module
            else:
                continue  # from .. (the package above ui/)
            found.append((base, node))
            found += [(f"{base}.{alias.name}", node) for alias in node.names]
    return [(name, node) for name, node in found if name.startswith(f"{PACKAGE}.")]


def test_no_module_but_the_app_imports_the_app_module() -> None:
    importers = sorted(
        stem
        for stem, tree in modules().items()
        if stem != "app" and any(name == f"{PACKAGE}.app" for name, _ in imported(tree))
    )
    assert importers == []


def _type_checking_only(tree: ast.Module) -> set[ast.stmt]:
    """The imports made only for the type checker (`if TYPE_CHECKING:`)."""
    found: set[ast.stmt] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            found |= {
                each for each in ast.walk(node) if isinstance(each, ast.Import | ast.ImportFrom)
            }
    return found


def test_ui_modules_import_each_other_in_one_direction() -> None:
    # An import inside a function is counted as any other: a screen imported where it is
    # opened (the start imports only what its first frame draws) still goes one way. An
    # import for the type checker alone is how a circle hides: none.
    trees = modules()
    graph: dict[str, set[str]] = {}
    hidden = []
    for stem, tree in trees.items():
        checking = _type_checking_only(tree)
        hidden += [
            f"{stem}.py line {node.lineno}" for _, node in imported(tree) if node in checking
        ]
        graph[stem] = {
            name.removeprefix(f"{PACKAGE}.") for name, _ in imported(tree)
        } & trees.keys()
    assert hidden == []
    # Depth-first search for a cycle.
    state: dict[str, str] = {}

    def visit(stem: str, path: list[str]) -> None:
        state[stem] = "open"
        for other in sorted(graph[stem]):
            assert state.get(other) != "open", " -> ".join([*path, stem, other])
            if other not in state:
                visit(other, [*path, stem])
        state[stem] = "done"

    for stem in sorted(graph):
        if stem not in state:
            visit(stem, [])


def test_no_ui_module_over_400_lines_nor_class_over_250() -> None:
    too_big = []
    for path in sorted(UI.glob("*.py")):
        source = path.read_text("utf-8")
        if len(source.splitlines()) > 400:
            too_big.append(f"{path.name}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ClassDef):
                assert node.end_lineno is not None
                size = node.end_lineno - node.lineno + 1
                if size > 250:
                    too_big.append(f"{path.name}: class {node.name}, {size} lines")
    assert too_big == []
