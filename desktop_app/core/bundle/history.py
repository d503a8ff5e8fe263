"""The upstream office's memory of the bundles it has seen (issue 15 part 1): one SQLite file in its
data dir, one row per distinct bundle (by the digest of its signed tag manifest).

Each newly seen valid bundle is compared with what came before from the same branch and flagged
(in Chinese) when the audit-chain count goes backwards, the chain forks, a period gets a second
bundle that is not labelled as a correction, a period is missing, or the signing key changed.
Flags are warnings beside a 有效 verdict: the bundle is authentic, the branch's story is not
continuous, and someone should ask why. The figures of each valid bundle (meetings held and due,
findings, members) are kept beside it, for each branch's trend (trend.py).

Rows are committed every BATCH bundles and on `close`, each commit synced to disk: 10,000
bundles cost 20 fsyncs, not 10,000. A crash loses at most the open batch, never a committed row
and never the file (one SQLite transaction per batch); running `aggregate` again on the same
folder records those bundles then, each compared with what was committed.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from desktop_app.core import paths
from desktop_app.core.bundle import BundleError
from desktop_app.core.bundle.text import shown
from desktop_app.core.bundle.verify import VerifyReport

SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    digest TEXT PRIMARY KEY,
    org_code TEXT NOT NULL,
    identifier TEXT NOT NULL,
    period TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    correction_of TEXT,
    audit_entries INTEGER NOT NULL,
    audit_head TEXT NOT NULL,
    prev_id TEXT,
    prev_entries INTEGER,
    prev_head TEXT,
    fingerprint TEXT NOT NULL,
    file TEXT NOT NULL,
    first_seen TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS seen_org ON seen(org_code, audit_entries);
-- The figures of each valid bundle, for the trend across periods (core/bundle/trend.py).
CREATE TABLE IF NOT EXISTS figures (
    digest TEXT PRIMARY KEY REFERENCES seen(digest),
    org_name TEXT NOT NULL,
    period_label TEXT NOT NULL,
    held INTEGER NOT NULL,
    required INTEGER NOT NULL,
    members INTEGER NOT NULL,
    by_status TEXT NOT NULL          -- JSON: finding status -> count
);
"""


def default_path() -> Path:
    return paths.data_dir() / "upstream-history.sqlite"


BATCH = 500     # bundles per commit
REPLAY = "重放的旧包"


class History:
    def __init__(self, path: Path, batch: int = BATCH):
        self.batch, self.pending = batch, 0
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(path), timeout=10)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = FULL")
            self.conn.executescript(SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise BundleError(f"上级收包记录 {path} 无法打开（{exc.__class__.__name__}）：请检查文件夹"
                              "是否可写、文件是否损坏。") from exc

    def commit(self) -> None:
        """Make the rows recorded so far durable (nothing to do when none are pending)."""
        if not self.pending:
            return
        count, self.pending = self.pending, 0
        try:
            self.conn.commit()
        except sqlite3.Error as exc:
            self.conn.rollback()
            raise BundleError(f"上级收包记录无法写入（{exc.__class__.__name__}）：最近 {count} 个包"
                              "未记下，重新校验或汇总时会再记。") from exc

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self.conn.close()

    def record(self, report: VerifyReport, today: str | None = None) -> list[str]:
        """Flags for a 有效 bundle, remembering it; [] for anything else."""
        if not report.ok:
            return []
        today = today or date.today().isoformat()
        extract = report.extract
        code = extract["organisation"]["code"]
        known = self.conn.execute("SELECT * FROM seen WHERE digest = ?", [report.digest]).fetchone()
        rows = self.conn.execute("SELECT * FROM seen WHERE org_code = ? AND digest != ? "
                                 "ORDER BY audit_entries, first_seen", [code, report.digest]).fetchall()
        if known:
            self._remember_figures(report)      # a history kept before figures were: fill in
            self._written()
            newer = [r for r in rows if r["audit_entries"] > known["audit_entries"]]
            return [f"{REPLAY}：{known['first_seen']} 已收到过此包，该支部其后已交来 "
                    f"{shown(newer[-1]['identifier'])}。"] if newer else []
        # Arriving after a bundle that names it, head for head, as its previous one is late,
        # not a rollback: the original found on the stick beside its own correction.
        later = [r for r in rows if (r["prev_id"], r["prev_entries"], r["prev_head"]) == (
            report.identifier, extract["continuity"]["audit_entries"],
            extract["continuity"]["audit_head"])]
        flags = [f"晚到的包：此前收到的 {shown(r['identifier'])} 所记的上一个包就是此包，链头一致。"
                 for r in later] + _flags(extract, report.fingerprint,
                                          [r for r in rows if r not in later])
        head, previous = extract["continuity"], extract["continuity"]["previous"] or {}
        self.conn.execute(
            "INSERT INTO seen VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [report.digest, code, report.identifier, extract["period"]["text"],
             extract["period"]["start"], extract["period"]["end"],
             (extract["correction"] or {}).get("of"), head["audit_entries"], head["audit_head"],
             previous.get("id"), previous.get("audit_entries"), previous.get("audit_head"),
             report.fingerprint, report.path.name, today])
        self._remember_figures(report)
        self._written()
        return flags

    def _written(self) -> None:
        self.pending += 1
        if self.pending >= self.batch:
            self.commit()

    def _remember_figures(self, report: VerifyReport) -> None:
        extract = report.extract
        needs = extract["requirements"]
        self.conn.execute(
            "INSERT OR IGNORE INTO figures VALUES (?,?,?,?,?,?,?)",
            [report.digest, extract["organisation"]["name"], extract["period"]["label"],
             sum(n["held"] for n in needs), sum(n["required"] for n in needs),
             extract["roster"]["members_at_end"],
             json.dumps(extract["findings_by_status"], ensure_ascii=False)])


