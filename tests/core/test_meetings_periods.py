import pytest

from desktop_app.core.periods import Period, parse_period


@pytest.mark.parametrize("text, start, end, label", [
    ("2025", "2025-01-01", "2025-12-31", "2025年"),
    ("2025H1", "2025-01-01", "2025-06-30", "2025年上半年"),
    ("2025h2", "2025-07-01", "2025-12-31", "2025年下半年"),
    ("2025Q3", "2025-07-01", "2025-09-30", "2025年第3季度"),
    ("2025年第一季度", "2025-01-01", "2025-03-31", "2025年第1季度"),
    ("2024-02", "2024-02-01", "2024-02-29", "2024年2月"),
    ("2025年7月", "2025-07-01", "2025-07-31", "2025年7月"),
    ("2025上半年", "2025-01-01", "2025-06-30", "2025年上半年"),
])
def test_parse_period(text, start, end, label):
    assert parse_period(text) == Period(start, end, label)


@pytest.mark.parametrize("text", ["2025Q5", "2025-13", "25Q1", "", "明年"])
def test_bad_period(text):
    with pytest.raises(ValueError, match="无法识别的期间"):
        parse_period(text)


def test_period_months_and_membership():
    q = parse_period("2025Q4")
    assert q.months() == [(2025, 10), (2025, 11), (2025, 12)]
    assert "2025-11-30" in q and "2026-01-01" not in q
