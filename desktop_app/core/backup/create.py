"""Making a backup while the ledger is open: SQLite's online backup API, then one zip written durably.

The copy is taken through a separate read connection, so the app can keep its store open; the
zip is written through `durable.write_atomically`, so a full disk or a pulled USB stick leaves
nothing under the final name. "Back up to USB" is `create_backup(db, usb_folder)`; the daily and
on-exit backups are `automatic_backup(db)`, which also prunes by the rotation.

A backup never makes things worse: the copy must pass `quick_check` and the audit walk before it is
written (a damaged ledger gets no backup that could push a good one out of the rotation), and the
rotation never deletes the newest backup holding the most audit entries. Every backup's chain head
is also recorded as an anchor beside the ledger (store/anchors.py).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Callable

from desktop_app.core import durable, integrity
from desktop_app.core.backup import archive, rotation
from desktop_app.core.backup.archive import (ATTACHMENTS, KEYS, LEDGER_NAME, MANIFEST, BackupError,
                                             BackupInfo)
from desktop_app.core.store import anchors, audit
from desktop_app.core.store.connection import worded_sqlite_error

# progress(done, total): bytes copied so far of the ledger and attachments together.
Progress = Callable[[int, int], None]
PAGES_PER_STEP = 512
BUSY_STEPS = 40             # steps allowed beyond the page count (each waits 0.25 s when busy)
STAGING_PREFIX = "shilu-backup-"
LEFTOVER_AGE_SECONDS = 10 * 60   # a temp file untouched this long belongs to a killed process
# Caches made again on demand from the attachments (meetings.attachments.thumbnail): not backed up.
DERIVED_FOLDERS = ("thumbs",)


def create_backup(db_path: Path, destination: Path, *, attachments_dir: Path | None = None,
                  progress: Progress | None = None, now: datetime | None = None) -> BackupInfo:
    """Back up the ledger and its attachments into `destination` (a folder, or a .zip path)."""
    db_path = Path(db_path)
    created = (now or datetime.now()).replace(microsecond=0)
    target = Path(destination)
    if target.suffix.lower() != ".zip":
        target = target / archive.file_name(created)
    if not db_path.is_file():
        raise BackupError(f"找不到账本文件 {db_path}，无法备份。")
    if not target.parent.is_dir():
        raise BackupError(f"备份位置 {target.parent} 不存在（U 盘是否已拔出？）。")
    attachments = _attachment_files(attachments_dir or archive.default_attachments_dir())
    attachments.update(_key_files(db_path))
    report = progress or (lambda done, total: None)
    try:
        with tempfile.TemporaryDirectory(prefix=f"{STAGING_PREFIX}{os.getpid()}-") as staging:
            snapshot = Path(staging) / LEDGER_NAME
            summary = _snapshot(db_path, snapshot, attachments, report)
            manifest = _manifest(created, summary, snapshot, attachments)
            with durable.write_atomically(target) as temp:
                _write_zip(temp, snapshot, attachments, manifest, summary["total"], report)
    except durable.ExportWriteError as exc:
        raise BackupError(f"备份没有完成：{exc}。已有的账本没有任何改动。") from exc
    except OSError as exc:
        raise BackupError(f"备份没有完成：{durable.describe_error(exc)}。已有的账本没有任何改动。") from exc
    info = archive.read_info(target)
    anchors.record(db_path, info.audit_entries, info.audit_head, f"备份 {target}", created)
    return info


def automatic_backup(db_path: Path, *, attachments_dir: Path | None = None,
                     progress: Progress | None = None, now: datetime | None = None) -> BackupInfo:
    """The daily / on-exit backup into the ledger's own backup folder, then prune by the rotation."""
    folder = archive.default_folder(db_path)
    if Path(db_path).is_file():
        folder.mkdir(exist_ok=True)
    info = create_backup(db_path, folder, attachments_dir=attachments_dir, progress=progress, now=now)
    prune(folder)
    return info


