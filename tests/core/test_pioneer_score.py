"""先锋指数 from a small ledger with known records: exact scores, caps, reasons, grades."""
import pytest

from desktop_app.core.rules.profile import load_profile
from desktop_app.core.scoring import entries, pioneer
from desktop_app.core.scoring.pioneer import PioneerError
from desktop_app.core.store import audit
from tests.core.rules_builder import Branch

H1 = "2025H1"


@pytest.fixture
def branch(store):
    return Branch(store, "jiaxing-2016")


def lines_of(result, member_id):
    return {line.item_id: line for line in result.member(member_id).lines}


def test_a_member_with_known_records_gets_exactly_the_expected_score(branch):
    a, others = branch.members[1], branch.members[2:]
    for month in ("02", "04", "06"):
        branch.meeting("支部党员大会", f"2025-{month}-10", attendees=[a])           # 3 × 3 = 9
    for on in ("2025-03-05", "2025-04-05"):
        branch.meeting("主题党日", on, day_kind="学习日", attendees=[a])             # 2 × 2 = 4
    branch.meeting("主题党日", "2025-03-25", day_kind="服务日", attendees=[a])       # 2
    branch.meeting("志愿服务", "2025-05-18", attendees=[a])                         # 2
    absent_at = branch.meeting("党课", "2025-05-20", attendees=others, absent=[a])  # −2
    months = [f"2025-{m:02d}" for m in range(1, 7)]
    branch.pay(a, months[:5], "2025-01-10")                                         # 5 on time
    branch.pay(a, months[5:], "2025-07-20")                                         # June late
    branch.meeting("支部党员大会", "2025-08-10", attendees=[a])                      # other half

    result = pioneer.evaluate(branch.store, branch.branch, H1)
    score = result.member(a)
    assert score.score == 60 + 9 + 4 + 4 + 5 - 2 == 80
    assert (score.grade, score.stars, score.warned) == ("★★★", 3, False)
    lines = lines_of(result, a)
    assert lines["three-one"].points == 9 and len(lines["three-one"].records) == 3
    assert lines["study-day"].points == 4
    assert lines["service"].points == 4
    assert lines["dues"].points == 5 and "未按时：6月" in lines["dues"].reason
    assert lines["absent"].points == -2
    assert lines["absent"].reason.startswith("无故缺席1次：5月20日党课")
    assert lines["absent"].records == (("meetings", absent_at),)
    assert result.label == "2025年上半年" and result.period == H1


def test_each_ledger_item_is_capped(branch):
    a, others = branch.members[1], branch.members[2:]
    for n in range(6):
        branch.meeting("党小组会", f"2025-0{n + 1}-08", org=branch.groups[1], attendees=[a])
        branch.meeting("主题党日", f"2025-0{n + 1}-05", day_kind="学习日", attendees=[a])
        branch.meeting("主题党日", f"2025-0{n + 1}-25", day_kind="服务日", attendees=[a])
        branch.meeting("党课", f"2025-0{n + 1}-15", attendees=others, absent=[a])
    branch.meeting("主题党日", "2025-06-06", day_kind="学习日", attendees=[a])
    lines = lines_of(pioneer.evaluate(branch.store, branch.branch, H1), a)
    assert lines["three-one"].points == 12 and "参加6次" in lines["three-one"].reason   # 18 → 12
    assert lines["study-day"].points == 12 and "参加7次" in lines["study-day"].reason   # 14 → 12
    assert lines["service"].points == 8                                                 # 12 → 8
    assert lines["absent"].points == -10 and "无故缺席6次" in lines["absent"].reason    # −12 → −10


