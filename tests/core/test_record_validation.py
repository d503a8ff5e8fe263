"""Records that contradict the ledger are found (#12 part 6), and the demo ledger passes the same
checks as a secretary's input."""
import pytest

from desktop_app.core import members, orgs
from desktop_app.core.demo import DemoSpec, generate
from desktop_app.core.meetings import records, validation
from desktop_app.core.meetings.attendance import Mark
from desktop_app.core.members import Member


@pytest.fixture
def branch(store):
    branch = orgs.create(store, "B", "和平党支部", "党支部")
    other = orgs.create(store, "C", "友邻党支部", "党支部")
    ids = {name: members.add(store, Member(name=name, joined_on=joined), branch, since="2025-01-01")
           for name, joined in (("王芳", "2001-07-01"), ("李强", "2010-05-04"),
                                ("赵敏", "2025-06-01"))}
    ids["钱进"] = members.add(store, Member(name="钱进", joined_on="2000-01-01"), other,
                            since="2025-01-01")
    return branch, other, ids


def test_host_recorder_and_joining_date_are_checked(store, branch):
    branch_id, _, ids = branch
    meeting = records.new(store, branch_id, "支部党员大会", "2025-03-10")
    meeting.host_id, meeting.recorder_id = ids["赵敏"], ids["钱进"]
    marks = [Mark(ids["王芳"]), Mark(ids["李强"], "缺席"), Mark(ids["赵敏"])]
    found = validation.meeting_problems(store, meeting, marks)
    title = f"2025-03-10 {meeting.title}"
    assert found == [
        f"{title}：主持人赵敏 的入党日期 2025-06-01 晚于会议日期",
        f"{title}：记录人钱进 在会议当天不是和平党支部的党员",
        f"{title}：赵敏 入党日期为 2025-06-01，不能在此前参加组织生活",
    ]
    meeting.host_id, meeting.recorder_id = ids["王芳"], ids["李强"]
    assert validation.meeting_problems(store, meeting, marks[:2]) == [
        f"{title}：记录人李强 在签到中记为缺席"]
    meeting_id = records.save(store, meeting, [Mark(ids["王芳"]), Mark(ids["李强"])])
    assert validation.record_problems(store, meeting_id) == []


def test_a_committee_meeting_without_a_committee_is_named(store, branch):
    branch_id, _, ids = branch
    meeting = records.new(store, branch_id, "支委会", "2025-03-10")
    assert validation.meeting_problems(store, meeting, []) == [
        f"2025-03-10 {meeting.title}：和平党支部在会议当天没有班子成员，支委会应到人数为 0，"
        "请先在“组织与班子”页录入书记和支委"]
    orgs.assign_role(store, branch_id, ids["王芳"], "书记", "2025-01-01")
    assert validation.meeting_problems(store, meeting, [Mark(ids["王芳"])]) == []


def test_roles_are_held_by_members_of_that_organisation(store, branch):
    branch_id, other, ids = branch
    orgs.assign_role(store, branch_id, ids["王芳"], "书记", "2025-01-01")
    orgs.assign_role(store, branch_id, ids["钱进"], "组织委员", "2025-01-01")
    orgs.assign_role(store, branch_id, ids["赵敏"], "委员", "2025-02-01")
    assert validation.role_problems(store) == [
        "和平党支部组织委员 钱进（2025-01-01 起）：任职时不是和平党支部的党员",
        "和平党支部委员 赵敏（2025-02-01 起）：入党日期 2025-06-01 晚于任职日期",
    ]
    members.record_event(store, ids["王芳"], "转出", "2025-08-31")
    assert validation.role_problems(store)[0].startswith("和平党支部书记 王芳（2025-01-01 起）：")
    assert "已不是和平党支部的党员，任职尚未结束" in validation.role_problems(store)[0]


@pytest.mark.parametrize("spec", [DemoSpec(members=40, years=2, seed=7, last_year=2025),
                                  DemoSpec(members=160, years=3, seed=11),
                                  # A tiny demo (the app's own test size): fewer members than
                                  # roles, and 党小组 that may have nobody from the first day.
                                  *(DemoSpec(members=12, years=1, seed=s) for s in (2, 3, 5))])
def test_the_demo_ledger_passes_the_checks_for_user_input(store, spec):
    generate(store, spec)
    assert store.query_one("SELECT count(*) AS n FROM meetings")["n"] > 100
    assert validation.ledger_problems(store) == []
