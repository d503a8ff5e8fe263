"""`audit verify` in full: is this ledger the honest continuation of what was anchored?

Four checks, each reported in Chinese: SQLite's `integrity_check` (damaged pages, broken
indexes), the schema and its append-only triggers against the migrations, the hash chain walked
against every table, and the chain against the newest anchors outside the ledger (the anchor file
beside it and the manifests of the backups in its backup folder).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.backup import archive
from desktop_app.core.store import anchors, audit, schema_check

MAX_PROBLEMS = 20


@dataclass
class LedgerReport:
    entries: int = 0
    anchors_seen: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        if self.ok:
            return (f"审计链完整：{self.entries} 条记录，数据与日志一致；完整性检查通过；结构与触发器"
                    f"无改动；与 {self.anchors_seen} 个外部锚点（备份、报送记录）一致。")
        return "账本未通过审计校验：\n" + "\n".join(f"  - {p}" for p in self.problems)


def known_anchors(db_path: Path | None) -> list[anchors.Anchor]:
    """The anchor file beside the ledger plus the head in each backup manifest beside it."""
    if db_path is None:
        return []
    found = anchors.listed(db_path)
    for info in archive.list_backups(archive.default_folder(db_path)):
        found.append(anchors.Anchor(info.audit_entries, info.audit_head,
                                    f"备份 {info.path.name}", info.created.isoformat()))
    return found


def check(conn: sqlite3.Connection, db_path: Path | None) -> LedgerReport:
    report = LedgerReport()
    try:
        pages = [row[0] for row in conn.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})")]
    except sqlite3.DatabaseError as exc:
        report.problems.append(f"完整性检查无法进行：账本文件已损坏（{exc}）。")
        return report
    if pages != ["ok"]:
        report.problems.append(f"完整性检查发现 {len(pages)} 处问题（文件或索引已损坏），例如：{pages[0]}")
    report.problems += schema_check.problems(conn)
    try:
        walked = audit.verify(conn)
    except sqlite3.DatabaseError as exc:
        report.problems.append(f"审计链无法读完：账本文件已损坏（{exc}）。")
        return report
    report.entries = walked.entries
    if not walked.ok:
        report.problems.append(walked.message)
    seen = known_anchors(db_path)
    report.anchors_seen = len(seen)
    report.problems += anchors.compare(conn, seen)
    return report
