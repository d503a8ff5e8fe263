"""Calendar months as "YYYY-MM" strings, and runs of unpaid months."""
from __future__ import annotations

import calendar


def add_months(month: str, n: int) -> str:
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` inclusive ("2025-01", "2025-03" → three months)."""
    result, month = [], first[:7]
    while month <= last[:7]:
        result.append(month)
        month = add_months(month, 1)
    return result


def month_end(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{month[:7]}-{calendar.monthrange(year, number)[1]:02d}"


def quarter_months(quarter: str) -> list[str]:
    """"2025Q3" → ["2025-07", "2025-08", "2025-09"]."""
    year, q = int(quarter[:4]), int(quarter[5])
    return [f"{year}-{m:02d}" for m in range(3 * q - 2, 3 * q + 1)]


def unpaid_run(due: list[str], paid: set[str], through: str) -> int:
    """The longest run of consecutive due-and-unpaid months ending on or before `through`.
    A month in which the member was not due (not yet joined, transferred away) ends a run."""
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
        longest = max(longest, run)
        previous = index
    return longest
