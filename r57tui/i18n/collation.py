"""Vietnamese alphabetical order, so lists read Cà Mau, Cao Bằng, Cần Thơ, …, Đà Nẵng, Gia Lai.

Sorting by code point puts "Cao Bằng" before "Cà Mau" (a < à) and every Đ after Z (U+0110 is
past ASCII). `sort_key` gives dictionary order instead, compared level by level:

1. letters, in the alphabet a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w)
   x y (z) — the foreign letters where Latin puts them. A space sorts before punctuation and
   symbols, those before digits, digits before letters, and letters of other scripts after z;
2. tone marks, only when the letters tie, word by word: none, huyền (à), hỏi (ả), ngã (ã),
   sắc (á), nặng (ạ) — the common order of Vietnamese dictionaries;
3. case, lower before upper;
4. the text itself, so that distinct strings never compare equal.

NFC and NFD input give the same first three levels. Standard library only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

__all__ = ["sort_key", "sorted_vi"]

_T = TypeVar("_T")

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_INDEX = {letter: index for index, letter in enumerate(_ALPHABET)}
# Ð (U+00D0, eth) is what legacy Vietnamese text often has for Đ: the two look the same.
_LETTER_INDEX["ð"] = _LETTER_INDEX["đ"]

# Marks that make a new letter of a base letter rather than a tone: ă â ê ô ơ ư.
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_MODIFIED = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}

# Level 1 gives every character two characters of key, a band and a place in the band, so a
# band can be as wide as Unicode and still never overlap the next.
_SPACE, _SYMBOL, _DIGIT, _LETTER, _OTHER_LETTER = "\x01", "\x02", "\x03", "\x04", "\x05"

# Level 2 holds, per word, the weights of its marks; every character that is not a letter adds
# _WORD_END, which weighs less than any mark, so a word without a tone (ngang) sorts first.
_WORD_END = "\x00"
_TONE = {
    "\u0300": "\x01",  # huyền, grave
    "\u0309": "\x02",  # hỏi, hook above
    "\u0303": "\x03",  # ngã, tilde
    "\u0301": "\x04",  # sắc, acute
    "\u0323": "\x05",  # nặng, dot below
}
_OTHER_MARK = 0x10  # ü, ç, a circumflex on c: after the tones, by code point

# How much of a text the first three levels weigh.
_SORTED_CHARS = 1000

# Level 3: one character of key for each character of text.
_LOWER, _UPPER = "\x00", "\x01"


def _mark_weight(mark: str) -> str:
    return _TONE.get(mark) or chr(min(_OTHER_MARK + ord(mark), 0x10FFFF))


@lru_cache(maxsize=1024)
def _levels(char: str) -> tuple[str, str, str]:
    """The three level strings of one character of NFC text."""
    if unicodedata.combining(char):
        # A mark NFC could not compose onto its letter: nothing at level 1, so the letter
        # keeps its place among letters, and the mark counts with the tones.
        return "", _mark_weight(char), ""
    decomposed = unicodedata.normalize("NFD", char)
    split = len(decomposed)
    while split > 1 and unicodedata.combining(decomposed[split - 1]):
        split -= 1
    base, marks = decomposed[:split], decomposed[split:]
    if len(base) != 1:
        # Hangul syllables decompose into several letters: keep such a character whole.
        base, marks = char, ""
    lower = base.lower()
    if len(lower) != 1:  # "İ".lower() is two characters
        lower = base
    case = _UPPER if lower != base else _LOWER
    index = _LETTER_INDEX.get(lower)
    if index is not None:
        for mark in marks:
            modified = _MODIFIED.get((lower, mark))
            if modified is not None:
                # Only the first modifier makes a new letter; a second one is just a mark.
                index = _LETTER_INDEX[modified]
                marks = marks.replace(mark, "", 1)
                break
        first = _LETTER + chr(index)
    elif base.isspace():
        first = _SPACE + " "
    elif base.isdecimal():
        first = _DIGIT + chr(unicodedata.decimal(base))
    elif base.isalpha():
        first = _OTHER_LETTER + lower
    else:
        first = _SYMBOL + base
    second = "".join(_mark_weight(mark) for mark in marks)
    if not base.isalpha():
        second = _WORD_END + second
    return first, second, case


class _LevelTable(dict[int, str]):
    """A `str.translate` table for one level, filled the first time each character is seen.

    Filling on demand costs nothing at import, and a dict hit is as fast as translate gets;
    the cap keeps text holding thousands of distinct characters from growing it without end.
    """

    __slots__ = ("level",)
    _CAP = 1 << 16

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def __missing__(self, code: int) -> str:
        value = _levels(chr(code))[self.level]
        if len(self) < self._CAP:
            self[code] = value
        return value


_LETTERS, _MARKS, _CASES = _LevelTable(0), _LevelTable(1), _LevelTable(2)


def sort_key(text: object) -> tuple[str, str, str, str]:
    """The key for `sorted(names, key=sort_key)` in Vietnamese dictionary order.

    Never raises: any string (control characters, emoji, lone surrogates) gets a key, and so do
    `None` (as the empty string) and other objects (as their `str`).
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    # NFC makes each Vietnamese letter one character, tone and all, so one table lookup
    # settles it at each level; translate then does the whole text in C. Past the first
    # thousand characters no reader sees an order, and a title holding a pasted picture
    # (megabytes) would cost a sort seconds: the text itself, last, still breaks ties.
    composed = unicodedata.normalize("NFC", text[:_SORTED_CHARS])
    return (
        composed.translate(_LETTERS),
        composed.translate(_MARKS),
        composed.translate(_CASES),
        text,
    )


def sorted_vi(
    items: Iterable[_T], key: Callable[[_T], str] | None = None, *, reverse: bool = False
) -> list[_T]:
    """`sorted` in Vietnamese order; `key` picks the text of each item (default: the item)."""
    if key is None:
        return sorted(items, key=sort_key, reverse=reverse)
    text_of = key
    return sorted(items, key=lambda item: sort_key(text_of(item)), reverse=reverse)
