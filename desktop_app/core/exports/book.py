"""《工作实录》: the yearly book of one branch — "所有工作一本、一个年度一本、一个支部一本" (Tongling).

Handed in each January and passed on when the secretary changes, so it reads like the paper
工作手册: a cover, a contents page with page numbers, the organisation, the roster, the plan, every
held meeting in the 会议记录 layout, 谈心谈话, dues, the compliance check, and a closing page for the
upper level's 审核意见. Everything is printed from the ledger; nothing is typed again.
"""
from __future__ import annotations

import gc
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from desktop_app.core import periods
from desktop_app.core.exports import activity_plan_export, book_records, book_sections
from desktop_app.core.exports import meeting_record_export, pdf, sources, year_facts
from desktop_app.core.exports.pdf_index import Contents, Heading
from desktop_app.core.exports.wording import chinese_date, org_full_name
from desktop_app.core.meetings import kinds
from desktop_app.core.meetings import plan as year_plan
from desktop_app.core.rules import engine
from desktop_app.core.store import Store

COVER_TITLE = "工作实录"
PERSONAL_DATA = "姓名、性别、入党日期、考勤及请假事由、党费；无身份证号和电话"
RECORD_SECTIONS = (
    ("三会一课记录", kinds.THREE_MEETINGS_ONE_LESSON),
    ("组织生活会和民主评议党员", (kinds.LIFE_MEETING, kinds.APPRAISAL)),
    ("主题党日", (kinds.THEME_DAY,)),
)
OTHER_KINDS = ("志愿服务", "培训", "其他")
# Every book has these sections; "其他活动记录" (志愿服务, 培训 …) follows 谈心谈话 when there are any.
SECTION_TITLES = ("组织概况", "党员花名册", "年度活动计划", *(s for s, _ in RECORD_SECTIONS),
                  "谈心谈话", "党费收缴", "体检结果", "审核意见")

# progress(done, total, text); the GUI's worker may raise from it to cancel.
Progress = Callable[[int, int, str], None]
READING_SHARE = 40      # of 100: reading the ledger; the rest is layout


@dataclass(frozen=True)
class BookInfo:
    org_name: str
    year: int
    secretary: str
    printed_on: str

    @property
    def title(self) -> str:
        return f"{self.org_name}{self.year}年度《{COVER_TITLE}》"


def write_book(store: Store, org_id: int, year: int, target: str | Path, *,
               progress: Progress | None = None, printed_on: str | None = None) -> Path:
    """Write the year's book for a 党支部 (or any organisation) to `target` as PDF."""
    with _cycle_collector_paused():
        return _write_book(store, org_id, year, target, progress, printed_on)


