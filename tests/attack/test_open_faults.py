"""Opening ledgers that are missing, empty, damaged, on a read-only stick or on a full disk:
each gets its own words and remedy, nothing is created or changed unasked, no traceback."""
import errno
import shutil
import sqlite3

import pytest

from desktop_app.cli.main import main
from desktop_app.core import integrity
from desktop_app.core.backup import archive, create
from tests.attack.helpers import (can_mount_tmpfs, count, damage_table, make_ledger, mount_tmpfs,
                                  unmount, write_roster)


@pytest.fixture
def ledger(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = make_ledger(tmp_path / "ledger.sqlite")
    assert main(["--db", str(db), "roster", "import", str(write_roster(tmp_path / "r.csv", 59))]) == 0
    return db


def test_a_typo_in_db_creates_nothing(tmp_path, capsys):
    typo = tmp_path / "ledgr.sqlite"
    assert main(["--db", str(typo), "audit", "verify"]) == 2
    assert "找不到账本文件" in capsys.readouterr().err and not typo.exists()
    assert main(["--db", str(typo), "--create", "audit", "verify"]) == 0
    assert typo.exists()


def test_a_zero_byte_ledger_is_never_made_a_new_one(ledger, tmp_path, capsys):
    """The issue's case (c): not by audit verify, not by a backup that rotates the good copy away."""
    good = create.automatic_backup(ledger)
    ledger.write_bytes(b"")
    for ledger_file in (ledger.with_name("ledger.sqlite-wal"), ledger.with_name("ledger.sqlite-shm")):
        ledger_file.unlink(missing_ok=True)
    assert main(["--db", str(ledger), "audit", "verify"]) == 2
    err = capsys.readouterr().err
    assert "0 字节" in err and "审计链完整" not in err and good.path.name in err
    assert main(["--db", str(ledger), "backup", "create"]) != 0
    assert ledger.stat().st_size == 0
    assert [b.path for b in archive.list_backups(archive.default_folder(ledger))] == [good.path]


def test_roster_export_from_a_damaged_ledger_writes_nothing(ledger, tmp_path, capsys):
    """The issue's case (d): never 53 of 59 members, silently."""
    damage_table(ledger, "members")
    out = tmp_path / "名册.xlsx"
    assert main(["--db", str(ledger), "roster", "export", str(out)]) == 2
    assert "损坏" in capsys.readouterr().err and not out.exists()


def test_a_damaged_page_met_while_reading_fails_loudly(ledger):
    """Even past the opening check (the page goes bad while the ledger is open)."""
    from desktop_app.core.store import StoreError, open_store
    store = open_store(ledger)
    damage_table(ledger, "members")
    store.conn.execute("PRAGMA cache_size = 0")
    with pytest.raises(StoreError, match="损坏的数据页"):
        store.query("SELECT * FROM members")
    store.close()


def test_audit_verify_runs_integrity_check(ledger, capsys):
    """An index-only corruption passes quick_check (so the ledger opens) but not audit verify."""
    conn = sqlite3.connect(ledger)
    conn.execute("PRAGMA writable_schema = ON")
    index = conn.execute("SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='members' "
                         "AND sql IS NOT NULL").fetchone()[0]
    # Swap the index's contents out from under it: same schema, the entries of another table.
    conn.execute("PRAGMA writable_schema = OFF")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [index]).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with open(ledger, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        page = bytearray(handle.read(page_size))
        page[-20:] = bytes(20)          # zero the end of the cell area: keys no longer match rows
        handle.seek((root - 1) * page_size)
        handle.write(page)
    assert main(["--db", str(ledger), "audit", "verify"]) in (1, 2)
    out = capsys.readouterr()
    assert "完整性检查" in out.out + out.err or "损坏" in out.err
    assert "审计链完整" not in out.out


def _read_only_copy(ledger, where):
    mount_tmpfs(where, "4m")
    shutil.copy(ledger, where / "ledger.sqlite")
    import subprocess
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
    return where / "ledger.sqlite"


@pytest.mark.skipif(not can_mount_tmpfs(), reason="needs root to mount a read-only tmpfs")
def test_a_sound_ledger_on_a_write_protected_stick(ledger, tmp_path, capsys):
    stick = tmp_path / "stick"
    conn = sqlite3.connect(ledger)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    try:
        on_stick = _read_only_copy(ledger, stick)
        diagnosis = integrity.diagnose(on_stick)
        assert diagnosis.check.kind == "read_only" and "已损坏" not in diagnosis.message
        assert "只读打开" in diagnosis.message and "复制到本机" in diagnosis.message
        assert diagnosis.backup is None                       # no restore over a sound ledger
        out = tmp_path / "名册.xlsx"
        assert main(["--db", str(on_stick), "roster", "export", str(out)]) == 0  # reads work
        assert "只读" in capsys.readouterr().err and out.exists()
        assert main(["--db", str(on_stick), "roster", "import",
                     str(write_roster(tmp_path / "x.csv", 1, start=500))]) == 1
        assert "只读" in capsys.readouterr().err
        assert main(["--db", str(on_stick), "backup", "create", "-o", str(tmp_path)]) == 0  # no spin
        made = archive.list_backups(tmp_path)
        assert made and made[0].audit_entries == count(ledger, "SELECT count(*) FROM audit_log")
    finally:
        unmount(stick)


def _fill(disk):
    filler = disk / "filler"
    try:
        with open(filler, "ab") as handle:
            while True:
                handle.write(b"\0" * 65536)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    return filler


@pytest.mark.skipif(not can_mount_tmpfs(), reason="needs root to mount a small tmpfs")
def test_a_full_disk_is_worded_and_loses_nothing(ledger, tmp_path, capsys):
    disk = tmp_path / "disk"
    mount_tmpfs(disk, "16m")
    try:
        db = disk / "ledger.sqlite"
        shutil.copy(ledger, db)
        members = count(db, "SELECT count(*) FROM members")
        filler = _fill(disk)
        diagnosis = integrity.diagnose(db)
        assert diagnosis.check.kind == "disk_full" and "已损坏" not in diagnosis.message
        assert "清理磁盘空间" in diagnosis.message
        big = write_roster(tmp_path / "big.csv", 300, start=1000)
        code = main(["--db", str(db), "roster", "import", str(big)])
        err = capsys.readouterr().err
        assert code == 1 and "Traceback" not in err and ("磁盘已满" in err or "只读" in err)
        filler.unlink()
        assert count(db, "SELECT count(*) FROM members") == members
        assert main(["--db", str(db), "roster", "import", str(big)]) == 0
        capsys.readouterr()
        _fill(disk)
        assert main(["--db", str(db), "backup", "create", "-o", str(disk)]) == 1  # no room for it
        err = capsys.readouterr().err
        assert "磁盘已满" in err and "Traceback" not in err
        assert not [p for p in disk.iterdir() if p.suffix in (".zip", ".part")]
    finally:
        unmount(disk)


def test_full_disk_inside_sqlite_is_worded(ledger, capsys, monkeypatch):
    """SQLITE_FULL from the library (injected: SQLite's own message) reaches the user in words."""
    from desktop_app.core.store import audit

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    before = count(ledger, "SELECT count(*) FROM members")
    monkeypatch.setattr(audit, "_write", full)   # every audited write ends here
    assert main(["--db", str(ledger), "roster", "import",
                 str(write_roster(ledger.parent / "y.csv", 2, start=700))]) == 1
    err = capsys.readouterr().err
    assert "磁盘已满" in err and "Traceback" not in err
    assert count(ledger, "SELECT count(*) FROM members") == before


def test_an_oserror_from_a_command_is_worded(ledger, tmp_path, capsys, monkeypatch):
    from desktop_app.core.roster import export as roster_export

    def pulled(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(roster_export, "export_roster", pulled)   # imported when the command runs
    assert main(["--db", str(ledger), "roster", "export", str(tmp_path / "o.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "读写错误" in err and "Traceback" not in err


def test_a_fault_of_ours_is_said_in_chinese_not_as_a_traceback(ledger, capsys, monkeypatch, tmp_path):
    """The last guard: an exception nobody foresaw ends the command with a Chinese message and
    the traceback in the error log, not on the secretary's screen."""
    monkeypatch.setattr("desktop_app.core.paths.data_dir", lambda: tmp_path)

    def broken(*args, **kwargs):
        raise StopIteration   # what the tiny demo once raised

    monkeypatch.setattr("desktop_app.core.members.expected_on", broken)
    assert main(["--db", str(ledger), "roster", "export", str(tmp_path / "o.xlsx")]) == 70
    err = capsys.readouterr().err
    assert "意外中断" in err and "Traceback" not in err and "shilu-errors.log" in err
    assert "StopIteration" in (tmp_path / "shilu-errors.log").read_text(encoding="utf-8")
