"""Backup figures on a large synthetic ledger: create, check on open, verify a backup, restore.

Run by hand: `python bench/backup_bench.py [members] [years]`. Prints seconds per step.
"""
import sys
import tempfile
import time
from pathlib import Path

from desktop_app.core import integrity, paths
from desktop_app.core.backup import create, restore
from desktop_app.core.demo import DemoSpec, generate
from desktop_app.core.store import open_store


def timed(label, func):
    start = time.perf_counter()
    result = func()
    print(f"{label:<34} {time.perf_counter() - start:6.2f} s")
    return result


def main(members: int, years: int) -> None:
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        paths.data_dir = lambda: work / "data"  # keep the bench's attachments out of the user's
        db = work / "ledger.sqlite"
        store = open_store(db, actor="bench")
        timed(f"demo ledger ({members} members, {years} y)", lambda: generate(
            store, DemoSpec(members=members, years=years, seed=1)))
        entries = store.query_one("SELECT count(*) AS n FROM audit_log")["n"]
        store.close()
        print(f"ledger: {db.stat().st_size / 1e6:.1f} MB, {entries} audit entries")
        info = timed("create_backup", lambda: create.create_backup(db, work / "b.zip"))
        print(f"backup: {info.size / 1e6:.1f} MB")
        timed("check_file (on every open)", lambda: integrity.check_file(db))
        timed("verify_backup", lambda: integrity.verify_backup(info.path))
        timed("restore_backup", lambda: restore.restore_backup(info.path, db))


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3])) if len(sys.argv) > 2 else main(1000, 5)
