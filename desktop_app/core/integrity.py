"""Opening a ledger safely, one way for the app and the command line: say what is wrong and offer
the right remedy.

A damaged ledger is never opened for writing and never replaced by a new empty one: the caller
gets a `LedgerDamaged` with a diagnosis in Chinese, and may restore the offered backup or set the
damaged file aside (kept, renamed) before starting afresh. A missing file is created only when the
caller asks (`create=True`: `--create`, the first-run wizard, `demo`). A sound ledger on a
read-only location (write-protected stick) or a full disk is not damaged: it is diagnosed as
`read_only` / `disk_full`, and can be opened read-only or copied elsewhere — never "restored over".
"""
from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from desktop_app.core import durable
from desktop_app.core.backup import archive
from desktop_app.core.backup.archive import BackupError, BackupInfo
from desktop_app.core.store import Store, StoreError, audit, migrations, open_store

SQLITE_HEADER = b"SQLite format 3\x00"
MAX_PROBLEMS = 20
MIN_FREE_BYTES = 2 << 20     # below this a write (WAL, a checkpoint) is likely to hit a full disk
# Kinds where the file itself is sound: a backup is not the remedy.
SOUND_KINDS = ("ok", "newer_schema", "read_only", "disk_full")


@dataclass(frozen=True)
class LedgerCheck:
    """The outcome of checking one ledger file. `kind` is one of: ok, missing, empty,
    not_a_database, not_a_ledger, malformed, integrity, newer_schema, audit — and for a sound file
    in a bad place: read_only (write-protected location), disk_full. `readable` says whether a
    read-only opening shows everything (False when a -wal could not be folded in)."""
    kind: str
    message: str
    schema_version: int = 0
    audit_entries: int = 0
    audit_head: str | None = None
    readable: bool = True

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
        kind = self.check.kind
        if self.check.ok or kind == "newer_schema":
            return self.check.message
        if kind == "read_only":
            offer = ("可以只读打开查看；要修改，请先复制到本机（如：shilu --db 此文件 backup create "
                     "-o 本机文件夹，再从该备份恢复到本机的账本）。" if self.check.readable else
                     "只读位置上还有未并入账本的改动（-wal 文件），只读打开会看不到它们："
                     "请把账本连同 -wal 文件一起复制到本机后再打开。")
            return f"{self.check.message}\n{offer}"
        if kind == "disk_full":
            return (f"{self.check.message}\n请先清理磁盘空间（至少留出 {MIN_FREE_BYTES >> 20} MB），"
                    "再打开账本；也可以先只读打开查看。账本本身完好，不需要从备份恢复。")
        if kind == "missing":
            head = f"{self.check.message}如要在这里新建账本，请加 --create（或在程序里新建）。"
            if self.backup is None:
                return head
            return (f"{head}\n找到最近一份完好的备份（{self.backup.describe()}），"
                    "如果账本被误删或移走，可以从它恢复。")
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


def check_file(path: Path, thorough: bool = True, placement: bool = True,
               scan: bool = True) -> LedgerCheck:
    """Check a ledger file without changing it: SQLite header, integrity_check, schema, audit chain.

    `thorough=False` runs `PRAGMA quick_check` and skips the audit walk: about a second on a
    300-member, 10-year ledger where the full check takes 10–20 s (see bench/bench_backup.py), for
    opening the window at once and running the thorough check on the worker afterwards.
    `scan=False` (with thorough=False) skips quick_check too, for a command that only reads and
    prints: SQLite reports any damaged page it reads as an error, and nothing is written. It also
    leaves `audit_entries` at 0: counting reads the whole audit table (78 MB of that ledger's
    130 MB: 30 ms from the OS cache, far longer from a cold disk) and such a command never uses it."""
    path = Path(path)
    name = path.name
    try:
        if not path.exists():
            return LedgerCheck("missing", f"找不到账本文件 {path}。")
        if path.stat().st_size == 0:
            return LedgerCheck("empty", f"账本文件 {name} 是空的（0 字节），里面没有任何记录"
                               "（如果是误建的空文件，删除它后可以用 --create 新建账本）。")
        with open(path, "rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return LedgerCheck("not_a_database", f"{name} 不是账本文件（不是 SQLite 数据库），"
                                   "可能被其他文件覆盖或已严重损坏。")
    except OSError as exc:
        return LedgerCheck("unreadable", f"无法读取账本文件 {path}：{durable.describe_error(exc)}。")
    writable = location_writable(path)
    try:
        conn = read_connection(path, writable)
    except sqlite3.Error as exc:
        return LedgerCheck("malformed", f"无法读取账本文件 {name}：{exc}。")
    try:
        check = _check_open(conn, name, thorough, scan)
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            return LedgerCheck("not_a_database", f"{name} 不是账本文件，或文件开头已损坏。")
        detail = "文件不完整或内容被破坏" if "malformed" in str(exc) else f"数据库结构损坏：{exc}"
        return LedgerCheck("malformed", f"账本文件 {name} 已损坏（{detail}）。")
    finally:
        conn.close()
    return _placed(path, check, writable) if placement else check


