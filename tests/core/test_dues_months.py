"""Months and quarters as the secretary types them (issue #17: these parsers had no test)."""
import pytest

from desktop_app.core.dues.months import (add_months, month_end, month_label, months_between, parse_month,
                                          parse_quarter, quarter_months, unpaid_run)
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


@pytest.mark.parametrize("month, n, result", [
    ("2025-12", 1, "2026-01"), ("2025-01", -1, "2024-12"), ("2025-03", -11, "2024-04"),
    ("2025-03", 0, "2025-03"), ("2025-06", 12, "2026-06"), ("2025-06", -18, "2023-12"),
])
def test_adding_months_across_years(month, n, result):
    assert add_months(month, n) == result


def test_months_between_is_inclusive_and_crosses_the_new_year():
    assert months_between("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert months_between("2025-07", "2025-07") == ["2025-07"]
    assert months_between("2025-09", "2025-11") == ["2025-09", "2025-10", "2025-11"]   # two-digit end
    assert months_between("2025-08", "2025-07") == []


@pytest.mark.parametrize("month, end", [("2024-02", "2024-02-29"), ("2023-02", "2023-02-28"),
                                        ("2025-04", "2025-04-30"), ("2025-12", "2025-12-31"),
                                        ("2100-02", "2100-02-28")])
def test_month_ends(month, end):
    assert month_end(month) == end


@pytest.mark.parametrize("quarter, months", [
    ("2025Q1", ["2025-01", "2025-02", "2025-03"]), ("2025Q2", ["2025-04", "2025-05", "2025-06"]),
    ("2025Q3", ["2025-07", "2025-08", "2025-09"]), ("2025Q4", ["2025-10", "2025-11", "2025-12"]),
])
def test_quarter_months(quarter, months):
    assert quarter_months(quarter) == months


H1 = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]


@pytest.mark.parametrize("due, paid, through, run", [
    (H1, {"2025-03"}, "2025-06", 3),                     # Jan–Feb is 2, Apr–Jun is 3
    (H1, {"2025-03"}, "2025-05", 2),                     # months after `through` do not count
    (H1, set(), "2025-06", 6),
    (H1, {"2025-06"}, "2025-06", 5),                     # a paid month ends the run
    (H1, set(H1), "2025-06", 0),
    (H1, set(), "2024-12", 0),                           # nothing due yet
    (["2025-04", "2025-01", "2025-02", "2025-05", "2025-06"], set(), "2025-06", 3),   # not due in March
    (["2024-11", "2024-12", "2025-01"], set(), "2025-01", 3),                        # across the year
    (["2024-12", "2025-12"], set(), "2025-12", 1),       # a year apart: two runs of one
])
def test_the_longest_unpaid_run(due, paid, through, run):
    assert unpaid_run(due, paid, through) == run
