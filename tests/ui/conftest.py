"""UI fixtures: an AppContext over the per-test demo ledger, pinned to a known day."""
import pytest

from desktop_app.ui.context import AppContext
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
