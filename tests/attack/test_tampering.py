"""History rewritten behind the store: each way the issue found to pass `audit verify` is caught."""
import json
import sqlite3

import pytest

from desktop_app.cli.main import main
from desktop_app.core.backup import create
from desktop_app.core.store import anchors, audit, open_store
from tests.attack.helpers import make_ledger, write_roster

@pytest.fixture
def ledger(tmp_path, monkeypatch, capsys):
    """A ledger with 10 members, a seal, more writes after it, and a backup (an anchor) of it all."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = make_ledger(tmp_path / "ledger.sqlite")
    assert main(["--db", str(db), "roster", "import", str(write_roster(tmp_path / "r.csv", 10)),
                 "--date", "2025-03-01"]) == 0
    store = open_store(db)
    store.seal_through("2025-06-30", "已报送上级：2025H1")
    store.set_setting("after_seal_1", "a")
    store.set_setting("after_seal_2", "b")
    store.set_setting("after_seal_3", "c")
    store.close()
    create.automatic_backup(db)
    assert main(["--db", str(db), "audit", "verify"]) == 0
    assert "与 2 个外部锚点" in capsys.readouterr().out    # the manifest and the anchor file
    return db


def _drop_triggers(conn):
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                        "AND tbl_name = 'audit_log'").fetchall()
    for name, _ in rows:
        conn.execute(f"DROP TRIGGER {name}")
    return [sql for _, sql in rows]


def _rehash(conn):
    """What a careful forger does after an edit: renumber and recompute every hash."""
    rows = conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
    columns = [c[0] for c in conn.execute("SELECT * FROM audit_log LIMIT 1").description]
    prev = audit.GENESIS
    conn.execute("DELETE FROM audit_log")
    for number, values in enumerate(rows, start=1):
        entry = dict(zip(columns, values))
        entry["id"], entry["prev_hash"] = number, prev
        entry["hash"] = audit._entry_hash(entry)
        prev = entry["hash"]
        conn.execute(f"INSERT INTO audit_log ({', '.join(columns)}) VALUES "
                     f"({', '.join('?' for _ in columns)})", [entry[c] for c in columns])


def _verify(db, capsys) -> str:
    assert main(["--db", str(db), "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "审计链完整" not in out
    return out


def test_dropped_triggers_are_reported(ledger, capsys):
    conn = sqlite3.connect(ledger)
    _drop_triggers(conn)
    conn.commit()
    conn.close()
    assert "缺少触发器 audit_log_no_delete" in _verify(ledger, capsys)


def test_last_entries_deleted_with_their_effects_and_triggers_put_back(ledger, capsys):
    conn = sqlite3.connect(ledger)
    triggers = _drop_triggers(conn)
    for _, table, row_id in conn.execute("SELECT id, table_name, row_id FROM audit_log "
                                         "ORDER BY id DESC LIMIT 3").fetchall():
        conn.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
    conn.execute("DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)")
    for sql in triggers:
        conn.execute(sql)
    conn.commit()
    conn.close()
    out = _verify(ledger, capsys)
    assert "审计链被截断" in out and "末尾 3 条" in out


def test_a_seal_deleted_with_its_entry(ledger, capsys):
    conn = sqlite3.connect(ledger)
    _drop_triggers(conn)
    seal_entry = conn.execute("SELECT id, row_id FROM audit_log WHERE table_name = 'seals'").fetchone()
    conn.execute("DELETE FROM seals WHERE id = ?", [seal_entry[1]])
    conn.execute("DELETE FROM audit_log WHERE id = ?", [seal_entry[0]])
    conn.commit()
    out = _verify(ledger, capsys)
    assert f"审计链在第 {seal_entry[0] + 1} 条断开" in out
    _rehash(conn)           # the forger covers the gap too
    conn.commit()
    conn.close()
    out = _verify(ledger, capsys)
    assert "审计链被截断" in out or "审计历史被改写" in out


def test_every_hash_recomputed_after_an_edit(ledger, capsys):
    conn = sqlite3.connect(ledger)
    _drop_triggers(conn)
    entry_id, row_id, after = conn.execute(
        "SELECT id, row_id, after FROM audit_log WHERE table_name = 'members' LIMIT 1").fetchone()
    row = json.loads(after)
    row["phone"] = "13999999999"
    conn.execute("UPDATE members SET phone = '13999999999' WHERE id = ?", [row_id])
    conn.execute("UPDATE audit_log SET after = ? WHERE id = ?",
                 [json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")), entry_id])
    _rehash(conn)
    conn.commit()
    conn.close()
    out = _verify(ledger, capsys)
    assert "审计历史被改写" in out


def test_the_anchor_file_alone_catches_a_rewrite_when_backups_are_gone(ledger, capsys):
    import shutil
    shutil.rmtree(ledger.with_name("ledger-backups"))
    assert anchors.listed(ledger)
    test_every_hash_recomputed_after_an_edit(ledger, capsys)


def test_a_table_without_id_is_reported_not_a_traceback(ledger, capsys):
    conn = sqlite3.connect(ledger)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES ('hidden')")
    conn.commit()
    conn.close()
    out = _verify(ledger, capsys)
    assert "多出表 notes" in out and "表 notes 没有 id 列" in out
