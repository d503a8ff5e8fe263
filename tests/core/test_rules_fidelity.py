"""Profile fidelity: every number of every shipped profile is pinned to its seed, and each numeric
rule is driven across its boundary on a ledger built from empty — on the edge it passes, one step
past it fails (1/3 unexcused, 70 % attendance, 30 days to brief, 32/56 学时, the last day of a
window, the days of grace and tolerance, the count a year)."""
from datetime import date, timedelta
from fractions import Fraction

import pytest

from desktop_app.core import members, orgs
from desktop_app.core.dues import ledger as dues
from desktop_app.core.dues.months import months_between
from desktop_app.core.members import Member
from desktop_app.core.rules.findings import DUE_SOON, MET, MISSING, OVERDUE
from desktop_app.core.rules.profile import load_profile, shipped_ids
from desktop_app.core.rules.windows import windows
from desktop_app.core.scoring import pioneer
from tests.core.rules_builder import NAMES, Branch

BAD = (OVERDUE, MISSING)
F3M = ("支部党员大会", "党小组会", "党课")
NATIONAL_FLOOR = {  # 《支部工作条例》 as shipped in national-2018, tongling-2017, county-six-star
    "cn-19-congress": {"every": "quarter", "kinds": ("支部党员大会",), "count": 1},
    "cn-19-committee": {"every": "month", "kinds": ("支委会",), "count": 1},
    "cn-19-group": {"every": "month", "kinds": ("党小组会",), "count": 1, "per_group": True},
    "cn-19-lesson": {"every": "quarter", "kinds": ("党课",), "count": 1},
    "cn-19-secretary-lesson": {"every": "year", "tag": "书记讲党课", "count": 1},
    "dz-9-dues-arrears": {"months": 6},                                  # 党章 第九条
}
YEARLY = {"every": "year", "count": 1}
SEEDS = {
    "national-2018": {
        **NATIONAL_FLOOR,
        "cn-20-theme-day": {"every": "month", "kinds": ("主题党日",), "count": 1},
        "cn-21-life-meeting": {**YEARLY, "kinds": ("组织生活会",)},
        "cn-22-talks": {"every": "year", "kinds": ("谈心谈话",)},
        "cn-23-review": {**YEARLY, "kinds": ("民主评议党员",)},
    },
    "tongling-2017": {   # 铜发〔2017〕10号 三、2 and 三、4 on top of the national floor
        **NATIONAL_FLOOR,
        "tl-3.2-activity-day": {"every": "month", "kinds": ("主题党日",), "count": 1},
        "tl-3.2-review": {**YEARLY, "kinds": ("民主评议党员",)},
        "cn-21-life-meeting": {**YEARLY, "kinds": ("组织生活会",)},
        "cn-22-talks": {"every": "year", "kinds": ("谈心谈话",)},
        "tl-3.4-secretary-training": {**YEARLY, "kinds": ("培训",), "roles": ("书记",)},
    },
    "county-six-star": {   # “4+n”: 三会一课, 组织生活会, 民主评议党员, 谈心谈话, 主题党日+
        **NATIONAL_FLOOR,
        "co-4n-life-meeting": {**YEARLY, "kinds": ("组织生活会",)},
        "co-4n-review": {**YEARLY, "kinds": ("民主评议党员",)},
        "co-4n-talks": {"every": "year", "kinds": ("谈心谈话",)},
        "co-4n-theme-day": {"every": "month", "kinds": ("主题党日",), "count": 1},
    },
    "jiaxing-2016": {    # 55条 #3, #10, #11, #26, #28, #29, #31, #34, #40; 党章 第九条
        "jx-11-congress": {"every": "quarter", "kinds": ("支部党员大会",), "count": 1},
        "jx-11-committee": {"every": "month", "kinds": ("支委会",), "count": 1},
        "jx-11-group": {"every": "month", "kinds": ("党小组会",), "count": 1, "per_group": True},
        "jx-11-lesson": {"every": "two_months", "kinds": ("党课",), "count": 1},
        "jx-11-secretary-lesson": {"every": "year", "tag": "书记讲党课", "count": 1},
        "jx-26-charter": {"every": "quarter", "tag": "党章学习", "count": 1,
                          "min_attendance": Fraction(7, 10)},
        "jx-03-party-building": {"every": "quarter", "tag": "党建专题研究", "count": 1},
        "jx-29-recruitment": {"every": "half_year", "tag": "发展党员专题", "count": 1},
        "jx-10-activity-days": {"tolerance_days": 3},
        "jx-28-review": {**YEARLY, "kinds": ("民主评议党员",)},
        "jx-28-pioneer": {"grace_days": 31},
        "cn-21-life-meeting": {**YEARLY, "kinds": ("组织生活会",)},
        "cn-22-talks": {"every": "year", "kinds": ("谈心谈话",)},
        "jx-34-dues-settled": {"grace_days": 15},
        "jx-11-warning": {"every": "year", "kinds": F3M, "max_ratio": Fraction(1, 3)},
        "jx-26-study-hours": {"hours": 32, "committee_hours": 56, "committee_roles": ("书记",)},
        "jx-40-volunteer": {"every": "year", "kinds": ("志愿服务",), "day_kinds": ("服务日",),
                            "count": 2},
        "jx-26-training": {**YEARLY, "kinds": ("培训",)},
        "dz-9-dues-arrears": {"months": 6},
        "jx-31-mobile": {"fields": ("place", "reason", "contact"), "report_within_days": 30,
                         "away_life_counts": True},
        "jx-11-briefing": {"kinds": F3M, "within_days": 30},
    },
    "changsha-2015": {   # 长高新区发〔2015〕1号 三、4(1)(2); 三会一课 frequencies: the national floor
        **{k: v for k, v in NATIONAL_FLOOR.items() if k != "cn-19-secretary-lesson"},
        "cs-4.1-secretary-lesson": {"every": "year", "tag": "书记讲党课", "count": 1},
        "cn-21-life-meeting": {**YEARLY, "kinds": ("组织生活会",)},
        "cs-4.1-review": {**YEARLY, "kinds": ("民主评议党员",)},
        "cs-4.1-talks": {"every": "year", "kinds": ("谈心谈话",)},
        "cs-4.2-study-hours": {"hours": 32, "committee_hours": 56,
                               "committee_roles": ("书记", "副书记", "组织委员", "宣传委员",
                                                   "纪检委员", "委员")},
    },
}
SHIPPED = [p for p in SEEDS if p in shipped_ids()]


