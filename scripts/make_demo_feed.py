"""Generate the demo feed, `r57tui/demo/demo-feed.json`.

The demo is a snapshot of the Central Steering Committee's Q3 2025 review of Resolution
57-NQ/TW, as of 2025-10-15 08:00 (+07:00). Its headline matches what that review reported:
1,132 tasks = 485 completed + 561 being carried out on time + 86 overdue. Nothing in the
feed states those figures; they come out of the dates, the way the dashboard derives a
task's state (see FEED_FORMAT.md):

* completed: a `completed` date on or before 2025-10-15 (after the deadline for the ~40
  `completed_late` ones, on or before it for the others);
* on time: not completed and a deadline on or after 2025-10-15, or no deadline (about 55
  tasks are ongoing, `"due": null`);
* overdue: not completed and a deadline before 2025-10-15 (a `"2025-Q3"` deadline is
  2025-09-30 and therefore passed).

How the numbers are made, so they look like a real tracker rather than noise:

* Agencies: the 14 ministries and 3 ministerial-level agencies after the 2025 government
  restructuring, two departments under them (with `parent`, and their ministry's kind, so
  by-kind totals keep a ministry's work together), nine central branches, four Party
  bodies, the 34 provinces and centrally-run cities after the 1 July 2025 merger
  (pre-merger names as aliases) and three State-owned telecom groups.
* Tasks per agency are proportional to a hand-set weight (the Ministry of Science and
  Technology, the Ministry of Public Security, the Ministry of Finance and the Government
  Office carry the most; every locality has at least a handful; enterprises a few).
* The 86 overdue tasks are placed by hand on a list of laggards (some ministries and
  some mountainous provinces), so a meeting has names to call; many agencies have none.
  The 485 completed tasks are shared out in proportion to each agency's remaining tasks
  times a "performance" factor; the rest are on time.
* Titles are built from templates per thematic group, with each agency's own wording
  ("của ngành y tế", "trên địa bàn tỉnh") and a few agency-specific flagship tasks;
  170 tasks (15%) are key tasks, flagship ones more often.
* 15 tasks carry an explicit `status`, always the one their dates give, so the demo has
  no data-quality findings. A few tasks sit on the boundaries on purpose: due on
  2025-10-15 (on time), due "2025-10" (on time), due 2025-10-14 (one day overdue),
  completed on the deadline day (on time) and the day after (late).
* Each locality's tasks carry an `owner`, the member of its steering committee in charge
  (FEED_FORMAT.md): the chair of the provincial People's Committee for key tasks,
  institutions and finance, a vice-chair by area (science and technology, the economy,
  culture and society) for most others, the provincial police director for Project 06 and
  cyber security. They are chosen from the task itself, never from the random sequence,
  so the figures are those of a demo without owners. Central agencies' tasks have none.
* Document numbers in `source`, the dates, notes and any indicator figure marked
  "minh họa" in its `note` are illustrative demo data, not claims of fact.

A fixed random seed makes every run write the same bytes. The file is written with one
agency, task or indicator per line so that changes diff cleanly.

Run: python3 scripts/make_demo_feed.py
"""

from __future__ import annotations

import calendar
import json
import os
import random
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SEED = 57
OUT = Path(__file__).resolve().parent.parent / "r57tui" / "demo" / "demo-feed.json"

AS_OF = "2025-10-15T08:00:00+07:00"
AS_OF_DATE = date(2025, 10, 15)
TITLE = (
    "Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và "
    "chuyển đổi số — Sơ kết quý III/2025"
)

TOTAL_TASKS = 1132
TOTAL_COMPLETED = 485  # both completed states
TOTAL_ON_TIME = 561
TOTAL_OVERDUE = 86
COMPLETED_LATE = 42
NULL_DUE_ON_TIME = 44
NULL_DUE_COMPLETED = 12
EXPLICIT_STATUS = {"completed": 4, "completed_late": 2, "on_time": 5, "overdue": 4}
COMPLETED_STATES = ("completed", "completed_late")
KEY_TASKS = 170  # about 15%
KEY_WEIGHT_SPECIAL = 6.0  # a flagship task is this much likelier to be a key task
CO_AGENCY_SHARE = 0.35

Json = dict[str, Any]

# --------------------------------------------------------------------------- agencies

# fmt: off
# (id, name, name_en, short, weight); ministries and ministerial-level agencies first.
MINISTRIES: tuple[tuple[str, str, str, str, float], ...] = (
    ("BQP", "Bộ Quốc phòng", "Ministry of National Defence", "Bộ QP", 30),
    ("BCA", "Bộ Công an", "Ministry of Public Security", "Bộ CA", 70),
    ("BNG", "Bộ Ngoại giao", "Ministry of Foreign Affairs", "Bộ NG", 18),
    ("BNV", "Bộ Nội vụ", "Ministry of Home Affairs", "Bộ NV", 35),
    ("BTP", "Bộ Tư pháp", "Ministry of Justice", "Bộ TP", 30),
    ("BTC", "Bộ Tài chính", "Ministry of Finance", "Bộ TC", 60),
    ("BCT", "Bộ Công Thương", "Ministry of Industry and Trade", "Bộ CT", 35),
    ("BNNMT", "Bộ Nông nghiệp và Môi trường", "Ministry of Agriculture and Environment",
     "Bộ NN&MT", 35),
    ("BXD", "Bộ Xây dựng", "Ministry of Construction", "Bộ XD", 30),
    ("BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch", "Ministry of Culture, Sports and Tourism",
     "Bộ VHTTDL", 25),
    ("BKHCN", "Bộ Khoa học và Công nghệ", "Ministry of Science and Technology", "Bộ KH&CN", 95),
    ("BGDDT", "Bộ Giáo dục và Đào tạo", "Ministry of Education and Training", "Bộ GD&ĐT", 40),
    ("BYT", "Bộ Y tế", "Ministry of Health", "Bộ YT", 35),
    ("BDTTG", "Bộ Dân tộc và Tôn giáo", "Ministry of Ethnic and Religious Affairs", "Bộ DT&TG",
     12),
    ("NHNN", "Ngân hàng Nhà nước Việt Nam", "State Bank of Vietnam", "NHNN", 30),
    ("TTCP", "Thanh tra Chính phủ", "Government Inspectorate", "TTCP", 12),
    ("VPCP", "Văn phòng Chính phủ", "Government Office", "VPCP", 55),
)

# Two departments, to exercise `parent`: (id, parent, name, name_en, short, weight).
# Their kind is their ministry's, so by-kind totals keep a ministry's work together.
DEPARTMENTS: tuple[tuple[str, str, str, str, str, float], ...] = (
    ("BKHCN-CDS", "BKHCN", "Cục Chuyển đổi số quốc gia", "National Digital Transformation Agency",
     "Cục CĐSQG", 18),
    ("BCA-C06", "BCA", "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
     "Police Department for Administrative Management of Social Order", "C06", 22),
)

# (id, kind, name, name_en, short, weight)
CENTRAL_BODIES: tuple[tuple[str, str, str, str, str, float], ...] = (
    ("VHLKHCN", "branch", "Viện Hàn lâm Khoa học và Công nghệ Việt Nam",
     "Vietnam Academy of Science and Technology", "VAST", 18),
    ("VHLKHXH", "branch", "Viện Hàn lâm Khoa học xã hội Việt Nam",
     "Vietnam Academy of Social Sciences", "VASS", 8),
    ("TANDTC", "branch", "Tòa án nhân dân tối cao", "Supreme People's Court", "TANDTC", 10),
    ("VKSNDTC", "branch", "Viện kiểm sát nhân dân tối cao", "Supreme People's Procuracy",
     "VKSNDTC", 9),
    ("KTNN", "branch", "Kiểm toán Nhà nước", "State Audit Office of Vietnam", "KTNN", 8),
    ("DHQGHN", "branch", "Đại học Quốc gia Hà Nội", "Vietnam National University, Hanoi",
     "ĐHQGHN", 10),
    ("DHQGHCM", "branch", "Đại học Quốc gia TP. Hồ Chí Minh",
     "Vietnam National University, Ho Chi Minh City", "ĐHQG-HCM", 10),
    ("VTV", "branch", "Đài Truyền hình Việt Nam", "Vietnam Television", "VTV", 5),
    ("TTXVN", "branch", "Thông tấn xã Việt Nam", "Vietnam News Agency", "TTXVN", 5),
    ("VPTW", "party", "Văn phòng Trung ương Đảng", "Office of the Party Central Committee",
     "VPTW", 10),
    ("BTCTW", "party", "Ban Tổ chức Trung ương", "Central Organisation Commission", "BTCTW", 8),
    ("BTGDVTW", "party", "Ban Tuyên giáo và Dân vận Trung ương",
     "Central Commission for Propaganda, Education and Mass Mobilisation", "BTGDVTW", 8),
    ("BCSCLTW", "party", "Ban Chính sách, chiến lược Trung ương",
     "Central Policy and Strategy Commission", "BCSCLTW", 10),
    ("VNPT", "other", "Tập đoàn Bưu chính Viễn thông Việt Nam",
     "Vietnam Posts and Telecommunications Group", "VNPT", 8),
    ("VIETTEL", "other", "Tập đoàn Công nghiệp - Viễn thông Quân đội", "Viettel Group", "Viettel",
     10),
    ("MOBIFONE", "other", "Tổng công ty Viễn thông MobiFone",
     "MobiFone Telecommunications Corporation", "MobiFone", 4),
)

