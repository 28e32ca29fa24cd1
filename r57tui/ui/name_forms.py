"""A name in the room a column gives it: whole, else its short form, else cut with "…".

A reader recognises "Bộ KH&CN" where "Bộ Khoa học v…" leaves them guessing, so a name
that cannot fit shows the agency's `short` (from the feed), or, when it has none, its
initials ("Thành phố Hồ Chí Minh" → "TPHCM"). An English screen uses the `short` only
when it is written in plain letters (MOST, VAST, C06); a Vietnamese one ("Bộ NN&MT")
would put Vietnamese on an English screen, so the initials of the English name stand in
for it. Before that, an English name tries the usual abbreviations of its long words
("Min. of Education and Training"), which still read as the name. Whatever still does
not fit is cut after a whole word, with "…": nothing is clipped without one.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

from ..safety import printable

ELLIPSIS = "…"
# No column is wider: a longer name (a feed may hold megabytes in one) is looked at only
# this far, so fitting it costs what a short one does.
LONGEST = 400
# Initials read as an abbreviation up to this many letters ("TĐCNVTQĐ"); past it the
# name is cut after a word instead.
INITIALS_MOST = 10
# Words that initials leave out, as the usual abbreviations do (BKHCN, not BKHVCN).
_LINKING = frozenset({"và", "của", "về", "and", "of", "for", "the", "&"})
_WORD = re.compile(r"[^\s,\-–/()]+")
# The abbreviations English official names take in tables; Vietnamese names have their
# `short` forms, and are shorter.
_ENGLISH_WORDS = {
    "Ministry": "Min.",
    "Department": "Dept.",
    "Administrative": "Admin.",
    "Management": "Mgmt.",
    "National": "Nat.",
    "Government": "Gov.",
    "University": "Univ.",
    "Vietnam": "VN",
    "Commission": "Comm.",
    "Committee": "Cttee.",
    "Academy": "Acad.",
    "Technology": "Tech.",
    "Telecommunications": "Telecom.",
    "Corporation": "Corp.",
    "Transformation": "Transf.",
    "Education": "Educ.",
}
_ENGLISH = re.compile(r"\b(" + "|".join(_ENGLISH_WORDS) + r")\b")


def compact(name: str, language: str) -> str:
    """An English name with its long words abbreviated; other names as they are."""
    if language != "en":
        return name
    return _ENGLISH.sub(lambda m: _ENGLISH_WORDS[m.group()], name)


def _clean(text: str) -> str:
    """On one line, printable, no longer than LONGEST + 1 characters."""
    return printable(" ".join(text[: LONGEST + 1].split()))


def abbreviation(name: str) -> str:
    """The initials of a name's words, capitals, without the linking words; an English
    "Ministry of …" keeps its "of" as the ministries write it (MOET, MOIT, MOH, MOST)."""
    words = _WORD.findall(name[:LONGEST])
    letters = [w[0].upper() for w in words if w.lower() not in _LINKING]
    if len(words) > 2 and words[0] == "Ministry" and words[1] == "of":
        letters.insert(1, "O")
    return "".join(letters) or name


def short_form(name: str, short: str | None, language: str) -> str:
    """The name's short form for `language` (see the module's docstring); the name
    itself when its initials would be too many to read as an abbreviation."""
    if short and (language != "en" or short.isascii()):
        return short
    initials = abbreviation(name)
    return initials if len(initials) <= INITIALS_MOST else name


def cut(text: str, width: int) -> str:
    """`text` in `width` cells: whole, else up to its last whole word that fits and "…",
    else (a first word longer than the room) cut inside it with "…"."""
    text = _clean(text)
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    room = width - 1  # for the ellipsis
    words = text.split(" ")
    kept = ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if cell_len(candidate) > room:
            break
        kept = candidate
    if kept:
        return kept.rstrip(",;:-–") + ELLIPSIS
    out = ""
    for char in text:
        if cell_len(out + char) > room:
            break
        out += char
    return out + ELLIPSIS


def fit_name(name: str, short: str | None, width: int, language: str) -> str:
    """The name whole when it fits, else (English) with its long words abbreviated, else
    its short form; when even that is too long, the name cut after a word with "…"."""
    whole = _clean(name)
    if cell_len(whole) <= width:
        return whole
    for shorter in (compact(whole, language), short_form(whole, short, language)):
        if cell_len(shorter) <= width:
            return shorter
    return cut(whole, width)


def name_widths(name: str, short: str | None, language: str) -> tuple[int, int]:
    """(whole, short form) widths of a name: a column's natural and least widths."""
    return cell_len(_clean(name)), cell_len(_clean(short_form(name, short, language)))


def readable_width(name: str, language: str) -> int:
    """The least width a name reads as itself in: whole, or (English) with its long words
    abbreviated ("Min. of Education and Training"), as `fit_name` shows it before its
    short form or a cut."""
    return cell_len(compact(_clean(name), language))


def wrap_title(text: str, width: int, lines: int) -> str:
    """`text` over at most `lines` lines of `width` cells, broken between words; what
    does not fit on the last one is cut there with "…" (a word wider than the column,
    too)."""
    words = _clean(text).split()
    out: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if cell_len(candidate) <= width:
            current = candidate
            continue
        if current:
            out.append(current)
        if len(out) == lines - 1:
            return "\n".join([*out, cut(" ".join(words[index:]), width)])
        current = cut(word, width)
    return "\n".join([*out, current] if current else out)
