"""Start the GUI: check and open the ledger (offering a backup if it is damaged), make the demo
or run the first-run wizard, show the window; back up daily and on closing."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core import integrity, orgs
from desktop_app.core.backup import create
from desktop_app.core.instance_lock import InstanceLock, LedgerInUse
from desktop_app.core.store import Store, StoreError
from desktop_app.ui import font_size, preferences, qt_chinese
from desktop_app.ui.auto_backup import AutoBackup
from desktop_app.ui.context import AppContext
from desktop_app.ui.damaged_ledger_dialog import open_or_recover
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages import PAGES, load_factory
from desktop_app.ui.worker import Worker, describe_error

log = logging.getLogger(__name__)

DEMO_SIZE = {"members": 120, "years": 3}
# Fonts with good Simplified Chinese coverage, best first, per platform.
CJK_FONTS = {
    "win32": ("Microsoft YaHei", "Microsoft YaHei UI", "SimHei", "SimSun"),
    "linux": ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Droid Sans Fallback"),
    "darwin": ("PingFang SC", "Heiti SC"),
}
DEFAULT_ACTOR = "书记"
LOCK_REFRESH_MS = 30 * 60 * 1000


def apply_cjk_font(app: QApplication, platform: str = sys.platform) -> str | None:
    """Put the first installed CJK font in front of the default family; return its name."""
    available = set(QFontDatabase.families())
    wanted = [f for f in CJK_FONTS.get(platform, ()) if f in available]
    if not wanted:
        return None
    font = app.font()
    font.setFamilies([*wanted, *font.families()])
    font.setPointSizeF(max(font.pointSizeF(), 10.0))
    app.setFont(font)
    return wanted[0]


def report_unexpected(exc_type, exc, tb) -> None:
    """`sys.excepthook` while the window is open: an action that fails says so in Chinese (the
    traceback goes to the log); the ledger keeps nothing of it, since every write is a transaction."""
    log.error("unexpected error in the GUI", exc_info=(exc_type, exc, tb))
    QMessageBox.warning(QApplication.activeWindow(), "操作未完成", describe_error(exc))


class Launcher(QObject):
    """From an open ledger to a shown main window: demo generation or first-run wizard first."""

    window_shown = Signal(object)
    gave_up = Signal(int)

    def __init__(self, ctx: AppContext, demo: bool):
        super().__init__()
        self.ctx = ctx
        self.demo = demo
        self.window: MainWindow | None = None

    def start(self) -> None:
        store = self.ctx.store
        if orgs.root(store) is not None:
            self._show_window()
        elif self.demo:
            # Imported here: the generator and its data are only needed for an empty demo ledger.
            from desktop_app.core.demo import DemoSpec, generate
            spec = DemoSpec(**DEMO_SIZE)
            self.ctx.worker.run(None, "正在生成演示账本", lambda progress: generate(store, spec),
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
        from desktop_app.ui.workstation.window import WorkstationWindow
        self.workstation = WorkstationWindow(self.ctx.worker, self.ctx.today, can_switch=True)
        self.workstation.switch_to_ledger.connect(self._leave_workstation)
        self.workstation.show_sized()

    def _leave_workstation(self) -> None:
        preferences.put(preferences.START_MODE, "")
        self._run_wizard()

    def _demo_failed(self, message: str) -> None:
        QMessageBox.critical(None, "演示账本生成失败", message)
        self.gave_up.emit(1)

    def _show_window(self) -> None:
        self.window = MainWindow(self.ctx)
        self.window.show_sized()
        self.window_shown.emit(self.window)


def run_gui(db_path: Path, demo: bool) -> int:
    """Open the ledger at `db_path` in the main window; with `demo`, fill an empty one first."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Shilu")
    app.setApplicationDisplayName("工作实录")
    qt_chinese.install(app)
    apply_cjk_font(app)
    font_size.apply(app)
    create.clean_leftovers(db_path)
    lock = InstanceLock(db_path)
    try:
        lock.acquire()
    except (StoreError, OSError) as exc:
        if isinstance(exc, LedgerInUse) or _takes_writes(db_path):
            _cannot_open(db_path, exc)
            return 2
        # A write-protected stick or a full disk has no room for a lock file, and nobody can
        # write there: the diagnosis below says so and offers a read-only opening.
    refresher = QTimer(app)
    refresher.timeout.connect(lock.refresh)
    refresher.start(LOCK_REFRESH_MS)
    worker = Worker()
    running: dict = {}

    def launch(store: Store) -> None:
        store.actor = store.setting("secretary_name") or DEFAULT_ACTOR
        ctx = AppContext(store, worker)
        launcher = Launcher(ctx, demo)
        launcher.gave_up.connect(app.exit)
        launcher.window_shown.connect(lambda window: _start_backups(running, ctx, window))
        running.update(ctx=ctx, launcher=launcher)
        launcher.start()

    # SQLite checks the file on a thread while the first page's code loads (half a second each on
    # a 10-year ledger); the ledger opens only once the check is in.
    checked = integrity.check_ahead(db_path)
    load_factory(PAGES[0][1])
    try:
        # A damaged ledger is never opened: the dialog offers the newest good backup instead.
        running["damaged"] = open_or_recover(db_path, DEFAULT_ACTOR, worker, launch,
                                             checked=checked())
    except (StoreError, OSError) as exc:
        lock.release()
        _cannot_open(db_path, exc)
        return 2
    if running["damaged"] is not None:
        running["damaged"].rejected.connect(lambda: app.exit(2))
    sys.excepthook = report_unexpected
    try:
        return app.exec()
    finally:
        sys.excepthook = sys.__excepthook__
        worker.wait_idle()
        if "ctx" in running:
            running["ctx"].store.close()
        lock.release()


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


def _cannot_open(db_path: Path, exc: Exception) -> None:
    """In use (naming who has it), unreadable, or a folder we cannot write: said in Chinese."""
    message = str(exc) if isinstance(exc, StoreError) else \
        f"无法在 {db_path.parent} 打开或建立账本：{exc.strerror or exc}"
    QMessageBox.critical(None, "无法打开账本", message)
