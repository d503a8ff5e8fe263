"""班子 over time: who held which role (书记, 副书记, 委员 …, 党小组长) in which organisation, from
when to when. 支委会 应到 and the 56-学时 quota read it on a date (`orgs.committee_member_ids`).

A role is held by a member of that organisation (or of a 党小组 below it) on its start date; a
role one person holds at a time (书记, 组织委员 …) passes on: the previous holder's term ends the
day before. Dates inside a sealed period change only as a correction with a reason.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.core import members, orgs
from desktop_app.core.dates import DateFormatError, parse_date
from desktop_app.core.store import SealedPeriodError, Store, StoreError

ROLES = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员", "委员", "党小组长")
# Roles held by several people at once; every other role passes from one holder to the next.
SHARED_ROLES = ("副书记", "委员")


@dataclass(frozen=True)
class Term:
    """One person's term in one role: `end_on` None while it lasts."""
    id: int
    org_id: int
    member_id: int
    name: str
    role: str
    start_on: str
    end_on: str | None


def terms(store: Store, org_id: int, on_date: str | None = None) -> list[Term]:
    """The organisation's roles in role order: on `on_date` if given, otherwise every term ever."""
    sql = ("SELECT r.*, m.name FROM roles r JOIN members m ON m.id = r.member_id "
           "WHERE r.org_id = ?")
    params: list = [org_id]
    if on_date:
        sql += " AND r.start_on <= ? AND (r.end_on IS NULL OR r.end_on >= ?)"
        params += [on_date, on_date]
    rows = store.query(sql + " ORDER BY r.start_on, r.id", params)
    order = {role: i for i, role in enumerate(ROLES)}
    found = [Term(r["id"], r["org_id"], r["member_id"], r["name"], r["role"], r["start_on"],
                  r["end_on"]) for r in rows]
    return sorted(found, key=lambda t: (order.get(t.role, len(ROLES)), t.start_on, t.id))


def has_committee(store: Store, org_id: int, on_date: str) -> bool:
    """Whether anyone holds a 班子 role (书记 … 委员) in the organisation that day."""
    return bool(orgs.committee_member_ids(store, org_id, on_date))


def _day(value: str, label: str) -> str:
    try:
        parsed = parse_date(value)
    except DateFormatError as exc:
        raise StoreError(f"{label}：{exc}") from exc
    if parsed is None:
        raise StoreError(f"请填写{label}")
    return parsed


def _guard_sealed(store: Store, on_date: str, reason: str | None) -> None:
    sealed = store.sealed_through()
    if sealed and on_date <= sealed and not (reason or "").strip():
        raise SealedPeriodError(f"{sealed} 及以前的记录已封存，{on_date} 的任职变动只能作为更正，"
                                f"须填写更正原因")


def appoint(store: Store, org_id: int, member_id: int, role: str, start_on: str,
            reason: str | None = None) -> int:
    """Give `role` in `org_id` to a member from `start_on`; returns the new term's id."""
    org = orgs.get(store, org_id)
    start_on = _day(start_on, "任职日期")
    person = members.get(store, member_id)
    if role not in ROLES:
        raise StoreError(f"职务应为 {'、'.join(ROLES)} 之一，而不是“{role}”")
    if (role == "党小组长") != (org.kind == "党小组"):
        raise StoreError("党小组长只能在党小组中任命" if role == "党小组长"
                         else f"{org.name}是党小组，只设党小组长")
    if person.joined_on and person.joined_on > start_on:
        raise StoreError(f"{person.name} 的入党日期 {person.joined_on} 晚于任职日期 {start_on}")
    if members.days_belonged(store, member_id, org_id, start_on, start_on) == 0:
        raise StoreError(f"{person.name} 在 {start_on} 不是{org.name}的党员，不能担任{role}")
    _guard_sealed(store, start_on, reason)
    day_before = (date.fromisoformat(start_on) - timedelta(days=1)).isoformat()
    with store.transaction():
        for term in terms(store, org_id, start_on):
            if term.member_id == member_id and term.role == role:
                raise StoreError(f"{person.name} 在 {start_on} 已是{org.name}{role}")
            if term.role == role and role not in SHARED_ROLES:
                if term.start_on > day_before:
                    raise StoreError(f"{term.name} 自 {term.start_on} 起任{role}，"
                                     f"请先结束其任职或改用更晚的日期")
                store.update("roles", term.id, {"end_on": day_before}, reason=reason)
        return store.insert("roles", {"org_id": org_id, "member_id": member_id, "role": role,
                                      "start_on": start_on, "end_on": None}, reason=reason)


def end(store: Store, term_id: int, end_on: str, reason: str | None = None) -> None:
    """End a term on `end_on` (the last day held)."""
    term = store.get("roles", term_id)
    end_on = _day(end_on, "离任日期")
    if end_on < term["start_on"]:
        raise StoreError(f"离任日期 {end_on} 早于任职日期 {term['start_on']}")
    _guard_sealed(store, min(end_on, term["end_on"] or end_on), reason)
    store.update("roles", term_id, {"end_on": end_on}, reason=reason)


def find_term(store: Store, org_id: int, role: str, member_id: int, on_date: str) -> Term:
    for term in terms(store, org_id, on_date):
        if term.role == role and term.member_id == member_id:
            return term
    raise StoreError(f"{members.get(store, member_id).name} 在 {on_date} 未担任"
                     f"{orgs.get(store, org_id).name}{role}")
