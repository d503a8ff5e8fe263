"""The text typed for an entered item (责任清单, 社区公约 …). An edit adds a version; the newest is
current, and a posting remembers the version it put up, so a later edit shows as 待更新."""
from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.dates import parse_date
from desktop_app.core.disclosure import privacy
from desktop_app.core.rules.profile import DisclosureItem
from desktop_app.core.store import Store, StoreError


@dataclass(frozen=True)
class ItemText:
    id: int
    written_on: str
    body: str


def current(store: Store, org_id: int, item_id: str, on: str = "9999-12-31") -> ItemText | None:
    """The newest version written on or before `on` (default: the newest of all)."""
    row = store.query_one("SELECT id, written_on, body FROM disclosure_texts WHERE org_id = ? "
                          "AND item_id = ? AND written_on <= ? ORDER BY id DESC LIMIT 1",
                          [org_id, item_id, on])
    return ItemText(**row) if row else None


def save(store: Store, org_id: int, item: DisclosureItem, body: str, on: str) -> ItemText:
    """Keep a new version of the item's text; unchanged text adds nothing."""
    if item.kind != "entered":
        raise StoreError(f"“{item.title}”的内容取自账本，无需录入")
    body = (body or "").strip()
    if not body:
        raise StoreError(f"“{item.title}”的内容不能为空")
    privacy.check([body], item.contacts, f"“{item.title}”的内容")
    on = parse_date(on)
    latest = current(store, org_id, item.id)
    if latest and latest.body == body:
        return latest
    new_id = store.insert("disclosure_texts", {"org_id": org_id, "item_id": item.id,
                                               "written_on": on, "body": body})
    return ItemText(new_id, on, body)
