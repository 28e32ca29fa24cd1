"""SVG to PNG, for the pictures the exports write: the PNG beside a screenshot's SVG (older
Word cannot place an SVG) and the charts of the report.

resvg draws them (the resvg-py wheel: no system library), with the fonts shipped in
fonts/ and none of the machine's, so a picture looks the same on every computer and
every Vietnamese letter is drawn whole: Roboto Mono for monospace text (a screen's), its
weight axis for bold, DejaVu Sans for sans-serif text (the charts) and for the symbols
Roboto Mono lacks (boxes, blocks, ✓, ⚠). A font named but not shipped ("Fira Code",
"arial" in Textual's SVG) falls to its list's generic family; a list without one gets
sans-serif, since resvg leaves out text whose fonts it cannot find.

resvg holds Python's lock for the whole of a drawing, which would freeze the dashboard
even from a worker thread (a large screen is a long drawing); so it draws in a child process
(png_child.py), and `svg_to_png` may be called from any thread. A failure is an
ExportError of one line.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from ..i18n.message import Message
from .files import ExportError

FONTS = Path(__file__).with_name("fonts")
FONT_FILES = (FONTS / "RobotoMono-VariableFont_wght.ttf", FONTS / "DejaVuSans.ttf")
MONOSPACE = "Roboto Mono"
SANS_SERIF = "DejaVu Sans"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Far longer than the largest screen takes; a drawing past it is stuck, not slow.
TIMEOUT_SECONDS = 120
_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
# font-family in a style sheet (`font-family: a, b;`) or an attribute (font-family="a, b").
_CSS_FAMILY = re.compile(r"(font-family\s*:\s*)([^;}<>\"]+?)(\s*[;}])")
_ATTR_FAMILY = re.compile(r"(font-family\s*=\s*)(\"[^\"]*\"|'[^']*')")


def _with_generic(families: str) -> str:
    names = {name.strip().strip("'\"").casefold() for name in families.split(",")}
    return families if names & _GENERIC else f"{families}, sans-serif"


def with_generic_families(svg: str) -> str:
    """Every font-family list of `svg` ending in a generic family, so its text is drawn
    with a shipped font when none of the fonts it names is there."""
    svg = _CSS_FAMILY.sub(lambda m: m[1] + _with_generic(m[2]) + m[3], svg)

    def attribute(match: re.Match[str]) -> str:
        quote, families = match[2][0], match[2][1:-1]
        other = "'" if quote == '"' else '"'
        return f"{match[1]}{quote}{_with_generic(families).replace(quote, other)}{quote}"

    return _ATTR_FAMILY.sub(attribute, svg)


def _failed(reason: str | Message) -> ExportError:
    return ExportError(Message.of("cannot draw the PNG picture: {reason}", reason=reason))


def svg_to_png(svg: str, width: int | None = None) -> bytes:
    """The PNG of `svg`, `width` pixels wide (the SVG's own size if None), drawn with the
    shipped fonts. Blocks until drawn; raises ExportError (one line)."""
    command = [
        sys.executable,
        # Not the child's own folder on its path (its neighbours are not libraries); the
        # user's site-packages stay, where a `pip install --user` put resvg-py.
        "-P",
        str(Path(__file__).with_name("png_child.py")),
        str(width or 0),
        MONOSPACE,
        SANS_SERIF,
        *map(str, FONT_FILES),
    ]
    try:
        done = subprocess.run(
            command,
            input=with_generic_families(svg).encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise _failed(Message.of("not drawn within {seconds} s", seconds=TIMEOUT_SECONDS)) from None
    except OSError as exc:
        raise _failed(exc.strerror or type(exc).__name__) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _failed(said[-1] if said else f"exit status {done.returncode}")
    if not done.stdout.startswith(PNG_SIGNATURE):
        raise _failed(Message.of("the drawing program gave no PNG"))
    return done.stdout
