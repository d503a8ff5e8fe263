"""The store: one SQLite connection, one transaction helper, and every write audited.

Every insert, update and delete of ledger data goes through `Store.insert/update/delete`,
which appends to the hash-chained audit log in the same transaction (see `audit.py`).
Rows dated inside a period already submitted upstream are sealed: changing them needs a reason
and is recorded as a correction, never a silent rewrite.
"""
from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from itertools import groupby
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Protocol

from desktop_app.core.errors import WordedError
from desktop_app.core.store import audit, migrations, sealing


class StoreError(WordedError):
    """A problem with the ledger file, worded for the secretary (Chinese)."""


class SealedPeriodError(StoreError):
    """A write to a sealed period without a correction reason."""


class LedgerUnavailable(StoreError):
    """The ledger took no write at all (in use, busy, full disk, read-only): nothing changed, and
    callers pass it on as it is rather than rewording it as a conflict of their own."""


class WriterGuard(Protocol):
    """What a store asks before its first write: `ensure()` takes the ledger's single-writer lock
    (raising a worded StoreError if another program has it), `release()` gives it back on close."""
    def ensure(self) -> None: ...
    def release(self) -> None: ...


BUSY_TIMEOUT_SECONDS = 10


def worded_sqlite_error(exc: sqlite3.Error, path: Path | str | None) -> StoreError:
    """SQLite's English (full disk, locked, read-only, damaged page, I/O) as a Chinese sentence:
    a damaged page is a StoreError; the rest mean the ledger took nothing (LedgerUnavailable)."""
    text = str(exc).lower()
    name = Path(path).name if path else "账本"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return StoreError(f"读取账本 {name} 时遇到损坏的数据页，操作已停止，没有给出不完整的结果。"
                          "请运行 shilu audit verify 检查，或从备份恢复。")
    if "full" in text:
        message = f"磁盘已满，账本 {name} 没有写入任何内容。请清理磁盘空间（或换一个位置）后再试。"
    elif "locked" in text or "busy" in text:
        message = (f"账本 {name} 正被另一个程序写入，等了 {BUSY_TIMEOUT_SECONDS} 秒仍未轮到，"
                   "本次没有写入任何内容。请稍后再试。")
    elif "readonly" in text or "read-only" in text:
        message = (f"账本 {name} 所在的位置是只读的（如写保护的 U 盘或只读共享文件夹），"
                   "不能修改。可以复制到本机后再修改。")
    elif "disk i/o" in text:
        message = f"读写账本 {name} 时出错（磁盘或 U 盘是否已拔出？），操作已停止。"
    else:
        return StoreError(f"账本 {name} 操作失败：{exc}")
    return LedgerUnavailable(message)


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path | None, actor: str,
                 writer: WriterGuard | None = None, read_only: bool = False):
        self.conn = conn
        self._db = None
        self.path = path
        self.actor = actor
        self.writer = writer
        self.read_only = read_only
        # The 更正原因 of the command or dialog now writing (`correcting`): writes without a
        # reason of their own carry it, so a correction needs no reason threaded through every call.
        self.correction_reason: str | None = None
        self._lock = threading.RLock()

    @property
    def db(self):
        """The sqlite-utils view of the connection, made on first write: importing sqlite-utils
        costs a quarter of start-up, and the window shows before anything is written."""
        if self._db is None:
            import sqlite_utils
            self._db = sqlite_utils.Database(self.conn)
        return self._db

    # --- reading -----------------------------------------------------------------------------
    def query(self, sql: str, params: Iterable[Any] | dict = ()) -> list[dict]:
        """All rows or a worded StoreError: a damaged page never yields part of a table."""
        columns, rows = self._fetch(sql, params)
        return [dict(zip(columns, row)) for row in rows]

    def tuples(self, sql: str, params: Iterable[Any] | dict = (),
               each: Callable[[tuple], Any] | None = None) -> list:
        """As `query`, each row a plain tuple in the SELECT's order: for the reads of thousands of
        rows where a dict per row shows (the roster page's reload). `each(row)`, if given, makes
        what is kept of each row as it is read, so no plain row outlives its turn: 3,000 held at
        once cost the roster's reload several milliseconds of garbage collection."""
        return self._fetch(sql, params, each)[1]

    def _fetch(self, sql: str, params, each=None) -> tuple[list[str], list]:
        with self._lock:
            try:
                cursor = self.conn.execute(sql, params)
                rows = cursor.fetchall() if each is None else [each(row) for row in cursor]
                return [c[0] for c in cursor.description or ()], rows
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError) and "no such" in str(exc):
                    raise       # a programming error, not the file's
                raise worded_sqlite_error(exc, self.path) from exc

    def query_one(self, sql: str, params: Iterable[Any] | dict = ()) -> dict | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def get(self, table: str, row_id: int) -> dict:
        row = self.query_one(f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
        if row is None:
            raise StoreError(f"找不到记录：{table} 第 {row_id} 条")
        return row

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.query_one("SELECT value FROM settings WHERE key = ?", [key])
        return row["value"] if row else default

    # --- writing -----------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """All writes inside commit together or not at all; nested blocks use savepoints.

        The outermost block first takes the ledger's writer lock (the CLI's guard; the app holds
        the lock all along), then BEGIN IMMEDIATE: the write lock is taken up front, so a second
        writer waits up to the busy timeout instead of failing half-way. SQLite's own errors
        (full disk, locked, read-only) come out as worded StoreErrors, the transaction rolled back."""
        with self._lock:
            if self.conn.in_transaction:
                with self.db.atomic():
                    yield self
                return
            if self.read_only:
                raise LedgerUnavailable("账本是只读打开的（只读位置或磁盘已满），不能修改。"
                                        "可以复制到本机后再修改。")
            if self.writer is not None:
                self.writer.ensure()
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            except sqlite3.OperationalError as exc:
                if "no such" in str(exc) or "syntax" in str(exc):
                    raise
                raise worded_sqlite_error(exc, self.path) from exc

    @contextmanager
    def correcting(self, reason: str | None) -> Iterator["Store"]:
        """Writes inside carry `reason` (the 更正原因) unless they give their own."""
        previous, self.correction_reason = self.correction_reason, (reason or "").strip() or None
        try:
            yield self
        finally:
            self.correction_reason = previous

    def insert(self, table: str, row: dict, reason: str | None = None) -> int:
        reason = reason or self.correction_reason
        with self.transaction():
            self._check_sealed(table, None, row, reason)
            cursor = self.conn.execute(
                f"INSERT INTO [{table}] ({', '.join(f'[{k}]' for k in row)}) "
                f"VALUES ({', '.join('?' for _ in row)})",
                list(row.values()),
            )
            row_id = cursor.lastrowid
            after = self.get(table, row_id)
            audit.append(self.conn, self.actor, table, row_id, "insert", None, after, reason)
            return row_id

    def insert_many(self, table: str, rows: Iterable[dict], reason: str | None = None) -> list[int]:
        """`insert` for each row, in one transaction, audited in the same order (bulk writers:
        demo ledgers, imports). The seal is read once; each run of rows with the same columns is
        one `executemany`, and the stored rows are read back by id: inside the transaction every
        id above the old largest one is a row just inserted, in insertion order. The ledger
        picks the ids, so a row naming its own "id" is a programming error (ValueError)."""
        rows = list(rows)
        if any("id" in row for row in rows):
            raise ValueError("insert_many: the ledger picks the ids")
        reason = reason or self.correction_reason
        with self.transaction():
            if not reason and self.sealed_through():
                for row in rows:
                    self._check_sealed(table, None, row, reason)
            last = self.conn.execute(f"SELECT coalesce(max(id), 0) FROM [{table}]").fetchone()[0]
            for columns, run in groupby(rows, key=lambda row: tuple(row)):
                self.conn.executemany(
                    f"INSERT INTO [{table}] ({', '.join(f'[{k}]' for k in columns)}) "
                    f"VALUES ({', '.join('?' for _ in columns)})",
                    [tuple(row.values()) for row in run])
            cursor = self.conn.execute(f"SELECT * FROM [{table}] WHERE id > ? ORDER BY id", [last])
            names = [c[0] for c in cursor.description]
            stored = [dict(zip(names, values)) for values in cursor]
            if len(stored) != len(rows):
                raise StoreError(f"批量写入 {table} 后读回 {len(stored)} 条，应为 {len(rows)} 条，"
                                 "已撤销本次写入。")
            audit.append_inserts(self.conn, self.actor, table, stored, reason)
        return [row["id"] for row in stored]

    def update(self, table: str, row_id: int, changes: dict, reason: str | None = None) -> dict:
        reason = reason or self.correction_reason
        with self.transaction():
            before = self.get(table, row_id)
            self._check_sealed(table, before, changes, reason)
            if all(before.get(k) == v for k, v in changes.items()):
                return before
            self.conn.execute(
                f"UPDATE [{table}] SET {', '.join(f'[{k}] = ?' for k in changes)} WHERE id = ?",
                [*changes.values(), row_id],
            )
            after = self.get(table, row_id)
            audit.append(self.conn, self.actor, table, row_id, "update", before, after, reason)
            return after

    def delete(self, table: str, row_id: int, reason: str | None = None) -> None:
        reason = reason or self.correction_reason
        with self.transaction():
            before = self.get(table, row_id)
            self._check_sealed(table, before, {}, reason)
            self.conn.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
            audit.append(self.conn, self.actor, table, row_id, "delete", before, None, reason)

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            row = self.query_one("SELECT id FROM settings WHERE key = ?", [key])
            if row:
                self.update("settings", row["id"], {"value": value})
            else:
                self.insert("settings", {"key": key, "value": value})

    # --- sealing -----------------------------------------------------------------------------
    def seal_through(self, period_end: str, note: str) -> None:
        """Mark everything dated on or before `period_end` as submitted upstream."""
        self.insert("seals", {"period_end": period_end, "note": note})

    def sealed_through(self) -> str | None:
        row = self.query_one("SELECT max(period_end) AS d FROM seals")
        return row["d"] if row else None

    def _check_sealed(self, table: str, before: dict | None, changes: dict, reason: str | None):
        if reason:
            return
        sealed = self.sealed_through()
        if not sealed:
            return
        if any(d <= sealed for d in sealing.row_dates(self, table, before, changes)):
            raise SealedPeriodError(
                f"{sealed} 及以前的记录已报送上级并封存，修改只能作为更正，并须填写更正原因。"
            )

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            if self.writer is not None:
                self.writer.release()


def open_store(path: str | Path | None, actor: str = "书记", *, writer: WriterGuard | None = None,
               read_only: bool = False, immutable: bool = False) -> Store:
    """Open (creating or upgrading) a ledger. `None` gives an in-memory ledger for tests.

    `read_only` opens without writing anything (a full disk); with `immutable` too for a
    read-only location (write-protected stick), where SQLite cannot make the -shm a WAL needs."""
    target = ":memory:" if path is None else str(path)
    try:
        if read_only:
            uri = f"{Path(target).resolve().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_SECONDS)
        conn.execute("PRAGMA foreign_keys = ON")
        if path is not None and not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            migrations.upgrade(conn)
        elif path is None:
            migrations.upgrade(conn)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and any(
                word in str(exc).lower() for word in ("full", "locked", "readonly", "disk i/o")):
            raise worded_sqlite_error(exc, path) from exc
        raise StoreError(f"无法打开账本文件 {target}：{exc}。文件可能已损坏，请从备份恢复。") from exc
    return Store(conn, None if path is None else Path(path), actor, writer, read_only)
