"""Attendance: who should attend (应到) comes from the roster on the meeting's date; each expected
member is 出席 / 请假 (reason, approved by) / 缺席; 实到 and the rate are derived, never typed.

Absentees must be briefed afterwards (传达); those not yet briefed are open work. A member away
(流动党员, #31) on the meeting's date is excused with that reason without anyone typing it.
"""
from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core import member_events, members, orgs
from desktop_app.core.dates import DateFormatError, parse_date, today
from desktop_app.core.meetings import kinds
from desktop_app.core.members import Member
from desktop_app.core.store import Store, StoreError


class AttendanceError(StoreError):
    """Bad attendance or follow-up input, worded for the secretary."""


@dataclass
class Mark:
    member_id: int
    status: str = kinds.PRESENT
    leave_reason: str | None = None
    approved_by: str | None = None


@dataclass
class FollowUp:
    """传达: how an absentee learnt what the meeting decided."""
    method: str
    on_date: str
    by_whom: str
    notes: str | None = None


@dataclass(frozen=True)
class Summary:
    expected: int
    present: int
    on_leave: int
    absent: int
    unmarked: int
    guests: int

    @property
    def rate(self) -> float | None:
        """实到 / 应到, or None when nobody was expected."""
        return self.present / self.expected if self.expected else None

    @property
    def rate_text(self) -> str:
        return "—" if self.rate is None else f"{self.rate:.0%}"


@dataclass(frozen=True)
class OpenFollowUp:
    """An absentee of a held meeting who has not been briefed yet."""
    meeting_id: int
    held_on: str
    kind: str
    title: str
    member_id: int
    member_name: str
    status: str


def expected_members(store: Store, org_id: int, kind: str, on_date: str,
                     partner_ids: list[int] | None = None) -> list[Member]:
    """应到 for a meeting of `kind` held by `org_id` on `on_date`.

    A branch meeting expects the branch and its 党小组; a 党小组会 its group; a 支委会 the holders
    of committee roles that day; a 谈心谈话 the member talked with (`partner_ids`)."""
    audience = kinds.template(kind).audience
    if audience == kinds.COMMITTEE:
        return members.in_roster_order(store, orgs.committee_member_ids(store, org_id, on_date))
    if audience == kinds.ONE_MEMBER:
        return [members.get(store, i) for i in partner_ids or []]
    return members.expected_on(store, org_id, on_date)


def present_sheet(store: Store, org_id: int, kind: str, on_date: str) -> list[Mark]:
    """A sheet with every expected member 出席 (those away 请假): the secretary then marks only
    the exceptions."""
    sheet = [Mark(m.id, kinds.ABSENT) for m in expected_members(store, org_id, kind, on_date)]
    excused = excuse_away(store, on_date, sheet)
    return [m if m.status == kinds.ON_LEAVE else Mark(m.member_id) for m in excused]


def excuse_away(store: Store, on_date: str, sheet: list[Mark]) -> list[Mark]:
    """Marks of members away on `on_date` that say 缺席 (or 请假 without a reason) become 请假 with
    the 流动外出 reason; every other mark is returned as it is."""
    result = []
    for mark in sheet:
        event = None
        if mark.status == kinds.ABSENT or (mark.status == kinds.ON_LEAVE
                                           and not (mark.leave_reason or "").strip()):
            event = member_events.away_on(store, mark.member_id, on_date)
        result.append(mark if event is None else
                      Mark(mark.member_id, kinds.ON_LEAVE, member_events.away_reason(event),
                           mark.approved_by))
    return result


def marks(store: Store, meeting_id: int) -> list[Mark]:
    return [Mark(r["member_id"], r["status"], r["leave_reason"], r["approved_by"])
            for r in store.query("SELECT * FROM attendance WHERE meeting_id = ? ORDER BY id",
                                 [meeting_id])]


