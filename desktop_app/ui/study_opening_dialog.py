"""期初学时: hours each member had already earned this year before the ledger's record began,
typed once from the old paper ledger (core/study/openings)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from desktop_app.core import members
from desktop_app.core.store import StoreError
from desktop_app.core.study import openings
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.unsaved import GuardedDialog


class StudyOpeningDialog(GuardedDialog):
    saved = Signal()

    def __init__(self, ctx: AppContext, org_id: int, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.form = load_form("study_opening_dialog", self)
        self.setWindowTitle(f"{year} 年期初学时")
        self.wire_save_cancel(self.form.buttonBox)
        on_date = min(ctx.today(), f"{year}-12-31")
        self.people = members.expected_on(ctx.store, org_id, on_date)
        known = openings.openings(ctx.store, year, [m.id for m in self.people])
        as_of = next(iter(known.values())).as_of if known else f"{year}-01-01"
        self.form.asOfEdit.setText(as_of)
        table = self.form.table
        table.setColumnCount(2)
        table.setHorizontalHeaderLabels(["姓名", "期初学时"])
        table.setRowCount(len(self.people))
        for row, member in enumerate(self.people):
            name = QTableWidgetItem(member.name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, 0, name)
            hours = known.get(member.id)
            table.setItem(row, 1, QTableWidgetItem(f"{hours.hours:g}" if hours else ""))
        self.remember_saved_state()

    def set_hours(self, name: str, text: str) -> None:
        for row, member in enumerate(self.people):
            if member.name == name:
                self.form.table.item(row, 1).setText(text)

    def save(self) -> None:
        as_of = self.form.asOfEdit.text()
        try:
            with self.ctx.store.transaction():
                for row, member in enumerate(self.people):
                    text = self.form.table.item(row, 1).text().strip()
                    if text:
                        openings.set_opening(self.ctx.store, member.id, self.year, text, as_of)
        except StoreError as exc:
            self.form.formError.setText(str(exc))
            self.form.formError.setVisible(True)
            return
        self.saved.emit()
        self.accept()
