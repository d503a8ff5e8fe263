"""The import dialog on files of issue 10's kinds in the shapes the older dialog tests do not
show, starting from an empty ledger with one 党支部: a national-system export with a 流动党员,
footers and an example row; sheets hidden in Excel; a person spread over two rows; an Excel 4.0
file. The dialog must list every row it will not import and never enable 导入 on an error."""
import struct

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog
from openpyxl import Workbook

from desktop_app.core import orgs
from desktop_app.core.idcard import check_digit
from desktop_app.ui.pages.roster_page import RosterPage

NATIONAL = ["序号", "姓名", "性别", "公民身份证号码", "加入党组织日期", "转为正式党员日期", "党籍状态",
            "是否流动党员", "现居住地", "联系电话"]
ID_A = "11010519800101001" + check_digit("11010519800101001")
ID_B = "11010519850505002" + check_digit("11010519850505002")


def workbook(path, sheets: dict, hidden=(), merges=()):
    book = Workbook()
    for n, (title, rows) in enumerate(sheets.items()):
        sheet = book.active if n == 0 else book.create_sheet()
        sheet.title = title
        for row in rows:
            sheet.append(row)
        sheet.sheet_state = "hidden" if title in hidden else "visible"
    for ref in merges:
        book.active.merge_cells(ref)
    book.save(path)
    return path


def open_dialog(qtbot, ctx, monkeypatch, path):
    orgs.create(ctx.store, "Z001", "第一党支部", "党支部")
    page = RosterPage(ctx)
    qtbot.addWidget(page)
    page.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(path), "花名册 (*.xlsx *.xls *.csv)"))
    qtbot.mouseClick(page.form.importButton, Qt.MouseButton.LeftButton)
    dialog = page.import_dialog
    qtbot.mouseClick(dialog.form.chooseButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.form.summaryLabel.text() not in ("", "正在读取……"))
    return dialog


def listed(dialog) -> list[tuple[str, str, str]]:
    table = dialog.form.errorTable
    return [(table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 3).text())
            for r in range(table.rowCount())]


def member_count(ctx) -> int:
    return ctx.store.query_one("SELECT count(*) AS n FROM members")["n"]


def test_a_national_export_with_a_mobile_member_footers_and_an_example(qtbot, empty_ctx,
                                                                      monkeypatch, tmp_path):
    path = workbook(tmp_path / "全国系统导出.xlsx", {"党员信息": [
        ["某社区党员信息（导出）"], NATIONAL,
        ["示例", "张三", "男", "110105199001011234", "2010-07-01", "2011-07-01", "正常", "否", "—",
         "—"],
        [1, "甲一", "男", ID_A, "2005-07-01", "2006-07-01", "正常", "是", "幸福路1号", "无"],
        [2, "乙二", "女", ID_B, "2010-07-01", "（无）", "正常", "否", "和平路2号", "13800000002"],
        [3, None, None, "无", "无", "—", None, None, "/", "/"],
        ["以上共2人", "其中流动党员1人"], ["单位（盖章）：", None, None, "负责人（签字）："]]})
    dialog = open_dialog(qtbot, empty_ctx, monkeypatch, path)
    assert dialog.form.importButton.isEnabled()
    summary = dialog.form.summaryLabel.text()
    assert "新增 2 人" in summary and "以下列未导入：党籍状态、是否流动党员" in summary
    rows = listed(dialog)
    assert ("4", "是否流动党员", "提示：标为流动党员，但花名册没有外出日期和去向，未登记流动外出；"
            "请导入后在该党员的“变动”中登记“流动外出”") in rows
    assert [(row, reason[:7]) for row, _, reason in rows if reason.startswith("跳过")] == [
        ("3", "跳过：模板中的"), ("6", "跳过：空行"), ("7", "跳过：表格下方"), ("8", "跳过：表格下方")]
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.form.importButton, Qt.MouseButton.LeftButton)
    people = {m["name"]: m for m in empty_ctx.store.query("SELECT * FROM members")}
    assert sorted(people) == ["乙二", "甲一"]
    assert people["甲一"]["phone"] is None and people["乙二"]["confirmed_on"] is None


def test_a_hidden_sheet_is_not_offered_and_is_named(qtbot, empty_ctx, monkeypatch, tmp_path):
    head = ["姓名", "身份证号", "入党日期"]
    path = workbook(tmp_path / "名册.xlsx", {
        "一支部": [head, ["甲一", ID_A, "2005-07-01"]], "二支部": [head, ["乙二", ID_B, "2010-07-01"]],
        "旧名册": [head, ["丙三", None, "2001-07-01"]]}, hidden=["旧名册"])
    asked = []
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda parent, title, label, items, *a: (asked.append(items), ("一支部", True))[1])
    dialog = open_dialog(qtbot, empty_ctx, monkeypatch, path)
    assert asked == [["一支部", "二支部"]]
    assert [a.member.name for a in dialog.plan.adds] == ["甲一"]
    assert "未导入：二支部、旧名册（隐藏的工作表）" in dialog.form.summaryLabel.text()


def test_a_person_over_two_rows_keeps_import_grey(qtbot, empty_ctx, monkeypatch, tmp_path):
    path = workbook(tmp_path / "名册.xlsx", {"名册": [
        ["序号", "姓名", "入党日期", "住址"], [1, "甲一", "2005-07-01", "幸福路"], [None, None, None, "1号"]]},
        merges=["A2:A3", "B2:B3", "C2:C3"])
    dialog = open_dialog(qtbot, empty_ctx, monkeypatch, path)
    assert not dialog.form.importButton.isEnabled()
    assert listed(dialog)[0][:2] == ("3", "姓名") and "一人占了两行以上" in listed(dialog)[0][2]
    assert member_count(empty_ctx) == 0


def test_an_excel_4_file_is_named_not_called_damaged(qtbot, empty_ctx, monkeypatch, tmp_path):
    path = tmp_path / "老名册.xls"
    path.write_bytes(struct.pack("<HHHHH", 0x0409, 6, 0, 0x10, 0) + struct.pack("<HH", 0x0A, 0))
    dialog = open_dialog(qtbot, empty_ctx, monkeypatch, path)
    text = dialog.form.summaryLabel.text()
    assert "老名册.xls 是 Excel 2.x–4.0 的旧格式工作表" in text and "另存为" in text
    assert "损坏" not in text and not dialog.form.importButton.isEnabled()


def test_cancelling_the_sheet_question_imports_nothing(qtbot, empty_ctx, monkeypatch, tmp_path):
    head = ["姓名", "入党日期"]
    path = workbook(tmp_path / "名册.xlsx", {"一支部": [head, ["甲一", "2005-07-01"]],
                                            "二支部": [head, ["乙二", "2010-07-01"]]})
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("", False))
    dialog = open_dialog(qtbot, empty_ctx, monkeypatch, path)
    assert "一支部、二支部" in dialog.form.summaryLabel.text()
    assert not dialog.form.importButton.isEnabled() and member_count(empty_ctx) == 0