def check_marks(store: Store, org_id: int, kind: str, on_date: str,
                new_marks: list[Mark]) -> list[str]:
    """Problems with a sheet, one Chinese sentence each; empty when it may be saved."""
    problems = []
    org = orgs.get(store, org_id)
    new_marks = excuse_away(store, on_date, new_marks)
    if kinds.template(kind).audience == kinds.ONE_MEMBER:
        allowed = {m.id for m in members.expected_on(store, _branch_of(store, org_id), on_date)}
        if len(new_marks) != 1:
            problems.append("谈心谈话须选择一名谈话对象")
    else:
        allowed = {m.id for m in expected_members(store, org_id, kind, on_date)}
    seen = set()
    for mark in new_marks:
        if mark.member_id in seen:
            problems.append(f"{_name(store, mark.member_id)} 在签到中出现了两次")
        seen.add(mark.member_id)
        if mark.status not in kinds.ATTENDANCE_STATUSES:
            problems.append(f"{_name(store, mark.member_id)} 的出席情况应为 出席、请假 或 缺席，"
                            f"而不是“{mark.status}”")
        if mark.member_id not in allowed:
            who = "支委成员" if kinds.template(kind).audience == kinds.COMMITTEE else "党员"
            problems.append(f"{_name(store, mark.member_id)} 在 {on_date} 不是{org.name}的{who}，"
                            f"不能记入签到（非党员或外单位人员请记为列席）")
        if mark.status == kinds.ON_LEAVE and not (mark.leave_reason or "").strip():
            problems.append(f"{_name(store, mark.member_id)} 请假须填写请假原因")
    return problems


def write_marks(store: Store, meeting_id: int, new_marks: list[Mark],
                reason: str | None = None) -> None:
    """Store the sheet, touching only rows that changed (the audit log stays readable).
    A member no longer absent loses their follow-up with the absence; members away are excused."""
    new_marks = excuse_away(store, store.get("meetings", meeting_id)["held_on"], new_marks)
    old = {r["member_id"]: r for r in
           store.query("SELECT * FROM attendance WHERE meeting_id = ?", [meeting_id])}
    added = []
    with store.transaction():
        for mark in new_marks:
            row = {"status": mark.status,
                   "leave_reason": (mark.leave_reason or "").strip() or None
                   if mark.status == kinds.ON_LEAVE else None,
                   "approved_by": (mark.approved_by or "").strip() or None
                   if mark.status == kinds.ON_LEAVE else None}
            before = old.pop(mark.member_id, None)
            if before is None:
                added.append({"meeting_id": meeting_id, "member_id": mark.member_id, **row})
            elif any(before[k] != v for k, v in row.items()):
                if mark.status == kinds.PRESENT:
                    _drop_followup(store, before["id"], reason)
                store.update("attendance", before["id"], row, reason=reason)
        store.insert_many("attendance", added, reason=reason)
        for gone in old.values():
            _drop_followup(store, gone["id"], reason)
            store.delete("attendance", gone["id"], reason=reason)


def record(store: Store, meeting_id: int, new_marks: list[Mark], reason: str | None = None) -> None:
    """Check and store an attendance sheet for a saved meeting; nothing is stored if any mark is wrong."""
    meeting = store.get("meetings", meeting_id)
    problems = check_marks(store, meeting["org_id"], meeting["kind"], meeting["held_on"], new_marks)
    if problems:
        raise AttendanceError("；".join(problems))
    write_marks(store, meeting_id, new_marks, reason)


def summary(store: Store, meeting_id: int) -> Summary:
    meeting = store.get("meetings", meeting_id)
    sheet = {m.member_id: m.status for m in marks(store, meeting_id)}
    if kinds.template(meeting["kind"]).audience == kinds.ONE_MEMBER:
        expected_ids = set(sheet)
    else:
        expected_ids = {m.id for m in expected_members(store, meeting["org_id"], meeting["kind"],
                                                       meeting["held_on"])}
    counted = [sheet[i] for i in expected_ids if i in sheet]
    guests = store.query_one("SELECT count(*) AS n FROM meeting_guests WHERE meeting_id = ?",
                             [meeting_id])["n"]
    return Summary(len(expected_ids), counted.count(kinds.PRESENT), counted.count(kinds.ON_LEAVE),
                   counted.count(kinds.ABSENT), len(expected_ids) - len(counted), guests)


