"""The 学时 page on an empty ledger: one training for several members through the picker, the
opening balance, an import with a bad row refused and a good one confirmed, and the totals."""
import os
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from desktop_app.core import members, orgs
from desktop_app.core.meetings import records
from desktop_app.core.meetings.attendance import Mark
from desktop_app.core.members import Member
from desktop_app.ui.pages.study_page import StudyPage

SHOTS = Path(os.environ.get("SHILU_SHOTS", "/tmp/members-shots"))
OLD = dict(joined_on="1990-07-01", confirmed_on="1991-07-01")


@pytest.fixture
def ledger(empty_ctx):
    store = empty_ctx.store
    root = orgs.create(store, "SQ01", "某社区党委", "党委", rule_profile="jiaxing-2016")
    branch = orgs.create(store, "B1", "幸福社区第一党支部", "党支部", root)
    ids = {name: members.add(store, Member(name, **OLD), branch, since="2020-01-01")
           for name in ("张三", "李四", "王芳")}
    lesson = records.new(store, branch, "党课", "2025-04-10")
    lesson.lecturer, lesson.study_hours = "张三", 2
    records.save(store, lesson, [Mark(ids["张三"]), Mark(ids["李四"]), Mark(ids["王芳"], "缺席")])
    return branch, ids


def page_with(qtbot, ctx):
    page = StudyPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    return page


def save(qtbot, dialog):
    qtbot.mouseClick(dialog.form.buttonBox.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def test_add_a_training_for_several_members_and_the_opening(qtbot, empty_ctx, ledger):
    page = page_with(qtbot, empty_ctx)
    assert page.shown_totals()["张三"] == ("2", "0", "0", "0", "2")
    dialog = page.open_add()
    qtbot.addWidget(dialog)
    dialog.form.dateEdit.setText("2025-03-08")
    qtbot.keyClicks(dialog.form.hoursEdit, "4")
    dialog.form.titleEdit.setText("街道党员冬训")
    dialog.form.organiserEdit.setText("城东街道党工委")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.form.formError.text() == "请选择参加学习的党员"
    qtbot.keyClicks(dialog.form.filterEdit, "zs")             # pinyin initials find 张三
    assert [i.text() for i in dialog._items() if not i.isHidden()] == ["张三"]
    dialog.form.filterEdit.clear()
    qtbot.mouseClick(dialog.form.allButton, Qt.MouseButton.LeftButton)
    assert dialog.form.pickedLabel.text() == "已选 3 人"
    shoot(dialog, "study-entry-dialog")
    with qtbot.waitSignal(dialog.accepted):
        save(qtbot, dialog)
    assert page.shown_entries() == [("2025-03-08", "4", "街道党员冬训", "街道培训", "城东街道党工委",
                                     "3", "李四、王芳、张三")]
    assert page.shown_totals()["李四"] == ("2", "4", "0", "0", "6")

    opening = page.open_opening()
    qtbot.addWidget(opening)
    assert opening.form.asOfEdit.text() == "2025-01-01"
    opening.form.asOfEdit.setText("2025-04-01")
    opening.set_hours("王芳", "十")
    save(qtbot, opening)
    assert "王芳 的期初学时“十”应是一个数字" in opening.form.formError.text()
    opening.set_hours("王芳", "10.5")
    with qtbot.waitSignal(opening.accepted):
        save(qtbot, opening)
    assert page.shown_totals()["王芳"] == ("0", "4", "0", "10.5", "14.5")
    shoot(page, "study-page")


def _xlsx(path, rows):
    book = openpyxl.Workbook()
    book.active.append(["姓名", "日期", "学时", "课程名称", "类别"])
    for row in rows:
        book.active.append(row)
    book.save(path)
    return str(path)


def test_import_refuses_a_bad_file_then_imports_a_good_one(qtbot, empty_ctx, ledger, tmp_path,
                                                           monkeypatch):
    page = page_with(qtbot, empty_ctx)
    bad = _xlsx(tmp_path / "bad.xlsx", [["张三", "2025-06-01", "一", "学习强国专题", "学习强国"]])
    good = _xlsx(tmp_path / "good.xlsx", [["张三", "2025-06-01", 1.5, "学习强国专题", "学习强国"],
                                          ["王芳", "2025-06-01", 1.5, "学习强国专题", "学习强国"]])
    warnings, questions = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a: questions.append(a[2]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (bad, ""))
    qtbot.mouseClick(page.form.importButton, Qt.MouseButton.LeftButton)
    assert warnings == ["bad.xlsx 中有 1 处错误，未导入任何学时：\n第 2 行：学时“一”应是一个数字"]
    assert page.shown_entries() == []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (good, ""))
    qtbot.mouseClick(page.form.importButton, Qt.MouseButton.LeftButton)
    assert questions == ["共 2 行，1 次学习，2 人次。导入吗？"]
    assert page.shown_entries() == [("2025-06-01", "1.5", "学习强国专题", "学习强国", "", "2",
                                     "王芳、张三")]


def shoot(widget, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def test_correct_an_entry_then_delete_it_after_sealing(qtbot, empty_ctx, ledger, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from desktop_app.core.study import entries
    from desktop_app.core.study.entries import StudyEntry
    from desktop_app.ui import unsaved
    _, ids = ledger
    entries.add(empty_ctx.store, StudyEntry("2025-03-08", 4, "街道党员冬训", list(ids.values())))
    page = page_with(qtbot, empty_ctx)
    table = page.form.entriesTable
    assert not page.form.editButton.isEnabled()
    rect = table.visualItemRect(table.item(0, 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.form.editButton.isEnabled() and page.form.deleteButton.isEnabled()
    qtbot.mouseClick(page.form.editButton, Qt.MouseButton.LeftButton)
    dialog = page.entry_dialog
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "修改学习记录" and dialog.form.hoursEdit.text() == "4"
    assert dialog.form.pickedLabel.text() == "已选 3 人" and dialog.correction.isHidden()
    dialog.form.hoursEdit.setText("3.5")
    next(i for i in dialog._items() if i.text() == "王芳").setCheckState(Qt.CheckState.Unchecked)
    with qtbot.waitSignal(dialog.accepted):
        save(qtbot, dialog)
    assert page.shown_entries() == [("2025-03-08", "3.5", "街道党员冬训", "街道培训", "", "2",
                                     "李四、张三")]
    assert page.shown_totals()["王芳"] == ("0", "0", "0", "0", "0")

    empty_ctx.store.seal_through("2025-06-30", "2025年上半年已报送")
    page.refresh()
    table.selectRow(0)
    qtbot.mouseClick(page.form.editButton, Qt.MouseButton.LeftButton)
    dialog = page.entry_dialog
    qtbot.addWidget(dialog)
    assert not dialog.correction.isHidden()
    dialog.form.hoursEdit.setText("3")
    save(qtbot, dialog)
    assert "请在对话框顶部填写更正原因" in dialog.form.formError.text()
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda parent: unsaved.Answer.DISCARD)
    dialog.reject()
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a: asked.append(a[2]) or ("重复登记", True))
    qtbot.mouseClick(page.form.deleteButton, Qt.MouseButton.LeftButton)
    assert "2025-06-30 及以前已封存" in asked[0]
    assert page.shown_entries() == []
    last = empty_ctx.store.query_one("SELECT action, reason FROM audit_log ORDER BY id DESC LIMIT 1")
    assert (last["action"], last["reason"]) == ("delete", "重复登记")
