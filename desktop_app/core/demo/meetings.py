"""A synthetic meeting ledger: each branch's 三会一课, 主题党日 and 谈心谈话 for every demo year,
with attendance, follow-ups, tags and study hours, and a few deliberate gaps (a month without a
支委会, an absentee never briefed) so that the compliance checker has something to find.

Who should attend is worked out in memory from the membership rows already written, and rows go in
through `Store.insert_many`, so 300 members over 10 years stay fast.
"""
from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from desktop_app.core import orgs
from desktop_app.core.meetings import kinds, plan, search
from desktop_app.core.meetings.kinds import TEMPLATES

STUDY_TOPICS = ("学习《中国共产党章程》", "学习《中国共产党支部工作条例（试行）》",
                "学习《中国共产党纪律处分条例》", "学习上级党委全会精神", "学习党史中的红船精神",
                "学习《关于新形势下党内政治生活的若干准则》", "学习基层治理有关文件")
WORK_TOPICS = ("研究社区环境整治工作", "研究党员志愿服务安排", "讨论困难党员帮扶名单",
               "研究垃圾分类宣传工作", "研究民情收集与交办", "讨论年度党建工作要点",
               "研究老旧小区改造中的党员作用发挥")
LEAVE_REASONS = ("外出务工", "生病住院", "出差", "照顾家人", "单位值班", "外地探亲")
PLACES = ("社区党群服务中心会议室", "党员活动室", "党员先锋站", "社区议事厅")
LECTURE_TITLES = ("从红船精神看初心使命", "新时代党员的责任与担当", "严守纪律 廉洁自律",
                  "发挥党员先锋模范作用", "学好党章 用好党章")


@dataclass
class _Ledger:
    """Memberships, roles and names read once, so 应到 is computed without a query per meeting."""
    spans: dict[int, list[tuple[int, str, str | None]]]   # org -> (member, start, end)
    joined: dict[int, str | None]
    names: dict[int, str]
    roles: list[dict]

    def expected(self, org_ids: list[int], on: str) -> list[int]:
        found = {m for o in org_ids for m, start, end in self.spans.get(o, ())
                 if start <= on and (end is None or end >= on)
                 and (self.joined.get(m) is None or self.joined[m] <= on)}
        return sorted(found)

    def holders(self, org_ids: list[int], role_names: tuple[str, ...], on: str) -> list[int]:
        return sorted({r["member_id"] for r in self.roles if r["org_id"] in org_ids
                       and r["role"] in role_names and r["start_on"] <= on
                       and (r["end_on"] is None or r["end_on"] >= on)})


def generate(store, spec, rng: random.Random, built) -> None:
    ledger = _read(store)
    today = date.today().isoformat()
    for branch_id in built.branch_ids:
        groups = built.group_ids[branch_id]
        for year in range(spec.first_year, spec.last_year + 1):
            _Branch(store, rng, ledger, branch_id, groups, year, today).generate()
            plan.generate(store, branch_id, year)
            plan.link_held(store, branch_id, year)
    search.rebuild(store)


def _read(store) -> _Ledger:
    spans: dict = defaultdict(list)
    for r in store.query("SELECT member_id, org_id, start_on, end_on FROM memberships"):
        spans[r["org_id"]].append((r["member_id"], r["start_on"], r["end_on"]))
    people = store.query("SELECT id, name, joined_on FROM members")
    return _Ledger(spans, {p["id"]: p["joined_on"] for p in people},
                   {p["id"]: p["name"] for p in people}, store.query("SELECT * FROM roles"))


class _Pending(NamedTuple):
    """A record built in memory, written later with the rest of the year."""
    row: dict
    tags: list[str]
    expected: list[int]
    all_present: bool
    briefer: str


