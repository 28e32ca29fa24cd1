"""The program png.py runs to draw one picture: SVG on standard input, PNG on standard
output, one line on standard error and exit status 1 if it cannot.

Run by its path with `python -P`, so it imports nothing of r57tui (the package's start-up
is not paid for each picture) and nothing from the folder it sits in. The arguments: the
width in pixels (0: the SVG's own size), the monospace family, the sans-serif family,
then the font files, the only fonts the picture is drawn with.
"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    try:
        width, monospace, sans_serif, *fonts = argv
        import resvg_py

        svg = sys.stdin.buffer.read().decode("utf-8")
        png = resvg_py.svg_to_bytes(
            svg_string=svg,
            width=int(width) or None,
            # The machine's fonts are left out: a picture looks the same on every
            # computer, and never falls back to a font without Vietnamese letters.
            skip_system_fonts=True,
            font_files=fonts,
            font_family=sans_serif,
            sans_serif_family=sans_serif,
            monospace_family=monospace,
        )
    except Exception as exc:  # the parent says it in one line, whatever it was
        reason = " ".join(str(exc).split()) or type(exc).__name__
        print(reason, file=sys.stderr)
        return 1
    sys.stdout.buffer.write(bytes(png))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
