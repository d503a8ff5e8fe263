"""The member dialog on an empty ledger: ID fills sex and birth date, an old 预备党员 is asked
about, and 登记变动 records 流动外出 and 转正 with the history shown."""
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.core import members, orgs
from desktop_app.core.meetings import attendance, records
from desktop_app.core.members import Member
from desktop_app.ui.member_dialog import MemberDialog

SHOTS = Path(os.environ.get("SHILU_SHOTS", "/tmp/members-shots"))


@pytest.fixture
def branch(empty_ctx):
    store = empty_ctx.store
    root = orgs.create(store, "SQ01", "某社区党委", "党委", rule_profile="jiaxing-2016")
    branch = orgs.create(store, "B1", "幸福社区第一党支部", "党支部", root)
    group = orgs.create(store, "B1-1", "第一党小组", "党小组", branch)
    return branch, group


def shoot(widget, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def save_button(dialog):
    return dialog.form.buttonBox.button(QDialogButtonBox.StandardButton.Save)


def test_new_member_id_fills_and_old_probationer_is_asked(qtbot, empty_ctx, branch, monkeypatch):
    dialog = MemberDialog(empty_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.form.historyBox.isVisible()
    dialog.form.nameEdit.setText("王芳")   # keyClicks types ASCII only
    qtbot.keyClicks(dialog.form.id_numberEdit, "11010519800101002")
    assert dialog.form.birth_dateEdit.text() == ""            # 17 digits: not yet a number
    qtbot.keyClicks(dialog.form.id_numberEdit, "4")
    assert (dialog.form.genderEdit.currentText(), dialog.form.birth_dateEdit.text()) == (
        "女", "1980-01-01")
    qtbot.keyClicks(dialog.form.joined_onEdit, "2020-07-01")
    asked = []
    monkeypatch.setattr(MemberDialog, "ask_probation",
                        classmethod(lambda cls, parent, q: asked.append(q) or False))
    click(qtbot, save_button(dialog))
    assert asked and "王芳 的入党日期 2020-07-01 已超过一年，但没有填写转正日期" in asked[0]
    assert dialog.isVisible() and empty_ctx.store.query("SELECT id FROM members") == []
    monkeypatch.setattr(MemberDialog, "ask_probation", classmethod(lambda cls, parent, q: True))
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, save_button(dialog))
    saved = members.get(empty_ctx.store, dialog.member.id)
    assert (saved.gender, saved.birth_date, saved.confirmed_on) == ("女", "1980-01-01", None)


def test_events_from_the_dialog_show_in_the_history(qtbot, empty_ctx, branch):
    branch_id, group = branch
    store = empty_ctx.store
    member_id = members.add(store, Member("李四", joined_on="2024-05-10"), group)
    congress = records.new(store, branch_id, "支部党员大会", "2025-05-12")
    congress.topic = "讨论李四同志转正"
    congress_id = records.save(store, congress)
    dialog = MemberDialog(empty_ctx, member_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.form.placementLabel.text() == (
        "所在组织：幸福社区第一党支部　党小组：第一党小组\n状态：在册　　类别：预备党员")

    events = dialog.open_event()
    qtbot.addWidget(events)
    events.choose("转正")
    assert events.form.meetingEdit.currentData() == congress_id
    assert not events.form.placeEdit.isVisible()
    events.form.dateEdit.setText("2025-05-10")
    with qtbot.waitSignal(events.accepted):
        click(qtbot, save_button(events))
    assert dialog.form.confirmed_onEdit.text() == "2025-05-10"

    events = dialog.open_event()
    qtbot.addWidget(events)
    events.choose("流动外出")
    assert events.form.placeLabel.text() == "外出地点："
    events.form.dateEdit.setText("2025-09-01")
    for field, text in (("place", "杭州"), ("reason", "务工"), ("contact", "13800000000"),
                        ("counterpart", "杭州某街道党工委"), ("reported", "2025-09-03")):
        getattr(events.form, f"{field}Edit").setText(text)
    shoot(events, "member-event-dialog")
    with qtbot.waitSignal(events.accepted):
        click(qtbot, save_button(events))

    events = dialog.open_event()
    qtbot.addWidget(events)
    events.choose("流入地组织生活")
    events.form.dateEdit.setText("2025-13-05")
    events.form.counterpartEdit.setText("杭州某支部")
    events.form.lifeKindEdit.setCurrentText("党课")
    qtbot.keyClicks(events.form.hoursEdit, "2")
    click(qtbot, save_button(events))
    assert events.isVisible() and "日期：不存在的日期：2025-13-05" in events.form.formError.text()
    events.form.dateEdit.setText("2025-10-05")
    with qtbot.waitSignal(events.accepted):
        click(qtbot, save_button(events))

    assert "状态：在册（流动党员）　　类别：正式党员" in dialog.form.placementLabel.text()
    table = dialog.form.historyTable
    rows = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    assert rows == [
        ("2025-10-05", "在杭州某支部参加党课，2 学时"),
        ("2025-09-01", "外出至杭州；务工；流入地党组织：杭州某街道党工委；联系方式：13800000000；"
                       "2025-09-03 报告"),
        ("2025-05-10", "转为正式党员（2025-05-12 2025年5月支部党员大会讨论通过）"),
        ("2024-05-10", "编入第一党小组"),
        ("2024-05-10", "入党（预备党员）")]
    shoot(dialog, "member-dialog-history")
    # At home, a meeting while away is excused with the reason, nobody typing it.
    sheet = attendance.present_sheet(store, branch_id, "支部党员大会", "2025-11-10")
    assert [(m.status, m.leave_reason) for m in sheet] == [("请假", "流动外出（杭州，务工）")]


def test_the_meeting_editor_excuses_a_member_away(qtbot, empty_ctx, branch):
    from PySide6.QtCore import QDate

    from tests.ui.meetings_helpers import click_save as save_meeting
    from tests.ui.meetings_helpers import make_page, new_from_menu
    branch_id, group = branch
    store = empty_ctx.store
    old = dict(joined_on="1990-07-01", confirmed_on="1991-07-01")
    home = members.add(store, Member("甲一", **old), group, since="2020-01-01")
    away = members.add(store, Member("乙二", **old), group, since="2020-01-01")
    members.record_event(store, away, "流动外出", "2025-03-01", place="杭州", reason="务工",
                         reported_on="2025-03-02")
    page = make_page(qtbot, empty_ctx)
    editor = new_from_menu(qtbot, page, "支部党员大会")
    editor.form.dateEdit.setDate(QDate(2025, 11, 20))
    editor.form.titleEdit.insert("11月党员大会")
    rows = {editor.model.row_at(r).member_id: editor.model.row_at(r)
            for r in range(editor.model.rowCount())}
    assert (rows[away].status, rows[away].leave_reason) == ("请假", "流动外出（杭州，务工）")
    assert rows[home].status is None
    qtbot.mouseClick(editor.form.allPresentButton, Qt.MouseButton.LeftButton)
    assert (rows[home].status, rows[away].status) == ("出席", "请假")
    with qtbot.waitSignal(editor.saved) as saved:
        save_meeting(qtbot, editor)
    marks = {m.member_id: (m.status, m.leave_reason)
             for m in attendance.marks(store, saved.args[0])}
    assert marks == {home: ("出席", None), away: ("请假", "流动外出（杭州，务工）")}


def test_a_member_transferred_in_counts_from_the_day_of_arrival(qtbot, empty_ctx, branch):
    branch_id, group = branch
    dialog = MemberDialog(empty_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.nameEdit.setText("丁四")
    qtbot.keyClicks(dialog.form.joined_onEdit, "2010-07-01")
    qtbot.keyClicks(dialog.form.confirmed_onEdit, "2011-07-01")
    qtbot.keyClicks(dialog.form.sinceEdit, "2025-02-30")
    click(qtbot, save_button(dialog))
    assert dialog.form.sinceError.text() == "不存在的日期：2025-02-30"
    dialog.form.sinceEdit.setText("2025-03-01")
    dialog.form.transferEdit.setText("城西社区党支部")
    shoot(dialog, "member-dialog-new")
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, save_button(dialog))
    store = empty_ctx.store
    assert [m.name for m in members.expected_on(store, branch_id, "2025-02-28")] == []
    assert [m.name for m in members.expected_on(store, branch_id, "2025-03-01")] == ["丁四"]
    shown = MemberDialog(empty_ctx, dialog.member.id)
    qtbot.addWidget(shown)
    assert shown.form.historyTable.item(0, 1).text() == "转入幸福社区第一党支部（自城西社区党支部）"


def test_a_mistyped_transfer_out_is_taken_back_from_the_dialog(qtbot, empty_ctx, branch,
                                                               monkeypatch):
    from PySide6.QtWidgets import QInputDialog
    _, group = branch
    member_id = members.add(empty_ctx.store, Member("李四", joined_on="2010-05-10",
                                                    confirmed_on="2011-05-10"), group)
    dialog = MemberDialog(empty_ctx, member_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.form.undoEventButton.isEnabled()
    events = dialog.open_event()
    qtbot.addWidget(events)
    events.choose("转出")
    events.form.dateEdit.setText("2025-06-30")
    events.form.counterpartEdit.setText("城西社区党支部")
    with qtbot.waitSignal(events.accepted):
        click(qtbot, save_button(events))
    assert "状态：转出" in dialog.form.placementLabel.text()
    asked = []
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a: asked.append(a[2]) or ("误录：转出的是李思", True))
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.form.undoEventButton)
    assert asked[0].startswith("撤销 2025-06-30 的“转出”")
    assert "状态：在册" in dialog.form.placementLabel.text()
    assert not dialog.form.undoEventButton.isEnabled()
    assert members.current_org_id(empty_ctx.store, member_id, "2025-12-01") == group
