"""学时 outside meetings: one entry for many members, the opening balance, the xlsx import, and the
jiaxing 32/56 学时 rule counting them together with the meetings' hours."""
from dataclasses import replace

import openpyxl
import pytest

from desktop_app.core import member_events, members, orgs
from desktop_app.core.meetings import records
from desktop_app.core.meetings.attendance import Mark
from desktop_app.core.members import Member
from desktop_app.core.periods import parse_period
from desktop_app.core.rules import engine
from desktop_app.core.rules.findings import MET, OVERDUE
from desktop_app.core.store import StoreError
from desktop_app.core.study import entries, importer, openings
from desktop_app.core.study.entries import StudyEntry

OLD = dict(joined_on="1990-07-01", confirmed_on="1991-07-01")


@pytest.fixture
def branch(store):
    branch = orgs.create(store, "B1", "幸福社区党支部", "党支部", rule_profile="jiaxing-2016")
    ids = [members.add(store, Member(name, **OLD), branch, since="2020-01-01")
           for name in ("甲一", "乙二", "丙三")]
    return branch, ids


def study_finding(store, branch_id, today="2026-01-10"):
    found = engine.check(store, branch_id, parse_period("2025"), today=today)
    return next(f for f in found if f.rule_id == "jx-26-study-hours")


def test_one_training_for_many_members(store, branch):
    _, (a, b, c) = branch
    entry_id = entries.add(store, StudyEntry("2025年3月8日", "4", "街道党员冬训", [a, b],
                                             "城东街道党工委", "街道培训"))
    [saved] = entries.between(store, "2025-01-01", "2025-12-31")
    assert (saved.id, saved.held_on, saved.hours, sorted(saved.member_ids)) == (
        entry_id, "2025-03-08", 4.0, sorted([a, b]))
    with pytest.raises(StoreError, match="学时 0 应大于 0 且不超过 80；请选择参加学习的党员"):
        entries.add(store, StudyEntry("2025-03-08", 0, "空", []))
    members.record_event(store, c, "转出", "2025-02-01")
    with pytest.raises(StoreError, match="丙三 在 2025-03-09 不在册"):
        entries.add(store, StudyEntry("2025-03-09", 2, "网上党校", [c]))


def test_study_hours_rule_adds_entries_opening_and_meetings(store, branch):
    branch_id, (a, b, c) = branch
    rule_id = study_finding(store, branch_id).rule_id
    assert rule_id == "jx-26-study-hours"
    meeting = records.new(store, branch_id, "党课", "2025-04-10")
    meeting.lecturer, meeting.study_hours = "甲一", 2
    records.save(store, meeting, [Mark(a), Mark(b), Mark(c, "缺席")])
    entries.add(store, StudyEntry("2025-06-01", 20, "网上党校专题", [a, b, c], "市委党校", "网上党校"))
    openings.set_opening(store, a, 2025, 10, "2025-04-01")
    # 甲一 2 + 20 + 10 = 32 ✓; 乙二 2 + 20 = 22 ✗; 丙三 20 ✗.
    result = study_finding(store, branch_id)
    assert result.status == OVERDUE
    assert result.member_ids == tuple(sorted([b, c]))
    assert "乙二 2025年 22/32学时" in result.detail and "丙三 2025年 20/32学时" in result.detail
    openings.set_opening(store, b, 2025, 10, "2025-04-01")
    entries.add(store, StudyEntry("2025-09-01", 12, "学习强国专题课", [c], source="学习强国"))
    assert study_finding(store, branch_id).status == MET


def test_organisational_life_away_counts_where_the_profile_says(store, branch):
    branch_id, (a, b, c) = branch
    entries.add(store, StudyEntry("2025-06-01", 30, "集中轮训", [a, b, c]))
    entries.add(store, StudyEntry("2025-07-01", 2, "专题党课", [a, b]))
    members.record_event(store, c, "流动外出", "2025-02-01", place="杭州", reason="务工",
                         contact="13800000000", reported_on="2025-02-02")
    member_events.add_away_life(store, c, "2025-05-10", "杭州某支部", "党课", 2)
    assert study_finding(store, branch_id).status == MET          # jiaxing counts it: 32
    profile = engine.profile_for(store, branch_id)
    rules = tuple(replace(r, params={**r.params, "away_life_counts": False})
                  if r.type == "mobile_reported" else r for r in profile.rules)
    found = engine.check(store, branch_id, parse_period("2025"), today="2026-01-10",
                         profile=replace(profile, rules=rules))
    result = next(f for f in found if f.rule_id == "jx-26-study-hours")
    assert (result.status, result.member_ids) == (OVERDUE, (c,))
    assert "丙三 2025年 30/32学时" in result.detail


