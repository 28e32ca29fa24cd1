"""The settings' shape: every key of the config file, its type, range and default, and
the constants other layers read (the cap on a feed's size, the bundled feeds' names)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr
from pydantic_core import PydanticCustomError

from ..groups import AgencyKind
from ..i18n.message import MessageError

APP = "r57tui"
LOCAL_CONFIG = Path("r57tui.toml")
ExportFormat = Literal["csv", "xlsx", "md", "json", "html", "docx"]
MAX_SERVE_SESSIONS = 200
MAX_PUBLISH_VIEWERS = 10_000
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
# A source's name shows in messages and in export file names: letters (Vietnamese ones
# too), digits, - _ and spaces, starting and ending with a letter or digit.
_SOURCE_NAME = re.compile(r"[^\W_](?:[\w\- ]*[^\W_])?")
# The feeds bundled with r57tui, by the name that stands for them as a location.
BUNDLED_FEEDS = ("demo", "demo-dien-bien")


@dataclass(frozen=True, slots=True)
class Cap:
    """The largest feed accepted from any source, in bytes after decompression, and the
    config key that sets it (a refusal names it, so the reader knows what to raise)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    key: str = "max_bytes"


class ConfigError(MessageError):
    """A config that cannot be used: one line naming the file and the problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)


class HttpSettings(_Strict):
    timeout: Annotated[float, Field(gt=0, le=600)] = 20.0
    # The cap's former key, still read when the top-level `max_bytes` is not given.
    max_bytes: Annotated[int, Field(gt=0)] = DEFAULT_MAX_BYTES
    ca_bundle: Path | None = None
    headers: dict[str, str] = {}


class ExportSettings(_Strict):
    folder: Path | None = None
    format: ExportFormat = "xlsx"
    csv_delimiter: Annotated[str, Field(min_length=1, max_length=1)] = ","
    # Task tables: the latest note and its date, or all of a task's notes (newest first).
    notes: Literal["latest", "all"] = "latest"
    # The Word report: the issuing body named in its header (None: from the feed's
    # title), and a template edited in Word (None: the one shipped).
    issuer: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    report_template: Path | None = None


# The slides of presentation mode, by id, in the order of the default deck (`groups`, a
# headline slide for each agency group, only when asked for).
SlideId = Literal["headline", "groups", "changes", "overdue", "indicators", "due_soon"]
SLIDE_IDS: tuple[str, ...] = get_args(SlideId)
DEFAULT_SLIDES: tuple[str, ...] = ("headline", "changes", "overdue", "indicators", "due_soon")
# The decks of the `cycle` key that `slides` replaced, still read when `slides` is not set.
_CYCLE_SLIDES = {"groups": ("headline", "groups"), "overdue": ("headline", "overdue")}


class PresentSettings(_Strict):
    seconds: Annotated[float, Field(ge=2, le=600)] = 8.0  # each slide, while cycling
    # The deck's slides in order; the slides that have nothing to say for the scope
    # presented (no baseline, no indicator) are left out.
    slides: Annotated[list[SlideId], Field(min_length=1)] | None = None
    # The former choice of deck, read only when `slides` is not given: groups is
    # ["headline", "groups"], overdue ["headline", "overdue"].
    cycle: Literal["groups", "overdue"] | None = None
    top: Annotated[int, Field(ge=1, le=50)] = 5  # the agencies of the most-overdue slide

    @property
    def deck(self) -> tuple[str, ...]:
        """The slide ids, in order, each once."""
        if self.slides is not None:
            return tuple(dict.fromkeys(self.slides))
        return _CYCLE_SLIDES[self.cycle] if self.cycle else DEFAULT_SLIDES


class ServeSettings(_Strict):
    # Dashboards `r57tui serve` runs at once, one a browser (each is a process of its own).
    max_sessions: Annotated[int, Field(ge=1, le=MAX_SERVE_SESSIONS)] = 20


class PublishSettings(_Strict):
    # The environment variable that holds the access key of `publish --serve` (the key
    # itself is never written here); None: the pages are open to whoever reaches them.
    access_key_env: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    # Pages `publish --serve` keeps informed at once (an event stream each).
    max_viewers: Annotated[int, Field(ge=1, le=MAX_PUBLISH_VIEWERS)] = 1000


class HistorySettings(_Strict):
    # The history store's file (`r57tui snapshot`, `history`, `--baseline last`); None:
    # history.sqlite3 in the user data folder.
    path: Path | None = None


def source_name(name: str) -> str:
    """The name, as NFC; a name that cannot be one raises the error pydantic places."""
    name = unicodedata.normalize("NFC", name)
    if not _SOURCE_NAME.fullmatch(name):
        raise PydanticCustomError("source_name", "not a source name")
    return name


class SourceSettings(_Strict):
    """One of several named feeds (`[[sources]]`): its own address, headers, CA bundle and
    refresh; what it does not set comes from the top-level settings."""

    name: Annotated[str, Field(min_length=1, max_length=40), AfterValidator(source_name)]
    location: str  # a path or an http(s) URL
    headers: dict[str, str] | None = None  # None: the [http] headers
    ca_bundle: Path | None = None  # None: the [http] CA bundle
    refresh: Annotated[float, Field(ge=0, le=86400)] | None = None  # None: `refresh`


class Settings(_Strict):
    source: str | None = None  # a path or an http(s) URL; None: the bundled demo feed
    refresh: Annotated[float, Field(ge=0, le=86400)] = 30.0  # seconds; 0 = only on demand
    language: Literal["vi", "en"] | None = None  # None: from the locale
    theme: str | None = None
    themes_dir: Path | None = None
    show_kinds: list[AgencyKind] = Field(default_factory=lambda: list(AgencyKind))
    due_soon_days: Annotated[int, Field(ge=0, le=366)] = 14
    # The next meeting, in days after as_of: the early warning's horizon (rollup.judge_risk).
    at_risk_days: Annotated[int, Field(ge=0, le=366)] = 30
    # The largest feed read from any source (a file, a URL, a baseline), in bytes after
    # decompression: a small gzip that expands to gigabytes is refused, not loaded.
    max_bytes: Annotated[int, Field(gt=0)] = DEFAULT_MAX_BYTES
    http: HttpSettings = HttpSettings()
    export: ExportSettings = ExportSettings()
    present: PresentSettings = PresentSettings()
    serve: ServeSettings = ServeSettings()
    publish: PublishSettings = PublishSettings()
    history: HistorySettings = HistorySettings()
    # Several named feeds (issue 24); empty: the one `source` above, as before.
    sources: list[SourceSettings] = []
    keys: dict[str, str] = {}  # binding id -> keys, e.g. refresh = "r,f5"
    # The file these settings were read from, for messages about a key found bad later
    # (a header's environment variable, a theme or key binding that does not exist).
    _origin: str | None = PrivateAttr(default=None)

    def where(self, key: str) -> str:
        """`<config file>: key`, or the key alone for settings not read from a file."""
        return f"{self._origin}: {key}" if self._origin else key

    @property
    def cap(self) -> Cap:
        """The one cap for every source, with the key that set it (for the refusal)."""
        if "max_bytes" not in self.model_fields_set and "max_bytes" in self.http.model_fields_set:
            return Cap(self.http.max_bytes, "http.max_bytes")
        return Cap(self.max_bytes, "max_bytes")
