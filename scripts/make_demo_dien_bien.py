"""Generate the provincial demo feed, `r57tui/demo/demo-dien-bien.json`.

Điện Biên's own programme beside the national demo (`r57tui --source demo --source
demo-dien-bien`): the province's 11 science and technology topics and 25 breakthrough
tasks, each assigned to a member of the provincial steering committee (`owner`) and led
by a provincial department (Sở…: kind `branch`, as "sở, ban, ngành" are said), a Party
body of the province, a commune or ward, or the province itself — `DIEN-BIEN`, the same
id as in the national demo, so adding the two up shows one Điện Biên.

Its `as_of` is five days before the national demo's (the province reported on Friday
10 October 2025), so a consolidated figure says it adds up feeds of different dates.
Two breakthrough tasks are the province's copy of a national task assigned to it
(`same_as`: `bcd-tw-57:T-0473`, `bcd-tw-57:T-0615`, the national feed by its own
`feed_id`, whatever a reader names that source), in the same state there, so adding up
counts each once and finds no disagreement. The province's feed names itself
`dien-bien-57`, for the feeds that would refer to it. The titles, programme numbers and figures are
illustrative (demo), not the province's records.

Run from the repository: `python scripts/make_demo_dien_bien.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "r57tui" / "demo" / "demo-dien-bien.json"
AS_OF = "2025-10-10T17:00:00+07:00"
# The feeds' own names (`feed_id`): this one's, and the national demo's, which `same_as`
# names a national task by.
FEED_ID = "dien-bien-57"
NATIONAL_FEED_ID = "bcd-tw-57"

AGENCIES = [
    {"id": "DIEN-BIEN", "name": "Điện Biên", "kind": "locality"},
    {
        "id": "DB-SKHCN",
        "name": "Sở Khoa học và Công nghệ tỉnh Điện Biên",
        "name_en": "Department of Science and Technology",
        "short": "Sở KH&CN",
        "kind": "branch",
    },
    {
        "id": "DB-STTTT",
        "name": "Sở Thông tin và Truyền thông tỉnh Điện Biên",
        "name_en": "Department of Information and Communications",
        "short": "Sở TT&TT",
        "kind": "branch",
    },
    {
        "id": "DB-STC",
        "name": "Sở Tài chính tỉnh Điện Biên",
        "name_en": "Department of Finance",
        "short": "Sở TC",
        "kind": "branch",
    },
    {
        "id": "DB-SNNMT",
        "name": "Sở Nông nghiệp và Môi trường tỉnh Điện Biên",
        "name_en": "Department of Agriculture and Environment",
        "short": "Sở NN&MT",
        "kind": "branch",
    },
    {
        "id": "DB-SYT",
        "name": "Sở Y tế tỉnh Điện Biên",
        "name_en": "Department of Health",
        "short": "Sở YT",
        "kind": "branch",
    },
    {
        "id": "DB-SGDDT",
        "name": "Sở Giáo dục và Đào tạo tỉnh Điện Biên",
        "name_en": "Department of Education and Training",
        "short": "Sở GD&ĐT",
        "kind": "branch",
    },
    {
        "id": "DB-SVHTTDL",
        "name": "Sở Văn hóa, Thể thao và Du lịch tỉnh Điện Biên",
        "name_en": "Department of Culture, Sports and Tourism",
        "short": "Sở VHTT&DL",
        "kind": "branch",
    },
    {
        "id": "DB-CA",
        "name": "Công an tỉnh Điện Biên",
        "name_en": "Provincial Police",
        "short": "Công an tỉnh",
        "kind": "branch",
    },
    {
        "id": "DB-VPUBND",
        "name": "Văn phòng Ủy ban nhân dân tỉnh Điện Biên",
        "name_en": "Office of the Provincial People's Committee",
        "short": "VP UBND tỉnh",
        "kind": "branch",
    },
    {
        "id": "DB-BTGDV",
        "name": "Ban Tuyên giáo và Dân vận Tỉnh ủy Điện Biên",
        "name_en": "Party Propaganda and Mass Mobilisation Commission",
        "short": "Ban TG&DV Tỉnh ủy",
        "kind": "party",
    },
    {
        "id": "DB-P-DBP",
        "name": "Ủy ban nhân dân phường Điện Biên Phủ",
        "name_en": "Điện Biên Phủ Ward",
        "short": "Phường Điện Biên Phủ",
        "kind": "locality",
    },
    {
        "id": "DB-X-MUONGPHANG",
        "name": "Ủy ban nhân dân xã Mường Phăng",
        "name_en": "Mường Phăng Commune",
        "short": "Xã Mường Phăng",
        "kind": "locality",
    },
]

CHAIR = "Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo"
GOVERNOR = "Chủ tịch UBND tỉnh Điện Biên, Phó Trưởng Ban Thường trực"
VICE_SCIENCE = "Phó Chủ tịch UBND tỉnh Điện Biên phụ trách khoa học, công nghệ"
VICE_ECONOMY = "Phó Chủ tịch UBND tỉnh Điện Biên phụ trách kinh tế"
VICE_SOCIETY = "Phó Chủ tịch UBND tỉnh Điện Biên phụ trách văn hóa - xã hội"
POLICE = "Giám đốc Công an tỉnh Điện Biên"
PARTY = "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"

TOPICS_SOURCE = "Kế hoạch 2150/KH-UBND tỉnh Điện Biên (minh họa)"
TASKS_SOURCE = "Chương trình hành động 52-CTr/TU tỉnh Điện Biên (minh họa)"

# The 11 topics: title, lead agency, assigned, due, then what is known at the as-of:
# a completion date, or the progress reported (None: none reported).
TOPICS = [
    (
        "Nghiên cứu chọn tạo giống lúa nếp Tan đặc sản Điện Biên có năng suất và chất lượng cao",
        "DB-SNNMT",
        "2025-01-15",
        "2025-09-30",
        ("completed", "2025-09-22"),
    ),
    (
        "Ứng dụng công nghệ sinh học trong nhân giống cây mắc ca và cà phê Arabica",
        "DB-SNNMT",
        "2025-01-15",
        "2025-12-31",
        ("progress", 60),
    ),
    (
        "Xây dựng cơ sở dữ liệu số về di tích lịch sử Chiến trường Điện Biên Phủ",
        "DB-SVHTTDL",
        "2025-02-10",
        "2025-08-31",
        ("progress", 70),
    ),
    (
        "Nghiên cứu giải pháp cảnh báo sớm sạt lở đất, lũ quét tại các xã vùng cao",
        "DB-SKHCN",
        "2025-02-10",
        "2025-10-31",
        ("progress", 40),
    ),
    (
        "Ứng dụng trí tuệ nhân tạo hỗ trợ chẩn đoán hình ảnh tại Bệnh viện Đa khoa tỉnh",
        "DB-SYT",
        "2025-03-01",
        "2026-06-30",
        ("progress", 25),
    ),
    (
        "Bảo tồn và phát huy giá trị chữ Thái cổ bằng công nghệ số",
        "DB-SVHTTDL",
        "2025-03-01",
        "2025-Q3",
        ("completed", "2025-10-03"),
    ),
    (
        "Phát triển chuỗi giá trị sản phẩm OCOP ứng dụng truy xuất nguồn gốc điện tử",
        "DB-SKHCN",
        "2025-03-15",
        "2025-11-30",
        ("progress", 55),
    ),
    (
        "Nghiên cứu mô hình nông nghiệp thông minh tại xã Mường Phăng",
        "DB-X-MUONGPHANG",
        "2025-04-01",
        "2025-10-20",
        ("progress", 30),
    ),
    (
        "Đánh giá hiệu quả chuyển đổi số trong giáo dục vùng đồng bào dân tộc thiểu số",
        "DB-SGDDT",
        "2025-04-01",
        "2025-07-31",
        ("completed", "2025-07-25"),
    ),
    (
        "Xây dựng bản đồ số tài nguyên nước mặt trên địa bàn tỉnh",
        "DB-SNNMT",
        "2025-05-05",
        "2026-03-31",
        ("progress", 20),
    ),
    (
        "Nghiên cứu phát triển du lịch thông minh gắn với di tích quốc gia đặc biệt",
        "DB-SVHTTDL",
        "2025-05-05",
        "2025-09-15",
        ("progress", 85),
    ),
]

# The 25 breakthrough tasks: title, lead agency, owner, assigned, due, known; then what
# else (co-agencies, key task, same_as, a note).
TASKS = [
    (
        "Ban hành Chương trình hành động của Tỉnh ủy thực hiện Nghị quyết 57-NQ/TW",
        "DIEN-BIEN",
        CHAIR,
        "2025-01-10",
        "2025-02-28",
        ("completed", "2025-02-20"),
        {"key_task": True},
    ),
    (
        "Kiện toàn Ban Chỉ đạo tỉnh và tổ giúp việc về phát triển khoa học, công nghệ, "
        "đổi mới sáng tạo và chuyển đổi số",
        "DB-VPUBND",
        GOVERNOR,
        "2025-01-10",
        "2025-01-31",
        ("completed", "2025-01-24"),
        {},
    ),
    (
        "Chi trả an sinh xã hội không dùng tiền mặt trên địa bàn tỉnh",
        "DB-CA",
        POLICE,
        "2025-02-13",
        "2025-06-29",
        ("progress", 90),
        {
            "key_task": True,
            "same_as": f"{NATIONAL_FEED_ID}:T-0473",
            "note": ("2025-10-06", "Còn 3 xã vùng cao chưa có điểm chi trả qua tài khoản"),
        },
    ),
    (
        "Triển khai mô hình điểm về ứng dụng dữ liệu dân cư, định danh và xác thực điện tử "
        "trên địa bàn tỉnh",
        "DB-CA",
        POLICE,
        "2025-03-04",
        "2025-08",
        ("progress", 80),
        {"same_as": f"{NATIONAL_FEED_ID}:T-0615", "co_agencies": ["DB-STTTT"]},
    ),
    (
        "Phủ sóng di động 4G/5G đến 100% thôn, bản",
        "DB-STTTT",
        VICE_SCIENCE,
        "2025-02-01",
        "2025-09-30",
        ("progress", 88),
        {
            "key_task": True,
            "note": ("2025-10-08", "Còn 14 bản chưa có trạm phát sóng do chưa có điện lưới"),
        },
    ),
    (
        "Cấp chữ ký số cho 100% cán bộ, công chức cấp xã",
        "DB-STTTT",
        VICE_SCIENCE,
        "2025-02-01",
        "2025-06-30",
        ("completed", "2025-06-18"),
        {},
    ),
    (
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
        "DB-VPUBND",
        GOVERNOR,
        "2025-02-15",
        "2025-10-31",
        ("progress", 75),
        {"co_agencies": ["DB-STTTT"]},
    ),
    (
        "Thành lập Quỹ phát triển khoa học và công nghệ của tỉnh",
        "DB-STC",
        VICE_ECONOMY,
        "2025-02-15",
        "2025-07-31",
        ("progress", 50),
        {"co_agencies": ["DB-SKHCN"]},
    ),
    (
        "Bố trí tối thiểu 3% tổng chi ngân sách tỉnh cho khoa học, công nghệ và chuyển đổi số",
        "DB-STC",
        VICE_ECONOMY,
        "2025-03-01",
        "2025-12-31",
        ("progress", 60),
        {"key_task": True},
    ),
    (
        "Xây dựng Trung tâm dữ liệu tỉnh đáp ứng tiêu chuẩn an toàn cấp độ 3",
        "DB-STTTT",
        VICE_SCIENCE,
        "2025-03-01",
        "2026-06-30",
        ("progress", 30),
        {},
    ),
    (
        "Đưa vào vận hành Trung tâm giám sát, điều hành thông minh (IOC) giai đoạn 1",
        "DB-STTTT",
        GOVERNOR,
        "2025-03-15",
        "2025-10-15",
        ("progress", 70),
        {"key_task": True},
    ),
    (
        "Triển khai bệnh án điện tử tại 100% bệnh viện tuyến tỉnh",
        "DB-SYT",
        VICE_SOCIETY,
        "2025-03-15",
        "2025-09-30",
        ("completed", "2025-09-26"),
        {},
    ),
    (
        "Triển khai sổ sức khỏe điện tử cho người dân",
        "DB-SYT",
        VICE_SOCIETY,
        "2025-04-01",
        "2025-12-31",
        ("progress", 65),
        {"co_agencies": ["DB-CA"]},
    ),
    (
        "Triển khai học bạ số cho học sinh tiểu học và trung học cơ sở",
        "DB-SGDDT",
        VICE_SOCIETY,
        "2025-04-01",
        "2025-08-31",
        ("completed", "2025-09-12"),
        {},
    ),
    (
        "Phổ cập kỹ năng số cho người dân qua tổ công nghệ số cộng đồng",
        "DB-BTGDV",
        PARTY,
        "2025-04-10",
        "2025-12-31",
        ("progress", 55),
        {},
    ),
    (
        "Tuyên truyền Nghị quyết 57-NQ/TW đến 100% chi bộ",
        "DB-BTGDV",
        PARTY,
        "2025-04-10",
        "2025-06-30",
        ("completed", "2025-06-25"),
        {},
    ),
    (
        "Xây dựng phường Điện Biên Phủ thành phường số thí điểm",
        "DB-P-DBP",
        VICE_SCIENCE,
        "2025-05-01",
        "2025-10-31",
        ("progress", 45),
        {"co_agencies": ["DB-STTTT"]},
    ),
    (
        "Đưa sản phẩm OCOP của tỉnh lên sàn thương mại điện tử",
        "DB-SKHCN",
        VICE_ECONOMY,
        "2025-05-01",
        "2025-09-30",
        ("progress", 60),
        {"note": ("2025-10-02", "Mới có 41 trên 68 sản phẩm lên sàn")},
    ),
    (
        "Hỗ trợ thành lập 5 doanh nghiệp khoa học và công nghệ",
        "DB-SKHCN",
        VICE_SCIENCE,
        "2025-05-15",
        "2026-12-31",
        ("progress", 20),
        {},
    ),
    (
        "Xây dựng cơ sở dữ liệu đất đai tỉnh, kết nối cơ sở dữ liệu quốc gia",
        "DB-SNNMT",
        VICE_ECONOMY,
        "2025-05-15",
        "2025-Q4",
        ("progress", 50),
        {},
    ),
    (
        "Cung cấp dịch vụ công trực tuyến toàn trình đối với thủ tục đủ điều kiện",
        "DB-VPUBND",
        GOVERNOR,
        "2025-06-01",
        "2025-10-31",
        ("progress", 90),
        {"key_task": True},
    ),
    (
        "Triển khai thanh toán không dùng tiền mặt tại các điểm du lịch",
        "DB-SVHTTDL",
        VICE_SOCIETY,
        "2025-06-01",
        "2025-10-25",
        None,
        {},
    ),
    (
        "Bảo đảm an toàn thông tin cho hệ thống thông tin cấp xã theo mô hình 4 lớp",
        "DB-CA",
        POLICE,
        "2025-06-15",
        "2025-12-31",
        ("progress", 35),
        {"co_agencies": ["DB-STTTT"]},
    ),
    (
        "Đào tạo 500 cán bộ chuyển đổi số cấp xã",
        "DB-STTTT",
        VICE_SCIENCE,
        "2025-07-01",
        "2026-06-30",
        ("progress", 15),
        {},
    ),
    (
        "Sơ kết 1 năm thực hiện Nghị quyết 57-NQ/TW trên địa bàn tỉnh",
        "DIEN-BIEN",
        CHAIR,
        "2025-09-01",
        "2025-12-31",
        ("progress", 10),
        {"key_task": True},
    ),
]

INDICATORS = [
    {
        "id": "dvc-toan-trinh",
        "name": "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình",
        "name_en": "Administrative procedures handled fully online",
        "unit": "%",
        "value": 46.5,
        "period": "2025-Q3",
        "target": 80,
        "direction": "up",
        "agency": "DB-VPUBND",
        "history": [{"period": "2025-Q1", "value": 31.2}, {"period": "2025-Q2", "value": 39.8}],
    },
    {
        "id": "chi-khcn",
        "name": "Chi ngân sách tỉnh cho khoa học, công nghệ và chuyển đổi số",
        "name_en": "Provincial budget spent on science, technology and digital transformation",
        "unit": "% tổng chi",
        "unit_en": "% of spending",
        "value": 1.9,
        "period": "2025-Q3",
        "target": 3,
        "direction": "up",
        "agency": "DB-STC",
        "history": [{"period": "2025-Q1", "value": 1.2}, {"period": "2025-Q2", "value": 1.6}],
    },
]


def _task(task_id: str, row: tuple, source: str, group: str) -> dict:  # type: ignore[type-arg]
    title, agency, owner, assigned, due, known, extra = row
    made: dict = {  # type: ignore[type-arg]
        "id": task_id,
        "title": title,
        "agency": agency,
        "source": source,
        "group": group,
        "assigned": assigned,
        "due": due,
        "owner": owner,
    }
    if extra.get("key_task"):
        made["key_task"] = True
    if "co_agencies" in extra:
        made["co_agencies"] = extra["co_agencies"]
    if known is not None:
        kind, value = known
        made["completed" if kind == "completed" else "progress"] = value
    if "same_as" in extra:
        made["same_as"] = extra["same_as"]
    if "note" in extra:
        made["notes"] = [{"date": extra["note"][0], "text": extra["note"][1]}]
    return made


def build() -> dict:  # type: ignore[type-arg]
    topics = [
        _task(
            f"DB-DT-{n:02d}",
            (title, agency, VICE_SCIENCE, assigned, due, known, {}),
            TOPICS_SOURCE,
            "Đề tài khoa học và công nghệ",
        )
        for n, (title, agency, assigned, due, known) in enumerate(TOPICS, 1)
    ]
    tasks = [
        _task(f"DB-NV-{n:02d}", row, TASKS_SOURCE, "Nhiệm vụ đột phá")
        for n, row in enumerate(TASKS, 1)
    ]
    return {
        "format": "r57-feed",
        "version": 1,
        "as_of": AS_OF,
        "title": "Ban Chỉ đạo tỉnh Điện Biên về phát triển khoa học, công nghệ, đổi mới "
        "sáng tạo và chuyển đổi số — Chương trình của tỉnh (dữ liệu minh họa)",
        "feed_id": FEED_ID,
        "agencies": AGENCIES,
        "tasks": topics + tasks,
        "indicators": INDICATORS,
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(OUT)
