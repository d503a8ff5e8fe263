"""Backups through the UI: back up, change, restore and see the old data; a damaged ledger at
start-up offers the newest good backup; the exit backup runs before the window closes."""
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.core.backup import archive, create
from desktop_app.core.store import open_store
from desktop_app.ui.opening import _start_backups
from desktop_app.ui.backup_dialog import BackupDialog
from desktop_app.ui.damaged_ledger_dialog import open_or_recover
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.worker import Worker


@pytest.fixture(autouse=True)
def attachments_in_tmp(tmp_path, monkeypatch):
    """Never read or write the real user's attachments folder."""
    folder = tmp_path / "attachments"
    folder.mkdir()
    monkeypatch.setattr(archive, "default_attachments_dir", lambda: folder)
    return folder


@pytest.fixture
def answers(monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    return said


def _first_member(store):
    return store.query_one("SELECT id, name FROM members ORDER BY id LIMIT 1")


def test_restore_a_backup_through_the_dialog_brings_the_old_data_back(qtbot, ctx, answers):
    db = Path(ctx.store.path)
    dialog = BackupDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.form.backupButton.click()
    qtbot.waitUntil(lambda: dialog.form.table.rowCount() == 1, timeout=20000)
    assert "已备份" in dialog.form.resultLabel.text()

    member = _first_member(ctx.store)
    ctx.store.update("members", member["id"], {"name": "改后的名字"})
    old_store = ctx.store
    dialog.form.table.selectRow(0)
    with qtbot.waitSignal(dialog.restored, timeout=20000) as restored:
        dialog.form.restoreButton.click()
    assert ctx.store is not old_store                       # the ledger was reopened
    assert ctx.store.get("members", member["id"])["name"] == member["name"]
    result = restored.args[0]
    assert result.replaced is not None and result.replaced.exists()
    kept = open_store(result.replaced, "检查")
    assert kept.get("members", member["id"])["name"] == "改后的名字"   # the replaced file is kept
    kept.close()
    assert "已从备份恢复" in answers[0] and db.exists()


def test_a_damaged_backup_is_refused_and_the_ledger_stays_open_unchanged(qtbot, ctx, answers):
    db = Path(ctx.store.path)
    info = create.automatic_backup(db)
    data = bytearray(info.path.read_bytes())
    data[200:260] = os.urandom(60)
    info.path.write_bytes(bytes(data))
    member = _first_member(ctx.store)
    ctx.store.update("members", member["id"], {"name": "新名字"})
    dialog = BackupDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.restore(info.path)
    qtbot.waitUntil(lambda: bool(answers), timeout=20000)
    assert "现有账本没有任何改动" in answers[0] or "损坏" in answers[0]
    assert ctx.store.get("members", member["id"])["name"] == "新名字"


def test_back_up_to_a_usb_folder(qtbot, ctx, tmp_path, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    dialog = BackupDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.form.usbButton.click()
    qtbot.waitUntil(lambda: "已备份" in dialog.form.resultLabel.text(), timeout=20000)
    [made] = archive.list_backups(usb)
    assert str(usb) in dialog.form.resultLabel.text() and made.audit_entries > 0


def _corrupt(path: Path) -> None:
    """Overwrite pages in the middle of the file with random bytes (the header survives)."""
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page * 2, len(data) - page, page * 7):
        data[start:start + page] = os.urandom(page)
    path.write_bytes(bytes(data))


def test_a_corrupted_ledger_at_start_offers_the_backup_and_accepting_restores(
        qtbot, demo_store, tmp_path):
    db = Path(demo_store.path)
    members = demo_store.query_one("SELECT count(*) AS n FROM members")["n"]
    backup = create.automatic_backup(db)
    demo_store.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    _corrupt(db)
    worker = Worker()
    opened = []
    dialog = open_or_recover(db, "书记", worker, opened.append)
    qtbot.addWidget(dialog)
    assert dialog is not None and not opened             # nothing opened, nothing created empty
    text = dialog.text()
    assert "账本文件有问题" in text and db.name in text
    assert "损坏" in text or "完整性检查" in text
    assert f"找到最近一份完好的备份：{backup.describe()}" in text
    dialog.form.restoreButton.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    store = opened[0]
    assert store.query_one("SELECT count(*) AS n FROM members")["n"] == members
    assert list(tmp_path.glob("ledger.sqlite.replaced-*"))  # the damaged file is kept
    store.close()
    worker.wait_idle()


def test_random_bytes_without_a_backup_are_explained_and_nothing_is_opened(qtbot, tmp_path):
    db = tmp_path / "ledger.sqlite"
    db.write_bytes(os.urandom(20000))
    opened = []
    dialog = open_or_recover(db, "书记", Worker(), opened.append)
    qtbot.addWidget(dialog)
    assert "不是账本文件" in dialog.text() and "没有找到完好的备份" in dialog.text()
    assert dialog.form.restoreButton.isHidden() and not opened
    assert len(db.read_bytes()) == 20000


def test_closing_the_window_backs_up_first(qtbot, ctx):
    """The main window wired as the app wires it (`_start_backups`), closed as the user does."""
    db = Path(ctx.store.path)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    running: dict = {}
    _start_backups(running, ctx, window)              # no backup yet: the daily one starts
    backups = running["backups"]
    assert backups.job is not None
    qtbot.waitUntil(lambda: backups.job is None, timeout=20000)
    assert not backups.run_if_due()                   # nothing changed since
    ctx.store.update("members", _first_member(ctx.store)["id"], {"phone": "13800000000"})
    window.close()
    assert window.isVisible()                         # waits for the exit backup …
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20000)
    newest = archive.list_backups(archive.default_folder(db))[0]   # (the rotation keeps one a day)
    entries = ctx.store.query_one("SELECT count(*) AS n FROM audit_log")["n"]
    assert newest.audit_entries == entries                # the phone change is in the backup
