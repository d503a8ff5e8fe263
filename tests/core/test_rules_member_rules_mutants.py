"""jiaxing-2016 警示党员 (jx-11-warning: 缺席 without leave at more than 1/3 of the year's 支部党员大会,
党小组会 and 党课): the year not begun, a 最少次数 floor, a session on the year's last day, every
member's absences kept, and the words for a warning and for a reminder (mutation survivors of
`rules/member_rules.unexcused_absence`, issue #17). Six members, 己六 the last."""
from dataclasses import replace

from desktop_app.core.rules.findings import DUE_SOON, MET, OVERDUE
from tests.core.rules_builder import Branch

RULE = "jx-11-warning"


def _absent(branch, on, *gone):
    return branch.meeting("党课", on, attendees=[m for m in branch.members if m not in gone],
                          absent=list(gone))


def test_a_year_not_yet_begun_is_not_started(store):
    branch = Branch(store, "jiaxing-2016")
    finding = branch.finding(RULE, today="2024-12-31")
    assert (finding.rule_id, finding.status, finding.detail) == (RULE, DUE_SOON, "期间尚未开始")


def test_a_floor_of_two_sessions_spares_one_missed_session_but_not_two(store):
    branch = Branch(store, "jiaxing-2016")
    rule = branch.profile.rule(RULE)
    floored = replace(rule, params={**rule.params, "min_sessions": 2})
    branch.profile = replace(branch.profile, rules=(floored,))
    victim = branch.members[-1]
    _absent(branch, "2025-03-10", victim)
    [one] = branch.check()
    assert one.member_ids == ()                  # 1 session < the floor of 2
    _absent(branch, "2025-04-10", victim)
    [two] = branch.check()
    assert (two.status, two.member_ids) == (OVERDUE, (victim,))


def test_a_session_on_the_last_day_of_the_year_counts(store):
    branch = Branch(store, "jiaxing-2016")
    victim = branch.members[-1]
    meeting = _absent(branch, "2025-12-31", victim)
    finding = branch.finding(RULE, today="2026-03-01")
    assert (finding.status, finding.member_ids, finding.meeting_ids) == (
        OVERDUE, (victim,), (meeting,))


def test_each_flagged_members_absences_are_kept_and_named(store):
    """戊五 misses the March 党课, 己六 the April one: each 1 of 2 (1/2 > 1/3)."""
    branch = Branch(store, "jiaxing-2016")
    fifth, sixth = branch.members[-2], branch.members[-1]
    march = _absent(branch, "2025-03-10", fifth)
    april = _absent(branch, "2025-04-10", sixth)
    finding = branch.finding(RULE, today="2026-03-01")
    assert (finding.status, finding.member_ids, finding.meeting_ids) == (
        OVERDUE, (fifth, sixth), (march, april))
    assert finding.detail == ("警示党员候选：戊五 2025年 应到2次，无故缺席1次；"
                              "己六 2025年 应到2次，无故缺席1次")


def test_while_the_year_is_open_it_is_a_reminder_in_other_words(store):
    branch = Branch(store, "jiaxing-2016")
    _absent(branch, "2025-03-10", branch.members[-1])
    finding = branch.finding(RULE, today="2025-06-01")
    assert (finding.status, finding.detail) == (
        DUE_SOON, "缺席偏多，请提醒：己六 2025年 应到1次，无故缺席1次")


BRIEF = "jx-11-briefing"        # 传达 within 30 days to whoever missed a 支部党员大会, 党小组会 or 党课


def test_an_absence_from_another_kind_of_meeting_owes_no_briefing(store):
    branch = Branch(store, "jiaxing-2016")
    branch.meeting("支委会", "2025-03-10", attendees=branch.members[:-1],
                   absent=[branch.members[-1]])
    finding = branch.finding(BRIEF, today="2026-03-01")
    assert (finding.status, finding.detail) == (MET, "期间内无缺席党员")


def test_late_briefings_are_listed_in_date_order_whatever_order_they_were_entered(store):
    branch = Branch(store, "jiaxing-2016")
    sixth = branch.members[-1]
    branch.meeting("党课", "2025-06-10", attendees=branch.members[:-1], absent=[sixth])
    branch.meeting("党课", "2025-03-10", attendees=branch.members[:-1], absent=[sixth])
    finding = branch.finding(BRIEF, today="2026-03-01")
    assert (finding.status, finding.detail) == (OVERDUE, (
        "2人次未按时传达：2025-03-10 党课 己六 未传达（期限 2025-04-09）；"
        "2025-06-10 党课 己六 未传达（期限 2025-07-10）"))
