from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

from desktop_app.core import orgs
from desktop_app.core.meetings import calendar, plan, records
from desktop_app.ui.pages.activity_days_page import ActivityDaysPage, monthly_kinds
from desktop_app.core.rules.profile import load_profile
from tests.core.export_helpers import flat, pdf_text
from tests.requires import requires_poppler
from tests.ui.conftest import TODAY
from tests.ui.meetings_helpers import click_save


def make_page(qtbot, ctx) -> ActivityDaysPage:
    page = ActivityDaysPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def choose_year(page, year: int) -> None:
    page.form.yearCombo.setCurrentIndex(page.form.yearCombo.findData(year))


def miss_december_care_day(ctx) -> None:
    """The 29 December 关爱日 of 第一党支部 not held (moved to the recycle bin if the demo has it)."""
    branch = orgs.find_by_name(ctx.store, "第一党支部")
    for row in ctx.store.query("SELECT id FROM meetings WHERE org_id = ? AND held_on = "
                               "'2025-12-29' AND day_kind = '关爱日'", [branch.id]):
        records.delete(ctx.store, row["id"], "测试：该关爱日未开展")
        for entry in ctx.store.query("SELECT id FROM activity_plan WHERE meeting_id = ?", [row["id"]]):
            ctx.store.update("activity_plan", entry["id"], {"meeting_id": None})


def test_twelve_months_with_the_missing_ones_said_in_words(qtbot, ctx):
    miss_december_care_day(ctx)
    page = make_page(qtbot, ctx)
    assert page.form.orgCombo.currentText() == "第一党支部" and page.year() == 2025
    assert page.form.profileLabel.text() == "依据嘉兴经开区55条 第10条：每月5日学习日、25日服务日"
    titles = [p.title() for p in page.panels]
    assert [t.split("月")[0] for t in titles] == [str(m) for m in range(1, 13)]
    months = calendar.year_view(ctx.store, page.org_id(), 2025,
                                monthly_kinds(load_profile("jiaxing-2016")), on_date=TODAY)
    gaps = [m.month for m in months if m.missing]
    assert gaps, "the demo ledger has deliberate gaps"
    for view, panel in zip(months, page.panels):
        texts = [item.text() for item in panel.items()]
        assert ("缺" in panel.title()) == bool(view.missing)
        written = [t for t in texts if t.startswith("缺：") or t.endswith("· 未开展")]
        assert len(written) == len(view.missing), (view.missing, texts)   # words, not only tint
        for gap in view.missing:
            if not gap.endswith("日未开展"):
                assert f"缺：{gap}" in texts
    december = [i.text() for i in page.panels[11].items()]
    assert "29日 关爱日 · 未开展" in december


def test_generate_a_plan_and_edit_a_theme_in_place(qtbot, ctx):
    page = make_page(qtbot, ctx)
    choose_year(page, 2026)
    assert page.model.rowCount() == 0
    assert page.form.tabs.tabText(1) == "年度计划（未制定）"
    qtbot.mouseClick(page.form.generateButton, Qt.MouseButton.LeftButton)
    saved = plan.entries(ctx.store, page.org_id(), 2026)
    assert page.model.rowCount() == len(saved) > 24
    assert page.model.index(0, 0).data() == "2026-01-05"
    assert page.model.index(0, 2).data() == "学习日"
    assert page.model.index(0, 5).data() == "待开展"
    table = page.form.planTable
    index = page.model.index(0, 3)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: table.viewport().findChild(QLineEdit) is not None)
    editor = table.viewport().findChild(QLineEdit)
    assert editor.text() == page.model.index(0, 3).data()
    editor.setText("学习新修订的纪律处分条例")
    qtbot.keyClick(editor, Qt.Key.Key_Return)       # the delegate commits on the next turn
    qtbot.waitUntil(lambda: page.model.index(0, 3).data() == "学习新修订的纪律处分条例")
    assert plan.entries(ctx.store, page.org_id(), 2026)[0].theme == "学习新修订的纪律处分条例"
    qtbot.mouseClick(page.form.generateButton, Qt.MouseButton.LeftButton)   # 补齐 keeps edits
    assert plan.entries(ctx.store, page.org_id(), 2026)[0].theme == "学习新修订的纪律处分条例"
    assert page.model.rowCount() == len(saved)


