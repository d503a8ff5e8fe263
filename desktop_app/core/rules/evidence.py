"""Everything the rules look at, read with a handful of SQL queries for one organisation and span.

This is the one module of the engine that reads the ledger, so the rules themselves are plain
functions over these rows. Deleted meetings (`deleted_at`) and planned ones (status 计划) never
count as evidence. Facts the ledger already knows are derived here rather than read from tags:
书记讲党课 is a record counting as 党课 whose 主讲人 is the name of a member holding 书记 of the
branch (or of the meeting's organisation) on that day.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import NamedTuple

from desktop_app.core import orgs
from desktop_app.core.dues.opening import known_from
from desktop_app.core.meetings import kinds as meeting_kinds
from desktop_app.core.store import Store

# Payments and memberships are read this far before the span (older stays touch no finding).
DUES_LOOKBACK_MONTHS = 24


class Meeting(NamedTuple):     # named tuples: thousands are built per check, cheaply
    id: int
    org_id: int
    kind: str
    day_kind: str | None
    held_on: str
    study_hours: float
    tags: frozenset
    also: frozenset = frozenset()    # further kinds the record counts as
    lecturer: str | None = None

    @property
    def kinds(self) -> frozenset:
        """Every kind the record counts as: its own and the further ones (counted once each)."""
        return self.also | {self.kind}


class Mark(NamedTuple):
    """One member's attendance at one meeting, and when an absentee was briefed (传达)."""
    id: int
    meeting_id: int
    member_id: int
    status: str
    briefed_on: str | None


