"""The append-only, hash-chained audit log.

Each entry records who, when, which table and row, the action, the row before and after (as
canonical JSON), an optional correction reason, the previous entry's hash and its own SHA-256.
`verify` walks the chain, then checks that every audited table still holds exactly what the
chain says it should: an edit made with raw SQL behind the store's back is found either way.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

from desktop_app.core.store.canonical import canonical_json

GENESIS = "0" * 64
COLUMNS = ("id", "ts", "actor", "table_name", "row_id", "action", "before", "after", "reason",
           "prev_hash", "hash")


def _entry_hash(entry: dict) -> str:
    fields = {k: entry[k] for k in
              ("id", "ts", "actor", "table_name", "row_id", "action", "before", "after", "reason",
               "prev_hash")}
    return hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()


def append(conn: sqlite3.Connection, actor: str, table: str, row_id: int, action: str,
           before: dict | None, after: dict | None, reason: str | None) -> None:
    entry = _chain(_last(conn), actor, table, row_id, action, before, after, reason)
    _write(conn, [tuple(entry[c] for c in COLUMNS)])


def append_inserts(conn: sqlite3.Connection, actor: str, table: str, rows: list[dict],
                   reason: str | None) -> None:
    """One entry per inserted row, chained in order and written in one statement (bulk inserts).
    The same entries `append` would write one by one at the same second: only the hashing is
    quicker (`_insert_hash_text`), which matters at 40,000 entries for a 20,000-person roster."""
    last = _last(conn)
    number, prev = last if last else (0, GENESIS)
    ts = datetime.now(timezone.utc).isoformat(timespec="seconds")
    hash_text = _insert_hash_text(actor, table, reason, ts)
    entries = []
    for row in rows:
        number += 1
        after = canonical_json(row)
        digest = hashlib.sha256(hash_text(number, row["id"], after, prev).encode("utf-8")).hexdigest()
        entries.append((number, ts, actor, table, row["id"], "insert", None, after, reason, prev,
                        digest))
        prev = digest
    _write(conn, entries)


def _insert_hash_text(actor: str, table: str, reason: str | None, ts: str):
    """`canonical_json` of an insert entry's hashed fields, as a function of what varies from
    row to row: the fields that stay the same are encoded once, in the sorted key order
    canonical JSON uses (action, actor, after, before, id, prev_hash, reason, row_id,
    table_name, ts). Equal to `canonical_json` of the fields dict (tests/core/test_audit_batch.py)."""
    head = f'{{"action":"insert","actor":{canonical_json(actor)},"after":'
    middle = f',"reason":{canonical_json(reason)},"row_id":'
    tail = f',"table_name":{canonical_json(table)},"ts":{canonical_json(ts)}}}'

    def text(number: int, row_id: int, after: str, prev_hash: str) -> str:
        return (f'{head}{canonical_json(after)},"before":null,"id":{number},'
                f'"prev_hash":"{prev_hash}"{middle}{row_id}{tail}')
    return text


def head(store) -> tuple[int, str]:
    """The chain head for anchors: (number of entries, hash of the last one; GENESIS if none)."""
    return head_of(store.conn)


def head_of(conn: sqlite3.Connection) -> tuple[int, str]:
    count = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    last = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return count, last[0] if last else GENESIS


def _last(conn: sqlite3.Connection) -> tuple[int, str] | None:
    return conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()


def _chain(last, actor, table, row_id, action, before, after, reason) -> dict:
    entry = {
        "id": (last[0] + 1) if last else 1,
        "ts": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "actor": actor,
        "table_name": table,
        "row_id": row_id,
        "action": action,
        "before": None if before is None else canonical_json(before),
        "after": None if after is None else canonical_json(after),
        "reason": reason,
        "prev_hash": last[1] if last else GENESIS,
    }
    entry["hash"] = _entry_hash(entry)
    return entry


def _write(conn: sqlite3.Connection, entries: list[tuple]) -> None:
    """Entries as tuples in COLUMNS order."""
    if entries:
        conn.executemany(f"INSERT INTO audit_log ({', '.join(COLUMNS)}) "
                         f"VALUES ({', '.join('?' for _ in COLUMNS)})", entries)


@dataclass
class VerifyResult:
    ok: bool
    entries: int
    message: str
    broken_entry: int | None = None


def verify(conn: sqlite3.Connection) -> VerifyResult:
    """Walk the chain from the start; report the first broken link or tampered row."""
    conn_rows = conn.execute("SELECT * FROM audit_log ORDER BY id")
    columns = [c[0] for c in conn_rows.description]
    prev = GENESIS
    expected_state: dict[tuple[str, int], tuple[int, str | None]] = {}
    count = 0
    for values in conn_rows:
        entry = dict(zip(columns, values))
        count += 1
        if entry["prev_hash"] != prev:
            return VerifyResult(False, count, f"审计链在第 {entry['id']} 条断开：前一条的哈希对不上"
                                "（有记录被删除或插入）。", entry["id"])
        if _entry_hash(entry) != entry["hash"]:
            return VerifyResult(False, count, f"审计链第 {entry['id']} 条的内容被改动过"
                                "（哈希不符）。", entry["id"])
        prev = entry["hash"]
        expected_state[(entry["table_name"], entry["row_id"])] = (entry["id"], entry["after"])
    problem = _check_state(conn, expected_state)
    if problem:
        return VerifyResult(False, count, problem[1], problem[0])
    return VerifyResult(True, count, f"审计链完整：{count} 条记录，数据与日志一致。")


UNAUDITED_PREFIXES = ("sqlite_", "derived_")


def audited_tables(conn: sqlite3.Connection) -> list[str]:
    """Every ledger table. Derived caches (prefix `derived_`, full-text indexes) are rebuilt from
    the ledger, so they are not audited."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    return sorted(
        name for name, _ in rows
        if name != "audit_log" and not name.startswith(UNAUDITED_PREFIXES)
        and name not in virtual and not any(name.startswith(v + "_") for v in virtual)
    )


