"""Interface strings by language: the English text is the key, gettext style.

`tr("Overdue", "vi")` gives "Quá hạn". The Vietnamese catalogue is a gettext file,
locale/vi/LC_MESSAGES/r57tui.po (what Poedit and Weblate open), compiled to the r57tui.mo
beside it, which is what is read here, with the standard library's gettext, the first
time a Vietnamese string is asked for. A string missing from the catalogue falls back to
English (visible rather than blank) and is recorded, so a test can drive every screen in
Vietnamese and find what is missing.

Binding descriptions are read by Textual's footer when a class is defined, so they use
`ui_text`, which translates into the interface language: the one process-wide setting,
set once by the command line before the interface is imported (see
`set_interface_language`).
"""

from __future__ import annotations

import gettext
import os
import threading
from collections.abc import Mapping

LANGUAGES = ("vi", "en")
# English is the language of the keys; every other language has a catalogue.
TRANSLATED = ("vi",)
DOMAIN = "r57tui"
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")

_missing: set[tuple[str, str]] = set()


class _Untranslated(gettext.NullTranslations):
    """Last in a catalogue's chain: a string it lacks is recorded and stays English."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self._language = language

    def gettext(self, message: str) -> str:
        _missing.add((self._language, message))
        return message


class Catalogues:
    """The compiled catalogues of one locale folder, each read once, when first asked for.

    Each string found is kept in a plain dict, so the screens, which ask for the same
    few hundred strings on every refresh, pay one dict look-up as before; a string not
    found goes to gettext each time, to be recorded. A catalogue that cannot be read (a
    broken install) leaves the interface in English, every string recorded as missing,
    rather than stopping the dashboard.
    """

    def __init__(self, folder: str, domain: str = DOMAIN) -> None:
        self._folder = folder
        self._domain = domain
        self._translations: dict[str, gettext.NullTranslations] = {}
        self._found: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()  # tr is called from workers too: read each once

    def translate(self, text: str, language: str) -> str:
        found = self._found.get(language)
        if found is None:
            if language not in TRANSLATED:
                return text
            found = self._load(language)
        known = found.get(text)
        if known is not None:
            return known
        if not text:
            return text  # gettext would give the catalogue's header
        translated = self._translations[language].gettext(text)
        if (language, text) not in _missing:
            found[text] = translated
        return translated

    def _load(self, language: str) -> dict[str, str]:
        with self._lock:
            if language in self._found:
                return self._found[language]
            untranslated = _Untranslated(language)
            path = os.path.join(self._folder, language, "LC_MESSAGES", self._domain + ".mo")
            try:
                with open(path, "rb") as file:
                    translations: gettext.NullTranslations = gettext.GNUTranslations(file)
            except Exception as error:  # any file that cannot be read: English, said once
                import logging

                logging.getLogger(__name__).warning(
                    "interface catalogue %s cannot be read (%s): strings stay English",
                    path,
                    type(error).__name__,
                )
                translations = untranslated
            else:
                translations.add_fallback(untranslated)
            self._translations[language] = translations
            found: dict[str, str] = {}
            self._found[language] = found
            return found


_catalogues = Catalogues(LOCALE_DIR)


class _InterfaceLanguage:
    """The interface language: the one process-wide setting, held here and nowhere else.

    The command line sets it once, before the interface is imported, because Textual
    reads binding descriptions when their classes are defined. Setting it again to the
    same language is harmless; to another language once it has been read is an error,
    since the strings already fixed would stay in the first one.
    """

    __slots__ = ("_lock", "_read", "_value")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value = "en"
        self._read = False

    def set(self, language: str) -> None:
        value = language if language in LANGUAGES else "en"
        with self._lock:
            if self._read and value != self._value:
                raise RuntimeError(
                    f"the interface language is already {self._value!r} and in use; "
                    f"set it once, before the interface is imported (asked: {value!r})"
                )
            self._value = value

    def get(self) -> str:
        with self._lock:
            self._read = True
            return self._value


_interface = _InterfaceLanguage()


class Phrase(str):
    """A fixed phrase inside a message, translated when the message is shown."""

    __slots__ = ()


# tr(text, language): `text` in `language`; English, and recorded in `missing()`, when not
# in its catalogue. The method itself, not a function calling it: the screens call it often.
tr = _catalogues.translate


def missing() -> set[tuple[str, str]]:
    """(language, English text) of every string asked for and not in its catalogue."""
    return set(_missing)


def set_interface_language(language: str) -> None:
    """Set the interface language (English for one that has no catalogue).

    The command line calls this once, before importing the interface. Calling it again
    with another language after `ui_text` or `interface_language` has read it raises
    RuntimeError: the binding descriptions already made would stay in the first language.
    """
    _interface.set(language)


def interface_language() -> str:
    return _interface.get()


def ui_text(text: str) -> str:
    """`text` in the interface language, for strings fixed when a class is defined."""
    return tr(text, _interface.get())


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """Vietnamese when the locale is Vietnamese (LC_ALL, LC_MESSAGES or LANG), else English."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"
