import json

import pytest

from desktop_app.core.meetings import records
from desktop_app.core.meetings.attendance import Mark
from desktop_app.core.meetings.records import Guest, MeetingError
from desktop_app.core.store import SealedPeriodError, audit
from tests.core.meetings_helpers import build_branch


@pytest.fixture
def br(store):
    return build_branch(store)


def counts(store):
    return {t: store.query_one(f"SELECT count(*) AS n FROM {t}")["n"]
            for t in ("meetings", "attendance", "meeting_tags", "meeting_guests", "audit_log")}


def test_template_prefills_by_kind(store, br):
    committee = records.new(store, br.branch, "支委会", "2025-06-03")
    assert committee.title == "2025年6月支委会"
    assert committee.host_id == br.ids["张三"]            # 书记
    assert committee.agenda.startswith("1. 学习上级文件精神")
    # 党建专题研究 is only suggested: ticked only when the meeting really studied it (issue 13).
    assert committee.tags == [] and committee.study_hours == 1
    group = records.new(store, br.group1, "党小组会", "2025-06-03")
    assert group.host_id == br.ids["赵六"]                # 党小组长
    day = records.new(store, br.branch, "主题党日", "2025-06-25", day_kind="服务日")
    assert day.title == "2025年6月25日主题党日（服务日）"
    assert "志愿服务" in day.tags
    assert records.new(store, br.branch, "支委会", "2099-01-05").status == "计划"


def test_save_and_read_back_with_tags_and_guests(store, br):
    meeting = records.new(store, br.branch, "支部党员大会", "2025-06-10")
    meeting.start_time, meeting.end_time = "9：30", "11:00"
    meeting.minutes = "学习党章第一章。"
    meeting.tags = ["党章学习", "党章学习", "诵读入党誓词"]
    meeting.guests = [Guest("周九", "社区居委会")]
    meeting_id = records.save(store, meeting, [Mark(br.ids["张三"])])
    again = records.get(store, meeting_id)
    assert again.start_time == "09:30" and again.end_time == "11:00"
    assert again.tags == ["党章学习", "诵读入党誓词"]
    assert again.guests == [Guest("周九", "社区居委会")]
    again.tags = ["诵读入党誓词"]
    records.save(store, again)
    assert records.get(store, meeting_id).tags == ["诵读入党誓词"]
    assert audit.verify(store.conn).ok


@pytest.mark.parametrize("change, marks, message", [
    (dict(held_on="2099-03-01"), None, "会议日期 2099-03-01 还没有到"),
    (dict(start_time="15:00", end_time="14:00"), None, "结束时间 14:00 应晚于开始时间 15:00"),
    (dict(start_time="25:00"), None, "开始时间“25:00”应写作 时:分"),
    (dict(kind="党小组会"), None, "党小组会须由党小组召开：“幸福社区党支部”是党支部"),
    (dict(kind="主题党日"), None, "主题党日须选择 学习日、服务日、关爱日 之一"),
    (dict(kind="党课"), None, "党课须填写主讲人"),
    (dict(held_on="2025-13-01"), None, "会议日期：不存在的日期"),
    (dict(kind="茶话会"), None, "会议类型应为"),
    (dict(study_hours="两小时"), None, "学时“两小时”应是一个数字"),
    (dict(study_hours=30), None, "学时 30 应在 0 到 24 之间"),
    (dict(held_on=""), None, "请填写会议日期"),
    ({}, ["孙八"], "孙八 在 2025-03-10 不是幸福社区党支部的党员"),
    ({}, ["钱七+请假"], "钱七 请假须填写请假原因"),
])
def test_bad_records_are_refused_whole(store, br, change, marks, message):
    meeting = records.new(store, br.branch, "支部党员大会", "2025-03-10")
    for key, value in change.items():
        setattr(meeting, key, value)
    sheet = None
    if marks is not None:
        sheet = [Mark(br.ids["张三"])]
        for item in marks:
            name, _, status = item.partition("+")
            sheet.append(Mark(br.ids[name], status or "出席"))
    before = counts(store)
    with pytest.raises(MeetingError) as err:
        records.save(store, meeting, sheet)
    assert message in str(err.value)
    assert counts(store) == before


