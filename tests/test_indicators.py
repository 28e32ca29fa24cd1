"""Indicator standing: red/amber/green against the target, respecting direction; change."""

from __future__ import annotations

from decimal import Decimal

import pytest

from r57tui.feed import Direction, load_feed
from r57tui.indicators import Rag, assess, decimals_of, rag
from tests.builders import feed_dict, to_bytes


@pytest.mark.parametrize(
    ("value", "target", "direction", "expected"),
    [
        (16.0, 16.0, Direction.UP, Rag.GREEN),
        (17, 16, Direction.UP, Rag.GREEN),
        (15.0, 16.0, Direction.UP, Rag.AMBER),  # 1 short of 16: within 10%
        (14.4, 16.0, Direction.UP, Rag.AMBER),  # exactly 10% short
        (14.3, 16.0, Direction.UP, Rag.RED),
        (5.0, 5.0, Direction.DOWN, Rag.GREEN),
        (4.0, 5.0, Direction.DOWN, Rag.GREEN),
        (5.4, 5.0, Direction.DOWN, Rag.AMBER),
        (6.0, 5.0, Direction.DOWN, Rag.RED),
        (3.0, None, Direction.UP, Rag.NONE),
        (1.0, 0, Direction.DOWN, Rag.RED),
    ],
)
def test_rag_respects_direction(value, target, direction, expected) -> None:
    assert rag(value, target, direction) is expected


def _indicator(**fields):
    document = feed_dict(
        [],
        indicators=[{"id": "i", "name": "Hồ sơ trực tuyến", "value": 73.5, **fields}],
    )
    return load_feed(to_bytes(document)).indicators[0]


def test_change_is_exact_and_judged_by_direction() -> None:
    up = _indicator(
        period="2025-Q3",
        history=[{"period": "2025-Q1", "value": 68}, {"period": "2025-Q2", "value": 70.1}],
    )
    standing = assess(up)
    assert standing.change == Decimal("3.4")
    assert standing.improved is True
    assert standing.previous.period == "2025-Q2"
    assert standing.series == (68.0, 70.1, 73.5)
    down = assess(_indicator(direction="down", history=[{"period": "2025-Q2", "value": 70.1}]))
    assert down.improved is False


def test_history_holding_the_current_period_is_not_the_previous_one() -> None:
    standing = assess(
        _indicator(
            period="2025-Q3",
            history=[{"period": "2025-Q2", "value": 70.0}, {"period": "2025-Q3", "value": 73.5}],
        )
    )
    assert standing.previous.period == "2025-Q2"
    assert standing.series == (70.0, 73.5)


def test_no_history_means_no_change() -> None:
    standing = assess(_indicator())
    assert standing.change is None
    assert standing.improved is None
    assert standing.rag is Rag.NONE


def test_decimals_follow_the_feed() -> None:
    assert decimals_of(36.11) == 2
    assert decimals_of(12.7) == 1
    assert decimals_of(16.0) == 0
    assert decimals_of(1132) == 0