# (id, name, name_en, pre-merger names and other aliases, weight, centrally-run city)
LOCALITIES: tuple[tuple[str, str, str | None, tuple[str, ...], float, bool], ...] = (
    ("HA-NOI", "Hà Nội", "Hanoi", (), 22, True),
    ("HUE", "Huế", "Hue", ("Thừa Thiên Huế",), 11, True),
    ("HAI-PHONG", "Hải Phòng", "Hai Phong", ("Hải Dương",), 14, True),
    ("DA-NANG", "Đà Nẵng", "Da Nang", ("Quảng Nam",), 14, True),
    ("TP-HCM", "Thành phố Hồ Chí Minh", "Ho Chi Minh City",
     ("Bình Dương", "Bà Rịa - Vũng Tàu", "TP.HCM", "Sài Gòn"), 24, True),
    ("CAN-THO", "Cần Thơ", "Can Tho", ("Sóc Trăng", "Hậu Giang"), 12, True),
    ("TUYEN-QUANG", "Tuyên Quang", None, ("Hà Giang",), 9, False),
    ("CAO-BANG", "Cao Bằng", None, (), 8, False),
    ("LAI-CHAU", "Lai Châu", None, (), 8, False),
    ("LAO-CAI", "Lào Cai", None, ("Yên Bái",), 9, False),
    ("THAI-NGUYEN", "Thái Nguyên", None, ("Bắc Kạn",), 10, False),
    ("DIEN-BIEN", "Điện Biên", None, (), 8, False),
    ("LANG-SON", "Lạng Sơn", None, (), 8, False),
    ("SON-LA", "Sơn La", None, (), 9, False),
    ("PHU-THO", "Phú Thọ", None, ("Vĩnh Phúc", "Hòa Bình"), 11, False),
    ("BAC-NINH", "Bắc Ninh", None, ("Bắc Giang",), 11, False),
    ("QUANG-NINH", "Quảng Ninh", None, (), 11, False),
    ("HUNG-YEN", "Hưng Yên", None, ("Thái Bình",), 10, False),
    ("NINH-BINH", "Ninh Bình", None, ("Hà Nam", "Nam Định"), 10, False),
    ("THANH-HOA", "Thanh Hóa", None, (), 11, False),
    ("NGHE-AN", "Nghệ An", None, (), 11, False),
    ("HA-TINH", "Hà Tĩnh", None, (), 9, False),
    ("QUANG-TRI", "Quảng Trị", None, ("Quảng Bình",), 9, False),
    ("QUANG-NGAI", "Quảng Ngãi", None, ("Kon Tum",), 9, False),
    ("GIA-LAI", "Gia Lai", None, ("Bình Định",), 10, False),
    ("KHANH-HOA", "Khánh Hòa", None, ("Ninh Thuận",), 10, False),
    ("LAM-DONG", "Lâm Đồng", None, ("Đắk Nông", "Bình Thuận"), 10, False),
    ("DAK-LAK", "Đắk Lắk", None, ("Phú Yên",), 10, False),
    ("DONG-NAI", "Đồng Nai", None, ("Bình Phước",), 11, False),
    ("TAY-NINH", "Tây Ninh", None, ("Long An",), 10, False),
    ("VINH-LONG", "Vĩnh Long", None, ("Bến Tre", "Trà Vinh"), 10, False),
    ("DONG-THAP", "Đồng Tháp", None, ("Tiền Giang",), 10, False),
    ("CA-MAU", "Cà Mau", None, ("Bạc Liêu",), 9, False),
    ("AN-GIANG", "An Giang", None, ("Kiên Giang",), 10, False),
)

# Aliases of central agencies: the English acronyms search should also find.
ALIASES: dict[str, tuple[str, ...]] = {
    "BQP": ("MND",), "BCA": ("MPS",), "BNG": ("MOFA",), "BNV": ("MOHA",), "BTP": ("MOJ",),
    "BTC": ("MOF",), "BCT": ("MOIT",), "BNNMT": ("MAE",), "BXD": ("MOC",),
    "BVHTTDL": ("MCST",), "BKHCN": ("MOST",), "BGDDT": ("MOET",), "BYT": ("MOH",),
    "NHNN": ("SBV",), "VPCP": ("VGO",), "BCA-C06": ("C06",), "KTNN": ("SAV",),
    "DHQGHN": ("VNU",), "DHQGHCM": ("VNU-HCM",), "TTXVN": ("VNA",), "VIETTEL": ("Viettel",),
}

# What a central agency's tasks are about, as used in titles: the first phrase is its own
# ("ngành y tế" gives "của ngành y tế" / "trong ngành y tế"; an institution's name gives
# "của …" / "tại …"), the others are sub-fields ("trong lĩnh vực thuế").
SCOPES: dict[str, tuple[str, ...]] = {
    "BQP": ("Quân đội nhân dân", "công nghiệp quốc phòng"),
    "BCA": ("lực lượng Công an nhân dân", "xuất nhập cảnh", "cư trú"),
    "BNG": ("ngành ngoại giao", "lãnh sự"),
    "BNV": ("ngành nội vụ", "lao động, việc làm", "văn thư, lưu trữ"),
    "BTP": ("ngành tư pháp", "hộ tịch", "công chứng"),
    "BTC": ("ngành tài chính", "thuế", "hải quan", "kho bạc", "đầu tư"),
    "BCT": ("ngành công thương", "năng lượng", "thương mại"),
    "BNNMT": ("ngành nông nghiệp và môi trường", "đất đai", "tài nguyên nước"),
    "BXD": ("ngành xây dựng", "giao thông vận tải", "nhà ở"),
    "BVHTTDL": ("ngành văn hóa, thể thao và du lịch", "báo chí", "du lịch"),
    "BKHCN": ("ngành khoa học và công nghệ", "viễn thông", "bưu chính", "tần số vô tuyến điện",
              "sở hữu trí tuệ", "tiêu chuẩn, đo lường, chất lượng", "công nghệ cao"),
    "BGDDT": ("ngành giáo dục", "giáo dục đại học", "giáo dục nghề nghiệp"),
    "BYT": ("ngành y tế", "khám bệnh, chữa bệnh", "dược"),
    "BDTTG": ("công tác dân tộc, tôn giáo",),
    "NHNN": ("ngành ngân hàng", "thanh toán"),
    "TTCP": ("ngành thanh tra",),
    "VPCP": ("Văn phòng Chính phủ", "kiểm soát thủ tục hành chính", "công báo"),
    "BCA-C06": ("lực lượng Công an nhân dân", "cư trú", "căn cước", "định danh điện tử"),
    "TANDTC": ("hệ thống Tòa án nhân dân",),
    "VKSNDTC": ("ngành Kiểm sát nhân dân",),
    "VPTW": ("các cơ quan Đảng",),
    "BTCTW": ("ngành Tổ chức xây dựng Đảng",),
    "BTGDVTW": ("ngành Tuyên giáo và Dân vận",),
    "VNPT": ("Tập đoàn",),
    "VIETTEL": ("Tập đoàn",),
    "MOBIFONE": ("Tổng công ty",),
}
_IN_PHRASES = ("ngành", "hệ thống", "lực lượng", "các ", "công tác", "Quân đội")

# "cơ sở dữ liệu {topic}" in titles; default "chuyên ngành".
DATA_TOPICS: dict[str, str] = {
    "BQP": "về quốc phòng", "BCA": "về an ninh, trật tự", "BNG": "về công tác lãnh sự",
    "BNV": "về cán bộ, công chức, viên chức", "BTP": "về hộ tịch", "BTC": "về tài chính",
    "BCT": "về công nghiệp và thương mại", "BNNMT": "về đất đai",
    "BXD": "về nhà ở và thị trường bất động sản", "BVHTTDL": "về văn hóa",
    "BKHCN": "về khoa học và công nghệ", "BGDDT": "về giáo dục", "BYT": "về y tế",
    "BDTTG": "về công tác dân tộc", "NHNN": "về tín dụng",
    "TTCP": "về kiểm soát tài sản, thu nhập", "VPCP": "về thủ tục hành chính",
    "BCA-C06": "về cư trú", "TANDTC": "về bản án, quyết định", "VKSNDTC": "về hồ sơ vụ án",
    "KTNN": "về kiểm toán", "BTCTW": "về đảng viên",
}

# How much more often than the others a thematic group comes up for an agency.
GROUP_BIAS: dict[str, dict[str, float]] = {
    "BQP": {"An ninh mạng": 3},
    "BCA": {"Đề án 06": 4, "An ninh mạng": 3, "Dữ liệu": 2},
    "BNV": {"Nhân lực": 3, "Thể chế": 2},
    "BTP": {"Thể chế": 3},
    "BTC": {"Nguồn lực tài chính": 4, "Thể chế": 2},
    "BCT": {"Kinh tế số": 3},
    "BNNMT": {"Dữ liệu": 3},
    "BKHCN": {"Thể chế": 2, "Nghiên cứu và đổi mới sáng tạo": 3, "Hạ tầng số": 2},
    "BGDDT": {"Nhân lực": 4},
    "NHNN": {"Kinh tế số": 3},
    "VPCP": {"Chính phủ số": 4},
    "BKHCN-CDS": {"Chính phủ số": 3, "Dữ liệu": 2},
    "BCA-C06": {"Đề án 06": 6},
    "VHLKHCN": {"Nghiên cứu và đổi mới sáng tạo": 5},
    "VHLKHXH": {"Nghiên cứu và đổi mới sáng tạo": 4},
    "DHQGHN": {"Nhân lực": 3, "Nghiên cứu và đổi mới sáng tạo": 3},
    "DHQGHCM": {"Nhân lực": 3, "Nghiên cứu và đổi mới sáng tạo": 3},
}
LOCAL_GROUP_BIAS = {"Chính phủ số": 2.0, "Đề án 06": 2.0}

