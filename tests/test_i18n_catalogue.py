"""The Vietnamese catalogue is a gettext .po that translators' tools open, and the .mo the
interface reads beside it holds exactly its entries: none empty, none fuzzy, every
{placeholder} of the English kept in the Vietnamese."""

from __future__ import annotations

import gettext
from string import Formatter

from r57tui.i18n.strings import VI
from tests.po import mo_path, po_translations, read_catalogue


def _mo_translations() -> dict[str, str]:
    with mo_path().open("rb") as file:
        translations = gettext.GNUTranslations(file)
    return {key: value for key, value in translations._catalog.items() if key}


def test_the_po_holds_the_python_catalogue_entry_for_entry() -> None:
    assert po_translations() == VI
    assert _mo_translations() == VI
