"""Opening a ledger safely: say what is wrong with a damaged file and offer the newest good backup.

A damaged ledger is never opened for writing and never replaced by a new empty one: the caller
gets a `LedgerDamaged` with a diagnosis in Chinese, and may restore the offered backup or set the
damaged file aside (kept, renamed) before starting afresh.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.core.backup import archive
from desktop_app.core.backup.archive import BackupError, BackupInfo
from desktop_app.core.store import Store, StoreError, audit, migrations, open_store

SQLITE_HEADER = b"SQLite format 3\x00"
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class LedgerCheck:
    """The outcome of checking one ledger file. `kind` is one of: ok, missing, empty,
    not_a_database, not_a_ledger, malformed, integrity, newer_schema, audit."""
    kind: str
    message: str
    schema_version: int = 0
    audit_entries: int = 0
    audit_head: str | None = None

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


@dataclass(frozen=True)
class Diagnosis:
    path: Path
    check: LedgerCheck
    backup: BackupInfo | None

    @property
    def message(self) -> str:
        if self.check.ok or self.check.kind == "newer_schema":
            return self.check.message
        if self.backup is None:
            offer = "没有找到可用的备份。如有 U 盘上的备份，可以从那里恢复。"
        else:
            offer = (f"找到最近一份完好的备份（{self.backup.describe()}），可以从它恢复；"
                     "损坏的文件会改名保留，不会删除。")
        return f"{self.check.message}\n{offer}"


class LedgerDamaged(StoreError):
    """The ledger cannot be opened safely; `diagnosis` says why and which backup to offer."""

    def __init__(self, diagnosis: Diagnosis):
        super().__init__(diagnosis.message)
        self.diagnosis = diagnosis


def check_file(path: Path, thorough: bool = True) -> LedgerCheck:
    """Check a ledger file without changing it: SQLite header, integrity_check, schema, audit chain.

    `thorough=False` runs `PRAGMA quick_check` and skips the audit walk: about a second on a
    300-member, 10-year ledger where the full check takes 10–20 s (see bench/bench_backup.py), for
    opening the window at once and running the thorough check on the worker afterwards."""
    path = Path(path)
    name = path.name
    if not path.exists():
        return LedgerCheck("missing", f"找不到账本文件 {path}。")
    if path.stat().st_size == 0:
        return LedgerCheck("empty", f"账本文件 {name} 是空的（0 字节），里面没有任何记录。")
    with open(path, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return LedgerCheck("not_a_database", f"{name} 不是账本文件（不是 SQLite 数据库），"
                               "可能被其他文件覆盖或已严重损坏。")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return LedgerCheck("malformed", f"无法读取账本文件 {name}：{exc}。")
    try:
        return _check_open(conn, name, thorough)
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            return LedgerCheck("not_a_database", f"{name} 不是账本文件，或文件开头已损坏。")
        detail = "文件不完整或内容被破坏" if "malformed" in str(exc) else f"数据库结构损坏：{exc}"
        return LedgerCheck("malformed", f"账本文件 {name} 已损坏（{detail}）。")
    finally:
        conn.close()


def _check_open(conn: sqlite3.Connection, name: str, thorough: bool) -> LedgerCheck:
    pragma = "integrity_check" if thorough else "quick_check"
    problems = [row[0] for row in conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})")]
    if problems != ["ok"]:
        count = f"至少 {MAX_PROBLEMS}" if len(problems) >= MAX_PROBLEMS else f" {len(problems)}"
        return LedgerCheck("integrity", f"账本文件 {name} 未通过完整性检查（发现{count} 处问题，"
                           f"例如：{problems[0]}）。")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return LedgerCheck("empty", f"账本文件 {name} 里没有任何数据表。")
    if version == 0 or "audit_log" not in tables:
        return LedgerCheck("not_a_ledger", f"{name} 是一个数据库，但不是实录账本。")
    if version > migrations.latest_version():
        return LedgerCheck("newer_schema", f"账本 {name} 由更新版本的实录创建（结构版本 {version}），"
                           "请先升级本软件。")
    head = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    if not thorough:
        entries = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        return LedgerCheck("ok", f"账本 {name} 结构完好（快速检查）。", version, entries, head and head[0])
    result = audit.verify(conn)
    if not result.ok:
        return LedgerCheck("audit", f"账本 {name} 被绕过审计改动过：{result.message}",
                           version, result.entries, head and head[0])
    return LedgerCheck("ok", f"账本 {name} 完好：{result.message}", version, result.entries,
                       head and head[0])


def newest_good_backup(folder: Path) -> BackupInfo | None:
    """The newest backup in `folder` whose files match its manifest and whose ledger checks ok."""
    for info in archive.list_backups(folder):
        if verify_backup(info.path) is None:
            return info
    return None


def verify_backup(path: Path) -> str | None:
    """None if the backup is good; otherwise why not (Chinese)."""
    with tempfile.TemporaryDirectory(prefix="shilu-verify-") as staging:
        try:
            info = archive.unpack(Path(path), Path(staging))
        except BackupError as exc:
            return str(exc)
        return backup_ledger_problem(info, Path(staging) / archive.LEDGER_NAME)


def backup_ledger_problem(info: BackupInfo, ledger: Path) -> str | None:
    """Why the unpacked ledger of a backup is not fit to restore, or None."""
    check = check_file(ledger)
    if not check.ok:
        return f"备份 {info.path.name} 不能用来恢复：{check.message}"
    if (check.audit_entries, check.audit_head) != (info.audit_entries, info.audit_head):
        return f"备份 {info.path.name} 的账本与其清单不符（审计记录数或末条哈希不同），不能用来恢复。"
    return None


def diagnose(db_path: Path, backups: Path | None = None, thorough: bool = True) -> Diagnosis:
    """Check the ledger and, if it is not sound, find the newest good backup to offer."""
    db_path = Path(db_path)
    check = check_file(db_path, thorough)
    folder = backups or archive.default_folder(db_path)
    if check.ok or check.kind == "newer_schema":  # a newer program is the remedy, not a backup
        return Diagnosis(db_path, check, None)
    return Diagnosis(db_path, check, newest_good_backup(folder))


def open_ledger(db_path: Path, actor: str, backups: Path | None = None, thorough: bool = True) -> Store:
    """Open a ledger for work, creating it only when there is neither a file nor any backup."""
    db_path = Path(db_path)
    folder = backups or archive.default_folder(db_path)
    if not db_path.exists() and not archive.list_backups(folder):
        return open_store(db_path, actor)
    diagnosis = diagnose(db_path, folder, thorough)
    if not diagnosis.check.ok:
        raise LedgerDamaged(diagnosis)
    return open_store(db_path, actor)


def set_aside(db_path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged ledger (and its -wal/-shm) out of the way, so nothing is lost; return the new name."""
    db_path = Path(db_path)
    stamp = f"{now or datetime.now():%Y%m%d-%H%M%S}"
    kept = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{db_path}{suffix}")
        if source.exists():
            os.replace(source, f"{kept}{suffix}")
    return kept
