"""Finding and reading the config file: TOML validated strictly, paths made relative to
the file, flags on top, every mistake one line naming the file and the key."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel, ValidationError

from ..addresses import is_url, url_problem
from ..i18n.message import Message
from ..i18n.strings import Phrase
from ..i18n.validation import reason
from .headers import check_headers, check_sources
from .settings import APP, BUNDLED_FEEDS, LOCAL_CONFIG, ConfigError, Settings, SourceSettings


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
    check_headers(settings)
    check_sources(settings)
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


def export_folder(settings: Settings) -> Path:
    if settings.export.folder is not None:
        return settings.export.folder.expanduser()
    return platformdirs.user_documents_path() / APP