def test_every_shipped_profile_has_its_seed_numbers_pinned():
    assert set(shipped_ids()) == set(SHIPPED)


@pytest.mark.parametrize("profile_id", SHIPPED)
def test_each_number_is_the_seeds(profile_id):
    found = {r.id: r.params for r in load_profile(profile_id).rules}
    assert found == SEEDS[profile_id]


# --- the boundaries, by rule type ------------------------------------------------------------
def cases():
    for profile_id in SHIPPED:
        for rule in load_profile(profile_id).rules:
            if rule.type in EDGES and (rule.type != "mobile_reported"
                                       or "report_within_days" in rule.params):
                yield pytest.param(profile_id, rule.id, id=f"{profile_id}:{rule.id}")


def last_day(window) -> str:
    return window.end


def day_after(window) -> str:
    return (date.fromisoformat(window.end) + timedelta(days=1)).isoformat()


def frequency(branch, p, edge: bool):
    """One meeting a window on its last day; past the edge the last one is a day too late."""
    if p.get("min_attendance") is not None:
        return attendance_floor(branch, p, edge)
    spans = windows(p["every"], "2025-01-01", "2025-12-31")
    targets = branch.groups if p.get("per_group") else [branch.branch]
    for i, window in enumerate(spans):
        on = last_day(window) if edge or i < len(spans) - 1 else day_after(window)
        for target in targets:
            for _ in range(p["count"]):
                if p.get("tag") == "书记讲党课":
                    branch.meeting("党课", on, lecturer=NAMES[0])
                    continue
                kind = p["kinds"][0] if p.get("kinds") else "支部党员大会"
                branch.meeting(kind, on, org=target, tags=[p["tag"]] if p.get("tag") else ())


def attendance_floor(branch, p, edge: bool):
    """Ten members: 7 of 10 present is 70 % (passes); 6 of 10 is not."""
    for n in range(4):
        members.add(branch.store, Member(name=f"增{n}", joined_on="2000-07-01"), branch.groups[0],
                    since="2025-01-01")
    everyone = [m.id for m in members.expected_on(branch.store, branch.branch, "2025-02-10")]
    floor = int(p["min_attendance"] * len(everyone))
    assert (len(everyone), floor) == (10, 7)
    for quarter in range(4):
        present = floor if edge or quarter < 3 else floor - 1
        branch.meeting("支部党员大会", f"2025-{3 * quarter + 2:02d}-10", tags=[p["tag"]],
                       attendees=everyone[:present], absent=everyone[present:])


def unexcused(branch, p, edge: bool):
    """1 absence in 3 sessions is not more than 1/3; 2 in 5 is."""
    victim = branch.members[-1]
    sessions, absences = (3, 1) if edge else (5, 2)
    for n in range(sessions):
        gone = [victim] if n < absences else []
        branch.meeting(p["kinds"][0], f"2025-0{n + 3}-10",
                       attendees=[m for m in branch.members if m not in gone], absent=gone)


