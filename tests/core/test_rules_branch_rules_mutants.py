"""Branch rules judged on small hand-built ledgers, each finding checked field by field: which
records a rule matches, a period not yet begun, 季结 on time / late / for the wrong sum / missing,
先锋指数 published on time / late / not yet, and every edge a rule reads (a window's first and
last day, a 党小组's founding and dissolution, 70 % exactly, a tolerance's ends, a deadline day)
(mutation survivors of `rules/branch_rules`, #17; equivalents in tests/mutation_equivalents.md)."""
from dataclasses import replace

import pytest

from desktop_app.core.dues import ledger as dues
from desktop_app.core.rules.branch_rules import matches
from desktop_app.core.rules.evidence import Meeting
from desktop_app.core.rules.findings import DUE_SOON, MET, MISSING, OVERDUE
from desktop_app.core.scoring import pioneer
from tests.core.rules_builder import Branch


def meeting(kind="支委会", *, day_kind=None, tags=(), also=()):
    return Meeting(1, 1, kind, day_kind, "2025-03-10", 0.0, frozenset(tags), frozenset(also))


@pytest.mark.parametrize("params, record, expected", [
    ({}, meeting("党课"), True),
    ({"kinds": ["支委会"]}, meeting("支委会"), True),
    ({"kinds": ["支委会"]}, meeting("党课"), False),
    ({"kinds": ["支委会"]}, meeting("党课", also=["支委会"]), True),
    ({"tag": "书记讲党课"}, meeting(tags=["书记讲党课"]), True),
    ({"tag": "书记讲党课"}, meeting(), False),
    ({"day_kind": "学习日"}, meeting("主题党日", day_kind="学习日"), True),
    ({"day_kind": "学习日"}, meeting("主题党日", day_kind="服务日"), False),
    ({"kinds": ["支委会"], "tag": "x"}, meeting("支委会"), False),
])
def test_a_record_matches_the_rules_kinds_tag_and_day_kind(params, record, expected):
    assert matches(record, params) is expected


def only(branch, rule_id):
    branch.profile = replace(branch.profile, rules=(branch.profile.rule(rule_id),))


@pytest.mark.parametrize("rule_id", ["jx-11-committee", "cn-22-talks", "jx-10-activity-days",
                                     "jx-28-pioneer"])
def test_a_period_not_yet_begun_is_due_soon(store, rule_id):
    """2026 checked on 15 September 2025: no window has begun (no fixed activity day has come)."""
    branch = Branch(store, "jiaxing-2016")
    only(branch, rule_id)
    [f] = branch.check(period="2026", today="2025-09-15")
    assert (f.rule_id, f.status, f.detail, f.org_id, f.meeting_ids, f.record_ids) == \
        (rule_id, DUE_SOON, "期间尚未开始", branch.branch, (), ())


def test_dues_not_settled_while_the_quarter_collects(store):
    branch = Branch(store, "jiaxing-2016")
    only(branch, "jx-34-dues-settled")
    [f] = branch.check(period="2025Q3", today="2025-09-30")      # the quarter's last day
    assert (f.status, f.detail, f.record_ids) == (DUE_SOON, "本季度收缴中，季末后结算", ())


def settled_branch(store):
    """甲一 pays 40.00 元 a month (在职, 4 000 元 a month: 1 %) for Q1–Q3, on each quarter's
    first month's 10th. Q1 settled on 1 April (deadline 15 April); Q2 on 16 July (grace 15 days: deadline
    15 July); Q3 not settled; Q4 nothing paid, nothing settled."""
    branch = Branch(store, "jiaxing-2016")
    only(branch, "jx-34-dues-settled")
    payer = branch.members[0]
    for q, first in enumerate(("2025-01", "2025-04", "2025-07"), start=1):
        months = [f"2025-{int(first[5:]) + i:02d}" for i in range(3)]
        branch.pay(payer, months, first + "-10")
    q1 = dues.settle(store, branch.branch, "2025Q1", "2025-04-01")
    q2 = dues.settle(store, branch.branch, "2025Q2", "2025-07-16")
    return branch, q1, q2


def test_dues_settlement_on_time_late_and_missing(store):
    branch, q1, q2 = settled_branch(store)
    [f] = branch.check(period="2025", today="2026-03-01")
    assert f.status == MISSING                  # Q4: nothing collected, nothing settled
    assert branch.check(period="2025Q2", today="2026-03-01")[0].status == OVERDUE
    assert f.detail == ("2025年第二季度 于 2025-07-16 结算，晚于 2025-07-15；"
                        "2025年第三季度 未结算（已收 120.00 元）；"
                        "2025年第四季度 未结算（已收 0.00 元）")
    assert f.record_ids == (("dues_settlements", q1), ("dues_settlements", q2))