# Share of completed tasks relative to the average; agencies not listed draw 0.85 to 1.15.
PERFORMANCE: dict[str, float] = {
    "BQP": 1.2, "BCA": 1.25, "BNG": 1.1, "BTC": 0.85, "BCT": 0.9, "BNNMT": 0.85, "BXD": 0.75,
    "BGDDT": 0.85, "BYT": 0.8, "BDTTG": 0.85, "TTCP": 1.1, "VPCP": 1.2, "BKHCN-CDS": 1.1,
    "BCA-C06": 1.25, "VHLKHXH": 0.75, "TANDTC": 0.85, "DHQGHCM": 0.9, "VPTW": 1.15,
    "BTCTW": 1.1, "BTGDVTW": 1.1, "BCSCLTW": 1.1, "VNPT": 1.2, "VIETTEL": 1.25,
    "HA-NOI": 1.25, "TP-HCM": 1.25, "DA-NANG": 1.2, "HAI-PHONG": 1.15,
}

# Overdue tasks by agency: the laggards a meeting would name. Everyone else has none.
OVERDUE_BY_AGENCY: dict[str, int] = {
    "BTC": 7, "BXD": 7, "BYT": 6, "BGDDT": 5, "BNNMT": 5, "BCT": 4, "BKHCN": 4,
    "BVHTTDL": 3, "BNV": 3, "BTP": 2, "NHNN": 2, "BDTTG": 2, "VPCP": 1,
    "TANDTC": 2, "VHLKHXH": 2, "KTNN": 1, "DHQGHCM": 1,
    "LAI-CHAU": 4, "DIEN-BIEN": 4, "CAO-BANG": 3, "SON-LA": 3, "TUYEN-QUANG": 2,
    "HA-TINH": 2, "GIA-LAI": 2, "CA-MAU": 2, "AN-GIANG": 2, "NGHE-AN": 2,
    "QUANG-NGAI": 1, "THANH-HOA": 1, "PHU-THO": 1,
}

# fmt: on


@dataclass
class AgencySpec:
    """One agency: its feed record plus what the generator needs to write its tasks."""

    id: str
    name: str
    kind: str
    weight: float
    name_en: str | None = None
    short: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    # (of-phrase, in-phrase) pairs for the title templates, e.g. ("của ngành y tế",
    # "trong ngành y tế"); several pairs give large agencies more varied titles.
    scopes: tuple[tuple[str, str], ...] = ()
    data_topic: str = "chuyên ngành"
    group_bias: dict[str, float] = field(default_factory=dict)
    perf: float | None = None

    def record(self) -> Json:
        rec: Json = {"id": self.id, "name": self.name}
        if self.name_en:
            rec["name_en"] = self.name_en
        if self.short:
            rec["short"] = self.short
        rec["kind"] = self.kind
        if self.parent:
            rec["parent"] = self.parent
        if self.aliases:
            rec["aliases"] = list(self.aliases)
        return rec


def scope_pairs(aid: str, name: str) -> tuple[tuple[str, str], ...]:
    """The (của …, trong/tại …) phrases a central agency's titles use."""
    own, *fields = SCOPES.get(aid, (name,))
    inside = "trong" if own.startswith(_IN_PHRASES) else "tại"
    pairs = [(f"của {own}", f"{inside} {own}")]
    pairs += [(f"trong lĩnh vực {x}",) * 2 for x in fields]
    return tuple(pairs)


def central_spec(
    aid: str,
    kind: str,
    name: str,
    name_en: str,
    short: str,
    weight: float,
    parent: str | None = None,
) -> AgencySpec:
    return AgencySpec(
        aid,
        name,
        kind,
        weight,
        name_en=name_en,
        short=short,
        parent=parent,
        aliases=ALIASES.get(aid, ()),
        scopes=scope_pairs(aid, name),
        data_topic=DATA_TOPICS.get(aid, "chuyên ngành"),
        group_bias=GROUP_BIAS.get(aid, {}),
        perf=PERFORMANCE.get(aid),
    )


def locality_spec(
    aid: str, name: str, name_en: str | None, aliases: tuple[str, ...], weight: float, is_city: bool
) -> AgencySpec:
    if aid == "HA-NOI":
        scopes = (("của Thành phố", "trên địa bàn Thủ đô"),)
    elif is_city:
        scopes = (("của thành phố", "trên địa bàn thành phố"),)
    else:
        scopes = (("của tỉnh", "trên địa bàn tỉnh"),)
    short = "TP.HCM" if aid == "TP-HCM" else None
    return AgencySpec(
        aid,
        name,
        "locality",
        weight,
        name_en=name_en,
        short=short,
        aliases=aliases,
        scopes=scopes,
        group_bias=LOCAL_GROUP_BIAS,
        perf=PERFORMANCE.get(aid),
    )


def all_agencies() -> list[AgencySpec]:
    """Ministries, their departments, branches, Party bodies, localities, enterprises."""
    specs = [central_spec(a, "ministry", n, en, s, w) for a, n, en, s, w in MINISTRIES]
    specs += [central_spec(a, "ministry", n, en, s, w, p) for a, p, n, en, s, w in DEPARTMENTS]
    central = [central_spec(*row) for row in CENTRAL_BODIES]
    specs += [s for s in central if s.kind != "other"]
    specs += [locality_spec(*row) for row in LOCALITIES]
    specs += [s for s in central if s.kind == "other"]
    return specs


# --------------------------------------------------------------------------- titles

GROUPS = (
    "Thể chế",
    "Hạ tầng số",
    "Dữ liệu",
    "Nhân lực",
    "Nghiên cứu và đổi mới sáng tạo",
    "Chính phủ số",
    "Đề án 06",
    "An ninh mạng",
    "Kinh tế số",
    "Nguồn lực tài chính",
)

AI_AREAS_CENTRAL = (
    "phân tích, dự báo chính sách",
    "giải quyết thủ tục hành chính",
    "tra cứu văn bản",
    "kiểm tra, giám sát",
    "tổng hợp báo cáo",
)
AI_AREAS_LOCAL = (
    "quản lý giao thông",
    "giải quyết thủ tục hành chính",
    "quản lý đô thị",
    "dự báo thiên tai",
    "chăm sóc sức khỏe ban đầu",
    "quản lý tài nguyên nước",
)
LOCAL_DATA_TOPICS = (
    "doanh nghiệp",
    "giáo dục",
    "y tế",
    "nông nghiệp",
    "du lịch",
    "an sinh xã hội",
    "quy hoạch",
    "đất đai",
)

# Templates shared by central agencies (ministries, departments, branches, Party bodies);
# a leading "!" marks one for ministries (and their departments) only.
# Slots: {cua} "của ...", {tai} "trong/tại ...", {data} data topic, {ai} an AI use.
CENTRAL_TEMPLATES: dict[str, tuple[str, ...]] = {
    "Thể chế": (
        "Rà soát văn bản quy phạm pháp luật {tai} có quy định cản trở phát triển khoa học, "
        "công nghệ, đổi mới sáng tạo và chuyển đổi số",
        "!Đề xuất cơ chế thử nghiệm có kiểm soát (sandbox) cho sản phẩm, dịch vụ công nghệ "
        "mới {tai}",
        "Ban hành quy chế quản lý, khai thác và chia sẻ dữ liệu {cua}",
        "Ban hành Kế hoạch chuyển đổi số {cua} giai đoạn 2026 - 2030",
        "Sửa đổi quy trình nội bộ giải quyết thủ tục hành chính {cua} trên môi trường điện tử",
        "!Cắt giảm, đơn giản hóa thủ tục hành chính, điều kiện kinh doanh {tai}",
        "Cắt giảm, đơn giản hóa thủ tục hành chính nội bộ {tai}",
    ),
    "Hạ tầng số": (
        "Nâng cấp trung tâm dữ liệu {cua}, bảo đảm kết nối với Trung tâm dữ liệu quốc gia",
        "Chuyển đổi các hệ thống thông tin {cua} sang IPv6",
        "Đưa các hệ thống thông tin {cua} lên nền tảng điện toán đám mây",
        "Kết nối mạng truyền số liệu chuyên dùng đến các đơn vị trực thuộc {cua}",
    ),
    "Dữ liệu": (
        "Xây dựng cơ sở dữ liệu {data} và kết nối với Cơ sở dữ liệu quốc gia về dân cư",
        "Làm sạch dữ liệu {cua} theo tiêu chí “đúng, đủ, sạch, sống”",
        "Công bố danh mục dữ liệu mở {cua}",
        "Số hóa hồ sơ, tài liệu lưu trữ {cua}",
        "Chia sẻ dữ liệu {cua} qua Nền tảng tích hợp, chia sẻ dữ liệu quốc gia",
        "Xây dựng kho dữ liệu dùng chung {cua}",
    ),
    "Nhân lực": (
        "Bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức {cua}",
        "Triển khai phong trào “Bình dân học vụ số” {tai}",
        "Xây dựng chính sách thu hút chuyên gia công nghệ về làm việc {tai}",
        "Kiện toàn đội ngũ cán bộ chuyên trách chuyển đổi số {cua}",
    ),
    "Nghiên cứu và đổi mới sáng tạo": (
        "Đặt hàng nhiệm vụ khoa học và công nghệ giải quyết các vấn đề thực tiễn {cua}",
        "Ứng dụng trí tuệ nhân tạo phục vụ {ai} {tai}",
        "Xây dựng phòng thí nghiệm, cơ sở nghiên cứu dùng chung {cua}",
        "Thúc đẩy thương mại hóa kết quả nghiên cứu {tai}",
    ),
    "Chính phủ số": (
        "Cung cấp dịch vụ công trực tuyến toàn trình đối với thủ tục hành chính đủ điều kiện {cua}",
        "Tích hợp dịch vụ công {cua} lên Cổng Dịch vụ công quốc gia",
        "Xử lý 100% hồ sơ công việc trên môi trường điện tử {tai}",
        "Triển khai ký số trên thiết bị di động cho cán bộ, công chức {cua}",
        "Kết nối hệ thống báo cáo {cua} với Hệ thống thông tin báo cáo Chính phủ",
    ),
    "Đề án 06": (
        "Ứng dụng tài khoản định danh điện tử VNeID trong giải quyết thủ tục hành chính {cua}",
        "Làm sạch, đồng bộ dữ liệu {data} với Cơ sở dữ liệu quốc gia về dân cư",
        "Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực {cua}",
    ),
    "An ninh mạng": (
        "Phê duyệt cấp độ an toàn hệ thống thông tin {cua}",
        "Triển khai bảo vệ hệ thống thông tin {cua} theo mô hình 4 lớp",
        "Tổ chức diễn tập ứng cứu sự cố an ninh mạng {cua} năm 2025",
        "Kiểm tra, đánh giá an ninh mạng đối với hệ thống thông tin quan trọng {cua}",
    ),
    "Kinh tế số": (
        "Hỗ trợ doanh nghiệp chuyển đổi số {tai}",
        "Thúc đẩy thanh toán không dùng tiền mặt {tai}",
    ),
    "Nguồn lực tài chính": (
        "Bố trí kinh phí thực hiện nhiệm vụ khoa học, công nghệ và chuyển đổi số {cua} năm 2026",
        "Đẩy nhanh giải ngân vốn các dự án chuyển đổi số {cua} năm 2025",
    ),
}

