"""The 民主评议党员 dialog on a ledger built from empty: type the four steps and each member's
result, see the tallies, be refused a decision while someone is unrated, then decide."""
from desktop_app.core.appraisal import handling, record
from desktop_app.ui.appraisal_dialog import UNRATED, AppraisalDialog
from tests.core.rules_builder import Branch

RESULTS = ("优秀", "合格", "合格", "合格", "基本合格", "不合格")


def test_typing_a_years_appraisal_and_deciding_it(qtbot, empty_ctx):
    branch = Branch(empty_ctx.store, "jiaxing-2016")
    empty_ctx.today = lambda: "2025-12-20"
    dialog = AppraisalDialog(empty_ctx, branch.branch, 2025)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    assert form.resultTable.rowCount() == 6
    for edit, day in zip(dialog.step_edits.values(), ("2025-12-02", "2025-12-03", "2025-12-05",
                                                       "2025-12-08")):
        edit.setText(day)
    combos = [form.resultTable.cellWidget(r, 1) for r in range(6)]
    names = [form.resultTable.item(r, 0).text() for r in range(6)]
    for combo, name in zip(combos[:5], names):
        combo.setCurrentText(RESULTS[names.index(name)] if name != "己六" else "不合格")
    assert form.tallyLabel.text().endswith("；未评定1人")
    form.decidedEdit.setText("2025-12-10")
    form.decisionEdit.setText("一致通过")
    form.decideButton.click()
    left = names[5]
    assert form.errorLabel.isVisible() and f"在册党员尚未评定：{left}" in form.errorLabel.text()
    assert form.resultTable.cellWidget(0, 1).currentText() != UNRATED    # the save kept them
    form.resultTable.cellWidget(5, 1).setCurrentText("合格" if left != "己六" else "不合格")
    form.decideButton.click()
    found = record.find(empty_ctx.store, branch.branch, 2025)
    assert found.decided_on == "2025-12-10" and found.decision == "一致通过"
    assert found.steps["群众测评"] == "2025-12-05"
    assert found.tallies["不合格"] == 1 and UNRATED not in found.results.values()
    assert not form.decideButton.isEnabled()
    assert [form.actionList.item(i).text() for i in range(form.actionList.count())] == [
        "己六 2025年度民主评议不合格：限期改正，期限 2026-06-08（待办）"]
    assert len(handling.actions(empty_ctx.store, branch.branch, open_only=True)) == 1


def test_a_bad_date_is_refused_and_nothing_is_saved(qtbot, empty_ctx):
    branch = Branch(empty_ctx.store, "jiaxing-2016")
    dialog = AppraisalDialog(empty_ctx, branch.branch, 2025)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.step_edits["个人自评"].setText("2025-12-02")
    dialog.step_edits["党员互评"].setText("十二月三日")
    dialog.form.resultTable.cellWidget(0, 1).setCurrentText("优秀")
    dialog.form.saveButton.click()
    assert dialog.form.errorLabel.isVisible()
    assert dialog.form.errorLabel.text().startswith("党员互评：")
    assert record.find(empty_ctx.store, branch.branch, 2025) is None
    assert dialog.step_edits["党员互评"].text() == "十二月三日"      # what was typed is kept


def test_the_pioneer_page_opens_the_years_appraisal(qtbot, ctx):
    from tests.ui.test_pioneer_page import shown_page

    page = shown_page(qtbot, ctx)
    page.form.appraisalButton.click()
    dialog = page.appraisal_dialog
    assert dialog.windowTitle() == "2025年度民主评议党员"
    assert dialog.form.resultTable.rowCount() > 10           # the branch's members that year
    dialog.close()
