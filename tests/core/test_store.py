import sqlite3

import pytest

from desktop_app.core import orgs
from desktop_app.core.store import SealedPeriodError, audit, migrations, open_store


def test_pragmas_on_file_ledger(tmp_path):
    s = open_store(tmp_path / "l.sqlite")
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert s.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert s.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version()


def test_failed_transaction_leaves_nothing(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            orgs.create(store, "A", "甲支部", "党支部")
            raise RuntimeError("boom")
    assert store.query("SELECT * FROM organisations") == []
    assert store.query("SELECT * FROM audit_log") == []


def test_every_write_is_audited_with_before_and_after(store):
    org_id = orgs.create(store, "A", "甲支部", "党支部")
    store.update("organisations", org_id, {"name": "乙支部"})
    store.delete("organisations", org_id)
    entries = store.query("SELECT action, before, after, actor FROM audit_log ORDER BY id")
    assert [e["action"] for e in entries] == ["insert", "update", "delete"]
    assert '"乙支部"' in entries[1]["after"] and '"甲支部"' in entries[1]["before"]
    assert entries[2]["after"] is None
    assert {e["actor"] for e in entries} == {"测试书记"}
    assert audit.verify(store.conn).ok


def test_audit_log_is_append_only(store):
    orgs.create(store, "A", "甲支部", "党支部")
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("UPDATE audit_log SET actor = 'x'")
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("DELETE FROM audit_log")


def test_raw_sql_edit_behind_the_store_is_reported(demo_store):
    assert audit.verify(demo_store.conn).ok
    demo_store.conn.execute("UPDATE members SET phone = '13900000000' WHERE id = 5")
    result = audit.verify(demo_store.conn)
    assert not result.ok
    assert "members 第 5 条" in result.message and "phone" in result.message


def test_raw_insert_and_chain_tampering_are_reported(store):
    orgs.create(store, "A", "甲支部", "党支部")
    orgs.create(store, "B", "乙支部", "党支部")
    store.conn.execute("INSERT INTO organisations (code, name, kind) VALUES ('C', '丙', '党支部')")
    assert "没有审计记录" in audit.verify(store.conn).message
    store.conn.execute("DELETE FROM organisations WHERE code = 'C'")
    store.conn.execute("DROP TRIGGER audit_log_no_update")
    store.conn.execute("UPDATE audit_log SET actor = '别人' WHERE id = 1")
    result = audit.verify(store.conn)
    assert not result.ok and result.broken_entry == 1


def test_sealed_period_needs_a_correction_reason(demo_store):
    event = demo_store.query_one("SELECT * FROM member_events ORDER BY on_date LIMIT 1")
    demo_store.seal_through("2025-12-31", "2025 年度报送")
    with pytest.raises(SealedPeriodError):
        demo_store.update("member_events", event["id"], {"place": "改过"})
    demo_store.update("member_events", event["id"], {"place": "改过"}, reason="地点笔误")
    last = demo_store.query_one("SELECT reason FROM audit_log ORDER BY id DESC LIMIT 1")
    assert last["reason"] == "地点笔误"
    assert audit.verify(demo_store.conn).ok
