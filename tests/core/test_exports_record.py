"""会议记录 as PDF and .docx, from a recorded meeting in the demo ledger."""
import dataclasses

import docx
import pytest
from docx.oxml.ns import qn

from desktop_app.core.exports import meeting_record_export as export
from desktop_app.core.exports.meeting_record_export import Absence, MeetingRecord
from desktop_app.core import orgs
from desktop_app.core.meetings import attendance, kinds, records
from desktop_app.core.meetings.attendance import Mark
from desktop_app.core.store import StoreError
from export_helpers import flat, held_meeting, pdf_fonts, pdf_pages, pdf_text


def test_record_built_from_the_meetings_core(demo_store):
    meeting_id, expected = held_meeting(demo_store)
    record = export.for_meeting(demo_store, meeting_id)
    assert record.org_name == "示范社区党委第一党支部"
    assert record.expected == len(expected) == 18   # the demo branch's roster on 2025-03-05
    assert record.present == [m.name for m in expected[2:]]
    assert record.on_leave == [Absence(expected[0].name, "住院治疗", "书记", "电话", "2025-03-06",
                                       "组织委员")]
    assert record.absent == [Absence(expected[1].name)]
    assert record.guests == ["刘明（街道党工委）"]
    assert record.host and record.unmarked == []


def test_pdf_reads_like_the_paper_record(demo_store, tmp_path):
    meeting_id, expected = held_meeting(demo_store)
    record = export.for_meeting(demo_store, meeting_id)
    target = export.write_pdf(record, tmp_path / "r.pdf", printed_on="2025-03-07")
    text = flat(pdf_text(target))
    assert "支部党员大会记录党组织示范社区党委第一党支部" in text
    assert "会议名称2025年3月支部党员大会" in text
    assert "时间2025年3月5日14:30—16:00" in text
    assert "应到18人" in text
    assert "实到16人（出席率89%）" in text          # 16 / 18 = 88.9 %
    assert f"{expected[0].name}（事由：住院治疗；批准人：书记）" in text
    assert "书记领学党章总纲。" in text and "通过本年度支部工作计划。" in text
    assert f"{expected[0].name}请假电话2025年3月6日组织委员" in text
    assert f"{expected[1].name}缺席未传达" in text
    assert "本文件含个人信息（姓名、请假事由）" in text
    assert all(f["emb"] == "yes" and f["type"] == "TrueType" for f in pdf_fonts(target))


def test_docx_has_the_same_content_with_east_asian_fonts(demo_store, tmp_path):
    meeting_id, expected = held_meeting(demo_store)
    record = export.for_meeting(demo_store, meeting_id)
    target = export.write_docx(record, tmp_path / "r.docx")
    document = docx.Document(target)
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "支部党员大会记录"
    assert "会议内容" in paragraphs and "书记领学党章总纲。" in paragraphs
    grid = document.tables[0]
    cells = {row.cells[0].text: row.cells[1].text for row in grid.rows}
    assert cells["会议名称"] == "2025年3月支部党员大会"
    assert cells["应到"] == "18 人"
    assert expected[2].name in cells["出席人员"]
    assert cells["缺席人员"] == expected[1].name
    briefing = document.tables[1]
    assert [c.text for c in briefing.rows[1].cells] == [expected[0].name, "请假", "电话",
                                                         "2025年3月6日", "组织委员"]
    runs = [r for p in document.paragraphs for r in p.runs]
    assert runs and all(r._element.rPr.rFonts.get(qn("w:eastAsia")) in ("宋体", "黑体")
                        for r in runs)
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_long_minutes_flow_over_pages(tmp_path):
    record = MeetingRecord("第一党支部", "支委会", "研究工作", "2025-02-10",
                           present=["甲", "乙"], minutes="\n".join(["讨论了社区网格化管理的具体安排。"] * 120))
    target = export.write_pdf(record, tmp_path / "r.pdf")
    assert flat(pdf_text(target)).count("讨论了社区网格化管理的具体安排。") == 120


def test_recycled_or_missing_meeting_is_refused(demo_store):
    meeting_id, _ = held_meeting(demo_store)
    records.delete(demo_store, meeting_id, "录错了")
    with pytest.raises(StoreError, match="回收站"):
        export.for_meeting(demo_store, meeting_id)
    with pytest.raises(StoreError, match="找不到编号为 9999 的会议记录"):
        export.for_meeting(demo_store, 9999)


