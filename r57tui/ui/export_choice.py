"""What the export dialog (`E`, export_dialog.py) answers: apart from the dialog, so the
exports' control names it without importing the dialog at start."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..export import NotesChoice


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    all_tables: bool
    folder: Path
    notes: NotesChoice = "latest"  # task tables: the latest note, or all of them
