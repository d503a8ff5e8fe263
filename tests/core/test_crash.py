"""Crash test (issue 6 part 4): SIGKILL a writer at random moments; nothing acknowledged is lost.

A child process writes through the store in a loop — each transaction inserts a member and its
membership, updates the member and bumps a setting (four audited writes) — and prints the member
id only after the commit returned. The parent kills it at a random moment, then checks the file: integrity_check,
audit chain, and every acknowledged write present with its update. The child also holds the
instance lock, so each new child must recognise the killed one's lock as stale and take it over.
Bounded: at most 25 kills in at most 30 seconds.
"""
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from desktop_app.core import integrity

KILLS = 25
TIME_BUDGET_SECONDS = 30
REPO = Path(__file__).resolve().parents[2]

WRITER = r"""
import os
import sys
from desktop_app.core.instance_lock import InstanceLock
from desktop_app.core.store import open_store

db = sys.argv[1]
lock = InstanceLock(db, user="写入测试").acquire()
store = open_store(db, actor="写入测试")
org = store.query_one("SELECT id FROM organisations WHERE code = 'CRASH'")
org_id = org["id"] if org else store.insert("organisations", {"code": "CRASH", "name": "崩溃测试支部",
                                                              "kind": "党支部"})
# os.write: one system call per line, so a kill never leaves half an acknowledgement in the pipe
os.write(1, f"ready {lock.took_over.pid if lock.took_over else 0}\n".encode())
serial = int(store.setting("crash_serial", "0"))
while True:
    serial += 1
    with store.transaction():
        member_id = store.insert("members", {"name": f"测试{serial}", "joined_on": "2020-01-01"})
        store.insert("memberships", {"member_id": member_id, "org_id": org_id, "start_on": "2020-01-01"})
        store.update("members", member_id, {"notes": f"第{serial}次"})
        store.set_setting("crash_serial", str(serial))
    os.write(1, f"{member_id} {serial}\n".encode())
"""


def _run_and_kill(db: Path, rng: random.Random, wait_for_ready: bool) -> tuple[int, int | None, list]:
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    took_over, early = None, ""
    if wait_for_ready:    # ready, and one write acknowledged, however loaded the machine is
        first = child.stdout.readline().split()
        assert first[:1] == ["ready"], child.stderr.read()
        took_over = int(first[1])
        early = child.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.3))
    else:  # anywhere from start-up through opening the ledger into the first writes
        time.sleep(rng.uniform(0.0, 0.8))
    child.kill()  # SIGKILL on POSIX
    child.wait()
    out = early + child.stdout.read()    # not communicate(): it skips readline's buffer
    err = child.stderr.read()
    child.stdout.close()
    child.stderr.close()
    # Only whole lines count as acknowledged.
    lines = [line.split() for line in out.split("\n")[:-1]]
    if lines and lines[0][0] == "ready":
        took_over = int(lines.pop(0)[1])
    assert "Traceback" not in err, err
    return child.pid, took_over, [(int(member_id), int(serial)) for member_id, serial in lines]


def _check(db: Path, acknowledged: dict[int, int]) -> None:
    check = integrity.check_file(db)
    assert check.ok, check.message
    conn = sqlite3.connect(db)
    try:
        found = dict(conn.execute("SELECT id, notes FROM members"))
        serial = int(conn.execute("SELECT value FROM settings WHERE key = 'crash_serial'").fetchone()[0])
    finally:
        conn.close()
    for member_id, n in acknowledged.items():
        assert found.get(member_id) == f"第{n}次", f"acknowledged write {member_id} lost"
    assert serial >= max(acknowledged.values())


def test_sigkill_at_random_moments_loses_no_acknowledged_write(tmp_path):
    rng = random.Random(20261123)
    db = tmp_path / "crash.sqlite"
    acknowledged: dict[int, int] = {}
    kills = checks = 0
    previous_pid = None
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    while kills < KILLS and time.monotonic() < deadline:
        pid, took_over, written = _run_and_kill(db, rng, wait_for_ready=kills == 0 or rng.random() > 0.2)
        kills += 1
        if took_over is not None and previous_pid is not None:
            assert took_over == previous_pid  # the killed writer's lock was recognised as stale
        previous_pid = pid if took_over is not None else None  # did it surely hold the lock?
        acknowledged.update(dict(written))
        if acknowledged:
            _check(db, acknowledged)
            checks += len(acknowledged)
    print(f"\ncrash test: {kills} kills survived, {len(acknowledged)} acknowledged transactions "
          f"({4 * len(acknowledged)} audited writes), {checks} transaction checks after kills, "
          f"{time.monotonic() - deadline + TIME_BUDGET_SECONDS:.1f} s")
    assert kills >= 10 and len(acknowledged) >= 5
