"""Opening a damaged ledger: each kind of damage is diagnosed in Chinese and a good backup offered."""
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.core import integrity, orgs, paths
from desktop_app.core.backup import archive, create


@pytest.fixture
def ledger_with_backups(demo_store, tmp_path, monkeypatch):
    """A closed demo ledger with two automatic backups, the newer one of them damaged."""
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    db = demo_store.path
    good = create.automatic_backup(db, now=datetime(2026, 1, 10, 17, 0))
    orgs.create(demo_store, "NEW", "新成立支部", "党支部")
    newer = create.automatic_backup(db, now=datetime(2026, 1, 11, 17, 0))
    data = bytearray(newer.path.read_bytes())
    data[len(data) // 3: len(data) // 3 + 64] = os.urandom(64)
    newer.path.write_bytes(bytes(data))
    demo_store.close()
    return db, good


def _assert_diagnosed(db: Path, good, kind: str, words: str):
    diagnosis = integrity.diagnose(db)
    assert diagnosis.check.kind == kind
    assert words in diagnosis.message
    assert diagnosis.backup is not None and diagnosis.backup.path == good.path  # newer one is damaged
    assert "2026-01-10 17:00" in diagnosis.message and "损坏的文件会改名保留" in diagnosis.message
    before = db.read_bytes() if db.exists() else None
    with pytest.raises(integrity.LedgerDamaged) as caught:
        integrity.open_ledger(db, actor="书记")
    assert caught.value.diagnosis.check.kind == kind
    assert (db.read_bytes() if db.exists() else None) == before  # nothing written, nothing created


def test_random_bytes(ledger_with_backups):
    db, good = ledger_with_backups
    db.write_bytes(os.urandom(64 * 1024))
    _assert_diagnosed(db, good, "not_a_database", "不是账本文件")


def test_truncated_ledger(ledger_with_backups):
    db, good = ledger_with_backups
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    _assert_diagnosed(db, good, "malformed", "ledger.sqlite 已损坏（文件不完整或内容被破坏）")


def test_row_edited_behind_the_store(ledger_with_backups):
    db, good = ledger_with_backups
    conn = sqlite3.connect(db)
    conn.execute("UPDATE members SET phone = '13900000000' WHERE id = 5")
    conn.commit()
    conn.close()
    _assert_diagnosed(db, good, "audit", "members 第 5 条被绕过审计修改")


def test_empty_file_and_missing_file(ledger_with_backups):
    db, good = ledger_with_backups
    db.write_bytes(b"")
    _assert_diagnosed(db, good, "empty", "0 字节")
    db.unlink()
    diagnosis = integrity.diagnose(db)
    assert diagnosis.check.kind == "missing" and diagnosis.backup.path == good.path
    assert "找不到账本文件" in diagnosis.message and "--create" in diagnosis.message
    with pytest.raises(integrity.LedgerDamaged):
        integrity.open_ledger(db, actor="书记")
    assert not db.exists()                      # a typo in --db never becomes a new ledger


def test_a_sqlite_file_that_is_not_a_ledger(ledger_with_backups):
    db, good = ledger_with_backups
    db.unlink()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    _assert_diagnosed(db, good, "not_a_ledger", "不是实录账本")


def test_no_backup_to_offer(tmp_path):
    db = tmp_path / "ledger.sqlite"
    db.write_bytes(b"not a database at all" * 100)
    diagnosis = integrity.diagnose(db)
    assert diagnosis.backup is None and "没有找到可用的备份" in diagnosis.message


def test_sound_ledger_opens_and_a_new_one_is_created_only_when_asked(ledger_with_backups, tmp_path):
    db, _ = ledger_with_backups
    assert integrity.diagnose(db).check.ok
    store = integrity.open_ledger(db, actor="书记")
    assert store.query_one("SELECT count(*) AS n FROM members")["n"] > 0
    store.close()
    (tmp_path / "fresh").mkdir()
    with pytest.raises(integrity.LedgerDamaged):
        integrity.open_ledger(tmp_path / "fresh" / "new.sqlite", actor="书记")
    fresh = integrity.open_ledger(tmp_path / "fresh" / "new.sqlite", actor="书记", create=True)
    assert fresh.query_one("SELECT count(*) AS n FROM members")["n"] == 0
    fresh.close()


def test_set_aside_keeps_the_damaged_file_and_restoring_the_offer_works(ledger_with_backups):
    from desktop_app.core.backup import restore
    db, good = ledger_with_backups
    db.write_bytes(b"\x00" * 5000)
    offer = integrity.diagnose(db).backup
    restore.restore_backup(offer.path, db)
    assert integrity.diagnose(db).check.ok
    db.write_bytes(b"\x01" * 5000)
    kept = integrity.set_aside(db, now=datetime(2026, 2, 3, 4, 5, 6))
    assert kept.name == "ledger.sqlite.damaged-20260203-040506" and kept.read_bytes() == b"\x01" * 5000
    assert not db.exists()
    assert archive.list_backups(archive.default_folder(db))


def test_index_out_of_step_with_its_table_fails_integrity_check(ledger_with_backups):
    db, good = ledger_with_backups
    conn = sqlite3.connect(db)
    conn.execute("CREATE INDEX members_phone_probe ON members(phone)")
    conn.commit()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX members_phone_probe ON members(name)' "
                 "WHERE name = 'members_phone_probe'")
    conn.commit()
    conn.close()
    _assert_diagnosed(db, good, "integrity", "未通过完整性检查（发现至少 20 处问题")


def test_ledger_from_a_newer_program_asks_for_an_upgrade_not_a_restore(ledger_with_backups):
    db, _ = ledger_with_backups
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    diagnosis = integrity.diagnose(db)
    assert diagnosis.check.kind == "newer_schema" and diagnosis.backup is None
    assert "请先升级本软件" in diagnosis.message and "备份" not in diagnosis.message
    with pytest.raises(integrity.LedgerDamaged, match="结构版本 999"):
        integrity.open_ledger(db, actor="书记")


def test_quick_check_opens_fast_and_leaves_the_audit_walk_to_the_thorough_check(ledger_with_backups):
    db, good = ledger_with_backups
    conn = sqlite3.connect(db)
    conn.execute("UPDATE members SET phone = '13900000000' WHERE id = 5")
    conn.commit()
    conn.close()
    quick = integrity.check_file(db, thorough=False)
    assert quick.ok and "快速检查" in quick.message and quick.audit_entries > 0
    integrity.open_ledger(db, actor="书记", thorough=False).close()
    assert integrity.check_file(db).kind == "audit"
    db.write_bytes(os.urandom(8192))
    assert integrity.diagnose(db, thorough=False).check.kind == "not_a_database"


def test_a_check_made_beforehand_is_trusted_and_a_damaged_file_is_still_refused(
        ledger_with_backups):
    db, good = ledger_with_backups
    first = integrity.check_file(db, thorough=False)       # as start-up runs it on the worker
    assert first.ok
    integrity.open_ledger(db, actor="书记", thorough=False, checked=first).close()
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    checked = integrity.check_file(db, thorough=False)
    assert checked.kind == "malformed"
    before = db.read_bytes()
    with pytest.raises(integrity.LedgerDamaged) as caught:
        integrity.open_ledger(db, actor="书记", thorough=False, checked=checked)
    assert caught.value.diagnosis.backup.path == good.path
    assert db.read_bytes() == before
