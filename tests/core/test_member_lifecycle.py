"""Member lifecycle from an empty ledger: 应到 on each side of an event's date, 转正 with its
支部党员大会, 流动党员 excused automatically, the report judged against the profile's limit."""
import pytest

from desktop_app.core import member_events, members, orgs
from desktop_app.core.meetings import attendance, records
from desktop_app.core.meetings.attendance import Mark
from desktop_app.core.members import Member
from desktop_app.core.periods import parse_period
from desktop_app.core.rules import engine
from desktop_app.core.rules.findings import DUE_SOON, MET, OVERDUE
from desktop_app.core.store import StoreError, audit

ID_MAN = "110105198001010016"     # valid check digit; 17th digit 1 → 男, born 1980-01-01


@pytest.fixture
def branch(store):
    root = orgs.create(store, "SQ01", "某社区党委", "党委", rule_profile="jiaxing-2016")
    branch = orgs.create(store, "B1", "第一党支部", "党支部", root)
    group_a = orgs.create(store, "B1-1", "第一党小组", "党小组", branch)
    group_b = orgs.create(store, "B1-2", "第二党小组", "党小组", branch)
    return branch, group_a, group_b


def names(store, org_id, day):
    return sorted(m.name for m in members.expected_on(store, org_id, day))


def test_each_event_changes_who_is_expected_on_its_date(store, branch):
    branch_id, group_a, group_b = branch
    old = dict(joined_on="1990-07-01", confirmed_on="1991-07-01")
    stay = members.add(store, Member("甲一", **old), group_a, since="2020-01-01")
    leaver = members.add(store, Member("乙二", **old), group_a, since="2020-01-01")
    dead = members.add(store, Member("丙三", **old), group_b, since="2020-01-01")
    newcomer = members.add(store, Member("丁四", **old), group_b, since="2025-03-01",
                           transfer_from="城西社区党支部")
    members.record_event(store, leaver, "转出", "2025-06-30", counterpart="外省某党支部")
    members.record_event(store, dead, "去世", "2025-08-15")
    members.move(store, stay, group_b, "2025-05-01")

    assert names(store, branch_id, "2025-02-28") == ["丙三", "乙二", "甲一"]
    assert names(store, branch_id, "2025-03-01") == ["丁四", "丙三", "乙二", "甲一"]
    assert names(store, branch_id, "2025-06-30") == ["丁四", "丙三", "乙二", "甲一"]
    assert names(store, branch_id, "2025-07-01") == ["丁四", "丙三", "甲一"]
    assert names(store, branch_id, "2025-08-16") == ["丁四", "甲一"]
    assert names(store, group_a, "2025-04-30") == ["乙二", "甲一"]
    assert names(store, group_a, "2025-05-01") == ["乙二"]
    assert names(store, group_b, "2025-05-01") == ["丁四", "丙三", "甲一"]
    assert [members.get(store, i).status for i in (leaver, dead, newcomer)] == ["转出", "去世", "在册"]
    lines = [(h.on_date, h.text) for h in member_events.history(store, newcomer)]
    assert ("2025-03-01", "转入第二党小组（自城西社区党支部）") in lines
    assert lines[:2] == [("1990-07-01", "入党（预备党员）"), ("1991-07-01", "转为正式党员")]
    assert ("2025-05-01", "调整到第二党小组") in [(h.on_date, h.text)
                                                 for h in member_events.history(store, stay)]
    assert audit.verify(store.conn).ok


def test_impossible_events_are_refused_with_the_reason(store, branch):
    _, group_a, group_b = branch
    member_id = members.add(store, Member("甲一", joined_on="1990-07-01", confirmed_on="1991-07-01"),
                            group_a, since="2024-01-01")
    with pytest.raises(StoreError, match="早于其加入现组织的日期 2024-01-01"):
        members.record_event(store, member_id, "转出", "2023-12-31")
    with pytest.raises(StoreError, match="目前在册，调整党小组或支部请用“调整组织”"):
        members.record_event(store, member_id, "转入", "2025-01-01", to_org_id=group_b)
    with pytest.raises(StoreError, match="没有外出记录"):
        members.record_event(store, member_id, "流动返回", "2025-01-01")
    members.record_event(store, member_id, "出党", "2025-02-01", reason="违纪")
    with pytest.raises(StoreError, match="目前不在册（出党），不能登记转出"):
        members.record_event(store, member_id, "转出", "2025-03-01")
    with pytest.raises(StoreError, match="应晚于上次离开的日期 2025-02-01"):
        members.record_event(store, member_id, "转入", "2025-02-01", to_org_id=group_b)
    assert store.query_one("SELECT count(*) AS n FROM member_events")["n"] == 1


