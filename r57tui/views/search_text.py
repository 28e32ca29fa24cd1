"""The search text of a task list: each task's folded text with every character that is
not a letter or digit made a space, so a word is found where it starts a word."""

from __future__ import annotations

# Texts are spaced a piece of about this many characters at a time: each call into C
# holds the interpreter, and a task holding a pasted picture (tens of MB) made in one call
# would stop the event loop while the search text is made in a thread.
_PIECE = 1 << 16


def spaced(texts: list[str]) -> list[str]:
    """Each text with every character that is not a letter or digit made a space, and one
    in front: a word starts a word exactly where " " + word is found.

    Texts are joined (few calls for 100k short texts), translated a piece at a time, then
    cut at the known lengths (a feed may hold any character, so no separator is safe to
    split on).
    """
    spaces: dict[int, str] = {}
    out: list[str] = []
    batch: list[str] = []
    size = 0

    def flush() -> None:
        joined = " ".join(["", *batch])
        pieces = []
        for at in range(0, len(joined), _PIECE):
            piece = joined[at : at + _PIECE]
            for c in set(piece):
                if ord(c) not in spaces and not c.isalnum():
                    spaces[ord(c)] = " "
            pieces.append(piece.translate(spaces))
        joined = "".join(pieces)
        at = 0
        for text in batch:
            end = at + 1 + len(text)
            out.append(joined[at:end])
            at = end
        batch.clear()

    for text in texts:
        if batch and size + len(text) > _PIECE * 16:
            flush()
            size = 0
        batch.append(text)
        size += len(text) + 1
    if batch:
        flush()
    return out


def needle(word: str) -> str:
    """What a query word is looked for as in a spaced text: " 57 nq tw" for "57-nq/tw",
    read as the text was; " " when the word is only punctuation (it holds nothing)."""
    return " " + " ".join("".join(c if c.isalnum() else " " for c in word).split())
