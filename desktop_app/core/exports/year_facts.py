"""One organisation's year as the yearly book and the Excel 台账 both print it: who belonged, what
changed, every held meeting with its attendance, and each member's study hours against the profile.

Read once here so that the two documents never disagree. Names only: no ID numbers or phones.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.core import members, orgs, periods
from desktop_app.core.exports.wording import month_day
from desktop_app.core.meetings import attendance, kinds, records
from desktop_app.core.meetings.attendance import Summary
from desktop_app.core.meetings.records import Meeting
from desktop_app.core.members import Member
from desktop_app.core.rules import evidence
from desktop_app.core.rules.engine import profile_for
from desktop_app.core.rules.member_rules import quota_roles, study_quota
from desktop_app.core.rules.windows import windows
from desktop_app.core.store import Store

CHANGE_KINDS = ("转入", "转正", "转出", "去世", "停止党籍", "出党")
NEW_MEMBER = "接收预备党员"
MOVED_IN, MOVED_OUT = "调入", "调出"   # 调整组织 across the organisation's edge, seen from inside


@dataclass(frozen=True)
class MeetingLine:
    """A held meeting and its attendance as derived by the meetings core."""
    meeting: Meeting
    org_name: str
    host: str
    summary: Summary
    partner: str | None = None      # 谈心谈话: the member talked with
    partner_id: int | None = None

    @property
    def kind_label(self) -> str:
        m = self.meeting
        return f"{m.kind}（{m.day_kind}）" if m.day_kind else m.kind


@dataclass(frozen=True)
class YearMember:
    """A member who belonged for part of the year, as the 花名册 prints them."""
    id: int
    name: str
    gender: str
    joined_on: str
    category: str
    group: str
    note: str


@dataclass(frozen=True)
class Change:
    on_date: str
    kind: str
    name: str


@dataclass(frozen=True)
class StudyLine:
    member_id: int
    name: str
    hours: float
    required: float | None      # None: the profile sets no 学时 requirement
    committee: bool             # held a role the profile's higher 学时 quota binds

    @property
    def met(self) -> bool | None:
        return None if self.required is None else self.hours >= self.required


def held_meetings(store: Store, org_id: int, year: int) -> list[Meeting]:
    """Meetings held in the year by the organisation and its 党小组, by date (not planned, not
    in the recycle bin)."""
    period = periods.year(year)
    return [m for m in records.find(store, period.start, period.end, org_id)
            if m.status == records.HELD]


def meeting_lines(store: Store, meetings: list[Meeting], progress=None) -> list[MeetingLine]:
    """Each meeting with its host, its attendance summary and (谈心谈话) its partner;
    `progress(done, total)` after each."""
    names = {o.id: o.name for o in orgs.all_orgs(store)}
    hosts: dict[int | None, str] = {None: ""}
    result = []
    for number, meeting in enumerate(meetings, 1):
        if meeting.host_id not in hosts:
            hosts[meeting.host_id] = members.get(store, meeting.host_id).name
        partner = None
        if meeting.kind == kinds.HEART_TALK:
            sheet = attendance.marks(store, meeting.id)
            partner = members.get(store, sheet[0].member_id) if sheet else None
        result.append(MeetingLine(meeting, names[meeting.org_id], hosts[meeting.host_id],
                                  attendance.summary(store, meeting.id),
                                  partner.name if partner else None,
                                  partner.id if partner else None))
        if progress:
            progress(number, len(meetings))
    return result


def year_members(store: Store, org_id: int, year: int) -> list[YearMember]:
    """Everyone who belonged to the organisation (or its 党小组) for part of the year, in roster
    order (by the pinyin initials stored with each name, then the name), with their category at
    the year's end (or when they left) and the year's changes."""
    period = periods.year(year)
    ids = orgs.subtree_ids(store, org_id)
    marks = ",".join("?" for _ in ids)
    stays = store.query(
        f"SELECT s.member_id, s.start_on, s.end_on, o.name AS org_name, o.kind AS org_kind, "
        f"m.name, m.name_initials, m.gender, m.joined_on, m.confirmed_on "
        f"FROM memberships s JOIN organisations o ON o.id = s.org_id JOIN members m "
        f"ON m.id = s.member_id WHERE s.org_id IN ({marks}) AND s.start_on <= ? "
        f"AND (s.end_on IS NULL OR s.end_on >= ?) AND (m.joined_on IS NULL OR m.joined_on <= ?) "
        f"ORDER BY s.start_on, s.id", [*ids, period.end, period.start, period.end])
    last_stay = {s["member_id"]: s for s in stays}
    notes: dict[int, list[str]] = {}
    for change in _events(store, ids, period):
        notes.setdefault(change[0], []).append(f"{month_day(change[1].on_date)}{change[1].kind}")
    result = []
    for member_id, stay in sorted(last_stay.items(),
                                  key=lambda item: (item[1]["name_initials"], item[1]["name"])):
        as_of = min(period.end, stay["end_on"] or period.end)
        result.append(YearMember(
            member_id, stay["name"], stay["gender"] or "", stay["joined_on"] or "",
            members.category_of(stay["joined_on"], stay["confirmed_on"], as_of) or "",
            stay["org_name"] if stay["org_kind"] == "党小组" else "",
            "；".join(notes.get(member_id, []))))
    return result


def head_counts(store: Store, org_id: int, year: int) -> tuple[list[Member], list[Member]]:
    """(年初党员, 年末党员): the members at the end of 31 December before the year and of its last
    day, so that 年初 plus the year's arrivals less its departures is 年末. A 转出 or 去世 is dated
    the member's last day and a 转入 or 调整组织 their first, so a member who leaves on
    31 December, or arrives on 1 January, is counted once: among the year's changes."""
    period = periods.year(year)
    day_before = (date.fromisoformat(period.start) - timedelta(days=1)).isoformat()
    return (members_at_end_of(store, org_id, day_before),
            members_at_end_of(store, org_id, period.end))


