"""Commands that only read and print (`shilu board`, `shilu export book`, `shilu check`) open the
ledger with a quick_check of the tables they read (not the audit log); a damaged page stops them
with words before anything is printed, and no file is written."""
import pytest

from desktop_app.cli.main import main
from tests.attack.helpers import damage_table, make_ledger, member_name, write_roster


@pytest.fixture
def ledger(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = make_ledger(tmp_path / "ledger.sqlite")
    assert main(["--db", str(db), "roster", "import", str(write_roster(tmp_path / "r.csv", 59))]) == 0
    assert main(["--db", str(db), "profile", "use", "--org", "SQ", "jiaxing-2016"]) == 0
    assert main(["--db", str(db), "org", "roles", "set", "--org", "SQ-01", "--role", "书记",
                 "--member", member_name(1), "--on", "2024-01-01"]) == 0
    return db


@pytest.mark.parametrize("command", [
    ["export", "book", "--org", "SQ-01", "--year", "2025"],
    ["board", "2", "--org", "SQ-01", "--year", "2025", "--posted-on", "2025-12-20"],
])
def test_printing_from_a_damaged_ledger_writes_nothing(ledger, tmp_path, capsys, command):
    out = tmp_path / "out.pdf"
    assert main(["--db", str(ledger), *command, "-o", str(out)]) == 0     # sound: prints
    out.unlink()
    damage_table(ledger, "members")
    assert main(["--db", str(ledger), *command, "-o", str(out)]) == 2
    assert "账本文件 ledger.sqlite" in capsys.readouterr().err and not out.exists()


def test_a_check_reading_a_damaged_page_stops_with_words(ledger, capsys):
    command = ["--db", str(ledger), "check", "--org", "SQ-01", "--period", "2025"]
    assert main(command) == 0
    capsys.readouterr()
    damage_table(ledger, "members")
    assert main(command) == 2
    captured = capsys.readouterr()
    assert "账本文件 ledger.sqlite" in captured.err and "体检" not in captured.out


def _cut_cell_count(db, table: str) -> None:
    """Halve the cell count in the header of `table`'s first leaf page: a bad sector SQLite does
    not notice when reading (the page just holds fewer rows), but quick_check does."""
    import sqlite3
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    before = conn.execute(f"SELECT count(*) FROM {table} NOT INDEXED").fetchone()[0]
    conn.close()
    with open(db, "r+b") as handle:
        def read(at: int, n: int) -> int:
            handle.seek((page - 1) * size + at)
            return int.from_bytes(handle.read(n), "big")
        while read(0, 1) == 0x05:                    # an interior page: to its first child
            page = read(read(12, 2), 4)
        cells = read(3, 2)
        handle.seek((page - 1) * size + 3)
        handle.write((cells // 2).to_bytes(2, "big"))
    conn = sqlite3.connect(db)
    assert conn.execute(f"SELECT count(*) FROM {table} NOT INDEXED").fetchone()[0] < before   # no error
    conn.close()


@pytest.mark.parametrize("command", [
    ["check", "--org", "SQ-01", "--period", "2025"],
    ["export", "book", "--org", "SQ-01", "--year", "2025", "-o", "OUT"],
    ["board", "2", "--org", "SQ-01", "--year", "2025", "--posted-on", "2025-12-20", "-o", "OUT"],
])
def test_a_damaged_page_read_without_an_error_still_stops_a_print(ledger, tmp_path, capsys, command):
    # Members lost from a page that reads "fine" would print a 公开栏 or 体检 with people missing.
    out = tmp_path / "out.pdf"
    command = [str(out) if part == "OUT" else part for part in command]
    _cut_cell_count(ledger, "members")
    assert main(["--db", str(ledger), *command]) == 2
    captured = capsys.readouterr()
    assert "账本文件 ledger.sqlite" in captured.err and not out.exists() and "体检" not in captured.out


def test_a_ledger_held_by_a_restore_is_busy_not_damaged(ledger, tmp_path, capsys):
    # A restore locks the ledger EXCLUSIVE (backup/restore.py); a print meanwhile must not call
    # the ledger damaged nor offer to restore it.
    import sqlite3
    holder = sqlite3.connect(ledger, timeout=0, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert main(["--db", str(ledger), "check", "--org", "SQ-01", "--period", "2025"]) == 2
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert "正被另一个程序独占" in err and "损坏" not in err and "可以从" not in err
