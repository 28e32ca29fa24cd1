"""Synthetic feeds of any size for the benchmarks: realistic shapes, Vietnamese text.

About 300 bytes a task, so 100k tasks is about 30 MB, like a national roll-up.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

AS_OF = date(2025, 10, 15)
TITLES = [
    "Xây dựng cơ sở dữ liệu chuyên ngành về {x} và kết nối với Trung tâm dữ liệu quốc gia",
    "Hoàn thiện thể chế, chính sách về {x} theo Nghị quyết 57-NQ/TW",
    "Triển khai nền tảng số dùng chung cho {x} tại các xã, phường",
    "Đào tạo, bồi dưỡng nhân lực số phục vụ {x}",
    "Cung cấp dịch vụ công trực tuyến toàn trình về {x}",
]
TOPICS = ["đất đai", "y tế", "giáo dục", "thuế", "hộ tịch", "giao thông", "năng lượng", "bảo hiểm"]
GROUPS = ["Thể chế", "Hạ tầng số", "Dữ liệu", "Nhân lực", "Chính phủ số", "Đề án 06"]
SOURCES = ["Nghị quyết 57-NQ/TW", "Nghị quyết 71/NQ-CP", "Thông báo kết luận 45-TB/BCĐTW"]
KINDS = ["ministry"] * 17 + ["branch"] * 9 + ["locality"] * 34 + ["other"] * 3
# A locality's tasks have an owner, the member of its committee in charge (taken in turn,
# not from the random sequence, so the rest of a feed is what it was without owners).
OWNERS = [
    "Chủ tịch UBND {name}",
    "Phó Chủ tịch UBND {name} phụ trách khoa học, công nghệ",
    "Giám đốc Công an {name}",
]


def generate(tasks: int, seed: int = 8) -> bytes:
    rng = random.Random(seed)
    agencies = [
        {"id": f"AG-{i:02d}", "name": f"Cơ quan số {i}", "kind": kind}
        for i, kind in enumerate(KINDS)
    ]
    records = []
    for i in range(tasks):
        due = AS_OF + timedelta(days=rng.randint(-200, 200))
        record = {
            "id": f"T-{i:07d}",
            "title": rng.choice(TITLES).format(x=rng.choice(TOPICS)),
            "agency": agencies[rng.randrange(len(agencies))]["id"],
            "source": rng.choice(SOURCES),
            "group": rng.choice(GROUPS),
            "assigned": "2025-01-09",
            "due": due.isoformat() if rng.random() > 0.1 else f"{due.year}-Q{(due.month + 2) // 3}",
        }
        if rng.random() < 0.43:
            record["completed"] = (due - timedelta(days=rng.randint(-20, 60))).isoformat()
            record["completed"] = min(record["completed"], AS_OF.isoformat())
        else:
            record["progress"] = rng.randint(0, 95)
        if rng.random() < 0.1:
            record["notes"] = [{"date": "2025-10-01", "text": "Đang hoàn thiện hồ sơ trình"}]
        agency = agencies[int(record["agency"][3:])]
        if agency["kind"] == "locality":
            record["owner"] = OWNERS[i % len(OWNERS)].format(name=agency["name"])
        records.append(record)
    document = {
        "format": "r57-feed",
        "version": 1,
        "as_of": "2025-10-15T08:00:00+07:00",
        "title": f"Bench feed, {tasks:,} tasks",
        "agencies": agencies,
        "tasks": records,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def feed_file(folder: Path, tasks: int) -> Path:
    """The feed of that size in `folder`, generated once and reused."""
    path = folder / f"feed-{tasks}.json"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_bytes(generate(tasks))
        partial.replace(path)
    return path


def big_feed_config(folder: Path) -> Path:
    """A config whose cap (max_bytes, 64 MiB by default) lets a 1M-task feed (about 300 MB) in."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "big-feeds.toml"
    path.write_text("max_bytes = 1073741824  # 1 GiB\n", encoding="utf-8")
    return path
