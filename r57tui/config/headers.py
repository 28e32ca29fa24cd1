"""The HTTP headers of the settings: each checked when the config is read (a name that is
not an HTTP token, a value that cannot be sent), and resolved from the environment
(`${NAME}`) only when a source is opened, so a secret is never written in the config nor
shown in a message; and the named sources' own headers and names checked alike."""

from __future__ import annotations

import os
import re

from ..i18n.message import Message
from ..i18n.strings import Phrase
from .settings import ConfigError, Settings

_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")  # an HTTP token (RFC 9110)


class Secret(str):
    """A header value from the environment: its repr never shows it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "Secret('***')"


def _value_problem(text: str) -> Phrase | None:
    """Why `text` cannot be sent as (part of) a header value, or None. httpx would raise
    at the first request (with the value in its message), or send it as it is."""
    if "\r" in text or "\n" in text:
        return Phrase("holds a line break (CR or LF)")
    if not text.isascii():
        return Phrase("holds characters that are not ASCII")
    if any(
        (ord(character) < 32 and character != "\t") or character == "\x7f" for character in text
    ):
        return Phrase("holds a control character")
    if not text:
        return Phrase("is empty")
    if text != text.strip(" \t"):
        return Phrase("starts or ends with a space or tab")
    return None


def check_headers(settings: Settings, index: int | None = None) -> None:
    """Header names, and what a header value says besides its `${NAME}`s, as read: a
    mistake there is the config's, found before anything is opened. Never the value.
    `index`: of the named source whose own headers these are; else [http]'s."""
    key, headers = _headers_of(settings, index)
    for name, template in headers.items():
        if not _HEADER_NAME.fullmatch(name):
            raise ConfigError(
                Message.of(
                    "{where}: {name} is not a valid header name (use letters, digits and -)",
                    where=settings.where(key),
                    name=repr(name),
                )
            )
        problem = _value_problem(_ENV_REF.sub("x", template))
        if problem is not None:
            raise ConfigError(
                Message.of(
                    "{where}: the value {problem}",
                    where=settings.where(f"{key}.{name}"),
                    problem=problem,
                )
            )


def _headers_of(settings: Settings, index: int | None) -> tuple[str, dict[str, str]]:
    """The config key and header templates of the named source `index` when it has its
    own (`sources[1].headers`), else [http]'s."""
    if index is not None:
        own = settings.sources[index].headers
        if own is not None:
            return f"sources[{index}].headers", own
    return "http.headers", settings.http.headers


def check_sources(settings: Settings) -> None:
    """Each named source's own headers, and no name given twice (a name says which
    source a figure, a message or an export file is of)."""
    seen: dict[str, int] = {}
    for index, named in enumerate(settings.sources):
        first = seen.setdefault(named.name.casefold(), index)
        if first != index:
            raise ConfigError(
                Message.of(
                    "{where}: the name {name} is already that of sources[{first}]",
                    where=settings.where(f"sources[{index}].name"),
                    name=repr(named.name),
                    first=first,
                )
            )
        if named.headers is not None:
            check_headers(settings, index)


def expand_env(template: str, what: str) -> str:
    """Replace each `${NAME}` by that environment variable; missing: ConfigError."""

    def value_of(match: re.Match[str]) -> str:
        name = match.group(1)
        value = os.environ.get(name)
        if value is None:
            raise ConfigError(
                Message.of("{what}: environment variable {name} is not set", what=what, name=name)
            )
        return value

    return _ENV_REF.sub(value_of, template)


def resolve_headers(settings: Settings, index: int | None = None) -> dict[str, Secret]:
    """The HTTP headers with their `${NAME}` values taken from the environment, each
    checked: a token file saved with Windows line endings, or a pasted space, is named
    (the header and the variable, never the value) before any request is made.
    `index`: of the named source (`sources[index]`) whose own headers these are, if it
    has its own; else the [http] headers."""
    key, templates = _headers_of(settings, index)
    headers: dict[str, Secret] = {}
    for name, template in templates.items():
        where = settings.where(f"{key}.{name}")
        for variable in _ENV_REF.findall(template):
            value = os.environ.get(variable)
            problem = None if value is None else _value_problem(value)
            if problem is not None:
                raise ConfigError(
                    Message.of(
                        "{where}: environment variable {name} {problem}",
                        where=where,
                        name=variable,
                        problem=problem,
                    )
                )
        headers[name] = Secret(expand_env(template, where))
    return headers


def header_variables(settings: Settings) -> frozenset[str]:
    """The environment variables the settings' header values name (`${NAME}`): secrets,
    kept from any process that does not send them."""
    templates = list(settings.http.headers.values())
    for named in settings.sources:
        templates += (named.headers or {}).values()
    return frozenset(name for template in templates for name in _ENV_REF.findall(template))
