from __future__ import annotations

import random
import unicodedata
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from r57tui.i18n.collation import sort_key, sorted_vi

NINE = [
    "Gia Lai",
    "Đồng Tháp",
    "Cao Bằng",
    "Điện Biên",
    "Cần Thơ",
    "Đồng Nai",
    "Đắk Lắk",
    "Cà Mau",
    "Đà Nẵng",
]

# The 34 provinces and cities after the 2025 merger, in the order they are usually listed.
PROVINCES = [
    "Hà Nội",
    "Huế",
    "Hải Phòng",
    "Đà Nẵng",
    "Thành phố Hồ Chí Minh",
    "Cần Thơ",
    "Tuyên Quang",
    "Cao Bằng",
    "Lai Châu",
    "Lào Cai",
    "Thái Nguyên",
    "Điện Biên",
    "Lạng Sơn",
    "Sơn La",
    "Phú Thọ",
    "Bắc Ninh",
    "Quảng Ninh",
    "Hưng Yên",
    "Ninh Bình",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Quảng Trị",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Đồng Nai",
    "Tây Ninh",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
]

# Worked out by hand, each line against the one before it. Letters first (tones only on ties),
# the alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, a space before letters.
PROVINCES_SORTED = [
    "An Giang",
    "Bắc Ninh",  # b > a
    "Cà Mau",  # c > b
    "Cao Bằng",  # "ca␣" < "cao": the space after "Cà" beats the "o"; the grave never counts
    "Cần Thơ",  # "ca" < "câ": â is the letter after a
    "Đà Nẵng",  # đ > c, and no D- or E- name lies between
    "Đắk Lắk",  # "đa" < "đă"
    "Điện Biên",  # ă < i
    "Đồng Nai",  # i < ô
    "Đồng Tháp",  # same "đông ", then n < t
    "Gia Lai",  # đ < g (e, ê and f are empty)
    "Hà Nội",  # g < h
    "Hà Tĩnh",  # same "ha ", then n < t
    "Hải Phòng",  # "ha␣" < "hai": the space decides, not huyền < hỏi
    "Huế",  # a < u
    "Hưng Yên",  # u < ư
    "Khánh Hòa",  # h < k
    "Lai Châu",  # k < l
    "Lạng Sơn",  # "lai" < "lan"
    "Lào Cai",  # "lan" < "lao"
    "Lâm Đồng",  # "la" < "lâ"
    "Nghệ An",  # l < n
    "Ninh Bình",  # "ng" < "ni"
    "Phú Thọ",  # n < p
    "Quảng Ngãi",  # p < q
    "Quảng Ninh",  # same "quang ", then "ng" < "ni"
    "Quảng Trị",  # n < t
    "Sơn La",  # q < s
    "Tây Ninh",  # s < t
    "Thái Nguyên",  # "tâ" < "th": â is still an a
    "Thanh Hóa",  # "thai" < "than"
    "Thành phố Hồ Chí Minh",  # same "thanh ", then h < p; the grave on Thành comes too late
    "Tuyên Quang",  # h < u
    "Vĩnh Long",  # t < v
]


def test_nine_provinces_in_dictionary_order() -> None:
    expected = [
        "Cà Mau",
        "Cao Bằng",
        "Cần Thơ",
        "Đà Nẵng",
        "Đắk Lắk",
        "Điện Biên",
        "Đồng Nai",
        "Đồng Tháp",
        "Gia Lai",
    ]
    assert sorted(NINE, key=sort_key) == expected


def test_code_point_order_gets_it_wrong() -> None:
    by_code_point = sorted(NINE)
    assert by_code_point != sorted(NINE, key=sort_key)
    # What goes wrong: a (U+0061) < à (U+00E0), and Đ (U+0110) comes after every ASCII letter.
    assert by_code_point[0] == "Cao Bằng"
    assert by_code_point.index("Gia Lai") < by_code_point.index("Đà Nẵng")


