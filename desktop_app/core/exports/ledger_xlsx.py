"""The year's Excel 台账: the same facts as the yearly book (`year_facts`), as sheets an office can
sort and total — 花名册, 三会一课台账, 出勤明细, 主题党日, 谈心谈话, 学习时长, 党费, 体检.

A first 说明 sheet says what personal data the file carries. ID numbers and phones are masked
unless the secretary asks for them (`with_sensitive`).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from openpyxl.styles import Alignment, Font

from desktop_app.core import members, periods
from desktop_app.core.dues.ledger import quarter_summary
from desktop_app.core.exports import cell_text, xlsx, year_facts
from desktop_app.core.exports.wording import org_full_name
from desktop_app.core.idcard import mask
from desktop_app.core.meetings import attendance, kinds
from desktop_app.core.roster.export import mask_phone
from desktop_app.core.rules import engine
from desktop_app.core.store import Store

MARKS = {kinds.PRESENT: "√", kinds.ON_LEAVE: "假", kinds.ABSENT: "×"}
UNMARKED = "未记"
MEETING_HEADERS = ["序号", "日期", "类型", "会议名称", "召开组织", "主持人", "应到", "实到", "请假",
                   "缺席", "出席率", "标签", "学时"]
SHEETS = ("说明", "花名册", "三会一课台账", "出勤明细", "主题党日", "谈心谈话", "学习时长", "党费", "体检")

Progress = Callable[[int, int, str], None]


def personal_data(with_sensitive: bool) -> str:
    ids = "完整的身份证号和联系电话" if with_sensitive else "隐去部分数字的身份证号和联系电话"
    return (f"本工作簿含党员个人信息：姓名、性别、入党日期、党员类别、{ids}、考勤及请假情况、学时、"
            f"党费金额。仅供党务工作使用，请妥善保管，切勿公开张贴或外传；台账请存档备查。")


def write_ledger(store: Store, org_id: int, year: int, target: str | Path, *,
                 with_sensitive: bool = False, progress: Progress | None = None,
                 printed_on: str | None = None) -> Path:
    report = progress or (lambda done, total, text: None)
    printed_on = printed_on or date.today().isoformat()
    org_name = org_full_name(store, org_id)
    common = {"org_name": org_name, "printed_on": printed_on}
    report(0, 100, "正在读取账本")
    roster = year_facts.year_members(store, org_id, year)
    lines = year_facts.meeting_lines(store, year_facts.held_meetings(store, org_id, year),
                                     lambda d, t: report(d * 60 // max(t, 1), 100, "正在读取会议记录"))
    book = xlsx.new_workbook()
    _guide(book, org_name, year, printed_on, with_sensitive)
    _roster(book, store, roster, year, with_sensitive, common)
    meetings = [line for line in lines if line.meeting.kind not in (kinds.THEME_DAY,
                                                                    kinds.HEART_TALK)]
    xlsx.ruled_sheet(book, "三会一课台账", f"{org_name}{year}年三会一课台账", MEETING_HEADERS,
                     [6, 12, 14, 30, 20, 10, 6, 6, 6, 6, 8, 24, 6],
                     [_meeting_row(n, line) for n, line in enumerate(meetings, 1)],
                     centre_cols=(0, 1, 2, 5, 6, 7, 8, 9, 10, 12), formats={10: "0%"}, **common)
    report(70, 100, "正在整理出勤明细")
    _attendance(book, store, roster, [line for line in lines if line.meeting.kind
                                      != kinds.HEART_TALK], org_name, year, common)
    days = [line for line in lines if line.meeting.kind == kinds.THEME_DAY]
    xlsx.ruled_sheet(book, "主题党日", f"{org_name}{year}年主题党日", MEETING_HEADERS,
                     [6, 12, 18, 30, 20, 10, 6, 6, 6, 6, 8, 24, 6],
                     [_meeting_row(n, line) for n, line in enumerate(days, 1)],
                     centre_cols=(0, 1, 2, 5, 6, 7, 8, 9, 10, 12), formats={10: "0%"}, **common)
    talks = [line for line in lines if line.meeting.kind == kinds.HEART_TALK]
    xlsx.ruled_sheet(book, "谈心谈话", f"{org_name}{year}年谈心谈话", ["序号", "日期", "谈话人", "谈话对象",
                                                                  "主要内容"], [6, 12, 10, 10, 60],
                     [[n, line.meeting.held_on, line.host, line.partner or "",
                       (line.meeting.topic or line.meeting.minutes or "").strip()]
                      for n, line in enumerate(talks, 1)], centre_cols=(0, 1, 2, 3), **common)
    report(85, 100, "正在整理学时、党费和体检")
    _study(book, store, org_id, year, org_name, common)
    _dues(book, store, org_id, year, org_name, common)
    _findings(book, store, org_id, year, org_name, common)
    result = xlsx.save(book, target)
    report(100, 100, "已完成")
    return result


def _guide(book, org_name: str, year: int, printed_on: str, with_sensitive: bool) -> None:
    sheet = book.create_sheet("说明")
    lines = [
        (f"{org_name}{year}年工作台账", ""),
        ("打印日期", printed_on),
        ("个人信息", personal_data(with_sensitive)),
        ("花名册", "本年度曾在本组织的党员（含年内转入、转出、接收的），类别按年末或离开时计。"),
        ("三会一课台账", "本年度已召开的支部党员大会、支委会、党小组会、党课、组织生活会、民主评议等，"
                     "应到、实到、出席率由签到记录得出。"),
        ("出勤明细", f"每名党员在每次会议的出勤：{MARKS[kinds.PRESENT]} 出席，{MARKS[kinds.ON_LEAVE]} 请假，"
                 f"{MARKS[kinds.ABSENT]} 缺席，“{UNMARKED}” 应到但未登记，空白为不在应到之列。"),
        ("主题党日、谈心谈话", "本年度的主题党日活动和谈心谈话记录。"),
        ("学习时长", "出席会议所记学时之和；要求学时按规则档案、按在册天数折算（半小时取整）。"),
        ("党费", "按月所交金额（元），“未交”为应交未交，“—”为当月不在册或未核定。"),
        ("体检", "按规则档案逐条检查本年度记录的结果、情况和依据。"),
    ]
    for r, (label, text) in enumerate(lines, 1):
        cell_text.put(sheet, r, 1, label).font = Font(name="黑体", size=14 if r == 1 else 11)
        sheet.cell(r, 1).alignment = Alignment(vertical="top")
        cell_text.put(sheet, r, 2, text).font = Font(name="宋体", size=11, bold=label == "个人信息")
        sheet.cell(r, 2).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[r].height = xlsx.row_height(["", text], [16, 90]) + (6 if r == 1 else 0)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 90
    xlsx.print_setup(sheet, org_name, printed_on)


def _roster(book, store: Store, roster, year: int, with_sensitive: bool, common: dict) -> None:
    rows = []
    for n, m in enumerate(roster, 1):
        person = members.get(store, m.id)
        id_number = person.id_number if with_sensitive else mask(person.id_number)
        phone = person.phone if with_sensitive else mask_phone(person.phone)
        rows.append([n, m.name, m.gender, m.joined_on, person.confirmed_on or "", m.category,
                     m.group, id_number or "", phone or "", m.note])
    xlsx.ruled_sheet(book, "花名册", f"{common['org_name']}{year}年党员花名册",
                     ["序号", "姓名", "性别", "入党日期", "转正日期", "类别", "党小组", "身份证号",
                      "联系电话", "本年变动"], [6, 10, 6, 12, 12, 10, 22, 21, 14, 20], rows,
                     centre_cols=(0, 1, 2, 3, 4, 5), freeze_cols=2, **common)


def _meeting_row(number: int, line: year_facts.MeetingLine) -> list:
    m, s = line.meeting, line.summary
    return [number, m.held_on, line.kind_label, m.title, line.org_name, line.host, s.expected,
            s.present, s.on_leave, s.absent, s.rate, "、".join(m.tags), m.study_hours]


def _attendance(book, store: Store, roster, lines, org_name: str, year: int, common: dict) -> None:
    """Members down, meetings across; each cell the member's mark at that meeting."""
    headers = ["序号", "姓名", *(f"{int(l.meeting.held_on[5:7])}/{int(l.meeting.held_on[8:])}\n"
                                f"{l.meeting.kind}" for l in lines), "出席", "请假", "缺席"]
    marks = {}
    for line in lines:
        expected = {m.id for m in attendance.expected_members(store, line.meeting.org_id,
                                                              line.meeting.kind,
                                                              line.meeting.held_on)}
        sheet = {mark.member_id: mark.status for mark in attendance.marks(store, line.meeting.id)}
        for member_id in expected | set(sheet):
            marks[member_id, line.meeting.id] = MARKS.get(sheet.get(member_id), UNMARKED)
    rows = []
    for n, member in enumerate(roster, 1):
        cells = [marks.get((member.id, line.meeting.id), "") for line in lines]
        rows.append([n, member.name, *cells, *(cells.count(MARKS[s]) for s in kinds.ATTENDANCE_STATUSES)])
    count = len(lines)
    xlsx.ruled_sheet(book, "出勤明细", f"{org_name}{year}年党员出勤明细", headers,
                     [6, 10, *([6.5] * count), 6, 6, 6], rows,
                     centre_cols=tuple(range(0, count + 5)), freeze_cols=2, **common)
    # A year of meetings is too wide for one A4 page: A3 at full size, pages across, each page
    # repeating the 序号/姓名 columns, rather than shrunk to an unreadable strip.
    sheet = book["出勤明细"]
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A3
    sheet.sheet_properties.pageSetUpPr.fitToPage = count <= 30
    sheet.print_title_cols = "A:B"
    sheet.row_dimensions[2].height = 48


