"""Import a roster file: choose it, preview what would change and every error, then import it all.

Reading and planning run on the worker (large sheets take a moment); 导入 is enabled only for a
plan without errors (rows that are not people are skipped and listed, never errors), and the
core plans again and applies it in one transaction. A workbook with several roster sheets asks
which one.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QHeaderView, QInputDialog, QMessageBox,
                               QTableWidget, QTableWidgetItem, QWidget)

from desktop_app.core.roster import apply as roster_apply
from desktop_app.core.roster import plan as roster_plan
from desktop_app.core.roster import sheet as roster_sheet
from desktop_app.core.roster.export import write_template
from desktop_app.ui import file_dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.screen_fit import resize_within

FILE_FILTER = "花名册 (*.xlsx *.xls *.csv *.txt);;所有文件 (*)"


@dataclass
class Preview:
    """A chosen file that cannot be read is an expected outcome, not a failed task."""
    plan: roster_plan.ImportPlan | None
    file_error: str = ""
    sheet_choices: list[str] | None = None   # several sheets hold a roster: ask which


class RosterImportDialog(QDialog):
    imported = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.form = load_form("roster_import", self)
        self.plan: roster_plan.ImportPlan | None = None
        self.summary: roster_apply.ImportSummary | None = None
        self.path: Path | None = None
        self.form.chooseButton.clicked.connect(self.choose_file)
        self.form.templateButton.clicked.connect(self.save_template)
        self.form.importButton.clicked.connect(self.start_import)
        self.form.closeButton.clicked.connect(self.accept)
        for table in (self.form.errorTable, self.form.changeTable):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
        resize_within(self, 880, 540)

    def choose_file(self) -> None:
        path = file_dialogs.open_file(self, "roster", "选择花名册文件", FILE_FILTER)
        if path:
            self.preview(path)

    def preview(self, path: Path, sheet_name: str | None = None) -> None:
        self.plan = None
        self.path = path
        self.form.fileEdit.setText(str(path))
        self.form.importButton.setEnabled(False)
        self.form.summaryLabel.setText("正在读取……")
        store, today = self.ctx.store, self.ctx.today()

        def task(progress) -> Preview:
            progress(0, 0, f"正在读取 {path.name}")
            try:
                sheet = roster_sheet.read_sheet(path, sheet_name)
            except roster_sheet.SheetChoiceNeeded as exc:
                return Preview(None, str(exc), exc.choices)
            except roster_sheet.RosterFileError as exc:
                return Preview(None, str(exc))
            progress(0, 0, f"正在核对 {len(sheet.rows)} 行")
            return Preview(roster_plan.plan_import(store, sheet, today))

        self.ctx.worker.run(self, "读取花名册", task, self._show_preview,
                            on_failed=self._preview_failed)

    def _preview_failed(self, message: str) -> None:
        self.form.summaryLabel.setText(message)

    def _show_preview(self, preview: Preview) -> None:
        if preview.sheet_choices:
            choice, ok = QInputDialog.getItem(
                self, "选择工作表", f"{self.path.name} 中有几张工作表都像花名册，这次导入哪一张？"
                "（其余的可以再分别导入）", preview.sheet_choices, 0, False)
            if ok and choice:
                self.preview(self.path, choice)
                return
        if preview.plan is None:
            self.form.summaryLabel.setText(preview.file_error)
            _fill(self.form.errorTable, [])
            _fill(self.form.changeTable, [])
            return
        plan = self.plan = preview.plan
        text = (f"新增 {len(plan.adds)} 人，更新 {len(plan.updates)} 人，无变化 {plan.unchanged} 人，"
                f"新建组织 {len(plan.new_orgs)} 个")
        if plan.new_orgs:
            text += f"（{'、'.join(plan.new_orgs)}）"
        if plan.errors:
            text += f"。发现 {len(plan.errors)} 处错误，请在文件中改正后重新选择文件；改正前不会导入任何数据。"
        elif plan.adds or plan.updates:
            text += "。没有发现错误，可以导入。"
        else:
            text += "。文件与账本一致，无需导入。"
        notes = plan.notes()
        self.form.summaryLabel.setText("\n".join([text, *notes]))
        _fill(self.form.errorTable, [(e.row, e.column, e.value, e.reason) for e in plan.errors]
              + [(w.row, w.column, w.value, f"提示：{w.reason}") for w in plan.warnings]
              + [(s.number, "", s.text, f"跳过：{s.reason}") for s in plan.skipped])
        _fill(self.form.changeTable, _change_rows(plan))
        hints = len(plan.warnings) + len(plan.skipped)     # the summary says "见提示列表": name it
        self.form.tabs.setTabText(0, f"错误（{len(plan.errors)}）" + (f"与提示（{hints}）" if hints else ""))
        self.form.tabs.setTabText(1, f"将要导入（{len(plan.adds) + len(plan.updates)}）")
        self.form.tabs.setCurrentIndex(0 if plan.errors else 1)
        self.form.importButton.setEnabled(plan.ok and bool(plan.adds or plan.updates))

    def start_import(self, reason: str | None = None) -> None:
        """Import the checked plan; `reason` is the 更正原因 when it changes a sealed period."""
        plan, store, today = self.plan, self.ctx.store, self.ctx.today()
        if plan is None or not plan.ok:
            return
        self.form.importButton.setEnabled(False)

        def task(progress):
            with store.correcting(reason):
                return roster_apply.apply_import(store, plan, today)

        self.ctx.worker.run(self, "导入花名册", task, self._imported, on_failed=self._import_failed)

    def _import_failed(self, message: str) -> None:
        """Nothing was written (one transaction). A roster that changes facts in a sealed period
        is imported as a correction: ask why, then try again; any other reason stays on screen."""
        if "更正原因" in message:
            reason, ok = QInputDialog.getText(
                self, "更正已封存期间", f"{message}\n\n请填写更正原因（记入审计日志）：")
            if ok and reason.strip():
                self.start_import(reason.strip())
                return
        self.plan = None
        self.form.summaryLabel.setText(f"未导入：{message}")

    def _imported(self, summary: roster_apply.ImportSummary) -> None:
        self.summary = summary
        self.plan = None
        self.form.summaryLabel.setText(
            f"导入完成：新增 {summary.added} 人，更新 {summary.updated} 人，"
            f"新建组织 {summary.orgs_created} 个。")
        self.imported.emit()

    def save_template(self) -> None:
        path, _ = file_dialogs.save_file(self, "roster", "保存空白花名册模板", "党员花名册模板.xlsx",
                                         "Excel 文件 (*.xlsx)")
        if not path:
            return
        try:
            written = write_template(path)
        except OSError as exc:
            QMessageBox.warning(self, "模板未保存", f"无法写入 {path}：{exc.strerror or exc}")
            return
        self.form.summaryLabel.setText(f"空白模板已保存到 {written}")


def _change_rows(plan: roster_plan.ImportPlan) -> list[tuple]:
    rows = [(a.row, "新增", a.member.name, a.org_label) for a in plan.adds]
    for u in plan.updates:
        changes = "；".join(
            f"{roster_plan.CHANGE_LABELS.get(k, k)}：{old or '（空）'} → {new or '（空）'}"
            for k, (old, new) in u.changes.items())
        rows.append((u.row, "更新", u.name, changes))
    return rows


def _fill(table: QTableWidget, rows: list[tuple]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem("" if value is None else str(value))
            item.setToolTip(item.text())   # long reasons are cut off in the cell
            table.setItem(r, c, item)