def test_entered_items_need_a_reason_and_stay_within_range_and_cap(branch):
    store, a = branch.store, branch.members[1]
    with pytest.raises(PioneerError, match="扣分须填写原因"):
        entries.add_entry(store, branch.branch, a, H1, "conduct", 5, "  ", "2025-05-01")
    with pytest.raises(PioneerError, match="5～20"):
        entries.add_entry(store, branch.branch, a, H1, "conduct", 3, "迟到早退", "2025-05-01")
    with pytest.raises(PioneerError, match="由账本自动计分"):
        entries.add_entry(store, branch.branch, a, H1, "three-one", 3, "补记", "2025-05-01")
    assert store.query("SELECT * FROM pioneer_entries") == []

    entries.add_entry(store, branch.branch, a, H1, "conduct", 5, "无故不参加网格值守", "2025-05-01")
    entries.add_entry(store, branch.branch, a, H1, "study-notes", 4, "学习笔记完整", "2025-06-01")
    entries.add_entry(store, branch.branch, a, H1, "study-notes", 4, "心得体会2篇", "2025-06-02")
    with pytest.raises(PioneerError, match="最多加分8分，已录入8分"):
        entries.add_entry(store, branch.branch, a, H1, "study-notes", 1, "再加", "2025-06-03")
    score = pioneer.evaluate(store, branch.branch, H1).member(a)
    conduct = [line for line in score.lines if line.item_id == "conduct"]
    assert [(line.points, line.reason, line.source) for line in conduct] == [
        (-5, "无故不参加网格值守", "录入")]
    assert score.score == 60 - 5 + 8
    assert audit.verify(store.conn).ok
    assert store.query_one("SELECT count(*) AS n FROM audit_log WHERE table_name = "
                           "'pioneer_entries'")["n"] == 3


def test_a_red_line_makes_a_warned_member_graded_fail_pending_procedure(branch):
    store, a = branch.store, branch.members[1]
    with pytest.raises(PioneerError, match="须写明事实和原因"):
        entries.add_entry(store, branch.branch, a, H1, "rl-dues", 0, "", "2025-06-30")
    entries.add_entry(store, branch.branch, a, H1, "rl-dues", 0, "2024年12月至2025年5月未交党费",
                      "2025-06-30")
    score = pioneer.evaluate(store, branch.branch, H1).member(a)
    assert score.warned
    assert score.grade == "不合格（待按程序处置）" and score.stars == 0
    red = score.deductions                       # disclosed with the deductions' reasons
    assert red[0].title == "无正当理由连续六个月不交纳党费"
    assert "2024年12月至2025年5月未交党费" in red[0].reason and "党章" in red[0].reason
    assert [line.source for line in red] == ["红线"]
    other = pioneer.evaluate(store, branch.branch, H1).member(branch.members[2])
    assert not other.warned and other.grade == "★"


def test_exemption_is_recorded_with_the_decision(branch):
    store, old = branch.store, branch.members[3]
    with pytest.raises(PioneerError, match="须经党员大会决定"):
        entries.exempt(store, branch.branch, old, H1, "年满80周岁，行动不便", "", "2025-06-20")
    lesson = branch.meeting("党课", "2025-06-18")
    with pytest.raises(PioneerError, match="支部党员大会"):
        entries.exempt(store, branch.branch, old, H1, "年满80周岁", "党课上决定", "2025-06-18",
                       meeting_id=lesson)
    congress = branch.meeting("支部党员大会", "2025-06-20")
    entries.exempt(store, branch.branch, old, H1, "年满80周岁，行动不便",
                   "2025年6月20日支部党员大会决定", "2025-06-20", meeting_id=congress)
    score = pioneer.evaluate(store, branch.branch, H1).member(old)
    assert (score.score, score.grade, score.lines) == (None, "免评", ())
    assert score.exemption == "2025年6月20日支部党员大会决定（年满80周岁，行动不便）"
    assert pioneer.evaluate(store, branch.branch, "2025H2").member(old).score is not None


