"""The member roster (党员花名册): people, their party record, and membership over time.

A member belongs to a branch or 党小组 over date ranges, so "who should have attended on date D"
(`expected_on`) is answered from the record, never typed again.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter
from typing import NamedTuple

from desktop_app.core import orgs, phones
from desktop_app.core.dates import parse_date
from desktop_app.core.idcard import IdNumberError, birth_date_of, normalise_id_number, sex_of
from desktop_app.core.store import Store, StoreError

CATEGORIES = ("正式党员", "预备党员")
STATUSES = ("在册", "转出", "去世", "停止党籍", "出党")
# Events that end a member's belonging to the organisation, and the status they leave behind.
LEAVING_EVENTS = {"转出": "转出", "去世": "去世", "停止党籍": "停止党籍", "出党": "出党"}
EVENT_KINDS = ("转入", "转正", *LEAVING_EVENTS, "流动外出", "流动返回", "在职党员报到", "调整组织")
# 预备期 is one year (党章 第七条); a 预备党员 older than this is asked about, never assumed.
PROBATION_DAYS = 365

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
        return category_of(self.joined_on, self.confirmed_on, on_date)


def category_of(joined_on: str | None, confirmed_on: str | None, on_date: str) -> str | None:
    """正式党员 from 转正 on, 预备党员 between 入党 and 转正, None before joining."""
    if joined_on and on_date < joined_on:
        return None
    if confirmed_on and on_date >= confirmed_on:
        return "正式党员"
    return "预备党员" if joined_on else "正式党员"


def initials(name: str) -> str:
    """Pinyin initials, lower case, surname read as a surname: 张三 → 'zs', 曾洋 → 'zy'."""
    from desktop_app.core import pinyin_keys
    return pinyin_keys.initials(name)


def validate(member: Member) -> list[tuple[str, str]]:
    """(field, reason) for every problem; empty when the member may be saved. Dates, the ID
    number and the phone are put in their normal form on the way."""
    problems = []
    if not member.name or not member.name.strip():
        problems.append(("name", "姓名不能为空"))
    if member.phone:
        member.phone = phones.normal(member.phone)
    for name in DATE_FIELDS:
        try:
            setattr(member, name, parse_date(getattr(member, name)))
        except ValueError as exc:
            problems.append((name, str(exc)))
    try:
        member.id_number = normalise_id_number(member.id_number)
    except IdNumberError as exc:
        problems.append(("id_number", str(exc)))
    else:
        problems += _fill_from_id(member)
    return problems + cross_checks(member)


def cross_checks(member: Member) -> list[tuple[str, str]]:
    """What `validate` checks once each field is in normal form (dates ISO, the ID number
    normalised and agreeing with birth date and sex): the rules across fields. A roster import
    reads each cell into that form as it checks it (`roster.rows.read_row`), so its plan asks
    only these rather than parse every date and ID number a second time."""
    problems = []
    if member.joined_on and member.confirmed_on and member.confirmed_on < member.joined_on:
        problems.append(("confirmed_on", "转正日期不能早于入党日期"))
    if member.birth_date and member.joined_on and member.joined_on <= member.birth_date:
        problems.append(("joined_on", "入党日期不能早于出生日期"))
    if member.phone and phones.problem(member.phone):
        problems.append(("phone", phones.HINT))
    return problems


def _fill_from_id(member: Member) -> list[tuple[str, str]]:
    """Birth date and sex come from a valid ID number when blank; a typed value that differs is
    a problem naming both."""
    if not member.id_number:
        return []
    problems = []
    born, sex = birth_date_of(member.id_number), sex_of(member.id_number)
    if not member.birth_date:
        member.birth_date = born
    elif member.birth_date != born:
        problems.append(("birth_date", f"与身份证号中的出生日期 {born} 不一致"))
    if not member.gender:
        member.gender = sex
    elif member.gender != sex:
        problems.append(("gender", f"与身份证号（第 17 位表示{sex}）不一致"))
    return problems


def probation_question(member: Member, on_date: str) -> str | None:
    """The question to ask when a member without 转正日期 joined more than a year before
    `on_date` (most such members are 正式 and the date was left out); None when nothing to ask."""
    if member.confirmed_on or not member.joined_on:
        return None
    if (date.fromisoformat(on_date) - date.fromisoformat(member.joined_on)).days <= PROBATION_DAYS:
        return None
    return (f"{member.name} 的入党日期 {member.joined_on} 已超过一年，但没有填写转正日期。"
            f"如已转正，请填写转正日期；如确为预备党员（如延长预备期），请说明仍为预备党员。")


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


def add(store: Store, member: Member, org_id: int, since: str | None = None,
        transfer_from: str | None = None) -> int:
    """Add a member to the roster and to an organisation from `since` (default: 入党日期).
    `transfer_from` names the organisation a member transferred in from (a 转入 event on `since`)."""
    _check(store, member)
    start = parse_date(since) if since else member.joined_on
    if not start:
        raise StoreError("请填写入党日期或加入本组织的日期")
    if transfer_from is not None and not transfer_from.strip():
        raise StoreError("转入须填写原所在党组织")
    with store.transaction():
        member.id = store.insert("members", _row(member))
        store.insert("memberships", {"member_id": member.id, "org_id": org_id, "start_on": start})
        if transfer_from:
            store.insert("member_events", {"member_id": member.id, "kind": "转入",
                                           "on_date": start, "org_id": org_id,
                                           "counterpart": transfer_from.strip()})
    return member.id


def save(store: Store, member: Member) -> None:
    _check(store, member)
    store.update("members", member.id, _row(member))


def get(store: Store, member_id: int) -> Member:
    return _from_row(store.get("members", member_id))


def in_roster_order(store: Store, member_ids) -> list[Member]:
    """The members with these ids, in roster order: by the pinyin initials stored with each name
    (no pinyin dictionary to load), then the name."""
    ids = list(member_ids)
    rows = store.query(f"SELECT * FROM members WHERE id IN ({','.join('?' for _ in ids)}) "
                       f"ORDER BY name_initials, name", ids)
    return [_from_row(r) for r in rows]


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


def move(store: Store, member_id: int, to_org_id: int, on_date: str,
         reason: str | None = None) -> None:
    """Move a member to another branch or 党小组 from `on_date` (the old range ends the day
    before); the move is kept in the member's history as 调整组织."""
    try:
        on_date = parse_date(on_date)
    except ValueError as exc:
        raise StoreError(f"调整组织日期：{exc}") from None
    if not on_date:
        raise StoreError("请填写调整组织的日期")
    day_before = (date.fromisoformat(on_date) - timedelta(days=1)).isoformat()
    open_rows = store.query("SELECT id, start_on, org_id FROM memberships WHERE member_id = ? "
                            "AND end_on IS NULL", [member_id])
    if any(row["start_on"] > on_date for row in open_rows):
        raise StoreError(f"{_name(store, member_id)} 调整组织的日期 {on_date} 早于其加入现组织的日期")
    if any(row["org_id"] == to_org_id for row in open_rows):
        raise StoreError(f"{_name(store, member_id)} 已在{orgs.get(store, to_org_id).name}")
    with store.transaction():
        for row in open_rows:
            store.update("memberships", row["id"], {"end_on": max(day_before, row["start_on"])},
                         reason=reason)
        store.insert("memberships", {"member_id": member_id, "org_id": to_org_id,
                                     "start_on": on_date}, reason=reason)
        store.insert("member_events", {"member_id": member_id, "kind": "调整组织",
                                       "on_date": on_date, "org_id": to_org_id}, reason=reason)


