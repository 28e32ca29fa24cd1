from datetime import date

import pytest

from r57tui.feed.dates import parse_due


@pytest.mark.parametrize(
    ("text", "deadline", "precision"),
    [
        ("2025-06-30", date(2025, 6, 30), "day"),
        ("2025-09", date(2025, 9, 30), "month"),
        ("2024-02", date(2024, 2, 29), "month"),  # leap year
        ("2025-02", date(2025, 2, 28), "month"),
        ("2025-Q1", date(2025, 3, 31), "quarter"),
        ("2025-Q3", date(2025, 9, 30), "quarter"),
        ("2025-q4", date(2025, 12, 31), "quarter"),
    ],
)
def test_due_means_the_last_day_it_allows(text: str, deadline: date, precision: str) -> None:
    due = parse_due(text)
    assert due.deadline == deadline
    assert due.precision == precision


@pytest.mark.parametrize(
    "text", ["2025-13", "2025-Q5", "2025-02-30", "30/09/2025", "2025-W40-1", "20250930", "", "soon"]
)
def test_not_a_deadline_is_refused_with_the_text(text: str) -> None:
    with pytest.raises(ValueError, match=r"2025|date|month|quarter"):
        parse_due(text)


def test_quarter_text_is_normalised_for_display() -> None:
    assert parse_due("2025-q3").text == "2025-Q3"


@pytest.mark.parametrize(
    ("text", "english", "vietnamese"),
    [
        ("2025-02-30", "2025-02 has 28 days", "tháng 02/2025 có 28 ngày"),
        ("2024-02-30", "2024-02 has 29 days", "tháng 02/2024 có 29 ngày"),
        ("2025-13-01", "month 13 is not 01-12", "tháng 13 không nằm trong 01-12"),
    ],
)
def test_a_day_that_is_none_says_why_in_words_of_ours(
    text: str, english: str, vietnamese: str
) -> None:
    # Python's own reasons ("month must be in 1..12") are English only.
    from r57tui.feed.dates import DueError

    with pytest.raises(DueError) as caught:
        parse_due(text)
    assert english in caught.value.text("en")
    said = caught.value.text("vi")
    assert vietnamese in said
    assert "must" not in said
    assert "range" not in said
