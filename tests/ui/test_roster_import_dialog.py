from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog
from openpyxl import Workbook, load_workbook

from desktop_app.core import members, orgs
from desktop_app.core.idcard import check_digit
from desktop_app.ui.pages.roster_page import RosterPage
from tests.ui.conftest import TODAY

HEADER = ["序号", "姓名", "性别", "出生日期", "入党时间", "所在党支部", "联系电话", "身份证号"]


def id_number(first17: str) -> str:
    return first17 + check_digit(first17)


def write_xlsx(path, rows):
    book = Workbook()
    book.active.append(["示范社区党委党员花名册"])
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def open_dialog(qtbot, ctx, monkeypatch, path):
    page = RosterPage(ctx)
    qtbot.addWidget(page)
    page.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(path), "花名册 (*.xlsx *.xls *.csv)"))
    qtbot.mouseClick(page.form.importButton, Qt.MouseButton.LeftButton)
    dialog = page.import_dialog
    assert not dialog.form.importButton.isEnabled()
    qtbot.mouseClick(dialog.form.chooseButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None or "无法" in dialog.form.summaryLabel.text())
    return page, dialog


def test_import_through_the_dialog(qtbot, ctx, monkeypatch, tmp_path):
    existing = members.roster(ctx.store, TODAY)[0]
    existing_member = members.get(ctx.store, existing.id)
    path = write_xlsx(tmp_path / "花名册.xlsx", [
        [1, "张三", "男", "1980-05-06", "2008.07.01", "第九党支部", "13900000001",
         id_number("33040219800506123")],
        [2, "李四", "女", "1985年3月2日", "2010/6/30", "第一党支部", "13900000002",
         id_number("33040219850302124")],
        [3, existing_member.name, existing_member.gender, existing_member.birth_date,
         existing_member.joined_on, None, "0573-11112222", existing_member.id_number],
    ])
    page, dialog = open_dialog(qtbot, ctx, monkeypatch, path)
    summary = dialog.form.summaryLabel.text()
    assert "新增 2 人" in summary and "更新 1 人" in summary and "第九党支部" in summary
    assert dialog.form.errorTable.rowCount() == 0
    assert dialog.form.changeTable.rowCount() == 3
    assert dialog.form.importButton.isEnabled()

    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.form.importButton, Qt.MouseButton.LeftButton)
    assert dialog.summary.added == 2 and dialog.summary.updated == 1
    assert "导入完成" in dialog.form.summaryLabel.text()
    new_branch = orgs.find_by_name(ctx.store, "第九党支部")
    assert [m.name for m in members.expected_on(ctx.store, new_branch.id, TODAY)] == ["张三"]
    assert members.get(ctx.store, existing.id).phone == "0573-11112222"
    page.form.searchEdit.setText("")
    qtbot.keyClicks(page.form.searchEdit, "ls")
    assert "李四" in page.shown_names()


def test_errors_are_listed_and_block_the_import(qtbot, ctx, monkeypatch, tmp_path):
    before = ctx.store.query_one("SELECT count(*) AS n FROM members")["n"]
    path = write_xlsx(tmp_path / "坏表.xlsx", [
        [1, "王五", "男", "1980-05-06", "2008-07-01", "第一党支部", "13900000003",
         float(id_number("33040219800506123")[:15] + "000")],
        [2, "赵六", "女", "1985-13-02", "2010-06-30", "第一党支部", "13900000004", None],
    ])
    _, dialog = open_dialog(qtbot, ctx, monkeypatch, path)
    table = dialog.form.errorTable
    rows = {(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())}
    assert ("3", "身份证号") in rows and ("4", "出生日期") in rows
    assert "错误" in dialog.form.summaryLabel.text()
    assert not dialog.form.importButton.isEnabled()
    assert ctx.store.query_one("SELECT count(*) AS n FROM members")["n"] == before


