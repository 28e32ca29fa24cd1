"""The headline figures, as a meeting report quotes them: assigned, completed, on time, overdue."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..i18n.numbers import format_int, format_percent
from ..rollup import Bucket, Counts

# State is never told by colour alone: each has a symbol too.
SYMBOLS = {"completed": "✓", "on_time": "◷", "overdue": "!"}
STYLES = {"completed": "bold green", "on_time": "bold blue", "overdue": "bold red"}
BAR_WIDTH = 40


def share_bar(counts: Counts, width: int = BAR_WIDTH) -> Text:
    """A bar of the three shares of assigned, each part drawn with its own symbol."""
    bar = Text()
    if counts.assigned == 0:
        return bar.append("·" * width, style="dim")
    parts = [
        ("completed", counts.completed),
        ("on_time", counts.on_time),
        ("overdue", counts.overdue),
    ]
    # A non-zero share is always visible; the rounding difference goes to the largest part.
    cells = [max(round(value * width / counts.assigned), 1 if value else 0) for _, value in parts]
    largest = cells.index(max(cells))
    cells[largest] += width - sum(cells)
    for (name, _), size in zip(parts, cells, strict=True):
        bar.append(("█" if name != "overdue" else "▓") * size, style=STYLES[name])
    return bar


class Headline(Static):
    """Four figures and a bar; all numbers come from the roll-up."""

    DEFAULT_CSS = """
    Headline { height: auto; padding: 0 1; }
    """

    def __init__(self, language: str = "en", **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.language = language

    def show(self, counts: Counts, label: str = "All agencies") -> None:
        n = self._n
        text = Text()
        text.append(f"{label}: ", style="bold")
        text.append(f"{n(counts.assigned)} assigned", style="bold")
        text.append("   ")
        text.append(
            f"{SYMBOLS['completed']} Completed {n(counts.completed)} ", style=STYLES["completed"]
        )
        text.append(f"({self._pct(counts, Bucket.COMPLETED)})")
        text.append(f", {n(counts.completed_late)} late", style="dim")
        text.append("   ")
        text.append(f"{SYMBOLS['on_time']} On time {n(counts.on_time)} ", style=STYLES["on_time"])
        text.append(f"({self._pct(counts, Bucket.ON_TIME)})")
        text.append("   ")
        text.append(f"{SYMBOLS['overdue']} Overdue {n(counts.overdue)} ", style=STYLES["overdue"])
        text.append(f"({self._pct(counts, Bucket.OVERDUE)})")
        text.append("\n")
        text.append_text(share_bar(counts))
        text.append("  % of assigned", style="dim")
        self.update(text)

    def _n(self, value: int) -> str:
        return format_int(value, self.language)

    def _pct(self, counts: Counts, bucket: Bucket) -> str:
        return format_percent(counts.share(bucket).percent(0), 0, self.language)
