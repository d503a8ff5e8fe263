"""Creating backups: a consistent zip with a manifest; due at most daily; failures leave nothing."""
import errno
import hashlib
import json
import os
import shutil
import subprocess
import zipfile
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.core import durable, orgs, paths
from desktop_app.core.backup import archive, create
from desktop_app.core.backup.archive import BackupError


@pytest.fixture
def attachments(tmp_path, monkeypatch):
    """A data dir of our own with two content-addressed attachments."""
    data = tmp_path / "data"
    monkeypatch.setattr(paths, "data_dir", lambda: data)
    folder = data / "attachments"
    for content in (b"photo-1" * 1000, b"scan-2" * 500):
        digest = hashlib.sha256(content).hexdigest()
        (folder / digest[:2]).mkdir(parents=True, exist_ok=True)
        (folder / digest[:2] / digest).write_bytes(content)
    (folder / "thumbs").mkdir()
    (folder / "thumbs" / "cache_256.jpg").write_bytes(b"thumbnail, made again on demand")
    return folder


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_holds_ledger_attachments_and_manifest(demo_store, attachments, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    seen = []
    info = create.create_backup(demo_store.path, usb, progress=lambda done, total: seen.append((done, total)),
                                now=datetime(2026, 3, 5, 9, 12, 30))
    assert info.path == usb / "shilu-backup-20260305-091230.zip"
    entries = demo_store.query_one("SELECT count(*) AS n FROM audit_log")["n"]
    head = demo_store.query_one("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")["hash"]
    assert (info.audit_entries, info.audit_head, info.attachment_count) == (entries, head, 2)
    with zipfile.ZipFile(info.path) as bundle:
        names = sorted(bundle.namelist())
        manifest = json.loads(bundle.read("manifest.json"))
        for name, digest in manifest["files"].items():
            assert hashlib.sha256(bundle.read(name)).hexdigest() == digest
    assert names[-2:] == ["ledger.sqlite", "manifest.json"] and len(names) == 4
    assert manifest["schema_version"] == demo_store.conn.execute("PRAGMA user_version").fetchone()[0]
    assert manifest["created"] == "2026-03-05T09:12:30"
    assert seen and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_backup_includes_writes_still_in_the_wal(demo_store, attachments, tmp_path):
    """Online backup while the app's store is open: committed writes not yet checkpointed count."""
    orgs.create(demo_store, "NEW", "新成立支部", "党支部")
    info = create.create_backup(demo_store.path, tmp_path / "one.zip")
    assert info.path.name == "one.zip"
    total = demo_store.query_one("SELECT count(*) AS n FROM audit_log")["n"]
    assert info.audit_entries == total


def test_due_backup_is_at_most_daily_and_on_exit_only_after_changes(demo_store, attachments):
    db = demo_store.path
    assert create.due_backup(db)
    morning = datetime.now().replace(hour=8, minute=0, second=0, microsecond=0)
    create.automatic_backup(db, now=morning)
    assert not create.due_backup(db, now=morning + timedelta(hours=3))
    assert not create.due_backup(db, on_exit=True)  # nothing changed since
    orgs.create(demo_store, "NEW", "新成立支部", "党支部")
    assert not create.due_backup(db, now=morning + timedelta(hours=3))  # one a day …
    assert create.due_backup(db, on_exit=True)  # … but on exit after changes
    assert create.due_backup(db, now=morning + timedelta(days=1))


def test_automatic_backups_are_pruned_by_the_rotation(demo_store, attachments):
    db = demo_store.path
    start = datetime(2026, 1, 1, 18, 0)
    for day in range(20):
        create.automatic_backup(db, now=start + timedelta(days=day))
    folder = archive.default_folder(db)
    kept = [info.created for info in archive.list_backups(folder)]
    assert kept[:7] == [start + timedelta(days=d) for d in range(19, 12, -1)]
    assert len(kept) < 20 and start + timedelta(days=19) in kept
    assert len(list(folder.iterdir())) == len(kept)


def test_missing_ledger_and_missing_target_are_explained(tmp_path, attachments):
    with pytest.raises(BackupError, match="找不到账本文件"):
        create.create_backup(tmp_path / "none.sqlite", tmp_path)
    (tmp_path / "l.sqlite").write_bytes(b"")
    with pytest.raises(BackupError, match="U 盘是否已拔出"):
        create.create_backup(tmp_path / "l.sqlite", tmp_path / "gone")


def _assert_nothing_left(folder: Path, ledger: Path, before: str):
    assert [p.name for p in folder.iterdir()] == []
    assert _sha(ledger) == before


def test_full_disk_leaves_nothing_and_the_ledger_untouched(demo_store, attachments, tmp_path, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    demo_store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _sha(demo_store.path)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(durable.os, "replace", full)
    with pytest.raises(BackupError) as caught:
        create.create_backup(demo_store.path, usb)
    assert "磁盘已满" in str(caught.value) and "账本没有任何改动" in str(caught.value)
    _assert_nothing_left(usb, demo_store.path, before)


def test_full_disk_while_writing_the_zip(demo_store, attachments, tmp_path, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    before = _sha(demo_store.path)
    real_write = zipfile.ZipFile.writestr

    def full(self, name, *args, **kwargs):
        if name == "manifest.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    with pytest.raises(BackupError, match="磁盘已满"):
        create.create_backup(demo_store.path, usb)
    _assert_nothing_left(usb, demo_store.path, before)


@contextmanager
def tmpfs(folder: Path, options: str):
    """A real tmpfs mounted at `folder` (root on Linux only); skips with the reason otherwise."""
    folder.mkdir()
    if os.name == "nt" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("需要 Linux 的 root 才能挂载 tmpfs 制造真实的磁盘故障")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"无法挂载 tmpfs（容器未授予权限）：{done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_really_full_disk(demo_store, attachments, tmp_path):
    """A 64 KiB tmpfs fills up while the zip is written: a real ENOSPC, not a mocked one."""
    before = _sha(demo_store.path)
    with tmpfs(tmp_path / "usb", "size=64k") as usb:
        with pytest.raises(BackupError, match="磁盘已满"):
            create.create_backup(demo_store.path, usb)
        _assert_nothing_left(usb, demo_store.path, before)


def test_read_only_target(demo_store, attachments, tmp_path):
    """Not root: a folder without write permission. Root (who ignores permissions): a tmpfs
    really mounted read-only."""
    before = _sha(demo_store.path)
    if os.name != "nt" and os.geteuid() != 0:
        usb = tmp_path / "usb"
        usb.mkdir()
        usb.chmod(0o500)
        try:
            with pytest.raises(BackupError, match="没有写入权限"):
                create.create_backup(demo_store.path, usb)
        finally:
            usb.chmod(0o700)
        _assert_nothing_left(usb, demo_store.path, before)
        return
    with tmpfs(tmp_path / "usb", "ro,size=1m") as usb:
        with pytest.raises(BackupError, match="只读"):
            create.create_backup(demo_store.path, usb)
        _assert_nothing_left(usb, demo_store.path, before)


def test_a_target_under_a_file_is_refused_in_words(demo_store, attachments, tmp_path):
    """A folder no one can write, root included: its parent is a file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    before = _sha(demo_store.path)
    with pytest.raises(BackupError) as caught:
        create.create_backup(demo_store.path, blocker / "usb")
    assert f"备份位置 {blocker / 'usb'} 不存在" in str(caught.value)
    assert _sha(demo_store.path) == before and blocker.read_text(encoding="utf-8") == "x"
