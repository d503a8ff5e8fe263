import subprocess

import docx

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog

from desktop_app.core.meetings import attendance, records
from tests.ui.conftest import TODAY
from tests.requires import requires_poppler
from tests.ui.meetings_helpers import (click_save, fill_branch_meeting, make_page,
                                       new_from_menu, wait_listed)


def create_meeting(qtbot, page, minutes=""):
    editor = new_from_menu(qtbot, page, "支部党员大会")
    fill_branch_meeting(qtbot, editor, "测试党员大会", QDate(2025, 11, 20), minutes)
    absent = editor.model.row_at(1).member_id
    with qtbot.waitSignal(editor.saved) as saved:
        click_save(qtbot, editor)
    return saved.args[0], absent


def double_click_todo(qtbot, page, entry):
    listing = page.form.todoList
    row = page.todo_entries().index(entry)
    listing.scrollToItem(listing.item(row))
    rect = listing.visualItemRect(listing.item(row))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible())
    return page.editor


def test_a_followup_takes_the_absentee_off_the_todo_list(qtbot, ctx):
    page = make_page(qtbot, ctx)
    open_before = len(attendance.open_work(ctx.store))
    meeting_id, absent = create_meeting(qtbot, page)
    assert (meeting_id, absent) in page.todo_entries()
    assert len(page.todo_entries()) == open_before + 1
    assert page.form.todoBox.title().endswith(f"（{open_before + 1}）")

    editor = double_click_todo(qtbot, page, (meeting_id, absent))
    form = editor.form
    assert form.tabs.currentWidget() is form.attendanceTab
    assert form.detailBox.title().startswith(f"所选人员：{editor.model.row_at(1).name}（缺席）")
    assert form.methodCombo.isEnabled() and not form.leaveReasonEdit.isEnabled()
    form.methodCombo.setCurrentText("电话")
    qtbot.keyClicks(form.briefedOnEdit, "2025/11/22")
    form.briefedByEdit.insert("王书记")              # Chinese arrives through the input method
    with qtbot.waitSignal(editor.saved):
        click_save(qtbot, editor)
    assert (meeting_id, absent) not in page.todo_entries()
    assert len(page.todo_entries()) == open_before
    briefing = attendance.followup_of(ctx.store, meeting_id, absent)
    assert (briefing.method, briefing.on_date, briefing.by_whom) == ("电话", "2025-11-22", "王书记")


def test_search_finds_the_record_by_a_word_of_its_minutes(qtbot, ctx):
    page = make_page(qtbot, ctx)
    meeting_id, _ = create_meeting(qtbot, page, minutes="讨论加装电梯的民情诉求，明确分工。")
    page.form.searchEdit.setText("加装电梯")
    qtbot.waitUntil(lambda: page.form.countLabel.text() == "检索“加装电梯”：找到 1 条")
    assert page.shown_ids() == [meeting_id]
    page.form.searchEdit.setText("电梯 分工")          # every word must match
    qtbot.waitUntil(lambda: page.form.countLabel.text().startswith("检索“电梯 分工”"))
    assert page.shown_ids() == [meeting_id]
    page.form.searchEdit.clear()
    qtbot.waitUntil(lambda: page.form.countLabel.text().startswith("2025年"))
    assert len(page.shown_ids()) > 100


