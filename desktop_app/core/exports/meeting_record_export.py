"""会议记录: one meeting in the layout of the paper 会议记录本, as PDF (to print and file) and as
.docx (to edit in WPS/Word, written by meeting_record_docx.py).

Both are drawn from the same lines (`header_rows`, `sections`), so they never disagree. The record
carries names and leave reasons, and its footer says so.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from desktop_app.core.exports import glyphs, pdf, sources, talk_record
from desktop_app.core.exports.wording import chinese_date, org_full_name, time_range
from desktop_app.core.meetings import attendance, kinds, validation
from desktop_app.core.store import Store

PERSONAL_DATA = "姓名、请假事由"
BODY_FONT, TITLE_FONT = "宋体", "黑体"


@dataclass(frozen=True)
class Absence:
    """An expected member who did not attend, and how they were briefed afterwards (传达)."""
    name: str
    reason: str | None = None           # 请假事由; None for 缺席
    approved_by: str | None = None
    briefed_how: str | None = None
    briefed_on: str | None = None
    briefed_by: str | None = None

    @property
    def note(self) -> str:
        parts = [f"事由：{self.reason}" if self.reason else "",
                 f"批准人：{self.approved_by}" if self.approved_by else ""]
        parts = [p for p in parts if p]
        return f"{self.name}（{'；'.join(parts)}）" if parts else self.name


@dataclass(frozen=True)
class MeetingRecord:
    org_name: str
    kind: str
    title: str
    held_on: str
    start_time: str | None = None
    end_time: str | None = None
    place: str | None = None
    host: str | None = None
    recorder: str | None = None
    lecturer: str | None = None
    topic: str | None = None
    present: list[str] = field(default_factory=list)
    on_leave: list[Absence] = field(default_factory=list)
    absent: list[Absence] = field(default_factory=list)
    unmarked: list[str] = field(default_factory=list)   # expected, attendance not yet recorded
    guests: list[str] = field(default_factory=list)
    agenda: str | None = None
    minutes: str | None = None
    resolutions: str | None = None
    problems: list[str] = field(default_factory=list)   # where it contradicts the ledger

    @property
    def expected(self) -> int:
        return len(self.present) + len(self.on_leave) + len(self.absent) + len(self.unmarked)

    @property
    def document_title(self) -> str:
        """From the kind, as on the paper forms: 支部党员大会记录, 支委会会议记录, 谈心谈话记录."""
        return title_for(self.kind)


def title_for(kind: str) -> str:
    base = kind.split("（")[0]
    if base in (kinds.COMMITTEE_MEETING, "其他"):
        return f"{base}会议记录" if base != "其他" else "会议记录"
    if base in (kinds.THEME_DAY, "志愿服务", "培训"):
        return f"{base}活动记录"
    return f"{base}记录"


def _names(names: list[str]) -> str:
    return "、".join(names) if names else "无"


def header_rows(record: MeetingRecord) -> list[list[tuple[str, str]]]:
    """The ruled block at the top of the page: rows of one or two (label, value) pairs."""
    rate = f"（出席率 {len(record.present) / record.expected:.0%}）" if record.expected else ""
    rows = [
        [("党组织", record.org_name)],
        [("会议名称", record.title)],
        *([[("议题/主题", record.topic)]] if record.topic else []),
        [("会议类型", record.kind), ("时间", f"{chinese_date(record.held_on)} "
                                      f"{time_range(record.start_time, record.end_time)}".strip())],
        [("地点", record.place or ""), ("主持人", record.host or "")],
        [("记录人", record.recorder or ""), ("主讲人", record.lecturer or "") if record.lecturer
         else ("列席", f"{len(record.guests)} 人")],
        [("应到", f"{record.expected} 人"), ("实到", f"{len(record.present)} 人{rate}")],
        [("请假", f"{len(record.on_leave)} 人"), ("缺席", f"{len(record.absent)} 人")],
        [("出席人员", _names(record.present))],
        [("请假人员", _names([a.note for a in record.on_leave]))],
        [("缺席人员", _names([a.note for a in record.absent]))],
    ]
    if record.unmarked:
        rows.append([("未登记考勤", _names(record.unmarked))])
    rows.append([("列席人员", _names(record.guests))])
    return rows


def sections(record: MeetingRecord) -> list[tuple[str, str]]:
    """The free-text parts, each under the editor's heading; empty ones read "无"."""
    return [("议程", record.agenda or "无"), ("会议内容", record.minutes or "无"),
            ("会议决议", record.resolutions or "无")]


BRIEFING_HEADERS = ("姓名", "情况", "传达方式", "传达日期", "传达人")


def briefing_rows(record: MeetingRecord) -> list[list[str]]:
    """缺席人员传达情况: one line per absentee; "未传达" marks open work."""
    rows = []
    for status, people in (("请假", record.on_leave), ("缺席", record.absent)):
        for a in people:
            rows.append([a.name, status, a.briefed_how or "未传达", chinese_date(a.briefed_on),
                         a.briefed_by or ""])
    return rows


def write_pdf(record: MeetingRecord, target: str | Path, printed_on: str | None = None) -> Path:
    info = pdf.DocumentInfo(title=record.document_title, org_name=record.org_name,
                            personal_data=PERSONAL_DATA,
                            **({"printed_on": printed_on} if printed_on else {}))
    story = [pdf.para(record.document_title, pdf.styles().title),
             *flowables(record, info.frame_width)]
    return pdf.build_pdf(target, info, story)