@contextmanager
def _cycle_collector_paused():
    """Layout makes about a million short-lived objects and hardly any garbage cycles: Python's
    cycle collector kept scanning them, a tenth of the book's time (0.2 s of 1.9 s), and with it
    paused the peak memory is the same (78 MB for a 党支部's book, 180 MB for a 党委's)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _write_book(store: Store, org_id: int, year: int, target: str | Path,
                progress: Progress | None, printed_on: str | None) -> Path:
    report = _Changes(progress)
    report(0, 100, "正在读取账本")
    full_name = org_full_name(store, org_id)
    info = BookInfo(full_name, year, _secretary(store, org_id, year),
                    printed_on or date.today().isoformat())
    doc = pdf.DocumentInfo(title=info.title, org_name=full_name, personal_data=PERSONAL_DATA,
                           printed_on=info.printed_on, cover=True)
    width = doc.frame_width
    profile_title = engine.profile_for(store, org_id).title
    roster = year_facts.year_members(store, org_id, year)
    changes = year_facts.changes(store, org_id, year)
    meetings = year_facts.held_meetings(store, org_id, year)
    lines = year_facts.meeting_lines(store, meetings, lambda d, t: report(
        d * READING_SHARE // (2 * max(t, 1)), 100, "正在读取会议记录"))
    printed = [line for line in lines if line.meeting.kind != kinds.HEART_TALK]
    records, names = {}, sources.all_names(store)
    for n, line in enumerate(printed, 1):
        records[line.meeting.id] = meeting_record_export.for_meeting(store, line.meeting.id,
                                                                     names)
        report(READING_SHARE // 2 + n * READING_SHARE // (2 * len(printed)), 100,
               "正在读取会议记录")
    found = engine.check(store, org_id, periods.year(year))

    sections = [
        ("组织概况", book_sections.overview(store, org_id, year, full_name, profile_title,
                                        roster, changes, width)),
        ("党员花名册", book_sections.roster_table(roster, width)),
        ("年度活动计划", _plan(store, org_id, year)),
    ]
    for title, section_kinds in RECORD_SECTIONS:
        chosen = [line for line in printed if line.meeting.kind in section_kinds]
        sections.append((title, book_records.record_section(chosen, records, org_id, width)))
    talks = [line for line in lines if line.meeting.kind == kinds.HEART_TALK]
    sections.append(("谈心谈话", book_records.talks_section(talks, roster, width)))
    others = [line for line in printed if line.meeting.kind in OTHER_KINDS]
    if others:
        sections.append(("其他活动记录", book_records.record_section(others, records, org_id,
                                                                  width)))
    sections += [("党费收缴", book_sections.dues(store, org_id, year, width)),
                 ("体检结果", book_sections.findings(store, org_id, found, profile_title, width)),
                 ("审核意见", book_sections.closing(width))]
    headings = [Heading(title, pdf.styles().section) for title, _ in sections]
    story = _cover(info, len(roster), width) + [
        PageBreak(), Heading("目　　录", pdf.styles().section), Contents(headings)]
    for heading, (_, flowables) in zip(headings, sections):
        story += [PageBreak(), heading, *flowables]
    # Layout consumes the story as it places each flowable: held nowhere else, a placed page's
    # tables and paragraphs are freed as the book goes on (peak 79 → 67 MB; a 党委's 727 pages,
    # 180 → 115 MB).
    del sections, flowables

    def layout(done: int, total: int) -> None:
        report(READING_SHARE + done * (100 - READING_SHARE) // max(total, 1), 100, "正在排版")

    result = pdf.build_pdf(target, doc, story, progress=layout)
    report(100, 100, "已完成")
    return result


class _Changes:
    """Passes a progress report on only when the percentage or the stage changes: layout reports
    every flowable, and each report crosses to the GUI thread."""

    def __init__(self, progress: Progress | None):
        self._progress, self._last = progress, None

    def __call__(self, done: int, total: int, text: str) -> None:
        if self._progress and (done, text) != self._last:
            self._last = (done, text)
            self._progress(done, total, text)


def _plan(store: Store, org_id: int, year: int) -> list:
    """The plan as saved; when none was saved, the draft the rules make, and the book says so."""
    flowables = activity_plan_export.flowables(activity_plan_export.for_year(store, org_id, year))
    if year_plan.entries(store, org_id, year):
        return flowables
    return [pdf.para("本年度账本中未保存活动计划，下表为按规则档案生成的计划草案，仅供参考。",
                     pdf.styles().body), *flowables]


def _secretary(store: Store, org_id: int, year: int) -> str:
    period = periods.year(year)
    rows = store.query("SELECT m.name FROM roles r JOIN members m ON m.id = r.member_id "
                       "WHERE r.org_id = ? AND r.role = '书记' AND r.start_on <= ? "
                       "AND (r.end_on IS NULL OR r.end_on >= ?) ORDER BY r.start_on",
                       [org_id, period.end, period.start])
    return "、".join(dict.fromkeys(r["name"] for r in rows)) or "（未登记）"


def _cover(info: BookInfo, members_count: int, width: float) -> list:
    st = pdf.styles()
    period = periods.year(info.year)
    fields = [("党组织名称", info.org_name), ("党组织书记", info.secretary),
              ("记录时段", f"{chinese_date(period.start)}至{chinese_date(period.end)}"),
              ("本年度党员", f"{members_count} 人"), ("打印日期", chinese_date(info.printed_on))]
    label_w = 32 * mm
    value_w = min(width - label_w, 110 * mm)
    label_style = ParagraphStyle("cover_label", parent=st.head_cell, fontSize=13, leading=18)
    value_style = ParagraphStyle("cover_value", parent=st.cell, fontSize=13, leading=18)
    grid = Table([[pdf.para(label, label_style), pdf.para(value, value_style)]
                  for label, value in fields], colWidths=[label_w, value_w],
                 rowHeights=13 * mm)
    grid.setStyle(TableStyle([pdf.plain_font(), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                              ("LINEBELOW", (1, 0), (1, -1), pdf.INNER_LINE, colors.black)]))
    return [Spacer(1, 28 * mm), pdf.para(f"{info.year}年度", st.subtitle),
            Spacer(1, 4 * mm), pdf.para(COVER_TITLE, st.cover_title),
            Spacer(1, 3 * mm), pdf.para("（党支部工作手册）", st.subtitle),
            Spacer(1, 36 * mm), grid, Spacer(1, 40 * mm),
            pdf.para("所有工作一本　一个年度一本　一个支部一本", st.subtitle)]