def test_copy_last_prefills_from_the_latest_record_of_that_kind(qtbot, ctx):
    page = make_page(qtbot, ctx)
    kind_combo = page.form.kindCombo
    kind_combo.setCurrentIndex(kind_combo.findData("支委会"))
    wait_listed(qtbot, page)
    first = page.shown_ids()[0]
    page.select_id(first)
    source = records.get(ctx.store, first)
    last = records.last_of_kind(ctx.store, source.org_id, "支委会")
    qtbot.mouseClick(page.form.copyButton, Qt.MouseButton.LeftButton)
    editor = page.editor
    form = editor.form
    assert form.kindCombo.currentText() == "支委会"
    assert editor.org_id() == last.org_id
    assert form.dateEdit.date().toString("yyyy-MM-dd") == TODAY
    assert form.placeEdit.text() == (last.place or "")
    assert form.agendaEdit.toPlainText() == (last.agenda or "")
    assert form.hostCombo.currentData() == last.host_id
    assert form.minutesEdit.toPlainText() == ""
    qtbot.mouseClick(form.allPresentButton, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(editor.saved) as saved:
        click_save(qtbot, editor)
    assert records.get(ctx.store, saved.args[0]).copied_from == last.id


def test_delete_goes_to_the_recycle_bin_with_a_reason_and_comes_back(qtbot, ctx, monkeypatch):
    page = make_page(qtbot, ctx)
    victim = page.shown_ids()[2]
    page.select_id(victim)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("重复录入", True))
    qtbot.mouseClick(page.form.deleteButton, Qt.MouseButton.LeftButton)
    wait_listed(qtbot, page)
    assert victim not in page.shown_ids()
    assert records.get(ctx.store, victim).deleted_reason == "重复录入"
    qtbot.mouseClick(page.form.binButton, Qt.MouseButton.LeftButton)
    wait_listed(qtbot, page)
    assert page.shown_ids() == [victim]
    assert page.model.row_at(0).status == "已删除：重复录入"
    assert page.form.restoreButton.isVisible() and not page.form.deleteButton.isVisible()
    page.select_id(victim)
    qtbot.mouseClick(page.form.restoreButton, Qt.MouseButton.LeftButton)
    wait_listed(qtbot, page)
    assert page.shown_ids() == []
    qtbot.mouseClick(page.form.binButton, Qt.MouseButton.LeftButton)
    wait_listed(qtbot, page)
    assert victim in page.shown_ids()
    assert not records.get(ctx.store, victim).is_deleted


@requires_poppler
def test_print_signin_sheet_previews_and_saves_a_pdf(qtbot, ctx, tmp_path, monkeypatch):
    """打印签到表 opens the print preview of the sheet; 另存为 PDF beside 打印 saves a copy."""
    page = make_page(qtbot, ctx)
    meeting_id = page.shown_ids()[0]
    page.select_id(meeting_id)
    asked = {}

    def save_dialog(parent, title, start, filters):
        asked.update(title=title, start=start, filters=filters)
        return str(tmp_path / "签到表"), "PDF 文件 (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    qtbot.mouseClick(page.form.signinButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "print_preview", None) is not None
                    and page.print_preview.isVisible(), timeout=15000)
    preview = page.print_preview
    assert preview.windowTitle().startswith("打印预览 — 签到表_")
    preview.save_action.trigger()
    target = tmp_path / "签到表.pdf"
    assert asked["title"] == "另存为 PDF" and asked["start"].endswith(".pdf")
    assert "已保存" in page.form.messageLabel.text() and "打开所在文件夹" in page.form.messageLabel.text()
    assert target.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    expected = attendance.expected_members(ctx.store, records.get(ctx.store, meeting_id).org_id,
                                           records.get(ctx.store, meeting_id).kind,
                                           records.get(ctx.store, meeting_id).held_on)
    assert "签到" in text and expected[0].name in text
    preview.reject()


def test_export_record_as_docx_when_that_filter_is_chosen(qtbot, ctx, tmp_path, monkeypatch):
    page = make_page(qtbot, ctx)
    meeting = records.get(ctx.store, page.shown_ids()[0])
    page.select_id(meeting.id)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (str(tmp_path / "记录"), "Word/WPS 文档 (*.docx)"))
    qtbot.mouseClick(page.form.exportButton, Qt.MouseButton.LeftButton)
    target = tmp_path / "记录.docx"
    qtbot.waitUntil(lambda: "已保存" in page.form.messageLabel.text() and str(target) in page.form.messageLabel.text(), timeout=15000)
    document = docx.Document(target)
    assert document.paragraphs[0].text.endswith("记录")
    cells = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert cells["会议名称"] == meeting.title
