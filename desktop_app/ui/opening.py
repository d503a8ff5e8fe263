"""From a shown, empty main window to the open ledger in it: the lock, the leftovers of killed
backups and SQLite's quick check (on the worker), then the ledger, the demo or the first-run
wizard, and the automatic backups.

Everything here runs after the window is on screen (app.run_gui shows it first), so none of the
core — the store, the rules, psutil, the backup code — is loaded before the user sees the window.
A damaged ledger is never opened: the dialog offers the newest good backup instead.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from desktop_app.core import integrity, orgs
from desktop_app.core.backup import create
from desktop_app.core.instance_lock import InstanceLock, LedgerInUse
from desktop_app.core.store import Store, StoreError
from desktop_app.ui import preferences
from desktop_app.ui.auto_backup import AutoBackup
from desktop_app.ui.context import AppContext
from desktop_app.ui.damaged_ledger_dialog import open_or_recover
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages import PAGES, load_factory
from desktop_app.ui.worker import Worker

DEMO_SIZE = {"members": 120, "years": 3}
DEFAULT_ACTOR = "书记"
LOCK_REFRESH_MS = 30 * 60 * 1000


class Launcher(QObject):
    """From an open ledger to a shown main window: demo generation or first-run wizard first.
    `shell`: the window start-up has shown already (it is attached to the ledger, not made)."""

    window_shown = Signal(object)
    gave_up = Signal(int)

    def __init__(self, ctx: AppContext, demo: bool, shell: MainWindow | None = None):
        super().__init__()
        self.ctx = ctx
        self.demo = demo
        self.shell = shell
        self.window: MainWindow | None = None

    def start(self) -> None:
        store = self.ctx.store
        if orgs.root(store) is not None:
            self._show_window()
        elif self.demo:
            # Imported here: the generator and its data are only needed for an empty demo ledger.
            from desktop_app.core.demo import DemoSpec, generate
            spec = DemoSpec(**DEMO_SIZE)
            self.ctx.worker.run(self.shell, "正在生成演示账本", lambda progress: generate(store, spec),
                                lambda _: self._show_window(), cancellable=False,
                                on_failed=self._demo_failed)
        elif preferences.get(preferences.START_MODE) == preferences.UPSTREAM:
            self._show_workstation()
        else:
            self._run_wizard()

    def _run_wizard(self) -> None:
        from desktop_app.ui.wizard import FirstRunWizard
        self.wizard = FirstRunWizard(self.ctx)
        self.wizard.accepted.connect(self._show_window)
        self.wizard.rejected.connect(lambda: self.gave_up.emit(0))
        self.wizard.upstream_chosen.connect(self._upstream_chosen)
        self.wizard.open()

    def _upstream_chosen(self) -> None:
        """This PC is the upstream office's: the workstation now and at every start while the
        ledger stays empty (its 改为记录本组织 button brings the wizard back)."""
        preferences.put(preferences.START_MODE, preferences.UPSTREAM)
        self._show_workstation()            # shown first: the app quits when no window is left
        self.wizard.rejected.disconnect()
        self.wizard.reject()

    def _show_workstation(self) -> None:
        """The upstream workstation instead of the (empty) branch window."""
        from desktop_app.ui.workstation.window import WorkstationWindow
        self.workstation = WorkstationWindow(self.ctx.worker, self.ctx.today, can_switch=True)
        self.workstation.switch_to_ledger.connect(self._leave_workstation)
        self.workstation.show_sized()
        if self.shell is not None:
            self.shell.hide()

    def _leave_workstation(self) -> None:
        preferences.put(preferences.START_MODE, "")
        self._run_wizard()

    def _demo_failed(self, message: str) -> None:
        QMessageBox.critical(self.shell, "演示账本生成失败", message)
        self.gave_up.emit(1)

    def _show_window(self) -> None:
        if self.shell is not None:
            self.window = self.shell
            self.window.attach(self.ctx)
            if not self.window.isVisible():       # hidden while the workstation was shown
                self.window.show_sized()
        else:
            self.window = MainWindow(self.ctx)
            self.window.show_sized()
        self.window_shown.emit(self.window)


class Opening(QObject):
    """The steps from the shown window to the open ledger, in order; `running` collects what
    run_gui closes at the end (lock, ctx). `finish(code)` ends the application."""

    def __init__(self, db_path: Path, demo: bool, worker: Worker, window: MainWindow,
                 finish: Callable[[int], None], running: dict):
        super().__init__(window)
        self.db_path, self.demo, self.worker, self.window = Path(db_path), demo, worker, window
        self.finish = finish
        self.running = running

    def start(self) -> None:
        """Take the lock, then check the file on the worker; 首页's code loads meanwhile
        (SQLite releases the GIL while it reads: half a second each on a 10-year ledger)."""
        lock = InstanceLock(self.db_path)
        try:
            lock.acquire()
        except (StoreError, OSError) as exc:
            if isinstance(exc, LedgerInUse) or _takes_writes(self.db_path):
                self._cannot_open(exc)
                return
            # A write-protected stick or a full disk has no room for a lock file, and nobody can
            # write there: the diagnosis says so and offers a read-only opening.
        self.running["lock"] = lock
        refresher = QTimer(self)
        refresher.timeout.connect(lock.refresh)
        refresher.start(LOCK_REFRESH_MS)
        path = self.db_path

        def check(progress) -> integrity.LedgerCheck:
            create.clean_leftovers(path)
            return integrity.check_file(path, thorough=False)

        self.worker.compute(check, self._checked, self._check_failed)
        load_factory(PAGES[0][1])

    def _checked(self, checked: integrity.LedgerCheck) -> None:
        try:
            # A damaged ledger is never opened: the dialog offers the newest good backup instead.
            damaged = open_or_recover(self.db_path, DEFAULT_ACTOR, self.worker, self._launch,
                                      self.window, checked=checked)
        except (StoreError, OSError) as exc:
            self._cannot_open(exc)
            return
        if damaged is not None:
            self.running["damaged"] = damaged
            damaged.rejected.connect(lambda: self.finish(2))

    def _check_failed(self, message: str) -> None:
        QMessageBox.critical(self.window, "无法打开账本", message)
        self.finish(2)

    def _launch(self, store: Store) -> None:
        store.actor = store.setting("secretary_name") or DEFAULT_ACTOR
        ctx = AppContext(store, self.worker)
        launcher = Launcher(ctx, self.demo, self.window)
        launcher.gave_up.connect(self.finish)
        launcher.window_shown.connect(lambda window: _start_backups(self.running, ctx, window))
        self.running.update(ctx=ctx, launcher=launcher)
        launcher.start()

    def _cannot_open(self, exc: Exception) -> None:
        """In use (naming who has it), unreadable, or a folder we cannot write: said in Chinese."""
        message = str(exc) if isinstance(exc, StoreError) else \
            f"无法在 {self.db_path.parent} 打开或建立账本：{exc.strerror or exc}"
        QMessageBox.critical(self.window, "无法打开账本", message)
        self.finish(2)


def _takes_writes(db_path: Path) -> bool:
    return integrity.location_writable(db_path) and not integrity.disk_full(db_path)


def _start_backups(running: dict, ctx: AppContext, window: MainWindow) -> None:
    """Today's automatic backup now (if due), then daily and on closing the window; 首页 shows
    each finished backup at once."""
    from desktop_app.ui.pages.home_page import HomePage
    running["backups"] = AutoBackup(ctx, window)
    running["backups"].backed_up.connect(
        lambda: [page.show_backup_state() for page in window.findChildren(HomePage)])
    running["backups"].run_if_due()
