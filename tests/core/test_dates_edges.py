"""Dates as typed: Excel serial numbers on each side of their range, every written form, and the
exact words of each refusal (values worked out by hand: serial 1 is 1899-12-31)."""
import datetime

import pytest

from desktop_app.core.dates import DateFormatError, parse_date


@pytest.mark.parametrize("raw,iso", [
    (1, "1899-12-31"),              # the first Excel serial
    (2958465, "9999-12-31"),        # the last
    (37073.75, "2001-07-01"),       # a time of day is dropped
    (45658, "2025-01-01"),
    (datetime.datetime(2001, 7, 1, 23, 59), "2001-07-01"),
    (datetime.date(2001, 7, 1), "2001-07-01"),
    ("2001-7-1", "2001-07-01"),
    ("2001.7.01", "2001-07-01"),
    ("2001年07月01", "2001-07-01"),
    (" 2001 - 07 - 01 ", "2001-07-01"),
    ("2001/07", "2001-07-01"),
    ("2001-7", "2001-07-01"),
    ("2001年7", "2001-07-01"),
    ("2024-02-29", "2024-02-29"),
])
def test_forms_and_serials(raw, iso):
    assert parse_date(raw) == iso


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_empty_is_none(raw):
    assert parse_date(raw) is None


def _refusal(value) -> str:
    with pytest.raises(DateFormatError) as err:
        parse_date(value)
    return str(err.value)


@pytest.mark.parametrize("value", [0, 2958466, -5, 0.5])
def test_serials_outside_excels_range(value):
    assert _refusal(value) == f"无法识别的日期数字：{value}"


@pytest.mark.parametrize("value,words", [
    ("2023-02-29", "不存在的日期：2023-02-29"),
    ("2001 / 2 / 30", "不存在的日期：2001/2/30"),
    ("2001-13", "不存在的日期：2001-13"),
    ("20011301", "不存在的日期：20011301"),
    ("七月一日", "无法识别的日期：七月一日（可写作 2001-07-01、2001年7月1日 等）"),
    (True, "无法识别的日期：True（可写作 2001-07-01、2001年7月1日 等）"),
    ("2001-07-01x", "无法识别的日期：2001-07-01x（可写作 2001-07-01、2001年7月1日 等）"),
    ("x2001-07", "无法识别的日期：x2001-07（可写作 2001-07-01、2001年7月1日 等）"),
])
def test_refusals_name_what_was_typed(value, words):
    assert _refusal(value) == words
