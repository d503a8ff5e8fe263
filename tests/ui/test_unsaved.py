"""Typing is never thrown away: leaving an edited form asks, and meeting typing survives a kill."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop_app.core import orgs
from desktop_app.core.meetings import kinds, records
from desktop_app.ui import drafts
from desktop_app.ui.meeting_editor import MeetingEditor, new_record_editor
from desktop_app.ui.member_dialog import MemberDialog


class Answers:
    """Stands in for QMessageBox.exec: records each question and answers from a script."""

    def __init__(self, monkeypatch, *replies):
        self.replies, self.asked = list(replies), []
        answers = self

        def exec_(box):
            answers.asked.append((box.text(), sorted(b.text() for b in box.buttons())))
            return answers.replies.pop(0)
        monkeypatch.setattr(QMessageBox, "exec", exec_)


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_esc_on_an_edited_member_form_asks_in_chinese(qtbot, monkeypatch, empty_ctx):
    answers = Answers(monkeypatch, QMessageBox.StandardButton.Cancel,
                      QMessageBox.StandardButton.Discard)
    dialog = shown(qtbot, MemberDialog(empty_ctx))
    dialog.form.nameEdit.insert("王秀英")                  # typed (QTest types ASCII only)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answers.asked == [("刚才填写的内容还没有保存。\n要保存吗？", ["不保存", "保存", "取消"])]
    assert dialog.isVisible() and dialog.form.nameEdit.text() == "王秀英"   # 取消: keep typing
    cancel = dialog.form.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)                      # 取消 asks too
    assert len(answers.asked) == 2 and not dialog.isVisible()                 # 不保存: gone
    assert empty_ctx.store.query_one("SELECT COUNT(*) AS n FROM members")["n"] == 0


def test_an_untouched_form_closes_without_asking(qtbot, monkeypatch, ctx):
    answers = Answers(monkeypatch)
    meeting = records.get(ctx.store, ctx.store.query_one("SELECT id FROM meetings")["id"])
    editor = shown(qtbot, MeetingEditor(ctx, meeting))
    editor.close()
    branch = next(o for o in orgs.all_orgs(ctx.store) if o.kind == "党支部")
    fresh = shown(qtbot, new_record_editor(ctx, None, branch.id, kinds.PARTY_LESSON, "2025-12-30"))
    qtbot.keyClick(fresh, Qt.Key.Key_Escape)
    assert answers.asked == [] and not editor.isVisible() and not fresh.isVisible()


def test_answering_save_saves_the_meeting(qtbot, monkeypatch, ctx):
    Answers(monkeypatch, QMessageBox.StandardButton.Save)
    row = ctx.store.query_one("SELECT id FROM meetings WHERE status = ? ORDER BY id",
                              [records.HELD])
    editor = shown(qtbot, MeetingEditor(ctx, records.get(ctx.store, row["id"])))
    editor.form.minutesEdit.setPlainText("讨论了党费收缴。")
    with qtbot.waitSignal(editor.saved):
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert records.get(ctx.store, row["id"]).minutes == "讨论了党费收缴。"


def test_meeting_typing_survives_a_kill_and_is_offered_back(qtbot, monkeypatch, ctx):
    branch = next(o for o in orgs.all_orgs(ctx.store) if o.kind == "党支部")
    editor = shown(qtbot, new_record_editor(ctx, None, branch.id, kinds.COMMITTEE_MEETING,
                                            "2025-12-20"))
    editor.form.minutesEdit.insertPlainText("一、传达上级精神。二、研究发展党员。")
    path = drafts.meeting_draft(ctx.store, None)
    qtbot.waitUntil(path.exists, timeout=5000)          # written after typing pauses
    editor.hide()                                        # the app is killed: no reject, no save
    editor.deleteLater()
    answers = Answers(monkeypatch, QMessageBox.StandardButton.Yes)
    again = shown(qtbot, new_record_editor(ctx, None, branch.id, kinds.BRANCH_MEETING,
                                           "2025-12-31"))
    text, buttons = answers.asked[0]
    assert "会议内容 18 字" in text and buttons == ["不恢复", "恢复"]
    assert again.form.minutesEdit.toPlainText() == "一、传达上级精神。二、研究发展党员。"
    assert again.kind() == kinds.COMMITTEE_MEETING and again.held_on() == "2025-12-20"
    assert again.has_unsaved_changes()                   # restored typing still needs saving
    Answers(monkeypatch, QMessageBox.StandardButton.Discard)
    again.reject()                                       # 不保存 drops the draft
    assert not path.exists()


def test_declining_the_draft_drops_it(qtbot, monkeypatch, ctx):
    meeting = records.get(ctx.store, ctx.store.query_one("SELECT id FROM meetings")["id"])
    path = drafts.meeting_draft(ctx.store, meeting.id)
    drafts.write(path, {"minutes": "旧草稿"})
    Answers(monkeypatch, QMessageBox.StandardButton.No)
    editor = shown(qtbot, MeetingEditor(ctx, meeting))
    assert editor.form.minutesEdit.toPlainText() == (meeting.minutes or "")
    assert not path.exists()
