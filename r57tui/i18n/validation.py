"""Pydantic's validation errors as messages in either language.

Pydantic words its errors in English only ("Input should be a valid string"). A feed's
set-aside records and a config's bad values are shown to the secretariat, so each error
type the feed and config models can raise gets a template of ours, keyed by pydantic's
stable error `type`; an error type not listed keeps pydantic's English text.
"""

from __future__ import annotations

from typing import Any

from .message import Message

_TEMPLATES: dict[str, str] = {
    "missing": "required",
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "finite_number": "must be a finite number",
    "greater_than_equal": "must be at least {ge}",
    "greater_than": "must be more than {gt}",
    "less_than_equal": "must be at most {le}",
    "less_than": "must be less than {lt}",
    "string_too_long": "must be at most {max_length} characters",
    "date_type": "must be a date (YYYY-MM-DD)",
    "date_parsing": "must be a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "must be a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "must be a date (YYYY-MM-DD)",
    "enum": "must be one of {expected}",
    "literal_error": "must be one of {expected}",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dataclass_type": "must be an object",
    "dataclass_exact_type": "must be an object",
    "path_type": "must be a path",
    "source_name": "must be letters, digits, -, _ or spaces, starting and ending with a "
    "letter or digit",
}
# Errors about the shape of a record: the value itself would say nothing more.
_NO_INPUT = frozenset(
    {"missing", "dict_type", "model_type", "dataclass_type", "dataclass_exact_type"}
)


def problem(error: Any) -> Message:
    """What is wrong with the value, without where it is or what it was."""
    kind = error["type"]
    ctx = dict(error.get("ctx") or {})
    if kind == "too_short" and ctx.get("min_length") == 1:  # an empty list
        return Message.of("must not be empty")
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return Message.of("must not be empty")
        return Message.of("must be at least {min_length} characters", **ctx)
    template = _TEMPLATES.get(kind)
    if template is None:
        # Pydantic's English, under a template no catalogue has: shown as is, and listed
        # by `strings.missing()` so the Vietnamese walk-through test finds the gap.
        return Message.of("{pydantic}", pydantic=error["msg"])
    for key, value in ctx.items():
        if isinstance(value, float) and value.is_integer():
            ctx[key] = int(value)  # "at least 0", not "at least 0.0"
    if "expected" in ctx:
        # pydantic writes "'a', 'b' or 'c'": the "or" is English.
        ctx["expected"] = str(ctx["expected"]).replace(" or ", ", ")
    return Message.of(template, **{k: v for k, v in ctx.items() if "{" + k + "}" in template})


def reason(error: Any, skip: int = 0) -> Message:
    """The error as "path: problem (got value)"; `skip` leading parts of its location."""
    path = ".".join(str(part) for part in error["loc"][skip:])
    what = problem(error)
    if error["type"] not in _NO_INPUT:
        what = Message.of("{what} (got {value})", what=what, value=short(error.get("input")))
    return Message.of("{path}: {what}", path=path, what=what) if path else what


def short(value: Any, limit: int = 40) -> str:
    """`repr(value)` cut to `limit` characters."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[:limit] + "…"