def record_event(store: Store, member_id: int, kind: str, on_date: str, *, place: str | None = None,
                 reason: str | None = None, contact: str | None = None, notes: str | None = None,
                 to_org_id: int | None = None, counterpart: str | None = None,
                 reported_on: str | None = None, meeting_id: int | None = None,
                 correction: str | None = None) -> int:
    """Record a status change (see `member_events.check` for what each kind needs).

    Leaving events end membership on `on_date` (the last day the member counts, so a meeting that
    day still expects them); 转入 starts membership in `to_org_id` on `on_date`; 转正 sets the
    转正日期 (and names the 支部党员大会 that decided it); 流动外出/返回 set the mobile flag.
    `correction` is the 更正原因 for a date inside a sealed period."""
    from desktop_app.core import member_events
    try:
        on_date, reported_on = parse_date(on_date), parse_date(reported_on)
    except ValueError as exc:
        raise StoreError(f"{kind}：{exc}") from None
    member = get(store, member_id)
    member_events.check(store, member, kind, on_date, to_org_id=to_org_id, place=place,
                        meeting_id=meeting_id)
    with store.transaction():
        event_id = store.insert("member_events", {
            "member_id": member_id, "kind": kind, "on_date": on_date, "place": place,
            "reason": reason, "contact": contact, "notes": notes, "org_id": to_org_id,
            "counterpart": counterpart, "reported_on": reported_on, "meeting_id": meeting_id},
            reason=correction)
        if kind in LEAVING_EVENTS:
            for row in store.query("SELECT id, start_on FROM memberships WHERE member_id = ? "
                                   "AND end_on IS NULL", [member_id]):
                store.update("memberships", row["id"], {"end_on": on_date}, reason=correction)
            store.update("members", member_id, {"status": LEAVING_EVENTS[kind], "is_mobile": 0},
                         reason=correction)
        elif kind == "转入":
            store.update("members", member_id, {"status": "在册"}, reason=correction)
            store.insert("memberships", {"member_id": member_id, "org_id": to_org_id,
                                         "start_on": on_date}, reason=correction)
        elif kind == "转正":
            store.update("members", member_id, {"confirmed_on": on_date}, reason=correction)
        elif kind in ("流动外出", "流动返回"):
            store.update("members", member_id, {"is_mobile": int(kind == "流动外出")},
                         reason=correction)
    return event_id


