"""One instance per ledger: the second opener hears who has it; a crashed holder's lock is taken over."""
import errno
import json
import os
import socket
import subprocess
import sys
import time
from datetime import date, timedelta

import pytest

from desktop_app.core.instance_lock import Holder, InstanceLock, LedgerInUse, holder_of, lock_path
from desktop_app.core.store import StoreError


def test_second_opener_is_told_who_holds_it(tmp_path):
    db = tmp_path / "ledger.sqlite"
    with InstanceLock(db, user="张三"):
        holder = holder_of(db)
        assert (holder.user, holder.host, holder.pid) == ("张三", socket.gethostname(), os.getpid())
        with pytest.raises(LedgerInUse) as caught:
            InstanceLock(db, user="李四").acquire()
        started = holder.started[11:16]
        assert f"张三 在 {socket.gethostname()} 上于 {started} 打开" in str(caught.value)
        assert caught.value.holder == holder
    assert not lock_path(db).exists()
    with InstanceLock(db, user="李四"):  # free again once released
        assert holder_of(db).user == "李四"


def test_holder_message_names_the_day_when_not_today():
    holder = Holder("张三", "PC-01", 42, "2026-11-20T09:12:00", None)
    assert holder.describe(today=date(2026, 11, 20)) == "张三 在 PC-01 上于 09:12 打开"
    assert holder.describe(today=date(2026, 11, 23)) == "张三 在 PC-01 上于 11月20日 09:12 打开"


def _lock_of_dead_process(db):
    """A lock written by a process that has since been killed (as after a power cut)."""
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from desktop_app.core.instance_lock import InstanceLock;"
         f"InstanceLock({str(db)!r}, user='王五').acquire(); print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True, cwd=os.getcwd())
    assert child.stdout.readline().strip() == "held"
    with pytest.raises(LedgerInUse, match="王五"):
        InstanceLock(db).acquire()
    child.kill()
    child.wait()
    child.stdout.close()
    return child.pid


def test_lock_of_a_dead_process_is_taken_over(tmp_path):
    db = tmp_path / "ledger.sqlite"
    dead_pid = _lock_of_dead_process(db)
    lock = InstanceLock(db, user="张三").acquire()
    assert lock.took_over.pid == dead_pid and lock.took_over.user == "王五"
    assert holder_of(db).user == "张三"
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.sqlite.lock"]
    lock.release()


def test_reused_pid_is_recognised_by_its_start_time(tmp_path):
    db = tmp_path / "ledger.sqlite"
    mine = InstanceLock(db, user="x")._me()
    stale = Holder("王五", mine.host, os.getpid(), mine.started, mine.process_started - 3600)
    lock_path(db).write_text(json.dumps(stale.__dict__), encoding="utf-8")
    assert InstanceLock(db, user="张三").acquire().took_over == stale


def test_lock_from_another_pc_is_stale_only_when_old(tmp_path):
    db = tmp_path / "ledger.sqlite"
    other = Holder("赵六", "PC-02", 4242, "2026-11-23T08:00:00", 1.0)
    path = lock_path(db)
    path.write_text(json.dumps(other.__dict__), encoding="utf-8")
    with pytest.raises(LedgerInUse, match="赵六 在 PC-02 上"):
        InstanceLock(db, stale_after=timedelta(hours=12)).acquire()
    thirteen_hours_ago = time.time() - 13 * 3600
    os.utime(path, (thirteen_hours_ago, thirteen_hours_ago))
    assert InstanceLock(db, stale_after=timedelta(hours=12)).acquire().took_over == other


def test_refresh_keeps_a_long_session_from_looking_stale(tmp_path):
    db = tmp_path / "ledger.sqlite"
    lock = InstanceLock(db).acquire()
    old = time.time() - 20 * 3600
    os.utime(lock.path, (old, old))
    lock.refresh()
    assert time.time() - lock.path.stat().st_mtime < 60
    lock.release()


def test_unreadable_lock_is_in_use_at_first_then_stale(tmp_path):
    db = tmp_path / "ledger.sqlite"
    path = lock_path(db)
    path.write_bytes(b"")  # its creator is still writing it — or crashed while writing
    with pytest.raises(LedgerInUse, match="另一个窗口"):
        InstanceLock(db).acquire()
    old = time.time() - 120
    os.utime(path, (old, old))
    lock = InstanceLock(db, user="张三").acquire()
    assert lock.took_over is None and holder_of(db).user == "张三"


def test_without_hard_links_the_exclusive_create_still_guards(tmp_path, monkeypatch):
    """FAT-formatted USB sticks have no hard links."""
    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    db = tmp_path / "ledger.sqlite"
    with InstanceLock(db, user="张三"):
        with pytest.raises(LedgerInUse, match="张三"):
            InstanceLock(db).acquire()
    assert list(tmp_path.iterdir()) == []


def test_leftover_temp_files_of_killed_openers_are_cleared(tmp_path):
    db = tmp_path / "ledger.sqlite"
    leftover = tmp_path / "ledger.sqlite.lock.99999.tmp"
    leftover.write_bytes(b"{}")
    old = time.time() - 600
    os.utime(leftover, (old, old))
    with InstanceLock(db):
        assert [p.name for p in tmp_path.iterdir()] == ["ledger.sqlite.lock"]


def test_folder_where_no_lock_can_be_made_is_explained(tmp_path, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(StoreError, match="无法在 .* 中建立账本锁：目标是只读的"):
        InstanceLock(tmp_path / "ledger.sqlite").acquire()
