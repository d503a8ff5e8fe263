"""What the meeting editor says a record will count for (rules/preview), pinned rule type by rule
type on a hand-written profile: each title once, with the exact words of what still decides."""
from dataclasses import replace
from fractions import Fraction

import pytest

from desktop_app.core import members, orgs
from desktop_app.core.meetings.records import Meeting
from desktop_app.core.members import Member
from desktop_app.core.rules.preview import counted_as, requirements
from desktop_app.core.rules.profile import Rule, load_profile


def rule(rule_id: str, kind: str, **params) -> Rule:
    return Rule(rule_id, f"规则{rule_id}", "测试", kind, params)


PROFILE = replace(load_profile("national-2018"), rules=(
    rule("committee", "meeting_frequency", kinds=["支委会"], min_attendance=Fraction(7, 10)),
    rule("congress", "meeting_frequency", kinds=["支部党员大会"]),
    rule("building", "meeting_frequency", tag="党建专题研究"),
    rule("sec-lesson", "meeting_frequency", kinds=["党课"], tag="书记讲党课"),
    rule("talks", "talk_with_every_member", kinds=["谈心谈话"]),
    rule("study-day", "member_participation", day_kinds=["学习日"]),
    rule("service", "member_participation", tag="志愿服务"),
    rule("hours", "study_hours", hours=32),
    rule("brief", "absentees_briefed", kinds=["支部党员大会", "党课"], within_days=30),
))


@pytest.fixture
def ledger(store):
    """A 党委 over a 党支部 over a 党小组; 甲 is the 支部书记 from 2025-03-01, 乙 the 党委书记,
    丙 the 组织委员 of the 党支部."""
    root = orgs.create(store, "P", "测试党委", "党委")
    branch = orgs.create(store, "B", "测试党支部", "党支部", root)
    group = orgs.create(store, "B-1", "第一党小组", "党小组", branch)
    people = {name: members.add(store, Member(name=name, joined_on="2000-07-01"), group,
                                since="2025-01-01") for name in ("甲", "乙", "丙")}
    orgs.assign_role(store, branch, people["甲"], "书记", "2025-03-01", "2025-10-31")
    orgs.assign_role(store, root, people["乙"], "书记", "2025-01-01")
    orgs.assign_role(store, branch, people["丙"], "组织委员", "2025-01-01")
    return store, root, branch, group


def titles(store, meeting) -> list[str]:
    return requirements(store, PROFILE, meeting)


def test_a_committee_meeting_with_hours_names_its_rate_and_its_hours(ledger):
    store, _, branch, _ = ledger
    meeting = Meeting(branch, "支委会", "2025-04-10", study_hours=1.5)
    assert titles(store, meeting) == ["规则committee（到会率须达70%）", "规则hours（出席者计1.5学时）"]


def test_a_congress_counts_without_a_rate_and_must_be_briefed_within_its_days(ledger):
    store, _, branch, _ = ledger
    meeting = Meeting(branch, "支部党员大会", "2025-04-10", study_hours=2)
    assert titles(store, meeting) == ["规则congress", "规则hours（出席者计2学时）",
                                      "规则brief（缺席者须在30天内传达）"]


def test_no_hours_no_study_rule_and_none_counts_as_no_hours(ledger):
    store, _, branch, _ = ledger
    assert titles(store, Meeting(branch, "支委会", "2025-04-10", study_hours=0)) == [
        "规则committee（到会率须达70%）"]
    assert titles(store, Meeting(branch, "支委会", "2025-04-10", study_hours=None)) == [
        "规则committee（到会率须达70%）"]
    unknown = Meeting(branch, "支委会", "2025-04-10", study_hours=None)
    assert counted_as(store, unknown).study_hours == 0.0


def test_a_ticked_tag_day_kind_or_kind_counts_for_participation_and_talks(ledger):
    store, _, branch, _ = ledger
    assert titles(store, Meeting(branch, "其他", "2025-04-10", tags=["党建专题研究"])) == [
        "规则building"]
    assert titles(store, Meeting(branch, "其他", "2025-04-10", tags=["志愿服务"])) == ["规则service"]
    assert titles(store, Meeting(branch, "主题党日", "2025-04-10", day_kind="学习日")) == [
        "规则study-day"]
    assert titles(store, Meeting(branch, "主题党日", "2025-04-10", day_kind="服务日")) == []
    assert titles(store, Meeting(branch, "谈心谈话", "2025-04-10")) == ["规则talks"]
    assert titles(store, Meeting(branch, "其他", "2025-04-10", tags=["民情收集"])) == []