def _congress(store, branch_id, on):
    meeting = records.new(store, branch_id, "支部党员大会", on)
    meeting.topic = "讨论预备党员转正"
    return records.save(store, meeting)


def test_confirmation_names_the_congress_that_decided_it(store, branch):
    branch_id, group_a, _ = branch
    member_id = members.add(store, Member("戊五", joined_on="2024-06-20"), group_a)
    committee = records.save(store, records.new(store, branch_id, "支委会", "2025-06-10"))
    with pytest.raises(StoreError, match="应是已召开的支部党员大会，而第 .* 号是已召开的支委会"):
        members.record_event(store, member_id, "转正", "2025-06-20", meeting_id=committee)
    congress = _congress(store, branch_id, "2025-06-18")
    members.record_event(store, member_id, "转正", "2025-06-20", meeting_id=congress)
    member = members.get(store, member_id)
    assert (member.confirmed_on, member.category_on("2025-06-19"),
            member.category_on("2025-06-20")) == ("2025-06-20", "预备党员", "正式党员")
    text = [h.text for h in member_events.history(store, member_id) if h.kind == "转正"][0]
    assert text.startswith("转为正式党员（2025-06-18 ") and text.endswith("讨论通过）")
    with pytest.raises(StoreError, match="已于 2025-06-20 转为正式党员"):
        members.record_event(store, member_id, "转正", "2025-07-01")


def test_a_member_away_is_excused_at_home_meetings_automatically(store, branch):
    branch_id, group_a, _ = branch
    home = members.add(store, Member("甲一", joined_on="1990-07-01", confirmed_on="1991-07-01"),
                       group_a, since="2020-01-01")
    away = members.add(store, Member("乙二", joined_on="1995-07-01", confirmed_on="1996-07-01"),
                       group_a, since="2020-01-01")
    members.record_event(store, away, "流动外出", "2025-03-01", place="杭州", reason="务工",
                         contact="13800000000", counterpart="杭州某街道党工委",
                         reported_on="2025-03-05")
    sheet = attendance.present_sheet(store, branch_id, "支部党员大会", "2025-04-10")
    assert [(m.member_id, m.status, m.leave_reason) for m in sheet] == [
        (home, "出席", None), (away, "请假", "流动外出（杭州，务工）")]
    # Marked 缺席 by hand (e.g. from a paper sign-in sheet): stored as 请假 with the reason.
    meeting = records.new(store, branch_id, "支部党员大会", "2025-04-10")
    meeting_id = records.save(store, meeting, [Mark(home), Mark(away, "缺席")])
    assert [(m.status, m.leave_reason) for m in attendance.marks(store, meeting_id)] == [
        ("出席", None), ("请假", "流动外出（杭州，务工）")]
    members.record_event(store, away, "流动返回", "2025-06-01")
    assert [m.status for m in attendance.present_sheet(store, branch_id, "支部党员大会",
                                                       "2025-06-01")] == ["出席", "出席"]
    # Back home, an absence is an absence.
    later = records.save(store, records.new(store, branch_id, "支部党员大会", "2025-06-20"),
                         [Mark(home), Mark(away, "缺席")])
    assert [m.status for m in attendance.marks(store, later)] == ["出席", "缺席"]
    # A briefing (传达) is owed for the absence at home, none for the meeting held while away.
    assert [(w.held_on, w.member_id) for w in attendance.open_work(store, branch_id)] == [
        ("2025-06-20", away)]
    # The 体检's 传达 rule agrees: one late briefing (the June absence), none for April.
    briefed = next(f for f in engine.check(store, branch_id, parse_period("2025"),
                                           today="2025-12-31")
                   if f.rule_id == "jx-11-briefing")
    assert briefed.status == OVERDUE and briefed.detail.startswith("1人次未按时传达：2025-06-20")


def _mobile_finding(store, branch_id, today):
    findings = engine.check(store, branch_id, parse_period("2025"), today=today)
    return next(f for f in findings if f.rule_id == "jx-31-mobile")


