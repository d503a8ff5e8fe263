"""The faults of issue 13, each shown on a ledger built from empty: every test here fails on the
main branch before the fix (quota by role, one record several kinds, derived 书记讲党课, templates
that ticked compliance tags, findings that did not say what and where, two words for one gap)."""
import pytest

from desktop_app.core import orgs
from desktop_app.core.meetings import records
from desktop_app.core.meetings.records import MeetingError
from desktop_app.core.rules.findings import DUE_SOON, MET, MISSING, OVERDUE
from tests.core.rules_builder import Branch


def hours_for_everyone(branch, total: float) -> None:
    for n in range(4):
        branch.meeting("党课", f"2025-0{n + 3}-15", hours=total / 4, lecturer="区委党校教师")


# --- quota by role -------------------------------------------------------------------------
def test_the_56_hour_quota_binds_only_the_roles_the_profile_names(store):
    branch = Branch(store, "jiaxing-2016")
    organiser = branch.members[1]
    orgs.assign_role(store, branch.branch, organiser, "组织委员", "2025-01-01")
    hours_for_everyone(branch, 32)
    result = branch.finding("jx-26-study-hours")
    # 55条 #26: 主职干部 (the 书记) 56 h; the 组织委员 is held to every member's 32 h.
    assert result.member_ids == (branch.secretary,)
    assert result.detail == "1人次未达到：甲一（书记） 2025年 32/56学时"


def test_a_secretary_for_half_the_year_owes_the_days_weighted_quota(store):
    branch = Branch(store, "jiaxing-2016")
    store.update("roles", store.query_one("SELECT id FROM roles")["id"], {"end_on": "2025-07-01"})
    hours_for_everyone(branch, 32)
    # 182 days as 书记 (1 January to 1 July inclusive), the other 183 as a member:
    # (56 × 182 + 32 × 183) / 365 = 43.97 → rounded up to the half hour: 44.
    result = branch.finding("jx-26-study-hours")
    assert "甲一（书记） 2025年 32/44学时" in result.detail


# --- one record, several kinds -------------------------------------------------------------
def test_a_life_meeting_that_carries_out_the_appraisal_counts_for_both(store):
    branch = Branch(store, "jiaxing-2016")
    both = branch.meeting("组织生活会", "2025-12-20", also=["民主评议党员"])
    findings = {f.rule_id: f for f in branch.check()}
    assert findings["jx-28-review"].status == MET
    assert findings["cn-21-life-meeting"].status == MET
    assert findings["jx-28-review"].meeting_ids == findings["cn-21-life-meeting"].meeting_ids == (both,)


def test_a_lesson_given_at_the_congress_counts_once_as_a_session(store):
    branch = Branch(store, "jiaxing-2016")
    victim = branch.members[-1]
    others = [m for m in branch.members if m != victim]
    branch.meeting("支部党员大会", "2025-03-10", also=["党课"], lecturer="区委党校教师",
                   attendees=others, absent=[victim])
    branch.meeting("党小组会", "2025-04-10", org=branch.groups[1])
    branch.meeting("党小组会", "2025-05-10", org=branch.groups[1])
    # One absence in three sessions is not more than a third (counted twice it would be 2 in 4).
    assert branch.finding("jx-11-warning").status == MET


def test_records_refuse_a_kind_the_record_cannot_also_be(store):
    branch = Branch(store, "jiaxing-2016")
    meeting = records.new(store, branch.branch, "支委会", "2025-06-03")
    meeting.also_kinds = ["民主评议党员"]
    with pytest.raises(MeetingError, match="支委会不能同时计为民主评议党员"):
        records.save(store, meeting)
    congress = records.new(store, branch.branch, "支部党员大会", "2025-06-10")
    congress.also_kinds = ["党课"]
    with pytest.raises(MeetingError, match="党课须填写主讲人"):
        records.save(store, congress)
    congress.lecturer = "甲一"
    saved = records.get(store, records.save(store, congress))
    assert saved.also_kinds == ["党课"]


# --- facts the ledger already knows --------------------------------------------------------
def test_the_secretarys_lesson_is_derived_from_the_lecturers_role_that_day(store):
    branch = Branch(store, "jiaxing-2016")
    branch.meeting("党课", "2025-05-10", lecturer="甲一")          # no tag ticked
    assert branch.finding("jx-11-secretary-lesson").status == MET


def test_a_ticked_tag_without_the_secretary_lecturing_does_not_count(store):
    branch = Branch(store, "jiaxing-2016")
    branch.meeting("党课", "2025-05-10", lecturer="区委党校教师", tags=["书记讲党课"])
    store.update("roles", store.query_one("SELECT id FROM roles")["id"], {"start_on": "2025-06-01"})
    branch.meeting("党课", "2025-05-20", lecturer="甲一")          # not yet 书记 on that day
    result = branch.finding("jx-11-secretary-lesson")
    assert result.status == MISSING
    assert result.detail == "共0次符合要求；不足：2025年 0/1次（按党课主讲人当日是否担任书记判定）"


def test_a_new_committee_meeting_does_not_claim_the_quarters_party_building_study(store):
    branch = Branch(store, "jiaxing-2016")
    meeting = records.new(store, branch.branch, "支委会", "2025-02-10")
    assert "党建专题研究" not in meeting.tags
    records.save(store, meeting)
    assert branch.finding("jx-03-party-building", period="2025Q1").status == MISSING


# --- findings say what and where; one word per gap ------------------------------------------
def test_a_briefing_finding_names_the_meeting_and_the_deadline(store):
    branch = Branch(store, "jiaxing-2016")
    victim = branch.members[-1]
    branch.meeting("支部党员大会", "2025-05-10", attendees=branch.members[:-1], absent=[victim])
    result = branch.finding("jx-11-briefing", today="2025-06-10")
    assert (result.status, result.member_ids) == (OVERDUE, (victim,))
    assert result.detail == "1人次未按时传达：2025-05-10 支部党员大会 己六 未传达（期限 2025-06-09）"


def test_absentees_still_within_their_deadline_are_not_counted_late(store):
    branch = Branch(store, "jiaxing-2016")
    victim = branch.members[-1]
    branch.meeting("支部党员大会", "2025-05-10", attendees=branch.members[:-1], absent=[victim])
    result = branch.finding("jx-11-briefing", today="2025-06-09")   # the 30th day: still in time
    assert (result.status, result.member_ids) == (DUE_SOON, ())
    assert result.detail == ("0人次已按时传达；尚在期限内1人次："
                             "2025-05-10 支部党员大会 己六（期限 2025-06-09）")


def test_a_charter_finding_shows_the_rate_it_judged(store):
    branch = Branch(store, "jiaxing-2016")
    branch.meeting("支部党员大会", "2025-02-10", tags=["党章学习"],
                   attendees=branch.members[:4], absent=branch.members[4:])
    result = branch.finding("jx-26-charter", period="2025Q1", today="2025-04-10")
    assert result.status == OVERDUE
    assert result.detail == "共0次符合要求；不足：2025年第一季度 0/1次（到会率未达70%：2025-02-10 67%）"


def test_a_meeting_never_held_is_one_word_in_the_quarters_and_the_years_check(store):
    branch = Branch(store, "national-2018")
    for quarter in (1, 2, 3):
        branch.meeting("支部党员大会", f"2025-{3 * quarter:02d}-10")
    year = branch.finding("cn-19-congress", period="2025")
    quarter = branch.finding("cn-19-congress", period="2025Q4")
    assert year.status == quarter.status == MISSING
