"""The record sections of the yearly book: a list of the section's meetings with the page each
starts on, then every record in the 会议记录 layout (`meeting_record_export.flowables`), one to a
page as in the paper record book; and the 谈心谈话 summary."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak

from desktop_app.core.exports import meeting_record_export, pdf
from desktop_app.core.exports.pdf_index import Heading, page_ref_table
from desktop_app.core.exports.wording import month_day
from desktop_app.core.exports.year_facts import MeetingLine, YearMember

INDEX_HEADER = ["序号", "日期", "类型", "会议名称", "实到/应到"]


def record_section(lines: list[MeetingLine], records: dict[int, meeting_record_export.MeetingRecord],
                   org_id: int, width: float) -> list:
    """The section's index table, then each record on its own page."""
    st = pdf.styles()
    if not lines:
        return [pdf.para("本年度没有此类记录。", st.body)]
    anchors = [f"m{line.meeting.id}" for line in lines]
    rows = [[str(n), month_day(line.meeting.held_on), line.kind_label, heading(line, org_id),
             f"{line.summary.present}/{line.summary.expected}"]
            for n, line in enumerate(lines, 1)]
    widths = [12 * mm, 22 * mm, 34 * mm, width - 102 * mm, 20 * mm, 14 * mm]
    story = [pdf.para(_tally(lines), st.body),
             page_ref_table(INDEX_HEADER, rows, anchors, widths, center_cols=(0, 1, 2, 4))]
    for line, anchor in zip(lines, anchors):
        record = records[line.meeting.id]
        story += [PageBreak(), Heading(heading(line, org_id), st.title, level=1, anchor=anchor),
                  *meeting_record_export.flowables(record, width)]
    return story


def heading(line: MeetingLine, org_id: int) -> str:
    """The record's title; a meeting held by a 党小组 (or, in a 党委's book, by a 党支部) also names
    who held it, since several hold the same kind of meeting each month."""
    if line.meeting.org_id != org_id:
        return f"{line.meeting.title}（{line.org_name}）"
    return line.meeting.title


def _tally(lines: list[MeetingLine]) -> str:
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.meeting.kind] = counts.get(line.meeting.kind, 0) + 1
    parts = "，".join(f"{kind}{n}次" for kind, n in counts.items())
    return f"本年度共{len(lines)}次：{parts}。各次记录按日期排列，见所列页码。"


def talks_section(lines: list[MeetingLine], roster: list[YearMember], width: float) -> list:
    """谈心谈话: who talked with whom and when, and which members have not had a talk this year."""
    st = pdf.styles()
    talked = {line.partner_id for line in lines if line.summary.present}
    missing = [m.name for m in roster if m.id not in talked]
    story = [pdf.para(f"本年度共谈心谈话{len(lines)}次，覆盖党员{len(roster) - len(missing)}人"
                      f"（本年度在册{len(roster)}人）。", st.body)]
    if missing:
        story.append(pdf.para(f"尚未谈心谈话的党员：{'、'.join(missing)}。", st.body))
    if lines:
        rows = [["序号", "日期", "谈话人", "谈话对象", "主要内容"]]
        rows += [[str(n), month_day(line.meeting.held_on), line.host, line.partner or "",
                  _first_line(line.meeting.topic or line.meeting.minutes)]
                 for n, line in enumerate(lines, 1)]
        story.append(pdf.table(rows, [12 * mm, 22 * mm, 22 * mm, 22 * mm, width - 78 * mm],
                               center_cols=(0, 1, 2, 3)))
    return story


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""
