"""Backup figures on the cached 300-member, 10-year bench ledger: check on open (quick, and the
thorough integrity_check + audit chain walk), back up, verify a backup, restore.

    /tmp/venv/bin/python bench/bench_backup.py [--members 300] [--years 10]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.ledger import bench_ledger  # noqa: E402
from desktop_app.core import integrity, paths  # noqa: E402
from desktop_app.core.backup import create, restore  # noqa: E402


def timed(label: str, func):
    start = time.perf_counter()
    result = func()
    print(f"{label:<36} {time.perf_counter() - start:6.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    source = bench_ledger(args.members, args.years)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        paths.data_dir = lambda: work / "data"  # keep the bench out of the user's attachments
        db = work / "ledger.sqlite"
        shutil.copy(source, db)
        timed("check_file quick (open at once)", lambda: integrity.check_file(db, thorough=False))
        check = timed("check_file thorough", lambda: integrity.check_file(db))
        print(f"ledger: {db.stat().st_size / 1e6:.1f} MB, {check.audit_entries} audit entries")
        info = timed("create_backup", lambda: create.create_backup(db, work))
        print(f"backup: {info.size / 1e6:.1f} MB")
        timed("verify_backup", lambda: integrity.verify_backup(info.path))
        timed("restore_backup (checks included)", lambda: restore.restore_backup(info.path, db))


if __name__ == "__main__":
    main()
