import pytest

from desktop_app.core import members
from desktop_app.core.meetings import attendance, records
from desktop_app.core.meetings.attendance import AttendanceError, FollowUp, Mark
from desktop_app.core.meetings.records import Guest
from desktop_app.core.store import SealedPeriodError
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


def test_rate_when_nobody_was_expected_and_rounding_of_the_rate():
    assert attendance.Summary(0, 0, 0, 0, 0, 2).rate is None
    assert attendance.Summary(0, 0, 0, 0, 0, 2).rate_text == "—"
    assert attendance.Summary(3, 2, 0, 1, 0, 0).rate_text == "67%"      # 2/3 = 66.7 %
    assert attendance.Summary(1, 1, 0, 0, 0, 0).rate == 1.0


def test_each_wrong_mark_is_named_once_in_sheet_order(store, br):
    ids = br.ids
    problems = attendance.check_marks(store, br.branch, "支部党员大会", "2025-06-10", [
        Mark(ids["张三"]), Mark(ids["张三"]), Mark(ids["李四"], "迟到"), Mark(ids["钱七"]),
        Mark(ids["王芳"], "请假", "  "), Mark(9999, "缺席"), Mark(ids["赵六"], "请假", "出差")])
    assert problems == [
        "张三 在签到中出现了两次",
        "李四 的出席情况应为 出席、请假 或 缺席，而不是“迟到”",
        "钱七 在 2025-06-10 不是幸福社区党支部的党员，不能记入签到（非党员或外单位人员请记为列席）",
        "王芳 请假须填写请假原因",
        "第 9999 号党员 在 2025-06-10 不是幸福社区党支部的党员，不能记入签到（非党员或外单位人员请记为列席）",
    ]
    committee = attendance.check_marks(store, br.branch, "支委会", "2025-06-10",
                                       [Mark(ids["张三"]), Mark(ids["赵六"])])
    assert committee == ["赵六 在 2025-06-10 不是幸福社区党支部的支委成员，不能记入签到"
                         "（非党员或外单位人员请记为列席）"]


def test_a_heart_talk_held_by_a_group_may_take_anyone_of_its_branch(store, br):
    ids = br.ids
    # 王芳 is in 第2党小组; the talk is held by 第1党小组: still the same branch.
    assert attendance.check_marks(store, br.group1, "谈心谈话", "2025-06-10", [Mark(ids["王芳"])]) == []
    assert attendance.check_marks(store, br.group1, "谈心谈话", "2025-06-10", [Mark(ids["钱七"])]) == [
        "钱七 在 2025-06-10 不是第1党小组的党员，不能记入签到（非党员或外单位人员请记为列席）"]
    assert attendance.check_marks(store, br.branch, "谈心谈话", "2025-06-10",
                                  [Mark(ids["王芳"]), Mark(ids["张三"])]) == ["谈心谈话须选择一名谈话对象"]
    assert attendance.expected_members(store, br.branch, "谈心谈话", "2025-06-10") == []
    assert [m.name for m in attendance.expected_members(store, br.branch, "谈心谈话", "2025-06-10",
                                                        [ids["王芳"]])] == ["王芳"]


def _rows(store, meeting_id):
    return {r["member_id"]: (r["status"], r["leave_reason"], r["approved_by"]) for r in
            store.query("SELECT * FROM attendance WHERE meeting_id = ?", [meeting_id])}


def test_stored_marks_are_trimmed_and_only_leave_keeps_a_reason(store, br):
    ids = br.ids
    meeting_id = records.save(store, records.new(store, br.branch, "支部党员大会", "2025-06-10"), [
        Mark(ids["张三"], "出席", "多写的原因", "某人"), Mark(ids["李四"], "请假", " 出差 ", " 张三 "),
        Mark(ids["王芳"], "请假", "病假", "  "), Mark(ids["赵六"], "缺席", "没来", "张三")])
    assert _rows(store, meeting_id) == {
        ids["张三"]: ("出席", None, None), ids["李四"]: ("请假", "出差", "张三"),
        ids["王芳"]: ("请假", "病假", None), ids["赵六"]: ("缺席", None, None)}


def test_saving_the_same_sheet_again_writes_nothing(store, br):
    ids = br.ids
    sheet = [Mark(ids["张三"]), Mark(ids["李四"], "请假", "出差", "张三"), Mark(ids["赵六"], "缺席")]
    meeting_id = records.save(store, records.new(store, br.branch, "支部党员大会", "2025-06-10"), sheet)
    entries = store.query_one("SELECT count(*) AS n FROM audit_log")["n"]
    attendance.record(store, meeting_id, sheet)
    assert store.query_one("SELECT count(*) AS n FROM audit_log")["n"] == entries
    # One mark changed: one audit entry, for that row only.
    attendance.record(store, meeting_id, [Mark(ids["张三"]), Mark(ids["李四"], "请假", "病假", "张三"),
                                          Mark(ids["赵六"], "缺席")])
    assert store.query_one("SELECT count(*) AS n FROM audit_log")["n"] == entries + 1
    assert _rows(store, meeting_id)[ids["李四"]] == ("请假", "病假", "张三")