LOCAL_TEMPLATES: dict[str, tuple[str, ...]] = {
    "Thể chế": (
        "Ban hành Kế hoạch thực hiện Nghị quyết 57-NQ/TW {tai} sau sắp xếp đơn vị hành chính",
        "Kiện toàn Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi "
        "số {cua}",
        "Ban hành cơ chế hỗ trợ doanh nghiệp đầu tư đổi mới công nghệ {tai}",
        "Rà soát, sửa đổi quy chế vận hành Hệ thống thông tin giải quyết thủ tục hành chính {cua}",
        "Ban hành danh mục dịch vụ sự nghiệp công trong lĩnh vực chuyển đổi số {cua}",
    ),
    "Hạ tầng số": (
        "Phủ sóng di động băng rộng đến các thôn, bản chưa có sóng {tai}",
        "Kết nối mạng truyền số liệu chuyên dùng đến 100% xã, phường {tai}",
        "Phát triển hạ tầng 5G tại các khu công nghiệp, khu đô thị {tai}",
        "Nâng cấp Trung tâm dữ liệu {cua} đáp ứng yêu cầu kết nối Trung tâm dữ liệu quốc gia",
        "Trang bị thiết bị, đường truyền cho Trung tâm phục vụ hành chính công cấp xã {tai}",
        "Chuyển đổi các hệ thống thông tin {cua} sang IPv6",
    ),
    "Dữ liệu": (
        "Số hóa hồ sơ, tài liệu lưu trữ {cua}",
        "Xây dựng kho dữ liệu dùng chung {cua}",
        "Làm sạch dữ liệu đất đai theo tiêu chí “đúng, đủ, sạch, sống” {tai}",
        "Công bố danh mục dữ liệu mở {cua}",
        "Kết nối cơ sở dữ liệu chuyên ngành {cua} với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia",
        "Xây dựng cơ sở dữ liệu về {ldata} {tai}",
    ),
    "Nhân lực": (
        "Triển khai phong trào “Bình dân học vụ số” {tai}",
        "Bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã {tai}",
        "Ban hành chính sách thu hút nhân lực công nghệ thông tin chất lượng cao {cua}",
        "Duy trì hoạt động của Tổ công nghệ số cộng đồng {tai}",
    ),
    "Nghiên cứu và đổi mới sáng tạo": (
        "Đặt hàng nhiệm vụ khoa học và công nghệ giải quyết bài toán phát triển {cua}",
        "Hỗ trợ doanh nghiệp khởi nghiệp sáng tạo {tai}",
        "Thành lập Trung tâm đổi mới sáng tạo {cua}",
        "Cải thiện Chỉ số đổi mới sáng tạo cấp địa phương (PII) {cua}",
        "Ứng dụng trí tuệ nhân tạo trong {lai} {tai}",
    ),
    "Chính phủ số": (
        "Cung cấp dịch vụ công trực tuyến toàn trình đối với thủ tục hành chính đủ điều kiện {cua}",
        "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính {cua} đáp ứng mô hình "
        "chính quyền địa phương hai cấp",
        "Xây dựng Trung tâm giám sát, điều hành thông minh (IOC) {cua}",
        "Triển khai ký số trên thiết bị di động cho cán bộ, công chức cấp xã {tai}",
        "Tăng tỷ lệ thanh toán trực tuyến phí, lệ phí thủ tục hành chính {tai}",
        "Triển khai hệ thống họp trực tuyến đến cấp xã {tai}",
    ),
    "Đề án 06": (
        "Triển khai mô hình điểm về ứng dụng dữ liệu dân cư, định danh và xác thực điện tử {tai}",
        "Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực {cua}",
        "Tái sử dụng dữ liệu đã số hóa, không yêu cầu người dân nộp lại giấy tờ {tai}",
        "Chi trả an sinh xã hội không dùng tiền mặt {tai}",
        "Kích hoạt tài khoản định danh điện tử mức độ 2 cho người dân {tai}",
    ),
    "An ninh mạng": (
        "Phê duyệt hồ sơ đề xuất cấp độ an toàn hệ thống thông tin {cua}",
        "Bảo đảm an toàn thông tin cho các hệ thống thông tin {cua} theo mô hình 4 lớp",
        "Tổ chức diễn tập thực chiến an ninh mạng {cua} năm 2025",
    ),
    "Kinh tế số": (
        "Đưa sản phẩm OCOP lên sàn thương mại điện tử {tai}",
        "Hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số {tai}",
        "Phát triển du lịch thông minh {tai}",
    ),
    "Nguồn lực tài chính": (
        "Bố trí tối thiểu 3% tổng chi ngân sách địa phương cho khoa học, công nghệ, đổi mới "
        "sáng tạo và chuyển đổi số",
        "Đẩy nhanh giải ngân vốn các dự án chuyển đổi số {cua} năm 2025",
    ),
}

ENTERPRISE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "Hạ tầng số": (
        "Phủ sóng 5G tại các khu công nghiệp, khu công nghệ cao ở {region}",
        "Phủ sóng di động tại các thôn, bản chưa có sóng ở {region}",
        "Nâng cấp hạ tầng cáp quang băng rộng cố định tại {region}",
    ),
    "Chính phủ số": (
        "Hỗ trợ các địa phương ở {region} vận hành hệ thống giải quyết thủ tục hành chính",
    ),
    "Nghiên cứu và đổi mới sáng tạo": (
        "Phát triển sản phẩm công nghệ số “Make in Vietnam” phục vụ {eai}",
    ),
}
ENTERPRISE_AREAS = (
    "chính quyền số",
    "y tế số",
    "giáo dục số",
    "nông nghiệp số",
    "giao thông thông minh",
)
REGIONS = (
    "vùng trung du và miền núi phía Bắc",
    "vùng đồng bằng sông Hồng",
    "vùng Bắc Trung Bộ",
    "vùng Tây Nguyên",
    "vùng Đông Nam Bộ",
    "vùng đồng bằng sông Cửu Long",
)

