"""The member roster (党员花名册): people, their party record, and membership over time.

A member belongs to a branch or 党小组 over date ranges, so "who should have attended on date D"
(`expected_on`) is answered from the record, never typed again.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.core import orgs
from desktop_app.core.dates import parse_date
from desktop_app.core.idcard import IdNumberError, normalise_id_number
from desktop_app.core.store import Store, StoreError

CATEGORIES = ("正式党员", "预备党员")
STATUSES = ("在册", "转出", "去世", "停止党籍", "出党")
# Events that end a member's belonging to the organisation, and the status they leave behind.
LEAVING_EVENTS = {"转出": "转出", "去世": "去世", "停止党籍": "停止党籍", "出党": "出党"}
EVENT_KINDS = ("转入", "转正", *LEAVING_EVENTS, "流动外出", "流动返回", "在职党员报到")

PERSON_FIELDS = ("name", "gender", "ethnicity", "birth_date", "education", "id_number", "phone",
                 "address", "workplace", "position", "joined_on", "confirmed_on", "notes")
FIELD_LABELS = {
    "name": "姓名", "gender": "性别", "ethnicity": "民族", "birth_date": "出生日期",
    "education": "学历", "id_number": "身份证号", "phone": "联系电话", "address": "住址",
    "workplace": "工作单位", "position": "职务", "joined_on": "入党日期",
    "confirmed_on": "转正日期", "notes": "备注", "category": "人员类别",
}
DATE_FIELDS = ("birth_date", "joined_on", "confirmed_on")


@dataclass
class Member:
    name: str
    gender: str | None = None
    ethnicity: str | None = None
    birth_date: str | None = None
    education: str | None = None
    id_number: str | None = None
    phone: str | None = None
    address: str | None = None
    workplace: str | None = None
    position: str | None = None
    joined_on: str | None = None
    confirmed_on: str | None = None
    notes: str | None = None
    id: int | None = None
    status: str = "在册"
    is_mobile: bool = False

    def category_on(self, on_date: str) -> str | None:
        """正式党员 from 转正 on, 预备党员 between 入党 and 转正, None before joining."""
        if self.joined_on and on_date < self.joined_on:
            return None
        if self.confirmed_on and on_date >= self.confirmed_on:
            return "正式党员"
        return "预备党员" if self.joined_on else "正式党员"


def initials(name: str) -> str:
    """Pinyin initials, lower case, surname read as a surname: 张三 → 'zs', 曾洋 → 'zy'."""
    from desktop_app.core import pinyin_keys
    return pinyin_keys.initials(name)


def validate(member: Member) -> list[tuple[str, str]]:
    """(field, reason) for every problem; empty when the member may be saved."""
    problems = []
    if not member.name or not member.name.strip():
        problems.append(("name", "姓名不能为空"))
    for name in DATE_FIELDS:
        try:
            setattr(member, name, parse_date(getattr(member, name)))
        except ValueError as exc:
            problems.append((name, str(exc)))
    try:
        member.id_number = normalise_id_number(member.id_number)
    except IdNumberError as exc:
        problems.append(("id_number", str(exc)))
    if member.joined_on and member.confirmed_on and member.confirmed_on < member.joined_on:
        problems.append(("confirmed_on", "转正日期不能早于入党日期"))
    if member.birth_date and member.joined_on and member.joined_on <= member.birth_date:
        problems.append(("joined_on", "入党日期不能早于出生日期"))
    if member.phone and not member.phone.replace("-", "").replace(" ", "").isdigit():
        problems.append(("phone", "联系电话只能包含数字和“-”"))
    return problems


def _row(member: Member) -> dict:
    row = {name: getattr(member, name) for name in PERSON_FIELDS}
    row["name"] = member.name.strip()
    row["name_initials"] = initials(row["name"])
    return row


def _check(store: Store, member: Member) -> None:
    problems = validate(member)
    if member.id_number:
        holder = store.query_one("SELECT id, name FROM members WHERE id_number = ? AND id IS NOT ?",
                                 [member.id_number, member.id])
        if holder:
            problems.append(("id_number", f"该身份证号已登记在{holder['name']}名下"))
    if problems:
        raise StoreError("；".join(f"{FIELD_LABELS[f]}：{r}" for f, r in problems))


def add(store: Store, member: Member, org_id: int, since: str | None = None) -> int:
    """Add a member to the roster and to an organisation from `since` (default: 入党日期)."""
    _check(store, member)
    start = since or member.joined_on
    if not start:
        raise StoreError("请填写入党日期或加入本组织的日期")
    with store.transaction():
        member.id = store.insert("members", _row(member))
        store.insert("memberships", {"member_id": member.id, "org_id": org_id, "start_on": start})
    return member.id


def save(store: Store, member: Member) -> None:
    _check(store, member)
    store.update("members", member.id, _row(member))


def get(store: Store, member_id: int) -> Member:
    return _from_row(store.get("members", member_id))


def _from_row(row: dict) -> Member:
    member = Member(**{name: row[name] for name in PERSON_FIELDS})
    member.id = row["id"]
    member.status = row["status"]
    member.is_mobile = bool(row["is_mobile"])
    return member


def current_org_id(store: Store, member_id: int, on_date: str) -> int | None:
    row = store.query_one(
        "SELECT org_id FROM memberships WHERE member_id = ? AND start_on <= ? "
        "AND (end_on IS NULL OR end_on >= ?) ORDER BY start_on DESC LIMIT 1",
        [member_id, on_date, on_date])
    return row["org_id"] if row else None


def move(store: Store, member_id: int, to_org_id: int, on_date: str) -> None:
    """Move a member to another branch or 党小组 from `on_date` (the old range ends the day before)."""
    day_before = (date.fromisoformat(on_date) - timedelta(days=1)).isoformat()
    with store.transaction():
        for row in store.query("SELECT id, start_on FROM memberships WHERE member_id = ? "
                               "AND end_on IS NULL", [member_id]):
            store.update("memberships", row["id"], {"end_on": max(day_before, row["start_on"])})
        store.insert("memberships", {"member_id": member_id, "org_id": to_org_id,
                                     "start_on": on_date})


def record_event(store: Store, member_id: int, kind: str, on_date: str, *, place: str | None = None,
                 reason: str | None = None, contact: str | None = None, notes: str | None = None,
                 to_org_id: int | None = None) -> int:
    """Record a status change. Leaving events end membership; 转正 sets the 转正日期;
    流动外出/返回 set the mobile flag; 转入 starts membership in `to_org_id`."""
    if kind not in EVENT_KINDS:
        raise StoreError(f"未知的党员变动类型：{kind}")
    on_date = parse_date(on_date)
    with store.transaction():
        event_id = store.insert("member_events", {
            "member_id": member_id, "kind": kind, "on_date": on_date, "place": place,
            "reason": reason, "contact": contact, "notes": notes})
        if kind in LEAVING_EVENTS:
            for row in store.query("SELECT id, start_on FROM memberships WHERE member_id = ? "
                                   "AND end_on IS NULL", [member_id]):
                store.update("memberships", row["id"], {"end_on": max(on_date, row["start_on"])})
            store.update("members", member_id, {"status": LEAVING_EVENTS[kind]})
        elif kind == "转入":
            if to_org_id is None:
                raise StoreError("转入需要指定转入的组织")
            store.update("members", member_id, {"status": "在册"})
            store.insert("memberships", {"member_id": member_id, "org_id": to_org_id,
                                         "start_on": on_date})
        elif kind == "转正":
            store.update("members", member_id, {"confirmed_on": on_date})
        elif kind in ("流动外出", "流动返回"):
            store.update("members", member_id, {"is_mobile": int(kind == "流动外出")})
    return event_id


def expected_on(store: Store, org_id: int, on_date: str) -> list[Member]:
    """应到: members of the organisation (and its 党小组) on that date, 正式 and 预备."""
    org_ids = orgs.subtree_ids(store, org_id)
    rows = store.query(
        f"SELECT DISTINCT m.* FROM members m JOIN memberships s ON s.member_id = m.id "
        f"WHERE s.org_id IN ({','.join('?' for _ in org_ids)}) AND s.start_on <= ? "
        f"AND (s.end_on IS NULL OR s.end_on >= ?) AND (m.joined_on IS NULL OR m.joined_on <= ?) "
        f"ORDER BY m.name_initials, m.name",
        [*org_ids, on_date, on_date, on_date])
    return [_from_row(r) for r in rows]


def days_belonged(store: Store, member_id: int, org_id: int, start: str, end: str) -> int:
    """How many days of [start, end] the member belonged to the organisation (pro-rating)."""
    org_ids = orgs.subtree_ids(store, org_id)
    total = 0
    for row in store.query(
            f"SELECT start_on, end_on FROM memberships WHERE member_id = ? "
            f"AND org_id IN ({','.join('?' for _ in org_ids)})", [member_id, *org_ids]):
        lo = max(start, row["start_on"])
        hi = min(end, row["end_on"] or end)
        if lo <= hi:
            total += (date.fromisoformat(hi) - date.fromisoformat(lo)).days + 1
    return total


@dataclass
class RosterRow:
    """One line of the roster page: the member plus where they are now."""
    id: int
    name: str
    name_initials: str
    gender: str | None
    birth_date: str | None
    joined_on: str | None
    category: str
    status: str
    org_name: str | None
    org_id: int | None
    phone: str | None
    is_mobile: bool


def roster(store: Store, on_date: str) -> list[RosterRow]:
    """Everyone ever on the roster, with their organisation on `on_date` (or their last one)."""
    rows = store.query(
        "SELECT m.*, o.name AS org_name, o.id AS org_id FROM members m "
        "LEFT JOIN memberships s ON s.id = (SELECT id FROM memberships WHERE member_id = m.id "
        "  AND start_on <= :d ORDER BY start_on DESC, id DESC LIMIT 1) "
        "LEFT JOIN organisations o ON o.id = s.org_id ORDER BY m.name_initials, m.name",
        {"d": on_date})
    result = []
    for r in rows:
        member = _from_row(r)
        result.append(RosterRow(
            r["id"], r["name"], r["name_initials"], r["gender"], r["birth_date"], r["joined_on"],
            member.category_on(on_date) or "—", r["status"], r["org_name"], r["org_id"], r["phone"],
            bool(r["is_mobile"])))
    return result
