"""谈心谈话记录: a talk between a 支部 leader and one member has its own form, not a meeting's —
谈话人, 谈话对象, time and place, what was said, the member's views and wishes, and both
signatures (no 应到/实到, no 会议决议). Shares the record's data (`MeetingRecord`): the host is
the 谈话人, the expected member the 谈话对象, `minutes` the 谈话内容 and `resolutions` the
member's 意见建议.
"""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from desktop_app.core.exports import pdf
from desktop_app.core.exports.wording import chinese_date, time_range

SECTIONS = (("谈话主题", "agenda"), ("谈话内容", "minutes"),
            ("谈话对象的思想、工作、生活情况及意见建议", "resolutions"))


def partners(record) -> list[str]:
    """The member(s) talked to: everyone on the record but the 谈话人."""
    everyone = [*record.present, *record.unmarked,
                *(a.name for a in (*record.on_leave, *record.absent))]
    return [name for name in everyone if name != record.host] or everyone


def flowables(record, width: float) -> list:
    st = pdf.styles()
    label_w = 24 * mm
    value_w = width / 2 - label_w
    when = f"{chinese_date(record.held_on)} {time_range(record.start_time, record.end_time)}"
    rows = [["党组织", record.org_name, "", ""],
            ["谈话人", record.host or "", "谈话对象", "、".join(partners(record))],
            ["时间", when.strip(), "地点", record.place or ""],
            ["记录人", record.recorder or "", "", ""]]
    grid = pdf.table(rows, [label_w, value_w, label_w, value_w], header_rows=0,
                     label_cols=(0, 2),
                     extra_style=[("SPAN", (1, 0), (3, 0)), ("SPAN", (1, 3), (3, 3)),
                                  ("BACKGROUND", (0, 0), (0, -1), pdf.HEADER_FILL),
                                  ("BACKGROUND", (2, 1), (2, 2), pdf.HEADER_FILL)])
    story: list = [grid]
    for heading, field in SECTIONS:
        text = getattr(record, field) or "无"
        story.append(pdf.para(heading, st.heading))
        story += [pdf.para(line, st.body) for line in text.splitlines() if line.strip()]
    story.append(KeepTogether([story.pop(), Spacer(1, 12 * mm),
                               pdf.line_of(["谈话人（签字）：＿＿＿＿＿＿",
                                            "谈话对象（签字）：＿＿＿＿＿＿"], width)]))
    return story
