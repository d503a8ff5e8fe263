"""jiaxing-2016 警示党员 (jx-11-warning: 缺席 without leave at more than 1/3 of the year's 支部党员大会,
党小组会 and 党课): the year not begun, a 最少次数 floor, a session on the year's last day, every
member's absences kept, and the words for a warning and for a reminder (mutation survivors of
`rules/member_rules.unexcused_absence`, issue #17). Six members, 己六 the last."""
from dataclasses import replace

from desktop_app.core import members

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
    june = branch.meeting("党课", "2025-06-10", attendees=branch.members[:-1], absent=[sixth])
    march = branch.meeting("党课", "2025-03-10", attendees=branch.members[:-1], absent=[sixth])
    finding = branch.finding(BRIEF, today="2026-03-01")
    assert (finding.meeting_ids, finding.member_ids) == (tuple(sorted((june, march))), (sixth,))
    assert (finding.status, finding.detail) == (OVERDUE, (
        "2人次未按时传达：2025-03-10 党课 己六 未传达（期限 2025-04-09）；"
        "2025-06-10 党课 己六 未传达（期限 2025-07-10）"))


def test_a_group_meeting_is_named_with_its_group(store):
    branch = Branch(store, "jiaxing-2016")
    sixth = branch.members[-1]                  # in 第2党小组 (members alternate between groups)
    branch.meeting("党小组会", "2025-03-10", org=branch.groups[1], attendees=[], absent=[sixth])
    finding = branch.finding(BRIEF, today="2026-03-01")
    assert finding.detail == ("1人次未按时传达：2025-03-10 党小组会（第2党小组） 己六 未传达"
                              "（期限 2025-04-09）")


def test_a_meeting_without_marks_owes_nothing(store):
    branch = Branch(store, "jiaxing-2016")
    branch.meeting("党课", "2025-03-10", attendees=[])
    finding = branch.finding(BRIEF, today="2026-03-01")
    assert (finding.status, finding.detail) == (MET, "期间内无缺席党员")


def test_two_briefed_on_time_are_two(store):
    branch = Branch(store, "jiaxing-2016")
    fifth, sixth = branch.members[-2:]
    meeting = branch.meeting("党课", "2025-03-10", attendees=branch.members[:-2],
                             absent=[fifth, sixth])
    branch.brief(meeting, fifth, "2025-03-20")
    branch.brief(meeting, sixth, "2025-04-09")           # the deadline day itself
    finding = branch.finding(BRIEF, today="2026-03-01")
    assert (finding.status, finding.detail) == (MET, "2人次缺席均已传达")


def test_one_briefed_on_time_does_not_hide_the_next_one_late(store):
    branch = Branch(store, "jiaxing-2016")
    fifth, sixth = branch.members[-2:]
    meeting = branch.meeting("党课", "2025-03-10", attendees=branch.members[:-2],
                             absent=[fifth, sixth])
    branch.brief(meeting, fifth, "2025-03-20")
    branch.brief(meeting, sixth, "2025-04-10")           # the day after the deadline
    finding = branch.finding(BRIEF, today="2026-03-01")
    assert (finding.status, finding.member_ids) == (OVERDUE, (sixth,))
    assert finding.detail == ("1人次未按时传达：2025-03-10 党课 己六 2025-04-10 才传达"
                              "（期限 2025-04-09）")


def test_every_absentee_still_within_the_deadline_is_listed(store):
    branch = Branch(store, "jiaxing-2016")
    fifth, sixth = branch.members[-2:]
    branch.meeting("党课", "2025-03-10", attendees=branch.members[:-2], absent=[fifth, sixth])
    finding = branch.finding(BRIEF, today="2025-03-15")
    assert (finding.status, finding.detail) == (DUE_SOON, (
        "0人次已按时传达；尚在期限内2人次：2025-03-10 党课 戊五（期限 2025-04-09）；"
        "2025-03-10 党课 己六（期限 2025-04-09）"))


def test_a_member_away_owes_no_briefing_and_the_next_absentee_still_does(store):
    branch = Branch(store, "jiaxing-2016")
    fifth, sixth = branch.members[-2:]
    members.record_event(store, fifth, "流动外出", "2025-03-01", place="杭州", reason="外出务工",
                         contact="13800000000", reported_on="2025-03-02")
    branch.meeting("党课", "2025-03-10", attendees=branch.members[:-2], absent=[fifth, sixth])
    finding = branch.finding(BRIEF, today="2026-03-01")
    assert (finding.status, finding.member_ids) == (OVERDUE, (sixth,))
