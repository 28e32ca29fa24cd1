"""The app's own small settings file (`state.toml` in the user config dir): what the app
remembers between runs, such as the chosen theme. Written with tomli-w, atomically; the
user's hand-written config is never touched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from .config import user_config_dir

STATE_FILE = "state.toml"


def state_path() -> Path:
    return user_config_dir() / STATE_FILE


def load_state(path: Path | None = None) -> dict[str, Any]:
    """What was remembered; a missing or broken file remembers nothing (it is only memory)."""
    path = path or state_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def remember(key: str, value: Any, path: Path | None = None) -> str | None:
    """Store one value; None when written, else a one-line reason (the app goes on)."""
    path = path or state_path()
    data = load_state(path)
    data[key] = value
    temp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".state-", suffix=".part")
        with os.fdopen(handle, "wb") as out:
            tomli_w.dump(data, out)
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        return f"cannot remember {key} in {path}: {exc.strerror or type(exc).__name__}"
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    return None
