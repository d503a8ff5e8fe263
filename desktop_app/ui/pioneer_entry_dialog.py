"""Enter one 先锋指数 item for a member: an addition or deduction the ledger cannot count, or a
red line crossed. The reason is required (it is disclosed with the deduction); the core checks
range and cap, and any problem is shown in red without saving anything."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop_app.core.scoring import entries
from desktop_app.core.scoring.pioneer import PioneerError
from desktop_app.core.scoring.sheet import ENTERED, PioneerSheet
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.unsaved import GuardedDialog

RED_LINE = "red_line"


class PioneerEntryDialog(GuardedDialog):
    saved = Signal(int)

    def __init__(self, ctx: AppContext, sheet: PioneerSheet, org_id: int, period: str,
                 period_end: str, member_id: int, member_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.sheet = ctx, sheet
        self.org_id, self.period, self.member_id = org_id, period, member_id
        self.form = load_form("pioneer_entry_dialog", self)
        self.form.memberLabel.setText(member_name)
        self.setWindowTitle(f"录入加分/扣分 — {member_name}")
        self.wire_save_cancel(self.form.buttonBox)
        # Deductions first: entering a deduction with its reason is the common case.
        entered = sorted((i for i in sheet.items if i.source == ENTERED), key=lambda i: i.sign)
        for item in entered:
            verb = "扣分" if item.sign < 0 else "加分"
            self.form.itemCombo.addItem(
                f"{verb}｜{item.category}｜{item.title}（每次 {item.entry_min:g}～{item.entry_max:g} 分，"
                f"最多 {item.cap:g} 分）", item.id)
        for line in sheet.red_lines:
            self.form.itemCombo.addItem(f"红线｜{line.title}", line.id)
        self.form.itemCombo.currentIndexChanged.connect(self._item_chosen)
        self.form.dateEdit.setText(min(ctx.today(), period_end))
        self._item_chosen()
        self.remember_saved_state()

    def _item_chosen(self) -> None:
        item_id = self.form.itemCombo.currentData()
        spin = self.form.pointsSpin
        try:
            item = self.sheet.item(item_id)
        except KeyError:          # a red line: no points, the grade says it
            spin.setRange(0, 0)
            spin.setEnabled(False)
            return
        spin.setEnabled(True)
        spin.setRange(0, item.entry_max)
        spin.setValue(max(item.entry_min, min(spin.value(), item.entry_max)) or item.entry_max)

    def save(self) -> None:
        try:
            entry_id = entries.add_entry(
                self.ctx.store, self.org_id, self.member_id, self.period,
                self.form.itemCombo.currentData(), self.form.pointsSpin.value(),
                self.form.reasonEdit.toPlainText(), self.form.dateEdit.text())
        except PioneerError as exc:
            self.form.errorLabel.setText(str(exc))
            self.form.errorLabel.setVisible(True)
            return
        self.saved.emit(entry_id)
        self.accept()
