"""What the exporters read from the ledger, always through the meetings core and the roster."""
from __future__ import annotations

from desktop_app.core import members
from desktop_app.core.meetings import records
from desktop_app.core.meetings.records import Meeting
from desktop_app.core.store import Store, StoreError


def meeting_for_print(store: Store, meeting_id: int) -> Meeting:
    """The record to print; a missing or recycled one is refused in words the secretary knows."""
    if store.query_one("SELECT id FROM meetings WHERE id = ?", [meeting_id]) is None:
        raise StoreError(f"找不到编号为 {meeting_id} 的会议记录")
    meeting = records.get(store, meeting_id)
    if meeting.is_deleted:
        raise StoreError(f"会议记录 {meeting_id}（{meeting.title}）已在回收站中，请先恢复再打印")
    return meeting


def member_name(store: Store, member_id: int | None) -> str | None:
    return members.get(store, member_id).name if member_id else None


def all_names(store: Store) -> dict[int, str]:
    """Every member's name by id, in one query: for printing many records at once."""
    return {r["id"]: r["name"] for r in store.query("SELECT id, name FROM members")}


def names_in_order(store: Store, expected: list[members.Member], extra_ids: list[int]) -> list[str]:
    """Expected members in roster order, then anyone else on the sheet (e.g. a 谈心谈话 partner)."""
    known = {m.id for m in expected}
    return [m.name for m in expected] + [members.get(store, i).name
                                         for i in extra_ids if i not in known]