def _study(book, store: Store, org_id: int, year: int, org_name: str, common: dict) -> None:
    lines, citation = year_facts.study_lines(store, org_id, year)
    rows = [[n, line.name, "是" if line.committee else "", line.hours,
             "—" if line.required is None else line.required,
             "—" if line.met is None else ("达到" if line.met else "未达到")]
            for n, line in enumerate(lines, 1)]
    title = f"{org_name}{year}年党员学习时长"
    if citation:
        title += f"（要求：{citation}）"
    else:
        title += "（所用规则档案未规定学时要求）"
    sheet = xlsx.ruled_sheet(book, "学习时长", title, ["序号", "姓名", "班子成员", "本年学时", "要求学时",
                                                   "是否达到"], [6, 10, 10, 10, 10, 10], rows,
                             centre_cols=(0, 1, 2, 3, 4, 5), **common)
    sheet.row_dimensions[1].height = 48
    sheet.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _dues(book, store: Store, org_id: int, year: int, org_name: str, common: dict) -> None:
    """Amount paid for each month (yuan), by member; "未交" where due and unpaid."""
    months = [f"{year}-{m:02d}" for m in range(1, 13)]
    by_member: dict[int, dict] = {}
    for q in range(1, 5):
        for line in quarter_summary(store, org_id, f"{year}Q{q}").lines:
            entry = by_member.setdefault(line.member_id, {"name": line.name, "cells": {}})
            for month in line.due:
                paid, due = line.paid[month], line.due[month]
                entry["cells"][month] = paid / 100 if paid else ("未交" if due else "—")
    rows = []
    in_order = [by_member[m.id] for m in members.in_roster_order(store, by_member)]
    for n, entry in enumerate(in_order, 1):
        cells = [entry["cells"].get(m, "—") for m in months]
        rows.append([n, entry["name"], *cells,
                     sum(c for c in cells if isinstance(c, float))])
    if not any(isinstance(c, float) or c == "未交" for row in rows for c in row[2:14]):
        rows = [["", "本年度账本中没有党费核定和收缴记录"]]
    xlsx.ruled_sheet(book, "党费", f"{org_name}{year}年党费收缴明细（元）",
                     ["序号", "姓名", *(f"{m}月" for m in range(1, 13)), "全年"],
                     [6, 10, *([8] * 12), 10], rows, centre_cols=tuple(range(14)),
                     formats={c: "0.00" for c in range(2, 15)}, freeze_cols=2, **common)


def _findings(book, store: Store, org_id: int, year: int, org_name: str, common: dict) -> None:
    found = engine.check(store, org_id, periods.year(year))
    rows = [[n, f.title, f.status, f.detail, f.citation] for n, f in enumerate(found, 1)]
    xlsx.ruled_sheet(book, "体检", f"{org_name}{year}年体检结果（规则档案："
                     f"{engine.profile_for(store, org_id).title}）",
                     ["序号", "要求", "结果", "情况", "依据"], [6, 34, 10, 60, 50], rows,
                     centre_cols=(0, 2), **common)
