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

    def lines(self) -> list[tuple[str, str]]:
        """(label, value) pairs for a title block."""
        lang = self.language
        return [
            (tr("Feed", lang), one_line(self.title or tr("(untitled feed)", lang), 300)),
            (tr("As of", lang), format_as_of(self.as_of, offset=True, language=lang)),
            (tr("Feed source", lang), one_line(self.source, 300)),
            (tr("Generated", lang), format_as_of(self.generated_at, offset=True, language=lang)),
        ]
