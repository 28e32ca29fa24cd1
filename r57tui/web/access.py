"""The optional access key of `publish --serve`, for a network shared with others.

A viewer brings the key once, in the address the secretariat sends (`?key=...`): the
server answers with a cookie and sends the browser to the same address without the key,
so it does not stay in the address bar, the history or a screenshot on the projector.
Scripts may send `Authorization: Bearer <key>` instead. The cookie holds a digest of the
key, never the key; every comparison takes the same time whatever matches. The key
appears in no log line and no message.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from enum import Enum

COOKIE = "r57tui_access"
QUERY = "key"


class Verdict(Enum):
    LET_IN = "let in"
    SET_COOKIE = "set the cookie and drop the key from the address"
    REFUSE = "refuse"


def _digest(text: str, purpose: bytes) -> bytes:
    return hmac.new(text.encode("utf-8", "surrogatepass"), purpose, hashlib.sha256).digest()


@dataclass(frozen=True, slots=True, repr=False)
class AccessKey:
    """The key, kept only as digests (its repr shows nothing)."""

    _key_digest: bytes
    cookie_value: str

    @classmethod
    def of(cls, key: str) -> AccessKey:
        return cls(
            hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest(),
            _digest(key, b"r57tui publish cookie").hex(),
        )

    def __repr__(self) -> str:
        return "AccessKey(***)"

    def matches(self, given: str) -> bool:
        digest = hashlib.sha256(given.encode("utf-8", "surrogatepass")).digest()
        return hmac.compare_digest(digest, self._key_digest)

    def judge(
        self, query_key: str | None, cookie: str | None, authorization: str | None
    ) -> Verdict:
        """What to do with a request that brings these."""
        if query_key is not None:
            return Verdict.SET_COOKIE if self.matches(query_key) else Verdict.REFUSE
        if cookie is not None and hmac.compare_digest(
            cookie.encode("ascii", "replace"), self.cookie_value.encode("ascii")
        ):
            return Verdict.LET_IN
        if authorization is not None:
            scheme, _, token = authorization.strip().partition(" ")
            if scheme.lower() == "bearer" and self.matches(token.strip()):
                return Verdict.LET_IN
        return Verdict.REFUSE


__all__ = ["COOKIE", "QUERY", "AccessKey", "Verdict"]