def _sheet(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2025年学时登记表"])
    sheet.append(["姓名", "日期", "学时", "培训名称", "主办单位", "类别"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_import_groups_rows_into_trainings(store, branch, tmp_path):
    _, (a, b, c) = branch
    path = _sheet(tmp_path / "xs.xlsx", [
        ["甲一", "2025-03-08", 4, "街道冬训", "城东街道", "街道培训"],
        ["乙二", "2025.3.8", "4", "街道冬训", "城东街道", "街道培训"],
        [None, None, None, None, None, None],
        ["丙三", "2025-05-01", 1.5, "学习强国专题", None, "学习强国"]])
    plan = importer.read(store, path)
    assert plan.rows == 3
    assert sorted((e.title, tuple(sorted(e.member_ids))) for e in plan.entries) == [
        ("学习强国专题", (c,)), ("街道冬训", tuple(sorted([a, b])))]
    assert importer.apply(store, plan) == 2
    assert len(entries.between(store, "2025-01-01", "2025-12-31")) == 2


def test_import_names_each_bad_row_and_imports_nothing(store, branch, tmp_path):
    path = _sheet(tmp_path / "bad.xlsx", [
        ["甲一", "2025-02-30", 4, "冬训", None, None],
        ["无名氏", "2025-03-08", "两", "冬训", None, "自学"],
        ["乙二", "2025-03-08", 2, None, None, None]])
    with pytest.raises(importer.StudyFileError) as caught:
        importer.read(store, path)
    message = str(caught.value)
    assert message.startswith("bad.xlsx 中有 3 处错误，未导入任何学时：")
    assert "第 3 行：日期：不存在的日期：2025-02-30" in message
    assert "第 4 行：学时“两”应是一个数字；类别“自学”应为" in message
    assert "花名册中没有党员“无名氏”" in message
    assert "第 5 行：缺少培训或课程名称" in message
    assert store.query_one("SELECT count(*) AS n FROM study_sessions")["n"] == 0
    csv = tmp_path / "xs.csv"
    csv.write_text("姓名,日期\n", encoding="utf-8")
    with pytest.raises(importer.StudyFileError, match="xs.csv 不是 .xlsx 文件"):
        importer.read(store, csv)


def test_an_entry_is_corrected_and_deleted_with_attendees_and_audit(store, branch):
    _, (a, b, c) = branch
    entry_id = entries.add(store, StudyEntry("2025-03-08", "4", "街道党员冬训", [a, b]))
    entries.update(store, StudyEntry("2025-03-09", "3.5", "街道党员冬训（补）", [b, c], None,
                                     "街道培训", entry_id))
    again = entries.get(store, entry_id)
    assert (again.held_on, again.hours, again.title, sorted(again.member_ids), again.source) == (
        "2025-03-09", 3.5, "街道党员冬训（补）", sorted([b, c]), "街道培训")
    assert store.query_one("SELECT count(*) AS n FROM study_attendees")["n"] == 2
    with pytest.raises(StoreError, match="请选择参加学习的党员"):
        entries.update(store, StudyEntry("2025-03-09", "3", "空", [], id=entry_id))
    assert entries.get(store, entry_id).hours == 3.5                      # the refusal kept nothing
    store.seal_through("2025-06-30", "2025年上半年已报送")
    with pytest.raises(StoreError, match="须填写更正原因"):
        entries.delete(store, entry_id)
    entries.delete(store, entry_id, reason="重复登记")
    assert store.query_one("SELECT count(*) AS n FROM study_attendees")["n"] == 0
    with pytest.raises(StoreError, match="没有编号为"):
        entries.get(store, entry_id)
    reasons = [r["reason"] for r in store.query("SELECT reason FROM audit_log ORDER BY id DESC LIMIT 3")]
    assert reasons == ["重复登记"] * 3