def test_an_absence_turned_leave_keeps_its_briefing_and_a_dropped_member_loses_it(store, br):
    ids = br.ids
    meeting_id = records.save(store, records.new(store, br.branch, "支部党员大会", "2025-06-10"), [
        Mark(ids["张三"]), Mark(ids["赵六"], "缺席"), Mark(ids["李四"], "缺席")])
    attendance.add_followup(store, meeting_id, ids["赵六"], FollowUp("电话", "2025-06-11", "张三"))
    attendance.add_followup(store, meeting_id, ids["李四"], FollowUp("微信", "2025-06-12", "张三"))
    attendance.record(store, meeting_id, [Mark(ids["张三"]), Mark(ids["赵六"], "请假", "出差"),
                                          Mark(ids["李四"], "缺席")])
    assert attendance.followup_of(store, meeting_id, ids["赵六"]) == FollowUp("电话", "2025-06-11", "张三")
    attendance.record(store, meeting_id, [Mark(ids["张三"]), Mark(ids["赵六"], "请假", "出差")])
    assert set(_rows(store, meeting_id)) == {ids["张三"], ids["赵六"]}
    assert attendance.followup_of(store, meeting_id, ids["李四"]) is None
    assert store.query_one("SELECT count(*) AS n FROM followups")["n"] == 1


def _briefing_error(store, meeting_id, member_id, followup):
    with pytest.raises(AttendanceError) as err:
        attendance.add_followup(store, meeting_id, member_id, followup)
    return str(err.value)


def test_briefing_dates_on_each_side_of_the_meeting_day(store, br):
    ids = br.ids
    meeting_id = records.save(store, records.new(store, br.branch, "支部党员大会", "2025-06-10"), [
        Mark(ids["张三"]), Mark(ids["赵六"], "缺席"), Mark(ids["李四"], "缺席")])
    assert _briefing_error(store, meeting_id, ids["赵六"], FollowUp("电话", "2025-06-09", "张三")) == \
        "传达日期 2025-06-09 早于会议日期 2025-06-10"
    assert _briefing_error(store, meeting_id, ids["赵六"], FollowUp("电话", "2099-01-01", "张三")) == \
        "传达日期 2099-01-01 还没有到"
    assert _briefing_error(store, meeting_id, ids["赵六"], FollowUp("电话", "", "张三")) == "请填写传达日期"
    assert _briefing_error(store, meeting_id, ids["赵六"], FollowUp("电话", "明天", "张三")) == \
        "传达日期：无法识别的日期：明天（可写作 2001-07-01、2001年7月1日 等）"
    assert _briefing_error(store, meeting_id, ids["赵六"], FollowUp("托人带话", "2025-06-10", " ")) == \
        "传达方式应为 电话、会后谈话、书面传达、微信 之一；请填写传达人"
    assert _briefing_error(store, meeting_id, ids["王芳"], FollowUp("电话", "2025-06-10", "张三")) == \
        "王芳 没有缺席这次会议，无需传达"
    # The meeting day itself is allowed; the briefer's name is trimmed; the notes are kept.
    attendance.add_followup(store, meeting_id, ids["赵六"],
                            FollowUp("会后谈话", "2025/6/10", " 张三 ", "讲了三件事"))
    assert attendance.followup_of(store, meeting_id, ids["赵六"]) == \
        FollowUp("会后谈话", "2025-06-10", "张三", "讲了三件事")
    assert _briefing_error(store, meeting_id, ids["赵六"], FollowUp("电话", "2025-06-11", "张三")) == \
        "赵六 已有传达记录"
    assert attendance.followup_of(store, meeting_id, ids["张三"]) is None
    # Briefed today: allowed (only a day still to come is refused).
    from desktop_app.core.dates import today
    attendance.add_followup(store, meeting_id, ids["李四"], FollowUp("微信", today(), "张三"))
    assert attendance.followup_of(store, meeting_id, ids["李四"]).on_date == today()


