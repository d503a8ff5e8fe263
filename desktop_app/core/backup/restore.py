"""Restoring a backup: check everything first, replace last, and keep what was replaced.

Order matters. The backup is unpacked beside the ledger, its hashes, `PRAGMA integrity_check` and
audit chain are checked, its attachments are copied in (content-addressed: nothing is
overwritten) — and only then is the live ledger copied aside as
`ledger.sqlite.replaced-YYYYMMDD-HHMMSS` and the checked file renamed over it in one step.
A damaged backup is refused before anything is touched.

The caller closes its store first and holds the instance lock. A reader that does not take the
lock (a command that only reads) still has the file open: before anything is replaced, the live
ledger is locked EXCLUSIVE, which SQLite grants only to its sole user — so a restore refuses while
another program has the ledger open, and never deletes a -wal/-shm in use.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from desktop_app.core import durable, integrity
from desktop_app.core.backup import archive
from desktop_app.core.backup.archive import ATTACHMENTS, KEYS, LEDGER_NAME, BackupError, BackupInfo

# progress(step, steps): unpack, check, attachments, replace.
Progress = Callable[[int, int], None]
STEPS = 4


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    replaced: Path | None
    attachments_added: int

    def describe(self) -> str:
        kept = f"原账本已保存为 {self.replaced.name}。" if self.replaced else ""
        return f"已从备份恢复（{self.info.describe()}）。{kept}"


def restore_backup(backup_path: Path, db_path: Path, *, attachments_dir: Path | None = None,
                   progress: Progress | None = None, now: datetime | None = None) -> RestoreResult:
    """Replace the ledger at `db_path` with a checked backup; raise BackupError (Chinese) if refused."""
    backup_path, db_path = Path(backup_path), Path(db_path)
    report = progress or (lambda step, steps: None)
    if not db_path.parent.is_dir():
        raise BackupError(f"账本所在的文件夹 {db_path.parent} 不存在。")
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{db_path.name}.restore-{os.getpid()}-",
                                        dir=db_path.parent))
    except OSError as exc:
        raise BackupError(f"无法在 {db_path.parent} 中准备恢复：{durable.describe_error(exc)}。") from exc
    try:
        try:
            info = archive.unpack(backup_path, staging)
            report(1, STEPS)
            problem = integrity.backup_ledger_problem(info, staging / LEDGER_NAME)
            if problem:
                raise BackupError(problem)
            report(2, STEPS)
            added = _add_attachments(staging / ATTACHMENTS,
                                     attachments_dir or archive.default_attachments_dir())
            _add_keys(staging, db_path)
            report(3, STEPS)
            _take_sole_use(db_path)
            replaced = _keep_live(db_path, now or datetime.now())
        except BackupError as exc:
            raise BackupError(f"{exc}现有账本没有任何改动。") from exc
        except OSError as exc:
            raise BackupError(f"恢复没有完成：{durable.describe_error(exc)}。现有账本没有任何改动。") from exc
        _put_in_place(staging / LEDGER_NAME, db_path)
        report(4, STEPS)
        return RestoreResult(info, replaced, added)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _add_attachments(unpacked: Path, attachments_dir: Path) -> int:
    """Copy in every attachment the data dir lacks; existing ones have the same content by name."""
    if not unpacked.is_dir():
        return 0
    added = 0
    for source in sorted(unpacked.rglob("*")):
        target = attachments_dir / source.relative_to(unpacked)
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            with durable.write_atomically(target) as temp:
                shutil.copyfile(source, temp)
            added += 1
    return added


def _add_keys(staging: Path, db_path: Path) -> None:
    """Put the backed-up signing key (still encrypted) back where the restored ledger looks for
    it; a key already there is the same ledger's and is left alone."""
    from desktop_app.core.bundle import keys
    unpacked = staging / KEYS
    if not unpacked.is_dir():
        return
    identity = keys.ledger_identity(staging / LEDGER_NAME)
    if identity is None:
        return
    folder = keys.folder_of(db_path, identity)
    if keys.has_key(folder):
        return
    folder.mkdir(parents=True, exist_ok=True)
    for name, mode in ((keys.PUBLIC_NAME, durable.FILE_MODE), (keys.PRIVATE_NAME, 0o600)):
        if (unpacked / name).is_file():
            with durable.write_atomically(folder / name, mode=mode) as temp:
                shutil.copyfile(unpacked / name, temp)


def _take_sole_use(db_path: Path) -> None:
    """Take an exclusive lock, which only a sole user gets: refuse while another program has the
    ledger open. Closing as its last user folds the WAL into the file, so the kept copy stands
    alone. A damaged file that SQLite cannot lock is kept as it is (with its -wal): nobody can
    have it open for work, the app refuses to open it."""
    if not db_path.exists():
        return
    try:
        conn = sqlite3.connect(db_path, timeout=0, isolation_level=None)
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise BackupError(f"账本 {db_path.name} 正被另一个程序打开（如另一个实录窗口或命令），"
                              "请先关闭它再恢复。") from exc
    except sqlite3.Error:
        pass


def _keep_live(db_path: Path, now: datetime) -> Path | None:
    """Copy the live ledger (with any WAL it still has) to a dated name beside it."""
    if not db_path.exists():
        return None
    kept = db_path.with_name(f"{db_path.name}.replaced-{now:%Y%m%d-%H%M%S}")
    serial = 1
    while kept.exists():  # two restores within a second must not overwrite the first kept copy
        serial += 1
        kept = db_path.with_name(f"{db_path.name}.replaced-{now:%Y%m%d-%H%M%S}-{serial}")
    for suffix in ("", "-wal"):
        source = Path(f"{db_path}{suffix}")
        if source.exists() and (suffix == "" or source.stat().st_size):
            with durable.write_atomically(Path(f"{kept}{suffix}")) as temp:
                shutil.copyfile(source, temp)
    return kept


def _put_in_place(checked: Path, db_path: Path) -> None:
    """Drop the old WAL (it belongs to the old file and is kept beside the copy), then one rename."""
    try:
        for suffix in ("-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        with open(checked, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(checked, db_path)
        durable.fsync_dir(db_path.parent)
    except OSError as exc:
        raise BackupError(f"恢复没有完成：{durable.describe_error(exc)}（账本是否正被打开？）。"
                          f"原账本的副本在 {db_path.parent}。") from exc