# Flagship tasks, one a line: agency | group | "x" if done | title. A line that starts with
# spaces continues the title above. Done tasks go to completed slots where possible.
SPECIAL_TASKS_TABLE = """
BKHCN | Thể chế | x | Trình Quốc hội dự án Luật Khoa học, công nghệ và đổi mới sáng tạo
BKHCN | Thể chế |   | Xây dựng Nghị định quy định chi tiết Luật Khoa học, công nghệ và đổi mới
    sáng tạo
BKHCN | Thể chế |   | Xây dựng Nghị định hướng dẫn Luật Công nghiệp công nghệ số
BKHCN | Thể chế | x | Trình Thủ tướng Chính phủ ban hành Danh mục công nghệ chiến lược và sản
    phẩm công nghệ chiến lược
BKHCN | Thể chế |   | Xây dựng dự án Luật Chuyển đổi số
BKHCN | Thể chế | x | Hướng dẫn cơ chế khoán chi đến sản phẩm cuối cùng đối với nhiệm vụ khoa
    học và công nghệ sử dụng ngân sách nhà nước
BKHCN | Hạ tầng số | x | Tổ chức đấu giá quyền sử dụng tần số cho mạng di động 5G
BKHCN | Nghiên cứu và đổi mới sáng tạo | | Xây dựng Chương trình quốc gia phát triển công nghệ
    chiến lược
BKHCN | Nghiên cứu và đổi mới sáng tạo | | Xây dựng Chiến lược phát triển công nghiệp bán dẫn
    đến năm 2030
BKHCN | Chính phủ số | | Cập nhật Khung kiến trúc Chính phủ số Việt Nam
BKHCN-CDS | Chính phủ số | | Đo lường mức độ chuyển đổi số của bộ, ngành, địa phương năm 2025
BKHCN-CDS | Dữ liệu | x | Vận hành Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
BKHCN-CDS | Chính phủ số | | Công bố danh mục nền tảng số quốc gia và theo dõi kế hoạch triển khai
BCA | Hạ tầng số | x | Đưa Trung tâm dữ liệu quốc gia vào vận hành
BCA | Thể chế | x | Xây dựng Nghị định quy định chi tiết Luật Dữ liệu
BCA | Thể chế | | Xây dựng Nghị định quy định chi tiết Luật Bảo vệ dữ liệu cá nhân
BCA | Thể chế | | Xây dựng dự án Luật An ninh mạng (hợp nhất)
BCA | Dữ liệu | | Hoàn thiện Cơ sở dữ liệu tổng hợp quốc gia
BCA | Đề án 06 | | Mở rộng tiện ích trên ứng dụng định danh điện tử VNeID
BCA-C06 | Đề án 06 | x | Làm sạch dữ liệu dân cư sau sắp xếp đơn vị hành chính cấp xã
BCA-C06 | Đề án 06 | | Hướng dẫn các địa phương nhân rộng mô hình điểm của Đề án 06
VPCP | Chính phủ số | | Nâng cấp Cổng Dịch vụ công quốc gia theo hướng lấy người dùng làm
    trung tâm
VPCP | Chính phủ số | x | Xây dựng Hệ thống theo dõi, đánh giá nhiệm vụ thực hiện Nghị quyết
    57-NQ/TW
VPCP | Chính phủ số | x | Tổng hợp báo cáo sơ kết quý III/2025 về thực hiện Nghị quyết 57-NQ/TW
VPCP | Chính phủ số | | Hoàn thiện Bộ chỉ số phục vụ người dân, doanh nghiệp trong thực hiện
    thủ tục hành chính, dịch vụ công
BTC | Nguồn lực tài chính | | Bố trí tối thiểu 3% tổng chi ngân sách nhà nước năm 2026 cho khoa
    học, công nghệ, đổi mới sáng tạo và chuyển đổi số
BTC | Nguồn lực tài chính | x | Hướng dẫn lập dự toán chi ngân sách cho khoa học, công nghệ, đổi
    mới sáng tạo và chuyển đổi số
BTC | Thể chế | | Hướng dẫn thuê dịch vụ công nghệ thông tin không sẵn có trên thị trường
BTC | Thể chế | | Xây dựng Nghị định về quỹ đầu tư mạo hiểm cho khởi nghiệp sáng tạo
BTC | Thể chế | | Sửa đổi chính sách ưu đãi thuế đối với doanh nghiệp khởi nghiệp sáng tạo
BNV | Nhân lực | | Ban hành chính sách trọng dụng nhân tài, chuyên gia khoa học và công nghệ
BNV | Nhân lực | x | Xây dựng khung năng lực số cho cán bộ, công chức, viên chức
BNV | Dữ liệu | | Hoàn thiện Cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức
BTP | Đề án 06 | x | Cấp Phiếu lý lịch tư pháp trên ứng dụng VNeID
BTP | Dữ liệu | | Hoàn thiện Cơ sở dữ liệu hộ tịch điện tử toàn quốc
BTP | Dữ liệu | | Xây dựng Cơ sở dữ liệu quốc gia về pháp luật
BCT | Kinh tế số | | Phát triển thương mại điện tử xuyên biên giới
BCT | Kinh tế số | | Xây dựng hệ thống truy xuất nguồn gốc hàng hóa
BNNMT | Dữ liệu | | Hoàn thiện Hệ thống thông tin quốc gia về đất đai
BNNMT | Dữ liệu | | Xây dựng Cơ sở dữ liệu quốc gia về nông nghiệp
BXD | Dữ liệu | | Xây dựng Cơ sở dữ liệu quốc gia về nhà ở và thị trường bất động sản
BXD | Hạ tầng số | | Áp dụng mô hình thông tin công trình (BIM) đối với dự án sử dụng vốn
    đầu tư công
BXD | Chính phủ số | | Mở rộng thu phí điện tử không dừng tại bãi đỗ xe, cảng hàng không
BVHTTDL | Dữ liệu | | Số hóa di sản văn hóa Việt Nam
BVHTTDL | Kinh tế số | | Phát triển nền tảng du lịch thông minh quốc gia
BGDDT | Nhân lực | | Xây dựng Đề án đào tạo nhân lực chất lượng cao phục vụ phát triển công
    nghệ chiến lược
BGDDT | Nhân lực | | Đào tạo nhân lực ngành vi mạch bán dẫn đến năm 2030
BGDDT | Nhân lực | | Đưa nội dung giáo dục trí tuệ nhân tạo vào chương trình giáo dục phổ
    thông
BGDDT | Chính phủ số | x | Triển khai học bạ số trong các cơ sở giáo dục phổ thông
BYT | Chính phủ số | | Triển khai bệnh án điện tử tại các bệnh viện
BYT | Đề án 06 | x | Triển khai Sổ sức khỏe điện tử trên ứng dụng VNeID
BYT | Chính phủ số | | Liên thông đơn thuốc điện tử giữa cơ sở khám bệnh và nhà thuốc
BNG | Nhân lực | | Huy động chuyên gia người Việt Nam ở nước ngoài tham gia phát triển khoa
    học, công nghệ
BNG | Nghiên cứu và đổi mới sáng tạo | x | Xây dựng kế hoạch hợp tác quốc tế về khoa học,
    công nghệ với các đối tác chiến lược
NHNN | Thể chế | x | Thí điểm cơ chế thử nghiệm có kiểm soát đối với công nghệ tài chính
NHNN | Đề án 06 | x | Áp dụng xác thực sinh trắc học trong giao dịch thanh toán trực tuyến
TTCP | Dữ liệu | | Xây dựng Cơ sở dữ liệu quốc gia về kiểm soát tài sản, thu nhập
VHLKHCN | Nghiên cứu và đổi mới sáng tạo | | Triển khai Chương trình khoa học và công nghệ vũ
    trụ
TANDTC | Chính phủ số | x | Công khai bản án, quyết định trên Cổng thông tin điện tử của Tòa án
TANDTC | Chính phủ số | | Mở rộng tổ chức phiên tòa trực tuyến
KTNN | Nguồn lực tài chính | | Kiểm toán chuyên đề việc quản lý, sử dụng kinh phí chuyển đổi số
VTV | Hạ tầng số | | Phát triển nền tảng truyền hình số quốc gia
TTXVN | Dữ liệu | | Xây dựng ngân hàng dữ liệu ảnh, thông tin quốc gia
VPTW | Chính phủ số | | Triển khai hệ thống thông tin điều hành tác nghiệp trong các cơ quan
    Đảng
BTCTW | Dữ liệu | x | Hoàn thiện cơ sở dữ liệu đảng viên
BTGDVTW | Nhân lực | x | Tuyên truyền, quán triệt Nghị quyết 57-NQ/TW trong cán bộ, đảng viên
BCSCLTW | Thể chế | | Theo dõi, đánh giá việc thực hiện Nghị quyết 57-NQ/TW
VIETTEL | Hạ tầng số | x | Hỗ trợ vận hành Trung tâm dữ liệu quốc gia
VIETTEL | Nghiên cứu và đổi mới sáng tạo | | Nghiên cứu, thiết kế chip bán dẫn
VIETTEL | Nghiên cứu và đổi mới sáng tạo | | Phát triển mô hình ngôn ngữ lớn tiếng Việt
VNPT | Hạ tầng số | | Phát triển hạ tầng điện toán đám mây đạt chuẩn cho cơ quan nhà nước
MOBIFONE | Hạ tầng số | | Cung cấp dịch vụ chữ ký số từ xa cho người dân
HA-NOI | Nghiên cứu và đổi mới sáng tạo | | Xây dựng Trung tâm đổi mới sáng tạo Hà Nội
TP-HCM | Nghiên cứu và đổi mới sáng tạo | | Thành lập quỹ đầu tư mạo hiểm của Thành phố
TP-HCM | Hạ tầng số | | Xây dựng Trung tâm dữ liệu Thành phố
DA-NANG | Thể chế | | Thí điểm cơ chế thử nghiệm có kiểm soát cho công nghệ chuỗi khối và
    trí tuệ nhân tạo
"""


@dataclass(frozen=True)
class Special:
    group: str
    title: str
    done: bool


def parse_specials(table: str) -> dict[str, list[Special]]:
    """Read SPECIAL_TASKS_TABLE into flagship tasks by agency id."""
    rows: list[list[str]] = []
    for line in table.splitlines():
        if not line.strip():
            continue
        if line[0].isspace():
            rows[-1][3] += " " + line.strip()
        else:
            rows.append([part.strip() for part in line.split("|", 3)])
    out: dict[str, list[Special]] = {}
    for aid, group, done, title in rows:
        assert group in GROUPS, group
        out.setdefault(aid, []).append(Special(group, title, done == "x"))
    return out


# --------------------------------------------------------------------------- sources

# (document, first and last day its tasks were assigned in 2025). Illustrative.
SOURCES: tuple[tuple[str, date, date], ...] = (
    ("Nghị quyết 57-NQ/TW", date(2025, 1, 6), date(2025, 2, 28)),
    ("Nghị quyết 03/NQ-CP", date(2025, 1, 9), date(2025, 1, 31)),
    ("Kế hoạch 01-KH/BCĐTW", date(2025, 2, 10), date(2025, 3, 31)),
    ("Nghị quyết 71/NQ-CP", date(2025, 4, 1), date(2025, 5, 15)),
    ("Thông báo kết luận 45-TB/BCĐTW", date(2025, 6, 16), date(2025, 7, 31)),
)
SOURCE_WEIGHTS = (3, 4, 3, 3, 2)
DEAN06_SOURCE = ("Quyết định 06/QĐ-TTg", date(2025, 1, 10), date(2025, 8, 29))

# --------------------------------------------------------------------------- notes

DIFFICULTIES = (
    "Chưa được bố trí kinh phí; đã đề nghị bổ sung dự toán.",
    "Vướng mắc về thủ tục thuê dịch vụ công nghệ thông tin; đang chờ hướng dẫn.",
    "Thiếu nhân lực chuyên trách công nghệ thông tin, chuyển đổi số.",
    "Dữ liệu nguồn chưa đồng bộ, phải rà soát, làm sạch lại.",
    "Sau sắp xếp đơn vị hành chính phải điều chỉnh phạm vi, đối tượng của nhiệm vụ.",
    "Nhà thầu chậm bàn giao; đã có văn bản đôn đốc.",
    "Còn ý kiến khác nhau giữa các cơ quan về phạm vi điều chỉnh.",
    "Chờ văn bản hướng dẫn của bộ quản lý ngành.",
    "Hệ thống hiện có chưa đáp ứng yêu cầu kết nối, chia sẻ dữ liệu.",
)
LOCAL_DIFFICULTIES = (
    "Hạ tầng tại các xã vùng sâu, vùng xa chưa đáp ứng yêu cầu.",
    "Cán bộ cấp xã mới được bố trí sau sắp xếp, chưa quen quy trình.",
)
LATE_REASONS = (
    "thủ tục bố trí kinh phí kéo dài",
    "phải lấy thêm ý kiến các cơ quan liên quan",
    "điều chỉnh phạm vi sau sắp xếp đơn vị hành chính",
    "nhà thầu chậm bàn giao",
)
ON_TIME_NOTES = (
    "Đã ban hành kế hoạch triển khai chi tiết.",
    "Đang triển khai theo đúng tiến độ.",
    "Đã hoàn thành khảo sát hiện trạng; đang xây dựng dự thảo.",
    "Đã lựa chọn đơn vị tư vấn.",
    "Đã tổ chức hội thảo lấy ý kiến chuyên gia.",
)

