"""先锋指数 page: evaluate a half year, read a member's lines, enter a deduction through the
dialog (reason required), publish and re-publish as a correction."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QMessageBox

from desktop_app.core import orgs
from desktop_app.core.scoring import entries, pioneer
from desktop_app.ui.pages.pioneer_page import PioneerPage


def shown_page(qtbot, ctx) -> PioneerPage:
    page = PioneerPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.result is not None)
    return page


def click_row(qtbot, page, row: int) -> None:
    table = page.form.memberTable
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_last_ended_half_year_is_evaluated_and_a_member_shows_every_line(qtbot, ctx):
    page = shown_page(qtbot, ctx)
    branch = orgs.by_code(ctx.store, "DEMO-01")
    assert page.form.orgCombo.currentText() == "第一党支部"
    assert page.form.periodCombo.currentText() == "2025年上半年"
    expected = pioneer.evaluate(ctx.store, branch.id, "2025H1")
    table = page.form.memberTable
    assert table.rowCount() == len(expected.members) > 10
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [
        m.name for m in expected.members]
    row = next(r for r, m in enumerate(expected.members) if m.deductions)
    member = expected.members[row]
    click_row(qtbot, page, row)
    assert page.form.memberLabel.text().startswith(f"{member.name}：{member.score:g} 分")
    lines = page.line_texts()
    assert len(lines) == len(member.lines)
    deduction = member.deductions[0]
    assert (deduction.category, deduction.title, f"−{-deduction.points:g}", deduction.reason,
            "账本") in lines
    assert "尚未公布" in page.form.stateLabel.text()

    page.form.periodCombo.setCurrentIndex(page.form.periodCombo.findData("2024H2"))
    qtbot.waitUntil(lambda: page.result.period == "2024H2")
    assert page.form.stateLabel.text().startswith("2024年下半年")


def test_a_deduction_entered_through_the_dialog_needs_its_reason(qtbot, ctx):
    page = shown_page(qtbot, ctx)
    click_row(qtbot, page, 2)
    member = page.selected_member()
    qtbot.mouseClick(page.form.entryButton, Qt.MouseButton.LeftButton)
    dialog = page.entry_dialog
    qtbot.waitUntil(dialog.isVisible)
    form = dialog.form
    assert form.memberLabel.text() == member.name
    assert form.itemCombo.currentData() == "conduct"           # deductions come first
    assert (form.pointsSpin.minimum(), form.pointsSpin.maximum()) == (0, 20)
    form.pointsSpin.setValue(8)
    save = form.buttonBox.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and form.errorLabel.isVisible()
    assert form.errorLabel.text() == f"{member.name}：“违反纪律作风（经支委会认定）”扣分须填写原因"
    assert ctx.store.query("SELECT * FROM pioneer_entries") == []

    form.reasonEdit.setPlainText("6月网格值守无故缺岗")       # Chinese comes through the IME
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ("纪律作风", "违反纪律作风（经支委会认定）", "−8", "6月网格值守无故缺岗",
                             "录入") in page.line_texts())
    assert page.selected_member().score == member.score - 8
    row = ctx.store.query_one("SELECT * FROM pioneer_entries")
    assert (row["member_id"], row["points"], row["on_date"]) == (member.member_id, -8, "2025-06-30")
    last = ctx.store.query_one("SELECT actor, table_name FROM audit_log ORDER BY id DESC")
    assert (last["actor"], last["table_name"]) == ("测试书记", "pioneer_entries")


def test_publish_then_correct_with_a_reason(qtbot, ctx, monkeypatch):
    page = shown_page(qtbot, ctx)
    before = ctx.store.query_one("SELECT count(*) AS n FROM audit_log WHERE table_name = "
                                 "'pioneer_evaluations'")["n"]     # the demo's own publishing
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.form.publishButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.result.published_on == "2025-12-31")
    assert "已于 2025-12-31 公布" in page.form.stateLabel.text()
    assert page.form.publishButton.text() == "重新公布（更正）…"
    org_id = page.result.org_id
    assert pioneer.published_result(ctx.store, org_id, "2025H1") is not None

    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("", True))
    qtbot.mouseClick(page.form.publishButton, Qt.MouseButton.LeftButton)
    ctx.worker.wait_idle()
    assert ctx.store.query_one("SELECT count(*) AS n FROM audit_log WHERE table_name = "
                               "'pioneer_evaluations'")["n"] == before + 1
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("补录6月党课", True))
    qtbot.mouseClick(page.form.publishButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(warned))
    assert warned == ["2025年上半年的考评结果与 2025-12-31 公布的相同，无需重新公布"]
    member = page.result.members[0]
    entries.add_entry(ctx.store, org_id, member.member_id, "2025H1", "pledge", 2, "践诺：结对帮扶",
                      "2025-06-20")
    qtbot.mouseClick(page.form.publishButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctx.store.query_one(
        "SELECT reason FROM audit_log WHERE table_name = 'pioneer_evaluations' "
        "ORDER BY id DESC")["reason"] == "补录6月党课")
    snapshot = pioneer.published_result(ctx.store, org_id, "2025H1")
    assert snapshot.member(member.member_id).score == member.score + 2


def test_no_member_chosen_asks_for_one(qtbot, ctx, monkeypatch):
    page = shown_page(qtbot, ctx)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    qtbot.mouseClick(page.form.entryButton, Qt.MouseButton.LeftButton)
    assert page.entry_dialog is None and "请先在左侧选择" in told[0]


def test_exempt_a_member_by_choosing_the_congress_record(qtbot, ctx):
    page = shown_page(qtbot, ctx)
    click_row(qtbot, page, 0)
    member = page.selected_member()
    qtbot.mouseClick(page.form.exemptButton, Qt.MouseButton.LeftButton)
    dialog = page.exempt_dialog
    qtbot.waitUntil(dialog.isVisible)
    form = dialog.form
    save = form.buttonBox.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert form.errorLabel.isVisible() and "免评须写明原因（年满70周岁" in form.errorLabel.text()
    form.reasonEdit.setText("年满82周岁，长期卧床")
    assert form.meetingCombo.count() > 1
    form.meetingCombo.setCurrentIndex(1)                   # the latest 支部党员大会 by 30 June
    meeting_id, held_on = form.meetingCombo.currentData()
    assert held_on <= "2025-06-30" and form.dateEdit.text() == held_on
    assert form.decisionEdit.text().endswith("支部党员大会决定")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.result.member(member.member_id).exemption is not None)
    row = next(r for r, m in enumerate(page.result.members) if m.member_id == member.member_id)
    assert page.form.memberTable.item(row, 1).text() == "—"
    assert page.form.memberTable.item(row, 2).text() == "免评"
    stored = ctx.store.query_one("SELECT * FROM pioneer_exemptions")
    assert (stored["meeting_id"], stored["decided_on"]) == (meeting_id, held_on)


def test_withdraw_an_entered_line_with_a_reason(qtbot, ctx, monkeypatch):
    page = shown_page(qtbot, ctx)
    member = page.result.members[1]
    entries.add_entry(ctx.store, page.result.org_id, member.member_id, "2025H1", "conduct", 6,
                      "录错了人", "2025-06-01")
    page.evaluate()
    qtbot.waitUntil(lambda: any(line.reason == "录错了人"
                                for line in page.result.member(member.member_id).lines))
    click_row(qtbot, page, 1)
    row = [text[3] for text in page.line_texts()].index("录错了人")
    assert not page.form.withdrawButton.isEnabled()
    page.form.lineTable.selectRow(0)                       # a ledger line cannot be withdrawn
    assert not page.form.withdrawButton.isEnabled()
    page.form.lineTable.selectRow(row)
    assert page.form.withdrawButton.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("应为另一名党员", True))
    qtbot.mouseClick(page.form.withdrawButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "录错了人" not in [text[3] for text in page.line_texts()])
    assert ctx.store.query("SELECT * FROM pioneer_entries") == []
    last = ctx.store.query_one("SELECT action, reason FROM audit_log ORDER BY id DESC")
    assert (last["action"], last["reason"]) == ("delete", "应为另一名党员")
