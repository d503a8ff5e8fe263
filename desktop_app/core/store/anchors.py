"""Anchors: copies of the audit chain's head (entry count and last hash) kept outside the ledger.

The chain inside the ledger proves only that its entries link up; whoever can rewrite the file can
also recompute every hash, or cut the last entries off. An anchor written elsewhere at a known
time — beside the ledger (`ledger.sqlite.anchors`, one JSON line each), in every backup's
manifest, in every bundle sent upstream — fixes the head as it was then: a later ledger must
still hold that entry with that hash. `compare` says where it does not.

Shape of a line: {"entries": 128, "head": "<64 hex>", "source": "备份 shilu-backup-….zip",
"at": "2026-03-01T17:00:00"}.
"""
from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

MAX_LINE = 4096


@dataclass(frozen=True)
class Anchor:
    entries: int
    head: str | None
    source: str
    at: str           # ISO local time the head was taken


def anchor_file(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.name}.anchors")


def record(db_path: Path, entries: int, head: str | None, source: str,
           at: datetime | None = None) -> bool:
    """Append an anchor beside the ledger (fsynced); False if the place takes no writes (a
    read-only stick): an anchor is extra evidence, never a reason to fail the work it follows."""
    line = json.dumps(asdict(Anchor(entries, head, source,
                                    (at or datetime.now()).isoformat(timespec="seconds"))),
                      ensure_ascii=False)
    try:
        with open(anchor_file(db_path), "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        return False
    return True


def listed(db_path: Path) -> list[Anchor]:
    """The anchors recorded beside the ledger, oldest first; unreadable lines are skipped."""
    try:
        lines = anchor_file(db_path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    found = []
    for line in lines:
        if len(line) > MAX_LINE:
            continue
        try:
            data = json.loads(line)
            entries, head = data["entries"], data["head"]
            if type(entries) is int and entries >= 0 and (head is None or isinstance(head, str)):
                found.append(Anchor(entries, head, str(data["source"]), str(data["at"])))
        except (ValueError, KeyError, TypeError):
            continue
    return found


def compare(conn: sqlite3.Connection, anchors: list[Anchor]) -> list[str]:
    """What the ledger's chain contradicts, newest anchor first (Chinese, one sentence each):
    fewer entries than an anchor saw (truncated), or another hash at its position (history
    rewritten or forked)."""
    count = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    problems = []
    for anchor in sorted(anchors, key=lambda a: (a.at, a.entries), reverse=True):
        seen = f"{anchor.source}（{anchor.at.replace('T', ' ')}）"
        if anchor.entries > count:
            problems.append(f"审计链被截断：{seen}时已有 {anchor.entries} 条审计记录，"
                            f"账本现在只有 {count} 条，末尾 {anchor.entries - count} 条连同其改动被删除了。")
        elif anchor.entries:
            row = conn.execute("SELECT hash FROM audit_log ORDER BY id LIMIT 1 OFFSET ?",
                               [anchor.entries - 1]).fetchone()
            if row[0] != anchor.head:
                problems.append(f"审计历史被改写：第 {anchor.entries} 条审计记录的哈希与{seen}"
                                "记下的不同（记录被改动后重算了哈希，或账本换成了另一份分叉的副本）。")
    return problems
