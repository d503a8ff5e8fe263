"""The disclosure list of an organisation: the `[disclosure]` items of its rule profile.

The list differs by place (Jiaxing's 14 items, Tongling's 承诺公示, the county's 评星公示), so it
is profile data; this module only answers questions about it: which items, which one is meant
by "6" or "jx18-06", and which calendar window a posting date falls in for the item's frequency.
"""
from __future__ import annotations

from datetime import date

from desktop_app.core import orgs, periods
from desktop_app.core.periods import Period
from desktop_app.core.rules.profile import DisclosureItem, load_profile
from desktop_app.core.store import Store, StoreError

FREQUENCIES = {"month": "每月", "quarter": "每季度", "half_year": "每半年", "year": "每年",
               "on_change": "随时"}
KINDS = {"from_ledger": "取自账本", "entered": "录入"}
REVIEWED_BOARD = "居务"      # the 居务监督委员会 reviews these before posting (#16, #18)


def items_for(store: Store, org_id: int) -> tuple[DisclosureItem, ...]:
    """The items the organisation must post, in the profile's order."""
    profile_id = orgs.profile_of(store, org_id)
    if profile_id is None:
        raise StoreError(f"组织“{orgs.get(store, org_id).name}”尚未选择规则档案，无法列出公开事项")
    disclosure = load_profile(profile_id).disclosure
    return disclosure.items if disclosure else ()


def find(store: Store, org_id: int, ref: str | int) -> DisclosureItem:
    """An item by its number on the list ("6") or its code ("jx18-06")."""
    found = items_for(store, org_id)
    for item in found:
        if str(ref) in (str(item.number), item.id):
            return item
    listed = "、".join(f"{i.number}.{i.title}" for i in found) or "（本档案没有公开事项）"
    raise StoreError(f"公开事项“{ref}”不在本组织的公开清单中。清单：{listed}")


def needs_review(item: DisclosureItem) -> bool:
    return item.board == REVIEWED_BOARD


def window(item: DisclosureItem, on: str) -> Period | None:
    """The calendar period containing `on` in which one posting suffices; None for 随时 items."""
    day = date.fromisoformat(on)
    if item.every == "month":
        return periods.month(day.year, day.month)
    if item.every == "quarter":
        return periods.quarter(day.year, (day.month - 1) // 3 + 1)
    if item.every == "half_year":
        return periods.half(day.year, 1 if day.month <= 6 else 2)
    if item.every == "year":
        return periods.year(day.year)
    return None
