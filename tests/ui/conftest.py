"""UI fixtures: an AppContext over the per-test demo ledger, pinned to a known day."""
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop_app.ui.context import AppContext
from desktop_app.ui import unsaved
from desktop_app.ui.unsaved import Answer
from desktop_app.ui.worker import Worker

TODAY = "2025-12-31"


@pytest.fixture
def ctx(qtbot, demo_store):
    worker = Worker()
    context = AppContext(demo_store, worker, today=lambda: TODAY)
    yield context
    worker.wait_idle()


@pytest.fixture
def empty_ctx(qtbot, store):
    worker = Worker()
    context = AppContext(store, worker, today=lambda: TODAY)
    yield context
    worker.wait_idle()


@pytest.fixture(autouse=True)
def own_preferences(tmp_path, qapp):
    """Each test gets its own QSettings folder and leaves the application font as it found it."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "prefs"))
    font = QApplication.font()
    yield
    QApplication.setFont(font)


@pytest.fixture(autouse=True)
def own_drafts(tmp_path, monkeypatch):
    """Meeting drafts go to the test's own folder, never the user's data dir."""
    monkeypatch.setattr("desktop_app.ui.drafts.drafts_dir", lambda: tmp_path / "drafts")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    """When the test body is over, pytest-qt closes the test's widgets: an editor left with typing
    in it must not stop the run with its 保存/不保存/取消 question. Put back by closing_discards."""
    yield
    unsaved.ask_unsaved = lambda parent: Answer.DISCARD


@pytest.fixture(autouse=True)
def closing_discards():
    real = unsaved.ask_unsaved
    yield
    unsaved.ask_unsaved = real
