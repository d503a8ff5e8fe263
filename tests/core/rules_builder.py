"""A small branch ledger for rule tests: exactly the records a test asks for, written through the
store, and `satisfy(rule)` which writes what makes one rule of a profile pass."""
from __future__ import annotations

from datetime import date, timedelta

from desktop_app.core import members, orgs
from desktop_app.core.dues import ledger as dues
from desktop_app.core.dues.months import months_between
from desktop_app.core.members import Member
from desktop_app.core.periods import parse_period
from desktop_app.core.rules.engine import check
from desktop_app.core.rules.profile import Rule, load_profile
from desktop_app.core.rules.windows import windows
from desktop_app.core.scoring import pioneer

YEAR = 2025
NAMES = ("甲一", "乙二", "丙三", "丁四", "戊五", "己六")


class Branch:
    """One 党支部 with two 党小组 and six members (the first is 书记), all there since 1 January."""

    def __init__(self, store, profile_id: str, year: int = YEAR):
        self.store, self.year = store, year
        self.profile = load_profile(profile_id)
        self.root = orgs.create(store, "P", "测试党委", "党委", rule_profile=profile_id)
        self.branch = orgs.create(store, "B", "测试党支部", "党支部", self.root)
        self.groups = [orgs.create(store, f"B-{n}", f"第{n}党小组", "党小组", self.branch)
                       for n in (1, 2)]
        self.members = [members.add(store, Member(name=name, joined_on="2000-07-01"),
                                    self.groups[i % 2], since=f"{year}-01-01")
                        for i, name in enumerate(NAMES)]
        self.secretary = self.members[0]
        orgs.assign_role(store, self.branch, self.secretary, "书记", f"{year}-01-01")

    # --- records ---------------------------------------------------------------------------
    def meeting(self, kind: str, on: str, *, org: int | None = None, tags=(), day_kind=None,
                hours: float = 0, attendees=None, absent=(), leave=(), status="已召开",
                lecturer: str | None = None, also=()) -> int:
        """A meeting with every expected member marked: `attendees` (default: everyone in the
        organisation that day) present, `absent` 缺席, `leave` 请假; `also`: further kinds."""
        org = org or self.branch
        meeting_id = self.store.insert("meetings", {
            "org_id": org, "kind": kind, "day_kind": day_kind, "title": f"{kind} {on}",
            "held_on": on, "study_hours": hours, "status": status, "lecturer": lecturer})
        self.store.insert_many("meeting_tags", [{"meeting_id": meeting_id, "tag": t} for t in tags])
        self.store.insert_many("meeting_also_kinds", [{"meeting_id": meeting_id, "kind": k}
                                                      for k in also])
        expected = [m.id for m in members.expected_on(self.store, org, on)]
        people = expected if attendees is None else list(attendees)
        marks = {m: "出席" for m in people}
        marks.update({m: "缺席" for m in absent})
        marks.update({m: "请假" for m in leave})
        self.store.insert_many("attendance", [{"meeting_id": meeting_id, "member_id": m,
                                               "status": s} for m, s in marks.items()])
        return meeting_id

    def brief(self, meeting_id: int, member_id: int, on: str) -> None:
        row = self.store.query_one("SELECT id FROM attendance WHERE meeting_id = ? AND member_id = ?",
                                   [meeting_id, member_id])
        self.store.insert("followups", {"attendance_id": row["id"], "method": "电话", "on_date": on,
                                        "by_whom": "甲一"})

    def delete_meeting(self, meeting_id: int) -> None:
        self.store.update("meetings", meeting_id, {"deleted_at": "2026-01-02T10:00:00",
                                                   "deleted_reason": "录入错误"})

    def pay(self, member_id: int, months: list[str], on: str) -> None:
        """Pay the months not yet paid (two rules' builders may both pay the same month)."""
        paid = {r["month"] for r in self.store.query(
            "SELECT month FROM dues_payments WHERE member_id = ?", [member_id])}
        months = [m for m in months if m not in paid]
        if not months:
            return
        for month in months:
            if dues.monthly_fen(self.store, member_id, month) is None:
                dues.set_base(self.store, self.profile.dues_standard, member_id, int(month[:4]),
                              "在职", 400000)
        dues.collect(self.store, self.branch, member_id, months, on)

    def check(self, period: str = str(YEAR), today: str = f"{YEAR + 1}-03-01"):
        return check(self.store, self.branch, parse_period(period), profile=self.profile,
                     today=today)

    def finding(self, rule_id: str, **kwargs):
        return next(f for f in self.check(**kwargs) if f.rule_id == rule_id)

    # --- what makes each rule type pass ----------------------------------------------------
    def satisfy(self, rule: Rule, *, leave_out_last: bool = False) -> None:
        """Write what makes `rule` pass over the year; `leave_out_last` drops the last required
        record so that the rule fails (after the deadline)."""
        getattr(self, f"_satisfy_{rule.type}")(rule.params, leave_out_last)

    def _year_windows(self, every):
        return windows(every, f"{self.year}-01-01", f"{self.year}-12-31")

    def _satisfy_meeting_frequency(self, p, short):
        targets = self.groups if p.get("per_group") else [self.branch]
        kind = p["kinds"][0] if p.get("kinds") else "支部党员大会"
        if p.get("tag") == "书记讲党课":      # derived from the lecturer, never a tag
            spans = self._year_windows(p["every"])
            for i, window in enumerate(spans):
                if not (short and i == len(spans) - 1):
                    self.meeting("党课", window.start[:8] + "10", lecturer=NAMES[0])
            return
        spans = self._year_windows(p["every"])
        for i, window in enumerate(spans):
            for target in targets:
                for n in range(p.get("count", 1)):
                    on = (date.fromisoformat(window.start) + timedelta(days=9 + n)).isoformat()
                    if short and i == len(spans) - 1 and target == targets[-1]:
                        if p.get("min_attendance") is not None:   # held, but too few came
                            self.meeting(kind, on, org=target, tags=[p["tag"]],
                                         attendees=self.members[:2], absent=self.members[2:])
                        continue
                    self.meeting(kind, on, org=target, tags=[p["tag"]] if p.get("tag") else (),
                                 day_kind=p.get("day_kind"))

    def _satisfy_talk_with_every_member(self, p, short):
        people = self.members[:-1] if short else self.members
        for i, member_id in enumerate(people):
            self.meeting(p["kinds"][0], f"{self.year}-03-{10 + i:02d}", attendees=[member_id])

    def _satisfy_activity_days_held(self, p, short):
        days = self.profile.activity_days
        for month in range(1, 13):
            for day, kind in ((days.study_day, "学习日"), (days.service_day, "服务日")):
                if short and month == 12 and kind == "服务日":
                    continue
                self.meeting("主题党日", f"{self.year}-{month:02d}-{day:02d}", day_kind=kind)

    def _satisfy_dues_settled(self, p, short):
        for q in range(1, 5):
            months = [f"{self.year}-{m:02d}" for m in range(3 * q - 2, 3 * q + 1)]
            for member_id in self.members:
                self.pay(member_id, months, months[0] + "-10")
            if short and q == 4:
                continue
            end = windows("quarter", months[0] + "-01", months[0] + "-01")[0].end
            dues.settle(self.store, self.branch, f"{self.year}Q{q}", end)

    def _satisfy_unexcused_absence(self, p, short):
        victim = self.members[-1]
        for n in range(3):
            absent = [victim] if n == 0 or (short and n == 1) else []
            meeting_id = self.meeting(p["kinds"][0], f"{self.year}-0{n + 4}-10",
                                      attendees=[m for m in self.members if m not in absent],
                                      absent=absent)
            for member_id in absent:
                self.brief(meeting_id, member_id, f"{self.year}-0{n + 4}-12")

    def _satisfy_study_hours(self, p, short):
        total = p["hours"] if short else p["committee_hours"]
        sessions = 8
        for n in range(sessions):
            self.meeting("党课", f"{self.year}-{n + 2:02d}-15", hours=total / sessions)

    def _satisfy_member_participation(self, p, short):
        count = p["count"] - 1 if short else p["count"]
        people = (self.members if not p.get("roles")
                  else [self.secretary] if "书记" in p["roles"] else [])
        for n in range(count):
            if p.get("kinds"):
                self.meeting(p["kinds"][0], f"{self.year}-06-{10 + n:02d}", attendees=people)
            else:
                self.meeting("主题党日", f"{self.year}-06-{10 + n:02d}",
                             day_kind=p["day_kinds"][0], attendees=people)

    def _satisfy_dues_arrears(self, p, short):
        months = months_between(f"{self.year}-01", f"{self.year}-12")
        for member_id in self.members:
            paid = months[:12 - p["months"]] if short and member_id == self.members[-1] else months
            self.pay(member_id, paid, f"{self.year}-01-10")

    def _satisfy_mobile_reported(self, p, short):
        members.record_event(self.store, self.members[-1], "流动外出", f"{self.year}-03-01",
                             place="杭州", reason="外出务工", contact=None if short else "13800000000",
                             reported_on=f"{self.year}-03-05")

    def _satisfy_absentees_briefed(self, p, short):
        victim = self.members[-1]
        meeting_id = self.meeting(p["kinds"][0], f"{self.year}-05-10",
                                  attendees=self.members[:-1], absent=[victim])
        if not short:
            self.brief(meeting_id, victim, f"{self.year}-05-12")

    def _satisfy_pioneer_published(self, p, short):
        spans = self._year_windows("half_year")
        for i, window in enumerate(spans):
            if short and i == len(spans) - 1:
                continue
            on = (date.fromisoformat(window.end) + timedelta(days=p["grace_days"])).isoformat()
            pioneer.publish(self.store, self.branch, f"{self.year}H{i + 1}", on)
