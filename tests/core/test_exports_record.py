"""会议记录 as PDF and .docx, from a recorded meeting in the demo ledger."""
import docx
import pytest
from docx.oxml.ns import qn

from desktop_app.core.exports import meeting_record_export as export
from desktop_app.core.exports.meeting_record_export import Absence, MeetingRecord
from desktop_app.core.meetings import records
from desktop_app.core.store import StoreError
from export_helpers import flat, held_meeting, pdf_fonts, pdf_text


def test_record_built_from_the_meetings_core(demo_store):
    meeting_id, expected = held_meeting(demo_store)
    record = export.for_meeting(demo_store, meeting_id)
    assert record.org_name == "示范社区党委第一党支部"
    assert record.expected == len(expected)
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
    assert "示范社区党委第一党支部会议记录" in text
    assert "会议名称2025年3月支部党员大会" in text
    assert "时间2025年3月5日14:30—16:00" in text
    assert f"应到{len(expected)}人" in text
    rate = f"{(len(expected) - 2) / len(expected):.0%}"
    assert f"实到{len(expected) - 2}人（出席率{rate}）" in text
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
    assert paragraphs[0] == "示范社区党委第一党支部会议记录"
    assert "会议内容" in paragraphs and "书记领学党章总纲。" in paragraphs
    grid = document.tables[0]
    cells = {row.cells[0].text: row.cells[1].text for row in grid.rows}
    assert cells["会议名称"] == "2025年3月支部党员大会"
    assert cells["应到"] == f"{len(expected)} 人"
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
