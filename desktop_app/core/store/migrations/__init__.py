"""Numbered schema migrations: `m0001_*.py`, `m0002_*.py`, … each with `migrate(conn)`.

`PRAGMA user_version` holds the number of the last applied migration. Opening an older ledger
applies the missing ones in order, each in its own transaction. Migrations change the schema
only; a migration that must change audited rows does so through the store.
"""
from __future__ import annotations

import importlib
import pkgutil
import sqlite3



def available() -> list[tuple[int, str]]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            found.append((int(info.name[1:5]), info.name))
    return sorted(found)


def latest_version() -> int:
    return available()[-1][0]


def upgrade(conn: sqlite3.Connection, up_to: int | None = None) -> int:
    """Apply the missing migrations (up to `up_to`, default all); return the version reached."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > latest_version():
        raise sqlite3.DatabaseError(
            f"账本由更新版本的实录创建（结构版本 {current}），请先升级本软件")
    for number, name in available():
        if number <= current or (up_to is not None and number > up_to):
            continue
        module = importlib.import_module(f"{__name__}.{name}")
        conn.execute("BEGIN IMMEDIATE")
        try:
            module.migrate(conn)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return conn.execute("PRAGMA user_version").fetchone()[0]


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run a multi-statement script inside the caller's transaction (executescript would commit)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            conn.execute(buffer)
            buffer = ""
