"""The Word report as plain blocks (headings, paragraphs, tables, pictures, appendices)
and the settings it is written with: what report_content.py builds and docx_format.py
draws."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from ..config import Settings
from ..history import TOTAL, HistoryError, HistoryStore, SourceKey, history_path
from ..rollup import Bucket

RowKind = Literal["body", "group", "total"]


@dataclass(frozen=True, slots=True)
class GridColumn:
    header: str
    numeric: bool = False
    weight: float = 1.0  # its share of the width the fixed columns leave
    mm: float | None = None  # a fixed width: a figure's, a date's, the row number's


@dataclass(frozen=True, slots=True)
class GridRow:
    cells: tuple[str, ...]
    kind: RowKind = "body"  # "group": its first cell heads the rows below, across the table


@dataclass(frozen=True, slots=True)
class Grid:
    columns: tuple[GridColumn, ...]
    rows: tuple[GridRow, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class Para:
    text: str


@dataclass(frozen=True, slots=True)
class Picture:
    png: bytes
    width_mm: float
    caption: str  # "Hình 1. …"


Block = Heading | Para | Grid | Picture


@dataclass(frozen=True, slots=True)
class Appendix:
    title: str  # "Phụ lục I"
    subject: str
    grid: Grid
    note: str = ""  # "(Kèm theo Báo cáo số …/BC-… ngày …)"


@dataclass(frozen=True, slots=True)
class Report:
    language: str
    issuer: str
    number: str  # "Số: …/BC-…", left to fill
    nation: str
    motto: str
    place_date: str  # "…, ngày 30 tháng 11 năm 2026"
    kind: str  # "BÁO CÁO"
    subject: str
    body: tuple[Block, ...]
    recipients: tuple[str, ...]  # "Nơi nhận:" and its lines, left to fill
    signature: tuple[str, ...]  # the signer's block, left to fill
    appendices: tuple[Appendix, ...]


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """The settings' `[export] issuer` and `report_template` (None: the defaults), and
    the history file whose meetings the report draws as its trend (read only when a
    report of the whole feed is written, not at every export)."""

    issuer: str | None = None
    template: Path | None = None
    history: Path | None = None
    source: SourceKey | None = None  # whose meetings (None: every snapshot's)

    @classmethod
    def of(
        cls, settings: Settings, history: Path | None = None, source: SourceKey | None = None
    ) -> ReportOptions:
        """From the settings; the history is `history` (--history), else the settings',
        read as `source`'s."""
        template = settings.export.report_template
        return cls(
            settings.export.issuer,
            template.expanduser() if template else None,
            history.expanduser() if history is not None else history_path(settings),
            source,
        )


def recorded_completion(
    path: Path | None, source: SourceKey | None = None
) -> tuple[tuple[date, Decimal], ...]:
    """The whole feed's share completed at each meeting of `source` in the history at
    `path`; none
    when there is no history there, or one that cannot be read (the report is written
    without its trend: `r57tui history` says what is wrong with the file)."""
    if path is None or not path.is_file():
        return ()
    try:
        trends = HistoryStore(path, source).trends(TOTAL)
    except HistoryError:
        return ()
    points = []
    for entry, counts in zip(trends.entries, trends.series.get(None, ()), strict=True):
        share = counts.share(Bucket.COMPLETED).percent(1) if counts is not None else None
        if share is not None:
            points.append((entry.as_of_date, share))
    return tuple(points)
