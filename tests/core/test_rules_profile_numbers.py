"""Each rule reads its numbers from the profile, and counts only what its rule says (issue #17:
planted bugs that the shipped profiles could not tell apart). Every shipped profile happens to
use 30 days, 1/3, one meeting a window: a county profile may say 7 days, 1/2 or twice a month,
so these tests change the number and work the result out by hand. Six members, 己六 the last."""
from dataclasses import replace
from fractions import Fraction

from desktop_app.core import members, orgs
from desktop_app.core.dues.months import months_between
from desktop_app.core.members import Member
from desktop_app.core.rules.findings import DUE_SOON, MET, MISSING, OVERDUE
from desktop_app.core.study import openings
from tests.core.rules_builder import Branch


def _only(branch, rule_id, **params):
    """The branch checked against that one rule, with `params` changed."""
    rule = branch.profile.rule(rule_id)
    branch.profile = replace(branch.profile,
                             rules=(replace(rule, params={**rule.params, **params}),))


def test_briefing_within_seven_days_is_on_time_on_the_seventh_and_late_on_the_eighth(store):
    """党课 on 10 March; deadline 17 March. 戊五 briefed on the 17th, 己六 on the 18th."""
    branch = Branch(store, "jiaxing-2016")
    _only(branch, "jx-11-briefing", within_days=7)
    fifth, sixth = branch.members[-2:]
    lesson = branch.meeting("党课", "2025-03-10", attendees=branch.members[:-2],
                            absent=[fifth, sixth])
    branch.brief(lesson, fifth, "2025-03-17")
    branch.brief(lesson, sixth, "2025-03-18")
    [finding] = branch.check(today="2026-03-01")
    assert (finding.status, finding.member_ids) == (OVERDUE, (sixth,))
    assert finding.detail == "1人次未按时传达：2025-03-10 党课 己六 2025-03-18 才传达（期限 2025-03-17）"


def test_an_absence_ratio_of_one_half_spares_two_of_four_and_flags_three(store):
    """Four 党课: 戊五 misses two (2/4 = 1/2, not more), 己六 three (3/4 > 1/2)."""
    branch = Branch(store, "jiaxing-2016")
    _only(branch, "jx-11-warning", max_ratio=Fraction(1, 2))
    fifth, sixth = branch.members[-2:]
    for month, gone in ((3, [fifth, sixth]), (4, [fifth, sixth]), (5, [sixth]), (6, [])):
        branch.meeting("党课", f"2025-{month:02d}-10",
                       attendees=[m for m in branch.members if m not in gone], absent=gone)
    [finding] = branch.check(today="2026-03-01")
    assert (finding.status, finding.member_ids) == (OVERDUE, (sixth,))
    assert finding.detail == "警示党员候选：己六 2025年 应到4次，无故缺席3次"


def test_leave_is_not_an_unexcused_absence(store):
    """己六 on leave (请假) at the year's only 党课: 0 缺席 of 1, nobody flagged."""
    branch = Branch(store, "jiaxing-2016")
    _only(branch, "jx-11-warning")
    branch.meeting("党课", "2025-03-10", attendees=branch.members[:-1], leave=[branch.members[-1]])
    [finding] = branch.check(today="2026-03-01")
    assert (finding.status, finding.member_ids, finding.detail) == (
        MET, (), "无党员无故缺席超过1/3")


def test_members_on_leave_are_not_present_for_the_attendance_floor(store):
    """党章学习 (70 % to count): 4 present, 1 on leave, 1 absent of 6 is 4/6 = 67 %, so the
    quarter has no meeting that counts; with a fifth present (5/6 = 83 %) it has one."""
    branch = Branch(store, "jiaxing-2016")
    _only(branch, "jx-26-charter")
    people = branch.members
    branch.meeting("支部党员大会", "2025-02-10", tags=["党章学习"], attendees=people[:4],
                   leave=[people[4]], absent=[people[5]])
    [short] = branch.check(period="2025Q1", today="2026-03-01")
    assert short.status == OVERDUE and short.meeting_ids == ()
    assert short.detail == ("共0次符合要求；不足：2025年第一季度 0/1次"
                            "（到会率未达70%：2025-02-10 67%）")
    counted = branch.meeting("支部党员大会", "2025-03-10", tags=["党章学习"], attendees=people[:5],
                             absent=[people[5]])
    [met] = branch.check(period="2025Q1", today="2026-03-01")
    assert (met.status, met.meeting_ids) == (MET, (counted,))


def test_twice_a_month_needs_two_meetings_in_the_month(store):
    branch = Branch(store, "jiaxing-2016")
    _only(branch, "jx-11-committee", count=2)
    branch.meeting("支委会", "2025-03-10")
    [one] = branch.check(period="2025-03", today="2026-03-01")
    assert (one.status, one.detail) == (OVERDUE, "共1次符合要求；不足：2025年3月 1/2次")
    branch.meeting("支委会", "2025-03-24")
    [two] = branch.check(period="2025-03", today="2026-03-01")
    assert (two.status, two.detail) == (MET, "共2次符合要求")


