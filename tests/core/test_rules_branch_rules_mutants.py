"""Branch rules judged on small hand-built ledgers, each finding checked field by field: which
records a rule matches, a period not yet begun, 季结 on time / late / for the wrong sum / missing,
先锋指数 published on time / late / not yet (mutation survivors of `rules/branch_rules`, #17)."""
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
