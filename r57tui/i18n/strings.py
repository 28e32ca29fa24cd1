"""Interface strings by language: the English text is the key, gettext style.

`tr("Overdue", "vi")` gives the Vietnamese; a string missing from a catalogue falls back to
English, so an untranslated string is visible rather than blank.
"""

from __future__ import annotations

VI: dict[str, str] = {}

_CATALOGUES = {"vi": VI}


def tr(text: str, language: str) -> str:
    catalogue = _CATALOGUES.get(language)
    if catalogue is None:
        return text
    return catalogue.get(text, text)
