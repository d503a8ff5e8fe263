import pytest

from desktop_app.core import members
from desktop_app.core.meetings import attendance, records
from desktop_app.core.meetings.attendance import AttendanceError, FollowUp, Mark
from desktop_app.core.meetings.records import Guest
from tests.core.meetings_helpers import build_branch


@pytest.fixture
def br(store):
    return build_branch(store)


def names(found):
    return sorted(m.name for m in found)


def test_expected_follows_joins_transfers_and_group_moves(store, br):
    expect = attendance.expected_members
    assert names(expect(store, br.branch, "支部党员大会", "2024-01-15")) == ["张三", "李四", "赵六", "钱七"]
    assert names(expect(store, br.branch, "支部党员大会", "2025-01-15")) == \
        ["张三", "李四", "王芳", "赵六", "钱七"]          # 王芳 counts while still 预备党员
    assert names(expect(store, br.branch, "支部党员大会", "2025-02-01")) == \
        ["张三", "李四", "王芳", "赵六", "钱七"]          # the day of the transfer still counts
    assert names(expect(store, br.branch, "支部党员大会", "2025-02-02")) == ["张三", "李四", "王芳", "赵六"]
    assert names(expect(store, br.branch, "支部党员大会", "2025-06-01")) == \
        ["孙八", "张三", "李四", "王芳", "赵六"]
    assert names(expect(store, br.group1, "党小组会", "2025-02-28")) == ["张三", "李四"]
    assert names(expect(store, br.group1, "党小组会", "2025-03-01")) == ["张三", "李四", "赵六"]
    assert names(expect(store, br.group2, "党小组会", "2025-03-01")) == ["王芳"]
    assert members.get(store, br.ids["王芳"]).category_on("2025-01-15") == "预备党员"
    assert members.get(store, br.ids["王芳"]).category_on("2025-06-01") == "正式党员"


def test_committee_meeting_expects_committee_roles_only(store, br):
    found = attendance.expected_members(store, br.branch, "支委会", "2025-06-01")
    assert [m.name for m in found] == ["李四", "张三"]            # pinyin order: li, zhang
    sheet = attendance.present_sheet(store, br.branch, "支委会", "2025-06-01")
    assert [(m.member_id, m.status) for m in sheet] == [(br.ids["李四"], "出席"), (br.ids["张三"], "出席")]


def test_derived_numbers(store, br):
    meeting = records.new(store, br.branch, "支部党员大会", "2025-06-10")
    meeting.guests = [Guest("周九", "社区居委会")]
    ids = br.ids
    meeting_id = records.save(store, meeting, [
        Mark(ids["张三"]), Mark(ids["李四"]), Mark(ids["孙八"]),
        Mark(ids["王芳"], "请假", "出差", "张三"), Mark(ids["赵六"], "缺席")])
    counts = attendance.summary(store, meeting_id)
    assert (counts.expected, counts.present, counts.on_leave, counts.absent, counts.unmarked,
            counts.guests) == (5, 3, 1, 1, 0, 1)
    assert counts.rate == pytest.approx(0.6)
    assert counts.rate_text == "60%"
    # A sheet with one member left unmarked: expected stays 5, 实到 drops.
    attendance.record(store, meeting_id, [Mark(ids["张三"]), Mark(ids["李四"]),
                                          Mark(ids["王芳"], "请假", "出差"), Mark(ids["赵六"], "缺席")])
    counts = attendance.summary(store, meeting_id)
    assert (counts.expected, counts.present, counts.unmarked) == (5, 2, 1)


def test_followup_leaves_the_open_work_list(store, br):
    ids = br.ids
    meeting_id = records.save(store, records.new(store, br.branch, "支部党员大会", "2025-06-10"), [
        Mark(ids["张三"]), Mark(ids["李四"]), Mark(ids["孙八"]),
        Mark(ids["王芳"], "请假", "出差", "张三"), Mark(ids["赵六"], "缺席")])
    open_names = [o.member_name for o in attendance.open_work(store, br.branch)]
    assert sorted(open_names) == ["王芳", "赵六"]
    attendance.add_followup(store, meeting_id, ids["赵六"], FollowUp("电话", "2025-06-11", "李四"))
    assert [o.member_name for o in attendance.open_work(store, br.branch)] == ["王芳"]
    assert attendance.followup_of(store, meeting_id, ids["赵六"]).by_whom == "李四"
    # 赵六 turns out to have been there after all: the absence and its follow-up go together.
    attendance.record(store, meeting_id, [
        Mark(ids["张三"]), Mark(ids["李四"]), Mark(ids["孙八"]), Mark(ids["赵六"]),
        Mark(ids["王芳"], "请假", "出差", "张三")])
    assert attendance.followup_of(store, meeting_id, ids["赵六"]) is None
    assert store.query("SELECT * FROM followups") == []
    # A deleted record's absentees are not open work.
    records.delete(store, meeting_id, "重复录入")
    assert attendance.open_work(store, br.branch) == []


def test_followup_validation(store, br):
    ids = br.ids
    meeting_id = records.save(store, records.new(store, br.branch, "支部党员大会", "2025-06-10"), [
        Mark(ids["张三"]), Mark(ids["赵六"], "缺席")])
    with pytest.raises(AttendanceError, match="张三 没有缺席这次会议"):
        attendance.add_followup(store, meeting_id, ids["张三"], FollowUp("电话", "2025-06-11", "李四"))
    with pytest.raises(AttendanceError) as err:
        attendance.add_followup(store, meeting_id, ids["赵六"], FollowUp("飞鸽", "2025-06-01", ""))
    assert "传达方式应为" in str(err.value)
    assert "传达日期 2025-06-01 早于会议日期 2025-06-10" in str(err.value)
    assert "请填写传达人" in str(err.value)
    assert store.query("SELECT * FROM followups") == []


def test_heart_talk_has_one_partner_from_the_branch(store, br):
    meeting = records.new(store, br.branch, "谈心谈话", "2025-06-10")
    meeting_id = records.save(store, meeting, [Mark(br.ids["王芳"])])
    assert records.get(store, meeting_id).title == "2025年6月与王芳同志谈心谈话"
    counts = attendance.summary(store, meeting_id)
    assert (counts.expected, counts.present) == (1, 1)
    with pytest.raises(records.MeetingError, match="谈心谈话须选择一名谈话对象"):
        records.save(store, records.new(store, br.branch, "谈心谈话", "2025-06-11"), [])
