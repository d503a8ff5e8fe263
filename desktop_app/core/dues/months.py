"""Calendar months as "YYYY-MM" strings, and runs of unpaid months."""
from __future__ import annotations

import calendar
import re

from desktop_app.core.store import StoreError

_MONTH = re.compile(r"^\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*月?\s*$")
_QUARTER = re.compile(r"^\s*(\d{4})\s*[Qq]\s*([1-4])\s*$")


def parse_month(text: str, what: str = "月份") -> str:
    """"2025-12", "2025年12月", "2025.9" → "2025-12"; anything else is refused in Chinese."""
    found = _MONTH.match(text or "")
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise StoreError(f"{what}“{text}”无法识别，请写成如 2025-12 或 2025年12月")
    return f"{found.group(1)}-{int(found.group(2)):02d}"


def parse_quarter(text: str) -> str:
    """"2026Q1" / "2026q1" → "2026Q1"."""
    found = _QUARTER.match(text or "")
    if not found:
        raise StoreError(f"季度“{text}”无法识别，请写成如 2026Q1")
    return f"{found.group(1)}Q{found.group(2)}"


def month_label(month: str) -> str:
    """"2025-12" → "2025年12月"."""
    return f"{month[:4]}年{int(month[5:7])}月"


def add_months(month: str, n: int) -> str:
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` inclusive ("2025-01", "2025-03" → three months)."""
    start = int(first[:4]) * 12 + int(first[5:7]) - 1
    stop = int(last[:4]) * 12 + int(last[5:7]) - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(start, stop + 1)]


def month_end(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{month[:7]}-{calendar.monthrange(year, number)[1]:02d}"


def quarter_months(quarter: str) -> list[str]:
    """"2025Q3" → ["2025-07", "2025-08", "2025-09"]."""
    year, q = int(quarter[:4]), int(quarter[5])
    return [f"{year}-{m:02d}" for m in range(3 * q - 2, 3 * q + 1)]


def unpaid_run(due: list[str], paid: set[str], through: str, since: str = "") -> int:
    """The longest run of consecutive due-and-unpaid months ending on or before `through`, of
    those that reach `since` or later ('YYYY-MM'; a run over before it belongs to an earlier
    period). A month in which the member was not due (not yet joined, transferred away) ends a
    run."""
    longest = run = 0
    previous = None
    for month in sorted(due):
        if month > through:
            break
        index = int(month[:4]) * 12 + int(month[5:7])
        if month in paid or (previous is not None and index != previous + 1):
            run = 0
        if month not in paid:
            run += 1
        if month >= since:
            longest = max(longest, run)
        previous = index
    return longest
