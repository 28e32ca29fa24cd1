"""`r57tui publish --out DIR [--watch]`: the dashboard as a static web site.

The source is read as `export` reads it (--source, the config, --lang, --baseline); the
site (web/site_model.py) is written into DIR file by file, atomically (web/site_files.py).
With --watch the source is asked again every refresh, and the site is written again only
when the feed changed: an unchanged fetch writes nothing. Ctrl+C ends it cleanly.

Exit codes: 0 written (or stopped by Ctrl+C), 1 the feed was refused or DIR cannot take
the site (one line on stderr), 2 usage.
"""

from __future__ import annotations

import asyncio
import gzip
import sys
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from ..baseline import Baseline, BaselineError
from ..config import ConfigError, Settings
from ..feed import Feed
from ..history import NOWHERE, baseline_from, history_path, names_meeting, source_keys
from ..i18n.message import Message
from ..i18n.strings import default_language
from ..safety import one_line
from ..several import Several
from ..sources import Failed, NewFeed, Unchanged, WentBack
from ..web.site_feed import Polled
from ..web.site_files import PublishError, write_site
from ..web.site_model import Page, SiteInput, build_site
from ..web.site_sources import SiteSources
from .sources import open_source, open_sources

# Between two looks at the source when the settings say 0 (only on demand): --watch
# still has to look now and then.
WATCH_FLOOR_SECONDS = 1.0


@dataclass(frozen=True)
class PublishArgs:
    out: Path
    watch: bool = False
    baseline: str | None = None
    history: Path | None = None


@dataclass
class Publisher:
    """Builds the site of a feed and writes it into `out`; says what it did."""

    out: Path
    settings: Settings
    language: str
    label: str
    baseline: Baseline | None
    said: TextIO
    watching: bool = False
    # Several sources (None: one): what the site shows of them, as last polled.
    several: SiteSources | None = None

    def publish(self, feed: Feed) -> list[str]:
        site = build_site(
            site_input(
                feed,
                self.settings,
                self.language,
                self.label,
                self.baseline,
                self.several,
                live="poll",
            )
        )
        written = write_site(self.out, with_gzip(site.pages))
        if written:
            print(
                Message.of(
                    "{folder}: {count} files written", folder=str(self.out), count=len(written)
                ).text(self.language),
                file=self.said,
            )
        elif not self.watching:
            print(
                Message.of("{folder}: the site is up to date", folder=str(self.out)).text(
                    self.language
                ),
                file=self.said,
            )
        return written


# Text worth compressing once when written, rather than by the web server at every
# request (nginx's gzip_static serves the .gz beside a file to a browser that takes it).
_COMPRESSED = ("text/", "image/svg+xml", "font/ttf")


def with_gzip(pages: Mapping[str, Page]) -> dict[str, Page]:
    """The site and, beside each text file, the same compressed (the same bytes for the
    same file, so an unchanged page's .gz is not written again either)."""
    out = dict(pages)
    for path, page in pages.items():
        if page.content_type.startswith(_COMPRESSED):
            out[f"{path}.gz"] = Page(gzip.compress(page.body, 9, mtime=0), "application/gzip")
    return out


