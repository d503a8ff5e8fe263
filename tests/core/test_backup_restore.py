"""Restoring: every row and the audit chain come back; a damaged backup is refused untouched."""
import errno
import hashlib
import json
import shutil
import sqlite3
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.core import orgs, paths
from desktop_app.core.backup import create, restore
from desktop_app.core.backup.archive import BackupError
from desktop_app.core.store import audit, open_store


@pytest.fixture
def attachments(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setattr(paths, "data_dir", lambda: data)
    folder = data / "attachments" / "ab"
    folder.mkdir(parents=True)
    (folder / "ab12").write_bytes(b"sign-in sheet scan")
    return data / "attachments"


def _unzipped(info, tmp_path: Path) -> Path:
    """The backup zip unpacked into a folder, as a secretary might copy it off a USB stick."""
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(info.path) as bundle:
        bundle.extractall(folder)
    return folder


def _dump(db: Path) -> dict:
    """Every row of every table, audit log included."""
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                             "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: sorted(conn.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def backed_up(demo_store, attachments, tmp_path):
    """A backup of the demo ledger, then more work typed after it; the store is closed."""
    info = create.create_backup(demo_store.path, tmp_path / "backup.zip")
    demo_store.close()
    snapshot = _dump(demo_store.path)
    store = open_store(demo_store.path, actor="测试书记")
    orgs.create(store, "LATE", "备份后新建支部", "党支部")
    store.close()
    return demo_store.path, info, snapshot


def test_round_trip_keeps_every_row_and_the_chain(backed_up, attachments):
    db, info, snapshot = backed_up
    shutil.rmtree(attachments)
    result = restore.restore_backup(info.path, db, now=datetime(2026, 5, 6, 7, 8, 9))
    assert _dump(db) == snapshot
    store = open_store(db)
    assert audit.verify(store.conn).ok
    store.close()
    assert (attachments / "ab" / "ab12").read_bytes() == b"sign-in sheet scan"
    assert result.attachments_added == 1
    # The replaced ledger is kept beside it, with the work typed after the backup.
    assert result.replaced == db.with_name("ledger.sqlite.replaced-20260506-070809")
    kept = open_store(result.replaced)
    assert kept.query_one("SELECT name FROM organisations WHERE code = 'LATE'")
    assert audit.verify(kept.conn).ok
    kept.close()
    assert "原账本已保存为 ledger.sqlite.replaced-20260506-070809" in result.describe()
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(".")) == []


def test_restore_from_an_unzipped_folder(backed_up, attachments, tmp_path):
    db, info, snapshot = backed_up
    folder = _unzipped(info, tmp_path)
    restore.restore_backup(folder, db)
    assert _dump(db) == snapshot


def _assert_refused(backup: Path, db: Path, match: str):
    before = _sha(db)
    names = sorted(p.name for p in db.parent.iterdir())
    with pytest.raises(BackupError, match=match) as caught:
        restore.restore_backup(backup, db)
    assert "现有账本没有任何改动" in str(caught.value)
    assert _sha(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == names  # no replaced copy, no staging


def test_bytes_flipped_in_the_middle_of_the_zip_are_refused(backed_up):
    db, info, _ = backed_up
    data = bytearray(info.path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 16] = bytes(b ^ 0xFF for b in data[middle:middle + 16])
    info.path.write_bytes(bytes(data))
    _assert_refused(info.path, db, "已损坏")


def test_flipped_ledger_in_a_folder_backup_is_refused_by_its_hash(backed_up, tmp_path):
    db, info, _ = backed_up
    folder = _unzipped(info, tmp_path)
    ledger = folder / "ledger.sqlite"
    data = bytearray(ledger.read_bytes())
    data[len(data) // 2] ^= 0x55
    ledger.write_bytes(bytes(data))
    _assert_refused(folder, db, "ledger.sqlite 的内容与备份清单不符")


def _rewrite_with_consistent_manifest(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["ledger.sqlite"] = _sha(folder / "ledger.sqlite")
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_backup_failing_integrity_check_is_refused_even_with_a_matching_manifest(backed_up, tmp_path):
    db, info, _ = backed_up
    folder = _unzipped(info, tmp_path)
    ledger = folder / "ledger.sqlite"
    data = bytearray(ledger.read_bytes())
    page = 4096
    for offset in range(3 * page, len(data) - page, page):  # garble the b-tree page headers
        data[offset:offset + 8] = b"\xff" * 8
    ledger.write_bytes(bytes(data))
    _rewrite_with_consistent_manifest(folder)
    _assert_refused(folder, db, "不能用来恢复")


def test_backup_with_a_row_edited_behind_the_store_is_refused(backed_up, tmp_path):
    db, info, _ = backed_up
    folder = _unzipped(info, tmp_path)
    conn = sqlite3.connect(folder / "ledger.sqlite")
    conn.execute("UPDATE members SET name = '改名' WHERE id = 3")
    conn.commit()
    conn.close()
    _rewrite_with_consistent_manifest(folder)
    _assert_refused(folder, db, "绕过审计")


def test_manifest_with_a_path_escaping_the_backup_is_refused(backed_up, tmp_path):
    db, info, _ = backed_up
    folder = _unzipped(info, tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["attachments/../../evil"] = "0" * 64
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    _assert_refused(folder, db, "不安全的文件名")


def test_not_a_backup_is_refused(backed_up, tmp_path):
    db, _, _ = backed_up
    junk = tmp_path / "photo.zip"
    junk.write_bytes(b"PK\x03\x04 not really")
    _assert_refused(junk, db, "不是实录备份")
    _assert_refused(tmp_path / "nowhere.zip", db, "找不到备份")


def test_full_disk_during_restore_leaves_the_ledger_untouched(backed_up, monkeypatch):
    db, info, _ = backed_up

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(restore.shutil, "copyfile", full)
    _assert_refused(info.path, db, "磁盘已满")


def test_restore_over_a_damaged_ledger_keeps_the_damaged_file(backed_up, attachments):
    db, info, snapshot = backed_up
    db.write_bytes(b"\x00garbage" * 1000)
    damaged = _sha(db)
    result = restore.restore_backup(info.path, db)
    assert _dump(db) == snapshot
    assert _sha(result.replaced) == damaged


def test_two_restores_in_the_same_second_keep_both_replaced_files(backed_up):
    db, info, _ = backed_up
    original = _sha(db)
    moment = datetime(2026, 5, 6, 7, 8, 9)
    first = restore.restore_backup(info.path, db, now=moment)
    second = restore.restore_backup(info.path, db, now=moment)
    assert first.replaced != second.replaced and second.replaced.name.endswith("-2")
    assert _sha(first.replaced) == original