def test_dues_settled_for_a_sum_the_ledger_does_not_show(store):
    branch, q1, _ = settled_branch(store)
    store.update("dues_settlements", q1, {"total_fen": 11000}, reason="测试：金额改错")
    [f] = branch.check(period="2025Q1", today="2025-05-01")
    assert (f.status, f.detail, f.record_ids) == (
        OVERDUE, "2025年第一季度 结算 110.00 元，与收缴合计 120.00 元不符",
        (("dues_settlements", q1),))


def test_dues_settled_on_time_for_the_right_sum(store):
    branch, q1, _ = settled_branch(store)
    [f] = branch.check(period="2025Q1", today="2025-04-20")
    assert (f.status, f.detail, f.record_ids) == (MET, "1个季度均已按时结算，金额相符",
                                                 (("dues_settlements", q1),))


def test_a_quarter_not_settled_is_due_soon_until_its_deadline(store):
    """Q3 ends 30 September, deadline 15 October: on 15 October still 即将到期, the 16th 逾期."""
    branch, _, _ = settled_branch(store)
    statuses = [branch.check(period="2025Q3", today=day)[0].status
                for day in ("2025-10-15", "2025-10-16")]
    assert statuses == [DUE_SOON, OVERDUE]


def pioneer_branch(store):
    branch = Branch(store, "jiaxing-2016")
    only(branch, "jx-28-pioneer")
    return branch


def published_id(store, period):
    return store.query_one("SELECT id FROM pioneer_evaluations WHERE period = ?", [period])["id"]


def test_pioneer_published_on_time_and_late(store):
    """Grace 31 days: H1 deadline 31 July, H2 deadline 31 January 2026."""
    branch = pioneer_branch(store)
    pioneer.publish(store, branch.branch, "2025H1", "2025-07-31")
    pioneer.publish(store, branch.branch, "2025H2", "2026-02-01")
    [f] = branch.check(period="2025", today="2026-03-01")
    assert (f.status, f.detail) == (OVERDUE, "2025年下半年 于 2026-02-01 公布，晚于 2026-01-31")
    assert f.record_ids == (("pioneer_evaluations", published_id(store, "2025H1")),
                            ("pioneer_evaluations", published_id(store, "2025H2")))


def test_pioneer_all_on_time_names_each_half_year(store):
    branch = pioneer_branch(store)
    pioneer.publish(store, branch.branch, "2025H1", "2025-07-10")
    pioneer.publish(store, branch.branch, "2025H2", "2026-01-31")
    [f] = branch.check(period="2025", today="2026-03-01")
    assert (f.status, f.detail) == (MET, "先锋指数已按时公布：2025年上半年（2025-07-10）、"
                                         "2025年下半年（2026-01-31）")


def test_pioneer_not_published_is_due_soon_then_missing(store):
    branch = pioneer_branch(store)
    pioneer.publish(store, branch.branch, "2025H1", "2025-07-10")
    on_deadline = branch.check(period="2025", today="2026-01-31")[0]
    assert (on_deadline.status, on_deadline.detail) == (
        DUE_SOON, "2025年下半年 尚未公布（期限 2026-01-31）")
    assert on_deadline.record_ids == (("pioneer_evaluations", published_id(store, "2025H1")),)
    assert branch.check(period="2025", today="2026-02-01")[0].status == MISSING


def test_a_rule_without_count_needs_one_meeting_on_or_inside_its_window_edges(store):
    """A home-made rule with no `count`: one 支委会 a month. Held on 1 March and 30 April (the
    windows' first and last days): 达标 for March–April, two records."""
    from desktop_app.core.rules.profile import Rule
    branch = Branch(store, "national-2018")
    rule = Rule("x-committee", "每月支委会", "测试", "meeting_frequency",
                {"every": "month", "kinds": ("支委会",)})
    branch.profile = replace(branch.profile, rules=(rule,))
    first, last = branch.meeting("支委会", "2025-03-01"), branch.meeting("支委会", "2025-04-30")
    [f] = branch.check(period="2025-03", today="2025-06-01")
    assert (f.status, f.detail, f.meeting_ids) == (MET, "共1次符合要求", (first,))
    [f] = branch.check(period="2025-04", today="2025-06-01")
    assert (f.status, f.detail, f.meeting_ids) == (MET, "共1次符合要求", (last,))