# --------------------------------------------------------------------------- helpers


def apportion(total: int, weights: Sequence[float], caps: Sequence[int] | None = None) -> list[int]:
    """Split `total` into integers proportional to `weights` (largest remainder).

    With `caps`, no share exceeds its cap; the excess goes to the others.
    """
    n = len(weights)
    caps = list(caps) if caps is not None else [total] * n
    result = [0] * n
    remaining = total
    open_idx = [i for i in range(n) if weights[i] > 0 and caps[i] > 0]
    while remaining > 0:
        if not open_idx:
            raise ValueError("caps too small for the total")
        w_sum = sum(weights[i] for i in open_idx)
        quotas = {i: remaining * weights[i] / w_sum for i in open_idx}
        floors = {i: min(int(quotas[i]), caps[i] - result[i]) for i in open_idx}
        given = sum(floors.values())
        order = sorted(open_idx, key=lambda i: (-(quotas[i] - int(quotas[i])), i))
        extra = remaining - given
        for i in order:
            if extra == 0:
                break
            if result[i] + floors[i] < caps[i]:
                floors[i] += 1
                extra -= 1
        for i, k in floors.items():
            result[i] += k
        remaining = total - sum(result)
        open_idx = [i for i in open_idx if result[i] < caps[i]]
    return result


def weighted_sample(
    rng: random.Random, items: Sequence[Any], weights: Sequence[float], k: int
) -> list[Any]:
    """k distinct items, each drawn with probability growing with its weight."""
    keys = [(rng.random() ** (1.0 / w), i) for i, w in enumerate(weights)]
    keys.sort(reverse=True)
    return [items[i] for _, i in keys[:k]]


def rand_date(rng: random.Random, lo: date, hi: date) -> date:
    if hi < lo:
        raise ValueError(f"empty range {lo}..{hi}")
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def deadline_of(due: str) -> date:
    """The last day a `due` string allows (same rule as FEED_FORMAT.md)."""
    if "-Q" in due:
        year, q = due.split("-Q")
        return last_day(int(year), int(q) * 3)
    if len(due) == 7:
        return last_day(int(due[:4]), int(due[5:]))
    return date.fromisoformat(due)


