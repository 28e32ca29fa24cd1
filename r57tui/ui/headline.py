"""The headline figures, as a meeting report quotes them: assigned, completed, on time, overdue.

Percentages are of assigned tasks, and the line says so. Figures that moved at the last
refresh carry their change (+3, −1) for a few seconds.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..baseline import Comparison
from ..i18n.dates import format_date
from ..i18n.numbers import format_int, format_percent
from ..i18n.strings import tr
from ..rollup import Bucket, Counts
from ..safety import one_line
from ..views import Scope
from .marks import SYMBOLS, ThemeColours, signed
from .redraw import update_text

BAR_WIDTH = 40
# (when, moved): the baseline's as-of date and what moved in the scope since it.
Since = tuple[str, dict[Bucket, int]]


def share_bar(counts: Counts, colours: ThemeColours, width: int = BAR_WIDTH) -> Text:
    """A bar of the three shares of assigned, each part drawn with its own symbol."""
    bar = Text()
    if counts.assigned == 0:
        return bar.append("·" * width, style=colours.style("muted"))
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
        bar.append(("█" if name != "overdue" else "▓") * size, style=colours.state_style(name))
    return bar


def since_baseline(comparison: Comparison | None, scope: Scope, language: str) -> Since | None:
    """What a headline says of the baseline for a scope, or None without one."""
    if comparison is None:
        return None
    return format_date(comparison.baseline.feed.as_of_date, language), scope.changes(
        comparison.changes
    )


class Headline(Static):
    """Four figures and a bar; all numbers come from the roll-up."""

    DEFAULT_CSS = """
    Headline { height: auto; padding: 0 1; }
    """

    def __init__(self, language: str, colours: ThemeColours, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.language = language
        self.colours = colours

    def show(
        self,
        counts: Counts,
        label: str = "All agencies",
        moved: dict[Bucket, int] | None = None,
        since: Since | None = None,
    ) -> None:
        """`moved`: what changed at the last refresh (marks for a few seconds); `since`:
        what changed since the baseline, a line of its own for as long as it is set."""
        moved = moved or {}
        lang, colours = self.language, self.colours

        def figure(bucket: Bucket, style: str = "") -> Text:
            text = Text(format_int(counts.get(bucket), lang), style=style)
            if moved.get(bucket):
                text.append(" ")
                text.append_text(colours.change_text(moved[bucket], lang))
            return text

        def pct(bucket: Bucket) -> str:
            return format_percent(counts.share(bucket).percent(0), 0, lang)

        text = Text()
        # The label may be an agency's name from the feed: made printable and cut.
        text.append(f"{one_line(label, 60)}: ", style="bold")
        text.append_text(figure(Bucket.ASSIGNED, "bold"))
        text.append(f" {tr('assigned', lang)}", style="bold")
        for bucket, name, word in (
            (Bucket.COMPLETED, "completed", "Completed"),
            (Bucket.ON_TIME, "on_time", "On time"),
            (Bucket.OVERDUE, "overdue", "Overdue"),
        ):
            text.append("   ")
            text.append(f"{SYMBOLS[name]} {tr(word, lang)} ", style=colours.state_style(name))
            text.append_text(figure(bucket, colours.state_style(name)))
            text.append(f" ({pct(bucket)})")
            if bucket is Bucket.COMPLETED:
                # "of which 42 late", as the reports write it: "late" alone, beside
                # Overdue, would read as overdue twice.
                text.append(", ")
                muted = colours.style("muted")
                text.append(f"{tr('of which', lang)} ", style=muted)
                text.append_text(figure(Bucket.COMPLETED_LATE, muted))
                text.append(f" {tr('late', lang)}", style=muted)
        text.append("\n")
        text.append_text(share_bar(counts, colours))
        text.append(f"  {tr('% of assigned', lang)}", style=colours.style("muted"))
        if since is not None:
            when, delta = since
            text.append("\n")
            text.append(f"{tr('Since', lang)} {when}: ", style="bold")
            for bucket, name, word in (
                (Bucket.ASSIGNED, "", "assigned"),
                (Bucket.COMPLETED, "completed", "completed"),
                (Bucket.ON_TIME, "on_time", "on time"),
                (Bucket.OVERDUE, "overdue", "overdue"),
            ):
                if bucket is not Bucket.ASSIGNED:
                    text.append(" · ")
                change = signed(delta.get(bucket, 0), lang)
                text.append(
                    f"{change} {tr(word, lang)}", style=colours.state_style(name) if name else ""
                )
            text.append(
                f"  ({tr('c: the tasks that changed', lang)})", style=colours.style("muted")
            )
        update_text(self, text)