def test_a_branch_without_groups_is_not_judged_per_group(store):
    from desktop_app.core import orgs
    from desktop_app.core.periods import parse_period
    from desktop_app.core.rules.engine import check
    branch = Branch(store, "jiaxing-2016")
    alone = orgs.create(store, "B9", "无党小组党支部", "党支部", branch.root)
    profile = replace(branch.profile, rules=(branch.profile.rule("jx-11-group"),))
    [f] = check(store, alone, parse_period("2025-03"), profile=profile, today="2025-06-01")
    assert (f.rule_id, f.status, f.detail, f.org_id) == ("jx-11-group", MET,
                                                        "不适用：本组织未设党小组", alone)


def test_a_meeting_below_the_attendance_floor_is_held_but_does_not_count(store):
    """jx-26-charter: a 党章学习 each quarter with at least 70 % present. Four of six came on
    10 February (67 %): the quarter had a meeting, so after it 逾期 (not 缺失), naming the rate."""
    branch = Branch(store, "jiaxing-2016")
    only(branch, "jx-26-charter")
    branch.meeting("支部党员大会", "2025-02-10", tags=["党章学习"], attendees=branch.members[:4],
                   absent=branch.members[4:])
    [f] = branch.check(period="2025Q1", today="2025-05-01")
    assert (f.status, f.detail, f.meeting_ids) == (
        OVERDUE, "共0次符合要求；不足：2025年第一季度 0/1次（到会率未达70%：2025-02-10 67%）", ())


# --- meeting_frequency: a count above one, 党小组 on a window's edges, the 70 % edge -------------

def home_rule(branch, rule_type, params, rule_id="x-rule"):
    from desktop_app.core.rules.profile import Rule
    branch.profile = replace(branch.profile, rules=(Rule(rule_id, "测试规则", "测试", rule_type,
                                                         params),))


def test_a_rule_counting_two_meetings_is_short_with_one(store):
    """Two 支委会 a month asked, one held on 10 March: 逾期 after March, "1/2次"."""
    branch = Branch(store, "national-2018")
    home_rule(branch, "meeting_frequency", {"every": "month", "kinds": ("支委会",), "count": 2})
    held = branch.meeting("支委会", "2025-03-10")
    [f] = branch.check(period="2025-03", today="2025-06-01")
    assert (f.status, f.detail, f.meeting_ids) == (
        OVERDUE, "共1次符合要求；不足：2025年3月 1/2次", (held,))


def test_a_group_founded_on_the_windows_last_day_or_dissolved_on_its_first_is_judged(store):
    """第1党小组 founded on 31 March, 第2党小组 dissolved on 1 March: both existed in March, so
    each owes its March 党小组会; none was held."""
    branch = Branch(store, "jiaxing-2016")
    only(branch, "jx-11-group")
    store.update("organisations", branch.groups[0], {"founded_on": "2025-03-31"})
    store.update("organisations", branch.groups[1], {"dissolved_on": "2025-03-01"})
    [f] = branch.check(period="2025-03", today="2025-06-01")
    assert (f.status, f.detail) == (
        MISSING, "共0次符合要求；不足：第1党小组 2025年3月 0/1次；第2党小组 2025年3月 0/1次")


def test_a_group_not_yet_founded_does_not_excuse_the_next_group(store):
    """第1党小组 founded on 1 April is skipped in March; 第2党小组 still owes its March meeting."""
    branch = Branch(store, "jiaxing-2016")
    only(branch, "jx-11-group")
    store.update("organisations", branch.groups[0], {"founded_on": "2025-04-01"})
    [f] = branch.check(period="2025-03", today="2025-06-01")
    assert (f.status, f.detail) == (MISSING, "共0次符合要求；不足：第2党小组 2025年3月 0/1次")


def test_exactly_seventy_percent_present_counts(store):
    """jx-26-charter asks 70 % or more: ten members, seven present on 10 February (7/10 = 70 %)."""
    from desktop_app.core import members
    from desktop_app.core.members import Member
    branch = Branch(store, "jiaxing-2016")
    only(branch, "jx-26-charter")
    more = [members.add(store, Member(name=name, joined_on="2000-07-01"), branch.groups[0],
                        since="2025-01-01") for name in ("庚七", "辛八", "壬九", "癸十")]
    everyone = branch.members + more
    held = branch.meeting("支部党员大会", "2025-02-10", tags=["党章学习"], attendees=everyone[:7],
                          absent=everyone[7:])
    [f] = branch.check(period="2025Q1", today="2025-05-01")
    assert (f.status, f.detail, f.meeting_ids) == (MET, "共1次符合要求", (held,))


