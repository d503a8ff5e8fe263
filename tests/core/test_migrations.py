import shutil
from pathlib import Path

from desktop_app.core import members, orgs
from desktop_app.core.store import audit, migrations, open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_v1_ledger_opens_upgraded_with_its_data_and_chain(tmp_path):
    copy = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "ledger_v1.sqlite", copy)
    store = open_store(copy)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version()
    root = orgs.root(store)
    assert root.name == "示范社区党委"
    assert len(members.roster(store, "2024-12-31")) == 12
    assert audit.verify(store.conn).ok
    store.close()


def test_a_ledger_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    store = open_store(path)
    store.conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    store.close()
    try:
        open_store(path)
    except Exception as exc:  # StoreError, worded for the secretary
        assert "更新版本" in str(exc)
    else:
        raise AssertionError("a newer ledger must not be opened")
