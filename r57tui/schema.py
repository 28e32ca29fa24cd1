"""The feed's JSON Schema, generated from the models (`r57tui schema`)."""

from __future__ import annotations

import json

from pydantic import TypeAdapter

from .feed.contract import FeedDocument
from .feed.models import DERIVED_TASK_FIELDS


def feed_schema() -> dict[str, object]:
    schema = TypeAdapter(FeedDocument).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = (
        "Unknown keys anywhere are ignored. Text is UTF-8 and is normalised to NFC on load."
    )
    task = schema["$defs"]["Task"]
    for name in DERIVED_TASK_FIELDS:  # the loader's, not the feed's
        task["properties"].pop(name, None)
    return schema


def feed_schema_json() -> str:
    return json.dumps(feed_schema(), ensure_ascii=False, indent=2) + "\n"
