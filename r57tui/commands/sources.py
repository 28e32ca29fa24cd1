"""The source the settings name: the bundled demo, a file or an HTTP(S) address.

The wiring from Settings to a Source: the sources themselves take plain values.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from ..addresses import is_url, shown, url_problem
from ..config import BUNDLED_FEEDS, ConfigError, Settings, SourceSettings, resolve_headers
from ..demo import bundled_feed_path, demo_feed_path
from ..i18n.message import Message
from ..sources import Failed, FileSource, NewFeed, Source
from ..sources.named import NamedSource

DEMO_LABEL = "demo"


def open_source(
    location: str | None,
    settings: Settings | None = None,
    index: int | None = None,
    label: str | None = None,
) -> Source:
    """A source for a path or URL (None: the bundled demo feed; `demo`, `demo-dien-bien`:
    that bundled feed, unless a file of that name is where r57tui runs). `index`: of the
    named source (`[[sources]]`) this is, whose own headers and CA bundle it takes.
    Shown as `label` when given (else its file's name, or its host).

    Every command opens its source here, before anything is drawn or fetched, so what
    cannot work is refused here with a ConfigError: an address that cannot be used (one
    in the config or --source was refused when it was read, naming where), a header
    value from the environment that is unset or cannot be sent, a CA bundle that is not
    a PEM file.
    """
    settings = settings or Settings()
    if location is None:
        return FileSource(demo_feed_path(), label=label or DEMO_LABEL, cap=settings.cap)
    if location in BUNDLED_FEEDS and not Path(location).exists():
        return FileSource(bundled_feed_path(location), label=label or location, cap=settings.cap)
    if is_url(location):
        from ..sources.http import (  # httpx: here
            CaBundleError,
            HttpSource,
            tls_context,
            url_is_valid,
        )

        problem = url_problem(location)
        if problem is None and not url_is_valid(location):
            problem = Message.of("the address is not valid")
        if problem is not None:
            raise ConfigError(Message.of("{where}: {what}", where=shown(location), what=problem))
        ca_bundle, ca_key = settings.http.ca_bundle, "http.ca_bundle"
        if index is not None and settings.sources[index].ca_bundle is not None:
            ca_bundle, ca_key = settings.sources[index].ca_bundle, f"sources[{index}].ca_bundle"
        if ca_bundle is not None:
            try:
                tls_context(ca_bundle)
            except CaBundleError as exc:
                where = settings.where(ca_key)
                raise ConfigError(
                    Message.of("{where}: {what}", where=where, what=exc.message)
                ) from None
        return HttpSource(
            location,
            timeout=settings.http.timeout,
            cap=settings.cap,
            headers=resolve_headers(settings, index),
            ca_bundle=ca_bundle,
            label=label,
        )
    return FileSource(Path(location).expanduser(), label=label, cap=settings.cap)


def open_shared(folder: Path, label: str | None, settings: Settings) -> Source:
    """The feed `r57tui serve` fetched into `folder` for its dashboards, shown as `label`
    (the source it was fetched from)."""
    from ..sources.shared import BODY, SharedFileSource

    return SharedFileSource(folder, label or BODY, cap=settings.cap)


async def fetch_once(location: str | None, settings: Settings) -> tuple[NewFeed | Failed, str]:
    """One poll of a source, closed after: the feed or the failure, and the source's label.

    For the headless commands (`check`, `export`); raises ConfigError like `open_source`.
    """
    source = open_source(location, settings)
    try:
        update = await source.poll()
    finally:
        await source.aclose()
    # A first poll always has something, and nothing given before to go back from.
    assert isinstance(update, NewFeed | Failed)
    return update, source.label


def open_sources(settings: Settings) -> list[NamedSource]:
    """Every named source of the settings (`[[sources]]`, or `--source` given more than
    once), opened with its own headers and CA bundle: what cannot work raises ConfigError
    here, before any is fetched. With none, the one `source`
    as a list of one, named by its label: the simple case, as before."""
    if not settings.sources:
        one = open_source(settings.source, settings)
        return [NamedSource(one.label, one, settings.refresh)]
    # Nothing is connected before the first poll (an HTTP source makes its client
    # then), so a source refused after others were opened leaves nothing to close.
    return [
        NamedSource(
            named.name,
            open_source(named.location, settings, index),
            settings.refresh if named.refresh is None else named.refresh,
        )
        for index, named in enumerate(settings.sources)
    ]


# `NAME=LOCATION`: a name (no slash, colon or dot before the `=`) and where it reads.
_NAMED_FLAG = re.compile(r"([^/\\:.=]+)=(.+)", re.DOTALL)


def source_overrides(values: str | list[str] | None) -> dict[str, Any]:
    """The settings `--source` gives, once or more: one is the one `source`, as before
    (a config's [[sources]] set aside); several are the named sources, each
    `NAME=LOCATION` or a plain `LOCATION` named by its label (`feed-dien-bien.json`:
    `feed-dien-bien`; a host: the host and port). Names given twice: ConfigError."""
    if values is None:
        return {}
    given = [values] if isinstance(values, str) else values
    pairs = [_split_flag(value) for value in given]
    if len(pairs) == 1:
        return {"source": pairs[0][1], "sources": []}
    taken: set[str] = set()
    entries = []
    for value, (named, location) in zip(given, pairs, strict=True):
        where = f"--source {shown(value)}"  # never a password or query of an address
        name = _unique(name_from_label(location), taken) if named is None else named
        try:
            entry = SourceSettings(name=name, location=location)
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            raise ConfigError(
                Message.of("{where}: {what}", where=where, what=_reason(error))
            ) from None
        if entry.name.casefold() in taken:
            raise ConfigError(
                Message.of("{where}: the name {name} is given twice", where=where, name=repr(name))
            )
        taken.add(entry.name.casefold())
        entries.append({"name": entry.name, "location": location})
    return {"sources": entries}


def _reason(error: Any) -> Message:
    from ..i18n.validation import reason

    return reason(error)


def _split_flag(value: str) -> tuple[str | None, str]:
    match = _NAMED_FLAG.fullmatch(value)
    if match is None or is_url(value) or Path(value).exists():
        return None, value
    return match.group(1), match.group(2)


def name_from_label(location: str) -> str:
    """A source's name from where it reads, in the names' letters: a bundled feed's
    own, a file's name without `.json`/`.gz`, a host and its port."""
    if location in BUNDLED_FEEDS:
        return location
    if is_url(location):
        parts = urlsplit(location)
        label = parts.hostname or location
        try:
            port = parts.port
        except ValueError:
            port = None
        label = f"{label}-{port}" if port else label
    else:
        label = Path(location).name
        for suffix in (".gz", ".json"):
            label = label.removesuffix(suffix)
    label = re.sub(r"[^\w\- ]|_+$|^_+", "-", unicodedata.normalize("NFC", label))
    label = re.sub(r"-{2,}", "-", label).strip("-_ ")[:40].strip("-_ ")
    return label or "source"


def _unique(name: str, taken: set[str]) -> str:
    """`name`, or `name-2`, `name-3`… when a source before it has that name."""
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{name[: 40 - len(str(number)) - 1]}-{number}"
    return candidate


__all__ = [
    "DEMO_LABEL",
    "fetch_once",
    "name_from_label",
    "open_shared",
    "open_source",
    "open_sources",
    "source_overrides",
]