def _flags(extract: dict, fingerprint: str, rows: list) -> list[str]:
    head, period = extract["continuity"], extract["period"]
    previous = head["previous"]
    flags = []
    if rows:
        latest = rows[-1]
        if head["audit_entries"] < latest["audit_entries"]:
            flags.append(f"审计链倒退：此包导出时账本有 {head['audit_entries']} 条审计记录，少于此前收到的 "
                         f"{shown(latest['identifier'])}（{latest['audit_entries']} 条）——"
                         "账本可能被恢复到旧备份或被改写。")
        same = [r for r in rows if r["audit_entries"] == head["audit_entries"]
                and r["audit_head"] != head["audit_head"]]
        if same:
            flags.append(f"审计链分叉：此包与 {shown(same[0]['identifier'])} 的审计记录条数相同、链头不同。")
        first_seen = min(rows, key=lambda r: r["first_seen"])
        latest_key = max(rows, key=lambda r: (r["first_seen"], r["audit_entries"]))["fingerprint"]
        if latest_key != fingerprint:
            flags.append(f"签名密钥更换：此前收到的包用指纹 {latest_key} 的密钥签名，此包为 {fingerprint}。")
        if previous is None and head["audit_entries"] > first_seen["audit_entries"]:
            flags.append(f"此包自称首次报送，但此前已收到该支部的 {shown(first_seen['identifier'])}。")
    if previous is not None:
        flags += _previous_flags(previous, rows)
    flags += _period_flags(extract, rows)
    return flags


def _previous_flags(previous: dict, rows: list) -> list[str]:
    name = shown(previous["id"])
    before = [r for r in rows if r["identifier"] == previous["id"]]
    if not before:
        return [f"此包接在 {name} 之后，但 {name} 没有收到。"]
    flags = []
    if (before[0]["audit_entries"], before[0]["audit_head"]) != (previous["audit_entries"],
                                                                 previous["audit_head"]):
        flags.append(f"审计链分叉：此包所记 {name} 的链头与收到的 {name} 不同。")
    siblings = [r for r in rows if r["prev_id"] == previous["id"] and r["correction_of"] is None]
    if siblings:
        flags.append(f"审计链分叉：{shown(siblings[0]['identifier'])} 也接在 {name} 之后——"
                     "账本可能被恢复到旧备份后重新导出。")
    return flags


def _period_flags(extract: dict, rows: list) -> list[str]:
    period, correction = extract["period"], extract["correction"]
    flags = []
    same = [r for r in rows if r["period"] == period["text"]]
    if same and correction is None:
        flags.append(f"同一期间已收到另一个包 {shown(same[0]['identifier'])}，而此包没有标为更正包。")
    ends = [r["period_end"] for r in rows if r["period_end"] < period["start"]]
    if ends:
        gap_start = (date.fromisoformat(max(ends)) + timedelta(days=1)).isoformat()
        if gap_start < period["start"]:
            flags.append(f"缺少 {gap_start} 至 {_day_before(period['start'])} 的报送包。")
    return flags


def _day_before(iso: str) -> str:
    return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()
