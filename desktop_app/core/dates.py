"""Dates as secretaries write them, turned into ISO strings (the only form the store keeps)."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_EXCEL_EPOCH = date(1899, 12, 30)
_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
# The form every stored date has: read by `date.fromisoformat` alone, the fast path of an import.
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH_ONLY = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月?$"),
]


class DateFormatError(ValueError):
    pass


def parse_date(value) -> str | None:
    """2001-07-01, 2001/7/1, 2001.07.01, 2001.07 (first of the month), 2001年7月1日, an Excel
    serial number or a datetime → '2001-07-01'. Empty → None. Anything else raises."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and _ISO.fullmatch(value):
        try:                        # already ISO: checked only
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass                    # 2001-02-30, worded below
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return (_EXCEL_EPOCH + timedelta(days=int(value))).isoformat()
        raise DateFormatError(f"无法识别的日期数字：{value}")
    text = str(value).strip().replace(" ", "")
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            return _checked(*match.groups(), text)
    for pattern in _MONTH_ONLY:
        match = pattern.match(text)
        if match:
            return _checked(*match.groups(), "1", text)
    raise DateFormatError(f"无法识别的日期：{value}（可写作 2001-07-01、2001年7月1日 等）")


def _checked(year: str, month: str, day: str, original: str) -> str:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        raise DateFormatError(f"不存在的日期：{original}") from None


def today() -> str:
    return date.today().isoformat()
