"""The one way to run long work off the GUI thread (Anki's CollectionOp, Picard's run_task).

A single background thread runs the tasks one after another, so the ledger is never touched by two
tasks at once. A task is a plain function `task(progress)` that closes over the store, never over a
widget; `progress(done, total, text)` updates the dialog and raises `Cancelled` once the user has
pressed 取消. Results and errors come back to the GUI thread by signal; errors are shown as a
Chinese message box, never as a traceback.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop_app.core.errors import WordedError

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """Raised inside a task by `progress()` after the user pressed 取消."""


def describe_error(exc: BaseException) -> str:
    """The Chinese sentence shown to the secretary for a failed task."""
    if isinstance(exc, WordedError):
        return str(exc)
    if isinstance(exc, OSError):
        from desktop_app.core.durable import describe_error as describe_os_error
        where = f"（{exc.filename}）" if exc.filename else ""
        return f"读写文件失败{where}：{describe_os_error(exc)}"
    if isinstance(exc, sqlite3.Error):
        from desktop_app.core.store.connection import worded_sqlite_error
        return str(worded_sqlite_error(exc, None))
    return (f"操作未能完成：程序内部错误（{type(exc).__name__}）。账本不会留下只做了一半的修改；"
            "请重试，如仍出错请联系维护人员。")


class Job(QObject):
    """One submitted task; its signals arrive on the GUI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, task: Callable[[Progress], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._task = task
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int, text: str) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.progressed.emit(done, total, text)

    def _run(self) -> None:
        """Runs on the worker thread."""
        try:
            result = self._task(self._progress)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # shown to the user as a sentence; the traceback goes to the log
            log.exception("background task failed")
            self.failed.emit(describe_error(exc))
        else:
            self.succeeded.emit(result)
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run()


class Worker(QObject):
    """Owns the single background thread. Create one per application and pass it to pages."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: set[Job] = set()

    def run(self, parent: QWidget | None, title: str, task: Callable[[Progress], Any],
            on_done: Callable[[Any], None] | None = None, *, cancellable: bool = True,
            on_failed: Callable[[str], None] | None = None) -> Job:
        """Run `task(progress)` in the background behind a progress dialog titled `title`.

        `on_done(result)` runs on the GUI thread. A failure shows a message box (or calls
        `on_failed(message)` when given); a cancelled task calls neither.
        """
        job = Job(task)
        dialog = _progress_dialog(parent, title, cancellable)
        job.progressed.connect(dialog.update_progress)
        if cancellable:
            dialog.canceled.connect(job.cancel)
        job.finished.connect(dialog.finish)
        return self._start(job, on_done,
                           on_failed or (lambda message: _show_error(parent, title, message)))

    def compute(self, task: Callable[[Progress], Any], on_done: Callable[[Any], None],
                on_failed: Callable[[str], None]) -> Job:
        """Run `task(progress)` in the background with no dialog: for figures a page fills in by
        itself while it shows its own quiet 正在计算… state. `on_failed(message)` is required,
        since nothing else tells the user; it gets the Chinese sentence of `describe_error`."""
        return self._start(Job(task), on_done, on_failed)

    def _start(self, job: Job, on_done: Callable[[Any], None] | None,
               on_failed: Callable[[str], None]) -> Job:
        if on_done is not None:
            job.succeeded.connect(on_done)
        job.failed.connect(on_failed)
        job.finished.connect(lambda: self._jobs.discard(job))
        self._jobs.add(job)
        self._pool.start(_Runnable(job))
        return job

    def wait_idle(self, msecs: int = -1) -> bool:
        """Block until no task is running (used when closing the window)."""
        return self._pool.waitForDone(msecs)


class _ProgressDialog(QProgressDialog):
    """Appears only when a task takes longer than half a second, so quick tasks do not flash."""

    @Slot(int, int, str)
    def update_progress(self, done: int, total: int, text: str) -> None:
        self.setMaximum(max(total, 0))
        self.setValue(min(done, total) if total > 0 else 0)
        if text:
            self.setLabelText(text)

    @Slot()
    def finish(self) -> None:
        self.reset()
        self.hide()
        self.deleteLater()


def _progress_dialog(parent: QWidget | None, title: str, cancellable: bool) -> _ProgressDialog:
    dialog = _ProgressDialog(f"{title}……", "取消" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    return dialog


def _show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, f"{title}未完成", message)
