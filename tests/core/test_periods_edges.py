"""Period names in each written form, refusals in exact words, and the edges of a period
(first and last day inside, the days around them outside), all worked out by hand."""
import pytest

from desktop_app.core.periods import Period, parse_period


@pytest.mark.parametrize("text, start, end, label", [
    (" 2025 ", "2025-01-01", "2025-12-31", "2025年"),
    ("2025年", "2025-01-01", "2025-12-31", "2025年"),
    ("2025-H1", "2025-01-01", "2025-06-30", "2025年上半年"),
    ("2025_h2", "2025-07-01", "2025-12-31", "2025年下半年"),
    ("2025 H2", "2025-07-01", "2025-12-31", "2025年下半年"),
    ("2025年下半年", "2025-07-01", "2025-12-31", "2025年下半年"),
    ("2025q1", "2025-01-01", "2025-03-31", "2025年第1季度"),
    ("2025-Q2", "2025-04-01", "2025-06-30", "2025年第2季度"),
    ("2025_Q4", "2025-10-01", "2025-12-31", "2025年第4季度"),
    ("2025第二季度", "2025-04-01", "2025-06-30", "2025年第2季度"),
    ("2025年第三季", "2025-07-01", "2025-09-30", "2025年第3季度"),
    ("2025年四季度", "2025-10-01", "2025-12-31", "2025年第4季度"),
    ("2025年第4季度", "2025-10-01", "2025-12-31", "2025年第4季度"),
    ("2025/1", "2025-01-01", "2025-01-31", "2025年1月"),
    ("2025.12", "2025-12-01", "2025-12-31", "2025年12月"),
    ("2023-02", "2023-02-01", "2023-02-28", "2023年2月"),
    ("2025年12月", "2025-12-01", "2025-12-31", "2025年12月"),
    ("2025年4", "2025-04-01", "2025-04-30", "2025年4月"),
])
def test_each_written_form(text, start, end, label):
    assert parse_period(text) == Period(start, end, label)


@pytest.mark.parametrize("text", ["2025-0", "2025-13", "2025年0月", "2025H3", "2025H0", "2025Q0",
                                  "2025第五季度", "2025年中", "12025", "2025-07-01"])
def test_refused_in_exact_words(text):
    with pytest.raises(ValueError) as err:
        parse_period(text)
    assert str(err.value) == f"无法识别的期间：“{text}”（可写作 2025、2025H1、2025Q3、2025-07）"


def test_nothing_typed_is_refused():
    with pytest.raises(ValueError, match="无法识别的期间：“None”"):
        parse_period(None)


def test_first_and_last_day_are_inside_the_days_around_them_outside():
    q = parse_period("2025Q2")
    assert "2025-04-01" in q and "2025-06-30" in q
    assert "2025-03-31" not in q and "2025-07-01" not in q


def test_months_of_a_span_across_a_new_year():
    span = Period("2024-11-15", "2025-02-01", "跨年")
    assert span.months() == [(2024, 11), (2024, 12), (2025, 1), (2025, 2)]
    assert parse_period("2025-12").months() == [(2025, 12)]
    assert parse_period("2025H2").months() == [(2025, m) for m in range(7, 13)]
