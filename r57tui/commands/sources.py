"""The source the settings name: the bundled demo, a file or an HTTP(S) address.

The wiring from Settings to a Source: the sources themselves take plain values.
"""

from __future__ import annotations

from pathlib import Path

from ..addresses import is_url, shown, url_problem
from ..config import ConfigError, Settings, resolve_headers
from ..demo import demo_feed_path
from ..i18n.message import Message
from ..sources import Failed, FileSource, NewFeed, Source
from ..sources.named import NamedSource

DEMO_LABEL = "demo"


def open_source(
    location: str | None, settings: Settings | None = None, label: str | None = None
) -> Source:
    """A source for a path or URL (None: the bundled demo feed), shown as `label` when
    given (else its file's name, or its host).

    Every command opens its source here, before anything is drawn or fetched, so what
    cannot work is refused here with a ConfigError: an address that cannot be used (one
    in the config or --source was refused when it was read, naming where), a header
    value from the environment that is unset or cannot be sent, a CA bundle that is not
    a PEM file.
    """
    settings = settings or Settings()
    if location is None:
        return FileSource(demo_feed_path(), label=label or DEMO_LABEL, cap=settings.cap)
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
        if settings.http.ca_bundle is not None:
            try:
                tls_context(settings.http.ca_bundle)
            except CaBundleError as exc:
                where = settings.where("http.ca_bundle")
                raise ConfigError(
                    Message.of("{where}: {what}", where=where, what=exc.message)
                ) from None
        return HttpSource(
            location,
            timeout=settings.http.timeout,
            cap=settings.cap,
            headers=resolve_headers(settings),
            ca_bundle=settings.http.ca_bundle,
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
    """Every named source of the settings (`[[sources]]`), opened; with none, the one
    `source` as a list of one named by its label. INTERFACE STUB (issue 24): the helper
    on sources gives each its own headers, CA bundle and checks, and `--source` given
    more than once; the signature stays."""
    if not settings.sources:
        one = open_source(settings.source, settings)
        return [NamedSource(one.label, one, settings.refresh)]
    return [
        NamedSource(
            named.name,
            open_source(named.location, settings),
            settings.refresh if named.refresh is None else named.refresh,
        )
        for named in settings.sources
    ]


__all__ = ["DEMO_LABEL", "fetch_once", "open_shared", "open_source", "open_sources"]
