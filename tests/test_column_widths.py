"""The width policy of every table (column_widths.py) and the forms a name takes in a
column too narrow for it (name_forms.py): pure, no screen."""

from __future__ import annotations

from rich.cells import cell_len

from r57tui.ui.column_widths import ColumnNeed, fit_columns, next_stop, stops
from r57tui.ui.name_forms import abbreviation, compact, cut, fit_name, short_form, wrap_title

FIGURES = [
    ColumnNeed("name", 40, minimum=10, priority=100, flexible=True),
    ColumnNeed("overdue", 7, priority=90),
    ColumnNeed("done", 5, priority=60),
    ColumnNeed("late", 4, priority=40),
]


def test_everything_whole_when_there_is_room() -> None:
    assert fit_columns(FIGURES, 200) == {"name": 40, "overdue": 7, "done": 5, "late": 4}


def test_the_flexible_column_takes_the_slack_and_the_figures_stay_whole() -> None:
    # 2 of padding each: 8; the figures 16; the name what is left.
    assert fit_columns(FIGURES, 50) == {"name": 26, "overdue": 7, "done": 5, "late": 4}


def test_lowest_priority_goes_first_when_even_minimums_do_not_fit() -> None:
    # Minimums with padding: 12 + 9 + 7 + 6 = 34.
    assert list(fit_columns(FIGURES, 34)) == ["name", "overdue", "done", "late"]
    assert list(fit_columns(FIGURES, 33)) == ["name", "overdue", "done"]
    assert list(fit_columns(FIGURES, 27)) == ["name", "overdue"]
    assert fit_columns(FIGURES, 21) == {"name": 10, "overdue": 7}
    assert fit_columns(FIGURES, 20) == {"name": 18}


def test_the_order_given_is_kept_whatever_the_priorities() -> None:
    needs = [ColumnNeed("a", 5, priority=1), ColumnNeed("b", 5, priority=9)]
    assert list(fit_columns(needs, 100)) == ["a", "b"]
    assert list(fit_columns(needs, 10)) == ["b"]


def test_equal_priorities_drop_the_rightmost_first() -> None:
    needs = [ColumnNeed(key, 5, priority=1) for key in "abc"]
    assert list(fit_columns(needs, 14)) == ["a", "b"]


def test_a_fixed_column_below_its_natural_width_grows_before_the_flexible_ones() -> None:
    needs = [
        ColumnNeed("title", 80, minimum=10, priority=100, flexible=True),
        ColumnNeed("source", 20, minimum=8, priority=50),
    ]
    assert fit_columns(needs, 40) == {"title": 16, "source": 20}
    assert fit_columns(needs, 30) == {"title": 10, "source": 16}


def test_flexible_columns_share_the_slack_by_weight_none_past_its_natural_width() -> None:
    needs = [
        ColumnNeed("title", 200, minimum=10, priority=100, flexible=True, weight=3),
        ColumnNeed("agency", 30, minimum=10, priority=90, flexible=True, weight=1),
    ]
    assert fit_columns(needs, 64) == {"title": 40, "agency": 20}
    # The agency stops at its natural width; the title takes the rest.
    assert fit_columns(needs, 204) == {"title": 170, "agency": 30}


def test_an_extra_column_shows_only_when_every_other_one_is_whole() -> None:
    needs = [
        ColumnNeed("name", 30, minimum=10, priority=100, flexible=True),
        ColumnNeed("bar", 10, priority=1, extra=True),
    ]
    assert fit_columns(needs, 44) == {"name": 30, "bar": 10}
    # Room for the bar beside a shortened name: the name has it.
    assert fit_columns(needs, 43) == {"name": 30}
    assert fit_columns(needs, 20) == {"name": 18}


def test_a_single_column_narrower_than_its_minimum_is_kept() -> None:
    assert fit_columns([ColumnNeed("only", 30, minimum=20)], 12) == {"only": 10}
    assert fit_columns([], 80) == {}


