"""Backups never make things worse: no damaged copy enters the rotation, the fullest history is
never rotated away, killed runs leave nothing behind, and the signing key travels with the ledger."""
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta

import pytest

from desktop_app.cli.main import main
from desktop_app.core import integrity
from desktop_app.core.backup import archive, create, restore
from desktop_app.core.backup.archive import BackupError
from desktop_app.core.bundle import keys
from desktop_app.core.store import open_store
from tests.attack.helpers import damage_table, make_ledger, write_roster

DAY = datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def ledger(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = make_ledger(tmp_path / "ledger.sqlite")
    assert main(["--db", str(db), "roster", "import", str(write_roster(tmp_path / "r.csv", 20))]) == 0
    return db


def _backups(db):
    return archive.list_backups(archive.default_folder(db))


def test_a_damaged_ledger_gets_no_backup_and_keeps_the_days_good_one(ledger):
    """The issue's case (b)."""
    good = create.automatic_backup(ledger, now=DAY)
    damage_table(ledger, "members")
    with pytest.raises(BackupError, match="没有通过备份前的检查|损坏"):
        create.automatic_backup(ledger, now=DAY + timedelta(hours=8))
    assert [b.path for b in _backups(ledger)] == [good.path]
    assert integrity.verify_backup(good.path) is None


def test_a_ledger_failing_the_audit_walk_gets_no_backup(ledger):
    import sqlite3
    create.automatic_backup(ledger, now=DAY)
    conn = sqlite3.connect(ledger)
    conn.execute("UPDATE members SET phone = '13900000000' WHERE id = 3")
    conn.commit()
    conn.close()
    with pytest.raises(BackupError, match="绕过审计修改"):
        create.automatic_backup(ledger, now=DAY + timedelta(days=1))
    assert len(_backups(ledger)) == 1


def test_the_rotation_never_drops_the_fullest_history_for_a_shorter_one(ledger, tmp_path):
    fullest = create.automatic_backup(ledger, now=DAY)
    old = create.create_backup(ledger, tmp_path / "old.zip")   # taken before more work …
    assert main(["--db", str(ledger), "roster", "import",
                 str(write_roster(tmp_path / "more.csv", 20, start=100))]) == 0
    fuller = create.automatic_backup(ledger, now=DAY + timedelta(days=1))
    restore.restore_backup(old.path, ledger)                   # … then the ledger is rolled back
    for day in range(2, 14):                                   # and used for almost two weeks
        store = open_store(ledger)
        store.set_setting("day", str(day))
        store.close()
        create.automatic_backup(ledger, now=DAY + timedelta(days=day))
    kept = {b.path for b in _backups(ledger)}
    assert fuller.path in kept                                 # 12 dailies later, still there
    assert fullest.path not in kept                            # (the rotation's own choice)
    assert max(b.audit_entries for b in _backups(ledger)) == fuller.audit_entries


def test_backup_now_keeps_the_days_earlier_backup(ledger):
    """Issue #14 part 6: both stay until the rotation's daily slot is due (the next day)."""
    morning = create.automatic_backup(ledger, now=DAY)
    store = open_store(ledger)
    store.set_setting("x", "1")
    store.close()
    now = create.automatic_backup(ledger, now=DAY + timedelta(hours=5))
    assert {b.path for b in _backups(ledger)} == {morning.path, now.path}
    store = open_store(ledger)
    store.set_setting("x", "2")
    store.close()
    tomorrow = create.automatic_backup(ledger, now=DAY + timedelta(days=1))
    assert {b.path for b in _backups(ledger)} == {now.path, tomorrow.path}


def test_leftovers_of_killed_runs_are_cleaned_at_next_start(ledger, tmp_path):
    import tempfile
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    staging = tempfile.mkdtemp(prefix=f"shilu-backup-{dead.pid}-")
    (open(os.path.join(staging, "ledger.sqlite"), "wb")).close()      # a plaintext copy
    restore_staging = tmp_path / f".ledger.sqlite.restore-{dead.pid}-abc"
    restore_staging.mkdir()
    live = tempfile.mkdtemp(prefix=f"shilu-backup-{os.getpid()}-")     # ours: in use, kept
    folder = archive.default_folder(ledger)
    folder.mkdir()
    part = folder / ".shilu-backup-20260302-090000.zip.abc.part"
    part.write_bytes(b"half a zip")
    old = time.time() - 3600
    os.utime(part, (old, old))
    fresh = folder / ".shilu-backup-20260302-100000.zip.def.part"
    fresh.write_bytes(b"being written now")
    assert main(["--db", str(ledger), "backup", "list"]) == 0
    assert not os.path.exists(staging) and not restore_staging.exists() and not part.exists()
    assert os.path.exists(live) and fresh.exists()
    os.rmdir(live)


def test_a_read_only_source_is_copied_not_spun_on(ledger, tmp_path, monkeypatch):
    """Without root to mount a write-protected stick: the location says it takes no writes."""
    monkeypatch.setattr(integrity, "location_writable", lambda path: False)
    started = time.monotonic()
    info = create.create_backup(ledger, tmp_path)
    assert time.monotonic() - started < 30 and integrity.verify_backup(info.path) is None


def test_a_busy_source_ends_in_bounded_steps(ledger, tmp_path, monkeypatch):
    monkeypatch.setattr(create, "BUSY_STEPS", -3)      # as if the copy kept restarting
    monkeypatch.setattr(create, "PAGES_PER_STEP", 1)
    with pytest.raises(BackupError, match="复制不完"):
        create.create_backup(ledger, tmp_path)
    assert not list(tmp_path.glob("*.zip"))


def test_the_signing_key_belongs_to_the_ledger_and_comes_back_with_a_restore(ledger, tmp_path):
    """Issue #14 part 5."""
    keys.init_key(keys.key_folder(ledger), "口令123456")
    other = make_ledger(tmp_path / "demo.sqlite")               # a second ledger, same folder
    assert not keys.has_key(keys.key_folder(other))
    backup = create.automatic_backup(ledger, now=DAY)
    assert backup.has_key
    public = keys.fingerprint(keys.load_public(keys.key_folder(ledger)))
    import shutil
    shutil.rmtree(tmp_path / "keys")                            # a new PC: nothing but the backup
    fresh = tmp_path / "newpc" / "ledger.sqlite"
    fresh.parent.mkdir()
    restore.restore_backup(backup.path, fresh)
    folder = keys.key_folder(fresh)
    assert keys.fingerprint(keys.load_public(folder)) == public
    keys.load_private(folder, "口令123456")                     # still passphrase-encrypted
    with pytest.raises(Exception, match="口令不对"):
        keys.load_private(folder, "wrong-passphrase")
    assert oct((folder / keys.PRIVATE_NAME).stat().st_mode & 0o777) == "0o600"
