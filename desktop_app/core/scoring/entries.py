"""What the branch types into the 先锋指数: entered items and deductions (each with its reason),
red lines crossed, and exemptions decided by the 党员大会. Every write goes through the store, so
each one is in the audit log; a wrong entry is withdrawn with a reason, never silently edited."""
from __future__ import annotations

from desktop_app.core import members
from desktop_app.core.dates import parse_date
from desktop_app.core.meetings.kinds import BRANCH_MEETING
from desktop_app.core.rules.engine import profile_for
from desktop_app.core.scoring.pioneer import PioneerError, half_year, sheet_of
from desktop_app.core.scoring.sheet import ENTERED
from desktop_app.core.store import Store


def add_entry(store: Store, org_id: int, member_id: int, period: str, item_id: str,
              points: float, reason: str, on_date: str) -> int:
    """An entered addition or deduction (`points` as a positive number: the item says which),
    or a red line crossed (`points` 0). The reason is required and shown on the board."""
    code, span = half_year(period)
    sheet = sheet_of(profile_for(store, org_id))
    name = _member_in(store, org_id, member_id, span)
    reason = (reason or "").strip()
    on_date = _date(on_date)
    red_ids = {r.id for r in sheet.red_lines}
    if item_id in red_ids:
        what = f"红线“{sheet.red_line(item_id).title}”"
        if not reason:
            raise PioneerError(f"{name}：记录{what}须写明事实和原因")
        points = 0
    else:
        try:
            item = sheet.item(item_id)
        except KeyError:
            raise PioneerError(f"考评表中没有代码为 {item_id} 的项目") from None
        if item.source != ENTERED:
            raise PioneerError(f"“{item.title}”由账本自动计分，不能手工录入")
        verb = "扣分" if item.sign < 0 else "加分"
        if not reason:
            raise PioneerError(f"{name}：“{item.title}”{verb}须填写原因")
        points = abs(float(points))
        if not item.entry_min <= points <= item.entry_max or points == 0:
            raise PioneerError(f"{name}：“{item.title}”每次{verb}应在 "
                               f"{max(item.entry_min, 0):g}～{item.entry_max:g} 分之间，现为 {points:g}")
        used = sum(abs(r["points"]) for r in store.query(
            "SELECT points FROM pioneer_entries WHERE org_id = ? AND member_id = ? AND period = ? "
            "AND item_id = ?", [org_id, member_id, code, item_id]))
        if used + points > item.cap:
            raise PioneerError(f"{name}：“{item.title}”本半年最多{verb}{item.cap:g}分，"
                               f"已录入{used:g}分，本次{points:g}分超出上限")
        points *= item.sign
    return store.insert("pioneer_entries", {
        "org_id": org_id, "member_id": member_id, "period": code, "item_id": item_id,
        "points": points, "reason": reason, "on_date": on_date})


def withdraw_entry(store: Store, entry_id: int, reason: str) -> None:
    """Take back an entry typed in error; the reason goes to the audit log."""
    if not (reason or "").strip():
        raise PioneerError("撤销录入须填写原因")
    store.delete("pioneer_entries", entry_id, reason=reason.strip())


def exempt(store: Store, org_id: int, member_id: int, period: str, reason: str, decision: str,
           decided_on: str, meeting_id: int | None = None) -> int:
    """免评: a member over the profile's age or unable to take part, by decision of the 党员大会
    (`decision` in words; `meeting_id` the 支部党员大会 record, when it is in the ledger)."""
    code, span = half_year(period)
    sheet = sheet_of(profile_for(store, org_id))
    name = _member_in(store, org_id, member_id, span)
    reason, decision = (reason or "").strip(), (decision or "").strip()
    if not reason:
        limit = f"（年满{sheet.exempt_age}周岁或因病等不能参加）" if sheet.exempt_age else ""
        raise PioneerError(f"{name}：免评须写明原因{limit}")
    if not decision:
        raise PioneerError(f"{name}：免评须经党员大会决定，请填写决定（如“2025年6月20日支部党员大会决定”）")
    if meeting_id is not None:
        meeting = store.query_one("SELECT kind, held_on FROM meetings WHERE id = ? "
                                  "AND deleted_at IS NULL", [meeting_id])
        if meeting is None or meeting["kind"] != BRANCH_MEETING:
            raise PioneerError(f"{name}：免评决定应出自支部党员大会的会议记录")
    if store.query_one("SELECT id FROM pioneer_exemptions WHERE org_id = ? AND member_id = ? "
                       "AND period = ?", [org_id, member_id, code]):
        raise PioneerError(f"{name} {span.label}已免评")
    return store.insert("pioneer_exemptions", {
        "org_id": org_id, "member_id": member_id, "period": code, "reason": reason,
        "decision": decision, "meeting_id": meeting_id, "decided_on": _date(decided_on)})


def _member_in(store: Store, org_id: int, member_id: int, span) -> str:
    name = members.get(store, member_id).name
    if not members.days_belonged(store, member_id, org_id, span.start, span.end):
        raise PioneerError(f"{name} {span.label}不在本组织，不参加本组织的先锋指数考评")
    return name


def _date(text: str) -> str:
    try:
        value = parse_date(text)
    except ValueError as exc:
        raise PioneerError(f"日期无法识别：{text}（可写作 2025-06-20）") from exc
    if value is None:
        raise PioneerError("须填写日期")
    return value