def prune(folder: Path) -> list[Path]:
    """Delete the automatic backups that the rotation does not keep; return what was deleted.
    The newest backup with the most audit entries is always kept: a ledger cut short (or
    restored from an old copy) must not push the fuller history out."""
    by_stamp = {}
    for entry in Path(folder).iterdir():
        match = archive.NAME_PATTERN.match(entry.name)
        if match:
            by_stamp[datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")] = entry
    fullest = _fullest(by_stamp)
    deleted = []
    for stamp in rotation.to_delete(by_stamp):
        if stamp == fullest:
            continue
        by_stamp[stamp].unlink(missing_ok=True)
        deleted.append(by_stamp[stamp])
    return deleted


def _fullest(by_stamp: dict[datetime, Path]) -> datetime | None:
    """The stamp of the newest readable backup holding the most audit entries."""
    best = None
    for stamp, path in by_stamp.items():
        try:
            entries = archive.read_info(path).audit_entries
        except BackupError:
            continue
        if best is None or (entries, stamp) > best:
            best = (entries, stamp)
    return best[1] if best else None


def clean_leftovers(db_path: Path) -> list[Path]:
    """Remove what killed backups and restores left behind: staging folders in the temp dir
    (plaintext copies of the ledger) whose process is gone, restore staging beside the ledger, and
    half-written backup files in the backup folder untouched for ten minutes. Returns what went."""
    db_path = Path(db_path)
    removed = []
    pid_named = re.compile(r"^(?:shilu-backup-|shilu-verify-|\." + re.escape(db_path.name)
                           + r"\.restore-)(\d+)-")
    for folder in (Path(tempfile.gettempdir()), db_path.parent):
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            match = pid_named.match(entry.name)
            if match and entry.is_dir() and not _pid_exists(int(match.group(1))):
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry)
    backups = archive.default_folder(db_path)
    for part in (backups.glob(".shilu-backup-*.part") if backups.is_dir() else ()):
        try:
            if time.time() - part.stat().st_mtime > LEFTOVER_AGE_SECONDS:
                part.unlink()
                removed.append(part)
        except OSError:
            continue
    return removed


def _pid_exists(pid: int) -> bool:
    import psutil   # here, not at the top: every command cleans leftovers, few find any
    return psutil.pid_exists(pid)


def due_backup(db_path: Path, *, on_exit: bool = False, now: datetime | None = None) -> bool:
    """Whether the automatic backup should run now: never when nothing changed since the newest
    backup; otherwise on exit, or when the newest backup is from an earlier day (at most daily)."""
    db_path = Path(db_path)
    if not db_path.is_file():
        return False
    backups = archive.list_backups(archive.default_folder(db_path))
    if not backups:
        return True
    newest = backups[0]
    try:
        entries, head = _audit_head_of(db_path)
    except sqlite3.Error:
        return False        # a ledger that cannot be read is not backed up over a good backup
    if (entries, head) == (newest.audit_entries, newest.audit_head):
        return False
    return on_exit or newest.created.date() < (now or datetime.now()).date()


def _audit_head_of(db_path: Path) -> tuple[int, str | None]:
    conn = integrity.read_connection(db_path, integrity.location_writable(db_path))
    try:
        return _audit_head(conn)
    finally:
        conn.close()


def _audit_head(conn: sqlite3.Connection) -> tuple[int, str | None]:
    count = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    head = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return count, head[0] if head else None


def _attachment_files(folder: Path) -> dict[str, Path]:
    """Every attachment file, by its name inside the backup (`attachments/…`, forward slashes)."""
    if not folder.is_dir():
        return {}
    return {f"{ATTACHMENTS}/{path.relative_to(folder).as_posix()}": path
            for path in sorted(folder.rglob("*"))
            if path.is_file() and path.relative_to(folder).parts[0] not in DERIVED_FOLDERS}


class _TooManySteps(Exception):
    pass


