"""The automatic backups: once a day while the app is open, and when the window closes, each
only if the ledger changed since the newest backup (core.backup's `due_backup`). They run on the
worker; closing waits for the exit backup behind a progress dialog, then closes for real."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.core.backup import create
from desktop_app.ui.backup_tasks import backup_task
from desktop_app.ui.context import AppContext

CHECK_EVERY_MS = 60 * 60 * 1000    # a PC left on overnight still gets its daily backup


class AutoBackup(QObject):
    backed_up = Signal()        # a backup has finished (the home page shows the newest)

    def __init__(self, ctx: AppContext, window: QWidget):
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.closing = False
        self.job = None
        window.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.run_if_due)
        self.timer.start(CHECK_EVERY_MS)

    def db_path(self) -> Path | None:
        return Path(self.ctx.store.path) if self.ctx.store.path else None

    def run_if_due(self, on_exit: bool = False) -> bool:
        """Start a backup when one is due; True if it was started."""
        path = self.db_path()
        if path is None or self.ctx.store.read_only or self.job is not None \
                or not create.due_backup(path, on_exit=on_exit):
            return False
        title = "正在备份账本（退出前）" if on_exit else "正在做今天的自动备份"
        self.job = self.ctx.worker.run(self.window, title, backup_task(path))
        self.job.finished.connect(self._finished)
        return True

    def _finished(self) -> None:
        self.job = None
        self.backed_up.emit()
        if self.closing:
            self.window.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and not self.closing:
            self.closing = True
            if self.job is not None or self.run_if_due(on_exit=True):
                event.ignore()      # closes again when the backup has finished
                return True
        return super().eventFilter(watched, event)
