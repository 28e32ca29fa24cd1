"""The bundled demo: a realistic Q3 2025 feed, and a server that makes it move."""

from pathlib import Path


def demo_feed_path() -> Path:
    """The bundled demo feed, inside the installed package (made by scripts/make_demo_feed.py)."""
    return Path(__file__).resolve().parent / "demo-feed.json"
