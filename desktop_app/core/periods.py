"""Reporting periods as secretaries name them: 2025, 2025H1, 2025Q3, 2025-07 (and 2025年第3季度 …).

Shared by meeting lists, compliance checks and exports so that "2025Q3" means the same everywhere.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}
_FORMS = [
    (re.compile(r"^(\d{4})年?$"), "year"),
    (re.compile(r"^(\d{4})[-_ ]?[Hh]([12])$"), "half"),
    (re.compile(r"^(\d{4})年?([上下])半年$"), "half_cn"),
    (re.compile(r"^(\d{4})[-_ ]?[Qq]([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})年?第?([1-4一二三四])季度?$"), "quarter"),
    (re.compile(r"^(\d{4})[-/.](\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})年(\d{1,2})月?$"), "month"),
]


@dataclass(frozen=True)
class Period:
    start: str      # ISO date, inclusive
    end: str        # ISO date, inclusive
    label: str      # 2025年第3季度

    def __contains__(self, iso_date: str) -> bool:
        return self.start <= iso_date <= self.end

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period covers."""
        y, m = int(self.start[:4]), int(self.start[5:7])
        found = []
        while f"{y:04d}-{m:02d}" <= self.end[:7]:
            found.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return found


def months_period(year: int, first: int, last: int, label: str) -> Period:
    end_day = calendar.monthrange(year, last)[1]
    return Period(date(year, first, 1).isoformat(), date(year, last, end_day).isoformat(), label)


def year(y: int) -> Period:
    return months_period(y, 1, 12, f"{y}年")


def quarter(y: int, q: int) -> Period:
    return months_period(y, 3 * q - 2, 3 * q, f"{y}年第{q}季度")


def half(y: int, h: int) -> Period:
    return months_period(y, 6 * h - 5, 6 * h, f"{y}年{'上' if h == 1 else '下'}半年")


def month(y: int, m: int) -> Period:
    return months_period(y, m, m, f"{y}年{m}月")


def parse_period(text: str) -> Period:
    """'2025' → the year; '2025H1'/'2025上半年'; '2025Q3'/'2025年第3季度'; '2025-07'/'2025年7月'."""
    value = (text or "").strip().replace(" ", "")
    for pattern, form in _FORMS:
        match = pattern.match(value)
        if not match:
            continue
        y = int(match[1])
        if form == "year":
            return year(y)
        if form == "half":
            return half(y, int(match[2]))
        if form == "half_cn":
            return half(y, 1 if match[2] == "上" else 2)
        if form == "quarter":
            return quarter(y, _CN_DIGITS.get(match[2]) or int(match[2]))
        if 1 <= int(match[2]) <= 12:
            return month(y, int(match[2]))
    raise ValueError(f"无法识别的期间：“{text}”（可写作 2025、2025H1、2025Q3、2025-07）")
