"""A source with the name the config gives it (`[[sources]]`), for several feeds at once."""

from __future__ import annotations

from dataclasses import dataclass

from .base import Source


@dataclass(frozen=True, slots=True)
class NamedSource:
    name: str
    source: Source
    refresh: float  # seconds between polls; 0: only on demand


__all__ = ["NamedSource"]
