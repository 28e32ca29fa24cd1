"""Settings: a TOML file validated strictly, then command-line flags on top.

Looked up in this order: `--config PATH`, `./r57tui.toml`, then `config.toml` in the
user config dir (platformdirs). With none, the defaults run the bundled demo feed.
An unknown key is an error naming the key and the file: `refesh = 5` must never be
ignored in silence. Secrets are never written here: a header value may name
environment variables as `${NAME}`, resolved when the source is opened.
"""

from .headers import Secret, expand_env, header_variables, resolve_headers
from .loading import export_folder, find_config, load_settings, user_config_dir
from .settings import (
    APP,
    BUNDLED_FEEDS,
    DEFAULT_MAX_BYTES,
    LOCAL_CONFIG,
    MAX_PUBLISH_VIEWERS,
    MAX_SERVE_SESSIONS,
    Cap,
    ConfigError,
    ExportFormat,
    ExportSettings,
    HistorySettings,
    HttpSettings,
    PresentSettings,
    PublishSettings,
    ServeSettings,
    Settings,
    SourceSettings,
    source_name,
)

__all__ = [
    "APP",
    "BUNDLED_FEEDS",
    "DEFAULT_MAX_BYTES",
    "LOCAL_CONFIG",
    "MAX_PUBLISH_VIEWERS",
    "MAX_SERVE_SESSIONS",
    "Cap",
    "ConfigError",
    "ExportFormat",
    "ExportSettings",
    "HistorySettings",
    "HttpSettings",
    "PresentSettings",
    "PublishSettings",
    "Secret",
    "ServeSettings",
    "Settings",
    "SourceSettings",
    "expand_env",
    "export_folder",
    "find_config",
    "header_variables",
    "load_settings",
    "resolve_headers",
    "source_name",
    "user_config_dir",
]
