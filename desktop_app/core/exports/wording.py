"""How things read on paper: 2025年3月5日（星期三）, 14:30—16:00, 示范社区党委第一党支部."""
from __future__ import annotations

from datetime import date

from desktop_app.core import orgs
from desktop_app.core.store import Store

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


def org_full_name(store: Store, org_id: int) -> str:
    """The name a printed title uses: 示范社区党委第一党支部, not just 第一党支部.

    Ancestors are prefixed up to the root, skipping a parent whose name the child already starts
    with (第一党支部第1党小组 is not preceded by 第一党支部 again)."""
    org = orgs.get(store, org_id)
    name = org.name
    while org.parent_id is not None:
        org = orgs.get(store, org.parent_id)
        if not name.startswith(org.name):
            name = org.name + name
    return name