def study(branch, p, edge: bool):
    """Each member at exactly their quota, or half an hour short of it: the 书记, and where the
    profile binds the whole 班子 (Changsha) a 组织委员 too, at the higher quota."""
    step = 0 if edge else 0.5
    plain, bound = p["hours"] - step, p["committee_hours"] - step
    raised = [branch.secretary]
    if "组织委员" in p["committee_roles"]:
        orgs.assign_role(branch.store, branch.branch, branch.members[1], "组织委员", "2025-01-01")
        raised.append(branch.members[1])
    branch.meeting("党课", "2025-03-10", hours=plain, lecturer="区委党校教师")
    branch.meeting("培训", "2025-04-10", hours=bound - plain, attendees=raised)


def briefed(branch, p, edge: bool):
    victim = branch.members[-1]
    meeting_id = branch.meeting(p["kinds"][0], "2025-05-10", attendees=branch.members[:-1],
                                absent=[victim])
    days = p["within_days"] + (0 if edge else 1)
    branch.brief(meeting_id, victim, (date(2025, 5, 10) + timedelta(days=days)).isoformat())


def activity_days(branch, p, edge: bool):
    shift = p["tolerance_days"] + (0 if edge else 1)
    fixed = branch.profile.activity_days
    for month in range(1, 13):
        for day, kind in ((fixed.study_day, "学习日"), (fixed.service_day, "服务日")):
            late = shift if month == 12 and kind == "服务日" else 0
            branch.meeting("主题党日", f"2025-{month:02d}-{day + late:02d}", day_kind=kind)


def settled(branch, p, edge: bool):
    for q in range(1, 5):
        months = [f"2025-{m:02d}" for m in range(3 * q - 2, 3 * q + 1)]
        branch.pay(branch.secretary, months, months[0] + "-10")
        end = windows("quarter", months[0] + "-01", months[0] + "-01")[0].end
        late = p["grace_days"] + (0 if edge or q < 4 else 1)
        dues.settle(branch.store, branch.branch, f"2025Q{q}",
                    (date.fromisoformat(end) + timedelta(days=late)).isoformat())


def published(branch, p, edge: bool):
    for half, end in ((1, "2025-06-30"), (2, "2025-12-31")):
        late = p["grace_days"] + (0 if edge or half == 1 else 1)
        pioneer.publish(branch.store, branch.branch, f"2025H{half}",
                        (date.fromisoformat(end) + timedelta(days=late)).isoformat())


def arrears(branch, p, edge: bool):
    """Paid up to July (5 months behind by December: not yet) or to June (6: treated as left)."""
    paid_to = 12 - p["months"] + (1 if edge else 0)
    for member_id in branch.members:
        last = paid_to if member_id == branch.members[-1] else 12
        branch.pay(member_id, months_between("2025-01", f"2025-{last:02d}"), "2025-01-10")


def participation(branch, p, edge: bool):
    people = [branch.secretary] if p.get("roles") else branch.members
    for n in range(p["count"] - (0 if edge else 1)):
        branch.meeting(p["kinds"][0], f"2025-06-{10 + n:02d}", attendees=people)


def reported(branch, p, edge: bool):
    """A member leaves on 1 March and reports on the last day allowed, or the day after."""
    days = p["report_within_days"] + (0 if edge else 1)
    members.record_event(branch.store, branch.members[-1], "流动外出", "2025-03-01", place="杭州",
                         reason="外出务工", contact="13800000000",
                         reported_on=(date(2025, 3, 1) + timedelta(days=days)).isoformat())


EDGES = {"mobile_reported": reported, "meeting_frequency": frequency, "unexcused_absence": unexcused, "study_hours": study,
         "absentees_briefed": briefed, "activity_days_held": activity_days,
         "dues_settled": settled, "pioneer_published": published, "dues_arrears": arrears,
         "member_participation": participation}
PASSING = {"dues_arrears": (MET, DUE_SOON)}   # a shorter run is a reminder, not a breach
EDGE_CASES = list(cases())


@pytest.mark.parametrize("profile_id,rule_id", EDGE_CASES)
def test_on_the_edge_the_rule_passes(store, profile_id, rule_id):
    branch = Branch(store, profile_id)
    rule = branch.profile.rule(rule_id)
    EDGES[rule.type](branch, rule.params, True)
    finding = branch.finding(rule_id, today="2026-03-01")
    assert finding.status in PASSING.get(rule.type, (MET,)), finding.detail


@pytest.mark.parametrize("profile_id,rule_id", EDGE_CASES)
def test_one_step_past_the_edge_the_rule_fails(store, profile_id, rule_id):
    branch = Branch(store, profile_id)
    rule = branch.profile.rule(rule_id)
    EDGES[rule.type](branch, rule.params, False)
    finding = branch.finding(rule_id, today="2026-03-01")
    assert finding.status in BAD, finding.detail
