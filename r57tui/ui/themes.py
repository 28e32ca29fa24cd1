"""Colour themes: the shipped ones (themes/ at the top of the repository, installed as
r57tui.themes) and the user's, one TOML file each, validated into Textual `Theme`s.

A file holds Textual Theme fields and, under [variables], the app's colours by meaning:
the four task states and the red/amber/green marks, and optionally the muted text and the
footer's keys (TEXTUAL_VARIABLES). A bad file (not TOML, an unknown key,
a bad colour, a missing field) is reported by name with its problem and skipped; the app
starts anyway.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

# The app's colours by meaning, with defaults for themes that do not set them (Textual's
# own themes, listed in the palette, among them).
APP_VARIABLES: dict[str, str] = {
    "state-completed": "#4EBF71",
    "state-completed-late": "#9ACD68",
    "state-on-time": "#5AA9FF",
    "state-overdue": "#F05A5A",
    "rag-green": "#4EBF71",
    "rag-amber": "#E6B33D",
    "rag-red": "#F05A5A",
}
# Textual's own colours a theme may set, for text that its defaults draw too faint: its
# "auto 60%" muted text (inactive tabs, totals, placeholders, the muted parts of a row)
# and the footer's keys, drawn in the accent colour on the panel. A theme that leaves them
# out gets Textual's.
TEXTUAL_VARIABLES = ("text-muted", "footer-key-foreground")
_COLOUR_FIELDS = {
    "primary", "secondary", "warning", "error", "success", "accent",
    "foreground", "background", "surface", "panel", "boost",
}  # fmt: skip
_OTHER_FIELDS = {"name": str, "dark": bool, "luminosity_spread": float, "text_alpha": float}
DEFAULT_THEME = "r57-dark"


class ThemeError(Exception):
    """A theme file that cannot be used; `str()` names the file and the problem."""


@dataclass(frozen=True)
class LoadedThemes:
    themes: list[Theme]
    problems: list[str]  # one line each: "<file>: <problem>"

    @property
    def names(self) -> list[str]:
        return [theme.name for theme in self.themes]


def _colour(where: str, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise ThemeError(f"{where}: {key} must be a colour string, not {type(value).__name__}")
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeError(f"{where}: {key} = {value!r} is not a colour") from None
    return value


def theme_from_toml(text: str, where: str) -> Theme:
    """A Theme from a theme file's text; ThemeError says what is wrong and where."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"{where}: not TOML ({exc})") from None
    known = _COLOUR_FIELDS | set(_OTHER_FIELDS) | {"variables"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ThemeError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ThemeError(f"{where}: name is missing")
    if "primary" not in data:
        raise ThemeError(f"{where}: primary is missing")
    arguments: dict[str, object] = {}
    for key, given in data.items():
        if key in _COLOUR_FIELDS:
            arguments[key] = _colour(where, key, given)
        elif key in _OTHER_FIELDS:
            wanted = _OTHER_FIELDS[key]
            value = given
            if wanted is float and isinstance(given, int) and not isinstance(given, bool):
                value = float(given)
            if not isinstance(value, wanted):
                raise ThemeError(f"{where}: {key} must be {wanted.__name__}")
            arguments[key] = value
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ThemeError(f"{where}: [variables] must be a table")
    for key, value in variables.items():
        if key not in APP_VARIABLES and key not in TEXTUAL_VARIABLES:
            names = ", ".join([*APP_VARIABLES, *TEXTUAL_VARIABLES])
            raise ThemeError(f"{where}: unknown variable {key!r} (known: {names})")
        _colour(where, f"variables.{key}", value)
    theme = Theme(variables={**APP_VARIABLES, **variables}, **arguments)  # type: ignore[arg-type]
    try:
        # Theme checks nothing until used: generate the colour system now.
        theme.to_color_system().generate()
    except Exception as exc:  # whatever Textual raises for a theme it cannot use
        raise ThemeError(f"{where}: {exc}") from None
    return theme


def shipped_theme_files() -> list[tuple[str, str]]:
    """(file name, text) of every shipped theme."""
    folder = files("r57tui.themes")
    return sorted(
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


def load_themes(folders: Iterable[Path]) -> LoadedThemes:
    """Shipped themes, then each folder's `*.toml` (a later theme of the same name wins)."""
    by_name: dict[str, Theme] = {}
    problems: list[str] = []
    sources: list[tuple[str, str]] = list(shipped_theme_files())  # (where, text)
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                sources.append((str(path), path.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})")
    for where, text in sources:
        try:
            theme = theme_from_toml(text, where)
        except ThemeError as exc:
            problems.append(str(exc))
            continue
        by_name[theme.name] = theme
    return LoadedThemes(list(by_name.values()), problems)