class _Branch:
    """One branch's year of records."""

    def __init__(self, store, rng, ledger: _Ledger, branch_id, groups, year, today):
        self.store, self.rng, self.ledger = store, rng, ledger
        self.branch_id, self.groups, self.year, self.today = branch_id, groups, year, today
        self.org_ids = [branch_id, *groups]
        # A few months without a 支委会, and now and then an unbriefed absentee: findings to check.
        self.skipped_committee = set(rng.sample(range(1, 13), rng.choice((0, 1, 1, 2))))
        self.pending: list[_Pending] = []

    def generate(self) -> None:
        for month in range(1, 13):
            self._month(month)
        self._heart_talks()
        self._flush()

    def _flush(self) -> None:
        """Write the year's records table by table: four bulk inserts instead of thousands."""
        ids = self.store.insert_many("meetings", [p.row for p in self.pending])
        self.store.insert_many("meeting_tags", [
            {"meeting_id": i, "tag": t} for i, p in zip(ids, self.pending) for t in p.tags])
        marks = [self._marks(i, p.expected, p.all_present,
                             {p.row["host_id"], p.row["recorder_id"]})
                 for i, p in zip(ids, self.pending)]
        att_ids = self.store.insert_many("attendance", [row for rows in marks for row in rows])
        followups, at = [], 0
        for pending, rows in zip(self.pending, marks):
            on = date.fromisoformat(pending.row["held_on"])
            for mark in rows:
                briefed_on = (on + timedelta(days=self.rng.randint(1, 7))).isoformat()
                if mark["status"] != "出席" and self.rng.random() < 0.9 and briefed_on <= self.today:
                    followups.append({"attendance_id": att_ids[at],
                                      "method": self.rng.choice(kinds.FOLLOWUP_METHODS[:3]),
                                      "on_date": briefed_on, "by_whom": pending.briefer})
                at += 1
        self.store.insert_many("followups", followups)

    def _month(self, month: int) -> None:
        y, rng = self.year, self.rng
        if month not in self.skipped_committee:
            tags = [kinds.TAG_PARTY_BUILDING] if month % 3 == 1 else []
            if month in (3, 9):
                tags.append(kinds.TAG_RECRUITMENT)
            self._meeting(kinds.COMMITTEE_MEETING, date(y, month, rng.randint(8, 12)), tags,
                          topic=rng.choice(WORK_TOPICS))
        if month % 3 == 0:
            self._meeting(kinds.BRANCH_MEETING, date(y, month, rng.randint(14, 18)),
                          [kinds.TAG_CONSTITUTION], topic="学习《中国共产党章程》，" + rng.choice(WORK_TOPICS))
        for group_id in self.groups:
            self._meeting(kinds.GROUP_MEETING, date(y, month, rng.randint(18, 22)), [],
                          org_id=group_id, topic=rng.choice(STUDY_TOPICS))
        if month % 2 == 0:
            secretary = month == 6
            self._meeting(kinds.PARTY_LESSON, date(y, month, rng.randint(10, 13)),
                          [kinds.TAG_SECRETARY_LESSON] if secretary else [],
                          topic=rng.choice(LECTURE_TITLES), secretary_lectures=secretary)
        if month == 1:
            self._meeting(kinds.LIFE_MEETING, date(y, 1, rng.randint(15, 20)), [kinds.TAG_OATH],
                          topic=f"{y - 1}年度组织生活会")
            self._meeting(kinds.APPRAISAL, date(y, 1, rng.randint(22, 26)), [],
                          topic=f"{y - 1}年度民主评议党员")
        self._meeting(kinds.THEME_DAY, date(y, month, 5), [], day_kind=kinds.STUDY_DAY,
                      topic=rng.choice(STUDY_TOPICS))
        self._meeting(kinds.THEME_DAY, date(y, month, 25), list(kinds.DAY_THEME_TAGS[kinds.SERVICE_DAY]),
                      day_kind=kinds.SERVICE_DAY, topic=rng.choice(WORK_TOPICS))
        for on, occasion in plan.care_days(y, plan.PlanRules().care_days_before):
            if on.year == y and on.month == month and rng.random() < 0.8:
                self._meeting(kinds.THEME_DAY, on, ["走访慰问"], day_kind=kinds.CARE_DAY,
                              topic=f"{occasion}前走访慰问老党员、困难党员")

    def _meeting(self, kind, on: date, tags, *, org_id=None, topic=None, day_kind=None,
                 secretary_lectures=False, partner=None) -> None:
        held_on = on.isoformat()
        if held_on > self.today:
            return
        org_id = org_id or self.branch_id
        tpl = TEMPLATES[kind]
        if tpl.audience == kinds.COMMITTEE:
            expected = self.ledger.holders(self.org_ids, orgs.COMMITTEE_ROLES, held_on)
        elif tpl.audience == kinds.ONE_MEMBER:
            expected = [partner]
        else:
            expected = self.ledger.expected(self.org_ids if org_id == self.branch_id else [org_id],
                                            held_on)
        if not expected:
            return
        secretary = self.ledger.holders([self.branch_id], ("书记",), held_on)
        host = self.ledger.holders([org_id], (tpl.host_role,), held_on) or secretary
        recorder = self.ledger.holders([self.branch_id], ("组织委员",), held_on)
        if kind == kinds.GROUP_MEETING:     # a 党小组会 is recorded by one of the group
            recorder = [m for m in expected if m not in host][:1] or recorder
        lecturer = None
        if kind == kinds.PARTY_LESSON:
            lecturer = self.ledger.names[secretary[0]] if secretary and secretary_lectures \
                else self.rng.choice(("街道党校讲师", "区委党校教师", "老党员宣讲团成员"))
        names = self.ledger.names
        minutes = (f"会议由{names[host[0]] if host else '书记'}主持。{topic or ''}。"
                   f"与会党员围绕{topic or '会议议题'}进行了交流讨论，"
                   f"一致表示要把学习成果转化为推动工作的实际行动。")
        if kind == kinds.HEART_TALK:
            minutes = f"与{names[partner]}同志谈心谈话，了解思想、工作和生活情况，听取意见建议。"
        row = {
            "org_id": org_id, "kind": kind, "day_kind": day_kind,
            "title": kinds.default_title(kind, held_on, day_kind,
                                         names[partner] if partner else None),
            "held_on": held_on, "start_time": "14:30", "end_time": "16:30",
            "place": self.rng.choice(PLACES), "host_id": host[0] if host else None,
            "recorder_id": recorder[0] if recorder else None, "lecturer": lecturer,
            "topic": topic, "agenda": "\n".join(f"{i}. {a}" for i, a in enumerate(tpl.agenda, 1)),
            "minutes": minutes,
            "resolutions": "会议决定：按分工抓好落实，下次会议通报进展。" if tpl.audience != kinds.ONE_MEMBER else None,
            "study_hours": tpl.study_hours, "status": "已召开"}
        self.pending.append(_Pending(row, list(dict.fromkeys([*tpl.tags, *tags])), expected,
                                     kind == kinds.HEART_TALK,
                                     names[recorder[0]] if recorder else "组织委员"))

    def _marks(self, meeting_id, expected, all_present, running) -> list[dict]:
        """Mostly present; some on leave with a reason, a few absent without one. Whoever hosts
        or records the meeting (`running`) is there."""
        rows = []
        for member_id in expected:
            roll = 0.0 if all_present else self.rng.random()
            roll = 0.0 if member_id in running else roll
            row = {"meeting_id": meeting_id, "member_id": member_id, "status": "出席"}
            if 0.87 <= roll < 0.96:
                row.update(status="请假", leave_reason=self.rng.choice(LEAVE_REASONS),
                           approved_by="书记")
            elif roll >= 0.96:
                row["status"] = "缺席"
            rows.append(row)
        return rows

    def _heart_talks(self) -> None:
        """谈心谈话 with every member once a year, spread over the months."""
        for i, member_id in enumerate(self.ledger.expected(self.org_ids, f"{self.year}-06-30")):
            month = i % 12 + 1
            on = date(self.year, month, self.rng.randint(1, 28))
            joined = self.ledger.joined.get(member_id)
            if joined and on.isoformat() <= joined:     # talk with a new member after joining
                on = min(date.fromisoformat(joined) + timedelta(days=7), date(self.year, 12, 28))
            self._meeting(kinds.HEART_TALK, on, [], partner=member_id)
