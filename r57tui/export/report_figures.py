"""The report's figures (charts) as pictures: each a PNG, its caption and its printed width.

The Word report inserts every figure this returns, in order, each with its caption below
("Hình 1. …"). This is the interface only: it returns none until the charts are drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..feed import Feed
from ..rollup import Rollup


@dataclass(frozen=True)
class ReportFigure:
    caption: str
    png: bytes
    width_mm: float


def report_figures(feed: Feed, rollup: Rollup, language: str) -> tuple[ReportFigure, ...]:
    return ()
