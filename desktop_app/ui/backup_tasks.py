"""Backup work for the worker: make a backup, check one, restore one and open the result.

Shared by the backup dialog (the open ledger is closed before a restore) and the damaged-ledger
dialog at start-up (nothing is open). The core checks a backup's hashes, integrity and audit
chain before it replaces anything, and keeps the replaced file beside it. Its `BackupError`
messages are already Chinese sentences, so they are passed on as `StoreError`, which the worker
shows as they are.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from desktop_app.core import integrity
from desktop_app.core.backup import create, restore
from desktop_app.core.backup.archive import BackupError, BackupInfo
from desktop_app.core.backup.restore import RestoreResult
from desktop_app.core.store import Store, StoreError
from desktop_app.ui.worker import Progress

STEP_TEXT = {1: "已解开备份，正在检查", 2: "备份完好，正在复制附件", 3: "正在替换账本", 4: "已恢复，正在打开"}


@contextmanager
def _worded():
    try:
        yield
    except BackupError as exc:
        raise StoreError(str(exc)) from exc


def _kilobytes(progress: Progress):
    """core.backup reports bytes; the worker's dialog wants (done, total, text)."""
    return lambda done, total: progress(done // 1024, max(total // 1024, 1), "")


def backup_task(db_path: Path, destination: Path | None = None):
    """The rotated backup beside the ledger, or one into `destination` (a USB folder)."""
    def task(progress: Progress) -> BackupInfo:
        with _worded():
            if destination is None:
                return create.automatic_backup(db_path, progress=_kilobytes(progress))
            return create.create_backup(db_path, destination, progress=_kilobytes(progress))
    return task


def restore_task(backup: Path, db_path: Path, actor: str):
    """Restore, then open the restored ledger: (RestoreResult, Store)."""
    def task(progress: Progress) -> tuple[RestoreResult, Store]:
        with _worded():
            result = restore.restore_backup(
                backup, db_path,
                progress=lambda step, steps: progress(step, steps + 1, STEP_TEXT.get(step, "")))
        return result, integrity.open_ledger(db_path, actor)
    return task
