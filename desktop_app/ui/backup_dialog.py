"""备份与恢复: back up now, back up to a USB stick, list the backups and restore one.

Backups and restores run on the worker. A restore closes the open ledger first, and on success
`ctx.store` is the reopened, restored ledger (`restored` fires); on failure the old ledger is
reopened unchanged.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QHeaderView, QMessageBox, QTableWidgetItem,
                               QWidget)

from desktop_app.core import integrity
from desktop_app.core.backup import archive
from desktop_app.core.backup.archive import BackupInfo
from desktop_app.core.store import open_store
from desktop_app.ui import file_dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.backup_tasks import backup_task, restore_task
from desktop_app.ui.screen_fit import resize_within

COLUMNS = ("备份时间", "大小", "审计记录", "附件", "检查结果")
PATH_ROLE = Qt.ItemDataRole.UserRole


class BackupDialog(QDialog):
    restored = Signal(object)     # RestoreResult

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.db_path = Path(ctx.store.path)
        self.folder = archive.default_folder(self.db_path)
        self.form = load_form("backup_dialog", self)
        self.form.buttonBox.rejected.connect(self.reject)
        self.form.buttonBox.button(self.form.buttonBox.StandardButton.Close).setText("关闭")
        self.form.whereLabel.setText(f"账本：{self.db_path}\n自动备份保存在：{self.folder}")
        table = self.form.table
        table.setColumnCount(len(COLUMNS))
        table.setHorizontalHeaderLabels(list(COLUMNS))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        self.verdicts: dict[Path, str] = {}
        self.form.backupButton.clicked.connect(self.back_up_now)
        self.form.usbButton.clicked.connect(self.back_up_to_usb)
        self.form.checkButton.clicked.connect(self.check_selected)
        self.form.restoreButton.clicked.connect(self.restore_selected)
        self.form.otherButton.clicked.connect(self.restore_other)
        table.itemSelectionChanged.connect(self._update_buttons)
        resize_within(self, 760, 520)
        self.reload()

    # --- the list ----------------------------------------------------------------------------
    def reload(self) -> None:
        self.backups = archive.list_backups(self.folder)
        table = self.form.table
        table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            cells = (f"{info.created:%Y-%m-%d %H:%M:%S}", _size_text(info.size),
                     f"{info.audit_entries} 条", f"{info.attachment_count} 个",
                     self.verdicts.get(info.path, "未检查"))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, str(info.path))
                item.setToolTip(str(info.path))
                table.setItem(row, column, item)
        if self.backups:
            table.selectRow(0)
        self.form.listLabel.setText(f"已有的备份（{len(self.backups)} 份，最新的在前）" if self.backups
                                    else "还没有备份。点“立即备份”做第一份。")
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.form.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.form.checkButton.setEnabled(chosen)
        self.form.restoreButton.setEnabled(chosen)

    def _say(self, text: str) -> None:
        self.form.resultLabel.setText(text)

    # --- making backups ----------------------------------------------------------------------
    def back_up_now(self) -> None:
        self.ctx.worker.run(self, "正在备份", backup_task(self.db_path), self._backed_up)

    def back_up_to_usb(self) -> None:
        folder = file_dialogs.choose_folder(self, "backup", "选择U盘或备份文件夹")
        if not folder:
            return
        self.ctx.worker.run(self, "正在备份到U盘", backup_task(self.db_path, folder),
                            self._backed_up)

    def _backed_up(self, info: BackupInfo) -> None:
        self._say(f"已备份：{info.describe()}\n备份文件：{info.path}")
        self.reload()

    # --- checking ----------------------------------------------------------------------------
    def check_selected(self) -> None:
        info = self.selected()
        if info is None:
            return

        def checked(problem: str | None) -> None:
            self.verdicts[info.path] = "完好" if problem is None else f"损坏：{problem}"
            self._say(f"{info.path.name}：{self.verdicts[info.path]}")
            self.reload()

        self.ctx.worker.run(self, "正在检查备份", lambda p: integrity.verify_backup(info.path), checked)

    # --- restoring ---------------------------------------------------------------------------
    def restore_selected(self) -> None:
        info = self.selected()
        if info is not None:
            self.restore(info.path)

    def restore_other(self) -> None:
        path = file_dialogs.open_file(self, "backup", "选择备份文件（如U盘上的备份）", "实录备份 (*.zip)")
        if path:
            self.restore(path)

    def restore(self, backup: Path) -> None:
        """Ask, close the ledger, restore on the worker, reopen (the restored one or, if the
        backup was refused, the unchanged old one)."""
        try:
            described = archive.read_info(backup).describe()
        except archive.BackupError as exc:
            QMessageBox.warning(self, "无法恢复", str(exc))
            return
        answer = QMessageBox.question(
            self, "从备份恢复",
            f"将用这份备份替换当前账本：\n{described}\n\n备份之后录入的内容将不在恢复后的账本中；"
            f"当前账本会改名保留在 {self.db_path.parent}。\n确定恢复吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor = self.ctx.store.actor
        self.ctx.worker.wait_idle()
        self.ctx.store.close()
        self.ctx.worker.run(self, "正在从备份恢复", restore_task(backup, self.db_path, actor),
                            self._restored, cancellable=False, on_failed=self._restore_failed)

    def _restored(self, outcome) -> None:
        result, store = outcome
        self.ctx.store = store
        self._say(result.describe())
        QMessageBox.information(self, "已恢复", f"{result.describe()}\n账本已重新打开。")
        self.reload()
        self.restored.emit(result)

    def _restore_failed(self, message: str) -> None:
        actor = self.ctx.store.actor
        self.ctx.store = open_store(self.db_path, actor)
        self._say(message)
        QMessageBox.warning(self, "没有恢复", message)


def _size_text(size: int) -> str:
    return f"{size / (1 << 20):.1f} MB" if size >= 1 << 20 else f"{max(1, size // 1024)} KB"


def open_over(page: QWidget, ctx: AppContext) -> BackupDialog:
    """Open the dialog over a page: the page refreshes when it closes, and after a restore the
    window's title follows the restored ledger (it may name another organisation)."""
    dialog = BackupDialog(ctx, page)
    dialog.finished.connect(lambda _: page.refresh())
    dialog.restored.connect(lambda _: _retitle(page.window()))
    dialog.open()
    return dialog


def _retitle(window: QWidget) -> None:
    if hasattr(window, "update_title"):
        window.update_title()
