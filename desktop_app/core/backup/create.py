"""Making a backup while the ledger is open: SQLite's online backup API, then one zip written durably.

The copy is taken through a separate read connection, so the app can keep its store open; the
zip is written through `durable.write_atomically`, so a full disk or a pulled USB stick leaves
nothing under the final name. "Back up to USB" is `create_backup(db, usb_folder)`; the daily and
on-exit backups are `automatic_backup(db)`, which also prunes by the rotation.
"""
from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Callable

from desktop_app.core import durable
from desktop_app.core.backup import archive, rotation
from desktop_app.core.backup.archive import ATTACHMENTS, LEDGER_NAME, MANIFEST, BackupError, BackupInfo

# progress(done, total): bytes copied so far of the ledger and attachments together.
Progress = Callable[[int, int], None]
PAGES_PER_STEP = 512
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
    report = progress or (lambda done, total: None)
    try:
        with tempfile.TemporaryDirectory(prefix="shilu-backup-") as staging:
            snapshot = Path(staging) / LEDGER_NAME
            summary = _snapshot(db_path, snapshot, attachments, report)
            manifest = _manifest(created, summary, snapshot, attachments)
            with durable.write_atomically(target) as temp:
                _write_zip(temp, snapshot, attachments, manifest, summary["total"], report)
    except durable.ExportWriteError as exc:
        raise BackupError(f"备份没有完成：{exc}。已有的账本没有任何改动。") from exc
    except OSError as exc:
        raise BackupError(f"备份没有完成：{durable.describe_error(exc)}。已有的账本没有任何改动。") from exc
    return archive.read_info(target)


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
    """Delete the automatic backups that the rotation does not keep; return what was deleted."""
    by_stamp = {}
    for entry in Path(folder).iterdir():
        match = archive.NAME_PATTERN.match(entry.name)
        if match:
            by_stamp[datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")] = entry
    deleted = []
    for stamp in rotation.to_delete(by_stamp):
        by_stamp[stamp].unlink(missing_ok=True)
        deleted.append(by_stamp[stamp])
    return deleted


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
    entries, head = _audit_head_of(db_path)
    if (entries, head) == (newest.audit_entries, newest.audit_head):
        return False
    return on_exit or newest.created.date() < (now or datetime.now()).date()


def _audit_head_of(db_path: Path) -> tuple[int, str | None]:
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
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


def _snapshot(db_path: Path, snapshot: Path, attachments: dict[str, Path], report: Progress) -> dict:
    """Copy the live ledger page by page into `snapshot`; read its schema and audit head."""
    extra = sum(path.stat().st_size for path in attachments.values())
    source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(snapshot)
    try:
        page_size = source.execute("PRAGMA page_size").fetchone()[0]

        def on_pages(status, remaining, total):
            report((total - remaining) * page_size, total * page_size + extra)

        source.backup(target, pages=PAGES_PER_STEP, progress=on_pages)
        entries, head = _audit_head(target)
        summary = {"schema_version": target.execute("PRAGMA user_version").fetchone()[0],
                   "audit_entries": entries, "audit_head": head}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"无法读取账本 {db_path.name}：{exc}。账本可能已损坏，请先检查账本。") from exc
    finally:
        target.close()
        source.close()
    summary["total"] = snapshot.stat().st_size + extra
    return summary


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