def test_column_stops_for_scrolling_a_column_at_a_time() -> None:
    starts = stops([10, 5, 20])
    assert starts == [0, 12, 19]
    assert next_stop(starts, 0, 1, 100) == 12
    assert next_stop(starts, 12, 1, 100) == 19
    assert next_stop(starts, 19, 1, 15) == 15  # never past the widest scroll
    assert next_stop(starts, 5, -1, 100) == 0
    assert next_stop(starts, 19, -1, 100) == 12
    assert next_stop(starts, 0, -1, 100) == 0


def test_a_name_whole_else_compact_else_short_form_never_cut_mid_word() -> None:
    name = "Bộ Nông nghiệp và Môi trường"
    assert fit_name(name, "Bộ NN&MT", 40, "vi") == name
    assert fit_name(name, "Bộ NN&MT", 20, "vi") == "Bộ NN&MT"
    # No short form: the initials, without the linking words.
    assert fit_name("Thành phố Hồ Chí Minh", None, 10, "vi") == "TPHCM"
    assert fit_name("Bộ Khoa học và Công nghệ", None, 10, "vi") == "BKHCN"
    # Even the short form too long: cut after a whole word, with an ellipsis.
    assert fit_name(name, "Bộ NN&MT", 5, "vi") == "Bộ…"


def test_english_names_use_a_short_form_in_plain_letters_or_the_english_initials() -> None:
    name = "Ministry of Science and Technology"
    assert fit_name(name, "Bộ KH&CN", 40, "en") == name
    assert fit_name(name, "Bộ KH&CN", 26, "en") == "Min. of Science and Tech."
    assert fit_name(name, "MOST", 10, "en") == "MOST"
    # A Vietnamese short form would put Vietnamese on an English screen.
    assert short_form(name, "Bộ KH&CN", "en") == "MOST"  # as the ministry writes it
    assert short_form(name, "Bộ KH&CN", "vi") == "Bộ KH&CN"
    assert compact(name, "vi") == name


def test_cut_keeps_whole_words_and_always_marks_a_cut() -> None:
    assert cut("Resolution 03/NQ-CP", 30) == "Resolution 03/NQ-CP"
    assert cut("Resolution 03/NQ-CP", 15) == "Resolution…"
    assert cut("Supercalifragilistic", 8) == "Superca…"
    for width in range(1, 25):
        text = cut("Ban Chính sách, chiến lược Trung ương", width)
        assert cell_len(text) <= width
        assert text.endswith("…") or text == "Ban Chính sách, chiến lược Trung ương"
    # Feed text stays data: a control character is shown, not sent.
    assert "\x1b" not in cut("a\x1b[2Jb", 40)


def test_abbreviation_of_a_name_with_punctuation() -> None:
    assert abbreviation("Ministry of Culture, Sports and Tourism") == "MOCST"
    assert abbreviation("Tập đoàn Công nghiệp - Viễn thông Quân đội") == "TĐCNVTQĐ"


def test_a_column_below_a_name_makes_way_for_it_whole_and_only_then() -> None:
    name = ColumnNeed("name", 60, minimum=14, priority=100, flexible=True, whole_over=45)
    figures = [ColumnNeed("overdue", 7, priority=90), ColumnNeed("late", 14, priority=40)]
    # 60 + 7 + 14 with padding is 87: at 80 the late column goes and the name is whole.
    assert fit_columns([name, *figures], 80) == {"name": 60, "overdue": 7}
    # At 70 the name would be cut even without it: nothing goes for nothing.
    assert fit_columns([name, *figures], 70) == {"name": 43, "overdue": 7, "late": 14}
    # A column above the line never makes way.
    above = ColumnNeed("late", 14, priority=50)
    assert fit_columns([name, figures[0], above], 80)["late"] == 14


def test_a_name_is_made_whole_only_while_the_title_keeps_its_floor() -> None:
    title = ColumnNeed("title", 120, minimum=16, priority=100, flexible=True, weight=2, floor=36)
    agency = ColumnNeed("agency", 66, minimum=12, priority=95, flexible=True, whole_over=65)
    state = ColumnNeed("state", 18, priority=90)
    due = ColumnNeed("due", 10, priority=60)
    needs = [title, state, due, agency]
    # 160 columns: everything fits with the name whole.
    assert fit_columns(needs, 160) == {"title": 58, "state": 18, "due": 10, "agency": 66}
    # 130: the due date makes way, the name is whole, the title keeps 36 and more.
    assert fit_columns(needs, 130) == {"title": 40, "state": 18, "agency": 66}
    # 120 columns: the name whole would leave the title under its floor: nothing goes.
    narrow = fit_columns(needs, 120)
    assert narrow["agency"] < 66
    assert "due" in narrow
    assert narrow["title"] >= 36


