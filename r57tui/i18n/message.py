"""A message that can be shown in either language: an English template and its values.

`str(message)` is English (logs, tests, machine reports); `message.text("vi")` renders
the template from the Vietnamese catalogue. Values stay as given — names, addresses,
numbers, text quoted from a feed — except a `Phrase` (a fixed phrase, translated), a
nested `Message` (rendered in the same language) and a date or date-time (written as the
language writes it: vi `15/10/2025 08:00`, en `2025-10-15 08:00`). A tuple of messages is
joined with "; ", as the reasons of one set-aside record are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .dates import format_as_of
from .strings import Phrase, tr


@dataclass(frozen=True, slots=True)
class Message:
    template: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, template: str, **params: object) -> Message:
        return cls(template, tuple(params.items()))

    def text(self, language: str) -> str:
        values = {key: _value(value, language) for key, value in self.params}
        return tr(self.template, language).format(**values)

    def __str__(self) -> str:
        return self.text("en")


def _value(value: object, language: str) -> object:
    if isinstance(value, Message):
        return value.text(language)
    if isinstance(value, Phrase):
        return tr(value, language)
    if isinstance(value, date):
        return format_as_of(value, language=language)
    if isinstance(value, tuple) and all(isinstance(item, Message) for item in value):
        return "; ".join(item.text(language) for item in value)
    return value


def plain(text: str) -> Message:
    """A message that is the same in every language (a name, an address, a number)."""
    return Message("{text}", (("text", text),))


class MessageError(Exception):
    """An error whose one line can be shown in either language.

    `str()` is English (logs, tests); `text(language)` is for the person in front of it.
    """

    def __init__(self, message: Message | str) -> None:
        self.message = message if isinstance(message, Message) else plain(message)
        super().__init__(str(self.message))

    def text(self, language: str) -> str:
        return self.message.text(language)


# A message carried to another process (`r57tui serve` tells its dashboards why the feed's
# server failed): its template and values as JSON, so each side renders it in its own
# language, exactly as the sender would have. A value of another kind travels as its text.


def message_to_data(message: Message) -> dict[str, object]:
    """`message` as JSON-ready data; `message_from_data` gives it back."""
    return {"template": message.template, "params": {k: _to_data(v) for k, v in message.params}}


def _to_data(value: object) -> object:
    if isinstance(value, Message):
        return {"message": message_to_data(value)}
    if isinstance(value, Phrase):
        return {"phrase": str(value)}
    if isinstance(value, date):  # a datetime too
        return {"date": value.isoformat(), "time": isinstance(value, datetime)}
    if isinstance(value, tuple) and all(isinstance(item, Message) for item in value):
        return {"messages": [message_to_data(item) for item in value]}
    if isinstance(value, bool | int | float) or value is None:
        return value
    return str(value)


def message_from_data(data: object) -> Message:
    """The message `message_to_data` made; ValueError for anything else."""
    if not isinstance(data, dict) or not isinstance(data.get("template"), str):
        raise ValueError("not a message")
    params = data.get("params", {})
    if not isinstance(params, dict):
        raise ValueError("not a message")
    return Message(data["template"], tuple((str(k), _from_data(v)) for k, v in params.items()))


def _from_data(value: object) -> object:
    if not isinstance(value, dict):
        if isinstance(value, list):
            raise ValueError("not a message value")
        return value
    if "message" in value:
        return message_from_data(value["message"])
    if "phrase" in value:
        return Phrase(str(value["phrase"]))
    if "date" in value:
        parse = datetime.fromisoformat if value.get("time") else date.fromisoformat
        return parse(str(value["date"]))
    if isinstance(value.get("messages"), list):
        return tuple(message_from_data(item) for item in value["messages"])
    raise ValueError("not a message value")
