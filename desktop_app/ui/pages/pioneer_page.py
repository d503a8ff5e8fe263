"""先锋指数: choose an organisation and half year; members with score, grade and stars; a member's
every line with points and reason; enter a deduction; publish the result as a snapshot."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (QHeaderView, QInputDialog, QMessageBox, QTableWidgetItem,
                               QWidget)

from desktop_app.core import orgs
from desktop_app.core.rules.engine import profile_for
from desktop_app.core.scoring import entries, pioneer
from desktop_app.core.scoring.result import (ENTERED_SOURCE, RED_LINE_SOURCE, Line, MemberScore,
                                             PioneerResult, points_text)
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.pioneer_entry_dialog import PioneerEntryDialog
from desktop_app.ui.appraisal_dialog import AppraisalDialog
from desktop_app.ui.pioneer_exempt_dialog import PioneerExemptDialog

MEMBER_COLUMNS = ("姓名", "得分", "等次", "星级", "备注")
LINE_COLUMNS = ("类别", "项目", "分值", "原因", "来源")
HALF_YEARS_SHOWN = 6


class PioneerPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.form = load_form("pioneer_page", self)
        self.result: PioneerResult | None = None
        self.entry_dialog: PioneerEntryDialog | None = None
        self.exempt_dialog: PioneerExemptDialog | None = None
        self.appraisal_dialog: AppraisalDialog | None = None
        self._asked: tuple[int, str] | None = None
        self._setup_tables()
        self._fill_periods()
        self.form.orgCombo.currentIndexChanged.connect(self.evaluate)
        self.form.periodCombo.currentIndexChanged.connect(self.evaluate)
        self.form.memberTable.itemSelectionChanged.connect(self._member_chosen)
        self.form.entryButton.clicked.connect(self.open_entry)
        self.form.exemptButton.clicked.connect(self.open_exempt)
        self.form.appraisalButton.clicked.connect(self.open_appraisal)
        self.form.lineTable.itemSelectionChanged.connect(self._line_chosen)
        self.form.withdrawButton.clicked.connect(self.withdraw)
        self.form.publishButton.clicked.connect(self.publish)
        self.refresh()

    def _setup_tables(self) -> None:
        for table, columns in ((self.form.memberTable, MEMBER_COLUMNS),
                               (self.form.lineTable, LINE_COLUMNS)):
            table.setColumnCount(len(columns))
            table.setHorizontalHeaderLabels(columns)
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(table is self.form.memberTable)
            table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        self.form.lineTable.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch)
        self.form.splitter.setSizes([380, 620])

    def _fill_periods(self) -> None:
        """The half year in progress and the ones before it; the last one ended is chosen."""
        today = date.fromisoformat(self.ctx.today())
        year, half = today.year, 1 if today.month <= 6 else 2
        combo = self.form.periodCombo
        combo.blockSignals(True)
        for index in range(HALF_YEARS_SHOWN):
            label = f"{year}年{'上' if half == 1 else '下'}半年" + ("（进行中）" if index == 0 else "")
            combo.addItem(label, f"{year}H{half}")
            year, half = (year, 1) if half == 2 else (year - 1, 2)
        combo.setCurrentIndex(1)
        combo.blockSignals(False)

    def refresh(self) -> None:
        """Reload organisations and re-evaluate (when the section is shown again)."""
        combo = self.form.orgCombo
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        every = orgs.all_orgs(self.ctx.store)
        for org in [o for o in every if o.kind == "党支部"] or every:
            combo.addItem(org.name, org.id)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)
        self.evaluate()

    # --- evaluating ------------------------------------------------------------------------
    def evaluate(self) -> None:
        org_id, period = self.form.orgCombo.currentData(), self.form.periodCombo.currentData()
        if org_id is None:
            self.form.stateLabel.setText("账本中还没有组织")
            return
        self._asked = (org_id, period)
        store = self.ctx.store
        self.ctx.worker.run(self, "计算先锋指数",
                            lambda progress: pioneer.evaluate(store, org_id, period),
                            self._show, cancellable=False, on_failed=self._failed)

    def _failed(self, message: str) -> None:
        self.result = None
        self.form.memberTable.setRowCount(0)
        self.form.lineTable.setRowCount(0)
        self.form.stateLabel.setText(message)

    def _show(self, result: PioneerResult) -> None:
        if (result.org_id, result.period) != self._asked:
            return                                  # an older request answered late
        keep = self.selected_member()
        self.result = result
        self.form.sheetLabel.setText(f"{result.title}（基础分 {result.base:g}）")
        state = f"已于 {result.published_on} 公布" if result.published_on else "尚未公布"
        self.form.stateLabel.setText(f"{result.label} · {len(result.members)} 人 · {state}")
        self.form.publishButton.setText("重新公布（更正）…" if result.published_on else "公布结果")
        table = self.form.memberTable
        table.blockSignals(True)
        table.setRowCount(len(result.members))
        for row, score in enumerate(result.members):
            note = "警示党员" if score.warned else (score.exemption or "")
            values = (score.name, "—" if score.score is None else f"{score.score:g}", score.grade,
                      f"{score.stars} 星" if score.stars else "—", note)
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(value))
        table.blockSignals(False)
        rows = [r for r, s in enumerate(result.members) if keep and s.member_id == keep.member_id]
        if rows:
            table.selectRow(rows[0])
        self._member_chosen()

    def selected_member(self) -> MemberScore | None:
        rows = self.form.memberTable.selectionModel().selectedRows()
        if not rows or self.result is None or rows[0].row() >= len(self.result.members):
            return None
        return self.result.members[rows[0].row()]

    def _member_chosen(self) -> None:
        score = self.selected_member()
        table = self.form.lineTable
        if score is None:
            table.setRowCount(0)
            self.form.memberLabel.setText("选择左侧一名党员，查看每一项得分和原因")
            return
        if score.exemption:
            self.form.memberLabel.setText(f"{score.name}：免评 — {score.exemption}")
        else:
            warn = "；已列为警示党员" if score.warned else ""
            self.form.memberLabel.setText(f"{score.name}：{score.score:g} 分，{score.grade}{warn}"
                                          f"（基础分 {self.result.base:g}）")
        table.setRowCount(len(score.lines))
        for row, line in enumerate(score.lines):
            for column, value in enumerate((line.category, line.title, points_text(line.points),
                                            line.reason, line.source)):
                table.setItem(row, column, QTableWidgetItem(value))
        table.resizeRowsToContents()
        self._line_chosen()

    def selected_line(self) -> Line | None:
        score, rows = self.selected_member(), self.form.lineTable.selectionModel().selectedRows()
        if score is None or not rows or rows[0].row() >= len(score.lines):
            return None
        return score.lines[rows[0].row()]

    def _line_chosen(self) -> None:
        line = self.selected_line()
        self.form.withdrawButton.setEnabled(
            line is not None and line.source in (ENTERED_SOURCE, RED_LINE_SOURCE))

    def line_texts(self) -> list[tuple[str, ...]]:
        """The detail table as the user sees it, row by row."""
        table = self.form.lineTable
        return [tuple(table.item(r, c).text() for c in range(table.columnCount()))
                for r in range(table.rowCount())]

    # --- entering and publishing -----------------------------------------------------------
    def open_entry(self) -> PioneerEntryDialog | None:
        score = self.selected_member()
        if score is None or score.exemption:
            QMessageBox.information(self, "录入加分/扣分",
                                    "请先在左侧选择一名参加考评的党员（免评党员不计分）。")
            return None
        org_id, period = self._asked
        sheet = pioneer.sheet_of(profile_for(self.ctx.store, org_id))
        _, span = pioneer.half_year(period)
        self.entry_dialog = PioneerEntryDialog(self.ctx, sheet, org_id, period, span.end,
                                               score.member_id, score.name, self)
        self.entry_dialog.saved.connect(lambda _: self.evaluate())
        self.entry_dialog.open()
        return self.entry_dialog

    def open_exempt(self) -> PioneerExemptDialog | None:
        score = self.selected_member()
        if score is None or score.exemption:
            QMessageBox.information(self, "免评", "请先在左侧选择一名尚未免评的党员。")
            return None
        org_id, period = self._asked
        sheet = pioneer.sheet_of(profile_for(self.ctx.store, org_id))
        _, span = pioneer.half_year(period)
        self.exempt_dialog = PioneerExemptDialog(self.ctx, sheet, org_id, period, span,
                                                 score.member_id, score.name, self)
        self.exempt_dialog.saved.connect(lambda _: self.evaluate())
        self.exempt_dialog.open()
        return self.exempt_dialog

    def open_appraisal(self) -> AppraisalDialog | None:
        """The year's 民主评议党员 of the chosen 党支部 (its results may feed this index)."""
        if self._asked is None:
            return None
        org_id, period = self._asked
        self.appraisal_dialog = AppraisalDialog(self.ctx, org_id, int(period[:4]), self)
        self.appraisal_dialog.finished.connect(lambda _: self.evaluate())
        self.appraisal_dialog.open()
        return self.appraisal_dialog

    def withdraw(self) -> None:
        """Take back the chosen entered line (typed in error), with a reason for the audit log."""
        line = self.selected_line()
        if line is None or not line.records:
            return
        reason, ok = QInputDialog.getText(self, "撤销录入", f"撤销“{line.title}”"
                                          f"（{points_text(line.points)}：{line.reason}）的原因：")
        if not ok or not reason.strip():
            return
        entries.withdraw_entry(self.ctx.store, line.records[0][1], reason)
        self.evaluate()

    def publish(self) -> None:
        if self.result is None:
            return
        result, reason = self.result, None
        if result.published_on:
            reason, ok = QInputDialog.getText(
                self, "重新公布（更正）", f"{result.label}的结果已于 {result.published_on} 公布。"
                "重新公布属于更正，请填写更正原因：")
            if not ok or not reason.strip():
                return
        elif QMessageBox.question(
                self, "公布结果", f"公布{self.form.orgCombo.currentText()}{result.label}的先锋指数？"
                "公布后结果保存为定稿，用于党务公开栏。") != QMessageBox.StandardButton.Yes:
            return
        store, today = self.ctx.store, self.ctx.today()
        org_id, period = result.org_id, result.period
        self.ctx.worker.run(self, "公布先锋指数",
                            lambda progress: pioneer.publish(store, org_id, period, today, reason),
                            lambda _: self.evaluate(), cancellable=False)