def vn_date(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def nfc(value: Any) -> Any:
    """NFC-normalise every string in a JSON-like structure."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    return value


# --------------------------------------------------------------------------- task plan


@dataclass
class Slot:
    """One task before it is written: who leads it and which state its dates must give."""

    agency: AgencySpec
    state: str
    null_due: bool = False
    explicit: bool = False
    group: str = ""
    title: str = ""
    special: bool = False
    key: bool = False


def plan_counts(rng: random.Random, agencies: list[AgencySpec]) -> list[tuple[int, int, int]]:
    """(completed, on_time, overdue) per agency, adding up to the reported totals."""
    totals = apportion(TOTAL_TASKS, [a.weight for a in agencies])
    overdue = [OVERDUE_BY_AGENCY.get(a.id, 0) for a in agencies]
    assert sum(overdue) == TOTAL_OVERDUE, sum(overdue)
    rest = [t - o for t, o in zip(totals, overdue, strict=True)]
    assert all(r >= 3 for r in rest), "a laggard has too few tasks for its overdue count"
    perf = [a.perf if a.perf is not None else rng.uniform(0.85, 1.15) for a in agencies]
    # leave at least one on-time task with every agency
    completed = apportion(
        TOTAL_COMPLETED, [r * p for r, p in zip(rest, perf, strict=True)], [r - 1 for r in rest]
    )
    return [(c, r - c, o) for c, r, o in zip(completed, rest, overdue, strict=True)]


def make_slots(rng: random.Random, agencies: list[AgencySpec]) -> list[Slot]:
    slots: list[Slot] = []
    for spec, (done, on_time, overdue) in zip(agencies, plan_counts(rng, agencies), strict=True):
        states = ["completed"] * done + ["on_time"] * on_time + ["overdue"] * overdue
        slots += [Slot(spec, s) for s in states]
    mark_completed_late(rng, slots)
    mark_null_due(rng, slots)
    mark_explicit(rng, slots)
    return slots


def mark_completed_late(rng: random.Random, slots: list[Slot]) -> None:
    """Some completed tasks were finished after their deadline, more often at laggards."""
    done = [s for s in slots if s.state == "completed"]
    weights = [3.0 if s.agency.id in OVERDUE_BY_AGENCY else 1.0 for s in done]
    for s in weighted_sample(rng, done, weights, COMPLETED_LATE):
        s.state = "completed_late"


def mark_null_due(rng: random.Random, slots: list[Slot]) -> None:
    """Ongoing (thường xuyên) tasks have no deadline: on time or completed, never overdue."""
    for state, k in (("on_time", NULL_DUE_ON_TIME), ("completed", NULL_DUE_COMPLETED)):
        for s in rng.sample([s for s in slots if s.state == state], k):
            s.null_due = True


def mark_explicit(rng: random.Random, slots: list[Slot]) -> None:
    """A few tasks carry the source system's own `status`, which agrees with their dates."""
    for state, k in EXPLICIT_STATUS.items():
        pool = [s for s in slots if s.state == state and not s.null_due]
        for s in rng.sample(pool, k):
            s.explicit = True


# --------------------------------------------------------------------------- titles


def templates_for(spec: AgencySpec) -> dict[str, tuple[str, ...]]:
    """The title templates an agency may use, by group."""
    if spec.kind == "locality":
        return LOCAL_TEMPLATES
    if spec.kind == "other":
        return ENTERPRISE_TEMPLATES
    if spec.kind == "party":
        # Party bodies do not run public services for citizens or businesses.
        skip = {
            "Chính phủ số",
            "Đề án 06",
            "Kinh tế số",
            "Nguồn lực tài chính",
            "Nghiên cứu và đổi mới sáng tạo",
        }
    elif spec.kind == "branch":
        skip = {"Đề án 06", "Kinh tế số"}
    else:
        # the digital economy is the business of a few ministries only (BCT, NHNN)
        skip = set() if "Kinh tế số" in spec.group_bias else {"Kinh tế số"}
    ministry = spec.kind == "ministry"
    return {
        group: tuple(t.lstrip("!") for t in templates if ministry or not t.startswith("!"))
        for group, templates in CENTRAL_TEMPLATES.items()
        if group not in skip
    }


def fill(template: str, rng: random.Random, spec: AgencySpec) -> str:
    cua, tai = rng.choice(spec.scopes)
    return template.format(
        cua=cua,
        tai=tai,
        data=spec.data_topic,
        ai=rng.choice(AI_AREAS_CENTRAL),
        lai=rng.choice(AI_AREAS_LOCAL),
        ldata=rng.choice(LOCAL_DATA_TOPICS),
        eai=rng.choice(ENTERPRISE_AREAS),
        region=rng.choice(REGIONS),
    )


def generic_title(rng: random.Random, spec: AgencySpec, used: set[str]) -> tuple[str, str]:
    """A (group, title) from the agency's templates, avoiding titles it already has."""
    bank = templates_for(spec)
    groups = list(bank)
    weights = [spec.group_bias.get(g, 1.0) for g in groups]
    group, title = "", ""
    for _ in range(40):
        group = rng.choices(groups, weights)[0]
        title = fill(rng.choice(bank[group]), rng, spec)
        if title not in used:
            break
    return group, title


def assign_titles(rng: random.Random, slots: list[Slot]) -> None:
    """Give every slot a group and a title; flagship tasks first, matched to their state."""
    specials = parse_specials(SPECIAL_TASKS_TABLE)
    by_agency: dict[str, list[Slot]] = {}
    for s in slots:
        by_agency.setdefault(s.agency.id, []).append(s)
    assert set(specials) <= set(by_agency), set(specials) - set(by_agency)
    for aid, own in by_agency.items():
        rng.shuffle(own)
        used: set[str] = set()
        free = list(own)
        for sp in specials.get(aid, []):
            match = [s for s in free if (s.state in COMPLETED_STATES) == sp.done] or free
            if not match:
                break
            slot = match[0]
            free.remove(slot)
            slot.group, slot.title, slot.special = sp.group, sp.title, True
            used.add(sp.title)
        for slot in free:
            slot.group, slot.title = generic_title(rng, slot.agency, used)
            used.add(slot.title)


def mark_key_tasks(rng: random.Random, slots: list[Slot]) -> None:
    """About 15% of tasks are key (trọng tâm) tasks, flagship tasks more often than others."""
    weights = [KEY_WEIGHT_SPECIAL if s.special else 1.0 for s in slots]
    for s in weighted_sample(rng, slots, weights, KEY_TASKS):
        s.key = True


# --------------------------------------------------------------------------- dates


def due_overdue(rng: random.Random) -> str:
    """A deadline that has passed by 2025-10-15."""
    r = rng.random()
    if r < 0.20:
        return rng.choice(["2025-Q3"] * 4 + ["2025-Q2"])
    if r < 0.45:
        return rng.choice(["2025-06", "2025-07", "2025-08", "2025-08", "2025-09", "2025-09"])
    lo, hi = date(2025, 4, 30).toordinal(), date(2025, 10, 14).toordinal()
    d = date.fromordinal(round(rng.triangular(lo, hi, date(2025, 9, 15).toordinal())))
    if rng.random() < 0.5:
        d = last_day(d.year, d.month) if d.month < 10 else d
    return d.isoformat()


def due_future(rng: random.Random) -> str:
    """A deadline on or after 2025-10-15."""
    r = rng.random()
    if r < 0.22:
        return rng.choice(["2025-Q4"] * 5 + ["2026-Q1", "2026-Q2", "2026-Q2", "2026-Q4"])
    if r < 0.40:
        return rng.choice(
            ["2025-10", "2025-11", "2025-11", "2025-12", "2025-12", "2026-03", "2026-06"]
        )
    if r < 0.55:
        return "2025-12-31"
    lo, hi = AS_OF_DATE.toordinal(), date(2026, 12, 31).toordinal()
    d = date.fromordinal(round(rng.triangular(lo, hi, date(2025, 12, 15).toordinal())))
    if rng.random() < 0.4:
        d = last_day(d.year, d.month)
    return d.isoformat()


def due_any(rng: random.Random) -> str:
    """A deadline for a task completed on time: past or future."""
    return due_overdue(rng) if rng.random() < 0.6 else due_future(rng)


def pick_assigned(rng: random.Random, group: str, latest: date) -> tuple[str, date]:
    """The assigning document and the day it assigned the task, no later than `latest`."""
    options = list(SOURCES)
    weights = list(SOURCE_WEIGHTS)
    if group == "Đề án 06":
        options.append(DEAN06_SOURCE)
        weights.append(8)
    ok = [(o, w) for o, w in zip(options, weights, strict=True) if o[1] <= latest]
    [(name, lo, hi)] = rng.choices([o for o, _ in ok], [w for _, w in ok])
    return name, rand_date(rng, lo, min(hi, latest))


@dataclass
class Dates:
    source: str
    assigned: date
    due: str | None
    completed: date | None


def make_dates(rng: random.Random, slot: Slot) -> Dates:
    """Dates that put the task in `slot.state` as of 2025-10-15."""
    state = slot.state
    if slot.null_due:
        due = None
    elif state == "overdue":
        due = due_overdue(rng)
    elif state == "on_time":
        due = due_future(rng)
    elif state == "completed_late":
        due = due_overdue(rng)
        while deadline_of(due) > date(2025, 9, 30):
            due = due_overdue(rng)
    else:
        due = due_any(rng)
    dl = deadline_of(due) if due else None
    latest = AS_OF_DATE - timedelta(days=20)
    if dl is not None:
        latest = min(latest, dl - timedelta(days=30))
    source, assigned = pick_assigned(rng, slot.group, latest)
    completed = None
    if state == "completed":
        hi = min(dl, AS_OF_DATE) if dl else AS_OF_DATE
        completed = rand_date(rng, min(assigned + timedelta(days=10), hi), hi)
    elif state == "completed_late":
        assert dl is not None
        completed = rand_date(rng, dl + timedelta(days=1), min(dl + timedelta(days=75), AS_OF_DATE))
    return Dates(source, assigned, due, completed)


def progress_for(rng: random.Random, state: str, d: Dates) -> int | None:
    """Reported percent done for an open task, rounded to 5."""
    if state == "overdue":
        p = rng.triangular(10, 95, 70)
    elif state != "on_time":
        return None
    elif d.due is None:
        p = rng.uniform(20, 90)
    else:
        span = (deadline_of(d.due) - d.assigned).days or 1
        elapsed = (AS_OF_DATE - d.assigned).days / span
        p = min(95.0, max(0.0, elapsed * 100 + rng.uniform(-25, 10)))
    return int(5 * round(p / 5))


# --------------------------------------------------------------------------- co-agencies

CO_AGENCY_POOLS: dict[str, tuple[str, ...]] = {
    "Thể chế": ("BTP", "BTC", "BNV", "VPCP", "BKHCN"),
    "Hạ tầng số": ("BKHCN", "BTC", "VNPT", "VIETTEL", "MOBIFONE"),
    "Dữ liệu": ("BCA", "BKHCN", "BKHCN-CDS", "BCA-C06"),
    "Nhân lực": ("BNV", "BGDDT", "BTC"),
    "Nghiên cứu và đổi mới sáng tạo": ("BKHCN", "BTC", "VHLKHCN", "DHQGHN", "DHQGHCM"),
    "Chính phủ số": ("VPCP", "BKHCN-CDS", "BCA", "VNPT", "VIETTEL"),
    "Đề án 06": ("BCA", "BCA-C06", "VPCP", "BTP"),
    "An ninh mạng": ("BCA", "BQP", "BKHCN"),
    "Kinh tế số": ("BCT", "BKHCN", "NHNN"),
    "Nguồn lực tài chính": ("BTC", "BKHCN"),
}


def co_agencies(rng: random.Random, slot: Slot) -> list[str]:
    if rng.random() >= CO_AGENCY_SHARE:
        return []
    lead = slot.agency
    related = {lead.id, lead.parent}
    pool = [a for a in CO_AGENCY_POOLS[slot.group] if a not in related]
    pool = [a for a in pool if not a.startswith(lead.id + "-")]
    k = min(len(pool), rng.choice([1, 1, 1, 2, 2, 3]))
    return rng.sample(pool, k)


# --------------------------------------------------------------------------- notes


def note_dates(rng: random.Random, lo: date, k: int) -> list[date]:
    lo = min(lo, AS_OF_DATE)
    return sorted(rand_date(rng, lo, AS_OF_DATE) for _ in range(k))


def overdue_notes(
    rng: random.Random, slot: Slot, d: Dates, progress: int, co: list[str], names: dict[str, str]
) -> list[Json]:
    """One to three notes: progress, then a difficulty, then a recommendation."""
    dl = deadline_of(d.due) if d.due else AS_OF_DATE
    difficulties = DIFFICULTIES + (LOCAL_DIFFICULTIES if slot.agency.kind == "locality" else ())
    reported = max(0, progress - rng.choice([0, 5, 10, 15]))
    extension = last_day(2025, rng.choice([11, 12, 12]))
    texts = [f"Đã hoàn thành khoảng {reported}% khối lượng công việc.", rng.choice(difficulties)]
    if co and rng.random() < 0.5:
        texts.append(f"Đề nghị {names[co[0]]} sớm có ý kiến để hoàn thiện hồ sơ.")
    else:
        texts.append(f"Kiến nghị Ban Chỉ đạo cho gia hạn đến {vn_date(extension)}.")
    k = rng.choice([1, 2, 2, 3, 3])
    if k == 1:
        texts = [texts[1]]
    elif k == 2:
        texts = texts[:2] if rng.random() < 0.5 else texts[1:]
    lo = max(d.assigned + timedelta(days=7), dl - timedelta(days=45))
    return [
        {"date": dt.isoformat(), "text": t}
        for dt, t in zip(note_dates(rng, lo, len(texts)), texts, strict=True)
    ]


def on_time_notes(rng: random.Random, d: Dates) -> list[Json]:
    k = rng.choice([1, 1, 2])
    texts = rng.sample(ON_TIME_NOTES, k)
    lo = d.assigned + timedelta(days=10)
    return [
        {"date": dt.isoformat(), "text": t}
        for dt, t in zip(note_dates(rng, lo, k), texts, strict=True)
    ]


def late_note(rng: random.Random, d: Dates) -> list[Json]:
    assert d.completed is not None
    text = f"Hoàn thành chậm so với thời hạn do {rng.choice(LATE_REASONS)}."
    return [{"date": d.completed.isoformat(), "text": text}]


# --------------------------------------------------------------------------- tasks


def build_task(rng: random.Random, slot: Slot, names: dict[str, str]) -> tuple[date, float, Json]:
    """One task record (without its id), with a sort key for numbering."""
    d = make_dates(rng, slot)
    co = co_agencies(rng, slot)
    progress = progress_for(rng, slot.state, d)
    notes: list[Json] = []
    if slot.state == "overdue" and progress is not None and rng.random() < 0.92:
        notes = overdue_notes(rng, slot, d, progress, co, names)
    elif slot.state == "on_time" and rng.random() < 0.15:
        notes = on_time_notes(rng, d)
    elif slot.state == "completed_late" and rng.random() < 0.5:
        notes = late_note(rng, d)
    rec: Json = {"title": slot.title, "agency": slot.agency.id}
    if co:
        rec["co_agencies"] = co
    rec["source"] = d.source
    rec["group"] = slot.group
    if slot.key:
        rec["key_task"] = True
    rec["assigned"] = d.assigned.isoformat()
    rec["due"] = d.due
    if d.completed is not None:
        rec["completed"] = d.completed.isoformat()
    if slot.explicit:
        rec["status"] = slot.state
    if progress is not None:
        rec["progress"] = progress
    if notes:
        rec["notes"] = notes
    return d.assigned, rng.random(), rec


def add_edge_cases(tasks: list[Json]) -> None:
    """Boundary dates a reader of the demo (or a test) will want to see handled."""

    def first(pred: Callable[[Json], bool]) -> Json:
        return next(t for t in tasks if pred(t))

    def is_open(t: Json) -> bool:
        return "completed" not in t and "status" not in t and "notes" not in t

    # due today: not yet overdue
    for _ in range(2):
        t = first(
            lambda t: (
                is_open(t)
                and t["due"]
                and deadline_of(t["due"]) > AS_OF_DATE
                and t["due"] != "2025-10-15"
            )
        )
        t["due"] = "2025-10-15"
    # the month containing as_of: deadline 2025-10-31, on time
    t = first(
        lambda t: (
            is_open(t)
            and t["due"]
            and len(t["due"]) == 10
            and deadline_of(t["due"]) > date(2025, 10, 31)
        )
    )
    t["due"] = "2025-10"
    # one day overdue
    t = first(
        lambda t: (
            is_open(t)
            and t["due"]
            and deadline_of(t["due"]) < AS_OF_DATE
            and deadline_of(t["due"]) > date(2025, 9, 20)
        )
    )
    t["due"] = "2025-10-14"
    # completed on the deadline day itself: on time
    t = first(
        lambda t: (
            "completed" in t
            and t["due"]
            and len(t["due"]) == 10
            and "status" not in t
            and t["completed"] < t["due"] < "2025-10-15"
        )
    )
    t["completed"] = t["due"]
    # completed one day late
    t = first(
        lambda t: (
            "completed" in t
            and t["due"]
            and t["due"] < t["completed"]
            and "status" not in t
            and "notes" not in t
            and len(t["due"]) == 10
        )
    )
    t["completed"] = (deadline_of(t["due"]) + timedelta(days=1)).isoformat()


def build_tasks(rng: random.Random, agencies: list[AgencySpec]) -> list[Json]:
    slots = make_slots(rng, agencies)
    assign_titles(rng, slots)
    mark_key_tasks(rng, slots)
    names = {a.id: a.name for a in agencies}
    built = [build_task(rng, s, names) for s in slots]
    built.sort(key=lambda b: (b[0], b[1]))  # numbered in order of assignment
    tasks = []
    for n, (_, _, rec) in enumerate(built, start=1):
        tasks.append({"id": f"T-{n:04d}", **rec})
    add_edge_cases(tasks)
    return tasks


# --------------------------------------------------------------------------- indicators

DEMO = "Số liệu minh họa (demo)."


def indicators() -> list[Json]:
    def hist(*points: tuple[str, float]) -> list[Json]:
        return [{"period": p, "value": v} for p, v in points]

    return [
        {
            "id": "gdp-contribution",
            "name": "Đóng góp của khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số vào GDP",
            "name_en": "Contribution of S&T, innovation and digital transformation to GDP",
            "unit": "%",
            "value": 16.1,
            "period": "2025-Q3",
            "direction": "up",
            "history": hist(("2025-Q1", 15.1), ("2025-Q2", 15.6)),
            "note": "Báo cáo sơ kết nêu “trên 16%”; giá trị 16,1 và các quý trước là số liệu "
            "minh họa (demo).",
        },
        {
            "id": "tthc-records",
            "name": "Số hồ sơ thủ tục hành chính được tiếp nhận, xử lý",
            "name_en": "Administrative procedure records processed",
            "unit": "triệu hồ sơ",
            "unit_en": "million records",
            "value": 12.7,
            "period": "2025-Q3",
            "direction": "up",
            "history": hist(("2025-Q1", 10.9), ("2025-Q2", 11.8)),
            "note": "Giá trị các quý trước là số liệu minh họa (demo).",
        },
        {
            "id": "tthc-online-share",
            "name": "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến",
            "name_en": "Share of administrative records processed online",
            "unit": "%",
            "value": 73.5,
            "period": "2025-Q3",
            "direction": "up",
            "history": hist(("2025-Q1", 66.2), ("2025-Q2", 70.4)),
            "note": "Giá trị các quý trước là số liệu minh họa (demo).",
        },
        {
            "id": "national-platforms",
            "name": "Số nền tảng số quốc gia",
            "name_en": "National digital platforms",
            "unit": "nền tảng",
            "unit_en": "platforms",
            "value": 84,
            "period": "2025-Q3",
            "direction": "up",
        },
        {
            "id": "platforms-with-plan",
            "name": "Số nền tảng số quốc gia đã có kế hoạch triển khai",
            "name_en": "National digital platforms with an implementation plan",
            "unit": "nền tảng",
            "unit_en": "platforms",
            "value": 21,
            "period": "2025-Q3",
            "target": 84,
            "direction": "up",
            "history": hist(("2025-Q2", 12)),
            "note": "Mục tiêu: tất cả 84 nền tảng. Giá trị quý II là số liệu minh họa (demo).",
        },
        {
            "id": "adult-digital-signature",
            "name": "Tỷ lệ người trưởng thành có chữ ký số",
            "name_en": "Adults with a digital signature",
            "unit": "%",
            "value": 36.11,
            "period": "2025-09",
            "target": 50,
            "direction": "up",
            "history": hist(("2025-07", 33.6), ("2025-08", 34.91)),
            "note": "Tăng 1,2 điểm phần trăm so với tháng trước. Giá trị tháng 7 và mục tiêu là "
            "số liệu minh họa (demo).",
        },
        {
            "id": "budget-share-st",
            "name": "Tỷ lệ chi ngân sách nhà nước cho khoa học, công nghệ, "
            "đổi mới sáng tạo và chuyển đổi số",
            "name_en": "Share of the State budget spent on S&T, innovation and digital "
            "transformation",
            "unit": "%",
            "value": 2.1,
            "period": "2025",
            "target": 3,
            "direction": "up",
            "history": hist(("2023", 0.8), ("2024", 0.9)),
            "note": "Mục tiêu tối thiểu 3% tổng chi ngân sách theo Nghị quyết 57-NQ/TW. Giá trị là "
            "số liệu minh họa (demo).",
        },
        {
            "id": "full-online-procedures",
            "name": "Tỷ lệ thủ tục hành chính được cung cấp dịch vụ công trực tuyến toàn trình",
            "name_en": "Share of procedures available fully online",
            "unit": "%",
            "value": 54.3,
            "period": "2025-Q3",
            "target": 80,
            "direction": "up",
            "history": hist(("2025-Q1", 47.0), ("2025-Q2", 50.8)),
            "note": DEMO,
        },
        {
            "id": "avg-processing-days",
            "name": "Thời gian giải quyết trung bình một hồ sơ thủ tục hành chính",
            "name_en": "Average processing time of an administrative record",
            "unit": "ngày",
            "unit_en": "days",
            "value": 4.8,
            "period": "2025-Q3",
            "target": 4,
            "direction": "down",
            "history": hist(("2025-Q1", 6.2), ("2025-Q2", 5.5)),
            "note": DEMO,
        },
    ]


# --------------------------------------------------------------------------- output


# The member in charge of a locality's task, by thematic group ({where}: "tỉnh Lai Châu",
# "thành phố Đà Nẵng"); a key task goes to the chair whatever its group.
CHAIR = "Chủ tịch UBND {where}"
OWNER_BY_GROUP = {
    "Thể chế": CHAIR,
    "Nguồn lực tài chính": CHAIR,
    "Hạ tầng số": "Phó Chủ tịch UBND {where} phụ trách khoa học, công nghệ",
    "Dữ liệu": "Phó Chủ tịch UBND {where} phụ trách khoa học, công nghệ",
    "Chính phủ số": "Phó Chủ tịch UBND {where} phụ trách khoa học, công nghệ",
    "Nghiên cứu và đổi mới sáng tạo": "Phó Chủ tịch UBND {where} phụ trách khoa học, công nghệ",
    "Kinh tế số": "Phó Chủ tịch UBND {where} phụ trách kinh tế",
    "Nhân lực": "Phó Chủ tịch UBND {where} phụ trách văn hóa - xã hội",
    "Đề án 06": "Giám đốc Công an {where}",
    "An ninh mạng": "Giám đốc Công an {where}",
}


def locality_place(spec: AgencySpec) -> str:
    """How a title names the locality: "tỉnh Lai Châu", "thành phố Đà Nẵng", "Thành phố
    Hà Nội" (the capital and Ho Chi Minh City capitalised, as they write it)."""
    if spec.name.startswith("Thành phố"):
        return spec.name
    if spec.id == "HA-NOI":
        return f"Thành phố {spec.name}"
    city = spec.scopes[0][0] == "của thành phố"
    return f"{'thành phố' if city else 'tỉnh'} {spec.name}"


def assign_owners(tasks: list[Json], agencies: list[AgencySpec]) -> list[Json]:
    """Each locality's tasks with their owner, written before the notes (the order of
    the feed's fields)."""
    places = {a.id: locality_place(a) for a in agencies if a.kind == "locality"}
    owned = []
    for task in tasks:
        where = places.get(task["agency"])
        if where is None:
            owned.append(task)
            continue
        template = CHAIR if task.get("key_task") else OWNER_BY_GROUP[task["group"]]
        notes = task.pop("notes", None)
        task["owner"] = template.format(where=where)
        if notes is not None:
            task["notes"] = notes
        owned.append(task)
    return owned


def build_feed() -> Json:
    rng = random.Random(SEED)
    agencies = all_agencies()
    return nfc(
        {
            "format": "r57-feed",
            "version": 1,
            "as_of": AS_OF,
            "title": TITLE,
            "agencies": [a.record() for a in agencies],
            "tasks": assign_owners(build_tasks(rng, agencies), agencies),
            "indicators": indicators(),
        }
    )


def render(feed: Json) -> str:
    """Pretty top level, one compact record per line inside the lists."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = ["{"]
    items = list(feed.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        if isinstance(value, list):
            lines.append(f"  {dump(key)}: [")
            lines += [
                f"    {dump(rec)}{',' if i < len(value) - 1 else ''}" for i, rec in enumerate(value)
            ]
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {dump(key)}: {dump(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the usual mode
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def summary(tasks: Iterable[Json]) -> str:
    counts: dict[str, int] = {}
    for t in tasks:
        due = t.get("due")
        if t.get("completed"):
            late = due is not None and t["completed"] > deadline_of(due).isoformat()
            state = "completed_late" if late else "completed"
        elif due is not None and deadline_of(due) < AS_OF_DATE:
            state = "overdue"
        else:
            state = "on_time"
        counts[state] = counts.get(state, 0) + 1
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))


def main() -> int:
    feed = build_feed()
    text = render(feed)
    json.loads(text)  # the hand-made layout must still be JSON
    write_atomic(OUT, text)
    print(
        f"wrote {OUT} ({len(text.encode('utf-8'))} bytes): {len(feed['tasks'])} tasks — "
        f"{summary(feed['tasks'])}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
