"""A task's notes in a task table: the latest note and its date (the reason a meeting
asks for), or on request every note in one cell, newest first, a dated line each."""

from __future__ import annotations

from ..feed import Note, Task
from ..i18n.dates import format_date
from ..i18n.strings import tr
from ..views.shown import latest_note
from .table_model import Cell, Column, NotesChoice


def newest_first(task: Task) -> list[Note]:
    """The task's notes, the newest first; of two on one day, the later in the feed first
    (as `latest_note` takes it)."""
    order = sorted(range(len(task.notes)), key=lambda i: (task.notes[i].date, i), reverse=True)
    return [task.notes[i] for i in order]


def note_columns(notes: NotesChoice, lang: str) -> tuple[Column, ...]:
    if notes == "all":
        return (Column("notes", tr("Notes", lang), "lines"),)
    return (
        Column("note", tr("Latest note", lang)),
        Column("note_date", tr("Note date", lang), "date"),
    )


def note_cells(task: Task, notes: NotesChoice, lang: str) -> tuple[Cell, ...]:
    if notes == "all":
        # One line a note: a note's own line breaks are spaces, so a line is a note.
        lines = [
            f"{format_date(note.date, lang)}: {' '.join(note.text.split())}"
            for note in newest_first(task)
        ]
        return ("\n".join(lines) or None,)
    note = latest_note(task)
    return (note.text, note.date) if note else (None, None)
