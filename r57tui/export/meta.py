"""What every export file says about itself: the feed, its as-of time, the source, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..i18n.dates import format_as_of
from ..i18n.strings import tr
from ..safety import one_line


@dataclass(frozen=True, slots=True)
class ExportMeta:
    title: str
    as_of: datetime | date
    source: str  # the source's label: a file name or scheme://host/path, never a secret
    generated_at: datetime
    language: str = "en"
    # With a baseline: its file name and as-of time (the figures' changes are since then).
    baseline: str | None = None
    baseline_as_of: datetime | date | None = None

    def lines(self) -> list[tuple[str, str]]:
        """(label, value) pairs for a title block."""
        lang = self.language
        return [
            (tr("Feed", lang), one_line(self.title or tr("(untitled feed)", lang), 300)),
            (tr("As of", lang), format_as_of(self.as_of, offset=True, language=lang)),
            (tr("Feed source", lang), one_line(self.source, 300)),
            (tr("Generated", lang), format_as_of(self.generated_at, offset=True, language=lang)),
            *self._baseline_lines(),
        ]

    def _baseline_lines(self) -> list[tuple[str, str]]:
        if self.baseline is None or self.baseline_as_of is None:
            return []
        lang = self.language
        when = format_as_of(self.baseline_as_of, offset=True, language=lang)
        return [(tr("Compared with", lang), f"{one_line(self.baseline, 200)}, {when}")]