def test_no_column_makes_way_for_a_name_that_reads_already_in_its_abbreviated_form() -> None:
    # "Central Commission for Propaganda, Education and Mass Mobilisation" (66) reads as
    # "Central Comm. for Propaganda, Educ. and Mass Mobilisation" (57) in English.
    name = ColumnNeed(
        "name", 66, minimum=20, priority=100, flexible=True, whole_over=62, readable=57
    )
    figures = [
        ColumnNeed("overdue", 9, priority=90),
        ColumnNeed("rate", 9, priority=65),
        ColumnNeed("at_risk", 7, priority=61),
        ColumnNeed("percent", 11, priority=80),
        ColumnNeed("assigned", 8, priority=70),
        ColumnNeed("completed", 9, priority=60),
    ]
    # 160 columns less the side column: the at-risk count stays, the name reads at 64;
    # only the completed count makes way for it.
    fitted = fit_columns([name, *figures], 120)
    assert fitted == {
        "name": 64,
        "overdue": 9,
        "rate": 9,
        "at_risk": 7,
        "percent": 11,
        "assigned": 8,
    }
    # Narrower, the name abbreviated would still be cut: the at-risk count makes way too.
    assert "at_risk" not in fit_columns([name, *figures], 110)
    assert fit_columns([name, *figures], 110)["name"] >= 57
    # Without `readable` the name is made whole at the at-risk count's cost, as before.
    whole = ColumnNeed("name", 66, minimum=20, priority=100, flexible=True, whole_over=62)
    assert fit_columns([whole, *figures], 120) == {
        "name": 66,
        "overdue": 9,
        "rate": 9,
        "percent": 11,
        "assigned": 8,
    }


def test_a_title_up_to_its_floor_before_a_short_column_takes_room_past_its_content() -> None:
    title = ColumnNeed(
        "title", 120, minimum=16, priority=100, flexible=True, floor=36, whole_over=65, readable=24
    )
    state = ColumnNeed("state", 22, minimum=20, priority=90)  # 2 for a change mark
    days = ColumnNeed("days", 16, priority=85)
    due = ColumnNeed("due", 12, priority=60)
    source = ColumnNeed("source", 32, minimum=12, priority=50, flexible=True)
    needs = [title, state, days, due, source]
    # Minimums: 18 + 22 + 18 + 14 + 14 = 86. At 90 the title has the 4 cells left, not the
    # state's mark; under 24 still, the source then the due date make way for it.
    assert fit_columns(needs, 90) == {"title": 34, "state": 20, "days": 16, "due": 12}
    # At 80 the source's minimum does not fit: the title has its 24 beside the due date.
    assert fit_columns(needs, 80) == {"title": 24, "state": 20, "days": 16, "due": 12}
    # Wide, every column whole, the title taking what is left.
    assert fit_columns(needs, 200)["title"] == 200 - 10 - 22 - 16 - 12 - 32


def test_a_title_wraps_between_words_and_is_cut_only_past_its_last_line() -> None:
    title = "Phó Chủ tịch UBND tỉnh Hà Tĩnh phụ trách khoa học, công nghệ"
    assert wrap_title(title, 20, 4).splitlines() == [
        "Phó Chủ tịch UBND",
        "tỉnh Hà Tĩnh phụ",
        "trách khoa học, công",
        "nghệ",
    ]
    assert wrap_title(title, 20, 2).splitlines() == ["Phó Chủ tịch UBND", "tỉnh Hà Tĩnh phụ…"]
    assert wrap_title("Chủ tịch UBND tỉnh Sơn La", 40, 4) == "Chủ tịch UBND tỉnh Sơn La"
    assert wrap_title("Supercalifragilistic x", 8, 4) == "Superca…\nx"
    assert "\x1b" not in wrap_title("a\x1b[2Jb c", 4, 4)