def test_a_published_result_does_not_change_when_the_ledger_does(branch):
    store, a = branch.store, branch.members[1]
    meeting = branch.meeting("支部党员大会", "2025-03-10")
    entries.add_entry(store, branch.branch, a, H1, "conduct", 10, "值守缺岗", "2025-06-01")
    published = pioneer.publish(store, branch.branch, H1, "2025-07-05")
    assert published.member(a).score == 60 + 3 - 10

    branch.delete_meeting(meeting)                              # the ledger changes afterwards
    branch.meeting("党课", "2025-04-10")
    live = pioneer.evaluate(store, branch.branch, H1)
    assert live.member(a).score == 60 + 3 - 10 and live.published_on == "2025-07-05"
    assert [line.item_id for line in live.member(a).lines if line.points] == ["three-one", "conduct"]
    assert lines_of(live, a)["three-one"].records != lines_of(published, a)["three-one"].records

    board = pioneer.published_result(store, branch.branch, "2025上半年")
    assert board == published
    assert pioneer.published_result(store, branch.branch, "2025H2") is None

    with pytest.raises(PioneerError, match="更正原因"):
        pioneer.publish(store, branch.branch, H1, "2025-07-08")
    pioneer.publish(store, branch.branch, H1, "2025-07-08", reason="3月10日党员大会记录系误录")
    assert pioneer.published_result(store, branch.branch, H1).published_on == "2025-07-08"
    last = store.query_one("SELECT reason FROM audit_log WHERE table_name = 'pioneer_evaluations' "
                           "ORDER BY id DESC")
    assert last["reason"] == "3月10日党员大会记录系误录"


def test_grade_bands_come_from_the_profile(branch):
    a = branch.members[1]
    for month in ("02", "04", "06"):
        branch.meeting("支部党员大会", f"2025-{month}-10", attendees=branch.members)
    branch.pay(a, [f"2025-{m:02d}" for m in range(1, 7)], "2025-01-10")
    entries.add_entry(branch.store, branch.branch, a, H1, "pledge", 4, "践诺：帮扶困难户", "2025-06-01")
    jiaxing = pioneer.evaluate(branch.store, branch.branch, H1).member(a)
    national = pioneer.evaluate(branch.store, branch.branch, H1,
                                profile=load_profile("national-2018")).member(a)
    assert jiaxing.score == national.score == 60 + 9 + 6 + 4
    assert (jiaxing.grade, jiaxing.stars) == ("★★", 2)
    assert (national.grade, national.stars) == ("合格", 0)


def test_only_half_years_and_members_of_the_branch(branch, store):
    with pytest.raises(PioneerError, match="2025H1 或 2025H2"):
        pioneer.evaluate(store, branch.branch, "2025Q1")
    stranger = branch.members[0]          # in the first 党小组, evaluated in the second
    with pytest.raises(PioneerError, match="不在本组织"):
        entries.add_entry(store, branch.groups[1], stranger, H1, "conduct", 5, "x", "2025-05-01")


def test_a_wrong_entry_is_withdrawn_with_a_reason(branch):
    store, a = branch.store, branch.members[1]
    entry = entries.add_entry(store, branch.branch, a, H1, "conduct", 5, "误录", "2025-05-01")
    with pytest.raises(PioneerError, match="撤销录入须填写原因"):
        entries.withdraw_entry(store, entry, " ")
    entries.withdraw_entry(store, entry, "录错了党员")
    assert pioneer.evaluate(store, branch.branch, H1).member(a).deductions == []
    last = store.query_one("SELECT action, reason FROM audit_log ORDER BY id DESC")
    assert (last["action"], last["reason"]) == ("delete", "录错了党员")
    assert audit.verify(store.conn).ok


def test_study_hours_count_trainings_as_the_check_does(store):
    from desktop_app.core.study import entries as study
    from desktop_app.core.study.entries import StudyEntry
    branch = Branch(store, "county-six-star")
    a = branch.members[1]
    lesson = branch.meeting("党课", "2025-03-15", hours=2, attendees=[a])
    training = study.add(store, StudyEntry("2025-04-08", 4, "县直机关工委培训", [a]))
    study.add(store, StudyEntry("2025-08-08", 6, "下半年培训", [a]))                # other half
    line = lines_of(pioneer.evaluate(store, branch.branch, H1), a)["study-hours"]
    assert line.points == (2 + 4) * 0.5 == 3
    assert line.reason.startswith("集中学习6学时")
    assert line.records == (("meetings", lesson), ("study_sessions", training))
