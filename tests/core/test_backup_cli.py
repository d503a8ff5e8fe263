"""`shilu backup create/list/restore`: exit codes and Chinese messages."""
import sqlite3

import pytest

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.backup import archive
from desktop_app.core.instance_lock import InstanceLock


@pytest.fixture
def ledger(demo_store, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    demo_store.close()
    return demo_store.path


def test_create_list_restore(ledger, tmp_path, capsys):
    entries = sqlite3.connect(ledger).execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert main(["--db", str(ledger), "backup", "create"]) == 0
    out = capsys.readouterr().out
    assert "已备份" in out and f"{entries} 条审计记录" in out
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["--db", str(ledger), "backup", "create", "-o", str(usb)]) == 0
    made = next(usb.iterdir())
    capsys.readouterr()
    assert main(["--db", str(ledger), "backup", "list", "--dir", str(usb), "--check"]) == 0
    listing = capsys.readouterr().out
    assert f"{made.name}  " in listing and listing.rstrip().endswith("完好")
    assert main(["--db", str(ledger), "backup", "list"]) == 0
    assert "ledger-backups 中的备份" in capsys.readouterr().out
    assert main(["--db", str(ledger), "backup", "restore", str(made)]) == 0
    assert "已从备份恢复" in capsys.readouterr().out
    assert len(list(tmp_path.glob("ledger.sqlite.replaced-*"))) == 1


def test_list_check_marks_a_damaged_backup(ledger, tmp_path, capsys):
    assert main(["--db", str(ledger), "backup", "create", "-o", str(tmp_path / "b.zip")]) == 0
    data = bytearray((tmp_path / "b.zip").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (tmp_path / "b.zip").write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["--db", str(ledger), "backup", "list", "--dir", str(tmp_path), "--check"]) == 0
    assert "b.zip" in (out := capsys.readouterr().out) and "损坏" in out
    before = ledger.read_bytes()
    assert main(["--db", str(ledger), "backup", "restore", str(tmp_path / "b.zip")]) == 1
    assert "现有账本没有任何改动" in capsys.readouterr().err
    assert ledger.read_bytes() == before


def test_restore_refused_while_the_ledger_is_open_elsewhere(ledger, tmp_path, capsys):
    assert main(["--db", str(ledger), "backup", "create", "-o", str(tmp_path / "b.zip")]) == 0
    with InstanceLock(ledger, user="张三"):
        assert main(["--db", str(ledger), "backup", "restore", str(tmp_path / "b.zip")]) == 3
    assert "张三 在" in capsys.readouterr().err


def test_restore_works_when_the_ledger_is_too_damaged_to_open(ledger, tmp_path, capsys):
    assert main(["--db", str(ledger), "backup", "create"]) == 0
    made = archive.list_backups(archive.default_folder(ledger))[0].path
    ledger.write_bytes(b"\x00" * 4096)
    capsys.readouterr()
    assert main(["--db", str(ledger), "audit", "verify"]) == 2
    err = capsys.readouterr().err
    assert "不是账本文件" in err and f"backup restore {made}" in err
    assert main(["--db", str(ledger), "backup", "restore", str(made)]) == 0
    assert main(["--db", str(ledger), "audit", "verify"]) == 0


def test_backup_of_a_missing_ledger_creates_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    missing = tmp_path / "typo.sqlite"
    assert main(["--db", str(missing), "backup", "create"]) == 2
    assert "找不到账本文件" in capsys.readouterr().err
    assert not missing.exists() and not archive.default_folder(missing).exists()


def test_list_with_no_backups(ledger, capsys):
    assert main(["--db", str(ledger), "backup", "list"]) == 0
    assert "还没有备份" in capsys.readouterr().out
