"""Bulk inserts (`Store.insert_many`, used by the roster import) write the same audit chain as
inserting the rows one by one, and `audit.verify` finds tampering inside a batch as anywhere
else. The expected hashes are computed here with `json.dumps` and `hashlib`, not by the store."""
import hashlib
import json
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.store import StoreError, audit, open_store

GENESIS = "0" * 64
TS = "2025-07-01T08:00:00+00:00"


def expected_hash(entry: dict) -> str:
    """The entry hash by the chain's definition: SHA-256 of the sorted, compact, non-ASCII JSON of
    the ten hashed fields."""
    fields = {k: entry[k] for k in ("id", "ts", "actor", "table_name", "row_id", "action",
                                    "before", "after", "reason", "prev_hash")}
    text = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class FrozenClock(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.fromisoformat(TS)


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(audit, "datetime", FrozenClock)


def entries(store) -> list[dict]:
    return store.query("SELECT * FROM audit_log ORDER BY id")


def settings_rows(n: int) -> list[dict]:
    return [{"key": f"键{i}", "value": f'值 "{i}"\\\n\t' if i % 2 else None} for i in range(n)]


def test_a_batch_on_an_empty_ledger_hashes_as_worked_out_by_hand(frozen):
    store = open_store(None, actor="书记")
    ids = store.insert_many("settings", [{"key": "甲", "value": "一"}, {"key": "乙", "value": None}])
    assert ids == [1, 2]
    first, second = entries(store)
    assert first["after"] == '{"id":1,"key":"甲","value":"一"}'
    assert second["after"] == '{"id":2,"key":"乙","value":null}'
    assert (first["prev_hash"], second["prev_hash"]) == (GENESIS, first["hash"])
    by_hand = ('{"action":"insert","actor":"书记","after":"{\\"id\\":1,\\"key\\":\\"甲\\",'
               '\\"value\\":\\"一\\"}","before":null,"id":1,"prev_hash":"' + GENESIS +
               '","reason":null,"row_id":1,"table_name":"settings","ts":"' + TS + '"}')
    assert first["hash"] == hashlib.sha256(by_hand.encode("utf-8")).hexdigest()
    assert second["hash"] == expected_hash(second)
    assert audit.verify(store.conn).ok


def test_a_batch_writes_the_chain_one_by_one_inserts_write(frozen):
    """Same rows, same second, same reason: the two ledgers' audit logs are identical, hashes
    included, and the batch continues an existing chain."""
    one, many = open_store(None, actor="书记"), open_store(None, actor="书记")
    for store in (one, many):
        store.insert("settings", {"key": "先有", "value": "1"})
    rows = settings_rows(7)
    with one.transaction():
        ids_one = [one.insert("settings", row, reason="更正：补录") for row in rows]
    ids_many = many.insert_many("settings", rows, reason="更正：补录")
    assert ids_one == ids_many == list(range(2, 9))
    assert entries(one) == entries(many)
    assert [e["hash"] for e in entries(many)] == [expected_hash(e) for e in entries(many)]
    assert all(e["reason"] == "更正：补录" for e in entries(many)[1:])
    assert audit.verify(many.conn).ok


def test_rows_with_different_columns_keep_their_order_and_values(frozen):
    store = open_store(None, actor="书记")
    rows = [{"key": "a", "value": "1"}, {"key": "b"}, {"value": "3", "key": "c"}, {"key": "d"}]
    assert store.insert_many("settings", rows) == [1, 2, 3, 4]
    assert store.query("SELECT key, value FROM settings ORDER BY id") == [
        {"key": "a", "value": "1"}, {"key": "b", "value": None}, {"key": "c", "value": "3"},
        {"key": "d", "value": None}]
    assert [e["row_id"] for e in entries(store)] == [1, 2, 3, 4]
    assert audit.verify(store.conn).ok


def test_a_failing_row_leaves_nothing_behind():
    store = open_store(None, actor="书记")
    with pytest.raises(Exception):
        store.insert_many("settings", [{"key": "甲"}, {"key": "甲"}])     # key is UNIQUE
    assert store.query("SELECT count(*) AS n FROM settings")[0]["n"] == 0
    assert entries(store) == []


def test_the_ledger_picks_the_ids():
    store = open_store(None, actor="书记")
    with pytest.raises(ValueError):
        store.insert_many("settings", [{"id": 5, "key": "甲"}])
    assert entries(store) == []


@pytest.mark.parametrize("entry", [1, 3, 5])
def test_an_edited_batch_entry_is_found_at_its_place(entry):
    store = open_store(None, actor="书记")
    store.insert_many("settings", settings_rows(5))
    assert audit.verify(store.conn).ok
    store.conn.execute("DROP TRIGGER audit_log_no_update")
    store.conn.execute("UPDATE audit_log SET after = replace(after, '键', '假') WHERE id = ?",
                       (entry,))
    result = audit.verify(store.conn)
    assert (result.ok, result.broken_entry) == (False, entry)
    assert result.message == f"审计链第 {entry} 条的内容被改动过（哈希不符）。"


def test_a_row_of_a_batch_changed_behind_the_store_is_found():
    store = open_store(None, actor="书记")
    store.insert_many("settings", settings_rows(5))
    store.conn.execute("UPDATE settings SET value = '改' WHERE id = 4")
    result = audit.verify(store.conn)
    assert (result.ok, result.broken_entry) == (False, 4)
    assert "settings 第 4 条被绕过审计修改（字段：value" in result.message


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(actor=text, table=text, reason=st.none() | text, ts=text, after=text,
       number=st.integers(1, 10**12), row_id=st.integers(-10**12, 10**12),
       prev=st.text("0123456789abcdef", min_size=64, max_size=64))
def test_the_quick_insert_hash_is_the_chain_hash(actor, table, reason, ts, after, number, row_id,
                                                 prev):
    """Any text (quotes, backslashes, control characters, astral ideographs) hashes alike."""
    entry = {"id": number, "ts": ts, "actor": actor, "table_name": table, "row_id": row_id,
             "action": "insert", "before": None, "after": after, "reason": reason,
             "prev_hash": prev}
    quick = audit._insert_hash_text(actor, table, reason, ts)(number, row_id, after, prev)
    assert hashlib.sha256(quick.encode("utf-8")).hexdigest() == expected_hash(entry)


def test_a_batch_that_reads_back_the_wrong_rows_is_undone():
    """A row the batch did not insert (here: a trigger's) would be audited as if it had: the
    batch refuses and rolls back instead."""
    store = open_store(None, actor="书记")
    store.conn.execute("CREATE TRIGGER twin AFTER INSERT ON settings WHEN NEW.key NOT LIKE '%副本' "
                       "BEGIN INSERT INTO settings (key) VALUES (NEW.key || '副本'); END")
    with pytest.raises(StoreError, match="读回 2 条，应为 1 条"):
        store.insert_many("settings", [{"key": "甲"}])
    assert store.query("SELECT count(*) AS n FROM settings")[0]["n"] == 0
    assert entries(store) == []