def test_several_problems_are_reported_together(store, br):
    meeting = records.new(store, br.branch, "支部党员大会", "2099-03-10")
    assert meeting.status == "计划"
    meeting.status = "已召开"
    meeting.start_time, meeting.end_time = "15:00", "14:00"
    with pytest.raises(MeetingError) as err:
        records.save(store, meeting)
    assert "还没有到" in str(err.value) and "应晚于开始时间" in str(err.value)
    meeting.held_on, meeting.start_time = "2025年3月32日", "下午"
    with pytest.raises(MeetingError) as err:
        records.save(store, meeting)
    assert "不存在的日期" in str(err.value) and "开始时间“下午”应写作 时:分" in str(err.value)
    assert (meeting.held_on, meeting.start_time) == ("2025年3月32日", "下午")   # kept for correcting


def test_committee_meeting_refuses_a_non_committee_member(store, br):
    meeting = records.new(store, br.branch, "支委会", "2025-06-03")
    with pytest.raises(MeetingError, match="王芳 在 2025-06-03 不是幸福社区党支部的支委成员"):
        records.save(store, meeting, [Mark(br.ids["张三"]), Mark(br.ids["王芳"])])


def test_recycle_bin_delete_and_restore_are_logged(store, br):
    meeting_id = records.save(store, records.new(store, br.branch, "支委会", "2025-06-03"),
                              [Mark(br.ids["张三"]), Mark(br.ids["李四"])])
    with pytest.raises(MeetingError, match="删除会议记录须填写原因"):
        records.delete(store, meeting_id, " ")
    records.delete(store, meeting_id, "与6月5日记录重复")
    assert records.find(store, "2025-01-01", "2025-12-31") == []
    binned = records.recycle_bin(store)
    assert [m.id for m in binned] == [meeting_id] and binned[0].deleted_reason == "与6月5日记录重复"
    assert store.query("SELECT count(*) AS n FROM attendance")[0]["n"] == 2   # nothing lost
    records.restore(store, meeting_id)
    assert [m.id for m in records.find(store, "2025-01-01", "2025-12-31")] == [meeting_id]
    log = store.query("SELECT action, before, after, reason FROM audit_log "
                      "WHERE table_name = 'meetings' AND row_id = ? ORDER BY id", [meeting_id])
    assert [e["action"] for e in log] == ["insert", "update", "update"]
    assert log[1]["reason"] == "与6月5日记录重复" and json.loads(log[1]["after"])["deleted_at"]
    assert log[2]["reason"] == "从回收站恢复" and json.loads(log[2]["after"])["deleted_at"] is None
    assert audit.verify(store.conn).ok


def test_copy_last_months_committee_meeting(store, br):
    last = records.new(store, br.branch, "支委会", "2025-05-06")
    last.place, last.minutes, last.topic = "党员活动室", "五月的记录", "研究五月工作"
    records.save(store, last)
    source = records.last_of_kind(store, br.branch, "支委会", before="2025-06-01")
    copy = records.copy_from(store, source.id, "2025-06-05")
    assert (copy.id, copy.copied_from, copy.title) == (None, source.id, "2025年6月支委会")
    assert (copy.place, copy.agenda, copy.tags) == ("党员活动室", source.agenda, source.tags)
    assert copy.minutes is None
    copy_id = records.save(store, copy)
    assert records.get(store, copy_id).copied_from == source.id
    assert records.get(store, source.id).minutes == "五月的记录"


def test_sealed_period_needs_a_correction_reason(store, br):
    meeting_id = records.save(store, records.new(store, br.branch, "支委会", "2025-03-03"))
    store.seal_through("2025-03-31", "一季度报送")
    meeting = records.get(store, meeting_id)
    meeting.place = "会议室"
    with pytest.raises(SealedPeriodError):
        records.save(store, meeting)
    records.save(store, meeting, reason="补记会议地点")
    assert records.get(store, meeting_id).place == "会议室"
    with pytest.raises(SealedPeriodError):
        store.insert_many("meeting_tags", [{"meeting_id": meeting_id, "tag": "党章学习"}])
    assert audit.verify(store.conn).ok