def test_record_a_missed_planned_day_from_the_calendar(qtbot, ctx, monkeypatch):
    miss_december_care_day(ctx)
    page = make_page(qtbot, ctx)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    panel = page.panels[11]
    item = next(i for i in panel.items() if i.text() == "29日 关爱日 · 未开展")
    entry = item.data(Qt.ItemDataRole.UserRole)
    rect = panel.list.visualItemRect(item)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible())
    assert asked and asked[0].startswith("12月29日关爱日还没有记录")
    form = page.editor.form
    assert (form.kindCombo.currentText(), form.dayKindCombo.currentText()) == ("主题党日", "关爱日")
    assert form.dateEdit.date().toString("yyyy-MM-dd") == "2025-12-29"
    assert form.topicEdit.text() == entry.theme
    assert orgs.get(ctx.store, page.editor.org_id()).name == "第一党支部"
    qtbot.mouseClick(form.allPresentButton, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.editor.saved) as saved:
        click_save(qtbot, page.editor)
    linked = next(e for e in plan.entries(ctx.store, entry.org_id, 2025) if e.id == entry.id)
    assert linked.meeting_id == saved.args[0]
    assert records.get(ctx.store, saved.args[0]).day_kind == "关爱日"
    assert "29日 关爱日 · 已开展" in [i.text() for i in page.panels[11].items()]


@requires_poppler
def test_plan_exports_to_xlsx_and_pdf_through_the_worker(qtbot, ctx, tmp_path, monkeypatch):
    page = make_page(qtbot, ctx)
    answers = iter([(str(tmp_path / "备案"), "Excel/WPS 表格 (*.xlsx)"),
                    (str(tmp_path / "计划表.pdf"), "PDF 文件 (*.pdf)")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: next(answers))
    qtbot.mouseClick(page.form.xlsxButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: str(tmp_path / '备案.xlsx') in page.form.messageLabel.text(),
                    timeout=15000)
    sheet = load_workbook(tmp_path / "备案.xlsx").active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any("第一党支部" in c and "2025年党员固定活动日计划表" in c for c in cells)
    qtbot.mouseClick(page.form.printButton, Qt.MouseButton.LeftButton)   # 打印: the preview
    qtbot.waitUntil(lambda: getattr(page, "print_preview", None) is not None, timeout=15000)
    page.print_preview.save_action.trigger()                             # 另存为 PDF beside 打印
    assert str(tmp_path / "计划表.pdf") in page.form.messageLabel.text()
    page.print_preview.reject()
    assert (tmp_path / "计划表.pdf").read_bytes().startswith(b"%PDF")
    text = flat(pdf_text(tmp_path / "计划表.pdf"))
    assert text.startswith("示范社区党委第一党支部2025年党员固定活动日计划表月份日期类别主题地点")
    assert "1月5日（日）学习日" in text


def test_a_profile_without_fixed_days_plans_only_care_days_and_birthdays(qtbot, ctx):
    root = orgs.root(ctx.store)
    ctx.store.update("organisations", root.id, {"rule_profile": "national-2018"})
    page = make_page(qtbot, ctx)
    assert page.form.profileLabel.text() == \
        "全国底线（党支部工作条例，2018）未规定固定的学习日、服务日，由支部自行安排"
    choose_year(page, 2026)
    qtbot.mouseClick(page.form.generateButton, Qt.MouseButton.LeftButton)
    kinds_planned = {page.model.index(r, 2).data() for r in range(page.model.rowCount())}
    assert kinds_planned == {"关爱日", "政治生日"}