def test_the_report_is_judged_against_the_profiles_limit(store, branch):
    branch_id, group_a, _ = branch
    late = members.add(store, Member("甲一", joined_on="1990-07-01", confirmed_on="1991-07-01"),
                       group_a, since="2020-01-01")
    members.record_event(store, late, "流动外出", "2025-03-01", place="杭州", reason="务工",
                         contact="13800000000", reported_on="2025-04-15")
    result = _mobile_finding(store, branch_id, "2025-12-31")
    assert result.status == OVERDUE
    [line] = [h.text for h in member_events.history(store, late) if h.kind == "流动外出"]
    assert line.endswith("2025-04-15 报告（晚于规定的外出后30天内）")
    assert result.detail == "外出报告不全或过晚：甲一 2025-03-01外出，2025-04-15才报告（应在2025-03-31前）"
    on_time = members.add(store, Member("乙二", joined_on="1995-07-01", confirmed_on="1996-07-01"),
                          group_a, since="2020-01-01")
    members.record_event(store, on_time, "流动外出", "2025-12-20", place="苏州", reason="探亲",
                         contact="13900000000")
    # 乙二 has until 2026-01-19 to report: 即将到期, while 甲一 stays 逾期.
    assert _mobile_finding(store, branch_id, "2025-12-31").member_ids == (late, on_time)
    members.record_event(store, late, "流动返回", "2025-05-01")
    assert _mobile_finding(store, branch_id, "2025-12-31").status == OVERDUE  # still in 2025
    result = engine.check(store, branch_id, parse_period("2025Q4"), today="2025-12-31")
    mobile = next(f for f in result if f.rule_id == "jx-31-mobile")
    assert (mobile.status, mobile.member_ids) == (DUE_SOON, (on_time,))
    store.update("member_events", store.query_one(
        "SELECT id FROM member_events WHERE member_id = ? AND kind = '流动外出'",
        [on_time])["id"], {"reported_on": "2025-12-22"})
    mobile = next(f for f in engine.check(store, branch_id, parse_period("2025Q4"),
                                          today="2025-12-31") if f.rule_id == "jx-31-mobile")
    assert (mobile.status, mobile.detail) == (MET, "1名流动党员均已按时报告")


def test_organisational_life_away_is_recorded_only_while_away(store, branch):
    _, group_a, _ = branch
    member_id = members.add(store, Member("甲一", joined_on="1990-07-01", confirmed_on="1991-07-01"),
                            group_a, since="2020-01-01")
    with pytest.raises(StoreError, match="不在外出期间"):
        member_events.add_away_life(store, member_id, "2025-04-10", "杭州某支部", "党课", 2)
    members.record_event(store, member_id, "流动外出", "2025-03-01", place="杭州")
    member_events.add_away_life(store, member_id, "2025-04-10", "杭州某支部", "党课", 2, "学习党章")
    assert [(a.held_on, a.org_name, a.kind, a.study_hours)
            for a in member_events.away_life(store, member_id)] == [
        ("2025-04-10", "杭州某支部", "党课", 2.0)]


def test_id_number_fills_sex_and_birth_date_and_contradictions_are_named(store, branch):
    _, group_a, _ = branch
    member_id = members.add(store, Member("甲一", id_number=ID_MAN, joined_on="2005-07-01",
                                          confirmed_on="2006-07-01"), group_a)
    member = members.get(store, member_id)
    assert (member.gender, member.birth_date) == ("男", "1980-01-01")
    wrong = Member("乙二", id_number="110105198001010024", gender="男", birth_date="1980-01-02")
    problems = dict(members.validate(wrong))
    assert problems["gender"] == "与身份证号（第 17 位表示女）不一致"
    assert problems["birth_date"] == "与身份证号中的出生日期 1980-01-01 不一致"


def test_probation_older_than_a_year_is_a_question(store):
    assert members.probation_question(Member("甲", joined_on="2025-01-01"), "2025-12-31") is None
    question = members.probation_question(Member("甲", joined_on="2024-12-30"), "2025-12-31")
    assert question.startswith("甲 的入党日期 2024-12-30 已超过一年，但没有填写转正日期")
    assert members.probation_question(Member("甲", joined_on="2020-01-01",
                                             confirmed_on="2021-01-01"), "2025-12-31") is None