def flowables(record: MeetingRecord, width: float) -> list:
    """The record below its title: ruled header block, free-text sections, 传达 table and the
    signature line. The standalone record and the yearly book both print these."""
    glyphs.check_names([record.host, record.recorder, *record.present, *record.unmarked,
                        *(a.name for a in (*record.on_leave, *record.absent))])
    if record.kind.startswith(kinds.HEART_TALK):
        return talk_record.flowables(record, width)
    st = pdf.styles()
    label_w, left_w = 22 * mm, 52 * mm
    right_w = width - 2 * label_w - left_w     # the wider one holds the date and time
    rows, spans, shades = [], [], []
    for r, row in enumerate(header_rows(record)):
        if len(row) == 1:
            rows.append([row[0][0], row[0][1], "", ""])
            spans.append(("SPAN", (1, r), (3, r)))
        else:
            rows.append([row[0][0], row[0][1], row[1][0], row[1][1]])
            shades.append(("BACKGROUND", (2, r), (2, r), pdf.HEADER_FILL))
    grid = pdf.table(rows, [label_w, left_w, label_w, right_w], header_rows=0,
                     extra_style=[*spans, *shades,
                                  ("BACKGROUND", (0, 0), (0, -1), pdf.HEADER_FILL)],
                     label_cols=(0, 2), split_in_row=True)
    story = [grid]
    for heading, text in sections(record):
        story.append(pdf.para(heading, st.heading))
        story += [pdf.para(line, st.body) for line in text.splitlines() if line.strip()]
    story.append(pdf.para("缺席人员传达情况", st.heading))
    briefings = briefing_rows(record)
    if briefings:
        story.append(pdf.table([list(BRIEFING_HEADERS), *briefings],
                               [30 * mm, 20 * mm, 35 * mm, 45 * mm, width - 130 * mm],
                               center_cols=(0, 1, 2, 3, 4)))
    else:
        story.append(pdf.para("无", st.body))
    if record.problems:
        story.append(pdf.para("核对提示（打印时发现本记录与台账不一致，请核实）", st.heading))
        story += [pdf.para(f"{n}. {problem}", st.small)
                  for n, problem in enumerate(record.problems, 1)]
    # The signatures stay on the page of the record's last content, never alone on a page.
    story.append(KeepTogether([story.pop(), Spacer(1, 10 * mm),
                               pdf.line_of(["主持人（签字）：＿＿＿＿＿＿",
                                            "记录人（签字）：＿＿＿＿＿＿"], width)]))
    return story


def write_docx(record: MeetingRecord, target: str | Path, printed_on: str | None = None) -> Path:
    """The record as .docx for WPS/Word (meeting_record_docx: python-docx loads only for this)."""
    from desktop_app.core.exports import meeting_record_docx
    return meeting_record_docx.write_docx(record, target, printed_on)


def for_meeting(store: Store, meeting_id: int,
                names: dict[int, str] | None = None) -> MeetingRecord:
    """The record as kept: attendance marks, leave reasons and 传达 from the meetings core.
    `names` (`sources.all_names`) spares a query per person when many records are printed."""
    def name_of(member_id: int | None) -> str | None:
        if names is None or not member_id:
            return sources.member_name(store, member_id)
        return names[member_id]

    meeting = sources.meeting_for_print(store, meeting_id)
    expected = attendance.expected_members(store, meeting.org_id, meeting.kind, meeting.held_on)
    sheet = {m.member_id: m for m in attendance.marks(store, meeting_id)}
    order = [m.id for m in expected] + [i for i in sheet if i not in {m.id for m in expected}]
    present, on_leave, absent, unmarked = [], [], [], []
    for member_id in order:
        name = name_of(member_id)
        mark = sheet.get(member_id)
        if mark is None:
            unmarked.append(name)
        elif mark.status == kinds.PRESENT:
            present.append(name)
        else:
            briefing = attendance.followup_of(store, meeting_id, member_id)
            absence = Absence(name, mark.leave_reason, mark.approved_by,
                              briefing.method if briefing else None,
                              briefing.on_date if briefing else None,
                              briefing.by_whom if briefing else None)
            (on_leave if mark.status == kinds.ON_LEAVE else absent).append(absence)
    return MeetingRecord(
        org_name=org_full_name(store, meeting.org_id), kind=_kind_label(meeting),
        title=meeting.title, held_on=meeting.held_on, start_time=meeting.start_time,
        end_time=meeting.end_time, place=meeting.place,
        host=name_of(meeting.host_id),
        recorder=name_of(meeting.recorder_id), lecturer=meeting.lecturer, topic=meeting.topic,
        present=present, on_leave=on_leave, absent=absent, unmarked=unmarked,
        guests=[f"{g.name}（{g.unit}）" if g.unit else g.name for g in meeting.guests],
        agenda=meeting.agenda, minutes=meeting.minutes, resolutions=meeting.resolutions,
        problems=validation.record_problems(store, meeting_id))


def _kind_label(meeting) -> str:
    return f"{meeting.kind}（{meeting.day_kind}）" if meeting.day_kind else meeting.kind