def test_open_work_is_ordered_and_limited_to_the_organisation(store, br):
    ids = br.ids
    late = records.save(store, records.new(store, br.group1, "党小组会", "2025-06-20"), [
        Mark(ids["张三"]), Mark(ids["赵六"], "缺席"), Mark(ids["李四"], "请假", "出差")])
    early = records.save(store, records.new(store, br.branch, "支部党员大会", "2025-06-10"), [
        Mark(ids["张三"]), Mark(ids["王芳"], "缺席"), Mark(ids["孙八"]), Mark(ids["赵六"]), Mark(ids["李四"])])
    everything = [(w.meeting_id, w.member_name, w.status, w.kind) for w in attendance.open_work(store)]
    assert everything == [(early, "王芳", "缺席", "支部党员大会"), (late, "李四", "请假", "党小组会"),
                          (late, "赵六", "缺席", "党小组会")]          # li before zhao
    assert [w.member_name for w in attendance.open_work(store, br.group1)] == ["李四", "赵六"]
    assert [w.member_name for w in attendance.open_work(store, br.group2)] == []
    assert [w.member_name for w in attendance.open_work(store, br.branch)] == ["王芳", "李四", "赵六"]
    first = attendance.open_work(store)[0]
    assert (first.held_on, first.title, first.member_id) == \
        ("2025-06-10", records.get(store, early).title, ids["王芳"])


def test_every_attendance_write_carries_its_reason_and_the_audit_chain_agrees(store, br):
    """Inserted, changed and removed marks and follow-ups each leave an audit entry for their own
    table with the reason given; `audit verify` then finds the ledger and the log in agreement."""
    from desktop_app.core.store import audit
    ids = br.ids
    meeting_id = records.save(store, records.new(store, br.branch, "支部党员大会", "2025-06-10"), [
        Mark(ids["张三"]), Mark(ids["赵六"], "缺席"), Mark(ids["李四"], "缺席")])
    entries = store.query_one("SELECT max(id) AS n FROM audit_log")["n"]
    attendance.record(store, meeting_id, [Mark(ids["张三"]), Mark(ids["赵六"], "缺席"),
                                          Mark(ids["李四"], "缺席"), Mark(ids["王芳"], "缺席")], "补录王芳")
    attendance.add_followup(store, meeting_id, ids["赵六"], FollowUp("电话", "2025-06-11", "张三"), "补录传达")
    attendance.add_followup(store, meeting_id, ids["李四"], FollowUp("电话", "2025-06-11", "张三"), "补录传达")
    attendance.record(store, meeting_id, [Mark(ids["张三"]), Mark(ids["赵六"]), Mark(ids["王芳"], "缺席")],
                      "核对签到")
    log = [(r["table_name"], r["action"], r["reason"]) for r in
           store.query("SELECT * FROM audit_log WHERE id > ? ORDER BY id", [entries])]
    assert log == [
        ("attendance", "insert", "补录王芳"),
        ("followups", "insert", "补录传达"), ("followups", "insert", "补录传达"),
        ("followups", "delete", "核对签到"), ("attendance", "update", "核对签到"),    # 赵六 came
        ("followups", "delete", "核对签到"), ("attendance", "delete", "核对签到"),    # 李四 dropped
    ]
    assert audit.verify(store.conn).ok


def test_a_heart_talk_of_a_branch_under_a_committee_stays_within_that_branch(store):
    from desktop_app.core import orgs
    from desktop_app.core.members import Member
    top = orgs.create(store, "DW", "某街道党委", "党委")
    ours = orgs.create(store, "DW-1", "第一党支部", "党支部", top)
    theirs = orgs.create(store, "DW-2", "第二党支部", "党支部", top)
    ours_id = members.add(store, Member("甲一", joined_on="2000-07-01"), ours, since="2020-01-01")
    theirs_id = members.add(store, Member("乙二", joined_on="2000-07-01"), theirs, since="2020-01-01")
    assert attendance.check_marks(store, ours, "谈心谈话", "2025-06-10", [Mark(ours_id)]) == []
    assert attendance.check_marks(store, ours, "谈心谈话", "2025-06-10", [Mark(theirs_id)]) == [
        "乙二 在 2025-06-10 不是第一党支部的党员，不能记入签到（非党员或外单位人员请记为列席）"]


def test_record_refuses_a_wrong_sheet_naming_every_problem_and_stores_nothing(store, br):
    ids = br.ids
    meeting_id = records.save(store, records.new(store, br.branch, "支部党员大会", "2025-06-10"),
                              [Mark(ids["张三"])])
    with pytest.raises(AttendanceError) as err:
        attendance.record(store, meeting_id, [Mark(ids["张三"], "迟到"), Mark(ids["李四"], "请假")])
    assert str(err.value) == "张三 的出席情况应为 出席、请假 或 缺席，而不是“迟到”；李四 请假须填写请假原因"
    assert _rows(store, meeting_id) == {ids["张三"]: ("出席", None, None)}