def members_at_end_of(store: Store, org_id: int, day: str) -> list[Member]:
    """The members of the organisation (and its 党小组) at the end of `day` (ISO): those on it
    but the ones whose leaving (转出, 去世 …) is dated that day."""
    leaving = {r["member_id"] for r in store.query(
        f"SELECT member_id FROM member_events WHERE on_date = ? AND kind IN "
        f"({','.join('?' for _ in members.LEAVING_EVENTS)})", [day, *members.LEAVING_EVENTS])}
    return [m for m in members.expected_on(store, org_id, day) if m.id not in leaving]


def changes(store: Store, org_id: int, year: int) -> list[Change]:
    """转入, 转正, 转出, 去世 … in the year, and members admitted (接收预备党员), by date."""
    period = periods.year(year)
    return [change for _, change in _events(store, orgs.subtree_ids(store, org_id), period)]


def _events(store: Store, org_ids: list[int], period) -> list[tuple[int, Change]]:
    marks = ",".join("?" for _ in org_ids)
    # An event is the change of the organisation the member belonged to on its day: a 转出 after
    # a 调整组织 to another branch is that branch's, not the old one's. On a day with two stays
    # (a 调整组织 the day of arriving), an arrival is the first stay's and a departure the last's.
    stay = ("(SELECT s.org_id FROM memberships s WHERE s.member_id = e.member_id "
            "AND s.start_on <= e.on_date AND (s.end_on IS NULL OR s.end_on >= e.on_date) "
            "ORDER BY s.id {} LIMIT 1)")
    rows = store.query(
        f"SELECT e.member_id, e.kind, e.on_date, m.name FROM member_events e JOIN members m "
        f"ON m.id = e.member_id WHERE e.on_date BETWEEN ? AND ? AND e.kind IN "
        f"({','.join('?' for _ in CHANGE_KINDS)}) AND CASE WHEN e.kind = '转入' "
        f"THEN {stay.format('ASC')} ELSE {stay.format('DESC')} END IN ({marks})",
        [period.start, period.end, *CHANGE_KINDS, *org_ids])
    found = [(r["member_id"], Change(r["on_date"], r["kind"], r["name"])) for r in rows]
    # Admitted by the organisation the member first belonged to on the day: not one they moved
    # to later, nor one they transferred into after being admitted elsewhere.
    for r in store.query(
            f"SELECT id, name, joined_on FROM members m WHERE joined_on BETWEEN ? AND ? "
            f"AND (SELECT s.org_id FROM memberships s WHERE s.member_id = m.id "
            f"AND s.start_on <= m.joined_on AND (s.end_on IS NULL OR s.end_on >= m.joined_on) "
            f"ORDER BY s.id LIMIT 1) IN ({marks})", [period.start, period.end, *org_ids]):
        found.append((r["id"], Change(r["joined_on"], NEW_MEMBER, r["name"])))
    found += _moves(store, org_ids, period)
    return sorted(found, key=lambda item: (item[1].on_date, item[1].name))


