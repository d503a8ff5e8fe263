"""党员固定活动日年度计划表: PDF for the public board, xlsx for 备案; birthdays name members only."""
from openpyxl import load_workbook

from desktop_app.core import members, orgs
from desktop_app.core.exports import activity_plan_export as export
from desktop_app.core.exports.activity_plan_export import ActivityPlan, PlanEntry
from desktop_app.core.meetings import plan as year_plan
from export_helpers import flat, pdf_fonts, pdf_text

SMALL = ActivityPlan("示范社区党委第一党支部", 2025, [
    PlanEntry("2025-03-25", "服务日", "环境整治志愿服务", "各网格"),
    PlanEntry("2025-03-05", "学习日", "学习党章总纲", "党群服务中心"),
    PlanEntry("2025-03-11", "政治生日", "张三同志入党30周年政治生日", None, "张三"),
    PlanEntry("2025-03-27", "政治生日", "李四同志入党12周年政治生日", None, "李四"),
    PlanEntry("2025-06-28", "关爱日", "七一前走访慰问老党员", "党员家中"),
])


def test_lines_are_by_date_and_birthdays_merge_without_dates():
    lines = export.lines(SMALL)
    assert [(line.month, line.day, line.kind) for line in lines] == [
        (3, "3月5日（三）", "学习日"), (3, "3月25日（二）", "服务日"), (3, "本月内", "政治生日"),
        (6, "6月28日（六）", "关爱日")]
    birthday = lines[2].theme
    assert "张三、李四" in birthday
    assert "30周年" not in birthday and "11" not in birthday and "27" not in birthday


def test_pdf_table_with_embedded_font(tmp_path):
    target = export.write_pdf(SMALL, tmp_path / "plan.pdf", printed_on="2025-01-02")
    text = flat(pdf_text(target))
    assert "示范社区党委第一党支部2025年党员固定活动日计划表" in text
    assert "月份日期类别主题地点" in text
    assert "3月5日（三）学习日学习党章总纲党群服务中心" in text
    assert "张三、李四" in text and "3月11日" not in text and "周年" not in text
    assert "七一前走访慰问老党员" in text
    assert all(f["emb"] == "yes" and f["type"] == "TrueType" for f in pdf_fonts(target))


def test_xlsx_for_filing(tmp_path):
    target = export.write_xlsx(SMALL, tmp_path / "plan.xlsx", printed_on="2025-01-02")
    sheet = load_workbook(target).active
    assert sheet["A1"].value == SMALL.title
    assert "A1:E1" in [str(r) for r in sheet.merged_cells.ranges]
    assert [c.value for c in sheet[2]] == ["月份", "日期", "类别", "主题", "地点"]
    assert [c.value for c in sheet[3]] == ["3月", "3月5日（三）", "学习日", "学习党章总纲", "党群服务中心"]
    assert sheet["C5"].value == "政治生日" and sheet["B5"].value == "本月内"
    assert sheet.max_row == 6
    assert sheet.freeze_panes == "A3"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9          # A4
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.column_dimensions["D"].width >= 40
    assert "打印日期：2025-01-02" in sheet.oddFooter.right.text


def test_plan_from_the_ledger_uses_saved_edits_and_hides_birth_dates(demo_store, tmp_path):
    branch = orgs.by_code(demo_store, "DEMO-01").id
    entries = year_plan.generate(demo_store, branch, 2025)
    study = next(e for e in entries if e.planned_on == "2025-04-05")
    year_plan.edit(demo_store, study.id, theme="学习二十届三中全会精神", place="社区三楼")
    plan = export.for_year(demo_store, branch, 2025)
    target = export.write_pdf(plan, tmp_path / "plan.pdf")
    text = flat(pdf_text(target))
    assert "4月5日（六）学习日学习二十届三中全会精神社区三楼" in text
    birthdays = [e for e in entries if e.day_kind == "政治生日"]
    assert birthdays
    for entry in birthdays:
        member = members.get(demo_store, entry.member_id)
        assert member.name in text
        assert member.birth_date not in text and member.joined_on not in text
    assert "周年" not in text


def test_unsaved_plan_prints_the_draft_without_writing(demo_store):
    branch = orgs.by_code(demo_store, "DEMO-02").id
    plan = export.for_year(demo_store, branch, 2026)
    assert len([e for e in plan.entries if e.day_kind == "学习日"]) == 12
    assert year_plan.entries(demo_store, branch, 2026) == []