def test_all_34_provinces() -> None:
    assert len(PROVINCES) == len(set(PROVINCES)) == 34
    assert sorted(PROVINCES, key=sort_key) == PROVINCES_SORTED
    assert sorted_vi(PROVINCES) == PROVINCES_SORTED


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("An Giang", "Bắc Ninh"),  # An Giang is first of all
        ("Bắc Ninh", "Cà Mau"),
        ("Cao Bằng", "Đà Nẵng"),
        ("Cần Thơ", "Đà Nẵng"),
        ("Đồng Tháp", "Gia Lai"),
        ("Hà Nội", "Hà Tĩnh"),
        ("Hà Tĩnh", "Hải Phòng"),
        # Not Lai Châu < Lào Cai < Lạng Sơn: letters outweigh tones, and "lan" < "lao".
        ("Lai Châu", "Lạng Sơn"),
        ("Lạng Sơn", "Lào Cai"),
        ("Lào Cai", "Lâm Đồng"),
        ("Thanh Hóa", "Thành phố Hồ Chí Minh"),
    ],
)
def test_province_pairs(before: str, after: str) -> None:
    assert sort_key(before) < sort_key(after)
    position = {name: index for index, name in enumerate(sorted_vi(PROVINCES))}
    assert position[before] < position[after]


def test_alphabet() -> None:
    letters = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
    for seed in range(5):
        shuffled = letters[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=sort_key) == letters
        assert sorted([letter.upper() for letter in shuffled], key=sort_key) == [
            letter.upper() for letter in letters
        ]


def test_every_d_word_before_every_d_with_stroke_word_before_e() -> None:
    words = ["Ea Súp", "Đỗ", "Dz", "Đà Lạt", "Duy Tân", "Dũng", "Đ", "Dzũ"]
    # d: "dung" < "duy " < "dz" < "dzu"; then đ: "đ" < "đa" < "đô"; then e.
    assert sorted(words, key=sort_key) == [
        "Dũng",
        "Duy Tân",
        "Dz",
        "Dzũ",
        "Đ",
        "Đà Lạt",
        "Đỗ",
        "Ea Súp",
    ]


TONES = ["ma", "mà", "mả", "mã", "má", "mạ"]  # ngang, huyền, hỏi, ngã, sắc, nặng


@pytest.mark.parametrize("seed", range(10))
def test_tone_order(seed: int) -> None:
    for syllables in (TONES, ["mê", "mề", "mể", "mễ", "mế", "mệ"], ["Ư", "Ừ", "Ử", "Ữ", "Ứ", "Ự"]):
        shuffled = syllables[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=sort_key) == syllables


def test_letters_outweigh_tones() -> None:
    # "ma" is a prefix of "mac", whatever tone it carries.
    assert sort_key("má") < sort_key("mac")
    assert sort_key("mạ") < sort_key("mac")
    assert sorted(["mac", "mạ", "ma", "mà"], key=sort_key) == ["ma", "mà", "mạ", "mac"]
    # ă is a letter of its own, so no tone on a lifts "a" past it.
    assert sort_key("ạz") < sort_key("ă")


def test_tones_are_compared_word_by_word() -> None:
    # Old and new tone placement spell the same word: only the raw text tells them apart.
    assert sort_key("Hòa")[:3] == sort_key("Hoà")[:3]
    assert sort_key("Thanh Hóa")[:3] == sort_key("Thanh Hoá")[:3]
    # huyền before sắc, though "hòa" puts its mark on an earlier letter than "hoá".
    assert sort_key("hòa") < sort_key("hoá")
    # The first word's tone decides before the second's.
    assert sorted(["hoà bình", "hoa bình", "hoà binh", "hoa binh"], key=sort_key) == [
        "hoa binh",
        "hoa bình",
        "hoà binh",
        "hoà bình",
    ]