def _snapshot(db_path: Path, snapshot: Path, attachments: dict[str, Path], report: Progress) -> dict:
    """Copy the live ledger page by page into `snapshot` in a bounded number of steps, check the
    copy (quick_check and the audit walk), and read its schema and audit head."""
    extra = sum(path.stat().st_size for path in attachments.values())
    try:
        source = _source(db_path, snapshot.parent)
    except sqlite3.Error as exc:
        raise BackupError(f"无法读取账本 {db_path.name}：{exc}。") from exc
    target = sqlite3.connect(snapshot)
    try:
        page_size = source.execute("PRAGMA page_size").fetchone()[0]
        limit = source.execute("PRAGMA page_count").fetchone()[0] // PAGES_PER_STEP + BUSY_STEPS
        steps = 0

        def on_pages(status, remaining, total):
            nonlocal steps
            steps += 1
            if steps > limit:
                raise _TooManySteps
            report((total - remaining) * page_size, total * page_size + extra)

        source.backup(target, pages=PAGES_PER_STEP, progress=on_pages)
        problem = _unfit(target)
        if problem:
            raise BackupError(f"账本 {db_path.name} 没有通过备份前的检查：{problem}"
                              "没有做这次备份，已有的备份都保持不动。请运行 shilu audit verify 检查账本。")
        entries, head = _audit_head(target)
        summary = {"schema_version": target.execute("PRAGMA user_version").fetchone()[0],
                   "audit_entries": entries, "audit_head": head}
    except _TooManySteps as exc:
        raise BackupError(f"账本 {db_path.name} 一直被另一个程序改动或锁住，复制不完，备份没有完成。"
                          "请稍后再试。") from exc
    except sqlite3.OperationalError as exc:
        raise BackupError(f"备份没有完成：{worded_sqlite_error(exc, db_path)}") from exc
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"无法读取账本 {db_path.name}：{exc}。账本可能已损坏，请先检查账本。") from exc
    finally:
        target.close()
        source.close()
    summary["total"] = snapshot.stat().st_size + extra
    return summary


def _source(db_path: Path, staging: Path) -> sqlite3.Connection:
    """A read connection to the ledger. On a read-only location (write-protected stick) or a full
    disk SQLite cannot make or grow the -shm a WAL ledger needs (it waits for ever, or fails with
    an I/O error): the file and its -wal are copied into the staging folder first and read there."""
    if integrity.location_writable(db_path) and not integrity.disk_full(db_path):
        return sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    copy = staging / "source.sqlite"
    shutil.copyfile(db_path, copy)
    wal = Path(f"{db_path}-wal")
    if wal.exists():
        shutil.copyfile(wal, f"{copy}-wal")
    return sqlite3.connect(copy)


def _unfit(copy: sqlite3.Connection) -> str | None:
    """Why a fresh copy may not become a backup: damaged pages or a broken audit chain."""
    pages = [row[0] for row in copy.execute("PRAGMA quick_check(5)")]
    if pages != ["ok"]:
        return f"文件有损坏的数据页（{pages[0]}）。"
    walked = audit.verify(copy)
    return None if walked.ok else walked.message


def _key_files(db_path: Path) -> dict[str, Path]:
    """The ledger's signing key (still passphrase-encrypted) and its public half, if made."""
    from desktop_app.core.bundle import keys
    folder = keys.existing_key_folder(db_path)
    if folder is None:
        return {}
    return {f"{KEYS}/{name}": folder / name for name in (keys.PRIVATE_NAME, keys.PUBLIC_NAME)
            if (folder / name).is_file()}


def _manifest(created: datetime, summary: dict, snapshot: Path, attachments: dict[str, Path]) -> dict:
    files = {LEDGER_NAME: archive.sha256_of(snapshot)}
    files.update({name: archive.sha256_of(path) for name, path in attachments.items()})
    return {
        "format": archive.FORMAT,
        "format_version": archive.FORMAT_VERSION,
        "created": created.isoformat(),
        "schema_version": summary["schema_version"],
        "audit_entries": summary["audit_entries"],
        "audit_head": summary["audit_head"],
        "files": files,
    }


def _write_zip(temp: Path, snapshot: Path, attachments: dict[str, Path], manifest: dict,
               total: int, report: Progress) -> None:
    done = snapshot.stat().st_size
    with zipfile.ZipFile(temp, "w", allowZip64=True) as bundle:
        bundle.write(snapshot, LEDGER_NAME, compress_type=zipfile.ZIP_DEFLATED)
        report(done, total)
        for name, path in attachments.items():  # photos and scans are compressed already
            bundle.write(path, name, compress_type=zipfile.ZIP_STORED)
            done += path.stat().st_size
            report(done, total)
        bundle.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1),
                        compress_type=zipfile.ZIP_DEFLATED)