def test_a_heart_talk_prints_on_its_own_form(demo_store, tmp_path):
    """谈心谈话记录: 谈话人, 谈话对象, content, the member's views, both signatures; none of a
    meeting's 应到/实到/出席率/会议决议."""
    branch = orgs.by_code(demo_store, "DEMO-01").id
    people = attendance.expected_members(demo_store, branch, kinds.BRANCH_MEETING, "2025-04-01")
    talk = records.new(demo_store, branch, kinds.HEART_TALK, "2025-04-01")
    talk.host_id, talk.recorder_id = people[0].id, people[0].id
    talk.place = "党群服务中心"
    talk.minutes = "了解近期思想和工作情况。"
    talk.resolutions = "希望支部多组织志愿服务。"
    meeting_id = records.save(demo_store, talk, [Mark(people[1].id)])
    record = export.for_meeting(demo_store, meeting_id)
    target = export.write_pdf(record, tmp_path / "t.pdf", printed_on="2025-04-02")
    text = flat(pdf_text(target))
    assert text.startswith("谈心谈话记录")
    assert f"谈话人{people[0].name}谈话对象{people[1].name}" in text
    assert "谈话内容了解近期思想和工作情况。" in text
    assert "意见建议希望支部多组织志愿服务。" in text
    assert "谈话人（签字）" in text and "谈话对象（签字）" in text
    for meeting_word in ("应到", "实到", "出席率", "会议决议", "主持人（签字）"):
        assert meeting_word not in text


def test_a_long_record_keeps_its_signatures_with_its_last_content(demo_store, tmp_path):
    meeting_id, _ = held_meeting(demo_store)
    record = dataclasses.replace(export.for_meeting(demo_store, meeting_id),
                                 minutes="\n".join(f"第{n}位党员发言，谈学习体会。" for n in range(58)))
    target = export.write_pdf(record, tmp_path / "r.pdf")
    last = [ln.strip() for ln in pdf_text(target, pdf_pages(target)).splitlines() if ln.strip()]
    assert any("主持人（签字）" in ln for ln in last)
    assert any("缺席人员传达情况" in ln or "传达" in ln for ln in last)


def test_a_record_that_contradicts_the_ledger_says_so_when_printed(demo_store, tmp_path):
    """The recorder marked absent at the meeting he recorded: the printed record names it."""
    branch = orgs.by_code(demo_store, "DEMO-01").id
    people = attendance.expected_members(demo_store, branch, kinds.BRANCH_MEETING, "2025-04-02")
    meeting = records.new(demo_store, branch, kinds.BRANCH_MEETING, "2025-04-02")
    meeting.host_id, meeting.recorder_id = people[0].id, people[1].id
    marks = [Mark(m.id) for m in people]
    marks[1] = Mark(people[1].id, kinds.ABSENT)
    meeting_id = records.save(demo_store, meeting, marks)
    record = export.for_meeting(demo_store, meeting_id)
    assert record.problems and people[1].name in record.problems[0]
    text = flat(pdf_text(export.write_pdf(record, tmp_path / "r.pdf")))
    assert "核对提示" in text and flat(record.problems[0]) in text


def test_a_lessons_topic_and_agenda_print_under_the_editors_words(tmp_path):
    record = MeetingRecord(org_name="某社区党委第一党支部", kind="党课", title="2025年第二季度党课",
                           held_on="2025-05-20", lecturer="王书记", topic="学习新修订的纪律处分条例",
                           agenda="一、讲党课\n二、交流发言", minutes="王书记讲授。")
    text = flat(pdf_text(export.write_pdf(record, tmp_path / "r.pdf", printed_on="2025-05-21")))
    assert "会议名称2025年第二季度党课议题/主题学习新修订的纪律处分条例" in text
    assert "议程一、讲党课二、交流发言" in text and "议题无" not in text
    document = docx.Document(export.write_docx(record, tmp_path / "r.docx"))
    cells = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert cells["议题/主题"] == "学习新修订的纪律处分条例"
    assert "议程" in [p.text for p in document.paragraphs]
    untitled = dataclasses.replace(record, topic=None)
    assert "议题/主题" not in flat(pdf_text(export.write_pdf(untitled, tmp_path / "u.pdf")))
