"""民主评议党员 for one 党支部 and year: the four steps' dates, each member's result, the tallies,
the 党员大会 decision and the open handling steps of members found 不合格. Everything is checked
and saved by core/appraisal; a refused save shows the reason and keeps what was typed."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTableWidgetItem, QWidget

from desktop_app.core import members
from desktop_app.core.appraisal import handling, record
from desktop_app.core.store import StoreError
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.unsaved import GuardedDialog

UNRATED = "（未评定）"


class AppraisalDialog(GuardedDialog):
    def __init__(self, ctx: AppContext, org_id: int, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.org_id, self.year = ctx, org_id, year
        self.form = load_form("appraisal_dialog", self)
        self.setWindowTitle(f"{year}年度民主评议党员")
        self.step_edits: dict[str, QLineEdit] = {}
        for column, step in enumerate(record.STEPS.values()):
            edit = QLineEdit(self.form.stepsBox)
            self.form.stepsLayout.addWidget(QLabel(step, self.form.stepsBox), 0, column)
            self.form.stepsLayout.addWidget(edit, 1, column)
            self.step_edits[step] = edit
        table = self.form.resultTable
        table.setColumnCount(2)
        table.setHorizontalHeaderLabels(["党员", "评议结果"])
        table.horizontalHeader().setStretchLastSection(True)
        self.form.saveButton.clicked.connect(self.save)
        self.form.decideButton.clicked.connect(self.decide)
        self.form.closeButton.clicked.connect(self.reject)
        self.refresh()

    def refresh(self) -> None:
        found = record.find(self.ctx.store, self.org_id, self.year)
        end = min(self.ctx.today(), f"{self.year}-12-31")
        people = members.expected_on(self.ctx.store, self.org_id, end)
        results = found.results if found else {}
        table = self.form.resultTable
        table.setRowCount(len(people))
        self.combos: dict[int, QComboBox] = {}
        for row, member in enumerate(people):
            table.setItem(row, 0, QTableWidgetItem(member.name))
            combo = QComboBox(table)
            combo.addItems([UNRATED, *record.RESULTS])
            combo.setCurrentText(results.get(member.id, UNRATED))
            combo.currentTextChanged.connect(lambda _: self._show_tallies())
            table.setCellWidget(row, 1, combo)
            self.combos[member.id] = combo
        for step, edit in self.step_edits.items():
            edit.setText((found.steps.get(step) if found else None) or "")
        decided = bool(found and found.decided_on)
        self.form.decidedEdit.setText((found.decided_on or "") if found else "")
        self.form.decisionEdit.setText((found.decision or "") if found else "")
        # Once decided, results change only as a correction with a reason (shilu appraisal result).
        for widget in (self.form.decideButton, self.form.saveButton, *self.combos.values()):
            widget.setEnabled(not decided)
        self.form.actionList.clear()
        for action in handling.actions(self.ctx.store, self.org_id):
            state = f"{action.done_on} {action.outcome}" if action.done_on else "待办"
            self.form.actionList.addItem(f"{action.text()}（{state}）")
        self._show_tallies()
        self.remember_saved_state()

    def form_state(self) -> list:
        """Results, step dates and the decision (replaced combos linger until deleted, so the
        generic widget walk would see them)."""
        return [[c.currentText() for c in self.combos.values()],
                [e.text() for e in self.step_edits.values()],
                self.form.decidedEdit.text(), self.form.decisionEdit.text()]

    def _show_tallies(self) -> None:
        chosen = [c.currentText() for c in self.combos.values()]
        counts = "，".join(f"{r}{chosen.count(r)}人" for r in record.RESULTS)
        unrated = chosen.count(UNRATED)
        self.form.tallyLabel.setText(f"统计：{counts}" + (f"；未评定{unrated}人" if unrated else ""))

    def save(self) -> bool:
        """Open the year's appraisal if needed, then save the steps' dates and the results."""
        store = self.ctx.store
        try:
            with store.transaction():
                found = record.find(store, self.org_id, self.year)
                dates = [e.text().strip() for e in self.step_edits.values() if e.text().strip()]
                appraisal_id = found.id if found else record.start(
                    store, self.org_id, self.year, min(dates) if dates else self.ctx.today())
                for step, edit in self.step_edits.items():
                    if edit.text().strip():
                        record.record_step(store, appraisal_id, step, edit.text())
                current = record.get(store, appraisal_id).results
                for member_id, combo in self.combos.items():
                    result = combo.currentText()
                    if result != UNRATED and current.get(member_id) != result:
                        record.set_result(store, appraisal_id, member_id, result)
        except StoreError as exc:
            self._problem(str(exc))
            return False
        self.form.errorLabel.setVisible(False)
        self.refresh()
        return True

    def decide(self) -> None:
        on, decision = self.form.decidedEdit.text(), self.form.decisionEdit.text()
        if not self.save():
            return
        found = record.find(self.ctx.store, self.org_id, self.year)
        try:
            record.decide(self.ctx.store, found.id, on, decision)
        except StoreError as exc:
            self.form.decidedEdit.setText(on)          # keep what was typed
            self.form.decisionEdit.setText(decision)
            self._problem(str(exc))
            return
        self.refresh()

    def _problem(self, message: str) -> None:
        self.form.errorLabel.setText(message)
        self.form.errorLabel.setVisible(True)
