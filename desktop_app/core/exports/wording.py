"""How dates and times read on paper: 2025年3月5日（星期三）, 14:30—16:00."""
from __future__ import annotations

from datetime import date

WEEKDAYS = "一二三四五六日"


def chinese_date(iso: str | None, *, weekday: bool = False) -> str:
    if not iso:
        return ""
    day = date.fromisoformat(iso)
    text = f"{day.year}年{day.month}月{day.day}日"
    return f"{text}（星期{WEEKDAYS[day.weekday()]}）" if weekday else text


def month_day(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.month}月{day.day}日"


def time_range(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start}—{end}"
    return start or ""
