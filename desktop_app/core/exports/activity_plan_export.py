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

from reportlab.lib.units import mm

from desktop_app.core.exports import pdf, sources
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
    """The plan for 备案, on the shared ruled sheet (exports/xlsx.py): title row, frozen and
    filtered header, row heights for long themes, A4 landscape with the header repeated."""
    from desktop_app.core.exports import xlsx   # openpyxl only when a workbook is written
    book = xlsx.new_workbook()
    rows = [[f"{line.month}月", line.day, line.kind, line.theme, line.place]
            for line in lines(plan)]
    xlsx.ruled_sheet(book, f"{plan.year}年计划", plan.title, list(HEADERS), list(XLSX_WIDTHS),
                     rows, org_name=plan.org_name,
                     printed_on=printed_on or date.today().isoformat(), centre_cols=(0, 1, 2))
    return xlsx.save(book, target)


def for_year(store: Store, org_id: int, year: int) -> ActivityPlan:
    """The saved plan of the year as the secretary edited it; before one is saved, the draft the
    rules would make (printing never writes to the ledger)."""
    saved = year_plan.entries(store, org_id, year)
    source = saved or year_plan.draft(store, org_id, year)
    return ActivityPlan(org_full_name(store, org_id), year, [
        PlanEntry(e.planned_on, e.day_kind, e.theme, e.place, sources.member_name(store, e.member_id))
        for e in source])
