"""导出/报送: the year's materials (《工作实录》, 工作台账, 花名册), the signed bundle for the upper
level, the upper level's checks, and the way to 备份与恢复.

Each tab is a thin layer over the core: `YearMaterials` here, `BundleSender` (报送上级) and
`BundleChecker` (上级核验) in their own modules. Every file is asked for with a save dialog and
written on the worker; the result says where it went and what personal data it carries.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop_app.core import orgs
from desktop_app.core.exports import book, ledger_xlsx
from desktop_app.core.roster.export import export_roster, personal_data_note
from desktop_app.ui.bundle_checker import BundleChecker
from desktop_app.ui.bundle_sender import BundleSender
from desktop_app.ui.receipt_importer import ReceiptImporter
from desktop_app.ui.context import AppContext
from desktop_app.ui.export_actions import ask_path, show_saved
from desktop_app.ui.forms import load_form
from desktop_app.ui.org_combo import fill_org_combo


class YearMaterials(QObject):
    """年度材料: the chosen organisation's book and 台账 for a year, and the whole roster."""

    def __init__(self, ctx: AppContext, page: QWidget, form: QWidget):
        super().__init__(page)
        self.ctx, self.page, self.form = ctx, page, form
        today = ctx.today()
        year = int(today[:4])
        form.yearSpin.setValue(year - 1 if int(today[5:7]) <= 2 else year)   # the book is due in January
        form.sensitiveWarning.setVisible(False)
        form.sensitiveCheck.toggled.connect(form.sensitiveWarning.setVisible)
        form.bookButton.clicked.connect(self.export_book)
        form.ledgerButton.clicked.connect(self.export_ledger)
        form.rosterButton.clicked.connect(self.export_roster)

    def refresh(self) -> None:
        """Keep the chosen organisation; at first choose the first 党支部 (a book is per branch)."""
        combo = self.form.orgCombo
        first_time = combo.currentData() is None
        fill_org_combo(combo, self.ctx.store)
        if first_time:
            branches = [o.id for o in orgs.all_orgs(self.ctx.store) if o.kind == "党支部"]
            if branches:
                combo.setCurrentIndex(combo.findData(branches[0]))
        for button in (self.form.bookButton, self.form.ledgerButton, self.form.rosterButton):
            button.setEnabled(combo.count() > 0)

    def _chosen(self) -> tuple[orgs.Organisation, int] | None:
        org_id = self.form.orgCombo.currentData()
        if org_id is None:
            return None
        return orgs.get(self.ctx.store, org_id), self.form.yearSpin.value()

    def _sensitive(self) -> bool:
        return self.form.sensitiveCheck.isChecked()

    def _show(self, path: Path, lines: list[str]) -> None:
        show_saved(self.form.yearResultLabel, path, "已导出", tuple(lines))

    def export_book(self) -> Path | None:
        chosen = self._chosen()
        if chosen is None:
            return None
        org, year = chosen
        target = ask_path(self.page, "导出《工作实录》", f"{org.name}{year}年工作实录", (".pdf",))
        if target is None:
            return None
        store = self.ctx.store
        self.ctx.worker.run(
            self.page, "导出《工作实录》",
            lambda progress: book.write_book(store, org.id, year, target, progress=progress),
            lambda path: self._show(path, [f"{org.name}{year}年度《工作实录》，可打印装订。",
                                           f"所含个人信息：{book.PERSONAL_DATA}。"]))
        return target

    def export_ledger(self) -> Path | None:
        chosen = self._chosen()
        if chosen is None:
            return None
        org, year = chosen
        target = ask_path(self.page, "导出工作台账", f"{org.name}{year}年工作台账", (".xlsx",))
        if target is None:
            return None
        store, sensitive = self.ctx.store, self._sensitive()
        self.ctx.worker.run(
            self.page, "导出工作台账",
            lambda progress: ledger_xlsx.write_ledger(store, org.id, year, target,
                                                      with_sensitive=sensitive, progress=progress),
            lambda path: self._show(path, [f"{org.name}{year}年工作台账（Excel/WPS 可打开）。",
                                           ledger_xlsx.personal_data(sensitive)]))
        return target

    def export_roster(self) -> Path | None:
        """Everyone 在册 at the end of the chosen year (today, for the current year)."""
        root = orgs.root(self.ctx.store)
        if root is None:
            return None
        today = self.ctx.today()
        on_date = min(f"{self.form.yearSpin.value()}-12-31", today)
        target = ask_path(self.page, "导出花名册", f"{root.name}党员花名册（截至{on_date}）",
                          (".xlsx",))
        if target is None:
            return None
        store, sensitive = self.ctx.store, self._sensitive()
        self.ctx.worker.run(
            self.page, "导出花名册",
            lambda progress: export_roster(store, target, on_date, sensitive),
            lambda count: self._show(target, [
                f"{root.name}全部在册党员 {count} 人（截至 {on_date}），可修改后再导入。",
                personal_data_note(sensitive)]))
        return target


class ExportPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.form = load_form("export_page", self)
        self.materials = YearMaterials(ctx, self, self.form)
        self.sending = BundleSender(ctx, self, self.form)
        self.checking = BundleChecker(ctx, self, self.form)
        self.receipts = ReceiptImporter(ctx, self, self.form, self.sending.refresh)
        self.form.backupButton.clicked.connect(self.open_backups)
        self.form.backupButton.setEnabled(ctx.store.path is not None)
        self.refresh()

    def refresh(self) -> None:
        """Organisations, key and seal may have changed on other pages (or by a restore)."""
        self.materials.refresh()
        self.sending.refresh()
        self.checking.refresh()

    def open_backups(self):
        # Imported here: the backup dialog is needed only when someone asks for it.
        from desktop_app.ui.backup_dialog import open_over
        self.backup_dialog = open_over(self, self.ctx)
        return self.backup_dialog

