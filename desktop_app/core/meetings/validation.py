"""Does a record agree with the ledger? The same checks for what a secretary types, what an
import brings and what the demo generates, before saving, printing and sealing (issue #12 part 6):

- a 支委会 has a committee to expect on its date (应到 comes from the 班子);
- the host (主持人) and the recorder (记录人) belong to the organisation on the meeting date and
  are not marked 请假/缺席 at the meeting they ran or recorded;
- nobody takes part in anything, and nobody holds a role, before their 入党日期;
- a role (书记 … 党小组长) is held by a member of that organisation while it lasts.

Each problem is one Chinese sentence naming the record, the person and the dates. These are
warnings: the record stays savable (a paper record may really say so), but it is never printed or
sealed without them being shown.
"""
from __future__ import annotations

from datetime import date

from desktop_app.core import members, orgs
from desktop_app.core.meetings import kinds
from desktop_app.core.meetings.attendance import Mark
from desktop_app.core.meetings.records import Meeting, get
from desktop_app.core.store import Store


def _branch_of(store: Store, org_id: int) -> int:
    org = orgs.get(store, org_id)
    return org.parent_id if org.kind == "党小组" and org.parent_id else org_id


def _belongs(store: Store, member_id: int, org_id: int, on_date: str) -> bool:
    return members.days_belonged(store, member_id, org_id, on_date, on_date) > 0


def meeting_problems(store: Store, meeting: Meeting, marks: list[Mark]) -> list[str]:
    """What in this record (not yet saved, or as stored) contradicts the ledger."""
    on, problems = meeting.held_on, []
    label = f"{on} {meeting.title or meeting.kind}"
    branch = _branch_of(store, meeting.org_id)
    branch_name = orgs.get(store, branch).name
    status = {m.member_id: m.status for m in marks}
    audience = kinds.template(meeting.kind).audience
    one_member = audience == kinds.ONE_MEMBER
    if audience == kinds.COMMITTEE and not orgs.committee_member_ids(store, meeting.org_id, on):
        problems.append(f"{label}：{branch_name}在会议当天没有班子成员，支委会应到人数为 0，"
                        f"请先在“组织与班子”页录入书记和支委")
    people = {meeting.host_id, meeting.recorder_id, *status} - {None}
    found = {r["id"]: r for r in store.query(
        f"SELECT id, name, joined_on FROM members WHERE id IN ({','.join('?' for _ in people)})",
        sorted(people))}
    for role, member_id in (("主持人", meeting.host_id), ("记录人", meeting.recorder_id)):
        if member_id is None:
            continue
        name, joined = found[member_id]["name"], found[member_id]["joined_on"]
        if joined and joined > on:
            problems.append(f"{label}：{role}{name} 的入党日期 {joined} 晚于会议日期")
        elif not _belongs(store, member_id, branch, on):
            problems.append(f"{label}：{role}{name} 在会议当天不是{branch_name}的党员")
        if not one_member and status.get(member_id) in (kinds.ON_LEAVE, kinds.ABSENT):
            problems.append(f"{label}：{role}{name} 在签到中记为{status[member_id]}")
    for mark in marks:
        person = found[mark.member_id]
        if person["joined_on"] and person["joined_on"] > on and mark.status == kinds.PRESENT:
            problems.append(f"{label}：{person['name']} 入党日期为 {person['joined_on']}，"
                            f"不能在此前参加组织生活")
    return problems


def record_problems(store: Store, meeting_id: int) -> list[str]:
    """`meeting_problems` for a stored record (exports list these before printing)."""
    from desktop_app.core.meetings import attendance
    return meeting_problems(store, get(store, meeting_id), attendance.marks(store, meeting_id))


def role_problems(store: Store, org_id: int | None = None) -> list[str]:
    """Terms held by someone who was not (yet, or any more) a member of that organisation."""
    sql = ("SELECT r.*, o.name AS org_name FROM roles r JOIN organisations o ON o.id = r.org_id")
    params: list = []
    if org_id is not None:
        ids = orgs.subtree_ids(store, org_id)
        sql += f" WHERE r.org_id IN ({','.join('?' for _ in ids)})"
        params = ids
    problems, today = [], date.today().isoformat()
    for term in store.query(sql + " ORDER BY r.org_id, r.start_on, r.id", params):
        person = members.get(store, term["member_id"])
        what = f"{term['org_name']}{term['role']} {person.name}（{term['start_on']} 起）"
        last = min(term["end_on"] or today, today)
        if person.joined_on and person.joined_on > term["start_on"]:
            problems.append(f"{what}：入党日期 {person.joined_on} 晚于任职日期")
        elif not _belongs(store, term["member_id"], term["org_id"], term["start_on"]):
            problems.append(f"{what}：任职时不是{term['org_name']}的党员")
        elif last >= term["start_on"] and not _belongs(store, term["member_id"], term["org_id"], last):
            problems.append(f"{what}：{last} 已不是{term['org_name']}的党员，任职尚未结束")
    return problems


def ledger_problems(store: Store, org_id: int | None = None) -> list[str]:
    """Every record (not in the recycle bin) and every role of the organisation, or the ledger."""
    sql = "SELECT id FROM meetings WHERE deleted_at IS NULL"
    params: list = []
    if org_id is not None:
        ids = orgs.subtree_ids(store, org_id)
        sql += f" AND org_id IN ({','.join('?' for _ in ids)})"
        params = ids
    problems = []
    for row in store.query(sql + " ORDER BY held_on, id", params):
        problems += record_problems(store, row["id"])
    return problems + role_problems(store, org_id)
