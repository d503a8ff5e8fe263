"""The app's opening path for a sound ledger in a bad place, and 首页's backup line after the
start-up backup (issue #11 part 2, issue #14 part 6)."""
from pathlib import Path

import pytest

from desktop_app.core import integrity
from desktop_app.core.backup import archive
from desktop_app.core.store import StoreError
from desktop_app.ui.damaged_ledger_dialog import open_or_recover
from desktop_app.ui.worker import Worker


@pytest.fixture(autouse=True)
def attachments_in_tmp(tmp_path, monkeypatch):
    folder = tmp_path / "attachments"
    folder.mkdir()
    monkeypatch.setattr(archive, "default_attachments_dir", lambda: folder)


@pytest.mark.parametrize("place", ["read_only", "disk_full"])
def test_a_sound_ledger_in_a_bad_place_is_offered_a_read_only_opening(qtbot, demo_store, monkeypatch,
                                                                      place):
    db = Path(demo_store.path)
    members = demo_store.query_one("SELECT count(*) AS n FROM members")["n"]
    demo_store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    demo_store.close()
    if place == "read_only":
        monkeypatch.setattr(integrity, "location_writable", lambda path: False)
    else:
        monkeypatch.setattr(integrity, "disk_full", lambda path: True)
    opened = []
    dialog = open_or_recover(db, "书记", Worker(), opened.append)
    qtbot.addWidget(dialog)
    text = dialog.text()
    assert "账本完好" in text and "已损坏" not in text and "不需要恢复" in text
    assert dialog.form.restoreButton.isHidden() and dialog.form.otherButton.isHidden()
    assert not dialog.form.readOnlyButton.isHidden()
    dialog.form.readOnlyButton.click()
    store = opened[0]
    assert store.read_only
    assert store.query_one("SELECT count(*) AS n FROM members")["n"] == members
    with pytest.raises(StoreError, match="只读"):
        store.set_setting("x", "1")
    store.close()


def test_home_page_shows_the_start_up_backup_once_it_is_made(qtbot, ctx):
    from desktop_app.ui import opening
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.pages.home_page import HomePage
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    home = window.findChild(HomePage)
    assert home.form.backupLabel.text() == "尚未备份"
    running = {}
    opening._start_backups(running, ctx, window)
    qtbot.waitUntil(lambda: running["backups"].job is None, timeout=30000)
    newest = archive.list_backups(archive.default_folder(ctx.store.path))[0]
    assert home.form.backupLabel.text() == f"最近备份：{newest.created:%Y-%m-%d %H:%M}"


def test_a_ledger_locked_by_another_program_is_not_offered_a_restore(qtbot, demo_store):
    # Another program (a restore from the command line) holds the ledger EXCLUSIVE.
    import sqlite3
    db = Path(demo_store.path)
    demo_store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    demo_store.close()
    holder = sqlite3.connect(db, timeout=0, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        dialog = open_or_recover(db, "书记", Worker(), lambda store: None)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.addWidget(dialog)
    text = dialog.text()
    assert "另一个程序" in text and "损坏" not in text and "不需要恢复" in text
    assert dialog.form.restoreButton.isHidden() and dialog.form.otherButton.isHidden()
    assert dialog.form.readOnlyButton.isHidden()
