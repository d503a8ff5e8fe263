"""Shared fixtures. Qt runs offscreen; each test gets a copy of a template ledger (Anki's getEmptyCol)."""
import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.core.demo import DemoSpec, generate  # noqa: E402
from desktop_app.core.store import open_store  # noqa: E402


@pytest.fixture
def store():
    """An empty in-memory ledger."""
    s = open_store(None, actor="测试书记")
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    s = open_store(path, actor="测试书记")
    generate(s, DemoSpec(members=40, years=2, seed=7, last_year=2025))
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    return path


@pytest.fixture
def demo_store(demo_template, tmp_path):
    """A small two-year demo ledger (2024–2025), copied fresh for each test."""
    path = tmp_path / "ledger.sqlite"
    shutil.copy(demo_template, path)
    s = open_store(path, actor="测试书记")
    yield s
    s.close()
