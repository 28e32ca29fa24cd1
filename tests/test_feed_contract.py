"""The feed's records are written twice: for pydantic (feed/contract.py: the careful way
and the published schema) and for msgspec (feed/models.py: what a load gives). They must
say the same: the same fields in the same order, the same defaults, the same required
ones. Behaviour on every kind of value is held by tests/test_loader_differential.py."""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Any

import msgspec
import pytest

from r57tui.feed import contract, models

PAIRS = ["Agency", "Note", "Task", "HistoryPoint", "Indicator"]


def _contract_fields(cls: type) -> list[tuple[str, Any]]:
    return [
        (
            field.name,
            field.default if field.default is not dataclasses.MISSING else "<required>",
        )
        for field in dataclasses.fields(cls)
    ]


def _model_fields(cls: type) -> list[tuple[str, Any]]:
    return [
        (field.name, field.default if field.default is not msgspec.NODEFAULT else "<required>")
        for field in msgspec.structs.fields(cls)
    ]


@pytest.mark.parametrize("name", PAIRS)
def test_each_record_has_the_same_fields_and_defaults_both_ways(name: str) -> None:
    assert _model_fields(getattr(models, name)) == _contract_fields(getattr(contract, name))


def test_the_document_has_the_same_fields_both_ways() -> None:
    def names(fields: list[tuple[str, Any]]) -> list[str]:
        return sorted(name for name, _ in fields)

    assert names(_model_fields(models.Document)) == names(_contract_fields(contract.FeedDocument))


def test_only_the_derived_fields_are_known_to_decoding_by_another_name() -> None:
    renamed = {
        field.name: field.encode_name
        for field in msgspec.structs.fields(models.Task)
        if field.encode_name != field.name
    }
    assert set(renamed) == set(models.DERIVED_TASK_FIELDS)
    for name, written in renamed.items():
        # Not NFC: no document that is decoded (NFC, no escapes) can name one.
        assert written.startswith(name)
        assert not unicodedata.is_normalized("NFC", written)
