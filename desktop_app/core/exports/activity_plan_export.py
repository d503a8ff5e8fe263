"""党员固定活动日年度计划表: the year's plan as a PDF table (disclosure item 3, posted publicly)
and as an .xlsx for 备案 with the upper level.

The plan is public, so political birthdays appear as one line per month ("本月内") naming the
members celebrated — never their dates of joining or birth, nor their years in the Party. Both
formats print the same lines.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.page import PageMargins
from reportlab.lib.units import mm

from desktop_app.core.durable import write_atomically
from desktop_app.core.exports import cell_text, pdf, sources
from desktop_app.core.exports.wording import WEEKDAYS, month_day, org_full_name
from desktop_app.core.meetings import kinds
from desktop_app.core.meetings import plan as year_plan
from desktop_app.core.store import Store

POLITICAL_BIRTHDAY = kinds.POLITICAL_BIRTHDAY
HEADERS = ("月份", "日期", "类别", "主题", "地点")
KIND_ORDER = {"学习日": 0, "服务日": 1, "关爱日": 2, POLITICAL_BIRTHDAY: 3}
BIRTHDAY_THEME = "重温入党誓词，集体过政治生日"


@dataclass(frozen=True)
class PlanEntry:
    planned_on: str
    day_kind: str                  # 学习日 / 服务日 / 关爱日 / 政治生日
    theme: str | None = None
    place: str | None = None
    member_name: str | None = None  # whose political birthday


@dataclass(frozen=True)
class ActivityPlan:
    org_name: str
    year: int
    entries: list[PlanEntry] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.org_name}{self.year}年党员固定活动日计划表"


@dataclass(frozen=True)
class PlanLine:
    """One printed line: what a reader of the public board sees."""
    month: int
    on: str | None          # the date, or None for "本月内"
    kind: str
    theme: str
    place: str

    @property
    def day(self) -> str:
        if self.on is None:
            return "本月内"
        return f"{month_day(self.on)}（{WEEKDAYS[date.fromisoformat(self.on).weekday()]}）"


def lines(plan: ActivityPlan) -> list[PlanLine]:
    """The plan's printed lines, by date; a month's political birthdays merge into one line."""
    result = []
    by_month = groupby(sorted(plan.entries, key=lambda e: e.planned_on),
                       key=lambda e: int(e.planned_on[5:7]))
    for month, entries in by_month:
        entries = list(entries)
        birthdays = [e for e in entries if e.day_kind == POLITICAL_BIRTHDAY]
        for e in entries:
            if e.day_kind != POLITICAL_BIRTHDAY:
                result.append(PlanLine(month, e.planned_on, e.day_kind, e.theme or "",
                                       e.place or ""))
        if birthdays:
            result.append(_birthday_line(month, birthdays))
    result.sort(key=lambda line: (line.month, line.on or "9999", KIND_ORDER.get(line.kind, 9)))
    return result


def _birthday_line(month: int, birthdays: list[PlanEntry]) -> PlanLine:
    """One public line for the month: the names, never a member's own date or years in the Party
    (per-member themes such as "入党30周年" would reveal them, so they are not printed)."""
    places = {e.place for e in birthdays if e.place}
    names = "、".join(dict.fromkeys(e.member_name for e in birthdays if e.member_name))
    return PlanLine(month, None, POLITICAL_BIRTHDAY,
                    f"{BIRTHDAY_THEME}：{names}" if names else BIRTHDAY_THEME,
                    places.pop() if len(places) == 1 else "")


def write_pdf(plan: ActivityPlan, target: str | Path, printed_on: str | None = None) -> Path:
    info = pdf.DocumentInfo(title=plan.title, org_name=plan.org_name,
                            personal_data="姓名" if _has_names(plan) else None,
                            **({"printed_on": printed_on} if printed_on else {}))
    return pdf.build_pdf(target, info, [pdf.para(plan.title, pdf.styles().title),
                                        *flowables(plan)])


def flowables(plan: ActivityPlan) -> list:
    """The plan table (a month's lines share one 月份 cell), as posted and as bound in the book."""
    widths = [14 * mm, 30 * mm, 20 * mm, 78 * mm, 28 * mm]
    rows: list[list] = [list(HEADERS)]
    spans = []
    plan_lines = lines(plan)
    for month, group in groupby(plan_lines, key=lambda line: line.month):
        group = list(group)
        first = len(rows)
        for n, line in enumerate(group):
            rows.append([f"{month}月" if n == 0 else "", line.day, line.kind, line.theme,
                         line.place])
        if len(group) > 1:
            spans.append(("SPAN", (0, first), (0, first + len(group) - 1)))
    story = [pdf.table(rows, widths, center_cols=(0, 1, 2), extra_style=spans)]
    if not plan_lines:
        story.append(pdf.para("本年度尚未制定活动计划。", pdf.styles().body))
    return story


def _has_names(plan: ActivityPlan) -> bool:
    return any(e.member_name for e in plan.entries)


XLSX_WIDTHS = (8, 16, 10, 60, 30)


def write_xlsx(plan: ActivityPlan, target: str | Path, printed_on: str | None = None) -> Path:
    """The plan for 备案: title row, frozen header, A4 landscape, header repeated when printed."""
    book = Workbook()
    sheet = book.active
    sheet.title = f"{plan.year}年计划"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")

    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    cell_text.put(sheet, 1, 1, plan.title)
    sheet["A1"].font = Font(name="黑体", size=16)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 30
    for col, (header, width) in enumerate(zip(HEADERS, XLSX_WIDTHS), 1):
        cell = sheet.cell(row=2, column=col, value=header)
        cell.font = Font(name="黑体", size=11)
        cell.fill = PatternFill("solid", fgColor="EBEBEB")
        cell.alignment, cell.border = centre, border
        sheet.column_dimensions[cell.column_letter].width = width
    for row, line in enumerate(lines(plan), 3):
        values = (f"{line.month}月", line.day, line.kind, line.theme, line.place)
        for col, value in enumerate(values, 1):
            cell = cell_text.put(sheet, row, col, value)
            cell.font = Font(name="宋体", size=11)
            cell.alignment = centre if col <= 3 else wrap
            cell.border = border

    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(left=0.6, right=0.6, top=0.7, bottom=0.8)
    sheet.oddFooter.left.text = plan.org_name
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    sheet.oddFooter.right.text = f"打印日期：{printed_on or date.today().isoformat()}"
    target = Path(target)
    with write_atomically(target) as temp:
        book.save(temp)
    return target


def for_year(store: Store, org_id: int, year: int) -> ActivityPlan:
    """The saved plan of the year as the secretary edited it; before one is saved, the draft the
    rules would make (printing never writes to the ledger)."""
    saved = year_plan.entries(store, org_id, year)
    source = saved or year_plan.draft(store, org_id, year)
    return ActivityPlan(org_full_name(store, org_id), year, [
        PlanEntry(e.planned_on, e.day_kind, e.theme, e.place, sources.member_name(store, e.member_id))
        for e in source])