def _name(store: Store, member_id: int) -> str:
    row = store.query_one("SELECT name FROM members WHERE id = ?", [member_id])
    return row["name"] if row else f"第 {member_id} 号党员"


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


class RosterRow(NamedTuple):
    """One line of the roster: the member plus where they are now."""
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


class RosterLine(NamedTuple):
    """A roster line as read, before anything is worked out from it (category, organisation
    name): the roster page holds 3,000 of these and formats only the cells it paints."""
    id: int
    name: str
    name_initials: str
    gender: str | None
    birth_date: str | None
    joined_on: str | None
    confirmed_on: str | None
    status: str
    phone: str | None
    is_mobile: int
    org_id: int | None      # the organisation on the day asked (the stay begun last by then)


_LINE_SQL = ("SELECT id, name, name_initials, gender, birth_date, joined_on, confirmed_on, status, "
             "phone, is_mobile FROM members ")
_BY_INITIALS = attrgetter("name_initials", "name")


def roster_lines(store: Store, on_date: str, member_id: int | None = None) -> list[tuple]:
    """Everyone ever on the roster (or one member), unsorted, as plain tuples in RosterLine's
    order. Two plain reads joined here: one query with a per-member subquery for the stay took
    a third longer at 3,000 members; each line is made as its row is read."""
    one = "" if member_id is None else f"AND member_id = {int(member_id)} "
    org_of = dict(store.tuples(           # later stays overwrite earlier ones: the last begun
        f"SELECT member_id, org_id FROM memberships WHERE start_on <= ? {one}"
        f"ORDER BY start_on, id", [on_date]))
    return store.tuples(_LINE_SQL + ("" if member_id is None else "WHERE id = ?"),
                        [] if member_id is None else [member_id],
                        each=lambda row: row + (org_of.get(row[0]),))


def org_names(store: Store) -> dict[int, str]:
    """Every organisation's name by id: a roster line carries only the id."""
    return dict(store.tuples("SELECT id, name FROM organisations"))


def as_row(line: tuple, names: dict[int, str], on_date: str) -> RosterRow:
    """A RosterLine worked out: its category on `on_date` and its organisation's name."""
    (id_, name, initials_, gender, born, joined, confirmed, status, phone, mobile,
     org_id) = line
    return RosterRow(id_, name, initials_, gender, born, joined,
                     category_of(joined, confirmed, on_date) or "—", status, names.get(org_id),
                     org_id, phone, bool(mobile))


def roster(store: Store, on_date: str) -> list[RosterRow]:
    """Everyone ever on the roster, by initials then name, with their organisation on
    `on_date` (None before their first)."""
    names = org_names(store)
    rows = [as_row(line, names, on_date) for line in roster_lines(store, on_date)]
    rows.sort(key=_BY_INITIALS)
    return rows


def by_name(store: Store, text: str) -> Member:
    """The one member called `text` (or "#12" for member 12); a worded error when there is none
    or several (then the ids tell them apart)."""
    text = (text or "").strip()
    if text.startswith("#") and text[1:].isdigit():
        row = store.query_one("SELECT * FROM members WHERE id = ?", [int(text[1:])])
        rows = [row] if row else []
    else:
        rows = store.query("SELECT * FROM members WHERE name = ? ORDER BY id", [text])
    if not rows:
        raise StoreError(f"花名册中没有党员“{text}”")
    if len(rows) > 1:
        which = "、".join(f"#{r['id']}（{r['birth_date'] or '出生日期未填'}，{r['status']}）"
                         for r in rows)
        raise StoreError(f"花名册中有 {len(rows)} 名党员叫“{text}”：{which}；请用 #编号 指明")
    return _from_row(rows[0])
