"""The Vietnamese catalogue is a gettext .po that translators' tools open, and the .mo the
interface reads beside it holds exactly its entries: none empty, none fuzzy, every
{placeholder} of the English kept in the Vietnamese. A string missing from it, or a
catalogue that cannot be read, leaves English on screen and is recorded; the interface
language is set once."""

from __future__ import annotations

import gettext
import subprocess
import sys
from pathlib import Path
from string import Formatter

import pytest

from r57tui.i18n import strings
from r57tui.i18n.strings import Catalogues, tr
from tests.po import mo_path, po_translations, read_catalogue

ROOT = Path(__file__).resolve().parents[1]


def _mo_translations() -> dict[str, str]:
    with mo_path().open("rb") as file:
        translations = gettext.GNUTranslations(file)
    return {key: value for key, value in translations._catalog.items() if key}


def test_the_mo_is_the_po_compiled_entry_for_entry() -> None:
    from_po = po_translations()
    assert len(from_po) > 400
    assert _mo_translations() == from_po


def test_the_interface_reads_every_entry_of_the_po() -> None:
    for english, vietnamese in po_translations().items():
        assert tr(english, "vi") == vietnamese


def test_no_entry_is_empty_fuzzy_or_obsolete() -> None:
    catalogue = read_catalogue()
    assert not catalogue.fuzzy  # the header
    assert catalogue.obsolete == {}
    assert catalogue.mime_headers  # Language, Plural-Forms, charset
    assert catalogue.locale is not None
    assert str(catalogue.locale) == "vi"
    assert dict(catalogue.mime_headers)["Content-Type"] == "text/plain; charset=utf-8"
    bad = [
        message.id
        for message in catalogue
        if message.id and (not message.string or message.fuzzy or message.pluralizable)
    ]
    assert bad == []


def _fields(text: str) -> list[tuple[str, str, str]]:
    return sorted(
        (name, spec or "", conversion or "")
        for _, name, spec, conversion in Formatter().parse(text)
        if name is not None
    )


def test_every_placeholder_of_the_english_is_in_the_vietnamese() -> None:
    differ = {
        english: vietnamese
        for english, vietnamese in po_translations().items()
        if _fields(english) != _fields(vietnamese)
    }
    assert differ == {}


def test_entries_wrapped_over_lines_in_the_po_are_read_whole() -> None:
    assert tr("checking {size} of figures…", "vi") == "đang kiểm tra {size} số liệu…"
    english = (
        "{where}: max_bytes and http.max_bytes give two different caps ({one} and {two}): "
        "keep max_bytes, the cap for every source"
    )
    assert tr(english, "vi") == (
        "{where}: max_bytes và http.max_bytes đặt hai giới hạn khác nhau ({one} và {two}): "
        "chỉ giữ max_bytes, giới hạn chung cho mọi nguồn"
    )


def test_a_missing_string_stays_english_and_is_recorded(monkeypatch) -> None:
    monkeypatch.setattr(strings, "_missing", set())
    assert tr("A string no one translated", "vi") == "A string no one translated"
    assert tr("Overdue", "vi") == "Quá hạn"
    assert tr("Overdue", "en") == "Overdue"
    assert tr("", "vi") == ""
    assert strings.missing() == {("vi", "A string no one translated")}
    # Asked again after the record was taken away, it is recorded again: only strings
    # found are kept aside.
    monkeypatch.setattr(strings, "_missing", set())
    assert tr("A string no one translated", "vi") == "A string no one translated"
    assert strings.missing() == {("vi", "A string no one translated")}


@pytest.mark.parametrize("content", [None, b"", b"not a catalogue at all", b"\xde\x12\x04\x95"])
def test_a_catalogue_that_cannot_be_read_leaves_english_on_screen(
    tmp_path: Path, monkeypatch, caplog, content: bytes | None
) -> None:
    monkeypatch.setattr(strings, "_missing", set())
    folder = tmp_path / "vi" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    if content is not None:
        (folder / "r57tui.mo").write_bytes(content)
    catalogues = Catalogues(str(tmp_path))
    assert catalogues.translate("Overdue", "vi") == "Overdue"
    assert catalogues.translate("Quit", "vi") == "Quit"
    assert strings.missing() == {("vi", "Overdue"), ("vi", "Quit")}
    said = [record.getMessage() for record in caplog.records]
    assert len(said) == 1  # once, not for every string
    assert "r57tui.mo cannot be read" in said[0]


def _run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False
    )


def test_the_interface_language_can_be_set_until_it_is_read() -> None:
    done = _run(
        "from r57tui.i18n.strings import set_interface_language as s, ui_text, "
        "interface_language as i;"
        "s('en'); s('vi'); print(ui_text('Overdue'), i()); s('vi'); s('fr-not-one');"
    )
    # 'fr-not-one' is English, another language than the one in use.
    assert done.stdout == "Quá hạn vi\n"
    assert done.returncode == 1
    assert (
        "RuntimeError: the interface language is already 'vi' and in use; set it once, "
        "before the interface is imported (asked: 'en')"
    ) in done.stderr


def test_the_interface_language_set_after_the_interface_is_imported_is_refused() -> None:
    done = _run(
        "import r57tui.ui.app;"
        "from r57tui.i18n.strings import set_interface_language as s; s('en'); s('vi')"
    )
    assert done.returncode == 1
    assert "the interface language is already 'en' and in use" in done.stderr