def test_a_further_kind_counts_once_per_rule(ledger):
    store, _, branch, _ = ledger
    meeting = Meeting(branch, "支部党员大会", "2025-04-10", also_kinds=["党课"], lecturer="区委党校教师")
    assert titles(store, meeting) == ["规则congress", "规则brief（缺席者须在30天内传达）"]
    counted = counted_as(store, meeting)
    assert (counted.kind, counted.also, counted.lecturer) == ("支部党员大会", frozenset({"党课"}),
                                                              "区委党校教师")
    assert (counted.id, counted.org_id, counted.held_on, counted.day_kind) == (0, branch,
                                                                               "2025-04-10", None)


def test_a_hand_ticked_secretary_lesson_is_ignored(ledger):
    store, _, branch, _ = ledger
    meeting = Meeting(branch, "党课", "2025-04-10", tags=["书记讲党课", "党章学习"], lecturer="丙")
    assert counted_as(store, meeting).tags == frozenset({"党章学习"})
    assert "规则sec-lesson" not in titles(store, meeting)


def test_the_branch_secretary_lecturing_her_branch_counts_as_her_lesson(ledger):
    store, _, branch, _ = ledger
    meeting = Meeting(branch, "党课", "2025-04-10", lecturer=" 甲 ")
    assert counted_as(store, meeting).tags == frozenset({"书记讲党课"})
    assert titles(store, meeting) == ["规则sec-lesson", "规则brief（缺席者须在30天内传达）"]


def test_a_lesson_given_as_a_further_kind_by_the_secretary_counts_too(ledger):
    store, _, branch, _ = ledger
    meeting = Meeting(branch, "主题党日", "2025-04-10", also_kinds=["党课"], lecturer="甲")
    assert counted_as(store, meeting).tags == frozenset({"书记讲党课"})


def test_at_a_group_the_branch_secretary_counts_and_the_committee_secretary_does_not(ledger):
    store, _, _, group = ledger
    assert counted_as(store, Meeting(group, "党课", "2025-04-10", lecturer="甲")).tags == frozenset(
        {"书记讲党课"})
    assert counted_as(store, Meeting(group, "党课", "2025-04-10", lecturer="乙")).tags == frozenset()


def test_the_committee_secretary_at_a_branch_is_not_its_secretary(ledger):
    store, root, branch, _ = ledger
    assert counted_as(store, Meeting(branch, "党课", "2025-04-10", lecturer="乙")).tags == frozenset()
    assert counted_as(store, Meeting(root, "党课", "2025-04-10", lecturer="乙")).tags == frozenset(
        {"书记讲党课"})


def test_another_role_or_a_day_outside_the_term_is_not_the_secretary(ledger):
    store, _, branch, _ = ledger
    for lecturer, on in (("丙", "2025-04-10"), ("甲", "2025-02-28"), ("甲", "2025-11-01")):
        assert counted_as(store, Meeting(branch, "党课", on, lecturer=lecturer)).tags == frozenset()
    for on in ("2025-03-01", "2025-10-31"):
        assert counted_as(store, Meeting(branch, "党课", on, lecturer="甲")).tags == frozenset(
            {"书记讲党课"})


def test_a_lesson_without_a_date_is_not_yet_anyones(ledger):
    store, _, branch, _ = ledger
    assert counted_as(store, Meeting(branch, "党课", "", lecturer="甲")).tags == frozenset()


def test_a_secretary_lecturing_another_kind_is_no_lesson(ledger):
    store, _, branch, _ = ledger
    assert counted_as(store, Meeting(branch, "支委会", "2025-04-10", lecturer="甲")).tags == frozenset()


@pytest.mark.parametrize("hours,words", [(0.5, ["规则hours（出席者计0.5学时）"]),
                                         (1, ["规则hours（出席者计1学时）"])])
def test_any_hours_above_zero_count_even_under_one(ledger, hours, words):
    store, _, branch, _ = ledger
    assert titles(store, Meeting(branch, "其他", "2025-04-10", study_hours=hours)) == words
