"""Builders of small feeds, for tests that make the feed they need."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

AS_OF = "2025-10-15T08:00:00+07:00"


def feed_dict(tasks: list[dict[str, Any]] | None = None, **top: Any) -> dict[str, Any]:
    """A minimal valid feed; `top` replaces or adds top-level keys."""
    document: dict[str, Any] = {
        "format": "r57-feed",
        "version": 1,
        "as_of": AS_OF,
        "agencies": [
            {"id": "BKHCN", "name": "Bộ Khoa học và Công nghệ", "kind": "ministry"},
            {"id": "LAI-CHAU", "name": "Lai Châu", "kind": "locality"},
        ],
        "tasks": tasks if tasks is not None else [],
    }
    document.update(top)
    return document


def task(task_id: str, agency: str = "BKHCN", **fields: Any) -> dict[str, Any]:
    return {"id": task_id, "title": f"Task {task_id}", "agency": agency, **fields}


def to_bytes(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def export(*args: Any, **kwargs: Any) -> list[Path]:
    """The paths `export_files` wrote (the tests' shorthand)."""
    from r57tui.export import export_files

    return export_files(*args, **kwargs).paths
