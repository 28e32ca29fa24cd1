"""Which source a snapshot is of, and which snapshots are one source's history.

A snapshot keeps its source as text (the `source` column, unchanged since the first
schema): one source read alone is recorded as where it was read — a file's path, an
address without credentials, `demo` — and one of several named sources (`[[sources]]`,
`--source` given more than once) as `NAME=WHERE`, as `--source NAME=LOCATION` writes it.
A name holds no `=`, `/` or `:`, and a path or an address always has one of those two
before any `=`, so the two never read as each other, and no store needs migrating.

One source's history, as the trends, the baselines and replay read it:
- a named source's: the snapshots recorded under its name (wherever it was read from
  then: the name is what the secretariat calls it), and those recorded from its address
  before it had a name;
- a source read alone: every snapshot recorded without a name, as before there were
  several (a meeting's feed is often a new file each quarter: its path names no source);
  never a named one's, which would mix another source's figures into its trend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A source's name before its `=`: the names config.py allows hold none of `/ \ : . =`.
_NAMED = re.compile(r"([^/\\:.=]+)=(.*)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class SourceKey:
    """A source as the history knows it: its name among several (None: read alone) and
    where it is read from (`store.source_name`)."""

    name: str | None
    address: str

    @property
    def text(self) -> str:
        """What a snapshot of this source records as its source."""
        return self.address if self.name is None else f"{self.name}={self.address}"

    @classmethod
    def of_text(cls, text: str) -> SourceKey:
        """A snapshot's recorded source read back."""
        match = _NAMED.fullmatch(text)
        if match is None:
            return cls(None, text)
        return cls(match.group(1), match.group(2))

    @property
    def short(self) -> str:
        """As a listing's column names it: the name; else the file's or address's end."""
        if self.name is not None:
            return self.name
        return self.address.rstrip("/\\").rsplit("/", 1)[-1].rsplit("\\", 1)[-1] or self.address

    def holds(self, text: str) -> bool:
        """Whether a snapshot recorded as `text` is of this source's history."""
        other = SourceKey.of_text(text)
        if self.name is not None:
            return other.name == self.name or (other.name is None and other.address == self.address)
        return other.name is None


# The consolidated view's: no snapshot is of it (a name is never empty), so its trends,
# baselines and report read no meeting rather than one source's as if they were the sum.
NOWHERE = SourceKey("", "")
