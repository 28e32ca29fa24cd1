"""Each indicator's history against its target on the trends screen, from a real history
file: the values each recorded meeting had, the latest and its target, and the mark
against it, held to the recorded feeds' own indicators (views/indicator_trends.py)."""

from __future__ import annotations

from pathlib import Path

from r57tui.feed import Feed, load_feed
from r57tui.history import HistoryStore
from r57tui.indicators import Rag
from r57tui.views.indicator_trends import indicator_trends
from tests.builders import feed_dict, task, to_bytes

AS_OF = ("2025-01-15", "2025-04-15", "2025-07-15")


def meeting(as_of: str, signatures: float, days: float, target: float) -> Feed:
    doc = feed_dict([task("T1", due="2025-12-31")], as_of=as_of)
    doc["indicators"] = [
        {"id": "signatures", "name": "Chữ ký số", "value": signatures, "unit": "%",
         "target": target},
        {"id": "days", "name": "Ngày xử lý", "value": days, "target": 4,
         "direction": "down"},
    ]  # fmt: skip
    if as_of == AS_OF[0]:
        doc["indicators"].append({"id": "gone", "name": "Bỏ", "value": 1})
    return load_feed(to_bytes(doc))


def test_each_indicator_meeting_by_meeting_against_the_target_recorded(tmp_path: Path) -> None:
    feeds = [
        meeting(AS_OF[0], 20.5, 6, 45),
        meeting(AS_OF[1], 31.25, 5, 50),
        meeting(AS_OF[2], 46, 3.5, 50),
    ]
    store = HistoryStore(tmp_path / "h.sqlite3")
    for feed in feeds:
        store.record(feed, "test")
    now = feeds[-1]
    rows = indicator_trends(store.entries(), store.indicator_values(), now.indicators)
    # The feed on screen names them, in its order; "gone" it no longer has.
    assert [row.indicator.id for row in rows] == ["signatures", "days"]
    signatures, days = rows
    assert [entry.as_of for entry, _ in signatures.points] == list(AS_OF)
    assert signatures.values == tuple(f.indicators[0].value for f in feeds)
    assert days.values == (6, 5, 3.5)
    assert (signatures.latest.value, signatures.latest.target) == (46, 50)
    assert signatures.standing is Rag.AMBER  # 46 of ≥50: within 10% of it
    assert days.standing is Rag.GREEN  # 3.5 days against ≤4
    assert [r.indicator.id for r in indicator_trends(
        store.entries(), store.indicator_values(), now.indicators, query="ngay xu ly"
    )] == ["days"]  # fmt: skip
