"""Reporting periods as typed by a secretary: a year, a half, a quarter or a month."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Period:
    start: str   # ISO date, first day
    end: str     # ISO date, last day (inclusive)
    label: str   # 2025年第三季度 …


def parse_period(text: str) -> Period:
    """"2025" | "2025H1" | "2025Q3" | "2025-07" → the period; anything else is refused in Chinese."""
    value = text.strip().upper()
    if m := re.fullmatch(r"(\d{4})", value):
        year = int(m[1])
        return Period(f"{year}-01-01", f"{year}-12-31", f"{year}年")
    if m := re.fullmatch(r"(\d{4})H([12])", value):
        year, half = int(m[1]), int(m[2])
        return _months(year, 6 * half - 5, 6 * half, f"{year}年{'上' if half == 1 else '下'}半年")
    if m := re.fullmatch(r"(\d{4})Q([1-4])", value):
        year, quarter = int(m[1]), int(m[2])
        return _months(year, 3 * quarter - 2, 3 * quarter,
                       f"{year}年第{'一二三四'[quarter - 1]}季度")
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", value):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            return _months(year, month, month, f"{year}年{month}月")
    raise ValueError(f"无法识别的期间“{text}”：请写成 2025、2025H1、2025Q3 或 2025-07")


def _months(year: int, first: int, last: int, label: str) -> Period:
    end_day = calendar.monthrange(year, last)[1]
    return Period(f"{year}-{first:02d}-01", f"{year}-{last:02d}-{end_day:02d}", label)