def test_unreadable_file_says_so(qtbot, ctx, monkeypatch, tmp_path):
    path = tmp_path / "不是表格.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    _, dialog = open_dialog(qtbot, ctx, monkeypatch, path)
    text = dialog.form.summaryLabel.text()
    assert "无法" in text and "不是表格.xlsx" in text
    assert not dialog.form.importButton.isEnabled()


def test_blank_template_is_saved_where_chosen(qtbot, ctx, monkeypatch, tmp_path):
    target = tmp_path / "模板.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page = RosterPage(ctx)
    qtbot.addWidget(page)
    dialog = page.open_import()
    qtbot.mouseClick(dialog.form.templateButton, Qt.MouseButton.LeftButton)
    headers = [c.value for c in load_workbook(target).active[2]]
    assert "姓名" in headers and "入党日期" in headers
    assert str(target) in dialog.form.summaryLabel.text()


def test_an_import_into_a_sealed_period_asks_for_the_reason(qtbot, ctx, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QInputDialog
    ctx.store.seal_through("2025-06-30", "上半年报送")
    path = write_xlsx(tmp_path / "补录.xlsx", [
        [1, "张三", "男", "1980-05-06", "2008.07.01", "第一党支部", "13900000001",
         id_number("33040219800506123")]])
    _, dialog = open_dialog(qtbot, ctx, monkeypatch, path)
    asked = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(text)
        return "补录漏登的党员", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.form.importButton, Qt.MouseButton.LeftButton)
    assert "第 3 行 张三（入党日期 2008-07-01）" in asked[0] and "须填写更正原因" in asked[0]
    added = ctx.store.query_one("SELECT id FROM members WHERE name = '张三'")["id"]
    audit = ctx.store.query_one("SELECT reason FROM audit_log WHERE table_name = 'members' "
                                "AND row_id = ? AND action = 'insert'", [added])
    assert audit["reason"] == "补录漏登的党员"


def test_rows_under_the_table_are_skipped_and_do_not_grey_the_import_button(
        qtbot, ctx, monkeypatch, tmp_path):
    """The first roster a new user tried: an export with 合计 and signatures under the table."""
    path = write_xlsx(tmp_path / "花名册.xlsx", [
        [1, "张三", "男", "1980-05-06", "2008.07.01", "第一党支部", "13900000001",
         id_number("33040219800506123")],
        [None] * 8,
        ["合计", "1人"],
        ["制表人：某某", None, None, "审核人：某某", None, "填报日期：2025年6月30日"],
    ])
    _, dialog = open_dialog(qtbot, ctx, monkeypatch, path)
    assert dialog.form.importButton.isEnabled()
    summary = dialog.form.summaryLabel.text()
    assert "新增 1 人" in summary and "跳过 3 行" in summary
    table = dialog.form.errorTable
    skipped = [(table.item(r, 0).text(), table.item(r, 3).text()) for r in range(table.rowCount())]
    assert [row for row, reason in skipped if reason.startswith("跳过")] == ["4", "5", "6"]
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.form.importButton, Qt.MouseButton.LeftButton)
    assert dialog.summary.added == 1


def test_a_workbook_with_two_rosters_asks_which_sheet(qtbot, ctx, monkeypatch, tmp_path):
    book = Workbook()
    for title, name, first17 in (("一支部", "张三", "33040219800506123"),
                                 ("二支部", "李四", "33040219850302124")):
        sheet = book.create_sheet(title)
        sheet.append(HEADER)
        sheet.append([1, name, None, None, "2008-07-01", "第一党支部", None, id_number(first17)])
    del book["Sheet"]
    path = tmp_path / "两张表.xlsx"
    book.save(path)
    asked = []
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda parent, title, label, items, *a: (asked.append(items), ("二支部", True))[1])
    _, dialog = open_dialog(qtbot, ctx, monkeypatch, path)
    assert asked == [["一支部", "二支部"]]
    assert [a.member.name for a in dialog.plan.adds] == ["李四"]
    assert "以下工作表也像花名册，未导入：一支部" in dialog.form.summaryLabel.text()