def test_two_meetings_below_the_floor_are_each_named(store):
    """4 of 6 on 10 February (67 %), 3 of 6 on 10 March (50 %): neither counts, both named."""
    branch = Branch(store, "jiaxing-2016")
    only(branch, "jx-26-charter")
    for on, came in (("2025-02-10", 4), ("2025-03-10", 3)):
        branch.meeting("支部党员大会", on, tags=["党章学习"], attendees=branch.members[:came],
                       absent=branch.members[came:])
    [f] = branch.check(period="2025Q1", today="2025-05-01")
    assert (f.status, f.detail) == (
        OVERDUE, "共0次符合要求；不足：2025年第一季度 0/1次"
                 "（到会率未达70%：2025-02-10 67%、2025-03-10 50%）")


def test_no_secretary_lesson_says_how_it_is_judged(store):
    """书记讲党课 is derived from the lecturer: with none found, the detail says so; once 甲一 (书记)
    gives a 党课, the plain count."""
    branch = Branch(store, "jiaxing-2016")
    only(branch, "jx-11-secretary-lesson")
    [f] = branch.check(period="2025", today="2026-03-01")
    assert (f.status, f.detail) == (
        MISSING, "共0次符合要求；不足：2025年 0/1次（按党课主讲人当日是否担任书记判定）")
    lesson = branch.meeting("党课", "2025-06-10", lecturer="甲一")
    [f] = branch.check(period="2025", today="2026-03-01")
    assert (f.status, f.detail, f.meeting_ids) == (MET, "共1次符合要求", (lesson,))


# --- talk_with_every_member: each half year's gap, the records, a talk with nobody marked ----

def test_talks_missed_in_each_half_year_are_named_with_every_talk_as_evidence(store):
    """Talks every half year (a home-made rule). H1: 甲一–戊五 talked, 己六 only sat in a 支委会
    (not a talk), and one talk was entered with nobody marked; H2: all but 戊五. After the year:
    逾期 (talks were held), both gaps named, both members listed, all eleven talks as evidence."""
    branch = Branch(store, "jiaxing-2016")
    home_rule(branch, "talk_with_every_member", {"every": "half_year", "kinds": ("谈心谈话",)})
    a, b, c, d, e, f_ = branch.members
    talks = [branch.meeting("谈心谈话", f"2025-03-{10 + i}", attendees=[m])
             for i, m in enumerate((a, b, c, d, e))]
    branch.meeting("支委会", "2025-04-10")                       # everyone present, not a talk
    talks.append(branch.meeting("谈心谈话", "2025-05-10", attendees=[]))
    talks += [branch.meeting("谈心谈话", f"2025-09-{10 + i}", attendees=[m])
              for i, m in enumerate((a, b, c, d, f_))]
    [f] = branch.check(period="2025", today="2026-03-01")
    assert (f.status, f.detail) == (
        OVERDUE, "2025年上半年 尚有1人未谈：己六；2025年下半年 尚有1人未谈：戊五")
    assert (f.member_ids, f.meeting_ids) == ((e, f_), tuple(talks))


def test_talks_with_everyone_count_the_records(store):
    branch = Branch(store, "jiaxing-2016")
    only(branch, "cn-22-talks")
    talks = [branch.meeting("谈心谈话", f"2025-03-{10 + i}", attendees=[m])
             for i, m in enumerate(branch.members)]
    [f] = branch.check(period="2025", today="2026-03-01")
    assert (f.status, f.detail, f.member_ids, f.meeting_ids) == (
        MET, "已与全部党员谈心谈话（6次记录）", (), tuple(talks))


# --- activity_days_held: today on a fixed day, the tolerance's edges, plan days on the edges --

def activity_branch(store):
    """jiaxing-2016: 学习日 on the 5th, 服务日 on the 25th, held within 3 days either side."""
    branch = Branch(store, "jiaxing-2016")
    only(branch, "jx-10-activity-days")
    return branch


def test_a_fixed_day_that_is_today_is_already_due(store):
    """Checked on 5 March: the 5 March 学习日 is due (the 25th is not yet) and was held."""
    branch = activity_branch(store)
    held = branch.meeting("主题党日", "2025-03-05", day_kind="学习日")
    [f] = branch.check(period="2025-03", today="2025-03-05")
    assert (f.status, f.detail, f.meeting_ids) == (MET, "应开展1次，已开展1次", (held,))