def _moves(store: Store, org_ids: list[int], period) -> list[tuple[int, Change]]:
    """调整组织 in the period that cross the organisation's edge: 调入 when the member came from
    outside its subtree, 调出 when they went out of it. A move starts where a move earlier that
    day ended, else from the stay before its day, else (made the day of arriving) from the day's
    first stay. A move between its own 党小组 changes no one's belonging to it, so it is not a
    change of its 党员队伍."""
    inside = set(org_ids)
    found = []
    for e in store.query(
            "SELECT e.member_id, e.on_date, e.org_id, m.name, COALESCE((SELECT p.org_id "
            "FROM member_events p WHERE p.member_id = e.member_id AND p.kind = '调整组织' "
            "AND p.on_date = e.on_date AND p.id < e.id ORDER BY p.id DESC LIMIT 1), "
            "(SELECT s.org_id FROM memberships s WHERE s.member_id = e.member_id "
            "AND s.start_on < e.on_date ORDER BY s.start_on DESC, s.id DESC LIMIT 1), "
            "(SELECT s.org_id FROM memberships s WHERE s.member_id = e.member_id "
            "AND s.start_on = e.on_date ORDER BY s.id LIMIT 1)) AS from_org "
            "FROM member_events e JOIN members m ON m.id = e.member_id "
            "WHERE e.kind = '调整组织' AND e.on_date BETWEEN ? AND ?", [period.start, period.end]):
        came, left = e["org_id"] in inside, e["from_org"] in inside
        if came != left:
            found.append((e["member_id"],
                          Change(e["on_date"], MOVED_IN if came else MOVED_OUT, e["name"])))
    return found


def study_lines(store: Store, org_id: int, year: int) -> tuple[list[StudyLine], str | None]:
    """Each member's 学时 attended in the year and the profile's requirement for them, pro-rated
    by the days they belonged exactly as the compliance check does; and the rule's citation."""
    period = periods.year(year)
    rule = next((r for r in profile_for(store, org_id).rules if r.type == "study_hours"), None)
    ev = evidence.load(store, org_id, period.start, period.end)
    window = windows("year", period.start, period.end)[0]
    lines = []
    for member_id, days in ev.members_in(period.start, period.end).items():
        hours = sum(ev.meetings[m.meeting_id].study_hours
                    for m in ev.marks_by_member.get(member_id, ())
                    if m.status == kinds.PRESENT
                    and period.start <= ev.meetings[m.meeting_id].held_on <= period.end)
        required = study_quota(rule.params, ev, member_id, window, days) if rule else None
        bound = bool(rule and quota_roles(rule.params, ev, member_id, period.start, period.end))
        lines.append(StudyLine(member_id, ev.name(member_id), hours, required, bound))
    by_id = {line.member_id: line for line in lines}
    return [by_id[m.id] for m in members.in_roster_order(store, by_id)], \
        rule.citation if rule else None
