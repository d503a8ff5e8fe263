from PIL import Image
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog

from desktop_app.core import orgs
from desktop_app.core.meetings import attachments, attendance, kinds, records
from tests.ui.meetings_helpers import (click_save, fill_branch_meeting, make_page,
                                       new_from_menu, wait_listed)


def test_create_a_meeting_through_the_editor(qtbot, ctx):
    page = make_page(qtbot, ctx)
    editor = new_from_menu(qtbot, page, "支委会")
    form = editor.form
    assert form.kindCombo.currentText() == "支委会"
    assert "研究本月党建工作" in form.agendaEdit.toPlainText()        # the kind's template
    fill_branch_meeting(qtbot, editor, "11月党员大会：学习党章", QDate(2025, 11, 20))
    branch = orgs.find_by_name(ctx.store, "第一党支部")
    expected = attendance.expected_members(ctx.store, branch.id, kinds.BRANCH_MEETING, "2025-11-20")
    assert [editor.model.row_at(r).name for r in range(editor.model.rowCount())] == \
        [m.name for m in expected]
    agenda = form.agendaEdit.toPlainText()      # the untouched template followed the kind
    assert "通报支部近期工作" in agenda and "研究本月党建工作" not in agenda
    absent = editor.model.row_at(1)
    assert absent.status == "缺席"
    assert form.summaryLabel.text().startswith(
        f"应到 {len(expected)} 人　实到 {len(expected) - 1} 人　请假 0 人　缺席 1 人")
    with qtbot.waitSignal(editor.saved) as saved:
        click_save(qtbot, editor)
    meeting_id = saved.args[0]
    meeting = records.get(ctx.store, meeting_id)
    assert (meeting.title, meeting.kind, meeting.held_on, meeting.org_id) == \
        ("11月党员大会：学习党章", "支部党员大会", "2025-11-20", branch.id)
    rows = ctx.store.query("SELECT member_id, status FROM attendance WHERE meeting_id = ?",
                           [meeting_id])
    assert len(rows) == len(expected)
    assert [r["member_id"] for r in rows if r["status"] == "缺席"] == [absent.member_id]
    summary = attendance.summary(ctx.store, meeting_id)
    assert (summary.expected, summary.present, summary.absent) == (len(expected), len(expected) - 1, 1)
    wait_listed(qtbot, page)
    assert page.form.countLabel.text().startswith("2025年")
    assert page.selected_id() == meeting_id                  # the new record is shown, selected


def test_bad_input_is_shown_in_chinese_and_nothing_is_saved(qtbot, ctx):
    page = make_page(qtbot, ctx)
    editor = new_from_menu(qtbot, page, "支部党员大会")
    form = editor.form
    form.dateEdit.setDate(QDate(2025, 11, 20))
    qtbot.keyClicks(form.startEdit, "15:00")
    qtbot.keyClicks(form.endEdit, "14:00")
    before = ctx.store.query_one("SELECT count(*) AS n FROM meetings")["n"]
    click_save(qtbot, editor)
    assert editor.isVisible()
    text = form.errorLabel.text()
    assert "还没有标记" in text and "全部出席" in text
    assert "结束时间 14:00 应晚于开始时间 15:00" in text
    qtbot.mouseClick(form.allPresentButton, Qt.MouseButton.LeftButton)
    form.kindCombo.setCurrentText("党课")                  # a 党课 needs its lecturer
    qtbot.mouseClick(form.allPresentButton, Qt.MouseButton.LeftButton)
    form.endEdit.clear()
    click_save(qtbot, editor)
    assert form.errorLabel.text().splitlines()[1:] == ["• 党课须填写主讲人"]
    assert ctx.store.query_one("SELECT count(*) AS n FROM meetings")["n"] == before


def test_changing_the_date_recomputes_who_should_attend(qtbot, ctx):
    store = ctx.store
    branch = orgs.find_by_name(store, "第一党支部")
    group_ids = orgs.subtree_ids(store, branch.id)
    joined = store.query_one(
        f"SELECT member_id, start_on FROM memberships WHERE org_id IN ({','.join('?' * len(group_ids))}) "
        "AND start_on > '2024-03-01' ORDER BY start_on", group_ids)
    page = make_page(qtbot, ctx)
    editor = new_from_menu(qtbot, page, "支部党员大会")
    names = lambda: {editor.model.row_at(r).member_id for r in range(editor.model.rowCount())}
    editor.form.dateEdit.setDate(QDate.fromString(joined["start_on"], "yyyy-MM-dd").addDays(-1))
    assert joined["member_id"] not in names()
    editor.form.dateEdit.setDate(QDate.fromString(joined["start_on"], "yyyy-MM-dd"))
    assert joined["member_id"] in names()
    assert names() == {m.id for m in attendance.expected_members(
        store, branch.id, kinds.BRANCH_MEETING, joined["start_on"])}


def test_group_meeting_moves_to_a_group_and_attachments_are_optional(qtbot, ctx, tmp_path,
                                                                     monkeypatch):
    monkeypatch.setattr(attachments, "default_root", lambda: tmp_path / "store")
    photo = tmp_path / "现场.png"
    Image.new("RGB", (64, 48), "red").save(photo)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(photo)], ""))
    page = make_page(qtbot, ctx)
    editor = new_from_menu(qtbot, page, "党小组会")
    form = editor.form
    assert orgs.get(ctx.store, editor.org_id()).kind == "党小组"
    assert form.hostCombo.currentData() in orgs.holders(ctx.store, editor.org_id(), "党小组长",
                                                        ctx.today())
    form.dateEdit.setDate(QDate(2025, 12, 1))
    qtbot.mouseClick(form.allPresentButton, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.addAttachmentButton, Qt.MouseButton.LeftButton)
    assert form.attachmentsList.count() == 1 and form.tabs.tabText(3) == "附件（1）"
    with qtbot.waitSignal(editor.saved) as saved:
        click_save(qtbot, editor)
    stored = attachments.of_meeting(ctx.store, saved.args[0])
    assert [a.filename for a in stored] == ["现场.png"]
    assert attachments.file_of(stored[0]).read_bytes() == photo.read_bytes()
