"""Shared pieces of the attack suite: a real ledger on disk, the `shilu` command in another
process, and ways to damage files the way disks and people do."""
from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop_app.core import orgs
from desktop_app.core.store import open_store

REPO = Path(__file__).resolve().parents[2]


def make_ledger(path: Path) -> Path:
    """A ledger with a 党委, one 党支部 (第一党支部) and its 党小组: what a real user starts from."""
    store = open_store(path, actor="测试书记")
    root = orgs.create(store, "SQ", "示范社区党委", "党委")
    branch = orgs.create(store, "SQ-01", "第一党支部", "党支部", root)
    orgs.create(store, "SQ-01-01", "第一党小组", "党小组", branch)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def write_roster(path: Path, count: int, start: int = 0) -> Path:
    """A CSV roster of `count` members of 第一党支部 with valid ID numbers."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["姓名", "性别", "出生日期", "入党日期", "转正日期", "所在党支部", "身份证号", "联系电话"])
        for i in range(start, start + count):
            born = f"{1960 + i // 336}-{1 + (i // 28) % 12:02d}-{1 + i % 28:02d}"
            out.writerow([member_name(i), "男", born, "2001-07-01", "2002-07-01", "第一党支部",
                          id_number(f"330402{born.replace('-', '')}", 11), f"138{i:08d}"])
    return path


def member_name(i: int) -> str:
    """党员 and the number in Chinese digits: 党员零零四二."""
    return "党员" + "".join("零一二三四五六七八九"[int(d)] for d in f"{i:04d}")


def id_number(prefix14: str, serial: int) -> str:
    """An 18-digit ID with a valid GB 11643 check digit (serial in the 3-digit sequence; odd: male)."""
    body = f"{prefix14}{serial % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]
    return body + check


def env(data_home: Path) -> dict:
    """The environment for `shilu` in a subprocess: this tree first, its own data dir."""
    return {**os.environ, "PYTHONPATH": str(REPO), "XDG_DATA_HOME": str(data_home),
            "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}


def shilu(args: list[str], data_home: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], env=env(data_home),
                          capture_output=True, text=True, timeout=timeout)


def spawn(args: list[str], data_home: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "desktop_app", *args], env=env(data_home),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def spawn_python(code: str, data_home: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code], env=env(data_home),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.communicate()


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout


def count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def damage_table(db: Path, table: str) -> None:
    """Overwrite the middle of a page of `table` with garbage (what a bad sector does)."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    conn.close()
    with open(db, "r+b") as handle:
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff" * (page_size // 2))


def can_mount_tmpfs() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0


def mount_tmpfs(where: Path, size: str, read_only: bool = False) -> None:
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], check=True)
    if read_only:
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)


def unmount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], check=False)
