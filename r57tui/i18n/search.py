"""Search that ignores case and diacritics, so `dien bien` finds `Điện Biên`.

People type Vietnamese without tone marks (or with a keyboard that drops them), so the filter
box compares *folded* text: lower-cased, stripped of every diacritic, with đ written as d and
whitespace squeezed. `fold` does that to one string; `Matcher` holds a folded query and tests
task or agency fields against it. Standard library only.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["Matcher", "fold", "fold_fields"]

# Below this code point `fold` looks characters up in a precomputed list (see _DIRECT).
_DIRECT_LIMIT = 0x2100

# The blocks of combining diacritical marks. Deleting them after NFD removes tones (à, ả, ã,
# á, ạ) and letter modifiers (ă, â, ê, ô, ơ, ư) alike. Below U+2100 every other mark with a
# combining class goes too (Greek tonos, Hebrew points, Arabic harakat): a mark that survived
# would keep its order from the input, and NFC and NFD text could then fold differently.
# Named blocks above that, rather than a scan of all of Unicode, keep the import instant.
_COMBINING_BLOCKS = (
    (0x0300, 0x036F),  # Combining Diacritical Marks: all Vietnamese marks live here
    (0x1AB0, 0x1AFF),  # ... Extended
    (0x1DC0, 0x1DFF),  # ... Supplement
    (0x20D0, 0x20FF),  # ... for Symbols
    (0xFE20, 0xFE2F),  # Combining Half Marks
)

# Letters that carry their mark (a stroke, a bar, a missing dot) in the code point itself, so
# NFD leaves them alone. đ is the one that matters: without it `fold("Điện Biên")` would be
# "điên bien" and never match "dien". ð (eth) is here because legacy Vietnamese text often has
# Ð (U+00D0) where Đ (U+0110) belongs: the two look identical. The others are cheap and help
# foreign names (Łódź, Øresund).
_STROKED = {
    "đ": "d",
    "ð": "d",
    "ħ": "h",
    "ı": "i",
    "ł": "l",
    "ø": "o",
    "ŧ": "t",
    "ƀ": "b",
    "ƶ": "z",
}

# Invisible characters that copy-and-paste from Word or the web leaves inside words: left in,
# "Tuyên Qu\u00adang" (a soft hyphen) would not contain "quang" though it reads as if it does.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"


def _build_strip() -> dict[int, str | None]:
    strip: dict[int, str | None] = {
        code: None for code in range(_DIRECT_LIMIT) if unicodedata.combining(chr(code))
    }
    for first, last in _COMBINING_BLOCKS:
        for code in range(first, last + 1):
            strip[code] = None
    for char in _INVISIBLE:
        strip[ord(char)] = None
    for letter, plain in _STROKED.items():
        strip[ord(letter)] = plain
        # casefold() runs first, but map the capitals too so the table stands on its own.
        strip[ord(letter.upper())] = plain
    return strip


# What to delete or replace once text is casefolded and decomposed. Used on the slow path only:
# with a dict, str.translate pays for a KeyError on every character it leaves alone.
_STRIP = _build_strip()

# Everything below U+2100 (Latin with every Vietnamese letter, Greek, Cyrillic, punctuation,
# the ₫ sign) folded one character at a time. A list has an entry for every code point in
# range, so translate never takes the miss path, and because precomposed letters map straight
# to their plain form, the common case needs no normalisation at all: measured about 3x faster
# than casefold + NFD + translate over Vietnamese task titles. Text with anything beyond the
# list (emoji, CJK, the U+FE20 marks) also gets the full treatment.
_BEYOND_DIRECT = re.compile("[^\x00-\u20ff]")


def _build_direct() -> list[int | str | None]:
    direct: list[int | str | None] = list(range(_DIRECT_LIMIT))
    for code in range(_DIRECT_LIMIT):
        char = chr(code)
        folded = unicodedata.normalize("NFD", char.casefold()).translate(_STRIP)
        if folded != char:
            direct[code] = folded or None
    return direct


_DIRECT = _build_direct()


def fold(text: str) -> str:
    """`Điện  Biên` -> `dien bien`: casefolded, diacritics stripped, đ -> d, spaces squeezed.

    Never raises: control characters, emoji and lone surrogates pass through (or, if they are
    whitespace to Python, become single spaces). `None` folds to the empty string.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if len(text) > _PIECE:
        return _fold_long(text)
    return " ".join(_fold_unsqueezed(text).split())


