"""Two programs at one ledger: one writer at a time, a restore never swallows an acknowledged write."""
import sqlite3
import time

import pytest

from desktop_app.cli.main import main
from desktop_app.core.backup import create
from desktop_app.core.instance_lock import InstanceLock
from desktop_app.core.store import StoreError, open_store
from desktop_app.core.store import connection
from tests.attack.helpers import (count, kill, make_ledger, member_name, no_traceback, shilu, spawn,
                                  spawn_python, write_roster)


@pytest.fixture
def ledger(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return make_ledger(tmp_path / "ledger.sqlite")


def _members_in(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM members")}
    finally:
        conn.close()


def test_restore_during_roster_import_loses_nothing(ledger, tmp_path):
    """The issue's case (a): an import acknowledged with 已导入 is in the live ledger or in the
    copy the restore kept — in every interleaving of 20 tries."""
    data = tmp_path / "data"
    backup = create.create_backup(ledger, tmp_path)
    for attempt in range(20):
        roster = write_roster(tmp_path / f"r{attempt}.csv", 30, start=attempt * 100)
        importer = spawn(["--db", str(ledger), "roster", "import", str(roster)], data)
        time.sleep(0.05 * (attempt % 8))
        restored = shilu(["--db", str(ledger), "backup", "restore", str(backup.path)], data)
        out, err = importer.communicate(timeout=120)
        no_traceback(restored)
        assert "Traceback" not in err, err
        if "已导入" in out:
            names = {member_name(i) for i in range(attempt * 100, attempt * 100 + 30)}
            places = [ledger, *tmp_path.glob("ledger.sqlite.replaced-*")]
            assert any(names <= _members_in(p) for p in places if not p.name.endswith("-wal")), \
                (attempt, out, err, restored.stdout, restored.stderr)
        else:
            assert importer.returncode != 0 and err.startswith("错误："), err


def test_restore_refuses_while_a_writer_holds_the_ledger(ledger, tmp_path, capsys):
    backup = create.create_backup(ledger, tmp_path)
    holder = spawn_python(
        "import sys,time\n"
        "from desktop_app.core.store import open_store\n"
        "from desktop_app.core.instance_lock import WriterGuard\n"
        f"p={str(ledger)!r}\n"
        "s=open_store(p, writer=WriterGuard(p, '张三'))\n"
        "s.set_setting('x','1'); print('written', flush=True); time.sleep(30)\n", tmp_path / "data")
    try:
        assert holder.stdout.readline().strip() == "written"
        before = ledger.read_bytes()
        assert main(["--db", str(ledger), "backup", "restore", str(backup.path)]) == 3
        assert "账本正在使用中：张三" in capsys.readouterr().err
        assert ledger.read_bytes() == before
        assert main(["--db", str(ledger), "roster", "import",
                     str(write_roster(tmp_path / "r.csv", 3))]) == 3   # a second writer is told
        assert "账本正在使用中" in capsys.readouterr().err
    finally:
        kill(holder)


def test_restore_refuses_while_a_reader_has_the_ledger_open(ledger, tmp_path, capsys):
    """A command that only reads takes no lock; the restore still sees it and leaves its -wal/-shm."""
    backup = create.create_backup(ledger, tmp_path)
    reader = spawn_python(
        "import sqlite3,time\n"
        f"c=sqlite3.connect({str(ledger)!r}); c.execute('SELECT count(*) FROM members').fetchone()\n"
        "print('reading', flush=True); time.sleep(30)\n", tmp_path / "data")
    try:
        assert reader.stdout.readline().strip() == "reading"
        shm = ledger.with_name("ledger.sqlite-shm")
        assert shm.exists()
        assert main(["--db", str(ledger), "backup", "restore", str(backup.path)]) == 1
        assert "正被另一个程序打开" in capsys.readouterr().err
        assert shm.exists() and not list(tmp_path.glob("*.replaced-*"))
    finally:
        kill(reader)
    assert main(["--db", str(ledger), "backup", "restore", str(backup.path)]) == 0


def test_a_busy_ledger_is_worded_not_a_traceback(ledger, monkeypatch):
    """Transactions begin IMMEDIATE: the second writer waits, then hears why, with nothing written."""
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 0.2)
    first, second = open_store(ledger), open_store(ledger)
    second.conn.execute("PRAGMA busy_timeout = 200")
    try:
        with first.transaction():
            first.set_setting("a", "1")
            before = second.query_one("SELECT count(*) AS n FROM audit_log")["n"]
            with pytest.raises(StoreError, match="正被另一个程序写入"):
                second.set_setting("b", "2")
        assert second.query_one("SELECT count(*) AS n FROM audit_log")["n"] == before + 1
        assert second.setting("b") is None
        second.set_setting("b", "2")                    # free again: goes through
    finally:
        first.close()
        second.close()


def test_the_app_holding_the_ledger_stops_command_line_writes_not_reads(ledger, tmp_path, capsys):
    with InstanceLock(ledger, user="李书记"):
        roster = write_roster(tmp_path / "r.csv", 2)
        assert main(["--db", str(ledger), "roster", "import", str(roster)]) == 3
        assert "李书记" in capsys.readouterr().err
        assert main(["--db", str(ledger), "roster", "export", str(tmp_path / "out.xlsx")]) == 0
    assert main(["--db", str(ledger), "roster", "import", str(roster)]) == 0
    assert count(ledger, "SELECT count(*) FROM members") == 2