@dataclass
class Evidence:
    org_id: int
    org_ids: set[int]
    start: str
    end: str
    org_names: dict[int, str] = field(default_factory=dict)
    groups: list[dict] = field(default_factory=list)            # 党小组 rows in the subtree
    meetings: dict[int, Meeting] = field(default_factory=dict)  # own and attended meetings
    marks_by_member: dict[int, list[Mark]] = field(default_factory=lambda: defaultdict(list))
    marks_by_meeting: dict[int, list[Mark]] = field(default_factory=lambda: defaultdict(list))
    stays: dict[int, list[tuple[str, str | None, int]]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    joined: dict[int, str | None] = field(default_factory=dict)
    away_events: dict[int, list[dict]] = field(default_factory=lambda: defaultdict(list))
    attended: dict[int, list[Meeting]] = field(default_factory=lambda: defaultdict(list))
    roles: list[dict] = field(default_factory=list)
    plan: list[dict] = field(default_factory=list)
    paid_months: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    dues_from: dict[int, str | None] = field(default_factory=dict)  # first month judged (期初)
    dues_paid_before: dict[int, str] = field(default_factory=dict)  # last paid before the read range
    payments: list[dict] = field(default_factory=list)
    settlements: dict[str, dict] = field(default_factory=dict)  # quarter label → settlement
    pioneer: dict[str, dict] = field(default_factory=dict)      # "2025H1" → published 先锋指数
    # 学时 outside meetings: member → [(date, hours, entry id)]; openings: (member, year) → hours
    study: dict[int, list[tuple[str, float, int]]] = field(default_factory=dict)
    study_openings: dict[tuple[int, int], float] = field(default_factory=dict)
    away_life: dict[int, list[Meeting]] = field(default_factory=lambda: defaultdict(list))
    appraised: dict[int, dict] = field(default_factory=dict)    # member → 民主评议 decided in span
    _members_in: dict = field(default_factory=dict)

    # --- membership over time ----------------------------------------------------------------
    def days_belonged(self, member_id: int, start: str, end: str,
                      org_ids: set[int] | None = None) -> int:
        """Days of [start, end] the member belonged (from 入党 on), as `members.days_belonged`."""
        joined = self.joined.get(member_id)
        if joined and joined > start:
            start = joined
        total = 0
        for stay_start, stay_end, org_id in self.stays.get(member_id, ()):
            if org_ids is not None and org_id not in org_ids:
                continue
            lo, hi = max(start, stay_start), min(end, stay_end or end)
            if lo <= hi:
                total += (date.fromisoformat(hi) - date.fromisoformat(lo)).days + 1
        return total

    def due_months(self, member_id: int, months: list[str]) -> list[str]:
        """The months ("YYYY-MM") in which the member belonged for at least a day (dues are due)."""
        joined = (self.joined.get(member_id) or "")[:7]
        stays = [(s[:7], (e or "9999-12")[:7]) for s, e, _ in self.stays.get(member_id, ())]
        return [m for m in months if m >= joined and any(s <= m <= e for s, e in stays)]

    def members_in(self, start: str, end: str, org_ids: set[int] | None = None) -> dict[int, int]:
        """Members who belonged for part of [start, end], with how many days."""
        key = (start, end, frozenset(org_ids) if org_ids is not None else None)
        if key not in self._members_in:
            self._members_in[key] = self._count_members(start, end, org_ids)
        return self._members_in[key]

    def _count_members(self, start: str, end: str, org_ids: set[int] | None) -> dict[int, int]:
        found = {}
        for member_id in self.stays:
            days = self.days_belonged(member_id, start, end, org_ids)
            if days:
                found[member_id] = days
        return found

    def away_on(self, member_id: int, on_date: str) -> bool:
        """Away under 流动外出 on `on_date` (the day of leaving counts, the day of return does not),
        as member_events.away_on, from the events loaded for the span."""
        away = False
        for row in self.away_events.get(member_id, ()):
            if row["on_date"] > on_date:
                break
            away = row["kind"] == "流动外出"
        return away

    def role_holders(self, roles: tuple[str, ...], start: str, end: str) -> set[int]:
        return {r["member_id"] for r in self.roles if r["role"] in roles
                and r["start_on"] <= end and (r["end_on"] is None or r["end_on"] >= start)}

    def meetings_between(self, start: str, end: str, org_ids: set[int] | None = None):
        return [m for m in self.meetings.values() if start <= m.held_on <= end
                and (org_ids is None or m.org_id in org_ids)]

    def attendance_rate(self, meeting: Meeting) -> Fraction:
        """实到 / 应到 exactly (7 of 10 is 70 %, not a float a hair below it), 应到 being every
        member marked for the meeting (each expected member is)."""
        marks = self.marks_by_meeting.get(meeting.id)
        if not marks:
            return Fraction(0)
        return Fraction(sum(1 for m in marks if m.status == "出席"), len(marks))

    def name(self, member_id: int) -> str:
        return self.names.get(member_id, f"#{member_id}")


def load(store: Store, org_id: int, start: str, end: str) -> Evidence:
    org_ids = set(orgs.subtree_ids(store, org_id))
    ev = Evidence(org_id, org_ids, start, end)
    marks = ",".join("?" for _ in org_ids)
    ids = sorted(org_ids)
    for row in store.query(f"SELECT id, name, kind, founded_on, dissolved_on FROM organisations "
                           f"WHERE id IN ({marks})", ids):
        ev.org_names[row["id"]] = row["name"]
        if row["kind"] == "党小组":
            ev.groups.append(row)
    ev.groups.sort(key=lambda g: g["id"])

    for row in store.query(
            f"SELECT s.member_id, s.org_id, s.start_on, s.end_on, m.name, m.joined_on "
            f"FROM memberships s JOIN members m ON m.id = s.member_id WHERE s.org_id IN ({marks}) "
            f"AND s.start_on <= ? AND (s.end_on IS NULL OR s.end_on >= ?)",
            [*ids, end, _months_before(start, DUES_LOOKBACK_MONTHS)]):
        ev.stays.setdefault(row["member_id"], []).append(
            (row["start_on"], row["end_on"], row["org_id"]))
        ev.names[row["member_id"]] = row["name"]
        ev.joined[row["member_id"]] = row["joined_on"]
    member_ids = sorted(ev.stays)
    member_marks = ",".join("?" for _ in member_ids) or "NULL"

    # The bulk reads use the connection's cursor directly: plain tuples, no per-row dicts
    # (reads are not audited, so this bypasses nothing).
    valid = "m.deleted_at IS NULL AND m.status = '已召开' AND m.held_on BETWEEN ? AND ?"
    conn = store.conn
    # Meetings held by the organisation, its 党小组 and the levels above it (a 党委's 党课 for all
    # members). A member's marks at another branch are not read: members count here only for the
    # part of the period they belonged here, and their quotas are pro-rated to match.
    held_by = ids + _ancestors(store, org_id)
    wanted = {row[0] for row in conn.execute(
        f"SELECT m.id FROM meetings m WHERE {valid} AND m.org_id IN ({','.join('?' * len(held_by))})",
        [start, end, *held_by])}
    wanted_sql = ",".join(str(i) for i in sorted(wanted)) or "NULL"   # integers from the ledger
    tags, also = defaultdict(set), defaultdict(set)
    for meeting_id, tag in conn.execute(
            f"SELECT meeting_id, tag FROM meeting_tags WHERE meeting_id IN ({wanted_sql})"):
        if tag not in meeting_kinds.DERIVED_TAGS:
            tags[meeting_id].add(tag)
    for meeting_id, kind in conn.execute(
            f"SELECT meeting_id, kind FROM meeting_also_kinds WHERE meeting_id IN ({wanted_sql})"):
        also[meeting_id].add(kind)
    ev.roles = store.query(f"SELECT r.*, p.name FROM roles r JOIN members p ON p.id = r.member_id "
                           f"WHERE r.org_id IN ({marks})", ids)
    for row in conn.execute(
            f"SELECT id, org_id, kind, day_kind, held_on, study_hours, lecturer FROM meetings "
            f"WHERE id IN ({wanted_sql})"):
        meeting = Meeting(*row[:5], row[5] or 0.0, frozenset(tags.get(row[0], ())),
                          frozenset(also.get(row[0], ())), row[6])
        if _secretary_lectured(ev, meeting):
            meeting = meeting._replace(tags=meeting.tags | {meeting_kinds.TAG_SECRETARY_LESSON})
        ev.meetings[row[0]] = meeting
    for row in conn.execute(
            f"SELECT a.id, a.meeting_id, a.member_id, a.status, f.on_date FROM attendance a "
            f"LEFT JOIN followups f ON f.attendance_id = a.id WHERE a.meeting_id IN ({wanted_sql})"):
        mark = Mark(*row)
        ev.marks_by_meeting[mark.meeting_id].append(mark)
        if mark.member_id in ev.stays:
            ev.marks_by_member[mark.member_id].append(mark)
            if mark.status == "出席":
                ev.attended[mark.member_id].append(ev.meetings[mark.meeting_id])

    for row in store.query(
            f"SELECT * FROM member_events WHERE kind IN ('流动外出', '流动返回') "
            f"AND member_id IN ({member_marks}) AND on_date <= ? ORDER BY on_date, id",
            [*member_ids, end]):
        ev.away_events[row["member_id"]].append(row)
    _load_study(store, ev, member_ids)
    ev.plan = store.query(
        f"SELECT * FROM activity_plan WHERE org_id IN ({marks}) AND planned_on BETWEEN ? AND ? "
        f"ORDER BY planned_on", [*ids, start, end])
    _load_dues(store, ev, member_ids)
    # The published evaluations' dates only: the snapshot itself is for the board, not the check.
    ev.pioneer = {row["period"]: row for row in store.query(
        "SELECT id, period, published_on FROM pioneer_evaluations WHERE org_id = ?", [org_id])}
    # 民主评议 results decided by the 党员大会 within the span (they may feed the 先锋指数).
    ev.appraised = {row["member_id"]: row for row in store.query(
        "SELECT r.id, r.member_id, r.result, a.year, a.decided_on FROM appraisal_results r "
        "JOIN appraisals a ON a.id = r.appraisal_id WHERE a.org_id = ? "
        "AND a.decided_on BETWEEN ? AND ?", [org_id, start, end])}
    return ev


def _secretary_lectured(ev: Evidence, meeting: Meeting) -> bool:
    """The record counts as 党课 and its 主讲人 held 书记 of the branch (or of the meeting's
    organisation) on the day."""
    return meeting_kinds.PARTY_LESSON in meeting.kinds and lectured_by_secretary(
        ev.roles, {ev.org_id, meeting.org_id}, meeting.lecturer, meeting.held_on)


def lectured_by_secretary(roles: list[dict], org_ids: set[int], lecturer: str | None,
                          held_on: str) -> bool:
    """`lecturer` is the name of a member holding 书记 of one of `org_ids` on `held_on`; `roles`
    are rows of the roles table with the holder's `name`."""
    lecturer = (lecturer or "").strip()
    return bool(lecturer) and any(
        r["role"] == "书记" and r["name"] == lecturer and r["org_id"] in org_ids
        and r["start_on"] <= held_on and (r["end_on"] is None or r["end_on"] >= held_on)
        for r in roles)


def _ancestors(store: Store, org_id: int) -> list[int]:
    found, parent = [], orgs.get(store, org_id).parent_id
    while parent is not None:
        found.append(parent)
        parent = orgs.get(store, parent).parent_id
    return found


def _load_study(store: Store, ev: Evidence, member_ids: list[int]) -> None:
    """学时 entries, opening balances and 组织生活 away (as meetings of the receiving
    organisation, id negative: they are not records of this ledger's meetings)."""
    from desktop_app.core.study import entries
    ev.study = entries.hours_by_member(store, member_ids, ev.start, ev.end)
    member_marks = ",".join("?" for _ in member_ids) or "NULL"
    for row in store.query(f"SELECT member_id, year, hours FROM study_openings "
                           f"WHERE member_id IN ({member_marks}) AND year BETWEEN ? AND ?",
                           [*member_ids, int(ev.start[:4]), int(ev.end[:4])]):
        ev.study_openings[(row["member_id"], row["year"])] = row["hours"]
    for row in store.query(f"SELECT * FROM away_life WHERE member_id IN ({member_marks}) "
                           f"AND held_on BETWEEN ? AND ?", [*member_ids, ev.start, ev.end]):
        ev.away_life[row["member_id"]].append(Meeting(
            -row["id"], 0, row["kind"], None, row["held_on"], row["study_hours"], frozenset()))


def _load_dues(store: Store, ev: Evidence, member_ids: list[int]) -> None:
    member_marks = ",".join("?" for _ in member_ids) or "NULL"
    # Arrears runs are counted from where each member's record starts (dues/opening.py) at their
    # true length: besides the months paid in the read range, the last month paid before it.
    ev.dues_from = known_from(store, ev.org_id, member_ids)
    first = _months_before(ev.start, DUES_LOOKBACK_MONTHS)[:7]
    # One index seek per member ((member_id, month) is unique): grouping the IN list instead
    # read every earlier month of every member, ten years of them on an old ledger.
    ev.dues_paid_before = {member_id: month for member_id, month in store.conn.execute(
        f"SELECT id, (SELECT max(month) FROM dues_payments WHERE member_id = members.id "
        f"AND month < ?) FROM members WHERE id IN ({member_marks})", [first, *member_ids])
        if month is not None}
    # One pass over the members' payments (the (member_id, month) index): months paid for the
    # arrears rule, and what this organisation received in the span for the settlement rule.
    # Months up to a year ahead are read too, for dues paid in advance.
    last = _months_before(ev.end, -12)[:7]
    for member_id, month, fen, paid_on, org_id in store.conn.execute(
            f"SELECT p.member_id, p.month, p.amount_fen, r.paid_on, r.org_id FROM dues_payments p "
            f"JOIN dues_receipts r ON r.id = p.receipt_id WHERE p.member_id IN ({member_marks}) "
            f"AND p.month BETWEEN ? AND ?", [*member_ids, first, last]):
        ev.paid_months[member_id].add(month)
        if org_id in ev.org_ids and ev.start <= paid_on <= ev.end:
            ev.payments.append({"amount_fen": fen, "paid_on": paid_on})
    for row in store.query("SELECT * FROM dues_settlements WHERE org_id = ?", [ev.org_id]):
        ev.settlements[row["quarter"]] = row


def _months_before(iso: str, months: int) -> str:
    """The first day of the month `months` before `iso` (negative: after)."""
    year, month = divmod(int(iso[:4]) * 12 + int(iso[5:7]) - 1 - months, 12)
    return f"{year:04d}-{month + 1:02d}-01"
