"""Calendar windows a requirement is counted in (month, two months, quarter, half year, year),
and how a window's result becomes a status."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from functools import lru_cache
from datetime import date

from desktop_app.core.rules.findings import DUE_SOON, MET, MISSING, OVERDUE

CADENCE_MONTHS = {"month": 1, "two_months": 2, "quarter": 3, "half_year": 6, "year": 12}


@dataclass(frozen=True)
class Window:
    start: str
    end: str
    label: str
    length: int | None = None   # the calendar window's days when `start` was moved to a 启用日期

    @property
    def days(self) -> int:
        """The calendar window's length: yearly quotas are pro-rated against it."""
        return self.length or (date.fromisoformat(self.end) - date.fromisoformat(self.start)).days + 1

    def from_day(self, day: str | None) -> "Window":
        """The part of the window from `day` (a 启用日期) on; itself when it starts later."""
        if not day or day <= self.start:
            return self
        since = f"（{int(day[5:7])}月{int(day[8:])}日起）"
        return Window(day, self.end, self.label + since, self.days)


@lru_cache(maxsize=256)
def windows(every: str, start: str, end: str) -> tuple[Window, ...]:
    """The calendar-aligned windows of this cadence that overlap [start, end]."""
    step = CADENCE_MONTHS[every]
    result = []
    for year in range(int(start[:4]), int(end[:4]) + 1):
        for first in range(1, 13, step):
            last = first + step - 1
            window = Window(f"{year}-{first:02d}-01",
                            f"{year}-{last:02d}-{calendar.monthrange(year, last)[1]:02d}",
                            _label(year, first, step))
            if window.start <= end and window.end >= start:
                result.append(window)
    return tuple(result)


def _label(year: int, first: int, step: int) -> str:
    if step == 12:
        return f"{year}年"
    if step == 6:
        return f"{year}年{'上' if first == 1 else '下'}半年"
    if step == 3:
        return f"{year}年第{'一二三四'[first // 3]}季度"
    if step == 2:
        return f"{year}年{first}–{first + 1}月"
    return f"{year}年{first}月"


def judge(met: bool, some: bool, deadline: str, today: str) -> str:
    """达标; 即将到期 while time remains; after the deadline 逾期, or 缺失 if nothing at all."""
    if met:
        return MET
    if deadline >= today:
        return DUE_SOON
    return OVERDUE if some else MISSING


def overall(statuses: list[str]) -> str:
    """One status for a rule over several windows, the same word whatever period was asked: a
    window with nothing at all after its deadline is 缺失 (in the year's check as in the quarter's),
    one with too little is 逾期, then 即将到期, then 达标."""
    for status in (MISSING, OVERDUE, DUE_SOON):
        if status in statuses:
            return status
    return MET
