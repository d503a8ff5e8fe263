"""签到表: names of 应到 pre-printed, signature column empty, many names flow onto more pages."""
from desktop_app.core.exports import signin_sheet
from desktop_app.core.exports.signin_sheet import SigninSheet
from desktop_app.core.meetings import kinds, records
from export_helpers import flat, held_meeting, pdf_fonts, pdf_pages, pdf_text


def test_small_sheet_fits_one_a4_page(tmp_path):
    sheet = SigninSheet("示范社区党委第一党支部", "支委会", "研究三月党建工作", "2025-03-05", "09:00",
                        None, "党群服务中心", "王建国", ["张三", "李四", "王五"],
                        guests=[("刘明", "街道党工委")])
    target = signin_sheet.write_pdf(sheet, tmp_path / "s.pdf", printed_on="2025-03-01")
    assert pdf_pages(target) == 1
    text = flat(pdf_text(target))
    assert "支委会签到表" in text and "党组织：示范社区党委第一党支部" in text
    assert "第一党支部支委会签到表" not in text
    assert "会议主题：研究三月党建工作" in text
    assert "2025年3月5日（星期三）" in text and "时间：09:00" in text
    assert "地点：党群服务中心" in text and "主持人：王建国" in text
    assert "序号姓名签到备注" in text
    assert "1张三" in text and "3王五" in text
    assert "应到3人" in text
    assert "列席人员" in text and "刘明街道党工委" in text
    assert "本文件含个人信息（姓名）" in text
    assert all(f["emb"] == "yes" and f["type"] == "TrueType" for f in pdf_fonts(target))


def test_many_names_flow_onto_more_pages_with_header_repeated(tmp_path):
    names = [f"党员{i:03d}" for i in range(1, 61)]
    sheet = SigninSheet("第二党支部", "支部党员大会", None, "2025-06-30", names=names)
    target = signin_sheet.write_pdf(sheet, tmp_path / "s.pdf")
    pages = pdf_pages(target)
    assert pages >= 2
    for page in range(2, pages + 1):
        text = flat(pdf_text(target, page))
        assert "签到表（续）" in text
        if "党员" in text:
            assert "序号姓名签到备注" in text
    whole = flat(pdf_text(target))
    assert all(name in whole for name in names)
    assert "应到60人" in whole
    assert "时间：＿＿＿＿＿＿＿＿" in whole        # blanks to fill in by hand


def test_sheet_for_a_recorded_meeting_lists_its_expected_members(demo_store, tmp_path):
    meeting_id, expected = held_meeting(demo_store)
    assert len(expected) == 18        # the first demo branch's roster on 2025-03-05 (seed 7)
    sheet = signin_sheet.for_meeting(demo_store, meeting_id)
    assert sheet.org_name == "示范社区党委第一党支部"
    assert sheet.names == [m.name for m in expected]
    assert sheet.host is not None and sheet.place == "社区党群服务中心二楼会议室"
    assert sheet.guests == [("刘明", "街道党工委")]
    text = flat(pdf_text(signin_sheet.write_pdf(sheet, tmp_path / "s.pdf")))
    assert all(m.name in text for m in expected)
    assert "应到18人" in text


def _planned(store, branch: int, on: str) -> SigninSheet:
    meeting = records.new(store, branch, kinds.PARTY_LESSON, on)
    meeting.status = records.PLANNED
    return signin_sheet.for_meeting(store, records.save(store, meeting))


def test_sheet_for_a_planned_meeting_uses_the_roster_on_its_date(demo_store):
    """第二党支部 has 20 on the roll on 1 September 2025 (seed 7). One of them transfers out on
    31 August, one newcomer comes on 1 September, another on the 2nd: the sheet for a 党课
    planned on 1 September lists 20 − 1 + 1 = 20, the leaver and the later newcomer not on it."""
    from desktop_app.core import members, orgs
    from desktop_app.core.members import Member
    branch = orgs.by_code(demo_store, "DEMO-02").id
    first = _planned(demo_store, branch, "2025-09-01")
    assert len(first.names) == 20 and len(set(first.names)) == 20
    leaver = demo_store.query_one("SELECT id FROM members WHERE name = ?", [first.names[0]])["id"]
    members.record_event(demo_store, leaver, "转出", "2025-08-31", place="外省")
    members.add(demo_store, Member("新来甲", joined_on="2010-07-01"), branch, since="2025-09-01")
    members.add(demo_store, Member("新来乙", joined_on="2010-07-01"), branch, since="2025-09-02")
    sheet = _planned(demo_store, branch, "2025-09-01")
    assert len(sheet.names) == 20
    assert set(sheet.names) == set(first.names) - {first.names[0]} | {"新来甲"}


def test_a_branch_of_37_fits_one_sheet_in_two_columns(tmp_path):
    """37 members and the 列席 rows on one A4 sheet (18 rows a page used to take three)."""
    names = [f"党员{i:02d}" for i in range(1, 38)]
    sheet = SigninSheet("示范社区党委第一党支部", "支部党员大会", "学习党章", "2025-06-30",
                        "14:30", None, "党群服务中心", "王建国", names,
                        guests=[("刘明", "街道党工委")])
    target = signin_sheet.write_pdf(sheet, tmp_path / "s.pdf", printed_on="2025-06-28")
    assert pdf_pages(target) == 1
    text = flat(pdf_text(target))
    assert "序号姓名签到序号姓名签到" in text
    assert "1党员01" in text and "19党员19" in text and "20党员20" in text and "37党员37" in text
    assert "应到37人" in text and "列席人员" in text and "刘明街道党工委" in text
