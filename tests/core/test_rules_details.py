"""Rule details: activity days (plan vs fixed days, tolerance, linked and deleted meetings), mobile
members, 党小组 that come and go."""
from desktop_app.core import members
from desktop_app.core.rules.findings import DUE_SOON, MET, MISSING
from desktop_app.core.rules.profile import Rule
from tests.core.rules_builder import Branch

RULE = Rule("x-days", "活动日按计划开展", "测试", "activity_days_held", {"tolerance_days": 3})


def plan(branch, on, day_kind, meeting_id=None):
    return branch.store.insert("activity_plan", {"org_id": branch.branch, "year": int(on[:4]),
                                                 "day_kind": day_kind, "planned_on": on,
                                                 "meeting_id": meeting_id})


def finding(branch, period, today):
    from dataclasses import replace
    branch.profile = replace(branch.profile, rules=(RULE,))
    return branch.finding("x-days", period=period, today=today)


def test_without_a_plan_the_profiles_fixed_days_are_expected(store):
    branch = Branch(store, "jiaxing-2016")
    branch.meeting("主题党日", "2025-03-06", day_kind="学习日")     # a day late: within 3 days
    result = finding(branch, "2025-03", "2025-04-10")
    assert result.status == MISSING        # a day never held is 缺失, whatever else was held
    assert result.detail == "应开展2次，已开展1次；未见记录：2025-03-25 服务日"
    branch.meeting("主题党日", "2025-03-29", day_kind="服务日")     # four days late: too late
    assert finding(branch, "2025-03", "2025-04-10").status == MISSING
    branch.meeting("主题党日", "2025-03-27", day_kind="服务日")
    assert finding(branch, "2025-03", "2025-04-10").status == MET
    assert finding(branch, "2025-03", "2025-03-26").status == MET


def test_a_plan_replaces_the_fixed_days_and_birthdays_are_only_reminders(store):
    branch = Branch(store, "jiaxing-2016")
    plan(branch, "2025-06-08", "学习日")
    plan(branch, "2025-06-20", "关爱日")
    plan(branch, "2025-06-12", "政治生日")
    branch.meeting("主题党日", "2025-06-09", day_kind="学习日")
    assert finding(branch, "2025-06", "2025-06-21").status == DUE_SOON    # 关爱日 + 3 days left
    result = finding(branch, "2025-06", "2025-07-01")
    assert result.status == MISSING
    assert result.detail == "应开展2次，已开展1次；未见记录：2025-06-20 关爱日"   # no 政治生日
    late = branch.meeting("主题党日", "2025-06-28", day_kind="关爱日")
    assert finding(branch, "2025-06", "2025-07-01").status == MISSING     # eight days late …
    store.update("activity_plan", store.query_one("SELECT id FROM activity_plan WHERE "
                                                  "day_kind = '关爱日'")["id"], {"meeting_id": late})
    assert finding(branch, "2025-06", "2025-07-01").status == MET         # … but moved by plan
    branch.delete_meeting(late)
    assert finding(branch, "2025-06", "2025-07-01").status == MISSING     # the bin never counts


def test_no_plan_and_no_fixed_days_is_missing_once_the_period_is_over(store):
    branch = Branch(store, "national-2018")
    assert finding(branch, "2025Q1", "2025-02-01").status == DUE_SOON
    result = finding(branch, "2025Q1", "2025-05-01")
    assert (result.status, result.detail) == (MISSING, "未制定固定活动日计划，档案也未规定固定日期")


def test_a_member_back_before_the_period_is_no_longer_mobile(store):
    branch = Branch(store, "jiaxing-2016")
    away = branch.members[2]
    members.record_event(store, away, "流动外出", "2024-03-01")
    members.record_event(store, away, "流动返回", "2024-12-01")
    assert branch.finding("jx-31-mobile").detail == "期间内无流动党员"
    members.record_event(store, away, "流动外出", "2025-05-01", place="苏州")
    result = branch.finding("jx-31-mobile")
    # no report on record at all after its deadline: 缺失, one word per gap (issue 13)
    assert (result.status, result.member_ids) == (MISSING, (away,))
    assert result.detail == "外出报告不全或过晚：丙三 缺外出理由、联系方式、报告日期"


def test_a_group_counts_only_while_it_exists(store):
    branch = Branch(store, "jiaxing-2016")
    store.update("organisations", branch.groups[1], {"dissolved_on": "2025-01-31"})
    branch.meeting("党小组会", "2025-01-10", org=branch.groups[1])
    for month in range(1, 13):
        branch.meeting("党小组会", f"2025-{month:02d}-10", org=branch.groups[0])
    assert branch.finding("jx-11-group").status == MET
    store.update("organisations", branch.groups[1], {"dissolved_on": "2025-02-28"})
    result = branch.finding("jx-11-group")
    assert (result.status, result.detail) == (MISSING, "共13次符合要求；不足：第2党小组 2025年2月 0/1次")