def _check_state(conn, expected: dict[tuple[str, int], tuple[int, str | None]]):
    """Compare every audited table with the last `after` the chain holds for each row. A row is
    first compared as canonical JSON text (the common case); only a difference is looked at field
    by field, so columns added by a later migration do not count as tampering."""
    by_table: dict[str, list[tuple[int, int, str | None]]] = {}
    for (table, row_id), (entry_id, after) in expected.items():
        by_table.setdefault(table, []).append((entry_id, row_id, after))
    for table in audited_tables(conn):
        cursor = conn.execute(f"SELECT * FROM [{table}]")
        columns = [c[0] for c in cursor.description]
        if "id" not in columns:
            return None, f"表 {table} 没有 id 列：它不是本软件建立的，或结构被改动过。"
        actual = {row[columns.index("id")]: dict(zip(columns, row)) for row in cursor}
        for entry_id, row_id, after in sorted(by_table.get(table, []), key=lambda e: e[0]):
            row = actual.pop(row_id, None)
            if after is None and row is not None:
                return entry_id, f"{table} 第 {row_id} 条已在审计第 {entry_id} 条删除，却又出现在账本中。"
            if after is not None and row is None:
                return entry_id, f"{table} 第 {row_id} 条被绕过审计删除（最后记录于审计第 {entry_id} 条）。"
            if after is None or canonical_json(row) == after:
                continue
            changed = [k for k, v in json.loads(after).items() if row.get(k) != v]
            if changed:
                return entry_id, (f"{table} 第 {row_id} 条被绕过审计修改（字段：{', '.join(changed)}；"
                                  f"最后记录于审计第 {entry_id} 条）。")
        if actual:
            row_id = min(actual)
            return None, f"{table} 第 {row_id} 条没有审计记录（绕过账本写入）。"
    return None
