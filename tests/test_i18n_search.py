from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from r57tui.i18n.search import Matcher, fold, fold_fields


@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    short: str
    aliases: tuple[str, ...] = ()

    def texts(self) -> tuple[str, ...]:
        return (self.id, self.name, self.short, *self.aliases)


# Post-2025 localities, with the provinces merged into them as aliases.
AGENCIES = (
    Agency("dienbien", "Tỉnh Điện Biên", "Điện Biên"),
    Agency("danang", "Thành phố Đà Nẵng", "Đà Nẵng", ("Quảng Nam",)),
    Agency("tuyenquang", "Tỉnh Tuyên Quang", "Tuyên Quang", ("Hà Giang",)),
    Agency("hue", "Thành phố Huế", "Huế", ("Thừa Thiên Huế",)),
    Agency(
        "hcm",
        "Thành phố Hồ Chí Minh",
        "TP HCM",
        ("TP.HCM", "Sài Gòn", "Bình Dương", "Bà Rịa – Vũng Tàu"),
    ),
    Agency("dongnai", "Tỉnh Đồng Nai", "Đồng Nai", ("Bình Phước", "Biên Hòa")),
    Agency("hanoi", "Thành phố Hà Nội", "Hà Nội"),
    Agency("bkhcn", "Bộ Khoa học và Công nghệ", "Bộ KH&CN"),
)


def matches(matcher: Matcher, *texts: str | None) -> bool:
    return matcher.matches_folded(fold_fields(*texts))


def found(query: str | None) -> set[str]:
    matcher = Matcher(query)
    return {agency.id for agency in AGENCIES if matches(matcher, *agency.texts())}


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Điện Biên", "dien bien"),
        ("DIEN BIEN", "dien bien"),
        ("điện biên", "dien bien"),
        ("ĐIỆN BIÊN", "dien bien"),
        (unicodedata.normalize("NFD", "Điện Biên"), "dien bien"),
        ("Đà Nẵng", "da nang"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("Bộ KH&CN", "bo kh&cn"),
        ("  Hà\tNội \n", "ha noi"),  # whitespace runs squeezed, ends stripped
        ("Hà\u00a0Nội", "ha noi"),  # no-break space is still a space
        ("Tuyên Qu\u00adang", "tuyen quang"),  # soft hyphen from a word processor
        ("Ðà Nẵng", "da nang"),  # Ð (eth, U+00D0) typed for Đ (U+0110) in legacy text
        ("Nghị quyết 57-NQ/TW", "nghi quyet 57-nq/tw"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_maps_d_with_stroke_which_nfd_does_not_decompose() -> None:
    # The trap: Đ/đ have no decomposition, so stripping combining marks alone keeps them.
    assert unicodedata.normalize("NFD", "Đđ") == "Đđ"
    assert fold("Đđ") == "dd"


@pytest.mark.parametrize("query", ["Điện Biên", "dien bien", "DIEN BIEN", "điện biên"])
def test_four_spellings_of_dien_bien_find_the_same_agency(query: str) -> None:
    assert found(query) == {"dienbien"}


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("bien dien", {"dienbien"}),  # word order does not matter
        ("ĐIỆN", {"dienbien"}),
        ("da nang", {"danang"}),
        ("Đà Nẵng", {"danang"}),
        ("ha giang", {"tuyenquang"}),  # only through the alias
        ("hue", {"hue"}),
        ("thua thien", {"hue"}),
        ("tp hcm", {"hcm"}),
        ("TP.HCM", {"hcm"}),
        ("ho chi minh", {"hcm"}),
        ("Hồ Chí Minh", {"hcm"}),
        ("sai gon", {"hcm"}),
        ("vung tau", {"hcm"}),
        ("ha noi", {"hanoi"}),
        ("kh&cn", {"bkhcn"}),
        ("bien", {"dienbien", "dongnai"}),  # Điện Biên, and Biên Hòa in Đồng Nai
        ("binh", {"hcm", "dongnai"}),
    ],
)
def test_query_finds(query: str, ids: set[str]) -> None:
    assert found(query) == ids


