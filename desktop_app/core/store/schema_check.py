"""Is the ledger's schema the one its migrations make? Tables, indexes and — above all — the
triggers that keep the audit log append-only: dropping them is the first step of rewriting history.

The reference is built by running the same migrations on an empty in-memory database, so it
follows every new migration without a hand-kept list.
"""
from __future__ import annotations

import re
import sqlite3

from desktop_app.core.store import migrations

KIND_WORDS = {"table": "表", "index": "索引", "trigger": "触发器", "view": "视图"}
PROTECTING = {"audit_log_no_update", "audit_log_no_delete"}


def _objects(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master "
                        "WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL").fetchall()
    return {(kind, name): re.sub(r"\s+", " ", sql).strip() for kind, name, sql in rows}


def reference(version: int) -> dict[tuple[str, str], str]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrations.upgrade(conn, up_to=version)
        return _objects(conn)
    finally:
        conn.close()


def problems(conn: sqlite3.Connection) -> list[str]:
    """Every difference from the migrations' schema at the ledger's version, in Chinese."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > migrations.latest_version():
        return []           # made by a newer program: it knows its own schema
    expected, actual = reference(version), _objects(conn)
    found = []
    for (kind, name), sql in sorted(expected.items()):
        label = f"{KIND_WORDS.get(kind, kind)} {name}"
        if (kind, name) not in actual:
            why = "（审计日志的防改删保护被去掉了）" if name in PROTECTING else ""
            found.append(f"缺少{label}{why}。")
        elif actual[(kind, name)] != sql:
            found.append(f"{label} 的定义与本软件的不同（被改动过）。")
    for kind, name in sorted(set(actual) - set(expected)):
        found.append(f"多出{KIND_WORDS.get(kind, kind)} {name}（不是本软件建立的）。")
    return found
