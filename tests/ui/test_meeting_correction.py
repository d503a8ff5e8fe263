"""The meeting editor on a sealed record says so at the top and saves a correction with the
更正原因 typed in the dialog; a record that contradicts the ledger is warned about at save."""
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox

from desktop_app.core import orgs
from desktop_app.core.meetings import records
from desktop_app.ui.meeting_editor import MeetingEditor, new_record_editor
from tests.ui.meetings_helpers import click_save, fill_branch_meeting


def open_editor(qtbot, editor):
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_sealed_record_is_corrected_with_a_reason_typed_in_the_dialog(qtbot, ctx):
    store = ctx.store
    store.seal_through("2025-06-30", "上半年报送")
    row = store.query_one("SELECT id FROM meetings WHERE kind = '支委会' AND held_on < '2025-06-30' "
                          "AND deleted_at IS NULL ORDER BY held_on LIMIT 1")
    editor = open_editor(qtbot, MeetingEditor(ctx, records.get(store, row["id"])))
    bar = editor.correction
    assert bar.isVisible()
    assert bar.label.text().startswith("本记录属于已封存期间（2025-06-30 及以前的记录已报送上级）")
    editor.form.titleEdit.clear()
    editor.form.titleEdit.insert("支委会（补记议题）")
    click_save(qtbot, editor)
    assert editor.isVisible()
    assert "请在对话框顶部填写更正原因" in editor.form.errorLabel.text()
    assert records.get(store, row["id"]).title != "支委会（补记议题）"
    bar.reason_edit.insert("补记会议议题")
    with qtbot.waitSignal(editor.saved):
        click_save(qtbot, editor)
    assert records.get(store, row["id"]).title == "支委会（补记议题）"
    audit = store.query_one("SELECT reason FROM audit_log WHERE table_name = 'meetings' "
                            "AND row_id = ? AND action = 'update' ORDER BY id DESC", [row["id"]])
    assert audit["reason"] == "补记会议议题"


def test_unsealed_record_has_no_bar_and_a_date_moved_into_the_seal_shows_it(qtbot, ctx):
    ctx.store.seal_through("2025-06-30", "上半年报送")
    branch = orgs.find_by_name(ctx.store, "第一党支部")
    editor = open_editor(qtbot, new_record_editor(ctx, None, branch.id, "支部党员大会",
                                                  "2025-11-20"))
    assert not editor.correction.isVisible()
    editor.form.dateEdit.setDate(QDate(2025, 5, 20))
    assert editor.correction.isVisible()


def test_a_recorder_marked_absent_is_warned_about_at_save(qtbot, ctx, monkeypatch):
    branch = orgs.find_by_name(ctx.store, "第一党支部")
    editor = open_editor(qtbot, new_record_editor(ctx, None, branch.id, "支部党员大会",
                                                  "2025-11-20"))
    fill_branch_meeting(qtbot, editor, "11月党员大会", QDate(2025, 11, 20))
    absent = editor.model.row_at(1)           # marked 缺席 by fill_branch_meeting
    form = editor.form
    form.recorderCombo.setCurrentIndex(form.recorderCombo.findData(absent.member_id))
    shown = []

    def answer(parent, title, text, *args):
        shown.append(text)
        return QMessageBox.StandardButton.Cancel if len(shown) == 1 else QMessageBox.StandardButton.Save

    monkeypatch.setattr(QMessageBox, "warning", answer)
    before = ctx.store.query_one("SELECT count(*) AS n FROM meetings")["n"]
    click_save(qtbot, editor)
    assert f"记录人{absent.name} 在签到中记为缺席" in shown[0]
    assert ctx.store.query_one("SELECT count(*) AS n FROM meetings")["n"] == before
    with qtbot.waitSignal(editor.saved):
        click_save(qtbot, editor)
    assert ctx.store.query_one("SELECT count(*) AS n FROM meetings")["n"] == before + 1
