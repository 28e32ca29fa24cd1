"""The Vietnamese catalogue as its source file says it, read with Babel (a test dependency),
to check against what the interface reads at run time (the compiled .mo, with gettext)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "r57tui" / "i18n" / "locale"


def po_path(language: str = "vi") -> Path:
    return LOCALE / language / "LC_MESSAGES" / "r57tui.po"


def mo_path(language: str = "vi") -> Path:
    return LOCALE / language / "LC_MESSAGES" / "r57tui.mo"


def read_catalogue(language: str = "vi") -> Catalog:
    with po_path(language).open("rb") as file:
        return read_po(file, locale=language, domain="r57tui")


def po_translations(language: str = "vi") -> dict[str, str]:
    """English msgid → msgstr of every entry of the .po (the header left out)."""
    return {
        str(message.id): str(message.string) for message in read_catalogue(language) if message.id
    }