def test_a_mark_changed_in_every_field_is_stored_and_no_approver_stays_empty(store, br):
    ids = br.ids
    meeting_id = records.save(store, records.new(store, br.branch, "支部党员大会", "2025-06-10"),
                              [Mark(ids["张三"]), Mark(ids["李四"])])
    attendance.record(store, meeting_id, [Mark(ids["张三"], "请假", "病假", "李四"),
                                          Mark(ids["李四"], "请假", "出差", None)])
    assert _rows(store, meeting_id) == {ids["张三"]: ("请假", "病假", "李四"),
                                        ids["李四"]: ("请假", "出差", None)}


def test_a_member_away_keeps_a_leave_reason_of_their_own_and_the_approver(store, br):
    ids = br.ids
    members.record_event(store, ids["赵六"], "流动外出", "2025-03-01", place="杭州", reason="务工",
                         contact="13800000000", counterpart="杭州某街道党工委", reported_on="2025-03-05")
    away = "流动外出（杭州，务工）"
    sheet = [Mark(ids["张三"]), Mark(ids["赵六"], "请假", "探亲", "张三")]
    assert attendance.excuse_away(store, "2025-06-10", sheet) == sheet
    assert attendance.excuse_away(store, "2025-06-10", [Mark(ids["赵六"], "请假", " ", "张三")]) == [
        Mark(ids["赵六"], "请假", away, "张三")]
    assert attendance.excuse_away(store, "2025-06-10", [Mark(ids["赵六"], "缺席", None, "李四")]) == [
        Mark(ids["赵六"], "请假", away, "李四")]
    assert attendance.excuse_away(store, "2025-06-10", [Mark(ids["赵六"], "出席")]) == [Mark(ids["赵六"])]
    assert attendance.excuse_away(store, "2025-02-28", [Mark(ids["赵六"], "缺席")]) == [
        Mark(ids["赵六"], "缺席")]                                          # not yet away
    # On the sheet check, the away member's blank leave is excused, not a problem.
    assert attendance.check_marks(store, br.branch, "支部党员大会", "2025-06-10",
                                  [Mark(ids["张三"]), Mark(ids["赵六"], "请假")]) == []


def test_a_member_on_the_roll_before_joining_the_party_is_expected_from_joining(store, br):
    """周十 is entered with the branch from 2025-01-01 but joins the Party (入党) on 2025-04-10:
    not 应到 the day before, 应到 on the day."""
    late = members.add(store, members.Member("周十", joined_on="2025-04-10"), br.branch,
                       since="2025-01-01")
    before = attendance.expected_members(store, br.branch, "支部党员大会", "2025-04-09")
    on_the_day = attendance.expected_members(store, br.branch, "支部党员大会", "2025-04-10")
    assert names(before) == ["孙八", "张三", "李四", "王芳", "赵六"]
    assert late in {m.id for m in on_the_day} and len(on_the_day) == 6


def test_a_mark_of_a_meeting_in_a_sealed_period_changes_only_as_a_correction(store, br):
    """Attendance takes its date from its meeting: 5 March is sealed by the 31 March seal, so
    turning 李四's 出席 into 缺席 needs a reason; 1 April's sheet is still open."""
    ids = br.ids
    sealed = records.save(store, records.new(store, br.branch, "支部党员大会", "2025-03-05"),
                          [Mark(ids["张三"]), Mark(ids["李四"]), Mark(ids["王芳"]), Mark(ids["赵六"])])
    open_one = records.save(store, records.new(store, br.branch, "支部党员大会", "2025-04-01"),
                            [Mark(ids["张三"]), Mark(ids["李四"]), Mark(ids["王芳"]),
                             Mark(ids["赵六"]), Mark(ids["孙八"])])
    store.seal_through("2025-03-31", "一季度报送")
    row = store.query_one("SELECT id FROM attendance WHERE meeting_id = ? AND member_id = ?",
                          [sealed, ids["李四"]])
    with pytest.raises(SealedPeriodError, match="更正原因"):
        store.update("attendance", row["id"], {"status": "缺席"})
    assert store.get("attendance", row["id"])["status"] == "出席"
    store.update("attendance", row["id"], {"status": "缺席"}, reason="签到表核对有误")
    assert store.get("attendance", row["id"])["status"] == "缺席"
    later = store.query_one("SELECT id FROM attendance WHERE meeting_id = ? AND member_id = ?",
                            [open_one, ids["李四"]])
    store.update("attendance", later["id"], {"status": "缺席"})
    assert store.get("attendance", later["id"])["status"] == "缺席"
