"""A nested `Store.transaction()` (every write inside a bigger one: the roster import's
insert_many, an org made on the way) is undone alone when it fails, and the outer block goes on."""
import pytest

from desktop_app.core.store import audit, open_store


def test_a_failed_nested_block_is_undone_alone():
    store = open_store(None, actor="书记")
    with store.transaction():
        store.insert("settings", {"key": "甲", "value": "1"})
        with pytest.raises(ValueError):
            with store.transaction():
                store.insert_many("settings", [{"key": "乙", "value": "2"}, {"key": "丙", "value": "3"}])
                raise ValueError("stop")
        with store.transaction():
            store.insert("settings", {"key": "丁", "value": "4"})
    assert [r["key"] for r in store.query("SELECT key FROM settings ORDER BY id")] == ["甲", "丁"]
    assert [r["row_id"] for r in store.query("SELECT row_id FROM audit_log ORDER BY id")] == [1, 2]
    assert audit.verify(store.conn).ok


def test_a_failed_outer_block_undoes_its_nested_ones_too():
    store = open_store(None, actor="书记")
    with pytest.raises(ValueError):
        with store.transaction():
            with store.transaction():
                store.insert("settings", {"key": "甲", "value": "1"})
            raise ValueError("stop")
    assert store.query("SELECT * FROM settings") == []
    assert store.query("SELECT * FROM audit_log") == []
    assert not store.conn.in_transaction
