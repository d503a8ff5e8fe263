"""`audit.verify` catches tampering wherever it sits in the chain: the first, a middle and the last
entry, a deleted entry, a deleted row that comes back, and a truncated tail (issue #17)."""
import pytest

from desktop_app.core import orgs
from desktop_app.core.store import audit


@pytest.fixture
def chain(store):
    """Five audit entries: four organisations inserted (1-4), then organisation 4 renamed (5)."""
    for code, name in (("A", "甲支部"), ("B", "乙支部"), ("C", "丙支部"), ("D", "丁支部")):
        orgs.create(store, code, name, "党支部")
    store.update("organisations", 4, {"name": "戊支部"})
    whole = audit.verify(store.conn)
    assert (whole.ok, whole.entries, whole.broken_entry) == (True, 5, None)
    assert whole.message == "审计链完整：5 条记录，数据与日志一致。"
    assert store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 5
    for name in ("audit_log_no_update", "audit_log_no_delete"):
        store.conn.execute(f"DROP TRIGGER {name}")
    return store


@pytest.mark.parametrize("entry", [1, 3, 5])
def test_an_edited_entry_is_found_at_its_place(chain, entry):
    chain.conn.execute("UPDATE audit_log SET actor = '别人' WHERE id = ?", (entry,))
    result = audit.verify(chain.conn)
    assert (result.ok, result.entries, result.broken_entry) == (False, entry, entry)
    assert result.message == f"审计链第 {entry} 条的内容被改动过（哈希不符）。"


def test_an_edited_last_entry_matching_an_edited_row_is_found(chain):
    """The forger changes the row and the last entry's `after` together: only the hash tells."""
    chain.conn.execute("UPDATE organisations SET name = '假支部' WHERE id = 4")
    after = chain.conn.execute("SELECT after FROM audit_log WHERE id = 5").fetchone()[0]
    chain.conn.execute("UPDATE audit_log SET after = ? WHERE id = 5",
                       (after.replace("戊支部", "假支部"),))
    result = audit.verify(chain.conn)
    assert (result.ok, result.broken_entry) == (False, 5)


def test_a_deleted_middle_entry_breaks_the_link_after_it(chain):
    chain.conn.execute("DELETE FROM audit_log WHERE id = 3")
    result = audit.verify(chain.conn)
    assert (result.ok, result.entries, result.broken_entry) == (False, 3, 4)   # rows 1, 2, 4
    assert result.message == "审计链在第 4 条断开：前一条的哈希对不上（有记录被删除或插入）。"


def test_a_deleted_row_that_comes_back_is_found(chain):
    chain.delete("organisations", 2)
    assert audit.verify(chain.conn).ok
    chain.conn.execute("INSERT INTO organisations (id, code, name, kind) "
                       "VALUES (2, 'B', '乙支部', '党支部')")
    result = audit.verify(chain.conn)
    assert not result.ok and result.broken_entry == 6
    assert "organisations 第 2 条已在审计第 6 条删除，却又出现在账本中" in result.message


def test_a_truncated_tail_is_found(chain):
    """Dropping the last entry leaves the rename it recorded unexplained by the chain."""
    chain.conn.execute("DELETE FROM audit_log WHERE id = 5")
    result = audit.verify(chain.conn)
    assert (result.ok, result.entries, result.broken_entry) == (False, 4, 4)
    assert "organisations 第 4 条被绕过审计修改（字段：name" in result.message


def test_a_truncated_insert_leaves_a_row_without_history(chain):
    chain.conn.execute("DELETE FROM audit_log WHERE id >= 4")
    result = audit.verify(chain.conn)
    assert not result.ok
    assert "organisations 第 4 条没有审计记录" in result.message


def test_a_full_text_index_and_its_shadow_tables_are_not_audited(store):
    """A virtual table (and the `<name>_…` tables SQLite keeps for it) is rebuilt, not audited,
    whatever its name; an ordinary table beside it is audited."""
    store.conn.execute("CREATE VIRTUAL TABLE notes_fts USING fts5(body)")
    store.conn.execute("CREATE TABLE notes_plain (id INTEGER PRIMARY KEY, body TEXT)")
    tables = audit.audited_tables(store.conn)
    assert "notes_plain" in tables and "organisations" in tables
    assert not [t for t in tables if t.startswith(("notes_fts", "derived_", "sqlite_"))]
    assert "audit_log" not in tables


def test_the_earliest_entry_behind_a_tampered_row_is_reported_first(chain):
    """Row 1 last written at entry 6, row 4 at entry 5: both changed behind the store, the one the
    chain reached first (row 4, entry 5) is named, with every changed field."""
    chain.update("organisations", 1, {"name": "己支部"})
    chain.conn.execute("UPDATE organisations SET name = '假一', code = 'X1' WHERE id = 1")
    chain.conn.execute("UPDATE organisations SET name = '假四', code = 'X4' WHERE id = 4")
    result = audit.verify(chain.conn)
    assert (result.ok, result.entries, result.broken_entry) == (False, 6, 5)
    assert result.message == ("organisations 第 4 条被绕过审计修改（字段：code, name；"
                              "最后记录于审计第 5 条）。")


def test_the_head_is_the_count_and_the_last_hash(store):
    assert audit.head(store) == (0, "0" * 64)
    orgs.create(store, "A", "甲支部", "党支部")
    orgs.create(store, "B", "乙支部", "党支部")
    last = store.conn.execute("SELECT hash FROM audit_log WHERE id = 2").fetchone()[0]
    assert audit.head(store) == audit.head_of(store.conn) == (2, last) and last != "0" * 64


def test_a_deleted_next_to_last_entry_breaks_the_last_link(chain):
    """Entry 4 (organisation 4 inserted) goes; entry 5 (its rename) still explains the row, so only
    the last entry's link to its predecessor tells."""
    chain.conn.execute("DELETE FROM audit_log WHERE id = 4")
    result = audit.verify(chain.conn)
    assert (result.ok, result.entries, result.broken_entry) == (False, 4, 5)   # rows 1, 2, 3, 5
    assert result.message == "审计链在第 5 条断开：前一条的哈希对不上（有记录被删除或插入）。"


def test_a_deleted_first_entry_with_its_row_breaks_the_chain_at_the_start(chain):
    """Entry 1 and organisation 1 both removed: no row lacks history, so only the chain's start
    (entry 2 now comes first but points at entry 1, not at the genesis hash) tells."""
    chain.conn.execute("DELETE FROM audit_log WHERE id = 1")
    chain.conn.execute("DELETE FROM organisations WHERE id = 1")
    result = audit.verify(chain.conn)
    assert (result.ok, result.entries, result.broken_entry) == (False, 1, 2)
    assert result.message == "审计链在第 2 条断开：前一条的哈希对不上（有记录被删除或插入）。"


def test_a_row_deleted_behind_the_store_is_found(chain):
    chain.conn.execute("DELETE FROM organisations WHERE id = 3")
    result = audit.verify(chain.conn)
    assert (result.ok, result.entries, result.broken_entry) == (False, 5, 3)
    assert result.message == "organisations 第 3 条被绕过审计删除（最后记录于审计第 3 条）。"