def test_the_opening_hours_count_toward_the_year(store):
    """32 学时 (书记 56): 16 h of 党课 for everyone; 己六 alone brought 16 h in the opening
    balance, so he reaches 32 and the five others are short (书记 16/56, four at 16/32)."""
    branch = Branch(store, "jiaxing-2016")
    _only(branch, "jx-26-study-hours")
    for month in (3, 6):
        branch.meeting("党课", f"2025-{month:02d}-10", hours=8)
    openings.set_opening(store, branch.members[-1], 2025, 16, "2025-01-01")
    [finding] = branch.check(today="2026-03-01")
    assert finding.status == OVERDUE
    assert finding.member_ids == tuple(branch.members[:-1])
    assert "己六" not in finding.detail and "戊五 2025年 16/32学时" in finding.detail


def test_a_member_who_came_in_october_still_owes_one_volunteer_activity(store):
    """Twice a year, pro-rated and rounded up: 92 of 365 days gives 2 × 92 / 365 = 0.5 → 1."""
    branch = Branch(store, "jiaxing-2016")
    _only(branch, "jx-40-volunteer")
    newcomer = members.add(store, Member(name="庚七", joined_on="2000-07-01"), branch.groups[0],
                           since="2025-10-01")
    for day in (10, 11):
        branch.meeting("志愿服务", f"2025-06-{day}", attendees=branch.members)
    [finding] = branch.check(today="2026-03-01")
    assert (finding.status, finding.member_ids) == (MISSING, (newcomer,))   # none at all
    assert finding.detail == "1人次未达到：庚七 2025年 0/1次"


def test_three_months_of_arrears_when_the_profile_says_three(store):
    """Everyone pays all of 2025 but 己六, who pays January to September (October–December
    unpaid, a run of 3) or to October (a run of 2, only a reminder)."""
    branch = Branch(store, "jiaxing-2016")
    _only(branch, "dz-9-dues-arrears", months=3)
    for member_id in branch.members[:-1]:
        branch.pay(member_id, months_between("2025-01", "2025-12"), "2025-01-10")
    branch.pay(branch.members[-1], months_between("2025-01", "2025-09"), "2025-01-10")
    [three] = branch.check(today="2026-03-01")
    assert (three.status, three.member_ids, three.detail) == (
        OVERDUE, (branch.members[-1],), "己六 连续3个月未交")
    branch.pay(branch.members[-1], ["2025-10"], "2025-10-10")
    [two] = branch.check(today="2026-03-01")
    assert (two.status, two.member_ids) == (DUE_SOON, (branch.members[-1],))


def test_arrears_count_only_months_that_have_ended(store):
    """己六 paid January to June. On 15 December November is the last month ended: July to
    November is a run of 5 (a reminder); from 1 January December counts too: 6, treated as left."""
    branch = Branch(store, "jiaxing-2016")
    _only(branch, "dz-9-dues-arrears")
    for member_id in branch.members[:-1]:
        branch.pay(member_id, months_between("2025-01", "2025-12"), "2025-01-10")
    branch.pay(branch.members[-1], months_between("2025-01", "2025-06"), "2025-01-10")
    [december] = branch.check(today="2025-12-15")
    assert (december.status, december.member_ids) == (DUE_SOON, (branch.members[-1],))
    [january] = branch.check(today="2026-01-01")
    assert (january.status, january.detail) == (OVERDUE, "己六 连续6个月未交")


def test_a_member_who_transferred_out_is_owed_no_talk(store):
    """谈心谈话 with everyone on the roll at the year's end: 己六 transferred out in June without
    a talk, the five others each had one."""
    branch = Branch(store, "jiaxing-2016")
    _only(branch, "cn-22-talks")
    members.record_event(store, branch.members[-1], "转出", "2025-06-30", place="外省")
    for day, member_id in enumerate(branch.members[:-1], start=10):
        branch.meeting("谈心谈话", f"2025-03-{day}", attendees=[member_id])
    [finding] = branch.check(today="2026-03-01")
    assert (finding.status, finding.member_ids) == (MET, ())
    assert finding.detail == "已与全部党员谈心谈话（5次记录）"


def test_a_profiles_own_study_hours_are_the_quota(store):
    """A profile asking 20 学时 (nobody on a committee quota): two 10-hour sessions reach it."""
    branch = Branch(store, "jiaxing-2016")
    _only(branch, "jx-26-study-hours", hours=20, committee_hours=40, committee_roles=[])
    for month in (3, 6):
        branch.meeting("党课", f"2025-{month:02d}-10", hours=10)
    [finding] = branch.check(today="2026-03-01")
    assert (finding.status, finding.detail) == (MET, "6人次均已达到")


def test_eight_days_in_a_committee_role_raise_the_quota_by_half_an_hour(store):
    """乙二 is 组织委员 (a 56-学时 role here) from 24 December: 8 of 365 days, so his quota is
    32 + 24 × 8 / 365 = 32.53, rounded up to the half hour: 33. Everyone has 32.5 h; the
    others' quota is 32 (甲一's 书记 is not one of the roles this profile names)."""
    branch = Branch(store, "jiaxing-2016")
    _only(branch, "jx-26-study-hours", committee_roles=["组织委员"])
    orgs.assign_role(store, branch.branch, branch.members[1], "组织委员", "2025-12-24")
    for month, hours in ((3, 16), (6, 16), (9, 0.5)):
        branch.meeting("党课", f"2025-{month:02d}-10", hours=hours)
    [finding] = branch.check(today="2026-03-01")
    assert (finding.status, finding.member_ids) == (OVERDUE, (branch.members[1],))
    assert finding.detail == "1人次未达到：乙二（组织委员） 2025年 32.5/33学时"
