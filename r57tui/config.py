"""Settings: a TOML file validated strictly, then command-line flags on top.

Looked up in this order: `--config PATH`, `./r57tui.toml`, then `config.toml` in the
user config dir (platformdirs). With none, the defaults run the bundled demo feed.
An unknown key is an error naming the key and the file: `refesh = 5` must never be
ignored in silence. Secrets are never written here: a header value may name
environment variables as `${NAME}`, resolved when the source is opened.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import platformdirs
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, ValidationError
from pydantic_core import PydanticCustomError

from .addresses import is_url, url_problem
from .groups import AgencyKind
from .i18n.message import Message, MessageError
from .i18n.strings import Phrase
from .i18n.validation import reason

APP = "r57tui"
LOCAL_CONFIG = Path("r57tui.toml")
ExportFormat = Literal["csv", "xlsx", "md", "json", "html", "docx"]
MAX_SERVE_SESSIONS = 200
MAX_PUBLISH_VIEWERS = 10_000
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")  # an HTTP token (RFC 9110)
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


def user_config_dir() -> Path:
    return platformdirs.user_config_path(APP, appauthor=False)


def find_config(explicit: Path | None = None) -> Path | None:
    """The config file to use, or None for the defaults."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(Message.of("{where}: config file not found", where=str(explicit)))
        return explicit
    for candidate in (LOCAL_CONFIG, user_config_dir() / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def load_settings(path: Path | None, overrides: dict[str, Any] | None = None) -> Settings:
    """Read and validate a config file (None: defaults), then apply flag overrides."""
    data: dict[str, Any] = {}
    if path is not None:
        try:
            with open(path, "rb") as handle:
                data = tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(
                Message.of("{where}: not valid TOML: {reason}", where=str(path), reason=exc)
            ) from None
        except UnicodeDecodeError as exc:
            raise ConfigError(
                Message.of(
                    "{where}: not UTF-8 text (byte {offset})", where=str(path), offset=exc.start
                )
            ) from None
        except OSError as exc:
            raise ConfigError(
                Message.of(
                    "{where}: cannot be read ({reason})", where=str(path), reason=exc.strerror
                )
            ) from None
        _resolve_paths(data, path.parent)
        _check_address(data.get("source"), f"{path}: source")
        named = data.get("sources")
        for index, entry in enumerate(named if isinstance(named, list) else []):
            if isinstance(entry, dict):
                _check_address(entry.get("location"), f"{path}: sources[{index}].location")
    for key, value in (overrides or {}).items():
        if value is not None:
            data[key] = value
    _check_address((overrides or {}).get("source"), "--source")
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, path)) from None
    settings._origin = str(path) if path is not None else None
    _check_headers(settings)
    _check_sources(settings)
    if (
        {"max_bytes"} <= settings.model_fields_set
        and {"max_bytes"} <= settings.http.model_fields_set
        and settings.max_bytes != settings.http.max_bytes
    ):
        raise ConfigError(
            Message.of(
                "{where}: max_bytes and http.max_bytes give two different caps ({one} and "
                "{two}): keep max_bytes, the cap for every source",
                where=str(path) if path else Phrase("settings"),
                one=settings.max_bytes,
                two=settings.http.max_bytes,
            )
        )
    return settings


def _check_address(source: object, where: str) -> None:
    """An address given as the source, usable or refused here: naming the file and key,
    or the flag, is only possible before the two are merged."""
    if isinstance(source, str) and is_url(source):
        problem = url_problem(source)
        if problem is not None:
            raise ConfigError(Message.of("{where}: {what}", where=where, what=problem))


def _resolve_paths(data: dict[str, Any], base: Path) -> None:
    """Paths in a config file are relative to that file, not to where r57tui started."""

    def resolve(value: Any) -> Any:
        if isinstance(value, str) and value:
            return str(base / Path(value).expanduser())
        return value

    source = data.get("source")
    if isinstance(source, str) and not is_url(source) and source not in BUNDLED_FEEDS:
        data["source"] = resolve(source)
    data["themes_dir"] = resolve(data.get("themes_dir"))
    for table, key in (
        ("http", "ca_bundle"),
        ("export", "folder"),
        ("export", "report_template"),
        ("history", "path"),
    ):
        section = data.get(table)
        if isinstance(section, dict) and key in section:
            section[key] = resolve(section[key])
    if data["themes_dir"] is None:
        del data["themes_dir"]
    named = data.get("sources")
    for entry in named if isinstance(named, list) else []:
        if not isinstance(entry, dict):
            continue
        location = entry.get("location")
        if isinstance(location, str) and not is_url(location) and location not in BUNDLED_FEEDS:
            entry["location"] = resolve(location)
        if "ca_bundle" in entry:
            entry["ca_bundle"] = resolve(entry["ca_bundle"])


def _describe(exc: ValidationError, path: Path | None) -> Message:
    where = str(path) if path else Phrase("settings")
    error = exc.errors(include_url=False)[0]
    # `sources[1].name`, as the feed's places are written (`tasks[17]`), not `sources.1.name`.
    loc: list[str] = []
    for part in error["loc"]:
        if isinstance(part, int) and loc == ["sources"]:
            loc[-1] += f"[{part}]"
        else:
            loc.append(str(part))
    error["loc"] = tuple(loc)
    if error["type"] == "extra_forbidden":
        key = ".".join(str(part) for part in error["loc"])
        *parents, name = [str(part) for part in error["loc"]]
        known = _known_keys(parents)
        guess = difflib.get_close_matches(name, known, n=1)
        if guess:
            message = Message.of(
                "{where}: unknown key {key} (did you mean {guess}?)",
                where=where,
                key=repr(key),
                guess=repr(".".join([*parents, guess[0]])),
            )
        else:
            message = Message.of("{where}: unknown key {key}", where=where, key=repr(key))
    else:
        message = Message.of("{where}: {what}", where=where, what=reason(error))
    if exc.error_count() > 1:
        message = Message.of("{what} (and {count} more)", what=message, count=exc.error_count() - 1)
    return message


def _known_keys(parents: list[str]) -> list[str]:
    model: type[BaseModel] = Settings
    for part in parents:
        part = part.partition("[")[0]  # noqa: PLW2901 (`sources[0]`: an entry of the list)
        annotation = model.model_fields[part].annotation if part in model.model_fields else None
        if part == "sources":
            annotation = SourceSettings
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        model = annotation
    return list(model.model_fields)


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


def _check_headers(settings: Settings, index: int | None = None) -> None:
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


def _check_sources(settings: Settings) -> None:
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
            _check_headers(settings, index)


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


def export_folder(settings: Settings) -> Path:
    if settings.export.folder is not None:
        return settings.export.folder.expanduser()
    return platformdirs.user_documents_path() / APP