def test_activity_days_held_on_the_tolerances_edges_count(store):
    """学习日 held on 2 March (5th − 3 days), 服务日 on 28 March (25th + 3 days): both count."""
    branch = activity_branch(store)
    study = branch.meeting("主题党日", "2025-03-02", day_kind="学习日")
    service = branch.meeting("主题党日", "2025-03-28", day_kind="服务日")
    [f] = branch.check(period="2025-03", today="2025-04-10")
    assert (f.status, f.detail, f.meeting_ids) == (MET, "应开展2次，已开展2次", (study, service))


def test_a_theme_day_of_the_party_committee_is_not_the_branchs_own(store):
    """The 党委 held a 学习日 主题党日 on 5 April: the branch's own April days are both missing."""
    branch = activity_branch(store)
    branch.meeting("主题党日", "2025-04-05", org=branch.root, day_kind="学习日", attendees=[])
    [f] = branch.check(period="2025-04", today="2025-05-10")
    assert (f.status, f.detail, f.meeting_ids) == (
        MISSING, "应开展2次，已开展0次；未见记录：2025-04-05 学习日、2025-04-25 服务日", ())


def test_plan_days_on_the_periods_first_and_last_day_are_due(store):
    """The 2025 plan puts a 学习日 on 1 March and a 服务日 on 31 March (the plan replaces the
    fixed 5th and 25th): March owes both."""
    branch = activity_branch(store)
    for on, kind in (("2025-03-01", "学习日"), ("2025-03-31", "服务日")):
        store.insert("activity_plan", {"org_id": branch.branch, "year": 2025, "day_kind": kind,
                                       "planned_on": on})
    [f] = branch.check(period="2025-03", today="2025-04-10")
    assert (f.status, f.detail) == (
        MISSING, "应开展2次，已开展0次；未见记录：2025-03-01 学习日、2025-03-31 服务日")


def test_without_plan_or_fixed_days_the_period_is_due_soon_through_its_last_day(store):
    from desktop_app.core.rules.profile import ActivityDays
    branch = activity_branch(store)
    branch.profile = replace(branch.profile, activity_days=ActivityDays())
    words = "未制定固定活动日计划，档案也未规定固定日期"
    statuses = [(f.status, f.detail) for day in ("2025-03-31", "2025-04-01")
                for f in branch.check(period="2025-03", today=day)]
    assert statuses == [(DUE_SOON, words), (MISSING, words)]


# --- dues_settled: payments on the quarter's edges, settled on the deadline -----------------

def test_payments_on_the_quarters_first_and_last_day_are_its_collection(store):
    """甲一 pays Q1 (120.00 元) on 1 January, 乙二 on 31 March; settled 1 April for 240.00 元."""
    branch = Branch(store, "jiaxing-2016")
    only(branch, "jx-34-dues-settled")
    months = ["2025-01", "2025-02", "2025-03"]
    branch.pay(branch.members[0], months, "2025-01-01")
    branch.pay(branch.members[1], months, "2025-03-31")
    q1 = dues.settle(store, branch.branch, "2025Q1", "2025-04-01")
    assert store.get("dues_settlements", q1)["total_fen"] == 24000
    [f] = branch.check(period="2025Q1", today="2025-05-01")
    assert (f.status, f.detail) == (MET, "1个季度均已按时结算，金额相符")


def test_dues_settled_on_the_deadline_day_are_on_time(store):
    """Q1's deadline is 15 April (grace 15 days): settled that day is 达标, no note."""
    branch = Branch(store, "jiaxing-2016")
    only(branch, "jx-34-dues-settled")
    branch.pay(branch.members[0], ["2025-01", "2025-02", "2025-03"], "2025-01-10")
    q1 = dues.settle(store, branch.branch, "2025Q1", "2025-04-15")
    [f] = branch.check(period="2025Q1", today="2025-05-01")
    assert (f.status, f.detail, f.record_ids) == (MET, "1个季度均已按时结算，金额相符",
                                                 (("dues_settlements", q1),))


# --- pioneer_published: a half year missing does not hide the next one ----------------------

def test_pioneer_missing_first_half_and_late_second_half_are_both_named(store):
    branch = pioneer_branch(store)
    pioneer.publish(store, branch.branch, "2025H2", "2026-02-01")
    [f] = branch.check(period="2025", today="2026-03-01")
    assert (f.status, f.detail) == (MISSING, "2025年上半年 尚未公布（期限 2025-07-31）；"
                                             "2025年下半年 于 2026-02-01 公布，晚于 2026-01-31")
    assert f.record_ids == (("pioneer_evaluations", published_id(store, "2025H2")),)