def location_writable(path: Path) -> bool:
    """Whether the ledger and its folder take writes: a probe file, not os.access (which says yes
    for root on a write-protected mount's files and for folders on Windows)."""
    path = Path(path)
    if path.exists() and not os.access(path, os.W_OK):
        return False
    try:
        with tempfile.TemporaryFile(dir=path.parent, prefix=f".{path.name}.probe-"):
            pass
    except OSError as exc:
        return exc.errno == errno.ENOSPC  # a full disk is writable in principle
    return True


def disk_full(path: Path) -> bool:
    return shutil.disk_usage(Path(path).parent).free < MIN_FREE_BYTES


def read_connection(path: Path, writable: bool) -> sqlite3.Connection:
    """A connection that cannot change the file. On a read-only location SQLite cannot make the
    -shm it needs for a WAL ledger (and retries for ever), so the file is opened immutable."""
    mode = "mode=ro" if writable else "mode=ro&immutable=1"
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?{mode}", uri=True)


def _placed(path: Path, check: LedgerCheck, writable: bool) -> LedgerCheck:
    """A sound ledger in a place that will not take writes: read-only or full."""
    if not check.ok:
        return check
    name = path.name
    if not writable:
        wal = Path(f"{path}-wal")
        readable = not (wal.exists() and wal.stat().st_size > 0)
        return replace(check, kind="read_only", readable=readable, message=(
            f"账本 {name} 完好，但它所在的位置是只读的（如写保护的 U 盘或只读共享文件夹），"
            "不能在那里修改。"))
    free = shutil.disk_usage(path.parent).free
    if disk_full(path):
        return replace(check, kind="disk_full", message=(
            f"账本 {name} 完好，但所在磁盘已满（只剩 {free // 1024} KB），现在修改会失败。"))
    return check


def _check_open(conn: sqlite3.Connection, name: str, thorough: bool,
                scan: bool = True) -> LedgerCheck:
    pragma = "integrity_check" if thorough else "quick_check"
    problems = ([row[0] for row in conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})")]
                if thorough or scan else ["ok"])
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
        entries = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] if scan else 0
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
    with tempfile.TemporaryDirectory(prefix=f"shilu-verify-{os.getpid()}-") as staging:
        try:
            info = archive.unpack(Path(path), Path(staging))
        except BackupError as exc:
            return str(exc)
        return backup_ledger_problem(info, Path(staging) / archive.LEDGER_NAME)


def backup_ledger_problem(info: BackupInfo, ledger: Path) -> str | None:
    """Why the unpacked ledger of a backup is not fit to restore, or None."""
    check = check_file(ledger, placement=False)
    if not check.ok:
        return f"备份 {info.path.name} 不能用来恢复：{check.message}"
    if (check.audit_entries, check.audit_head) != (info.audit_entries, info.audit_head):
        return f"备份 {info.path.name} 的账本与其清单不符（审计记录数或末条哈希不同），不能用来恢复。"
    return None


def diagnose(db_path: Path, backups: Path | None = None, thorough: bool = True,
             checked: LedgerCheck | None = None) -> Diagnosis:
    """Check the ledger (unless `checked` is its check_file outcome already) and, if it is not
    sound, find the newest good backup to offer."""
    db_path = Path(db_path)
    check = checked or check_file(db_path, thorough)
    folder = backups or archive.default_folder(db_path)
    if check.kind in SOUND_KINDS:  # a newer program, a writable place: a backup is not the remedy
        return Diagnosis(db_path, check, None)
    return Diagnosis(db_path, check, newest_good_backup(folder))


def open_ledger(db_path: Path, actor: str, backups: Path | None = None, thorough: bool = True, *,
                create: bool = False, read_only: bool = False, writer=None,
                checked: LedgerCheck | None = None) -> Store:
    """Open a ledger for work after checking it.

    `create`: make a new ledger if there is no file (only when the user asked for one).
    `read_only`: a sound ledger on a read-only location or a full disk is opened read-only
    instead of refused. `writer`: the single-writer guard for the store (the command line's).
    `checked`: the file's check_file outcome when already known (start-up runs it on the worker). Raises `LedgerDamaged` (with its diagnosis) otherwise."""
    db_path = Path(db_path)
    folder = backups or archive.default_folder(db_path)
    if create and not db_path.exists():
        if not db_path.parent.is_dir():
            raise StoreError(f"文件夹 {db_path.parent} 不存在，无法在那里新建账本。")
        return open_store(db_path, actor, writer=writer)
    diagnosis = diagnose(db_path, folder, thorough, checked)
    kind = diagnosis.check.kind
    if read_only and kind in ("read_only", "disk_full") and diagnosis.check.readable:
        if diagnosis.check.schema_version < migrations.latest_version():
            raise StoreError(f"{diagnosis.check.message}\n这个账本由旧版本的实录建立，需要先升级结构，"
                             "只读打开做不到：请先复制到本机。")
        return open_store(db_path, actor, read_only=True, immutable=kind == "read_only")
    if not diagnosis.check.ok:
        raise LedgerDamaged(diagnosis)
    return open_store(db_path, actor, writer=writer)


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