def _fold_unsqueezed(text: str) -> str:
    """`fold` without squeezing the whitespace."""
    if text.isascii():
        # Ids, English titles and already-plain Vietnamese: nothing to strip.
        return text.lower()
    # Code points past the list raise IndexError inside translate, which keeps them unchanged.
    folded = text.translate(_DIRECT)
    if _BEYOND_DIRECT.search(folded):
        # Casefold first: it can yield precomposed letters, which NFD then splits, while NFD
        # of casefolded text needs no more casefolding. What the list already folded comes
        # through unchanged.
        folded = unicodedata.normalize("NFD", folded.casefold()).translate(_STRIP)
    return folded


# A text longer than this is folded a piece at a time: each call into C holds the
# interpreter, so folding a 40 MB note (a pasted picture) in one call would stop the
# dashboard's event loop while the search text is made in a thread.
_PIECE = 1 << 16


def _fold_long(text: str) -> str:
    """`fold` of a long text, piece by piece; the same result as in one go (each character
    folds on its own, and the whitespace is squeezed across the pieces' edges)."""
    parts: list[str] = []
    space = False  # whitespace seen since the last word
    for at in range(0, len(text), _PIECE):
        folded = _fold_unsqueezed(text[at : at + _PIECE])
        squeezed = " ".join(folded.split())
        if not squeezed:
            space = space or bool(folded)
            continue
        if parts and (space or folded[0].isspace()):
            parts.append(" ")
        parts.append(squeezed)
        space = folded[-1].isspace()
    return "".join(parts)


def fold_fields(*texts: str | None) -> str:
    """The folded texts joined into one haystack for `Matcher.matches_folded`; `None`s skipped.

    A newline separates them: query words never contain whitespace, so no word can match
    across the end of one text and the start of the next ("Hà" + "Nội" does not hold "anoi").
    """
    return "\n".join(fold(text) for text in texts if text)


def _at_word_start(haystack: str, word: str) -> bool:
    """`word` occurs where a word of the haystack starts (after a space or punctuation).

    Word starts, not any substring: folding makes `hà` and `hậu` both start with `ha`, which
    is expected, but `ha giang` should not also find Đồng T*ha*p.
    """
    at = haystack.find(word)
    while at != -1:
        if at == 0 or not haystack[at - 1].isalnum():
            return True
        at = haystack.find(word, at + 1)
    return False


class Matcher:
    """A search query, folded once, tested against many records.

    `Matcher("bien dien").matches_folded(fold_fields(name, short_name, *aliases))` is true
    when every word of the query starts a word somewhere in the folded texts (`bien` finds
    Biên and Biên Hòa, not Hòa Bình's `binh`), in any order; a blank query matches
    everything.
    """

    __slots__ = ("folded", "query", "words")

    def __init__(self, query: str | None) -> None:
        self.query = query or ""
        # Longest words first: they are the most selective, so non-matches fail sooner. Dropping
        # repeats keeps "ha ha" from costing two scans.
        self.folded = fold(self.query)
        words = dict.fromkeys(self.folded.split())
        self.words: tuple[str, ...] = tuple(sorted(words, key=len, reverse=True))

    def narrows(self, before: Matcher) -> bool:
        """True when whatever this query matches, `before` matched too (the query was
        typed on from it), so only `before`'s results need testing."""
        return self.folded.startswith(before.folded)

    @property
    def is_blank(self) -> bool:
        """True when the query has no words, so it matches everything."""
        return not self.words

    def matches_folded(self, haystack: str) -> bool:
        """True when every query word starts a word of `haystack`, texts folded together by
        `fold_fields` (callers keep it: they filter the same records on every keystroke)."""
        return all(word in haystack and _at_word_start(haystack, word) for word in self.words)

    def __repr__(self) -> str:
        return f"Matcher({self.query!r})"
