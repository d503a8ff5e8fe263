"""Opening the ledger at start-up: a damaged file is never opened and never replaced by an empty
ledger. The secretary is told what is wrong, in Chinese, and offered the newest good backup
(restore, then open) or another backup, for instance from a USB stick. A sound ledger that cannot
take writes where it is (a write-protected stick, a full disk) is not called damaged: the offer is
to open it read-only, or to copy it to this PC / free some space."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.core import integrity
from desktop_app.core.backup import archive
from desktop_app.core.integrity import Diagnosis, LedgerDamaged
from desktop_app.core.store import Store, StoreError
from desktop_app.ui import file_dialogs
from desktop_app.ui.forms import load_form
from desktop_app.ui.backup_tasks import restore_task
from desktop_app.ui.worker import Worker


def open_or_recover(db_path: Path, actor: str, worker: Worker, on_open: Callable[[Store], None],
                    parent: QWidget | None = None,
                    checked: integrity.LedgerCheck | None = None) -> "DamagedLedgerDialog | None":
    """Open a sound ledger and hand it to `on_open`; for a damaged one, show the dialog (not
    modal-blocking) and return it: `on_open` follows a successful restore.

    Start-up runs SQLite's quick check only: the full audit walk takes seconds on a ten-year
    ledger, and `shilu audit verify`, backups and restores run it. `checked`: that check's outcome
    when start-up ran it already (on the worker, ui.opening)."""
    first_run = not Path(db_path).exists() and not archive.list_backups(archive.default_folder(db_path))
    try:
        store = integrity.open_ledger(db_path, actor, thorough=False, create=first_run,
                                      checked=checked)
    except LedgerDamaged as exc:
        dialog = DamagedLedgerDialog(exc.diagnosis, actor, worker, parent)
        dialog.opened.connect(on_open)
        dialog.open()
        return dialog
    on_open(store)
    return None


PLACE_KINDS = ("read_only", "disk_full", "busy")
PLACE_OFFERS = {
    "busy": "账本本身没有问题，不需要恢复。请等另一个程序（如正在进行的恢复）完成后，再重新打开实录。",
    "read_only": "账本本身完好，不需要恢复。可以只读打开查看和导出；要修改，请先把账本文件"
                 "（连同同名的 -wal 文件，如有）复制到本机，再打开本机上的那份。",
    "disk_full": "账本本身完好，不需要恢复。请先清理这块磁盘（删除不用的文件、清空回收站），"
                 "再重新打开实录；也可以先只读打开查看。",
}


def plain_message(diagnosis: Diagnosis) -> str:
    """The core's message, without SQLite's own page-by-page report (kept in the tooltip)."""
    check = diagnosis.check
    if check.kind == "integrity":
        return f"账本文件 {diagnosis.path.name} 未通过完整性检查：文件内容已损坏，不能再使用。"
    return check.message


class DamagedLedgerDialog(QDialog):
    opened = Signal(object)     # the restored, opened Store

    def __init__(self, diagnosis: Diagnosis, actor: str, worker: Worker,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.diagnosis = diagnosis
        self.actor = actor
        self.worker = worker
        self.form = load_form("damaged_ledger", self)
        self.form.problemLabel.setText(f"{plain_message(diagnosis)}\n文件：{diagnosis.path}")
        self.form.problemLabel.setToolTip(diagnosis.check.message)
        backup = diagnosis.backup
        in_place = diagnosis.check.kind in PLACE_KINDS
        self.form.readOnlyButton.setVisible(in_place and diagnosis.check.readable
                                            and diagnosis.check.kind != "busy")
        self.form.otherButton.setVisible(not in_place)
        self.form.readOnlyButton.clicked.connect(self.open_read_only)
        if in_place:
            self.form.titleLabel.setText("账本正被另一个程序使用" if diagnosis.check.kind == "busy"
                                         else "账本完好，但现在不能在这里修改")
            offer = PLACE_OFFERS[diagnosis.check.kind]
            if not diagnosis.check.readable:
                offer += "（这个位置上还有未并入账本的改动，只读打开会看不到它们，请先复制到本机。）"
            self.form.offerLabel.setText(offer)
        elif backup is None:
            self.form.offerLabel.setText(
                "在备份文件夹中没有找到完好的备份。如有U盘上的备份，请点“选择其他备份”。"
                "损坏的文件不会被删除，也不会被空账本覆盖。")
        else:
            self.form.offerLabel.setText(
                f"找到最近一份完好的备份：{backup.describe()}。\n恢复后会打开它；备份之后录入的内容"
                f"需要补录。损坏的文件会改名保留在原文件夹中，不会删除。")
        self.form.restoreButton.setVisible(backup is not None)
        self.form.resultLabel.hide()
        self.form.restoreButton.clicked.connect(lambda: self.restore(backup.path))
        self.form.otherButton.clicked.connect(self.choose_other)
        self.form.quitButton.clicked.connect(self.reject)

    def text(self) -> str:
        """What the dialog says, top to bottom (for tests and screen readers alike)."""
        return "\n".join(label.text() for label in
                         (self.form.titleLabel, self.form.problemLabel, self.form.offerLabel))

    def choose_other(self) -> None:
        path = file_dialogs.open_file(self, "backup", "选择备份文件（如U盘上的备份）", "实录备份 (*.zip)")
        if path:
            self.restore(path)

    def open_read_only(self) -> None:
        try:
            store = integrity.open_ledger(self.diagnosis.path, self.actor, thorough=False,
                                          read_only=True)
        except StoreError as exc:
            self.form.resultLabel.setText(f"没有打开：{exc}")
            self.form.resultLabel.show()
            return
        self.accept()
        self.opened.emit(store)

    def restore(self, backup: Path) -> None:
        self.form.resultLabel.hide()
        self.worker.run(self, "正在从备份恢复", restore_task(backup, self.diagnosis.path, self.actor),
                        self._restored, cancellable=False, on_failed=self._failed)

    def _restored(self, outcome) -> None:
        _, store = outcome
        self.accept()
        self.opened.emit(store)

    def _failed(self, message: str) -> None:
        self.form.resultLabel.setText(f"没有恢复：{message}")
        self.form.resultLabel.show()
