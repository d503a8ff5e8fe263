"""撤销变动: take back a member's latest lifecycle event, typed in error (a 转出 on the wrong
person, a 流动外出 on the wrong date), with everything the event changed.

Only the latest event can be taken back, so nothing recorded after it rests on it. What the event
changed is read from the audit chain (the `members` row's values before the event, the
memberships it ended or started), so the member comes back exactly as before. The event, the
undoing and the reason all stay in the audit log.
"""
from __future__ import annotations

import json
from datetime import date, timedelta

from desktop_app.core import members
from desktop_app.core.member_events import EventError
from desktop_app.core.members import LEAVING_EVENTS
from desktop_app.core.store import Store

RESTORED = ("status", "is_mobile", "confirmed_on")


def latest_event(store: Store, member_id: int) -> dict | None:
    """The member's latest event row (by date, then entry order), or None."""
    return store.query_one("SELECT * FROM member_events WHERE member_id = ? "
                           "ORDER BY on_date DESC, id DESC LIMIT 1", [member_id])


def withdraw_latest(store: Store, member_id: int, reason: str) -> str:
    """Take back the member's latest event; returns what was taken back, e.g. "2026-03-01 转出".
    Raises EventError without a reason or an event, StoreError inside a sealed period."""
    reason = (reason or "").strip()
    if not reason:
        raise EventError("撤销变动须填写原因")
    event = latest_event(store, member_id)
    if event is None:
        raise EventError(f"{members.get(store, member_id).name} 没有可撤销的变动")
    kind, on_date = event["kind"], event["on_date"]
    with store.transaction():
        before = _member_before(store, event["id"], member_id) if kind not in (
            "调整组织", "在职党员报到") else None
        if kind in LEAVING_EVENTS:
            _reopen(store, member_id, on_date, reason)
        elif kind in ("转入", "调整组织"):
            _drop_stay(store, member_id, event["org_id"], on_date, reason)
            if kind == "调整组织":
                day_before = (date.fromisoformat(on_date) - timedelta(days=1)).isoformat()
                _reopen(store, member_id, day_before, reason)
        if before:
            store.update("members", member_id, {k: before[k] for k in RESTORED}, reason=reason)
        store.delete("member_events", event["id"], reason=reason)
    return f"{on_date} {kind}"


def _reopen(store: Store, member_id: int, end_on: str, reason: str) -> None:
    """The member's memberships the event ended on `end_on` run on again."""
    for row in store.query("SELECT id FROM memberships WHERE member_id = ? AND end_on = ?",
                           [member_id, end_on]):
        store.update("memberships", row["id"], {"end_on": None}, reason=reason)


def _drop_stay(store: Store, member_id: int, org_id: int, start_on: str, reason: str) -> None:
    stay = store.query_one("SELECT id FROM memberships WHERE member_id = ? AND org_id = ? "
                           "AND start_on = ? AND end_on IS NULL", [member_id, org_id, start_on])
    others = store.query_one("SELECT count(*) AS n FROM memberships WHERE member_id = ? AND id != ?",
                             [member_id, stay["id"] if stay else 0])["n"]
    if stay is None or not others:
        raise EventError("这次变动是该党员在本账本中唯一的组织关系，不能撤销；"
                         "如是误录的党员，请在花名册中更正")
    store.delete("memberships", stay["id"], reason=reason)


def _member_before(store: Store, event_id: int, member_id: int) -> dict | None:
    """The member row as it was before the event's own update, from the audit entries written
    right after the event in the same transaction (None when the event changed no field)."""
    start = store.query_one("SELECT id, ts FROM audit_log WHERE table_name = 'member_events' "
                            "AND row_id = ? AND action = 'insert'", [event_id])
    if start is None:
        return None
    stays = {r["id"] for r in store.query("SELECT id FROM memberships WHERE member_id = ?",
                                          [member_id])}
    for entry in store.query("SELECT table_name, row_id, action, before FROM audit_log "
                             "WHERE id > ? AND ts = ? ORDER BY id LIMIT 20",
                             [start["id"], start["ts"]]):
        if entry["table_name"] == "members" and entry["row_id"] == member_id:
            return json.loads(entry["before"]) if entry["action"] == "update" else None
        if entry["table_name"] != "memberships" or entry["row_id"] not in stays:
            return None
    return None