def add_followup(store: Store, meeting_id: int, member_id: int, followup: FollowUp,
                 reason: str | None = None) -> int:
    """Record how an absentee (请假 or 缺席) was briefed; one follow-up per absence."""
    row = store.query_one("SELECT a.*, m.held_on FROM attendance a JOIN meetings m "
                          "ON m.id = a.meeting_id WHERE a.meeting_id = ? AND a.member_id = ?",
                          [meeting_id, member_id])
    name = _name(store, member_id)
    if row is None or row["status"] == kinds.PRESENT:
        raise AttendanceError(f"{name} 没有缺席这次会议，无需传达")
    problems = []
    if followup.method not in kinds.FOLLOWUP_METHODS:
        problems.append(f"传达方式应为 {'、'.join(kinds.FOLLOWUP_METHODS)} 之一")
    try:
        on_date = parse_date(followup.on_date)
    except DateFormatError as exc:
        on_date = None
        problems.append(f"传达日期：{exc}")
    if on_date is None and not problems:
        problems.append("请填写传达日期")
    elif on_date and on_date < row["held_on"]:
        problems.append(f"传达日期 {on_date} 早于会议日期 {row['held_on']}")
    elif on_date and on_date > today():
        problems.append(f"传达日期 {on_date} 还没有到")
    if not (followup.by_whom or "").strip():
        problems.append("请填写传达人")
    if store.query_one("SELECT id FROM followups WHERE attendance_id = ?", [row["id"]]):
        problems.append(f"{name} 已有传达记录")
    if problems:
        raise AttendanceError("；".join(problems))
    return store.insert("followups", {"attendance_id": row["id"], "method": followup.method,
                                      "on_date": on_date, "by_whom": followup.by_whom.strip(),
                                      "notes": followup.notes}, reason=reason)


def followup_of(store: Store, meeting_id: int, member_id: int) -> FollowUp | None:
    row = store.query_one("SELECT f.* FROM followups f JOIN attendance a ON a.id = f.attendance_id "
                          "WHERE a.meeting_id = ? AND a.member_id = ?", [meeting_id, member_id])
    return FollowUp(row["method"], row["on_date"], row["by_whom"], row["notes"]) if row else None


def open_work(store: Store, org_id: int | None = None) -> list[OpenFollowUp]:
    """Absentees of held, not-deleted meetings with no follow-up yet, oldest first. A member away
    under 流动外出 on the day keeps up organisational life where they are: nothing is owed here."""
    sql = ("SELECT m.id AS meeting_id, m.held_on, m.kind, m.title, a.member_id, p.name, a.status "
           "FROM attendance a JOIN meetings m ON m.id = a.meeting_id "
           "JOIN members p ON p.id = a.member_id "
           "LEFT JOIN followups f ON f.attendance_id = a.id "
           "WHERE a.status != '出席' AND f.id IS NULL AND m.deleted_at IS NULL "
           "AND m.status = '已召开'")
    params: list = []
    if org_id is not None:
        org_ids = orgs.subtree_ids(store, org_id)
        sql += f" AND m.org_id IN ({','.join('?' for _ in org_ids)})"
        params += org_ids
    rows = store.query(sql + " ORDER BY m.held_on, m.id, p.name_initials", params)
    away = member_events.away_days(store)
    return [OpenFollowUp(r["meeting_id"], r["held_on"], r["kind"], r["title"], r["member_id"],
                         r["name"], r["status"]) for r in rows
            if not away(r["member_id"], r["held_on"])]


def _drop_followup(store: Store, attendance_id: int, reason: str | None) -> None:
    row = store.query_one("SELECT id FROM followups WHERE attendance_id = ?", [attendance_id])
    if row:
        store.delete("followups", row["id"], reason=reason)


def _branch_of(store: Store, org_id: int) -> int:
    org = orgs.get(store, org_id)
    return org.parent_id if org.kind == "党小组" and org.parent_id else org_id


def _name(store: Store, member_id: int) -> str:
    row = store.query_one("SELECT name FROM members WHERE id = ?", [member_id])
    return row["name"] if row else f"第 {member_id} 号党员"
