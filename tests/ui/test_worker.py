import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.core.store import StoreError
from desktop_app.ui.worker import Worker


@pytest.fixture
def worker(qtbot):
    w = Worker()
    yield w
    w.wait_idle()


def test_result_comes_back_on_the_gui_thread(qtbot, worker):
    gui_thread = threading.get_ident()
    seen = {}

    def task(progress):
        seen["task_thread"] = threading.get_ident()
        progress(1, 2, "一半")
        return 42

    worker.run(None, "测试", task, lambda result: seen.update(result=result,
                                                            done_thread=threading.get_ident()))
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["task_thread"] != gui_thread
    assert seen["done_thread"] == gui_thread


def test_cancel_stops_the_task_at_its_next_progress_call(qtbot, worker):
    started, go_on = threading.Event(), threading.Event()
    steps = []

    def task(progress):
        started.set()
        go_on.wait(5)
        for i in range(3):
            progress(i, 3, "")
            steps.append(i)
        return "finished"

    results = []
    job = worker.run(None, "测试", task, results.append)
    assert started.wait(5)
    job.cancel()
    with qtbot.waitSignal(job.cancelled):
        go_on.set()
    assert steps == [] and results == []


def test_errors_become_a_chinese_message_box(qtbot, worker, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text: shown.append((title, text)))
    parent = QWidget()
    qtbot.addWidget(parent)

    def fails(progress):
        raise StoreError("组织代码 X 已存在")

    worker.run(parent, "建立组织", fails)
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == [("建立组织未完成", "组织代码 X 已存在")]

    shown.clear()
    worker.run(parent, "计算", lambda progress: 1 / 0)
    qtbot.waitUntil(lambda: bool(shown))
    title, text = shown[0]
    assert "ZeroDivisionError" in text and "Traceback" not in text and "程序内部错误" in text


def test_compute_shows_no_dialog_and_hands_a_failure_to_the_page_in_chinese(qtbot, worker):
    from PySide6.QtWidgets import QApplication, QProgressDialog
    results, failures = [], []
    worker.compute(lambda progress: 7, results.append, failures.append)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
    qtbot.waitUntil(lambda: results == [7])

    def task(progress):
        raise StoreError("找不到记录：members 第 9 条")
    worker.compute(task, results.append, failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert failures == ["找不到记录：members 第 9 条"] and results == [7]
