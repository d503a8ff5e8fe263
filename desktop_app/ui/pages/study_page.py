"""学时: study outside meetings (培训, 网上党校, 学习强国) for the year, and each member's total
from every source, with 登记学习 (many members at once), 修改/删除 of an entry, 导入学时表 and
期初学时."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QInputDialog, QMessageBox, QTableWidgetItem, QWidget

from desktop_app.core import orgs
from desktop_app.core.errors import WordedError
from desktop_app.core.study import entries, totals
from desktop_app.ui import file_dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form

ENTRY_COLUMNS = ("日期", "学时", "培训或课程", "类别", "主办单位", "人数", "参加党员")
TOTAL_COLUMNS = ("姓名", "会议", "培训网课", "流入地", "期初", "合计")
YEARS_BACK = 3


class StudyPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.form = load_form("study_page", self)
        self.entry_dialog = self.opening_dialog = None
        for table, columns in ((self.form.entriesTable, ENTRY_COLUMNS),
                               (self.form.totalsTable, TOTAL_COLUMNS)):
            table.setColumnCount(len(columns))
            table.setHorizontalHeaderLabels(columns)
        header = self.form.entriesTable.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(ENTRY_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.form.totalsTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.form.splitter.setSizes([820, 420])
        year = int(ctx.today()[:4])
        for y in range(year, year - YEARS_BACK, -1):
            self.form.yearCombo.addItem(f"{y}年", y)
        self.form.yearCombo.currentIndexChanged.connect(self.refresh)
        self.form.orgCombo.currentIndexChanged.connect(self.refresh)
        self.form.addButton.clicked.connect(self.open_add)
        self.form.editButton.clicked.connect(self.open_edit)
        self.form.deleteButton.clicked.connect(self.delete_selected)
        self.form.entriesTable.itemSelectionChanged.connect(self._follow_selection)
        self.form.entriesTable.itemDoubleClicked.connect(lambda _: self.open_edit())
        self.form.openingButton.clicked.connect(self.open_opening)
        self.form.importButton.clicked.connect(self.import_file)
        self.refresh()

    @property
    def year(self) -> int:
        return self.form.yearCombo.currentData()

    @property
    def org_id(self) -> int | None:
        return self.form.orgCombo.currentData()

    def _fill_orgs(self) -> None:
        combo = self.form.orgCombo
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for org in orgs.all_orgs(self.ctx.store):
            if org.kind in ("党支部", "党总支", "党委"):
                combo.addItem(org.name, org.id)
        branches = [i for i in range(combo.count())
                    if orgs.get(self.ctx.store, combo.itemData(i)).kind == "党支部"]
        default = branches[0] if branches else 0      # a branch's totals, unless one is chosen
        combo.setCurrentIndex(combo.findData(chosen) if combo.findData(chosen) >= 0 else default)
        combo.blockSignals(False)

    def refresh(self) -> None:
        self._fill_orgs()
        has_org = self.org_id is not None
        for button in (self.form.addButton, self.form.openingButton, self.form.importButton):
            button.setEnabled(has_org)
        year = self.year
        found = entries.between(self.ctx.store, f"{year}-01-01", f"{year}-12-31")
        names = {r["id"]: r["name"] for r in self.ctx.store.query("SELECT id, name FROM members")}
        rows = [(e.held_on, f"{e.hours:g}", e.title, e.source or "", e.organiser or "",
                 str(len(e.member_ids)), "、".join(names[m] for m in e.member_ids)) for e in found]
        self._fill(self.form.entriesTable, rows)
        for row, entry in enumerate(found):
            self.form.entriesTable.item(row, 0).setData(Qt.ItemDataRole.UserRole, entry.id)
        self._follow_selection()
        people = totals.year_totals(self.ctx.store, self.org_id, year,
                                    min(self.ctx.today(), f"{year}-12-31")) if has_org else []
        self._fill(self.form.totalsTable, [
            (p.name, f"{p.meetings:g}", f"{p.outside:g}",
             f"{p.away:g}" + ("" if p.away_counts or not p.away else "（不计）"),
             f"{p.opening:g}", f"{p.total:g}") for p in people])
        self.form.countLabel.setText(f"{year}年 {len(found)} 次学习，"
                                     f"{sum(len(e.member_ids) for e in found)} 人次")
        self.form.totalsNote.setText("合计 = 会议学时 + 培训网课 + 期初" +
                                     (" + 流入地组织生活" if people and people[0].away_counts else "")
                                     + "；年度要求见“体检”。")

    @staticmethod
    def _fill(table, rows) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(value))

    def shown_entries(self) -> list[tuple[str, ...]]:
        table = self.form.entriesTable
        return [tuple(table.item(r, c).text() for c in range(table.columnCount()))
                for r in range(table.rowCount())]

    def shown_totals(self) -> dict[str, tuple[str, ...]]:
        table = self.form.totalsTable
        return {table.item(r, 0).text(): tuple(table.item(r, c).text()
                                               for c in range(1, table.columnCount()))
                for r in range(table.rowCount())}

    def open_add(self):
        from desktop_app.ui.study_entry_dialog import StudyEntryDialog
        self.entry_dialog = StudyEntryDialog(self.ctx, self.org_id, self)
        self.entry_dialog.saved.connect(lambda _: self.refresh())
        self.entry_dialog.open()
        return self.entry_dialog

    def selected_id(self) -> int | None:
        rows = self.form.entriesTable.selectionModel().selectedRows()
        return self.form.entriesTable.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) \
            if rows else None

    def _follow_selection(self) -> None:
        chosen = self.selected_id() is not None
        self.form.editButton.setEnabled(chosen)
        self.form.deleteButton.setEnabled(chosen)

    def open_edit(self):
        from desktop_app.ui.study_entry_dialog import StudyEntryDialog
        if self.selected_id() is None:
            return None
        entry = entries.get(self.ctx.store, self.selected_id())
        self.entry_dialog = StudyEntryDialog(self.ctx, self.org_id, self, entry)
        self.entry_dialog.saved.connect(lambda _: self.refresh())
        self.entry_dialog.open()
        return self.entry_dialog

    def delete_selected(self) -> None:
        """Delete after a confirmation; an entry in a sealed period asks for the 更正原因."""
        entry_id = self.selected_id()
        if entry_id is None:
            return
        entry = entries.get(self.ctx.store, entry_id)
        text = f"删除 {entry.held_on}“{entry.title}”（{len(entry.member_ids)} 人的学时）吗？"
        sealed = self.ctx.store.sealed_through()
        reason = None
        if sealed and entry.held_on <= sealed:
            reason, ok = QInputDialog.getText(self, "删除学习记录", text + f"\n{sealed} 及以前已封存，"
                                              "删除将作为更正记入审计日志。更正原因：")
            if not ok or not reason.strip():
                return
        elif QMessageBox.question(self, "删除学习记录", text) != QMessageBox.StandardButton.Yes:
            return
        entries.delete(self.ctx.store, entry_id, reason=reason)
        self.refresh()

    def open_opening(self):
        from desktop_app.ui.study_opening_dialog import StudyOpeningDialog
        self.opening_dialog = StudyOpeningDialog(self.ctx, self.org_id, self.year, self)
        self.opening_dialog.saved.connect(self.refresh)
        self.opening_dialog.open()
        return self.opening_dialog

    def import_file(self) -> None:
        """Check the whole file first; import only when every row is right and confirmed."""
        path = file_dialogs.open_file(self, "study", "导入学时表", "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        from desktop_app.core.study import importer
        try:
            plan = importer.read(self.ctx.store, path)
        except WordedError as exc:
            QMessageBox.warning(self, "学时表有错误", str(exc))
            return
        people = sum(len(e.member_ids) for e in plan.entries)
        answer = QMessageBox.question(
            self, "导入学时表", f"共 {plan.rows} 行，{len(plan.entries)} 次学习，{people} 人次。导入吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return
        importer.apply(self.ctx.store, plan)
        self.refresh()
