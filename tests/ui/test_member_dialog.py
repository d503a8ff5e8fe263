from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.core import members, orgs
from desktop_app.core.idcard import check_digit
from desktop_app.ui.pages.roster_page import RosterPage


def page_with(qtbot, ctx) -> RosterPage:
    page = RosterPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def double_click_row(qtbot, page, row: int):
    table = page.form.table
    rect = table.visualRect(page.model.index(row, 0))
    # A real double click starts with a press: the view only reports it on the pressed row.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.member_dialog is not None and page.member_dialog.isVisible())
    return page.member_dialog


def click_save(qtbot, dialog):
    save = dialog.form.buttonBox.button(QDialogButtonBox.StandardButton.Save)
    assert save.text() == "保存"
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def test_edit_phone_through_the_dialog(qtbot, ctx):
    page = page_with(qtbot, ctx)
    name = page.shown_names()[3]
    dialog = double_click_row(qtbot, page, 3)
    member_id = dialog.member.id
    assert dialog.form.nameEdit.text() == name
    assert not dialog.form.orgEdit.isVisible()          # moving someone is a dated event
    dialog.form.phoneEdit.clear()
    qtbot.keyClicks(dialog.form.phoneEdit, "0573-82345678")
    with qtbot.waitSignal(dialog.accepted):
        click_save(qtbot, dialog)
    assert members.get(ctx.store, member_id).phone == "0573-82345678"
    row = page.shown_names().index(name)
    assert page.model.index(row, 8).data() == "0573-82345678"
    last = ctx.store.query_one("SELECT actor, table_name, row_id FROM audit_log ORDER BY id DESC")
    assert (last["table_name"], last["row_id"], last["actor"]) == ("members", member_id, "测试书记")


def test_bad_id_number_is_shown_next_to_the_field_and_nothing_saved(qtbot, ctx):
    page = page_with(qtbot, ctx)
    dialog = double_click_row(qtbot, page, 0)
    before = members.get(ctx.store, dialog.member.id)
    good = before.id_number
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    dialog.form.id_numberEdit.clear()
    qtbot.keyClicks(dialog.form.id_numberEdit, bad)
    dialog.form.birth_dateEdit.clear()
    qtbot.keyClicks(dialog.form.birth_dateEdit, "1990-13-45")
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.form.id_numberError.isVisible()
    assert "校验" in dialog.form.id_numberError.text() or "身份证" in dialog.form.id_numberError.text()
    assert dialog.form.birth_dateError.isVisible() and dialog.form.birth_dateError.text()
    assert not dialog.form.phoneError.isVisible()
    assert members.get(ctx.store, before.id) == before


def test_add_a_member_to_a_chosen_group(qtbot, ctx):
    page = page_with(qtbot, ctx)
    shown_before = len(page.shown_names())
    qtbot.mouseClick(page.form.addButton, Qt.MouseButton.LeftButton)
    dialog = page.member_dialog
    assert dialog.windowTitle() == "新增党员" and dialog.form.orgEdit.isVisible()
    group = orgs.find_by_name(ctx.store, "第二党支部第1党小组")
    dialog.form.orgEdit.setCurrentIndex(dialog.form.orgEdit.findData(group.id))
    dialog.form.nameEdit.setText("张三丰")
    first17 = "33040219800101123"
    qtbot.keyClicks(dialog.form.id_numberEdit, first17 + check_digit(first17))
    assert dialog.form.birth_dateEdit.text() == "1980-01-01"     # read from the ID number
    click_save(qtbot, dialog)
    assert dialog.form.joined_onError.isVisible()        # a new member needs 入党日期
    qtbot.keyClicks(dialog.form.joined_onEdit, "2005.07.01")
    qtbot.keyClicks(dialog.form.confirmed_onEdit, "2006.07.01")
    with qtbot.waitSignal(dialog.accepted):
        click_save(qtbot, dialog)
    added = [m for m in members.expected_on(ctx.store, group.id, "2025-12-31") if m.name == "张三丰"]
    assert [(m.birth_date, m.joined_on) for m in added] == [("1980-01-01", "2005-07-01")]
    assert len(page.shown_names()) == shown_before + 1
    page.form.searchEdit.setText("")
    qtbot.keyClicks(page.form.searchEdit, "zsf")
    assert "张三丰" in page.shown_names()