async def watch(
    source: Polled,
    publish: Callable[[Feed], object],
    refresh: float,
    complain: Callable[[str], None],
    language: str,
    *,
    rounds: int | None = None,
    wait: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> None:
    """Ask `source` every `refresh` seconds and publish each new feed; `rounds` looks at
    most (None: until cancelled). A failure is said in one line, once until it changes or
    the source answers again, and the site stays."""
    done = 0
    said = ""  # the last failure said: the same again is not said at every look
    while rounds is None or done < rounds:
        update = await source.poll()
        line = ""
        if isinstance(update, NewFeed):
            publish(update.feed)
        elif isinstance(update, Failed):
            line = one_line(update.text(language), 1000)
        elif isinstance(update, WentBack):
            line = one_line(update.what.text(language), 1000)
        if line and line != said:
            complain(line)
        if not isinstance(update, Unchanged):
            said = line
        done += 1
        if rounds is None or done < rounds:
            await wait(max(refresh, WATCH_FLOOR_SECONDS))


def site_input(
    feed: Feed,
    settings: Settings,
    language: str,
    label: str,
    baseline: Baseline | None,
    several: SiteSources | None,
    live: Literal["poll", "sse"],
    stale: bool = False,
) -> SiteInput:
    """What the site of a feed is made from, as the settings say: the same for the
    written site (`--out`) and the served one (`--serve`)."""
    return SiteInput(
        feed,
        language=language,
        baseline=baseline.feed if baseline else None,
        baseline_label=baseline.label if baseline else "",
        at_risk_days=settings.at_risk_days,
        due_soon_days=settings.due_soon_days,
        # A static site's pages poll for a new version: every refresh, or each half minute.
        refresh_seconds=settings.refresh or 30.0,
        source_label=label,
        live=live,
        stale=stale,
        kinds=tuple(settings.show_kinds),
        consolidated=None if several is None else several.consolidated,
        missing=() if several is None else several.missing,
    )


def published_baseline(
    given: str | None, history: Path | None, settings: Settings
) -> Baseline | None:
    """The meeting or file `--baseline` names; ConfigError when it cannot be read. With
    several sources, a file only (as `export` takes it): the site shows them added up, and
    meetings are recorded per source, so one source's meeting would show the others'
    tasks as new."""
    if given is None:
        return None
    # The meetings are each source's: several added up have none of their own.
    key = NOWHERE if settings.sources else source_keys(settings)[0]
    if settings.sources and names_meeting(given):
        raise ConfigError(
            Message.of(
                "the meetings are recorded per source: give --source once for the trend "
                "or a recorded meeting as the baseline (a baseline file may be given)"
            )
        )
    folder = history.expanduser() if history else history_path(settings)
    try:
        return baseline_from(given, folder, settings.due_soon_days, settings.cap, key)
    except BaselineError as exc:
        raise ConfigError(exc.message) from None


def run_publish(args: PublishArgs, settings: Settings, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    language = settings.language or default_language()
    baseline = published_baseline(args.baseline, args.history, settings)

    def complain(line: str) -> None:
        print(f"r57tui: {line}", file=sys.stderr, flush=True)

    source, label, several = open_polled(settings, complain, language)
    publisher = Publisher(args.out, settings, language, label, baseline, out, args.watch, several)
    rounds = None if args.watch else 1
    try:
        asyncio.run(_run(source, publisher, settings.refresh, complain, language, rounds))
    except KeyboardInterrupt:
        print(Message.of("publish stopped").text(language), file=out)
        return 0
    except PublishError as exc:
        complain(exc.text(language))
        return 1
    except _RefusedError as exc:
        complain(str(exc))
        return 1
    # Written without a source that could not be read (said above): not the whole picture.
    return 1 if several is not None and several.faults else 0


def open_polled(
    settings: Settings, say: Callable[[str], None], language: str
) -> tuple[Polled, str, SiteSources | None]:
    """What the site is made from and its label: the one source, or the named sources
    (`[[sources]]`, --source more than once) polled together, each one's fault said once
    by `say`."""
    if not settings.sources:
        one = open_source(settings.source, settings)
        return one, one.label, None
    several = SiteSources(Several(open_sources(settings)), say, language)
    return several, several.label, several


class _RefusedError(Exception):
    """The one fetch of `publish` without --watch failed: nothing to publish."""


async def _run(
    source: Polled,
    publisher: Publisher,
    refresh: float,
    complain: Callable[[str], None],
    language: str,
    rounds: int | None,
) -> None:
    def once_or_say(line: str) -> None:
        if rounds == 1:
            raise _RefusedError(line)
        complain(line)

    try:
        await watch(source, publisher.publish, refresh, once_or_say, language, rounds=rounds)
    finally:
        await source.aclose()