@pytest.mark.parametrize(
    "query",
    [
        "dien bien hoa",  # "hoa" is only in Biên Hòa, "dien" only in Điện Biên
        "ha giang quang nam",
        "hcm ha noi",
        "dienbien x",
        "đắk lắk",
    ],
)
def test_query_that_no_single_agency_satisfies_finds_nothing(query: str) -> None:
    assert found(query) == set()


def test_dien_bien_does_not_match_bien_hoa() -> None:
    assert not matches(Matcher("dien bien"), "Biên Hòa")
    assert not matches(Matcher("dien bien"), "Thành phố Biên Hòa", "Đồng Nai")


def test_alias_counts_only_when_passed() -> None:
    assert matches(Matcher("ha giang"), "Tỉnh Tuyên Quang", "Hà Giang")
    assert not matches(Matcher("ha giang"), "Tỉnh Tuyên Quang")


def test_words_may_come_from_different_texts_but_never_span_two() -> None:
    assert matches(Matcher("ha noi"), "Hà", "Nội")
    assert not matches(Matcher("hanoi"), "Hà", "Nội")
    assert not matches(Matcher("a n"))  # no texts at all


@pytest.mark.parametrize("query", ["", "   ", "\t\n", None])
def test_blank_query_matches_everything(query: str | None) -> None:
    matcher = Matcher(query)
    assert matcher.is_blank
    assert matches(matcher)
    assert matches(matcher, None)
    assert matches(matcher, "Điện Biên")
    assert found(query) == {agency.id for agency in AGENCIES}


def test_none_texts_are_skipped() -> None:
    assert matches(Matcher("ha noi"), None, "Hà Nội", None)
    assert not matches(Matcher("ha noi"), None, None)


def test_matches_folded_agrees_with_matches() -> None:
    for agency in AGENCIES:
        haystack = fold_fields(*agency.texts())
        for query in ("dien bien", "ha giang", "tp hcm", "bien", "x"):
            matcher = Matcher(query)
            assert matcher.matches_folded(haystack) == matches(matcher, *agency.texts())


HOSTILE = [
    "\x00\x01\x07\x08\x1b[31mĐỏ\x1b[0m\x7f",
    "\u202eĐiện Biên\u202c",  # right-to-left override
    "🇻🇳 Việt Nam 👍🏽 \u200d",
    "\ud800 lone surrogate \udfff",
    "\u0301\u0323 marks with nothing to sit on",
    "ｆｕｌｌｗｉｄｔｈ Ｈà Ｎội",
    "Hà Nội " * 3000,  # ~20 kB
    "ả" * 20_000,
    "\U0010ffff\U000e0001",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_never_raises(text: str) -> None:
    folded = fold(text)
    assert folded == folded.strip()
    assert "  " not in folded
    assert isinstance(matches(Matcher(text), text, None, "Điện Biên"), bool)
    assert matches(Matcher("dien"), text) is ("dien" in folded)


def test_long_text_still_found() -> None:
    assert matches(Matcher("ha noi"), "x" * 20_000 + " Hà Nội")
    assert fold("Hà Nội " * 3000) == " ".join(["ha noi"] * 3000)


@given(st.text())
def test_fold_never_raises_and_is_stable(text: str) -> None:
    folded = fold(text)
    assert folded == " ".join(folded.split())
    assert fold(folded) == folded
    # A search must not care how the text was normalised.
    assert fold(unicodedata.normalize("NFD", text)) == folded
    assert fold(unicodedata.normalize("NFC", text)) == folded


@given(st.text(), st.lists(st.one_of(st.none(), st.text()), max_size=4))
def test_text_always_matches_itself(query: str, others: list[str | None]) -> None:
    assert matches(Matcher(query), *others, query)


def test_query_words_match_at_word_starts_only() -> None:
    assert matches(Matcher("ha giang"), "Hà Giang")
    assert matches(Matcher("ha giang"), "Hậu Giang")
    assert not matches(Matcher("ha giang"), "Đồng Tháp", "Tiền Giang")
    assert matches(Matcher("001"), "BKHCN-001")
    assert not matches(Matcher("hcn"), "BKHCN-001")