def test_space_punctuation_digits_letters() -> None:
    words = ["AB", "A1", "A-B", "A", "A B", "Aà"]
    # End of text < space < punctuation < digit < letter.
    assert sorted(words, key=sort_key) == ["A", "A B", "A-B", "A1", "Aà", "AB"]
    assert sorted(["Quý 3", "Quý III", "Quý", "2025"], key=sort_key) == [
        "2025",
        "Quý",
        "Quý 3",
        "Quý III",
    ]


def test_nfd_input_sorts_like_nfc() -> None:
    nfd = [unicodedata.normalize("NFD", name) for name in PROVINCES]
    assert nfd != PROVINCES
    assert [unicodedata.normalize("NFC", name) for name in sorted_vi(nfd)] == PROVINCES_SORTED
    for name in PROVINCES:
        assert sort_key(unicodedata.normalize("NFD", name))[:3] == sort_key(name)[:3]
    mixed = [
        name if index % 2 else unicodedata.normalize("NFD", name)
        for index, name in enumerate(PROVINCES)
    ]
    assert [unicodedata.normalize("NFC", name) for name in sorted_vi(mixed)] == PROVINCES_SORTED


def test_lower_before_upper_only_on_full_ties() -> None:
    spellings = ["HÀ NỘI", "Hà Nội", "hà nội", "Hà nội"]
    assert sorted(spellings, key=sort_key) == ["hà nội", "Hà nội", "Hà Nội", "HÀ NỘI"]
    # Case is the weakest level: letters and tones come first.
    assert sorted(["b", "B", "A", "a"], key=sort_key) == ["a", "A", "b", "B"]
    assert sorted(["mà", "Ma"], key=sort_key) == ["Ma", "mà"]
    assert sorted(["đ", "Đ", "D", "d"], key=sort_key) == ["d", "D", "đ", "Đ"]


def test_distinct_texts_never_tie() -> None:
    assert sort_key("Hòa") != sort_key("Hoà")
    assert sort_key("Ðà") != sort_key("Đà")  # eth (legacy text) and d with stroke
    assert sort_key("Ðà")[:3] == sort_key("Đà")[:3]


def test_sorted_vi_with_key_and_reverse() -> None:
    rows = [("DB", "Điện Biên"), ("CM", "Cà Mau"), ("CB", "Cao Bằng")]
    assert sorted_vi(rows, key=lambda row: row[1]) == [rows[1], rows[2], rows[0]]
    assert sorted_vi(rows, key=lambda row: row[1], reverse=True) == [rows[0], rows[2], rows[1]]
    assert sorted_vi([]) == []


HOSTILE = [
    "",
    "\x00\x07\x1b[31m\x7f",
    "\ud800\udfff",
    "\u0301\u0323",  # marks with no letter
    "🇻🇳👍🏽\u200d",
    "한국어 日本語 ελληνικά",
    "İı ß ǅ",
    "Hà Nội " * 3000,  # ~20 kB
    "\U0010ffff",
]


def test_hostile_text_gets_a_key() -> None:
    ordered = sorted([*HOSTILE, *PROVINCES], key=sort_key)
    assert len(ordered) == len(HOSTILE) + len(PROVINCES)
    assert ordered[0] == ""
    assert sort_key(None) == sort_key("")  # type: ignore[arg-type]
    # Other scripts come after every Vietnamese letter.
    assert ordered.index("Vĩnh Long") < ordered.index("한국어 日本語 ελληνικά")


@given(st.lists(st.text(), max_size=8))
def test_any_text_sorts_and_form_does_not_matter(texts: list[str]) -> None:
    ordered = sorted(texts, key=sort_key)
    # A total order: distinct texts never tie, so keys strictly increase between them.
    for first, second in pairwise(ordered):
        assert first == second or sort_key(first) < sort_key(second)
    for text in texts:
        assert sort_key(unicodedata.normalize("NFD", text))[:3] == sort_key(text)[:3]
