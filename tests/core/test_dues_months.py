"""Months and quarters as the secretary types them (issue #17: these parsers had no test)."""
import pytest

from desktop_app.core.dues.months import month_label, parse_month, parse_quarter
from desktop_app.core.store import StoreError


@pytest.mark.parametrize("text, month", [
    ("2025-12", "2025-12"), ("2025年12月", "2025-12"), ("2025.9", "2025-09"),
    ("2025/1", "2025-01"), (" 2025 - 01 ", "2025-01"), ("2025年3", "2025-03"),
])
def test_months_in_the_ways_people_write_them(text, month):
    assert parse_month(text) == month


@pytest.mark.parametrize("text", ["2025-13", "2025-0", "2025-00", "25-12", "2025-12-01", "", None,
                                  "2025 12"])
def test_a_month_that_is_not_one_is_refused_naming_what(text):
    with pytest.raises(StoreError) as caught:
        parse_month(text, "缴费月份")
    assert str(caught.value) == f"缴费月份“{text}”无法识别，请写成如 2025-12 或 2025年12月"


def test_the_default_word_is_month():
    with pytest.raises(StoreError, match="^月份“2025-13”无法识别"):
        parse_month("2025-13")


@pytest.mark.parametrize("text, quarter", [("2026Q1", "2026Q1"), ("2026q4", "2026Q4"),
                                           (" 2026 Q 2 ", "2026Q2")])
def test_quarters(text, quarter):
    assert parse_quarter(text) == quarter


@pytest.mark.parametrize("text", ["2026Q0", "2026Q5", "2026", "Q1", "", None, "2026-Q1"])
def test_a_quarter_that_is_not_one_is_refused(text):
    with pytest.raises(StoreError) as caught:
        parse_quarter(text)
    assert str(caught.value) == f"季度“{text}”无法识别，请写成如 2026Q1"


@pytest.mark.parametrize("month, label", [("2025-12", "2025年12月"), ("2025-01", "2025年1月")])
def test_month_labels(month, label):
    assert month_label(month) == label
