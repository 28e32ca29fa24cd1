"""The bundled demo: a realistic Q3 2025 feed, and a server that makes it move."""

from pathlib import Path


def demo_feed_path() -> Path:
    """The bundled demo feed, inside the installed package (made by scripts/make_demo_feed.py)."""
    return Path(__file__).resolve().parent / "demo-feed.json"


def bundled_feed_path(name: str) -> Path:
    """A bundled feed by the name that stands for it: `demo` (the national demo) or
    `demo-dien-bien` (Điện Biên's own programme, beside it)."""
    files = {"demo": "demo-feed.json", "demo-dien-bien": "demo-dien-bien.json"}
    return Path(__file__).resolve().parent / files[name]


def write_demo_feed(path: Path) -> None:
    """Write the demo feed to `path`, which must not exist: a file there is never replaced.

    Raises FileExistsError when something is at `path` (a dangling link included: the file
    is made with O_EXCL) and OSError when it cannot be written; nothing is left half written.
    """
    data = demo_feed_path().read_bytes()
    with path.open("xb") as out:
        try:
            out.write(data)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
